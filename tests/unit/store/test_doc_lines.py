"""Documents held as the text of their lines read exactly as the whole file parsed would.

:func:`read_shard` with ``lazy`` keeps each document of a file in the layout
:func:`dump` writes as its JSON text. Whatever a file holds — as dumped, or
with a byte changed, a line lost or doubled, text added — the lazy read must
give the same tables as parsing the whole file, or the same damage.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prospect_tui.store.doc_lines import (
    ABSENT,
    LineDocs,
    Unstreamable,
    _streamed_docs,
    field_values,
    hold,
    might_hold,
    parse,
    parse_texts,
    read_lines,
)
from prospect_tui.store.shard_file import Damage, dump, read_shard, stream_shard
from prospect_tui.store.storage import META

ROOMY = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
"""Files written and read for every example: slow on a loaded machine, never wrong."""

FIELD = st.one_of(
    st.integers(-5, 10**6),
    st.text(max_size=12),
    st.none(),
    st.booleans(),
    st.lists(st.text(max_size=4), max_size=3),
    st.just('"}, \n  "9": {'),  # what a line break or a document's edge looks like
)
DOC = st.dictionaries(st.sampled_from(["name", "phone", "local_date", "x", "é"]), FIELD)
TABLE = st.dictionaries(st.integers(1, 400).map(str), DOC, max_size=6)
TABLES = st.dictionaries(st.sampled_from(["prospects", "calls", "counters"]), TABLE, max_size=3)


def shard(tables: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """A shard's content as a fold writes it: ``_meta`` first, its counts recorded."""
    kept = {name: docs for name, docs in tables.items() if docs}
    counts = {name: len(docs) for name, docs in kept.items()}
    return {META: {"1": {"seq": 7, "schema": 3, "counts": counts}}, **kept}


def outcome(path: Path, *, lazy: bool) -> object:
    """The tables read as plain dictionaries, or the damage named."""
    try:
        tables, seq, schema = read_shard(path, lazy=lazy)
    except Damage as damage:
        return ("damage", str(damage))
    return ({name: dict(docs.items()) for name, docs in tables.items()}, seq, schema)


def changed(data: bytes, how: str, at: int, byte: int) -> bytes:
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
    return data[:at] + b'  "5": {},\n' + data[at:]


@settings(ROOMY, max_examples=150)
@given(TABLES)
def test_a_dumped_file_reads_lazily_as_it_reads_whole(
    tmp_path: Path, tables: dict[str, dict[str, Any]]
) -> None:
    path = tmp_path / "s.json"
    path.write_bytes(dump(shard(tables)))
    assert outcome(path, lazy=True) == outcome(path, lazy=False)
    assert read_lines(path) is not None  # the lines were read, not the whole file


@settings(ROOMY, max_examples=400)
@given(
    TABLES,
    st.sampled_from(["flip", "cut", "lose line", "double line", "add"]),
    st.integers(0, 10**6),
    st.integers(0, 255),
)
def test_a_changed_file_reads_lazily_as_it_reads_whole_or_names_the_same_damage(
    tmp_path: Path, tables: dict[str, dict[str, Any]], how: str, at: int, byte: int
) -> None:
    path = tmp_path / "s.json"
    path.write_bytes(changed(dump(shard(tables)), how, at, byte))
    assert outcome(path, lazy=True) == outcome(path, lazy=False)


@settings(ROOMY, max_examples=100)
@given(TABLES)
def test_documents_read_lazily_are_written_back_byte_for_byte(
    tmp_path: Path, tables: dict[str, dict[str, Any]]
) -> None:
    path = tmp_path / "s.json"
    written = dump(shard(tables))
    path.write_bytes(written)
    read, _, _ = read_shard(path, lazy=True)
    assert all(isinstance(docs, LineDocs) for docs in read.values())
    assert dump(shard(read)) == written


def test_a_held_document_is_changed_in_place_and_written_as_changed(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_bytes(dump(shard({"prospects": {"1": {"a": 1}, "2": {"a": 2}}})))
    read, _, _ = read_shard(path, lazy=True)
    docs = read["prospects"]
    assert isinstance(docs, LineDocs)
    docs["1"]["a"] = 99  # a reader's copy: parsed afresh, the table keeps its text
    assert docs["1"] == {"a": 1}
    hold(docs, "1")["a"] = 99
    assert docs["1"] == {"a": 99}
    assert docs.text("1") is None and docs.text("2") == b'{"a": 2}'
    path.write_bytes(dump(shard(read)))
    assert outcome(path, lazy=False) == ({"prospects": {"1": {"a": 99}, "2": {"a": 2}}}, 7, 3)


@pytest.mark.parametrize(
    "content",
    [
        b'{"_meta": {"1": {"seq": 1}}, "prospects": {"1": {}}}',  # all on one line
        b'{\n"_meta": {\n  "1": {"seq": 1}\n},\n"prospects": {\n  "1": {},\n  "2": {}\n}\n}\n\n',
        b'{\n"_meta": {\n  "1": {"seq": 1}\n},\n"prospects": {\n  "01": {}\n}\n}\n',
    ],
)
def test_a_file_in_another_layout_is_left_to_the_whole_read(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "s.json"
    path.write_bytes(content)
    assert read_lines(path) is None
    assert outcome(path, lazy=True) == outcome(path, lazy=False)


def test_a_missing_file_is_an_empty_shard(tmp_path: Path) -> None:
    assert read_shard(tmp_path / "gone.json", lazy=True) == ({}, 0, None)


NESTED = st.recursive(
    FIELD | st.sampled_from(['"extra": 1', '\\"extra\\": ', "extra", "é"]),
    lambda inner: st.dictionaries(st.sampled_from(["extra", "x", "ex\ntra"]), inner, max_size=3),
    max_leaves=6,
)


@settings(ROOMY)
@given(
    st.dictionaries(st.sampled_from(["extra", "notes", "x", "extrA"]), NESTED, max_size=4),
    st.sampled_from([(", ", ": "), (",", ":"), (" , ", " :\t")]),
    st.booleans(),
)
def test_a_document_said_not_to_hold_a_field_does_not(
    doc: dict[str, Any], separators: tuple[str, str], ascii_only: bool
) -> None:
    import json

    text = json.dumps(doc, separators=separators, ensure_ascii=ascii_only).encode()
    docs = LineDocs({"1": text})
    if not might_hold(docs.view(), "1", "extra"):
        assert "extra" not in docs["1"]
    if "extra" in doc:
        assert might_hold(docs.view(), "1", "extra")


@pytest.mark.parametrize("text", [b'{"\\u0065xtra": {"a": 1}}', b'{"extra"\n:{"a": 1}}'])
def test_a_field_named_in_an_unusual_way_is_still_looked_for(text: bytes) -> None:
    assert might_hold(LineDocs({"1": text}).view(), "1", "extra")


PEEK_NAMES = st.sampled_from(["local_date", "status", "x", "local_dat"])
PEEKED = st.recursive(
    FIELD
    | st.floats(allow_nan=False)
    | st.sampled_from(['"local_date": "2020-01-01"', '\\"status\\": 1', "a\\", "{", "\u2028"]),
    lambda inner: st.lists(inner, max_size=2) | st.dictionaries(PEEK_NAMES, inner, max_size=3),
    max_leaves=6,
)


@settings(ROOMY, max_examples=150)
@given(
    st.lists(st.dictionaries(PEEK_NAMES, PEEKED, max_size=4), max_size=30),
    st.sampled_from(["local_date", "status", "x"]),
)
def test_a_column_holds_what_each_parsed_document_holds(
    tmp_path: Path, docs: list[dict[str, Any]], field: str
) -> None:
    path = tmp_path / "s.json"
    path.write_bytes(dump(shard({"calls": {str(n): d for n, d in enumerate(docs, 1)}})))
    read, _, _ = read_shard(path, lazy=True)
    view = read["calls"].view() if "calls" in read else LineDocs().view()  # type: ignore[attr-defined]
    expected = [(str(n), d.get(field, ABSENT)) for n, d in enumerate(docs, 1)]
    assert list(field_values(view, field)) == expected


def test_a_column_follows_what_writes_did_to_the_table() -> None:
    docs = LineDocs({"1": b'{"day": "a"}', "2": b'{"day": "b"}', "3": b'{"x": 1}'})
    assert list(field_values(docs.view(), "day")) == [("1", "a"), ("2", "b"), ("3", ABSENT)]
    hold(docs, "2")["day"] = "c"  # changed in place after it was read once
    docs["4"] = {"day": "d"}
    assert list(field_values(docs.view(), "day")) == [
        ("1", "a"),
        ("2", "c"),
        ("3", ABSENT),
        ("4", "d"),
    ]
    del docs["1"]
    hold(docs, "2")["day"] = "e"
    docs["3"] = {"day": "f"}  # replaced: keeps its place
    docs["1"] = {"day": "g"}  # back, as a new id is: last
    assert list(field_values(docs.view(), "day")) == [
        ("2", "e"),
        ("3", "f"),
        ("4", "d"),
        ("1", "g"),
    ]
    assert list(field_values(docs.view(), "day")) == list(field_values(dict(docs.items()), "day"))


OPS = st.lists(
    st.tuples(
        st.sampled_from(["put", "del", "change", "restore", "scan"]),
        st.integers(1, 6).map(str),
        st.sampled_from(["a", "b", None]),
    ),
    max_size=25,
)


@settings(ROOMY)
@given(OPS)
def test_columns_kept_while_writes_come_are_the_columns_read_afresh(
    ops: list[tuple[str, str, str | None]],
) -> None:
    texts = {str(n): f'{{"day": "d{n}", "n": {n}}}'.encode() for n in range(1, 5)}
    docs = LineDocs(dict(texts))
    model: dict[str, dict[str, Any]] = {key: json_of(text) for key, text in texts.items()}
    for kind, key, value in ops:
        write(docs, model, texts, kind, key, value)
        assert list(field_values(docs.view(), "day")) == list(field_values(model, "day"))


def write(
    docs: LineDocs,
    model: dict[str, dict[str, Any]],
    texts: dict[str, bytes],
    kind: str,
    key: str,
    value: object,
) -> None:
    """One write to the table, done to ``docs`` and to the plain dictionaries ``model``."""
    if kind == "put":
        docs[key] = {"day": value} if value else {}
        model[key] = {"day": value} if value else {}
    elif kind == "del" and key in model:
        del docs[key], model[key]
    elif kind == "change" and key in model:
        hold(docs, key)["day"] = value
        model[key]["day"] = value
    elif kind == "hold" and key in model:
        hold(docs, key)  # parsed and held from now on, unchanged
    elif kind == "restore" and key in texts:  # a write undone: its text back
        docs.restore(key, texts[key])
        model[key] = json_of(texts[key])


DAYS = st.sampled_from(["2026-01-01", "2026-01-02", "2026-01-03", "2026-02-01"])


def between_afresh(model: dict[str, dict[str, Any]], low: str, high: str) -> object:
    """What a scan of every document finds: in range in stored order, then the undated."""
    days = list(field_values(model, "day"))
    inside = [key for key, day in days if isinstance(day, str) and low <= day <= high]
    return inside, [key for key, day in days if not isinstance(day, str)]


@settings(ROOMY, max_examples=300)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["put", "del", "change", "hold", "restore", "ask"]),
            st.integers(1, 8).map(str),
            st.one_of(DAYS, st.none(), st.just(7)),
            DAYS,
        ),
        max_size=30,
    )
)
def test_documents_found_by_their_day_are_those_a_scan_finds(
    ops: list[tuple[str, str, str | int | None, str]],
) -> None:
    # Each ask builds the index or follows the writes since the last: both must agree
    # with a scan, whatever came between (added, replaced, changed in place, removed).
    texts = {str(n): f'{{"day": "2026-01-0{n % 3 + 1}"}}'.encode() for n in range(1, 6)}
    docs = LineDocs(dict(texts))
    model: dict[str, dict[str, Any]] = {key: json_of(text) for key, text in texts.items()}
    for kind, key, value, other in ops:
        write(docs, model, texts, kind, key, value)
        low, high = sorted([value if isinstance(value, str) else "2026-01-02", other])
        assert docs.view().keys_between("day", low, high) == between_afresh(model, low, high)


def json_of(text: bytes) -> dict[str, Any]:
    import json

    return dict(json.loads(text))


def streamed(path: Path) -> object:
    """What a scan of the prospects table one document at a time gives, or the damage."""
    import threading

    from prospect_tui.store.errors import StoreDamaged, StoreTooNew
    from prospect_tui.store.shards import Shards

    shards = Shards(path.parent, committer=None, mutex=threading.RLock(), dirty=set())  # type: ignore[arg-type]
    try:
        found = list(shards.stream_rows("prospects", "prospects"))
    except StoreDamaged as damage:
        return ("damage", str(damage))
    except StoreTooNew:
        # A changed byte made the head name a newer schema ("schema": 3 → 13).
        with pytest.raises(StoreTooNew):  # and the file read whole is refused too
            Shards(path.parent, None, threading.RLock(), set()).shard("prospects")  # type: ignore[arg-type]
        return "too new"
    read_whole.append("prospects" in shards)
    return found


read_whole: list[bool] = []


def whole(path: Path) -> object:
    outcome_of = outcome(path, lazy=False)
    if isinstance(outcome_of, tuple) and outcome_of[0] == "damage":
        return "damage"
    tables = outcome_of[0]  # type: ignore[index]
    return list(tables.get("prospects", {}).items())


@settings(ROOMY, max_examples=400)
@given(
    TABLE,
    st.sampled_from(["flip", "cut", "lose line", "double line", "add", "none"]),
    st.integers(0, 10**6),
    st.integers(0, 255),
)
def test_a_table_streamed_from_its_file_is_the_table_read_whole(
    tmp_path: Path, docs: dict[str, dict[str, Any]], how: str, at: int, byte: int
) -> None:
    path = tmp_path / "prospects.json"
    data = dump(shard({"prospects": docs, "counters": {"1": {"a": 1}}}))
    path.write_bytes(data if how == "none" else changed(data, how, at, byte))
    read_whole.clear()
    found = streamed(path)
    if found == "too new":
        assert how != "none"
        return
    expected = whole(path)
    if how == "none":
        assert read_whole == [False]  # streamed from the file, never loaded
    if expected == "damage":
        assert isinstance(found, tuple) and found[0] == "damage"
    else:
        assert found == expected


def alone(texts: list[bytes]) -> list[dict[str, Any]]:
    """Each text parsed by itself, up to the first that is not one document."""
    found = []
    for text in texts:
        try:
            found.append(parse(text))
        except ValueError:
            break
    return found


SPLIT_AND_JOINED = [b'{"a":[{}', b'{}]},{"b":1}']
"""Neither is one document, yet side by side in an array they read as two."""

PIECE = st.sampled_from(["{", "}", "[", "]", '"a":', "1", ",", "{}", '"x"', ":", '"\\"', "é"])
FRAGMENT = st.lists(PIECE, max_size=8).map(lambda pieces: ("{" + "".join(pieces) + "}").encode())
WHOLE = DOC.map(lambda doc: json.dumps(doc, ensure_ascii=False).encode())


@settings(max_examples=300)
@given(st.lists(st.one_of(WHOLE, FRAGMENT), max_size=12))
def test_texts_parsed_together_read_as_each_parsed_alone(texts: list[bytes]) -> None:
    assert _streamed_docs(texts) == alone(texts)


def test_two_texts_that_read_as_two_documents_only_together_do_not() -> None:
    texts = [b'{"n":0}', *SPLIT_AND_JOINED, b'{"n":3}']
    assert json.loads(b"[" + b",".join(texts) + b"]") == [
        {"n": 0},
        {"a": [{}, {}]},
        {"b": 1},
        {"n": 3},
    ]
    assert _streamed_docs(texts) == [{"n": 0}]


def test_texts_read_together_only_when_each_is_one_document() -> None:
    # The prospects list and the columns parse texts together too.
    with pytest.raises(ValueError):
        parse_texts([b'{"n":0}', *SPLIT_AND_JOINED])
    assert parse_texts([b'{"n":0}', b'{"b":1}']) == [{"n": 0}, {"b": 1}]


def test_a_table_streamed_stops_at_the_first_line_that_is_not_one_document(
    tmp_path: Path,
) -> None:
    """Past the first batches of documents parsed together (a line in the middle of one)."""
    path = tmp_path / "prospects.json"
    docs = {str(n): {"n": n, "name": "é" * (n % 3)} for n in range(1, 1501)}
    lines = dump(shard({"prospects": docs})).split(b"\n")
    at = next(n for n, line in enumerate(lines) if line.startswith(b'  "1250": '))
    for offset, text in enumerate(SPLIT_AND_JOINED):
        lines[at + offset] = b'  "%d": %s,' % (1250 + offset, text)
    path.write_bytes(b"\n".join(lines))
    given_docs: list[tuple[str, Any]] = []
    with pytest.raises(Unstreamable):
        for row in stream_shard(path, "prospects"):
            given_docs.append(row)
    assert given_docs == list(docs.items())[:1249]
    assert streamed(path) == ("damage", whole_damage(path))


def whole_damage(path: Path) -> str:
    outcome_of = outcome(path, lazy=False)
    assert isinstance(outcome_of, tuple) and outcome_of[0] == "damage"
    from prospect_tui.store.errors import StoreDamaged
    from prospect_tui.store.shards import Shards

    try:
        Shards(path.parent, committer=None, mutex=threading.RLock(), dirty=set()).rows(  # type: ignore[arg-type]
            "prospects", "prospects"
        )
    except StoreDamaged as damage:
        return str(damage)
    raise AssertionError("the whole read found no damage")
