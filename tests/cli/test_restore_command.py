"""``prospect restore``, end to end: damage a file, restore, and every saved change is back.

Changes are written the way the app writes them (a writer workspace and the
repository), folded, changed again, folded again, and changed once more
without a fold, as after a crash; then a file is damaged three ways.
"""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from prospect_tui.core.clock import ManualClock
from prospect_tui.core.model import Call, Status
from prospect_tui.store import backups
from prospect_tui.store.repository import Repository
from prospect_tui.store.workspace import Workspace
from tests.cli.test_commands import export_json, one_line, run, snapshot


class Terminal(io.StringIO):
    """Standard input as a terminal, answering the question with ``answer``."""

    def isatty(self) -> bool:
        return True


def answer(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", Terminal(text))


def log_call(repository: Repository, clock: ManualClock, prospect_id: int, outcome: str) -> None:
    prospect = repository.prospect(prospect_id)
    assert prospect is not None
    at = clock.now()
    prospect.status = Status.after(outcome)
    prospect.attempts += 1
    prospect.last_outcome = outcome
    call = Call(
        prospect_id=prospect_id,
        started_at=at,
        ended_at=at + timedelta(seconds=40),
        duration_s=40.0,
        outcome=outcome,
        local_hour=10,
        local_date=at.date(),
    )
    repository.log_call(call, prospect)


def mark_do_not_call(repository: Repository, prospect_id: int) -> None:
    prospect = repository.prospect(prospect_id)
    assert prospect is not None
    prospect.status = Status.DO_NOT_CALL
    repository.save_prospect(prospect)


def work_in_sessions(home: Path, clock: ManualClock) -> None:
    """Three sessions after the sample: two folded on the way out, the last one not."""
    with Workspace.open(home, write=True) as workspace:
        repository = Repository(workspace)
        for prospect in repository.prospects()[:6]:  # callable, whatever the sample made up
            if prospect.status in (Status.DO_NOT_CALL, Status.WRONG_NUMBER):
                prospect.status = Status.ATTEMPTED
                repository.save_prospect(prospect)
        mark_do_not_call(repository, 1)
        log_call(repository, clock, 2, "meeting")
    clock.advance(minutes=5)
    with Workspace.open(home, write=True) as workspace:
        repository = Repository(workspace)
        log_call(repository, clock, 3, "do_not_call")
        prospect = repository.prospect(4)
        assert prospect is not None
        prospect.notes = "Moved to Lyon."
        repository.save_prospect(prospect)
    clock.advance(minutes=5)
    workspace = Workspace.open(home, write=True)
    repository = Repository(workspace)
    mark_do_not_call(repository, 5)  # after the last fold: only in the journal
    log_call(repository, clock, 6, "no_answer")
    workspace.close(fold=False)


def flip_a_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] = 0  # a NUL is never valid JSON, inside a string or out
    path.write_bytes(bytes(data))


def truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 3])


def delete(path: Path) -> None:
    path.unlink()


@pytest.mark.parametrize("damage", [flip_a_byte, truncate, delete])
@pytest.mark.parametrize("file", ["prospects.json", "calls/2026-11.json"])
def test_restore_brings_back_every_saved_change(
    capsys: pytest.CaptureFixture[str],
    sample_home: Path,
    clock: ManualClock,
    damage: object,
    file: str,
) -> None:
    work_in_sessions(sample_home, clock)
    prospects, calls = export_json(capsys, "prospects"), export_json(capsys, "calls")
    marked = {p["id"] for p in prospects if p["status"] == "do_not_call"}
    assert {1, 3, 5} <= marked
    assert backups.listed(sample_home, file.removesuffix(".json"))  # folded twice since
    assert callable(damage)
    damage(sample_home / file)

    kind = "prospects" if file == "prospects.json" else "calls"
    code, out, err = run(capsys, "export", kind)
    assert code == 2
    assert out == ""
    assert "`prospect restore`" in one_line(err)

    code, out, err = run(capsys, "restore", "--yes")

    assert code == 0, err
    assert f"{Path(file).name} was restored" in out
    assert "Cannot be recovered" not in out  # the changes since the copy were all kept
    assert export_json(capsys, "prospects") == prospects
    assert export_json(capsys, "calls") == calls


def test_without_a_terminal_or_yes_restore_says_what_it_would_do_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], sample_home: Path, clock: ManualClock
) -> None:
    work_in_sessions(sample_home, clock)
    flip_a_byte(sample_home / "prospects.json")
    before = snapshot(sample_home)

    code, out, err = run(capsys, "restore")

    assert code == 2
    assert "prospects.json is damaged" in out
    assert "it will be restored from the copy saved" in out
    assert "`prospect restore --yes`" in one_line(err)
    assert snapshot(sample_home) == before


def test_restore_asks_on_a_terminal_and_a_no_changes_nothing(
    capsys: pytest.CaptureFixture[str],
    sample_home: Path,
    clock: ManualClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    work_in_sessions(sample_home, clock)
    flip_a_byte(sample_home / "prospects.json")
    before = snapshot(sample_home)
    answer(monkeypatch, "n\n")

    code, out, _ = run(capsys, "restore")

    assert code == 1
    assert "Go ahead? [y/N]" in out
    assert out.rstrip().endswith("Nothing was changed.")
    assert snapshot(sample_home) == before

    answer(monkeypatch, "")  # the terminal closed before an answer
    code, out, err = run(capsys, "restore")
    assert (code, err) == (1, "")
    assert snapshot(sample_home) == before

    answer(monkeypatch, "y\n")
    code, out, _ = run(capsys, "restore")
    assert code == 0
    assert "prospects.json was restored" in out


def test_what_cannot_be_recovered_is_said_first_and_marks_are_kept(
    capsys: pytest.CaptureFixture[str], sample_home: Path, clock: ManualClock
) -> None:
    work_in_sessions(sample_home, clock)
    for log in backups.changes(sample_home, "prospects"):
        log.unlink()  # a workspace from before change logs were kept
    path = sample_home / "prospects.json"
    text = path.read_bytes()
    path.write_bytes(text.replace(b'"_meta": {', b'"_meta": {{', 1))  # every document still reads

    code, out, err = run(capsys, "restore", "--yes")

    assert code == 0, err
    lost = [line for line in out.splitlines() if line.startswith("Cannot be recovered")]
    assert lost == ["Cannot be recovered: the last saved changes to 2 prospects."]  # 3 and 4
    assert "do-not-call mark" in out
    by_id = {p["id"]: p for p in export_json(capsys, "prospects")}
    assert {by_id[n]["status"] for n in (1, 3, 5)} == {"do_not_call"}
    assert "Moved to Lyon." not in json.dumps(by_id[4])  # rolled back, as it said


def test_restore_with_nothing_damaged_asks_nothing(
    capsys: pytest.CaptureFixture[str], sample_home: Path, clock: ManualClock
) -> None:
    work_in_sessions(sample_home, clock)
    before = snapshot(sample_home)

    code, out, _ = run(capsys, "restore")

    assert code == 0
    assert out == "Every data file reads cleanly; nothing needed restoring.\n"
    assert snapshot(sample_home) == before


# -- restore never follows a symbolic link -----------------------------------------------


def link_journal(home: Path, elsewhere: Path) -> Path:
    target = elsewhere / "journal.jsonl"
    (home / "journal.jsonl").rename(target)
    (home / "journal.jsonl").symlink_to(target)
    return target


def link_calls_month(home: Path, elsewhere: Path) -> Path:
    target = elsewhere / "2026-11.json"
    (home / "calls" / "2026-11.json").rename(target)
    (home / "calls" / "2026-11.json").symlink_to(target)
    return target


def link_calls_folder(home: Path, elsewhere: Path) -> Path:
    target = elsewhere / "calls"
    (home / "calls").rename(target)
    (home / "calls").symlink_to(target, target_is_directory=True)
    return target


def link_backups(home: Path, elsewhere: Path) -> Path:
    target = elsewhere / "backups"
    shutil.copytree(home / "backups", target)
    shutil.rmtree(home / "backups")
    (home / "backups").symlink_to(target, target_is_directory=True)
    return target


def link_damaged(home: Path, elsewhere: Path) -> Path:
    target = elsewhere / "damaged"
    target.mkdir()
    (home / "damaged").symlink_to(target, target_is_directory=True)
    return target


def dangling_journal(home: Path, elsewhere: Path) -> Path:
    (home / "journal.jsonl").unlink()
    (home / "journal.jsonl").symlink_to(elsewhere / "gone.jsonl")
    return elsewhere


@pytest.mark.parametrize(
    "link",
    [
        link_journal,
        link_calls_month,
        link_calls_folder,
        link_backups,
        link_damaged,
        dangling_journal,
    ],
)
def test_restore_refuses_a_workspace_with_a_linked_store_file_and_changes_nothing(
    capsys: pytest.CaptureFixture[str],
    sample_home: Path,
    clock: ManualClock,
    tmp_path: Path,
    link: Callable[[Path, Path], Path],
) -> None:
    work_in_sessions(sample_home, clock)
    flip_a_byte(sample_home / "prospects.json")  # so a restore would have work to do
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    target = link(sample_home, elsewhere)
    before, outside = snapshot(sample_home), snapshot(elsewhere)
    links = sorted(p for p in sample_home.rglob("*") if p.is_symlink())

    code, out, err = run(capsys, "restore", "--yes")

    assert code == 2
    assert out == ""
    line = one_line(err)
    assert "is a symbolic link" in line and "never follows links" in line
    assert snapshot(sample_home) == before
    assert snapshot(elsewhere) == outside
    assert sorted(p for p in sample_home.rglob("*") if p.is_symlink()) == links
    assert target.exists() or link is dangling_journal
