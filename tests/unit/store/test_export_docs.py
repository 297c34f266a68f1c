"""Stored documents straight to exported dicts: exactly what decoding and encoding back
gives, and nothing a decode would refuse."""

from __future__ import annotations

from dataclasses import fields
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prospect_tui.core.model import Call, Prospect, Status
from prospect_tui.core.outcomes import BY_ID
from prospect_tui.core.record import InvalidRecord, Record
from prospect_tui.core.record_codec import from_iso, to_iso
from prospect_tui.store.export_docs import _CANONICAL_INSTANT, ExportDocs

HOSTILE = st.sampled_from(
    ["", "=1+1", "+33 1 23", "-2", "@x", "\tcmd", "\rcmd", 'a "b", c\r\nd', "é ☎ 𝄞", "\x00"]
)
TEXT = st.one_of(HOSTILE, st.text(max_size=12))
OFFSETS = st.one_of(
    st.sampled_from(["+00:00", "+05:30", "-08:00"]),
    st.sampled_from(["-00:00", "+23:59", "Z", "+05:75", "+00:00:30", ""]),
)


@st.composite
def instants(draw: st.DrawFn) -> str:
    """Instants as a hand or another tool may have stored them, canonical or not."""
    moment = draw(st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9998, 12, 30)))
    text = moment.isoformat(
        sep=draw(st.sampled_from(["T", " "])),
        timespec=draw(st.sampled_from(["seconds"] * 6 + ["minutes", "microseconds"])),
    )
    return text + draw(OFFSETS)


def _valid_value(name: str) -> st.SearchStrategy[Any]:
    if name in Prospect.DATETIMES:
        return st.one_of(st.none(), instants())
    if name == "status":
        return st.sampled_from([s.value for s in Status])
    if name == "last_outcome":
        return st.one_of(st.none(), st.sampled_from(sorted(BY_ID)))
    if name in ("priority", "attempts"):
        return st.integers(-5, 10**6)
    if name == "tags":
        return st.lists(TEXT, max_size=3)
    if name == "extra":
        return st.dictionaries(TEXT, TEXT, max_size=3)
    if name in ("phone", "timezone", "country"):
        return st.one_of(st.none(), TEXT, st.sampled_from(["+14155550123", "+442079460092"]))
    return TEXT


ODD = st.one_of(
    st.none(), st.integers(), st.booleans(), st.floats(allow_nan=False), TEXT, st.lists(TEXT)
)
FIELDS = [spec.name for spec in fields(Prospect) if spec.name != "id"]


@st.composite
def stored_docs(draw: st.DrawFn) -> dict[str, Any]:
    """A stored prospect: some fields left out, most values valid, some not at all."""
    doc: dict[str, Any] = {}
    for name in draw(st.permutations(FIELDS)):
        if draw(st.booleans()):
            doc[name] = draw(_valid_value(name))
    if doc and draw(st.integers(0, 3)) == 0:  # a value of the wrong kind
        doc[draw(st.sampled_from(sorted(doc)))] = draw(ODD)
    if draw(st.integers(0, 9)) == 0:
        doc[draw(st.sampled_from(["id", "linkedin", "Phone"]))] = draw(ODD)
    return doc


def _decoded(kind: type[Record], record_id: int, doc: dict[str, Any]) -> dict[str, Any] | None:
    """What an export wrote before: the record decoded, then encoded; None if refused."""
    try:
        record = kind.from_doc(record_id, doc)
    except InvalidRecord:
        return None
    return {"id": record.id, **record.to_doc()}


@settings(max_examples=400, deadline=None)
@given(st.lists(stored_docs(), min_size=1, max_size=6), st.integers(-1, 3))
def test_an_exported_document_is_the_decoded_record_encoded(
    docs: list[dict[str, Any]], first: int
) -> None:
    export = ExportDocs(Prospect).export  # one for all: what it holds never leaks between them
    for record_id, doc in enumerate(docs, start=first):
        expected = _decoded(Prospect, record_id, doc)
        exported = export(record_id, doc)
        if expected is None:
            assert exported is None  # the caller decodes it then, which names the damage
        elif exported is not None:
            assert exported == expected
            assert list(exported) == list(expected)  # JSON keeps the order
            assert [type(v) for v in exported.values()] == [type(v) for v in expected.values()]


def test_every_ordinary_prospect_is_exported_without_decoding() -> None:
    prospect = Prospect(
        id=3,
        first_name="=Ava",
        phone="+14155550123",
        status=Status.CALLBACK,
        last_outcome="callback",
        tags=["a"],
        extra={"Owner": "=Sam"},
        created_at=datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=-5))),
        updated_at=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
    )
    export = ExportDocs(Prospect).export
    for doc in (prospect.to_stored(), prospect.to_doc(), {}):
        assert export(3, doc) == _decoded(Prospect, 3, doc)


def test_the_lists_and_dicts_exported_are_never_shared() -> None:
    stored = {"tags": ["cold"], "extra": {"Owner": "Sam"}}
    export = ExportDocs(Prospect).export
    first, second, third = export(1, stored), export(2, {}), export(3, {})
    assert first is not None and second is not None and third is not None
    first["tags"].append("x")
    second["tags"].append("y")
    second["extra"]["k"] = "v"
    assert stored == {"tags": ["cold"], "extra": {"Owner": "Sam"}}
    assert third["tags"] == [] and third["extra"] == {}


def test_a_record_with_required_fields_keeps_the_order_of_its_fields() -> None:
    call = Call(
        id=4,
        prospect_id=9,
        started_at=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
        ended_at=datetime(2026, 1, 2, 3, 5, 5, tzinfo=UTC),
        outcome="no_answer",
        local_date=date(2026, 1, 2),
    )
    export = ExportDocs(Call).export
    exported = export(4, call.to_stored())
    expected = _decoded(Call, 4, call.to_stored())
    assert exported is not None and expected is not None
    assert list(exported.items()) == list(expected.items())
    missing = call.to_stored()
    del missing["outcome"]
    assert export(4, missing) is None


@pytest.mark.parametrize(
    "text",
    [
        "2026-08-17T14:28:22-00:00",  # written back +00:00
        "2026-08-17T14:28:22+05:75",  # read as +06:15
        "2026-08-17T14:28:22Z",
        "2026-08-17 14:28:22+00:00",
        "2026-08-17T14:28:22.5+00:00",
        "2026-08-17T14:28+00:00",
        "２026-08-17T14:28:22+00:00",
    ],
)
def test_an_instant_written_back_differently_is_not_taken_as_it_is(text: str) -> None:
    assert not _CANONICAL_INSTANT.fullmatch(text)


@settings(max_examples=500, deadline=None)
@given(instants())
def test_an_instant_in_the_written_form_is_written_back_as_it_was(text: str) -> None:
    if not _CANONICAL_INSTANT.fullmatch(text):
        return
    try:
        instant = from_iso(text)
    except ValueError:
        return
    assert to_iso(instant) == text


DAYS = st.sampled_from(["2026-02-28", "2026-02-29", "2024-02-29", "2026-13-01", "0000-01-01"])
TIMES = st.sampled_from(["T14:28:22", "T23:59:59", "T24:00:00", "T14:60:00", " 14:28:22", "T14:28"])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(DAYS, TIMES, OFFSETS), min_size=1, max_size=12))
def test_instants_of_a_day_already_read_are_exported_as_the_long_way_does(
    instants: list[tuple[str, str, str]],
) -> None:
    export = ExportDocs(Prospect).export
    for record_id, (day, time, offset) in enumerate(instants, start=1):
        doc = {"first_name": "A", "created_at": day + time + offset}
        expected = _decoded(Prospect, record_id, doc)
        exported = export(record_id, doc)
        assert exported == expected or (expected is None and exported is None)
