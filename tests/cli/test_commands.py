"""The command line, end to end: what a user types, what they see, what is left on disk.

Commands run in-process through ``main`` (stdout and stderr captured); a few
run the real ``prospect`` console script to prove no traceback reaches a user.
Every test works in its own ``PROSPECT_HOME``.
"""

from __future__ import annotations

import csv
import gc
import io
import json
import os
import stat
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import pytest

from prospect_tui import __version__
from prospect_tui.__main__ import main
from prospect_tui.core.clock import ManualClock
from prospect_tui.core.model import Prospect
from prospect_tui.core.phones import is_e164
from prospect_tui.locations import LOG_FILE
from prospect_tui.store.repository import Repository
from prospect_tui.store.workspace import Workspace
from tests.conftest import PROSPECT_FIELDS

CONSOLE_SCRIPT = Path(sys.executable).parent / "prospect"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``prospect ARGV`` in this process: (exit status, stdout, stderr)."""
    capsys.readouterr()
    try:
        code = main(list(argv))
    except SystemExit as exit_:  # --version and --help exit through argparse
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err: str) -> str:
    """The single line a failing command printed on stderr."""
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].strip()
    return lines[0]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` and its bytes."""
    if not folder.exists():
        return {}
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def modes(folder: Path) -> dict[str, int]:
    """Permission bits of ``folder`` and everything in it."""
    found = {".": stat.S_IMODE(folder.stat().st_mode)}
    for path in folder.rglob("*"):
        found[path.relative_to(folder).as_posix()] = stat.S_IMODE(path.stat().st_mode)
    return found


def export_json(capsys: pytest.CaptureFixture[str], kind: str) -> list[dict[str, object]]:
    code, out, err = run(capsys, "export", kind, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert isinstance(data, list)
    return data


# -- the happy paths ----------------------------------------------------------------------


def test_version(capsys: pytest.CaptureFixture[str], home: Path) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert out.strip() == f"prospect {__version__}"
    assert not home.exists()


def test_sample_of_300_exports_as_json_across_zones(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    code, out, err = run(capsys, "sample", "--prospects", "300")
    assert code == 0, err
    assert out.startswith("Added 300 fictional prospects")
    prospects = export_json(capsys, "prospects")
    assert len(prospects) == 300
    assert len({p["id"] for p in prospects}) == 300
    for prospect in prospects:
        assert set(prospect) >= PROSPECT_FIELDS
        assert isinstance(prospect["phone"], str) and is_e164(prospect["phone"])
        assert isinstance(prospect["extra"], dict)
    assert len({p["timezone"] for p in prospects}) >= 6


def test_sample_with_history_exports_calls_and_sprints(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    code, _, err = run(capsys, "sample", "--prospects", "40", "--calls", "300", "--weeks", "2")
    assert code == 0, err
    calls = export_json(capsys, "calls")
    sprints = export_json(capsys, "sprints")
    assert len(calls) == 300
    assert sprints
    for call in calls:
        assert datetime.fromisoformat(str(call["started_at"])).utcoffset() is not None
        assert datetime.fromisoformat(str(call["ended_at"])).utcoffset() is not None
    assert {s["status"] for s in sprints} <= {"completed", "abandoned", "running"}


def test_sample_writes_a_config_the_app_accepts(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    from prospect_tui.core.config import load_config

    assert run(capsys, "sample")[0] == 0
    config = load_config(home / "config.toml")
    assert config.variants
    assert config.blocks


def test_every_file_and_folder_is_private(
    capsys: pytest.CaptureFixture[str], home: Path, tmp_path: Path
) -> None:
    assert run(capsys, "sample", "--prospects", "30", "--calls", "200", "--weeks", "2")[0] == 0
    assert run(capsys, "export", "calls", "-o", str(tmp_path / "calls.csv"))[0] == 0
    assert stat.S_IMODE((tmp_path / "calls.csv").stat().st_mode) == 0o600
    assert run(capsys, "restore")[0] == 0
    found = modes(home)
    assert "calls" in found and "config.toml" in found and "prospects.json" in found
    for name, mode in found.items():
        expected = 0o700 if (home / name).is_dir() else 0o600
        assert mode == expected, f"{name} is {mode:o}"


def test_export_to_stdout_is_csv_by_default(
    capsys: pytest.CaptureFixture[str], sample_home: Path
) -> None:
    code, out, _ = run(capsys, "export", "prospects")
    assert code == 0
    assert not out.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][:3] == ["id", "first_name", "last_name"]
    assert len(rows) == 61


def test_a_json_file_name_implies_json(
    capsys: pytest.CaptureFixture[str], sample_home: Path, tmp_path: Path
) -> None:
    target = tmp_path / "sprints.json"
    code, _, err = run(capsys, "export", "sprints", "-o", str(target))
    assert code == 0, err
    assert isinstance(json.loads(target.read_text(encoding="utf-8")), list)


def test_calls_csv_file_has_a_bom_and_neutralised_cells(
    capsys: pytest.CaptureFixture[str], sample_home: Path, tmp_path: Path
) -> None:
    with Workspace.open(sample_home, write=True) as workspace:
        repository = Repository(workspace)
        call = next(repository.iter_calls())
        call.notes = '=HYPERLINK("http://evil.example","Click")'
        repository.save_call(call)
    target = tmp_path / "calls.csv"
    code, out, err = run(capsys, "export", "calls", "--format", "csv", "-o", str(target))
    assert code == 0, err
    assert out == ""
    assert one_line(err) == f"Exported 600 calls to {target}."
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    header, body = rows[0], rows[1:]
    assert header[0] == "id"
    assert len(body) == 600
    cells = [dict(zip(header, row, strict=True)) for row in body]
    edited = next(c for c in cells if c["id"] == str(call.id))
    assert edited["notes"] == '\'=HYPERLINK("http://evil.example","Click")'
    starts = ("=", "+", "-", "@", "\t", "\r")
    assert not any(cell.startswith(starts) for row in body for cell in row)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_prospects_csv_keeps_good_phones_and_neutralises_bad_ones(
    capsys: pytest.CaptureFixture[str], sample_home: Path, tmp_path: Path
) -> None:
    with Workspace.open(sample_home, write=True) as workspace:
        repository = Repository(workspace)
        repository.save_prospect(Prospect(first_name="Mal", phone='=HYPERLINK("x")'))
        repository.save_prospect(Prospect(first_name="Half", phone="+1 415 555"))
    target = tmp_path / "prospects.csv"
    assert run(capsys, "export", "prospects", "-o", str(target))[0] == 0
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"), newline="")))
    phones = {row["first_name"]: row["phone"] for row in rows}
    assert phones["Mal"] == '\'=HYPERLINK("x")'
    assert phones["Half"] == "'+1 415 555"
    good = [row["phone"] for row in rows if row["first_name"] not in ("Mal", "Half")]
    assert len(good) == 60
    assert all(is_e164(phone) for phone in good)
    assert "Lead Source" in rows[0]


def test_export_works_while_another_process_writes(
    capsys: pytest.CaptureFixture[str], sample_home: Path
) -> None:
    writer = Workspace.open(sample_home, write=True)
    try:
        Repository(writer).save_prospect(Prospect(first_name="Journaled", phone=None))
        # The writer lock is held: a second writer is turned away in one sentence...
        code, _, err = run(capsys, "sample")
        assert code == 2
        assert "already running" in one_line(err)
        # ...while export reads everything, including what is not folded yet.
        prospects = export_json(capsys, "prospects")
        assert len(prospects) == 61
        assert any(p["first_name"] == "Journaled" for p in prospects)
        assert len(export_json(capsys, "calls")) == 600
    finally:
        writer.close()


# -- damage and restore ---------------------------------------------------------------------


def test_a_damaged_store_is_reported_and_kept(
    capsys: pytest.CaptureFixture[str], sample_home: Path
) -> None:
    path = sample_home / "prospects.json"
    with path.open("ab") as file:
        file.write(b"\n{ this is junk")
    damaged = path.read_bytes()
    code, out, err = run(capsys, "export", "prospects")
    assert code == 2
    assert out == ""
    line = one_line(err)
    assert "prospects.json is damaged" in line
    assert path.read_bytes() == damaged
    kept = list((sample_home / "damaged").iterdir())
    assert [p.read_bytes() for p in kept] == [damaged]
    assert str(kept[0]) in line


def test_restore_with_nothing_damaged_says_so(
    capsys: pytest.CaptureFixture[str], sample_home: Path
) -> None:
    before = snapshot(sample_home)
    code, out, _ = run(capsys, "restore")
    assert code == 0
    assert "nothing needed restoring" in out
    assert snapshot(sample_home) == before


def test_restore_on_a_missing_workspace_is_bad_input(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    code, _, err = run(capsys, "restore")
    assert code == 2
    assert str(home) in one_line(err)
    assert not home.exists()


# -- bad input: exit 2, one sentence, nothing changed ----------------------------------------


def test_sample_twice_is_refused_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    assert run(capsys, "sample", "--prospects", "20")[0] == 0
    before = snapshot(home)
    code, out, err = run(capsys, "sample", "--prospects", "20")
    assert code == 2
    assert out == ""
    assert "already has 20 prospects" in one_line(err)
    assert snapshot(home) == before


def test_a_bad_config_value_names_key_and_line(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    home.mkdir(mode=0o700)
    (home / "config.toml").write_text('# mine\n[sprint]\nminutes = "abc"\n', encoding="utf-8")
    before = snapshot(home)
    code, _, err = run(capsys, "sample")
    assert code == 2
    line = one_line(err)
    assert "line 3" in line
    assert "[sprint] minutes" in line
    assert snapshot(home) == before


def test_the_app_refused_at_start_leaves_garbage_collection_on(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    """``prospect`` pauses the collector for its start (resumed at the first frame): a start
    refused before any frame resumes it too."""
    home.mkdir(mode=0o700)
    (home / "config.toml").write_text('[sprint]\nminutes = "abc"\n', encoding="utf-8")
    code, _, err = run(capsys)
    assert code == 2
    assert "[sprint] minutes" in one_line(err)
    assert gc.isenabled()


def test_the_command_leaves_what_is_left_out_of_the_last_collection(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The console script freezes what is left before it exits: the collection on the
    way out walked a bulk command's documents (a fifth of a second after 50,000)."""
    import prospect_tui.__main__ as entry

    frozen = []
    monkeypatch.setattr(entry, "main", lambda: 3)
    monkeypatch.setattr(entry.gc, "freeze", lambda: frozen.append(True))
    with pytest.raises(SystemExit) as exited:
        entry.run()
    assert exited.value.code == 3
    assert frozen == [True]


@pytest.mark.parametrize(
    "argv",
    [
        ["bogus"],
        ["--nope"],
        ["export"],
        ["export", "leads"],
        ["export", "calls", "--format", "xml"],
        ["export", "calls", "--bogus"],
        ["export", "calls", "-o", "/nonexistent/folder/calls.csv"],
        ["sample", "--prospects", "abc"],
        ["sample", "--prospects", "-3"],
        ["sample", "--prospects", "0", "--calls", "10"],
        ["sample", "--prospects", "10000000"],
        ["restore", "now"],
    ],
    ids=lambda argv: " ".join(argv),
)
def test_bad_input_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], home: Path, argv: Sequence[str]
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    one_line(err)
    assert not home.exists(), sorted(snapshot(home))


def test_an_unexpected_error_is_one_sentence_and_logged(
    capsys: pytest.CaptureFixture[str], home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom\nwith a second line")

    monkeypatch.setattr("prospect_tui.sample.generate.generate", broken)
    code, out, err = run(capsys, "sample")
    assert code == 1
    assert out == ""
    line = one_line(err)
    assert "RuntimeError" in line
    assert "boom" in line
    assert str(home / LOG_FILE) in line
    log = (home / LOG_FILE).read_text(encoding="utf-8")
    assert "Traceback" in log
    assert "RuntimeError: boom" in log
    assert "broken" in log
    assert stat.S_IMODE((home / LOG_FILE).stat().st_mode) == 0o600


def test_an_unexpected_error_before_the_workspace_exists_is_still_logged(
    capsys: pytest.CaptureFixture[str],
    home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*args: object, **kwargs: object) -> int:
        raise RuntimeError("export broke")

    monkeypatch.setattr("prospect_tui.transfer.export.write_json", broken)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    code, _, err = run(capsys, "export", "prospects", "--format", "json")
    assert code == 1
    assert "export broke" in one_line(err)
    # A read-only command does not create the workspace just to hold its log.
    assert not home.exists()
    [log] = tmp_path.glob("prospect-*.log")
    assert "Traceback" in log.read_text(encoding="utf-8")
    assert stat.S_IMODE(log.stat().st_mode) == 0o600


def test_log_entries_accumulate(
    capsys: pytest.CaptureFixture[str], home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> int:
        raise RuntimeError("again")

    monkeypatch.setattr("prospect_tui.transfer.export.write_json", broken)
    home.mkdir()  # the log lives in a workspace that exists
    run(capsys, "export", "prospects", "--format", "json")
    run(capsys, "export", "prospects", "--format", "json")
    assert (home / LOG_FILE).read_text(encoding="utf-8").count("RuntimeError: again") == 2


# -- the real console script -------------------------------------------------------------------


def console(home: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PROSPECT_HOME": str(home), "TZ": "Europe/Paris"}
    return subprocess.run(
        [str(CONSOLE_SCRIPT), *argv],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=60,
    )


def test_the_console_script_never_shows_a_traceback(sample_home: Path) -> None:
    assert console(sample_home, "--version").stdout.strip() == f"prospect {__version__}"

    bogus = console(sample_home, "bogus")
    assert bogus.returncode == 2
    assert bogus.stdout == ""
    one_line(bogus.stderr)

    with (sample_home / "prospects.json").open("ab") as file:
        file.write(b"junk")
    damaged = console(sample_home, "export", "prospects")
    assert damaged.returncode == 2
    assert damaged.stdout == ""
    assert "is damaged" in one_line(damaged.stderr)


def test_the_console_script_exports(sample_home: Path) -> None:
    result = console(sample_home, "export", "prospects", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == 60
    assert result.stderr == ""


def test_sample_home_fixture_is_what_the_cli_reads(
    capsys: pytest.CaptureFixture[str], sample_home: Path, clock: ManualClock
) -> None:
    sprints = export_json(capsys, "sprints")
    assert sprints
    assert all(datetime.fromisoformat(str(s["started_at"])) <= clock.now() for s in sprints)
