"""The prospects list's entries: read from the stored documents, checked as records are."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prospect_tui.core import prospect_list
from prospect_tui.core.model import Prospect, Status
from prospect_tui.core.prospect_list import Entry, Roster
from prospect_tui.core.record import InvalidRecord
from prospect_tui.store import doc_lines, migrations, prospect_records
from prospect_tui.store.errors import StoreDamaged
from prospect_tui.store.repository import Repository
from prospect_tui.store.shard_file import dump
from prospect_tui.store.storage import META
from prospect_tui.store.workspace import Workspace

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
SHOWN = (
    "id",
    "first_name",
    "last_name",
    "company",
    "title",
    "phone",
    "timezone",
    "status",
    "priority",
    "attempts",
    "next_action_at",
)


def people() -> list[Prospect]:
    return [
        Prospect(
            first_name="Ada",
            last_name='Zel"ler \\ é',
            company="Bluepeak",
            title="CTO",
            phone="+14155550101",
            timezone="America/Los_Angeles",
            status=Status.CALLBACK,
            priority=2,
            attempts=3,
            next_action_at=datetime(2026, 3, 2, 17, 0, tzinfo=UTC),
            tags=["vip"],
            notes="met at the webinar",
            extra={"status": "not a field of the record"},
        ),
        Prospect(first_name="Bo"),
        Prospect(last_name="Moss", phone=None, timezone=None),
    ]


def same_shown(entry: Entry, prospect: Prospect) -> bool:
    return all(getattr(entry, name) == getattr(prospect, name) for name in SHOWN)


def test_entries_read_what_the_records_hold_from_the_file_and_the_journal(home: Path) -> None:
    with Workspace.open(home, write=True) as ws:
        Repository(ws).save_prospects(people())
    with Workspace.open(home, write=True) as ws:
        repository = Repository(ws)
        # One document changed since the fold: held parsed, the others still as text.
        changed = repository.prospects()[1]
        changed.status = Status.MEETING
        repository.save_prospect(changed)
        records = repository.prospects()
        entries = repository.prospect_entries()
        assert [e.id for e in entries] == [p.id for p in records]
        for entry, record in zip(entries, records, strict=True):
            assert same_shown(entry, record)
            assert repository.prospect_of(entry) == record
        # The list keeps the store's own text of a document, no parsed copy of it.
        rows = ws.rows("prospects", "prospects")
        texts = [entry.source for entry in repository.prospect_entries()]
        assert [type(t) for t in texts] == [bytes, dict, bytes]
        assert texts[0] is rows.text("1")  # type: ignore[attr-defined]
        ws.close(fold=False)


def test_entries_of_a_file_that_is_all_there_is_match_the_records(home: Path) -> None:
    with Workspace.open(home, write=True) as ws:
        Repository(ws).save_prospects(people())
    with Workspace.open(home) as ws:
        repository = Repository(ws)
        entries = repository.prospect_entries()
        # Read from the file, each document parsed once: the shard was not loaded for it.
        assert not repository.prospects_read()
        records = repository.prospects()
    # Each keeps the text it was read from, not the parsed document: 50,000 of those
    # would be 130 MB more while the list is open.
    assert all(type(entry.source) is bytes for entry in entries)
    assert [e.id for e in entries] == [p.id for p in records] == [1, 2, 3]
    for entry, record in zip(entries, records, strict=True):
        assert same_shown(entry, record)
        assert entry.prospect == record


@pytest.mark.parametrize("twice", [True, False], ids=["id twice", "two on a line"])
def test_a_file_hand_edited_out_of_its_layout_is_read_the_long_way(home: Path, twice: bool) -> None:
    with Workspace.open(home, write=True) as ws:
        Repository(ws).save_prospects(people())
    path = home / "prospects.json"
    lines = path.read_bytes().splitlines(keepends=True)
    second = next(n for n, line in enumerate(lines) if line.startswith(b'  "2": '))
    # A line holding two documents (still valid JSON), and prospect 2 twice or not.
    if twice:
        lines.insert(second, lines[second])
        second += 1
    lines[second] = lines[second].replace(b"},", b'}, "7": {"first_name": "Cy"},', 1)
    path.write_bytes(b"".join(lines))
    with Workspace.open(home) as ws:
        repository = Repository(ws)
        entries = repository.prospect_entries()
        assert repository.prospects_read()  # the long way: the shard loaded
        records = repository.prospects()
    assert [e.id for e in entries] == [p.id for p in records] == [1, 2, 7, 3]
    assert [e.name for e in entries] == [p.name for p in records]


def test_a_file_an_older_version_wrote_is_read_the_long_way_that_upgrades_it(
    home: Path,
) -> None:
    with Workspace.open(home, write=True) as ws:
        Repository(ws).save_prospects(people())
    path = home / "prospects.json"
    text = path.read_text()
    older = f'"schema": {migrations.SCHEMA - 1}'
    path.write_text(text.replace(f'"schema": {migrations.SCHEMA}', older, 1))
    with Workspace.open(home) as ws:
        repository = Repository(ws)
        entries = repository.prospect_entries()
        assert repository.prospects_read()
        assert [e.name for e in entries] == [p.name for p in repository.prospects()]


def test_a_document_that_is_not_an_object_is_named_as_damage(home: Path) -> None:
    with Workspace.open(home, write=True) as ws:
        Repository(ws).save_prospects(people())
    path = home / "prospects.json"
    data = json.loads(path.read_bytes())
    data["prospects"]["2"] = ["Bo"]
    path.write_text(json.dumps(data))
    with Workspace.open(home) as ws, pytest.raises(StoreDamaged) as raised:
        Repository(ws).prospect_entries()
    assert f"{path} is damaged" in str(raised.value)


def test_a_search_finds_what_only_the_stored_document_holds(home: Path) -> None:
    with Workspace.open(home, write=True) as ws:
        Repository(ws).save_prospects(people())
    with Workspace.open(home) as ws:
        roster = Roster.of(Repository(ws).prospect_entries(), NOW)
    for words in ("webinar", "VIP", "callback", 'zel"ler'):
        roster.search(words, NOW)
        assert [e.id for e in roster.view] == [1], words
    roster.search("not a field", NOW)  # an extra cell is not searched
    assert roster.view == []


def unknown_field_value(home: Path, field: str, value: object) -> Path:
    """Prospect 1's ``field`` set to ``value`` in its file; still valid JSON."""
    path = home / "prospects.json"
    data = json.loads(path.read_bytes())
    data["prospects"]["1"][field] = value
    path.write_text(json.dumps(data))
    return path


def test_a_shown_field_that_is_not_valid_is_damage_of_the_file(home: Path) -> None:
    with Workspace.open(home, write=True) as ws:
        Repository(ws).save_prospects(people())
    path = unknown_field_value(home, "status", "do_not_caml")
    with Workspace.open(home) as ws, pytest.raises(StoreDamaged) as raised:
        Repository(ws).prospect_entries()
    assert f"{path} is damaged (record 1 of prospects: status" in str(raised.value)


def test_a_field_the_list_does_not_show_is_checked_when_the_record_is_opened(
    home: Path,
) -> None:
    with Workspace.open(home, write=True) as ws:
        Repository(ws).save_prospects(people())
    path = unknown_field_value(home, "created_at", "yesterday")
    with Workspace.open(home) as ws:
        repository = Repository(ws)
        first, *others = repository.prospect_entries()
        assert first.name == 'Ada Zel"ler \\ é'
        assert all(repository.prospect_of(entry) for entry in others)
        with pytest.raises(StoreDamaged) as raised:
            repository.prospect_of(first)
    assert f"{path} is damaged (record 1 of prospects: created_at" in str(raised.value)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("first_name", 7),
        ("phone", ["+1"]),
        ("timezone", 0),
        ("status", "asleep"),
        ("status", None),
        ("priority", "2"),
        ("priority", True),
        ("attempts", 1.5),
        ("next_action_at", "soon"),
        ("next_action_at", "2026-03-02T17:00:00"),
        ("next_action_at", 5),
    ],
)
def test_an_entry_refuses_what_the_record_refuses_in_the_same_words(
    field: str, value: object
) -> None:
    doc = {**people()[0].to_stored(), field: value}
    with pytest.raises(InvalidRecord) as decoded:
        Prospect.from_doc(4, doc)
    with pytest.raises(InvalidRecord) as listed:
        Entry.of_doc(4, doc)
    assert str(listed.value) == str(decoded.value)


def test_an_entry_of_a_document_with_every_default_left_out() -> None:
    entry = Entry.of_doc(9, {})
    assert same_shown(entry, Prospect(id=9))
    assert entry.prospect == Prospect(id=9)


def test_an_entry_whose_text_is_not_one_document_is_damage_when_opened() -> None:
    # A hand-edited line the list was read from; opening it names it, no traceback.
    entry = Entry.of_doc(4, {"first_name": "Bo"}, b'{"first_name": "Bo"}, {"x": 1}')
    with pytest.raises(InvalidRecord, match="not one JSON document"):
        _ = entry.prospect
    roster = Roster.of([entry], NOW)
    roster.search("bo", NOW)  # searched by what the line shows
    assert roster.view == [entry]


# -- the list's open: names first, the rest after ------------------------------------

TEXT = json.JSONEncoder(ensure_ascii=False).encode
"""A document's text as a fold writes it."""

NAME = st.one_of(st.text(max_size=6), st.sampled_from(['"', "\\", "é", "\x01", "last_name"]))


@settings(deadline=None, max_examples=300)
@given(
    st.dictionaries(
        st.sampled_from(["first_name", "last_name", "company", "extra", "tags", "x"]),
        st.one_of(
            NAME,
            st.integers(),
            st.none(),
            st.dictionaries(st.sampled_from(["first_name", "last_name", "y"]), NAME),
            st.lists(NAME, max_size=2),
        ),
    ),
    st.booleans(),
)
def test_names_read_without_parsing_are_the_names_the_document_holds(
    doc: dict[str, object], reordered: bool
) -> None:
    if reordered:  # not in the order a record is stored in: the names may come last
        doc = dict(reversed(doc.items()))
    text = TEXT(doc).encode("utf-8", "surrogatepass")
    entry = Entry.named(5, text)
    if entry is None:
        return  # the long way: parsed
    assert entry.pending
    assert (entry.first_name, entry.last_name) == (
        doc.get("first_name", ""),
        doc.get("last_name", ""),
    )


@pytest.mark.parametrize(
    "text",
    [
        b'{"first_name": "Al", "last_name": "Bo", "first_name": "Cy"}',  # the last one counts
        b'{"company": "X", "last_name": "Bo"}',  # a name not at the head
        b'{"first_name": "Al", "extra": {"last_name": "Bo"}}',  # nor inside another field
        b'{"first_\\u006eame": "Cy", "first_name": "Al"}',  # a name spelled with an escape
        b'{"first_name": "A\\"l"}',  # an escape inside it
        b'{"first_name": 7}',
    ],
)
def test_names_that_might_not_be_the_documents_own_are_read_by_parsing(text: bytes) -> None:
    assert Entry.named(5, text) is None


def listed_and_completed(repository: Repository) -> list[Entry]:
    entries = repository.listed_entries()
    assert repository.complete_entries(entries) is None
    return entries


def test_the_list_opens_with_the_names_then_reads_what_the_records_hold(home: Path) -> None:
    with Workspace.open(home, write=True) as ws:
        Repository(ws).save_prospects(people())
    with Workspace.open(home) as ws:
        repository = Repository(ws)
        listed = repository.listed_entries()
        assert not repository.prospects_read()  # read from the file's lines
        # Ada's name holds escapes: parsed now; Bo's and Moss's only named.
        assert [e.pending for e in listed] == [False, True, True]
        assert [e.name for e in listed] == [p.name for p in people()]
        assert repository.complete_entries(listed) is None
        records = repository.prospects()
        again = listed_and_completed(repository)  # read from the shard, loaded now
    for entries in (listed, again):
        assert [e.id for e in entries] == [p.id for p in records]
        assert all(same_shown(e, r) for e, r in zip(entries, records, strict=True))
        assert all(type(e.source) is bytes and not e.pending for e in entries)


def test_a_field_asked_for_before_it_is_read_is_read_then(home: Path) -> None:
    with Workspace.open(home, write=True) as ws:
        Repository(ws).save_prospects(people())
    with Workspace.open(home) as ws:
        _, bo, moss = Repository(ws).listed_entries()
    assert bo.pending and bo.status is Status.NEW and not bo.pending
    assert moss.phone is None and moss.problem is None


def test_a_line_read_by_its_names_and_not_valid_is_damage_when_the_rest_is_read(
    home: Path,
) -> None:
    with Workspace.open(home, write=True) as ws:
        Repository(ws).save_prospects(people())
    path = home / "prospects.json"
    path.write_bytes(
        path.read_bytes().replace(b'"first_name": "Bo"', b'"first_name": "Bo", "status": "asleep"')
    )
    with Workspace.open(home) as ws:
        repository = Repository(ws)
        listed = repository.listed_entries()
        # Drawn before the rest was read: the defaults, and why.
        assert listed[1].status is Status.NEW and listed[1].problem is not None
        with pytest.raises(StoreDamaged) as raised:
            repository.complete_entries(listed)
    assert f"{path} is damaged (record 2 of prospects: status" in str(raised.value)


def test_a_line_holding_two_documents_is_listed_as_the_shard_reads_it(
    home: Path,
) -> None:
    with Workspace.open(home, write=True) as ws:
        Repository(ws).save_prospects(people())
    path = home / "prospects.json"
    lines = path.read_bytes().splitlines(keepends=True)
    second = next(n for n, line in enumerate(lines) if line.startswith(b'  "2": '))
    lines[second] = lines[second].replace(b"},", b'}, "7": {"company": "Cy"},', 1)
    path.write_bytes(b"".join(lines))
    with Workspace.open(home) as ws:
        repository = Repository(ws)
        listed = repository.listed_entries()
        whole = repository.complete_entries(listed)
        records = repository.prospects()
    # Read as the shard reads it, whichever way found the second document first.
    entries = listed if whole is None else whole
    assert [e.id for e in entries] == [p.id for p in records] == [1, 2, 7, 3]
    assert all(same_shown(e, r) for e, r in zip(entries, records, strict=True))


@settings(deadline=None, max_examples=150)
@given(st.lists(st.tuples(NAME, NAME, st.booleans(), st.booleans()), max_size=6))
def test_names_read_all_at_once_are_each_texts_names(
    people_named: list[tuple[str, str, bool, bool]],
) -> None:
    docs = []
    for first, last, has_first, extra in people_named:
        doc: dict[str, object] = {"first_name": first} if has_first else {}
        doc["last_name"] = last
        if extra:  # a name-like key elsewhere: that text is read the long way
            doc["extra"] = {"first_name": "X"}
        docs.append(doc)
    texts = [TEXT(doc).encode("utf-8", "surrogatepass") for doc in docs]
    ids = list(range(1, len(texts) + 1))
    together = prospect_list.named(ids, texts)
    alone = [Entry.named(n, text) for n, text in zip(ids, texts, strict=True)]
    for entry, single, doc in zip(together, alone, docs, strict=True):
        assert (entry is None) == (single is None)
        if entry is not None:
            names = (doc.get("first_name", ""), doc.get("last_name", ""))
            assert (entry.first_name, entry.last_name) == names
            assert entry.pending and entry.source is texts[entry.id - 1]


# -- the lines read a megabyte at a time -------------------------------------------


def prospects_file(docs: list[dict[str, object]]) -> bytes:
    """A prospects shard file as a fold writes it."""
    table = {str(n): doc for n, doc in enumerate(docs, start=1)}
    meta = {"1": {"seq": 1, "schema": migrations.SCHEMA, "counts": {"prospects": len(table)}}}
    return dump({META: meta, Prospect.TABLE: table} if table else {META: meta})


def changed(data: bytes, how: str, at: int, byte: int) -> bytes:
    """``data`` with a byte changed, some cut, a line lost or doubled, or one added."""
    at %= max(len(data), 1)
    lines = data.splitlines(keepends=True)
    line = at % max(len(lines), 1)
    if how == "flip":
        return data[:at] + bytes([byte]) + data[at + 1 :]
    if how == "cut":
        return data[:at] + data[at + 1 + byte % 40 :]
    if how == "lose line":
        return b"".join(lines[:line] + lines[line + 1 :])
    if how == "double line":
        return b"".join(lines[: line + 1] + lines[line:])
    if how == "other table":
        return data.replace(b"\n}\n}\n", b'\n},\n"counters": {\n  "1": {}\n}\n}\n')
    return data[:at] + b'  "5": {"last_name": "Cy"},\n' + data[at:]


def listed_so(entries: list[Entry]) -> list[tuple[object, ...]]:
    return [(e.id, e.first_name, e.last_name, e.source, e.pending) for e in entries]


DOC = st.dictionaries(
    st.sampled_from(["first_name", "last_name", "company", "extra", "notes"]),
    st.one_of(
        NAME,
        st.integers(),
        st.dictionaries(st.sampled_from(["first_name", "last_name"]), NAME, max_size=1),
        st.sampled_from(["x_name", "\\u0066", "\x00", '"}, \n  "9": {']),
    ),
)


@settings(
    deadline=None, max_examples=400, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(DOC, max_size=8),
    st.sampled_from(["none", "flip", "cut", "lose line", "double line", "add", "other table"]),
    st.integers(0, 10**6),
    st.integers(0, 255),
    st.sampled_from([1, 40, 1 << 20]),
)
def test_lines_read_many_at_once_are_listed_as_read_one_by_one(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    docs: list[dict[str, object]],
    how: str,
    at: int,
    byte: int,
    chunk: int,
) -> None:
    monkeypatch.setattr(doc_lines, "_CHUNK", chunk)  # lines split across reads too
    data = prospects_file(docs)
    path = tmp_path / "prospects.json"
    path.write_bytes(data if how == "none" else changed(data, how, at, byte))
    fast = prospect_records._named_lines(path)
    try:
        lines = prospect_records._file_lines(path)
        slow = None if lines is None else prospect_records._listed(*lines)
    except (doc_lines.NotLines, prospect_records._NotOneDocument, InvalidRecord):
        slow = None  # named as damage, or read the long way
    # Read at once, or left to the line by line read: never read otherwise.
    if fast is not None:
        assert slow is not None and listed_so(fast) == listed_so(slow)


def test_a_file_as_the_fold_writes_it_is_read_many_lines_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(doc_lines, "_CHUNK", 64)
    path = tmp_path / "prospects.json"
    docs: list[dict[str, object]] = [
        {"first_name": f"Al{n}", "last_name": "Bö", "company": "Bluepeak"} for n in range(30)
    ]
    docs[3] = {"last_name": "Cy", "title": "CTO"}
    docs[4] = {"company": "no names"}
    path.write_bytes(prospects_file(docs))
    fast = prospect_records._named_lines(path)
    assert fast is not None
    assert [(e.first_name, e.last_name) for e in fast][2:5] == [
        ("Al2", "Bö"),
        ("", "Cy"),
        ("", ""),
    ]
    assert listed_so(fast) == listed_so(
        prospect_records._listed(*prospect_records._file_lines(path))
    )
    path.write_bytes(prospects_file([]))
    assert prospect_records._named_lines(path) == []


def test_a_name_not_read_at_once_leaves_only_its_own_lines_to_the_slower_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(doc_lines, "_CHUNK", 64)
    path = tmp_path / "prospects.json"
    docs: list[dict[str, object]] = [{"first_name": f"Al{n}", "last_name": "Bo"} for n in range(9)]
    docs[4] = {"first_name": 'Z"oe', "last_name": "Ray", "notes": "\u0066"}
    path.write_bytes(prospects_file(docs))
    fast = prospect_records._named_lines(path)
    assert fast is not None
    assert listed_so(fast) == listed_so(
        prospect_records._listed(*prospect_records._file_lines(path))
    )
    assert [e.pending for e in fast] == [True] * 4 + [False] + [True] * 4  # hers parsed
    assert fast[4].first_name == 'Z"oe'
