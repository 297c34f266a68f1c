"""``prospect review``: the goal, the streak of any date, and dates at the calendar's ends.

The history is written straight into the workspace, a year and more before
the real today, so every reviewed day is in the past (and final).
"""

from __future__ import annotations

import json
import os
import stat
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from prospect_tui.core.clock import ManualClock
from prospect_tui.core.model import Call, Sprint, SprintStatus
from prospect_tui.core.record import Record
from prospect_tui.locations import Locations
from prospect_tui.store.repository import Repository
from prospect_tui.store.workspace import Workspace
from tests.cli.test_commands import one_line, run

PARIS = ZoneInfo("Europe/Paris")
MON = date(2025, 3, 3)
TUE, WED, THU, FRI = (MON + timedelta(days=n) for n in range(1, 5))


def write_history(home: Path, days: dict[date, tuple[int, int]]) -> None:
    """For each day, (completed sprints, dials): the sprints and calls it had."""
    records: list[Record] = []
    for day, (sprints, dials) in days.items():
        start = datetime(day.year, day.month, day.day, 9, tzinfo=PARIS)
        for _ in range(sprints):
            records.append(
                Sprint(
                    id=len(records) + 1,
                    started_at=start,
                    ends_at=start + timedelta(minutes=25),
                    ended_at=start + timedelta(minutes=25),
                    status=SprintStatus.COMPLETED,
                    local_date=day,
                )
            )
        for n in range(dials):
            at = start + timedelta(seconds=30 * n)
            records.append(
                Call(
                    id=len(records) + 1,
                    prospect_id=1,
                    started_at=at,
                    ended_at=at + timedelta(seconds=20),
                    outcome="no_answer",
                    local_date=day,
                )
            )
    with Workspace.open(home, write=True) as workspace:
        Repository(workspace).insert_with_ids(records)


def review_json(capsys: pytest.CaptureFixture[str], day: date | str) -> dict[str, Any]:
    code, out, err = run(capsys, "review", "--date", str(day), "--format", "json")
    assert code == 0, err
    assert err == ""
    document: dict[str, Any] = json.loads(out)
    return document


def test_two_sprints_without_a_dial_do_not_meet_the_goal(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    write_history(home, {MON: (2, 30), TUE: (2, 0)})
    review = review_json(capsys, TUE)
    assert review["sprints"]["completed"] == 2
    assert review["goal"] == {"sprints": 2, "dials": 30, "met": False}
    assert review["streak"] == {"current": 0, "best": 1}
    code, out, _ = run(capsys, "review", "--date", str(TUE))
    assert code == 0
    assert "(goal not met)" in out


def test_the_goal_needs_both_sprints_and_dials(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    write_history(home, {MON: (2, 30), TUE: (2, 29), WED: (2, 31)})
    assert review_json(capsys, MON)["goal"]["met"] is True
    assert review_json(capsys, TUE)["goal"]["met"] is False
    assert review_json(capsys, WED)["streak"] == {"current": 1, "best": 1}


def test_zero_dials_in_the_goal_counts_sprints_only(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    home.mkdir()
    (home / "config.toml").write_text("[goal]\nsprints = 2\ndials = 0\n", encoding="utf-8")
    write_history(home, {MON: (2, 0), TUE: (2, 0)})
    review = review_json(capsys, TUE)
    assert review["goal"] == {"sprints": 2, "dials": 0, "met": True}
    assert review["streak"] == {"current": 2, "best": 2}


def test_a_missed_past_day_breaks_the_streak_in_its_own_review(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    # Mon-Wed met, Thursday nothing, Friday met again.
    write_history(home, {MON: (2, 30), TUE: (2, 30), WED: (3, 40), FRI: (2, 30)})
    assert review_json(capsys, WED)["streak"] == {"current": 3, "best": 3}
    missed = review_json(capsys, THU)
    assert missed["goal"]["met"] is False
    assert missed["streak"] == {"current": 0, "best": 3}
    assert review_json(capsys, FRI)["streak"] == {"current": 1, "best": 3}


def test_the_heatmap_marks_the_days_that_met_the_goal(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    write_history(home, {MON: (2, 30), TUE: (2, 0)})
    heatmap = {h["date"]: h for h in review_json(capsys, TUE)["heatmap"]}
    assert heatmap[MON.isoformat()] == {
        "date": MON.isoformat(),
        "completed_sprints": 2,
        "goal_met": True,
    }
    assert heatmap[TUE.isoformat()]["goal_met"] is False


def test_a_future_date_shows_the_streak_as_it_stands_today(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    write_history(home, {MON: (2, 30), TUE: (1, 30)})
    code, out, err = run(capsys, "review", "--format", "json")  # today, on the system clock
    assert code == 0, err
    today = json.loads(out)
    assert today["streak"] == {"current": 0, "best": 1}
    assert review_json(capsys, "9000-01-01")["streak"] == today["streak"]


@pytest.mark.parametrize(
    "day", ["0001-01-01", "0001-01-02", "9999-12-29", "9999-12-30", "9999-12-31"]
)
@pytest.mark.parametrize("fmt", ["json", "text", "markdown"])
def test_every_date_gives_a_review(
    capsys: pytest.CaptureFixture[str], home: Path, day: str, fmt: str
) -> None:
    write_history(home, {MON: (2, 30)})
    code, out, err = run(capsys, "review", "--date", day, "--format", fmt)
    assert (code, err) == (0, "")
    assert out.strip()
    if fmt == "json":
        assert json.loads(out)["date"] == day


def test_a_date_that_does_not_exist_is_one_sentence(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    for text in ("10000-01-01", "0000-12-31", "2025-02-29"):
        code, out, err = run(capsys, "review", "--date", text)
        assert (code, out) == (2, "")
        assert text in one_line(err)
    assert not home.exists()


def test_a_read_only_command_never_creates_the_workspace_to_log_a_bug(
    capsys: pytest.CaptureFixture[str],
    home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("review broke")

    monkeypatch.setattr("prospect_tui.transfer.review_query.day_review", broken)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    code, out, err = run(capsys, "review")
    assert (code, out) == (1, "")
    line = one_line(err)
    assert "review broke" in line
    assert not home.exists()
    [log] = tmp_path.glob("prospect-*.log")
    assert str(log) in line
    assert "RuntimeError: review broke" in log.read_text(encoding="utf-8")
    assert stat.S_IMODE(log.stat().st_mode) == 0o600


def test_a_deeply_nested_config_is_one_sentence(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    home.mkdir()
    (home / "config.toml").write_text("a = " + "[" * 20_000 + "]" * 20_000, encoding="utf-8")
    code, out, err = run(capsys, "review")
    assert (code, out) == (2, "")
    assert one_line(err).startswith("config.toml nests arrays or tables too deeply")
    assert sorted(p.name for p in home.iterdir()) == ["config.toml"]


# -- import reads a bounded regular file -----------------------------------------------------


@pytest.mark.parametrize("source", ["/dev/zero", "fifo"])
def test_import_of_an_endless_source_is_one_sentence(
    capsys: pytest.CaptureFixture[str], home: Path, tmp_path: Path, source: str
) -> None:
    path = Path(source)
    if source == "fifo":
        path = tmp_path / "pipe.csv"
        os.mkfifo(path)
    code, out, err = run(capsys, "import", str(path))
    assert (code, out) == (2, "")
    assert one_line(err) == (
        f"{path} is not a regular file (a device, pipe or socket); "
        "save the CSV as a file and import that."
    )
    assert not home.exists()


def test_import_of_a_file_over_the_limit_is_one_sentence(
    capsys: pytest.CaptureFixture[str],
    home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes(b"Name,Phone\nAva,+14155550123\n" * 100)
    monkeypatch.setattr("prospect_tui.transfer.csv_read.MAX_FILE_BYTES", 1024)
    code, out, err = run(capsys, "import", str(path))
    assert (code, out) == (2, "")
    assert "is larger than" in one_line(err)
    assert not home.exists()


def test_a_command_runs_on_the_services_it_is_handed(
    home: Path, where: Locations, clock: ManualClock, capsys: pytest.CaptureFixture[str]
) -> None:
    from prospect_tui.__main__ import main
    from prospect_tui.services import open_services

    today = clock.now().date()  # 2026-11-19, a Thursday: not the machine's today
    write_history(home, {today - timedelta(days=1): (1, 2), today: (2, 7)})
    services = open_services(where, clock=clock, workspace=False)

    assert main(["review", "--format", "json"], services=services) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["date"] == today.isoformat()
    assert document["dials"] == 7
    assert document["sprints"]["completed"] == 2
    clock.advance(days=1)  # the review's "today" moves with the handed clock
    assert main(["review", "--format", "json"], services=services) == 0
    assert json.loads(capsys.readouterr().out)["date"] == (today + timedelta(days=1)).isoformat()
