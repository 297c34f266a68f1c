"""``prospect plan --ics FILE``: the plan as weekly calendar events a calendar reads back."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from prospect_tui.__main__ import main
from prospect_tui.core.clock import ManualClock
from prospect_tui.locations import Locations
from prospect_tui.services import open_services
from prospect_tui.store.workspace import Workspace
from tests.conftest import PARIS

PLAN = """\
[[blocks]]
category = "calling"
days = ["mon", "tue", "wed", "thu", "fri"]
start = "09:00"
minutes = 60

[[blocks]]
category = "research"
days = ["tue", "thu"]
start = "08:30"
minutes = 30

[[blocks]]
category = "activity"
name = "[b]Networking[/b] $(rm -rf ~)"
days = ["wed"]
start = "07:30"
minutes = 90

[days_off]
dates = ["2026-12-24..2027-01-01"]
"""


def plan(
    home: Path, clock: ManualClock, capsys: pytest.CaptureFixture[str], *argv: str
) -> tuple[int, str]:
    services = open_services(Locations(home, home), clock=clock, workspace=False)
    capsys.readouterr()
    code = main(["plan", *argv], services)
    return code, capsys.readouterr().err


def events(path: Path) -> dict[str, Calendar]:
    calendar = Calendar.from_ical(path.read_bytes())
    return {str(e["summary"]): e for e in calendar.walk("VEVENT")}


@pytest.fixture
def planned(home: Path) -> Path:
    home.mkdir()
    (home / "config.toml").write_text(PLAN, encoding="utf-8")
    return home


def test_the_blocks_read_back_as_weekly_events_in_the_users_zone(
    planned: Path, clock: ManualClock, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "plan.ics"
    code, err = plan(planned, clock, capsys, "--ics", str(out))
    assert code == 0, err
    assert err == f"Wrote 3 planned blocks to {out}, each repeating weekly.\n"
    calendar = Calendar.from_ical(out.read_bytes())
    [zone] = calendar.walk("VTIMEZONE")
    assert str(zone["tzid"]) == "Europe/Paris"
    found = events(out)
    calling = found["Calling block — protect it like a vacation"]
    rule = calling["rrule"]
    assert rule["freq"] == ["WEEKLY"]
    assert rule["byday"] == ["MO", "TU", "WE", "TH", "FR"]
    start = calling.decoded("dtstart")
    # The frozen clock is Thursday 19 November 2026, 15:30 in Paris.
    assert start == datetime(2026, 11, 19, 9, 0, tzinfo=PARIS)
    assert start.tzinfo is not None and str(calling["dtstart"].params["TZID"]) == "Europe/Paris"
    assert calling.decoded("duration") == timedelta(minutes=60)
    [alarm] = calling.walk("VALARM")
    assert alarm.decoded("trigger") == timedelta(minutes=-5)
    research = found["Research block — decide who to call, then stop"]
    assert research["rrule"]["byday"] == ["TU", "TH"]
    assert research.decoded("dtstart") == datetime(2026, 11, 19, 8, 30, tzinfo=PARIS)
    activity = found["[b]Networking[/b] $(rm -rf ~)"]  # data, as written
    assert activity.decoded("dtstart") == datetime(2026, 11, 25, 7, 30, tzinfo=PARIS)


def test_days_off_are_left_out_of_the_rule(
    planned: Path, clock: ManualClock, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "plan.ics"
    assert plan(planned, clock, capsys, "--ics", str(out))[0] == 0
    calling = events(out)["Calling block — protect it like a vacation"]
    exdates = calling["exdate"]
    skipped = {
        d.dt for group in (exdates if isinstance(exdates, list) else [exdates]) for d in group.dts
    }
    workdays = [date(2026, 12, d) for d in (24, 25, 28, 29, 30, 31)] + [date(2027, 1, 1)]
    assert skipped == {
        datetime.combine(d, datetime.min.time().replace(hour=9), PARIS) for d in workdays
    }


def test_uids_are_stable_so_a_second_import_updates_instead_of_duplicating(
    planned: Path, clock: ManualClock, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    assert plan(planned, clock, capsys, "--ics", str(first))[0] == 0
    # A week later the calling block moved to 10:00: same UID, new time.
    (planned / "config.toml").write_text(PLAN.replace('"09:00"', '"10:00"'), encoding="utf-8")
    clock.advance(days=7)
    assert plan(planned, clock, capsys, "--ics", str(second))[0] == 0
    uids = [
        {str(e["uid"]) for e in Calendar.from_ical(p.read_bytes()).walk("VEVENT")}
        for p in (first, second)
    ]
    assert uids[0] == uids[1] and len(uids[0]) == 3


def test_it_reads_while_the_app_holds_the_workspace(
    planned: Path, clock: ManualClock, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with Workspace.open(planned, write=True):
        code, err = plan(planned, clock, capsys, "--ics", str(tmp_path / "plan.ics"))
    assert code == 0, err


@pytest.mark.parametrize(
    ("target", "says"),
    [
        ("missing/plan.ics", "the folder"),
        (".", "it is a folder"),
        ("HOME/plan.ics", "inside the workspace folder"),
    ],
)
def test_a_bad_file_is_one_sentence_and_exit_2(
    planned: Path,
    clock: ManualClock,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    target: str,
    says: str,
) -> None:
    path = planned / target[5:] if target.startswith("HOME/") else tmp_path / target
    code, err = plan(planned, clock, capsys, "--ics", str(path))
    assert code == 2
    assert len(err.splitlines()) == 1 and says in err and "Traceback" not in err
    assert not (planned / "plan.ics").exists()


def test_no_plan_is_one_sentence_and_exit_2(
    home: Path, clock: ManualClock, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, err = plan(home, clock, capsys, "--ics", str(tmp_path / "plan.ics"))
    assert (code, err.count("\n")) == (2, 1)
    assert err.startswith("Nothing is planned yet")
    assert not (tmp_path / "plan.ics").exists()


def test_a_bad_config_names_its_line_and_writes_nothing(
    home: Path, clock: ManualClock, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    home.mkdir()
    (home / "config.toml").write_text('[days_off]\ndates = ["2026-02-30"]\n', encoding="utf-8")
    code, err = plan(home, clock, capsys, "--ics", str(tmp_path / "plan.ics"))
    assert code == 2
    assert err.startswith("config.toml line 2: [days_off] dates has '2026-02-30'")
    assert not (tmp_path / "plan.ics").exists()
