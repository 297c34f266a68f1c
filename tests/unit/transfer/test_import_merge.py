"""Merging into what is stored: duplicates, importing twice, do-not-call, the export round trip.

Plans are applied to the test's own workspace (``repository`` fixture), and
every write is checked to be one journal line.
"""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from prospect_tui.core.clock import ManualClock
from prospect_tui.core.model import Prospect, Status
from prospect_tui.core.phones import is_e164
from prospect_tui.store import journal as journal_file
from prospect_tui.store.errors import StoreDamaged, StoreWriteFailed
from prospect_tui.store.repository import Repository
from prospect_tui.store.workspace import Workspace
from prospect_tui.transfer.csv_import import (
    FatalImportError,
    ImportPlan,
    StoredProspects,
    apply_plan,
    merge,
    plan_import,
)
from prospect_tui.transfer.export import FORMULA_STARTS, documents, write_csv
from tests.conftest import fill_sample

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "import"
NOW = datetime(2026, 11, 19, 15, 30, tzinfo=ZoneInfo("Europe/Paris"))
LATER = NOW + timedelta(days=3)


def plan_of(
    data: bytes | str, repository: Repository, now: datetime = NOW, **options: object
) -> ImportPlan:
    if isinstance(data, str):
        data = (FIXTURES / data).read_bytes()
    settings: dict[str, object] = {"list_name": None, "now": now, **options}
    # As the command and the app do: phones and e-mails read, matched prospects decoded.
    return plan_import(data, StoredProspects(repository), **settings)  # type: ignore[arg-type]


def journal_lines(repository: Repository) -> int:
    return len(journal_file.read(repository.workspace.journal_path).entries)


def exported(prospects: list[Prospect]) -> bytes:
    """The bytes ``prospect export prospects -o FILE`` writes."""
    buffer = io.StringIO(newline="")
    write_csv("prospects", documents(prospects), buffer)
    return buffer.getvalue().encode("utf-8-sig")


def stored(repository: Repository) -> list[Prospect]:
    return repository.prospects()


# -- merging ---------------------------------------------------------------------------------


def test_a_merge_fills_gaps_and_never_lowers_or_touches_history() -> None:
    before = Prospect(
        id=4, first_name="Ava", last_name="", title="", phone="+14155550123", timezone=None,
        tags=["old", "VIP"], status=Status.DO_NOT_CALL, attempts=3, last_outcome="voicemail",
        last_called_at=NOW, next_action_at=LATER, extra={"Source": "fair"}, created_at=NOW,
    )  # fmt: skip
    row = Prospect(
        first_name="Eve", last_name="Kim", title="VP", phone="+14155550123",
        timezone="America/Los_Angeles", tags=["vip", "new"], status=Status.NEW,
        extra={"Source": "web", "Record ID": "9"}, attempts=0, created_at=LATER,
    )  # fmt: skip
    after = merge(before, row)
    assert (after.first_name, after.last_name, after.title) == ("Ava", "Kim", "VP")
    assert after.timezone == "America/Los_Angeles"
    assert after.tags == ["old", "VIP", "new"]
    assert after.extra == {"Source": "fair", "Record ID": "9"}
    assert after.status is Status.DO_NOT_CALL
    assert (after.attempts, after.last_outcome, after.last_called_at, after.next_action_at) == (
        3, "voicemail", NOW, LATER,
    )  # fmt: skip
    assert after.created_at == NOW
    assert before.tags == ["old", "VIP"] and before.extra == {"Source": "fair"}  # not mutated


def test_a_source_do_not_call_always_lands() -> None:
    before = Prospect(id=1, first_name="Ava", phone="+14155550123", status=Status.MEETING)
    row = Prospect(first_name="Ava", phone="+14155550123", status=Status.DO_NOT_CALL)
    assert merge(before, row).status is Status.DO_NOT_CALL


def test_duplicates_merge_into_the_stored_prospect(repository: Repository) -> None:
    repository.save_prospect(
        Prospect(first_name="Ava", last_name="Kim", phone="+14155550123", tags=["old"],
                 status=Status.DO_NOT_CALL, attempts=2, created_at=NOW, updated_at=NOW)
    )  # fmt: skip
    repository.save_prospect(
        Prospect(first_name="Marcus", email="Marcus.Reed@contoso.example", created_at=NOW)
    )
    plan = plan_of("hubspot_all_contacts.csv", repository, now=LATER)
    assert (len(plan.new), len(plan.updates), plan.unchanged) == (9, 2, 0)
    ava = next(u.after for u in plan.updates if u.before.first_name == "Ava")
    assert (ava.id, ava.status, ava.attempts, ava.company) == (
        1, Status.DO_NOT_CALL, 2, "Northwind Traders",
    )  # fmt: skip
    assert (ava.created_at, ava.updated_at) == (NOW, LATER)
    marcus = next(u.after for u in plan.updates if u.before.first_name == "Marcus")
    assert (marcus.id, marcus.phone, marcus.last_name) == (2, "+12125550147", "Reed")
    apply_plan(repository, plan)
    assert len(stored(repository)) == 11
    assert sum(1 for p in stored(repository) if p.phone == "+14155550123") == 1


def test_phone_and_email_of_two_different_prospects(repository: Repository) -> None:
    repository.save_prospect(Prospect(first_name="Ava", phone="+14155550123"))
    repository.save_prospect(Prospect(first_name="Ben", email="ben@example.com"))
    plan = plan_of(b"Name,Phone,Email\nAva Kim,+14155550123,ben@example.com\n", repository)
    [update] = plan.updates
    assert (update.after.first_name, update.after.email) == ("Ava", "")
    assert "merged into Ava without the e-mail" in plan.notices[0].reason


def test_only_the_stored_prospects_a_row_matches_are_decoded(
    repository: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    for number in range(1, 41):
        repository.save_prospect(
            Prospect(first_name=f"P{number}", phone=f"+1415555{number:04d}",
                     email=f"p{number}@example.com", created_at=NOW)
        )  # fmt: skip
    decoded: list[int] = []
    real = Repository.prospect

    def counted(self: Repository, prospect_id: int) -> Prospect | None:
        decoded.append(prospect_id)
        return real(self, prospect_id)

    monkeypatch.setattr(Repository, "prospect", counted)
    rows = (
        "Name,Phone,Email,Title\n"
        "P7,+14155550007,,CEO\n"  # by phone
        "Someone,,P12@Example.com,CTO\n"  # by e-mail, any case
        "P7 again,(415) 555-0007,,\n"  # the same stored prospect again
        "New,+14155559999,new@example.com,\n"
    )
    plan = plan_of(rows.encode(), repository, default_country="US")
    assert sorted(decoded) == [7, 12]
    assert [(u.after.id, u.after.title) for u in plan.updates] == [(7, "CEO"), (12, "CTO")]
    assert (len(plan.new), plan.duplicates) == (1, 1)


def test_a_stored_phone_that_is_not_text_is_damage_named_by_the_import(home: Path) -> None:
    with Workspace.open(home, write=True) as workspace:
        Repository(workspace).save_prospect(Prospect(first_name="Ava", phone="+14155550123"))
    path = home / "prospects.json"
    path.write_text(path.read_text().replace('"phone": "+14155550123"', '"phone": 14155550123'))
    with Workspace.open(home) as workspace, pytest.raises(StoreDamaged, match="phone"):
        plan_of(b"Name,Phone\nBen,+14155550199\n", Repository(workspace))


# -- importing twice, do-not-call --------------------------------------------------------------


@pytest.mark.parametrize(
    "fixture",
    [
        "hubspot_all_contacts.csv",
        "salesforce_report_cp1252.csv",
        "invalid_and_duplicate_phones.csv",
        "zones.csv",
        "tab_separated.csv",
    ],
)
def test_importing_the_same_file_twice_changes_nothing(
    repository: Repository, fixture: str
) -> None:
    first = plan_of(fixture, repository)
    apply_plan(repository, first)
    before, lines = stored(repository), journal_lines(repository)
    again = plan_of(fixture, repository, now=LATER)
    assert (len(again.new), len(again.updates), again.changes) == (0, 0, False)
    assert again.unchanged == len(first.new)
    assert again.summary().startswith("Imported 0, updated 0, unchanged ")
    apply_plan(repository, again)
    assert stored(repository) == before
    assert journal_lines(repository) == lines


def test_do_not_call_survives_a_later_import_of_the_same_person(repository: Repository) -> None:
    apply_plan(repository, plan_of("hubspot_all_contacts.csv", repository))
    ava = next(p for p in stored(repository) if p.first_name == "Ava")
    repository.save_prospect(replace(ava, status=Status.DO_NOT_CALL))
    # The same person again, and a Prospect export that still says "new".
    for data in (
        (FIXTURES / "hubspot_all_contacts.csv").read_bytes(),
        b"Name,Phone,Status\nAva Kim,+1 415 555 0123,new\n",
        exported([replace(ava, status=Status.NEW)]),
    ):
        plan = plan_of(data, repository, now=LATER)
        apply_plan(repository, plan)
        ava_now = next(p for p in stored(repository) if p.first_name == "Ava")
        assert ava_now.status is Status.DO_NOT_CALL


# -- the export round trip ---------------------------------------------------------------------


def test_export_then_import_changes_nothing(repository: Repository) -> None:
    apply_plan(repository, plan_of("hubspot_all_contacts.csv", repository))
    apply_plan(repository, plan_of("salesforce_report_cp1252.csv", repository))
    odd = Prospect(
        first_name="=cmd|' /C calc'!A0", last_name="-Minus", company="+Plus Ltd",
        phone="+14155550999", email="@home@example.com", notes="\tTabbed\nand two lines",
        tags=["@at", "=eq"], extra={"Formula": "=HYPERLINK(\"x\")", "Lead Source": "Web"},
        status=Status.CALLBACK, attempts=4, created_at=NOW, updated_at=NOW,
    )  # fmt: skip
    repository.save_prospect(odd)
    everyone = stored(repository)
    data = exported(everyone)
    header, *rows = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))
    phone = header.index("phone")
    for row in rows:
        for index, cell in enumerate(row):
            assert not cell.startswith(FORMULA_STARTS) or (index == phone and is_e164(cell))
    plan = plan_of(data, repository, now=LATER)
    assert plan.source == "Prospect export"
    assert (len(plan.new), len(plan.updates), len(plan.skipped)) == (0, 0, 0)
    assert plan.unchanged == len(everyone)
    apply_plan(repository, plan)
    assert stored(repository) == everyone


def test_export_round_trip_of_the_sample_workspace(home: Path, clock: ManualClock) -> None:
    fill_sample(home, clock, prospects=80, calls=200)
    with Workspace.open(home, write=True) as workspace:
        repository = Repository(workspace)
        everyone = stored(repository)
        plan = plan_of(exported(everyone), repository, now=LATER)
        assert (len(plan.new), len(plan.updates), plan.unchanged) == (0, 0, len(everyone))


def test_duplicates_in_the_store_round_trip_by_id(repository: Repository) -> None:
    twin = Prospect(first_name="Ava", phone="+14155550123", created_at=NOW)
    repository.save_prospect(twin)
    repository.save_prospect(replace(twin, id=0, first_name="Ava B", title="CTO"))
    everyone = stored(repository)
    plan = plan_of(exported(everyone), repository, now=LATER)
    # Their zone stays unknown too: an empty cell in Prospect's export means just that.
    assert (len(plan.updates), plan.unchanged, plan.duplicates) == (0, 2, 0)


def test_a_prospect_export_restores_status_and_history_into_an_empty_workspace(
    repository: Repository, tmp_path: Path
) -> None:
    source = Prospect(
        id=12, first_name="Ava", last_name="Kim", phone="+14155550123",
        timezone="America/Los_Angeles", country="US", status=Status.DO_NOT_CALL,
        attempts=5, last_outcome="do_not_call", last_called_at=NOW, next_action_at=LATER,
        tags=["vip"], list="Q4", priority=2, created_at=NOW, updated_at=NOW,
    )  # fmt: skip
    plan = plan_of(exported([source]), repository, now=LATER)
    [ava] = plan.new
    assert ava == replace(source, id=0, updated_at=LATER)


# -- applying ----------------------------------------------------------------------------------


def test_apply_writes_one_journal_line(repository: Repository) -> None:
    repository.save_prospect(Prospect(first_name="Ava", phone="+14155550123"))
    lines = journal_lines(repository)
    plan = plan_of("hubspot_all_contacts.csv", repository)
    assert plan.updates and plan.new
    apply_plan(repository, plan)
    assert journal_lines(repository) == lines + 1
    assert all(p.id for p in plan.new)


def test_a_stale_plan_writes_nothing(repository: Repository) -> None:
    repository.save_prospect(Prospect(first_name="Ava", phone="+14155550123"))
    plan = plan_of("hubspot_all_contacts.csv", repository)
    [ava] = stored(repository)
    repository.save_prospect(replace(ava, attempts=1))  # a call was logged meanwhile
    before, lines = stored(repository), journal_lines(repository)
    with pytest.raises(FatalImportError, match="run the import again"):
        apply_plan(repository, plan)
    assert stored(repository) == before
    assert journal_lines(repository) == lines


def test_a_failed_write_lands_nothing_and_can_be_retried(
    repository: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    repository.save_prospect(Prospect(first_name="Ava", phone="+14155550123"))
    before = stored(repository)
    plan = plan_of("hubspot_all_contacts.csv", repository)
    journal = repository.workspace._journal
    assert journal is not None

    def disk_full(ops: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(journal, "append", disk_full)
    with pytest.raises(StoreWriteFailed):
        apply_plan(repository, plan)
    assert stored(repository) == before
    assert all(p.id == 0 for p in plan.new)
    monkeypatch.undo()
    apply_plan(repository, plan)
    assert len(stored(repository)) == 11


def test_list_name_goes_to_new_prospects_only(repository: Repository) -> None:
    repository.save_prospect(Prospect(first_name="Ava", phone="+14155550123", list="Old"))
    plan = plan_of("hubspot_all_contacts.csv", repository, list_name="Webinar")
    assert {p.list for p in plan.new} == {"Webinar"}
    assert [u.after.list for u in plan.updates] == ["Old"]
