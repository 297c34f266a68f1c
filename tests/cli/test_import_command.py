"""``prospect import FILE.csv [--list NAME] [--dry-run]``, end to end.

Commands run in-process through ``main`` (stdout and stderr captured), one
runs the real console script; every test has its own ``PROSPECT_HOME``.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

from prospect_tui.__main__ import main
from prospect_tui.commands import import_csv
from prospect_tui.core.clock import ManualClock
from prospect_tui.core.model import Prospect, Status
from prospect_tui.store.repository import Repository
from prospect_tui.store.workspace import Workspace
from tests.conftest import fill_sample

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
HUBSPOT = str(FIXTURES / "hubspot_all_contacts.csv")
SALESFORCE = str(FIXTURES / "salesforce_report_cp1252.csv")
CONSOLE_SCRIPT = Path(sys.executable).parent / "prospect"
SUMMARY = re.compile(r"^Imported (\d+), updated (\d+), unchanged (\d+), skipped (\d+) \(source: ")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``prospect ARGV`` in this process: (exit status, stdout, stderr)."""
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` and its bytes."""
    if not folder.exists():
        return {}
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def counts(out: str) -> tuple[int, ...]:
    found = SUMMARY.match(out)
    assert found, out
    return tuple(int(n) for n in found.groups())


def prospects(home: Path) -> list[Prospect]:
    with Workspace.open(home, write=False) as workspace:
        return Repository(workspace).prospects()


def is_one_sentence(text: str) -> bool:
    return "\n" not in text and text.endswith(".") and not re.search(r"[.!?]\s", text[:-1])


# -- the DONE-WHEN ---------------------------------------------------------------------------


def test_hubspot_then_salesforce_import_with_names_phones_and_zones(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    code, out, err = run(capsys, "import", HUBSPOT)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "Imported 11, updated 0, unchanged 0, skipped 2 (source: HubSpot)",
        "line 12: Phone Number '12345' is not a valid number; imported without a phone number",
        "line 13: Phone Number '555' is not a valid number; no e-mail address",
        "line 14: same e-mail as line 2; merged into Ava Kim",
        "line 15: same phone number as line 3; merged into Marcus Reed",
        "line 17: no name",
        "2 duplicate rows (same phone number or e-mail as an earlier row) were merged, "
        "not imported twice.",
        '1 prospect with a phone number has no known time zone and shows as "zone unknown": '
        "add a country and state, or a time zone column, to call them in their hours.",
    ]

    code, out, err = run(capsys, "import", SALESFORCE)
    assert (code, err) == (0, "")
    assert out == "Imported 5, updated 0, unchanged 0, skipped 0 (source: Salesforce)\n"
    stored = {p.name: p for p in prospects(home)}
    assert len(stored) == 16
    assert (stored["Hans Müller"].phone, stored["Hans Müller"].timezone) == (
        "+49301234567", "Europe/Berlin",
    )  # fmt: skip
    assert stored["Zoë Brontë"].company == "Zoë's Café – €uro Ltd"
    assert stored["Amélie Lefèvre"].status is Status.DO_NOT_CALL
    assert stored["Olivia Brown"].timezone == "Australia/Sydney"


def test_importing_twice_changes_nothing_not_even_a_byte(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    assert run(capsys, "import", HUBSPOT)[0] == 0
    before = snapshot(home)
    code, out, _ = run(capsys, "import", HUBSPOT)
    assert code == 0
    assert counts(out) == (0, 0, 11, 2)
    assert snapshot(home) == before


def test_do_not_call_survives_a_reimport(capsys: pytest.CaptureFixture[str], home: Path) -> None:
    run(capsys, "import", HUBSPOT)
    with Workspace.open(home, write=True) as workspace:
        repository = Repository(workspace)
        ava = next(p for p in repository.prospects() if p.first_name == "Ava")
        ava.status = Status.DO_NOT_CALL
        repository.save_prospect(ava)
    code, out, _ = run(capsys, "import", HUBSPOT)
    assert code == 0
    assert counts(out)[:2] == (0, 0)
    assert next(p for p in prospects(home) if p.first_name == "Ava").status is Status.DO_NOT_CALL


def test_export_then_import_changes_nothing(
    capsys: pytest.CaptureFixture[str], home: Path, clock: ManualClock, tmp_path: Path
) -> None:
    fill_sample(home, clock, prospects=60, calls=100)
    run(capsys, "import", HUBSPOT)
    target = tmp_path / "prospects.csv"
    assert run(capsys, "export", "prospects", "-o", str(target))[0] == 0
    before = snapshot(home)
    code, out, err = run(capsys, "import", str(target))
    assert (code, err) == (0, "")
    assert counts(out) == (0, 0, 71, 0)
    assert "(source: Prospect export)" in out
    assert snapshot(home) == before


def test_list_option_names_the_list(capsys: pytest.CaptureFixture[str], home: Path) -> None:
    code, _out, _err = run(capsys, "import", SALESFORCE, "--list", "DACH webinar")
    assert code == 0
    assert {p.list for p in prospects(home)} == {"DACH webinar"}


# -- dry run ---------------------------------------------------------------------------------


def test_dry_run_on_a_first_run_creates_nothing(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    code, out, err = run(capsys, "import", SALESFORCE, "--dry-run")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "Dry run: would import 5, update 0, leave 0 unchanged, skip 0 (source: Salesforce)",
        "Read as Windows-1252, separated by semicolons; nothing was written.",
    ]
    assert not home.exists()


def test_dry_run_on_a_workspace_writes_nothing(
    capsys: pytest.CaptureFixture[str], home: Path, clock: ManualClock
) -> None:
    fill_sample(home, clock, prospects=20, calls=30)
    run(capsys, "import", SALESFORCE)
    before = snapshot(home)
    code, out, _ = run(capsys, "import", HUBSPOT, "--dry-run")
    assert code == 0
    assert out.startswith("Dry run: would import 11, update 0, leave 0 unchanged, skip 2 ")
    assert snapshot(home) == before


# -- refused files ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["empty.csv", "not_csv.png", "no_usable_column.csv", "missing.csv", "big_cell.csv"]
)
def test_a_refused_file_exits_2_with_one_sentence_and_changes_no_byte(
    capsys: pytest.CaptureFixture[str],
    home: Path,
    clock: ManualClock,
    tmp_path: Path,
    name: str,
) -> None:
    fill_sample(home, clock, prospects=20, calls=30)
    path = FIXTURES / name
    if name == "big_cell.csv":  # an unclosed quote swallows 17 MB: past what a cell may be
        path = tmp_path / name
        path.write_bytes(b'Name,Phone\nAva,+14155550123\nBen,"' + b"z" * (17 * 1024 * 1024))
    elif name == "missing.csv":
        path = tmp_path / name
    before = snapshot(home)
    code, out, err = run(capsys, "import", str(path))
    assert code == 2
    assert out == ""
    assert "Traceback" not in err
    assert is_one_sentence(err.rstrip("\n")), err
    assert snapshot(home) == before


def test_a_refused_file_on_a_first_run_creates_no_workspace(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    code, _out, err = run(capsys, "import", str(FIXTURES / "not_csv.png"))
    assert code == 2
    assert err.startswith("not_csv.png holds binary data")
    assert not home.exists()


def test_a_folder_is_refused(capsys: pytest.CaptureFixture[str], home: Path) -> None:
    code, _out, err = run(capsys, "import", str(FIXTURES))
    assert code == 2
    assert "is a folder" in err


def test_the_console_script_refuses_a_binary_file_without_a_traceback(home: Path) -> None:
    result = subprocess.run(
        [str(CONSOLE_SCRIPT), "import", str(FIXTURES / "not_csv.png")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.stderr


# -- the progress bar ------------------------------------------------------------------------


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal_and_only_for_large_files() -> None:
    assert import_csv._bar(io.StringIO()) is None
    screen = Terminal()
    bar = import_csv._bar(screen)
    assert bar is not None
    bar(10, 500)  # a small file: no bar
    assert screen.getvalue() == ""
    for done in (2_500, 5_000, 5_000, 10_000):
        bar(done, 10_000)
    drawn = screen.getvalue()
    assert drawn.count("\r") == 3  # the same percentage is not drawn twice
    assert " 25%" in drawn and " 50%" in drawn
    assert drawn.endswith("100%  10,000/10,000 lines\n")


def test_a_zone_nobody_knows_is_reported_by_the_command_as_by_the_app(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "import", str(FIXTURES / "zones.csv"))
    assert (code, err) == (0, "")
    assert "line 8: time zone 'Mars/Olympus' is not a known zone" in out
    stored = {p.name: p for p in prospects(home)}
    assert stored["Bad Explicit"].timezone is None
