"""Records to stored documents and back: nothing lost, enums restored, zones kept."""

from __future__ import annotations

import json
from dataclasses import MISSING, fields, replace
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from prospect_tui.core.categories import Category
from prospect_tui.core.model import (
    Call,
    FollowUp,
    Prospect,
    Sprint,
    SprintStatus,
    Status,
    TimeEntry,
    from_iso,
    to_iso,
)
from prospect_tui.core.outcomes import OUTCOME_IDS
from prospect_tui.core.record import InvalidRecord, Record

PARIS = ZoneInfo("Europe/Paris")
NEW_YORK = ZoneInfo("America/New_York")
AT = datetime(2026, 11, 19, 15, 30, 12, tzinfo=PARIS)
LATER = datetime(2026, 11, 19, 9, 45, tzinfo=NEW_YORK)


def _examples() -> list[Record]:
    """One record of each type with every field away from its default."""
    return [
        Prospect(
            id=7,
            first_name="Léa",
            last_name="Dubois",
            title="CFO",
            company="Northwind",
            phone="+33199001234",
            email="lea@northwind.example",
            timezone="Europe/Paris",
            country="FR",
            region="IDF",
            city="Paris",
            tags=["cold", "referral"],
            list="Q4",
            status=Status.CALLBACK,
            priority=2,
            attempts=3,
            last_outcome="callback",
            last_called_at=AT,
            next_action_at=LATER,
            notes="Call after lunch.",
            extra={"Lead Source": "Event", "=odd": "x"},
            created_at=AT,
            updated_at=LATER,
        ),
        Call(
            id=12,
            prospect_id=7,
            sprint_id=3,
            started_at=AT,
            ended_at=LATER,
            duration_s=61.5,
            outcome="callback",
            notes="Try Friday.",
            variant="permission+audit",
            local_hour=9,
            local_date=date(2026, 11, 19),
            callback_at=LATER,
        ),
        Sprint(
            id=3,
            started_at=AT,
            ends_at=LATER,
            ended_at=LATER,
            status=SprintStatus.ABANDONED,
            minutes=30,
            paused_at=AT,
            paused_s=42.0,
            reason="tired",
            reason_kind="discipline",
            reason_text="long night",
            local_date=date(2026, 11, 18),
        ),
        TimeEntry(
            id=4,
            category=Category.FOLLOW_UP,
            started_at=AT,
            ended_at=LATER,
            seconds=900.0,
            local_date=date(2026, 11, 19),
            sprint_id=3,
        ),
        FollowUp(
            id=5,
            prospect_id=7,
            kind="meeting",
            due_at=LATER,
            call_id=12,
            created_at=AT,
            done_at=LATER,
            resolution="Sent the proposal.",
        ),
    ]


EXAMPLES = _examples()
IDS = [type(r).__name__ for r in EXAMPLES]


@pytest.mark.parametrize("record", EXAMPLES, ids=IDS)
def test_round_trip_keeps_every_field(record: Record) -> None:
    doc = record.to_doc()
    back = type(record).from_doc(record.id, doc)
    assert back == record
    for f in fields(record):
        value = getattr(record, f.name)
        if isinstance(value, datetime):
            assert getattr(back, f.name).utcoffset() == value.utcoffset(), f.name


@pytest.mark.parametrize("record", EXAMPLES, ids=IDS)
def test_documents_are_plain_json_without_the_id(record: Record) -> None:
    doc = record.to_doc()
    assert "id" not in doc
    assert json.loads(json.dumps(doc)) == doc


@pytest.mark.parametrize("record", EXAMPLES, ids=IDS)
def test_round_trip_through_json_text(record: Record) -> None:
    doc = json.loads(json.dumps(record.to_doc()))
    assert type(record).from_doc(record.id, doc) == record


@pytest.mark.parametrize("record", EXAMPLES, ids=IDS)
def test_the_stored_document_is_every_field_away_from_its_default(record: Record) -> None:
    # The stored document is written out per record type; it must be what the
    # plain rule gives: every field not equal to its default, encoded as exported.
    kind = type(record)
    defaults = {
        f.name: f.default if f.default_factory is MISSING else f.default_factory()
        for f in fields(kind)
        if f.name != "id" and (f.default is not MISSING or f.default_factory is not MISSING)
    }

    def by_the_rule(one: Record) -> dict[str, object]:
        return {
            name: value
            for name, value in one.to_doc().items()
            if name not in defaults or getattr(one, name) != defaults[name]
        }

    bare = replace(record, **defaults)
    assert bare.to_stored() == by_the_rule(bare)
    assert bare.to_stored().keys() == {f.name for f in fields(kind)} - defaults.keys() - {"id"}
    for name in defaults:
        one = replace(bare, **{name: getattr(record, name)})
        assert one.to_stored() == by_the_rule(one), name
    assert record.to_stored() == by_the_rule(record)


def test_enums_are_restored_as_enums() -> None:
    prospect, _, sprint, entry, _ = EXAMPLES
    assert Prospect.from_doc(1, prospect.to_doc()).status is Status.CALLBACK
    assert Sprint.from_doc(1, sprint.to_doc()).status is SprintStatus.ABANDONED
    assert TimeEntry.from_doc(1, entry.to_doc()).category is Category.FOLLOW_UP


def test_stored_values_read_by_eye() -> None:
    prospect, call, sprint, entry, _ = EXAMPLES
    assert prospect.to_doc()["status"] == "callback"
    assert prospect.to_doc()["last_called_at"] == "2026-11-19T15:30:12+01:00"
    assert call.to_doc()["local_date"] == "2026-11-19"
    assert sprint.to_doc()["status"] == "abandoned"
    assert entry.to_doc()["category"] == "follow_up"


NAIVE = datetime(2026, 11, 19, 15, 30)


@pytest.mark.parametrize(
    "record",
    [
        replace(EXAMPLES[0], last_called_at=NAIVE),
        replace(EXAMPLES[1], started_at=NAIVE),
        replace(EXAMPLES[2], ends_at=NAIVE),
        replace(EXAMPLES[3], ended_at=NAIVE),
        replace(EXAMPLES[4], due_at=NAIVE),
    ],
    ids=IDS,
)
def test_naive_datetimes_are_refused(record: Record) -> None:
    with pytest.raises(ValueError, match="naive"):
        record.to_doc()


def test_to_iso_keeps_the_offset_and_whole_seconds() -> None:
    assert to_iso(AT.replace(microsecond=999)) == "2026-11-19T15:30:12+01:00"
    assert to_iso(None) is None
    assert from_iso(None) is None
    back = from_iso("2026-11-19T14:30:12+00:00")
    assert back == AT
    assert back is not None and back.tzinfo is not None


def test_an_unknown_key_is_an_invalid_record_not_silently_dropped() -> None:
    # A newer Prospect's files are refused by their schema before any record is
    # read, so an unknown key is a renamed one: "updated_at" with a bit flipped.
    doc = {**EXAMPLES[0].to_doc(), "sentiment": "warm", "linkedin": {"url": "x"}}
    with pytest.raises(InvalidRecord, match="record 7 of prospects: unknown field 'linkedin'"):
        Prospect.from_doc(7, doc)


def test_the_stored_id_wins_over_one_in_the_document() -> None:
    doc = {**EXAMPLES[1].to_doc(), "id": 999}
    assert Call.from_doc("12", doc).id == 12  # type: ignore[arg-type]


def test_missing_optional_keys_take_their_defaults() -> None:
    doc = {"first_name": "Ava", "phone": "+14155550123"}
    prospect = Prospect.from_doc(1, doc)
    assert prospect.status is Status.NEW
    assert prospect.tags == []
    assert prospect.extra == {}
    assert prospect.attempts == 0


def test_documents_never_share_lists_with_the_record() -> None:
    prospect = EXAMPLES[0]
    doc = prospect.to_doc()
    doc["tags"].append("changed")
    doc["extra"]["Lead Source"] = "changed"
    assert prospect.tags == ["cold", "referral"]
    assert prospect.extra["Lead Source"] == "Event"


def test_each_record_type_has_its_own_table() -> None:
    assert [type(r).TABLE for r in EXAMPLES] == [
        "prospects",
        "calls",
        "sprints",
        "time_entries",
        "followups",
    ]


@pytest.mark.parametrize("outcome_id", OUTCOME_IDS)
def test_status_after_each_outcome(outcome_id: str) -> None:
    expected = {"no_answer": "attempted", "voicemail": "attempted", "gatekeeper": "attempted"}
    assert Status.after(outcome_id).value == expected.get(outcome_id, outcome_id)


def test_name_joins_what_is_there() -> None:
    assert Prospect(first_name="Ava", last_name="Kim").name == "Ava Kim"
    assert Prospect(last_name="Kim").name == "Kim"


def test_instants_in_utc_round_trip_as_the_same_instant() -> None:
    call = replace(EXAMPLES[1], started_at=datetime(2026, 3, 29, 1, 0, tzinfo=UTC))
    assert Call.from_doc(12, call.to_doc()).started_at == call.started_at


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"status": "do_not_caml"}, "status 'do_not_caml' does not read"),
        ({"attempts": "2"}, "attempts is str '2'"),
        ({"attempts": True}, "attempts is bool True"),  # JSON true is not a count
        ({"first_name": None}, "first_name is null"),
        ({"created_at": "2026-11-19T10:00:00"}, "created_at '2026-11-19T10:00:00' does not read"),
        ({"updated_at": "2026-13-19T10:00:00+00:00"}, "updated_at"),
        ({"last_outcome": "no_answep"}, "last_outcome 'no_answep' does not read"),
        ({"tags": ["a", 1]}, "tags ['a', 1] does not read"),
        ({"extra": {"Source": 3}}, "does not read"),
        ({"5pdated_at": "x"}, "unknown field '5pdated_at'"),
    ],
)
def test_a_document_that_is_not_a_valid_prospect_is_refused_naming_what(
    change: dict[str, object], problem: str
) -> None:
    doc = {**EXAMPLES[0].to_stored(), **change}
    with pytest.raises(InvalidRecord, match="record 7 of prospects: ") as raised:
        Prospect.from_doc(7, doc)
    assert problem in str(raised.value)


def test_a_call_missing_a_required_field_or_with_a_bad_id_is_refused() -> None:
    doc = EXAMPLES[1].to_stored()
    del doc["ended_at"]
    with pytest.raises(InvalidRecord, match="field 'ended_at' is missing"):
        Call.from_doc(3, doc)
    for bad in (0, -1, "0", "01x", "٣"):
        with pytest.raises(InvalidRecord, match="its id is not a positive number"):
            Call.check(bad, EXAMPLES[1].to_stored())


def test_a_count_typed_as_a_whole_float_still_reads_as_a_duration() -> None:
    doc = {**EXAMPLES[1].to_stored(), "duration_s": 40}  # a hand edit writing 40 for 40.0
    assert Call.from_doc(3, doc).duration_s == 40
