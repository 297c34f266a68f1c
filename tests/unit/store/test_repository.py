"""The repository: domain records in and out of the journaled TinyDB tables."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from prospect_tui.core.clock import ManualClock
from prospect_tui.core.model import Call, FollowUp, Prospect, Sprint, SprintStatus, Status
from prospect_tui.store import journal as journal_file
from prospect_tui.store.doc_lines import LineView
from prospect_tui.store.repository import Repository
from prospect_tui.store.workspace import Workspace

PARIS = ZoneInfo("Europe/Paris")
NEW_YORK = ZoneInfo("America/New_York")
AT = datetime(2026, 11, 19, 9, 30, tzinfo=PARIS)


def entries(repository: Repository) -> list[journal_file.Entry]:
    return journal_file.read(repository.workspace.journal_path).entries


def make_prospect(**fields: object) -> Prospect:
    values: dict[str, object] = {
        "first_name": "Ada",
        "last_name": "Byron",
        "company": "Analytical Engines",
        "phone": "+442071234567",
        "timezone": "Europe/London",
        "tags": ["vip"],
        "extra": {"Source": "conference"},
        "created_at": AT - timedelta(days=3),
    }
    values.update(fields)
    return Prospect(**values)  # type: ignore[arg-type]


def make_call(
    prospect: Prospect,
    day: date,
    *,
    minute: int = 0,
    outcome: str = "no_answer",
    sprint_id: int | None = None,
) -> Call:
    started = datetime(day.year, day.month, day.day, 9, minute, tzinfo=PARIS)
    return Call(
        prospect_id=prospect.id,
        sprint_id=sprint_id,
        started_at=started,
        ended_at=started + timedelta(seconds=45),
        duration_s=45.0,
        outcome=outcome,
        variant="how-have-you-been+demo",
        local_hour=8,
        local_date=day,
    )


def after(prospect: Prospect, call: Call) -> Prospect:
    """The prospect's new state once ``call`` is logged (the domain's job, done by hand)."""
    return Prospect.from_doc(
        prospect.id,
        {
            **prospect.to_doc(),
            "attempts": prospect.attempts + 1,
            "status": Status.after(call.outcome).value,
            "last_outcome": call.outcome,
            "last_called_at": call.ended_at.isoformat(),
        },
    )


def test_log_call_writes_call_prospect_and_followup_in_one_line(repository: Repository) -> None:
    ada = repository.save_prospect(make_prospect())
    lines = len(entries(repository))
    call = make_call(ada, AT.date(), outcome="callback")
    updated = after(ada, call)
    followup = FollowUp(
        prospect_id=ada.id, kind="callback", due_at=AT + timedelta(days=1), created_at=AT
    )

    logged = repository.log_call(call, updated, followup)

    assert len(entries(repository)) == lines + 1
    places = {(op[1], op[2]) for op in entries(repository)[-1].ops}
    assert places == {
        ("calls/2026-11", "calls"),
        ("prospects", "prospects"),
        ("followups/2026-11", "followups"),  # the month the callback is due
        ("activity", "counters"),
    }
    assert logged is call and call.id == 1
    assert followup.call_id == call.id
    assert repository.calls_on(AT.date()) == [call]
    assert repository.prospect(ada.id) == updated
    assert repository.followups() == [followup]


def test_logged_records_read_back_equal_after_a_reopen(home: Path) -> None:
    with Workspace.open(home, write=True) as ws:
        repository = Repository(ws)
        ada = repository.save_prospect(make_prospect(timezone="America/New_York"))
        call = make_call(ada, AT.date(), outcome="meeting")
        call.callback_at = datetime(2026, 11, 20, 10, 0, tzinfo=NEW_YORK)
        updated = after(ada, call)
        followup = FollowUp(prospect_id=ada.id, kind="meeting", created_at=AT)
        repository.log_call(call, updated, followup)

    with Workspace.open(home) as ws:
        repository = Repository(ws)
        assert repository.prospects() == [updated]
        assert repository.calls_on(AT.date()) == [call]
        assert repository.followups() == [followup]
        (back,) = repository.calls_on(AT.date())
        assert back.callback_at is not None and back.callback_at.utcoffset() == timedelta(hours=-5)


def test_undo_call_removes_call_and_followup_and_restores_the_prospect(
    repository: Repository,
) -> None:
    ada = repository.save_prospect(make_prospect())
    first = make_call(ada, AT.date(), outcome="callback")
    ada_1 = after(ada, first)
    repository.log_call(first, ada_1, FollowUp(prospect_id=ada.id, kind="callback", created_at=AT))
    second = make_call(ada_1, AT.date(), minute=5, outcome="meeting")
    repository.log_call(
        second, after(ada_1, second), FollowUp(prospect_id=ada.id, kind="meeting", created_at=AT)
    )
    lines = len(entries(repository))

    repository.undo_call(second, ada_1)

    assert len(entries(repository)) == lines + 1
    assert repository.calls_on(AT.date()) == [first]
    assert repository.prospect(ada.id) == ada_1
    assert [(f.kind, f.call_id) for f in repository.followups()] == [("callback", first.id)]


def test_calls_on_returns_only_that_day(repository: Repository) -> None:
    ada = repository.save_prospect(make_prospect())
    days = [
        date(2026, 11, 18),
        date(2026, 11, 19),
        date(2026, 11, 19),
        date(2026, 11, 20),
        date(2026, 10, 19),
    ]
    for minute, day in enumerate(days):
        repository.log_call(make_call(ada, day, minute=minute), ada)

    on_19th = repository.calls_on(date(2026, 11, 19))

    assert [c.id for c in on_19th] == [2, 3]
    assert repository.calls_on(date(2026, 11, 21)) == []
    assert [c.id for c in repository.calls_on(date(2026, 10, 19))] == [5]


def test_iter_calls_spans_months_oldest_first(home: Path) -> None:
    # Logged month by month out of order; within a month, in the order of the days.
    days = [
        date(2026, 11, 1),
        date(2026, 9, 30),
        date(2027, 1, 1),
        date(2026, 10, 15),
        date(2026, 11, 2),
        date(2026, 10, 16),
    ]
    with Workspace.open(home, write=True) as ws:
        repository = Repository(ws)
        ada = repository.save_prospect(make_prospect())
        for day in days[:3]:
            repository.log_call(make_call(ada, day), ada)
    with Workspace.open(home, write=True) as ws:  # some months on disk, some in the journal
        repository = Repository(ws)
        for day in days[3:]:
            repository.log_call(make_call(ada, day), ada)
        ws.close(fold=False)

    with Workspace.open(home) as ws:
        shards = ws.call_shards()
        calls = list(Repository(ws).iter_calls())

    assert shards == ["calls/2026-09", "calls/2026-10", "calls/2026-11", "calls/2027-01"]
    assert [c.local_date for c in calls] == sorted(days)
    assert [c.id for c in calls] == [2, 4, 6, 1, 5, 3]


def test_iter_calls_lets_go_of_each_month_it_read(home: Path) -> None:
    # An export of ten years of calls holds one month at a time, not the history.
    days = [date(2026, 9, 30), date(2026, 10, 15), date(2026, 11, 1)]
    with Workspace.open(home, write=True) as ws:
        repository = Repository(ws)
        ada = repository.save_prospect(make_prospect())
        for day in days:
            repository.log_call(make_call(ada, day), ada)

    with Workspace.open(home) as ws:
        held = []
        for call in Repository(ws).iter_calls():
            held.append(sum(ws.is_loaded(name) for name in ws.call_shards()))
            assert call.local_date in days

    assert len(held) == 3 and max(held) <= 1  # at most the month being read, never those before


def test_iter_calls_keeps_the_months_a_writer_has_yet_to_fold(home: Path) -> None:
    with Workspace.open(home, write=True) as ws:
        repository = Repository(ws)
        ada = repository.save_prospect(make_prospect())
        repository.log_call(make_call(ada, date(2026, 10, 15)), ada)
        assert [c.local_date for c in repository.iter_calls()] == [date(2026, 10, 15)]
        assert ws.is_loaded("calls/2026-10")  # its change is folded from memory on close

    with Workspace.open(home) as ws:
        assert [c.local_date for c in Repository(ws).iter_calls()] == [date(2026, 10, 15)]


def test_insert_with_ids_keeps_ids_and_moves_the_call_counter(repository: Repository) -> None:
    ada = make_prospect(id=40)
    sprint = Sprint(
        id=3,
        started_at=AT,
        ends_at=AT + timedelta(minutes=25),
        status=SprintStatus.COMPLETED,
        local_date=AT.date(),
    )
    calls = [make_call(ada, date(2026, 10, 2), sprint_id=3), make_call(ada, AT.date())]
    calls[0].id, calls[1].id = 120, 7
    followup = FollowUp(id=9, prospect_id=40, kind="meeting", call_id=7, created_at=AT)
    lines = len(entries(repository))

    repository.insert_with_ids([ada, sprint, *calls, followup])

    assert len(entries(repository)) == lines + 1
    assert [p.id for p in repository.prospects()] == [40]
    assert repository.sprint(3) == sprint
    assert sorted(c.id for c in repository.iter_calls()) == [7, 120]
    assert repository.followups() == [followup]
    new = repository.log_call(make_call(ada, AT.date()), ada)
    assert new.id == 121
    assert repository.save_prospect(make_prospect()).id == 41


def test_save_prospects_is_one_line_and_gives_new_ids(repository: Repository) -> None:
    ada = repository.save_prospect(make_prospect())
    ada.notes = "prefers mornings"
    lines = len(entries(repository))

    repository.save_prospects(
        [ada, make_prospect(first_name="Grace"), make_prospect(first_name="Hedy")]
    )

    assert len(entries(repository)) == lines + 1
    assert [(p.id, p.first_name, p.notes) for p in repository.prospects()] == [
        (1, "Ada", "prefers mornings"),
        (2, "Grace", ""),
        (3, "Hedy", ""),
    ]


def test_running_sprint(repository: Repository, clock: ManualClock) -> None:
    def sprint(status: SprintStatus) -> Sprint:
        start = clock.now()
        clock.advance(minutes=30)
        return repository.save_sprint(
            Sprint(
                started_at=start,
                ends_at=start + timedelta(minutes=25),
                status=status,
                local_date=start.date(),
            )
        )

    assert repository.running_sprint() is None
    sprint(SprintStatus.COMPLETED)
    assert repository.running_sprint() is None
    running = sprint(SprintStatus.RUNNING)
    sprint(SprintStatus.ABANDONED)

    assert repository.running_sprint() == running

    running.status = SprintStatus.COMPLETED
    running.ended_at = clock.now()
    repository.save_sprint(running)
    assert repository.running_sprint() is None


def test_a_record_read_back_is_not_the_stored_document(home: Path) -> None:
    # Changing a record in place must not change the store behind the journal's back:
    # the change would show until the next start, then be gone.
    with Workspace.open(home, write=True) as ws:
        repository = Repository(ws)
        ada = repository.save_prospect(make_prospect(tags=["vip"]))
        read = repository.prospect(ada.id)
        assert read is not None
        read.tags.append("callback-friday")
        read.extra["Owner"] = "me"

        assert repository.prospect(ada.id) == ada
        assert repository.prospects() == [ada]

        repository.save_prospect(read)
        ws.close(fold=False)

    with Workspace.open(home) as ws:
        back = Repository(ws).prospect(ada.id)
    assert back is not None
    assert back.tags == ["vip", "callback-friday"]
    assert back.extra == {"Source": "conference", "Owner": "me"}


def test_the_sample_reads_back_through_the_repository(
    sample_home: Path, clock: ManualClock
) -> None:
    with Workspace.open(sample_home) as ws:
        repository = Repository(ws)
        calls = list(repository.iter_calls())
        prospects = {p.id: p for p in repository.prospects()}

        assert len(calls) == 600
        months = [c.local_date.strftime("%Y-%m") for c in calls]
        assert months == sorted(months)
        assert {c.prospect_id for c in calls} <= prospects.keys()
        busiest, count = Counter(c.local_date for c in calls).most_common(1)[0]
        on_day = repository.calls_on(busiest)
        assert len(on_day) == count
        assert all(c.local_date == busiest for c in on_day)
        assert all(c.local_date <= clock.now().date() for c in calls)
        for sprint in repository.sprints()[:5]:
            assert all(c.sprint_id == sprint.id for c in repository.calls_of_sprint(sprint))


def test_stored_documents_leave_defaults_out_and_read_back_whole(
    repository: Repository, workspace: Workspace
) -> None:
    ada = repository.save_prospect(make_prospect())
    raw = dict(workspace.rows("prospects", "prospects")[str(ada.id)])
    assert "notes" not in raw and "last_outcome" not in raw and "priority" not in raw
    assert raw["extra"] == {"Source": "conference"}
    assert repository.prospect(ada.id) == ada


def test_a_field_back_at_its_default_does_not_linger(
    repository: Repository, clock: ManualClock
) -> None:
    start = clock.now()
    sprint = repository.save_sprint(
        Sprint(
            started_at=start,
            ends_at=start + timedelta(minutes=25),
            local_date=start.date(),
            paused_at=start + timedelta(minutes=3),
        )
    )
    sprint.paused_at = None  # the pause ended: stored without the field
    repository.save_sprint(sprint)
    again = repository.sprint(sprint.id)
    assert again is not None and again.paused_at is None
    assert repository.running_sprint() == sprint


def test_a_followup_lives_in_the_month_it_is_due_and_moves_with_it(
    repository: Repository, workspace: Workspace
) -> None:
    ada = repository.save_prospect(make_prospect())
    followup = repository.save_followup(
        FollowUp(prospect_id=ada.id, kind="callback", due_at=AT + timedelta(days=3), created_at=AT)
    )
    assert str(followup.id) in workspace.rows("followups/2026-11", "followups")
    followup.due_at = datetime(2026, 12, 2, 10, 0, tzinfo=AT.tzinfo)
    repository.save_followup(followup)
    assert str(followup.id) not in workspace.rows("followups/2026-11", "followups")
    assert str(followup.id) in workspace.rows("followups/2026-12", "followups")
    assert repository.followups() == [followup]
    assert repository.open_followups_due_around(date(2026, 12, 1)) == [followup]
    assert repository.open_followups_due_around(date(2026, 10, 20)) == []


def test_closing_a_followup_writes_it_its_replacement_and_prospect_in_one_line(
    repository: Repository, workspace: Workspace
) -> None:
    from prospect_tui.core.followups import Closing, close

    due = AT + timedelta(hours=1)
    ada = repository.save_prospect(make_prospect(status=Status.CALLBACK, next_action_at=due))
    item = repository.save_followup(
        FollowUp(prospect_id=ada.id, kind="callback", due_at=due, created_at=AT)
    )
    lines = len(entries(repository))
    later = datetime(2026, 12, 3, 10, 0, tzinfo=PARIS)
    repository.close_followup(
        close(item, Closing.RESCHEDULED, AT + timedelta(hours=2), prospect=ada, new_time=later)
    )
    assert len(entries(repository)) == lines + 1
    stored = {f.id: f for f in repository.followups()}
    assert stored[item.id].resolution == "rescheduled"
    assert stored[item.id].done_at == AT + timedelta(hours=2)
    (again,) = repository.followups(open_only=True)
    assert again.due_at == later and again.id != item.id
    assert str(again.id) in workspace.rows("followups/2026-12", "followups")
    assert repository.prospect(ada.id).next_action_at == later  # type: ignore[union-attr]


def test_calls_by_id_finds_calls_in_any_month(repository: Repository) -> None:
    ada = repository.save_prospect(make_prospect())
    old = repository.log_call(make_call(ada, date(2026, 9, 3)), ada)
    new = repository.log_call(make_call(ada, date(2026, 11, 19), minute=5), ada)
    found = repository.calls_by_id([old.id, new.id, 999])
    assert found == {old.id: old, new.id: new}


def test_settled_nudges_survive_a_crash_and_a_fold_and_are_found_by_day(home: Path) -> None:
    from prospect_tui.core.model import SentNudge

    thursday = date(2026, 11, 19)
    with Workspace.open(home, write=True) as workspace:
        Repository(workspace).record_nudges(
            [
                SentNudge(key="block_late:a", kind="block_late", local_date=thursday, sent_at=AT),
                SentNudge(
                    key="block_start:a",
                    kind="block_start",
                    local_date=thursday,
                    sent_at=AT,
                    held=True,
                ),
            ]
        )
        assert len(entries(Repository(workspace))) == 1  # one journal line: both or neither
        workspace.close(fold=False)  # as a kill leaves it
    reader = Workspace.open(home, write=False)
    repository = Repository(reader)
    assert repository.nudge_keys_since(thursday) == {"block_late:a", "block_start:a"}
    assert repository.nudge_keys_since(thursday + timedelta(days=1)) == set()
    assert [n.held for n in repository.nudges_on(thursday)] == [False, True]
    reader.close()
    with Workspace.open(home, write=True):
        pass  # folds the journal into activity.json
    with Workspace.open(home, write=False) as folded:
        assert Repository(folded).nudge_keys_since(thursday) == {"block_late:a", "block_start:a"}


def test_undo_removes_a_meetings_followup_from_the_month_its_time_moved_it_to(
    repository: Repository, workspace: Workspace
) -> None:
    ada = repository.save_prospect(make_prospect())
    before = repository.prospect(ada.id)
    assert before is not None
    call = make_call(ada, AT.date(), outcome="meeting")
    followup = FollowUp(prospect_id=ada.id, kind="meeting", due_at=call.ended_at, created_at=AT)
    repository.log_call(call, after(ada, call), followup)
    followup.due_at = datetime(2026, 12, 3, 9, 30, tzinfo=PARIS)  # the time, given after
    repository.save_followup(followup)
    assert str(followup.id) in workspace.rows("followups/2026-12", "followups")

    repository.undo_call(call, before, followup)

    assert repository.followups() == []
    assert repository.calls_on(AT.date()) == []
    assert repository.prospect(ada.id) == before


def test_a_schema_1_workspace_is_read_and_upgraded_to_the_fields_of_schema_2(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Written before calls said who answered and follow-ups carried a note: the
    # records have no such fields, and the upgrade reads them as their defaults.
    from prospect_tui.store import migrations

    monkeypatch.setattr(migrations, "SCHEMA", 1)
    with Workspace.open(home, write=True) as workspace:
        repository = Repository(workspace)
        ada = repository.save_prospect(make_prospect())
        call = make_call(ada, AT.date(), outcome="meeting")
        repository.log_call(call, ada, FollowUp(prospect_id=ada.id, kind="meeting", created_at=AT))
    [stored] = json.loads((home / "calls" / "2026-11.json").read_text())["calls"].values()
    assert "gatekeeper" not in stored  # a default is not written: schema 1 wrote it the same
    monkeypatch.undo()

    with Workspace.open(home, write=True) as workspace:
        repository = Repository(workspace)
        [read] = repository.calls_on(AT.date())
        assert read.gatekeeper == "" and read.outcome == "meeting"
        assert [f.note for f in repository.followups()] == [""]
    assert json.loads((home / "workspace.json").read_text())["schema"] == migrations.SCHEMA


def test_a_call_keeps_its_objections_and_one_without_reads_as_none(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from prospect_tui.store import migrations

    monkeypatch.setattr(migrations, "SCHEMA", 2)  # written before calls carried objections
    with Workspace.open(home, write=True) as workspace:
        repository = Repository(workspace)
        ada = repository.save_prospect(make_prospect())
        repository.log_call(make_call(ada, AT.date()), ada)
    monkeypatch.undo()

    with Workspace.open(home, write=True) as workspace:
        repository = Repository(workspace)
        [old] = repository.calls_on(AT.date())
        assert old.objections == []
        tagged = make_call(ada, AT.date(), minute=5, outcome="callback")
        tagged.objections = ["send me an email", "[b]no budget[/b]"]
        repository.log_call(tagged, ada)
    with Workspace.open(home) as workspace:
        calls = Repository(workspace).calls_on(AT.date())
        assert [c.objections for c in calls] == [[], ["send me an email", "[b]no budget[/b]"]]
    stored = json.loads((home / "calls" / "2026-11.json").read_text())["calls"]
    assert sum("objections" in doc for doc in stored.values()) == 1  # empty: left out


def test_a_prospect_of_schema_2_refuses_a_workspace_whose_calls_carry_objections(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Schema 2 knows no ``objections`` on a call: reading one would name the month's
    # file as damaged. The schema moved, so such a Prospect refuses in one sentence.
    from prospect_tui.core.record import InvalidRecord
    from prospect_tui.store import migrations
    from prospect_tui.store.errors import StoreTooNew

    with Workspace.open(home, write=True) as workspace:
        repository = Repository(workspace)
        ada = repository.save_prospect(make_prospect())
        call = make_call(ada, AT.date(), outcome="not_interested")
        call.objections = ["not interested"]
        repository.log_call(call, ada)
    doc = call.to_stored()
    with pytest.raises(InvalidRecord, match="unknown field"):
        Call.from_doc(1, {**doc, "raised_later": ["x"]})  # what an unknown field is to a reader

    monkeypatch.setattr(migrations, "SCHEMA", 2)
    with pytest.raises(StoreTooNew, match=r"schema 3, this one knows 2"):
        Workspace.open(home)


def test_calls_of_prospect_are_theirs_newest_first_within_the_window_and_limit(
    repository: Repository,
) -> None:
    ada = repository.save_prospect(make_prospect())
    bob = repository.save_prospect(make_prospect(first_name="Bob"))
    repository.log_call(make_call(ada, date(2026, 9, 3)), ada)  # before the window
    october = repository.log_call(make_call(ada, date(2026, 10, 30), outcome="voicemail"), ada)
    repository.log_call(make_call(bob, date(2026, 11, 2)), bob)
    early = repository.log_call(make_call(ada, date(2026, 11, 19), minute=5), ada)
    late = repository.log_call(make_call(ada, date(2026, 11, 19), minute=40), ada)

    found = repository.calls_of_prospect(ada.id, since=date(2026, 10, 1), limit=10)
    assert [c.id for c in found] == [late.id, early.id, october.id]
    assert found[2] == october
    assert [c.id for c in repository.calls_of_prospect(ada.id, date(2026, 10, 1), 2)] == [
        late.id,
        early.id,
    ]
    assert repository.calls_of_prospect(999, date(2026, 1, 1), 10) == []


def test_calls_of_prospect_loads_no_month_once_the_limit_is_met(home: Path) -> None:
    with Workspace.open(home, write=True) as workspace:
        repository = Repository(workspace)
        ada = repository.save_prospect(make_prospect())
        repository.log_call(make_call(ada, date(2026, 9, 3)), ada)
        repository.log_call(make_call(ada, date(2026, 11, 19)), ada)
    with Workspace.open(home, write=False) as workspace:
        found = Repository(workspace).calls_of_prospect(ada.id, date(2026, 1, 1), 1)
        assert [c.local_date for c in found] == [date(2026, 11, 19)]
        assert not workspace.is_loaded("calls/2026-09")


def test_ready_to_call_reads_the_sprints_and_the_days_month_before_the_sprint_writes(
    home: Path,
) -> None:
    with Workspace.open(home, write=True) as ws:
        repository = Repository(ws)
        ada = repository.save_prospect(make_prospect())
        repository.log_call(make_call(ada, AT.date()), ada)
        repository.save_sprint(Sprint(started_at=AT, ends_at=AT, local_date=AT.date()))

    with Workspace.open(home, write=True) as ws:
        month = ws.call_shards()[-1]
        assert not ws.is_loaded("activity") and not ws.is_loaded(month)
        Repository(ws).ready_to_call(AT.date())
        assert ws.is_loaded("activity") and ws.is_loaded(month)


def test_ready_to_call_reads_the_months_of_the_cards_history_and_no_older_one(
    home: Path,
) -> None:
    with Workspace.open(home, write=True) as ws:
        repository = Repository(ws)
        ada = repository.save_prospect(make_prospect())
        for day in (date(2026, 9, 3), date(2026, 10, 14), date(2026, 11, 19)):
            repository.log_call(make_call(ada, day), ada)

    with Workspace.open(home, write=True) as ws:
        Repository(ws).ready_to_call(date(2026, 11, 19), date(2026, 10, 1))
        assert ws.is_loaded("calls/2026-10") and ws.is_loaded("calls/2026-11")
        assert not ws.is_loaded("calls/2026-09")
        rows = ws.rows("calls/2026-10", "calls")
        # The month's calls are found by prospect already: the card reads the column.
        assert isinstance(rows, LineView) and "prospect_id" in rows._columns.by_field
