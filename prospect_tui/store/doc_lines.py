"""A shard's documents held as the JSON text of their lines, parsed when reached.

Fifty thousand prospects are 30 MB of text in their file and four times that
as Python dictionaries. A sprint reads a handful of them; the rest are only
ever scanned (the queue's index, an export) or written back unchanged by a
fold. So a shard file in the layout :func:`~.shard_file.dump` writes is read
line by line into :class:`LineDocs`, which keeps each document's text, checks
that it parses as it is read (damage is named when the file is loaded, as
before), and parses it again each time it is reached. A document a write
changes is held parsed from then on (:meth:`LineDocs.hold`): TinyDB's updaters
change documents in place. A fold writes the text of every other one back as
it was read.

A file in any other layout (an older one, a hand edit) is not read here:
:func:`read_lines` answers None and the caller parses it whole.
"""

from __future__ import annotations

import bisect
import functools
import json
import os
import re
from collections.abc import Callable, Iterator, Mapping, MutableMapping, Sequence
from itertools import chain, islice
from pathlib import Path
from types import MappingProxyType
from typing import Any, cast

from prospect_tui.store.files import NOFOLLOW

Doc = dict[str, Any]


ABSENT: Any = type("Absent", (), {"__repr__": lambda self: "ABSENT"})()
"""A field a document does not hold (:func:`field_values`)."""


class _Columns:
    """Per field, each document's value, kept for :meth:`LineView.column`.

    A document held as text never changes, so its value is read once. One held
    parsed may be changed in place by any write: its value is read afresh at
    each scan (there are few: the documents written since the file was read),
    and one added (last in order, as ids are) is added last. A document removed
    changes the order: the next scan rebuilds it.
    """

    __slots__ = ("built", "by_field", "indexes", "live", "version")

    def __init__(self, docs: dict[str, bytes | Doc]) -> None:
        self.by_field: dict[str, dict[str, Any]] = {}
        self.built: dict[str, int] = {}
        self.indexes: dict[str, _Index] = {}
        self.version = 0
        # Ordered: the documents added since a column was built follow it in this order.
        self.live = {key: None for key, doc in docs.items() if not isinstance(doc, bytes)}


class _Index:
    """Per text value of one field, where the documents holding it stand in stored order.

    Built from the field's column, and kept up to date without a scan: a
    document added since (last in order, as ids are) is taken in at the next
    ask. A document held parsed may be changed in place, so each one's value
    is remembered as it was taken in; one whose value moved since, or one held
    since the index was built, makes the next ask build it again (a few a
    session: a finished sprint of the file, a call's notes edited), as a
    removed document does.
    """

    __slots__ = ("checked", "keys", "odd", "positions", "values", "version")

    def __init__(self, column: Mapping[str, Any], live: Mapping[str, None], version: int) -> None:
        self.version = version
        self.keys: list[str] = []
        self.positions: dict[str, list[int]] = {}
        self.odd: list[int] = []
        """Where the documents whose value is not text (or absent) stand."""
        for key, value in column.items():
            self._take(key, value)
        self.values = sorted(self.positions)
        self.checked = {key: column[key] for key in live}

    def _take(self, key: str, value: Any) -> bool:
        """Put ``key`` last; True if its value is text no document held before."""
        at = len(self.keys)
        self.keys.append(key)
        if type(value) is not str:
            self.odd.append(at)
            return False
        found = self.positions.get(value)
        if found is None:
            self.positions[value] = [at]
            return True
        found.append(at)
        return False

    def follows(
        self, docs: dict[str, bytes | Doc], column: Mapping[str, Any], live: Mapping[str, None]
    ) -> bool:
        """Take in the documents added since; False if the index no longer holds."""
        added = len(docs) - len(self.keys)
        if added < 0:
            return False
        for key in reversed(list(islice(reversed(docs), added))):
            value = self.checked[key] = column[key]
            if self._take(key, value):
                bisect.insort(self.values, value)
        checked = self.checked
        unknown: Any = _UNREAD
        return all(checked.get(key, unknown) == column[key] for key in live)

    def between(self, low: str, high: str) -> list[str]:
        keys, positions = self.keys, self.positions
        if low == high:
            return [keys[at] for at in positions.get(low, ())]
        values = self.values
        within = values[bisect.bisect_left(values, low) : bisect.bisect_right(values, high)]
        # Each value's run is in order: the sort merges them.
        return [keys[at] for at in sorted(chain.from_iterable(positions[v] for v in within))]


class LineView(Mapping[str, Doc]):
    """Documents by id text, read-only: each held as its JSON text is parsed as it is reached."""

    __slots__ = ("_columns", "_docs")

    def __init__(self, docs: dict[str, bytes | Doc], columns: _Columns | None = None) -> None:
        self._docs = docs
        self._columns = _Columns(docs) if columns is None else columns

    def column(self, field: str) -> Mapping[str, Any]:
        """Each document's ``field`` (:data:`ABSENT` if it has none) by id, in stored order.

        A scan by one field (the day of every sprint, the prospect of every
        call in a month) without parsing each document each time: a document
        held as text is read once for each field asked for.
        """
        columns, docs = self._columns, self._docs
        found = columns.by_field.get(field)
        if found is None or columns.built[field] != columns.version:
            known = found or {}
            found, unread = {}, []
            for key, doc in docs.items():
                if isinstance(doc, bytes):
                    value = found[key] = known.get(key, _UNREAD)
                    if value is _UNREAD:
                        unread.append(key)
                else:
                    found[key] = doc.get(field, ABSENT)
            # The texts parsed a thousand at a time, as one JSON array each: faster than
            # a parse each, and each text was checked to be one document when read.
            for start in range(0, len(unread), _PARSED_AT_ONCE):
                keys = unread[start : start + _PARSED_AT_ONCE]
                texts = [cast(bytes, docs[key]) for key in keys]
                for key, doc in zip(keys, parse_texts(texts), strict=True):
                    found[key] = doc.get(field, ABSENT)
            columns.by_field[field], columns.built[field] = found, columns.version
        else:
            for key in columns.live:
                found[key] = cast(Doc, docs[key]).get(field, ABSENT)
        return MappingProxyType(found)

    def keys_between(self, field: str, low: str, high: str) -> tuple[list[str], list[str]]:
        """The ids of the documents whose ``field`` is text from ``low`` to ``high``, and of
        those whose ``field`` is anything else or absent, each in stored order.

        A day's sprints among ten years of them, a day's calls in a month,
        without comparing every document's day at every ask: an index by value
        (:class:`_Index`) is built at the first ask, as the column is. It changes
        as it follows writes: ask under the lock the writes take.
        """
        columns, docs = self._columns, self._docs
        column = self.column(field)
        index = columns.indexes.get(field)
        if (
            index is None
            or index.version != columns.version
            or not index.follows(docs, column, columns.live)
        ):
            index = columns.indexes[field] = _Index(column, columns.live, columns.version)
        return index.between(low, high), [index.keys[at] for at in index.odd]

    def __getitem__(self, key: str) -> Doc:
        doc = self._docs[key]
        # A fresh parse each time: the caller reads it, it is not kept.
        return parse(doc) if isinstance(doc, bytes) else doc

    def text(self, key: str) -> bytes | None:
        """The JSON text document ``key`` was read as, or None once it is held parsed."""
        doc = self._docs[key]
        return doc if isinstance(doc, bytes) else None

    def __contains__(self, key: object) -> bool:
        return key in self._docs

    def __iter__(self) -> Iterator[str]:
        return iter(self._docs)

    def __len__(self) -> int:
        return len(self._docs)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({len(self._docs)} documents)"


class LineDocs(LineView, MutableMapping[str, Doc]):
    """A shard's table: documents held as their JSON text until a write holds one parsed."""

    __slots__ = ()

    def __init__(self, docs: dict[str, bytes | Doc] | None = None) -> None:
        super().__init__({} if docs is None else docs)

    def hold(self, key: str) -> Doc:
        """Document ``key``, parsed and held from now on, to be changed in place."""
        doc = self._docs[key]
        if isinstance(doc, bytes):
            doc = self._docs[key] = parse(doc)
            self._columns.live[key] = None
        return doc

    def restore(self, key: str, text: bytes) -> None:
        """Put document ``key`` back as the JSON text it was held as (a write undone)."""
        self._docs[key] = text
        # A scan took its values from the document held since: read them again from
        # the text at the next scan (its place in the order is unchanged).
        columns = self._columns
        columns.live.pop(key, None)
        for found in columns.by_field.values():
            found.pop(key, None)
        columns.version += 1

    def view(self) -> LineView:
        """A read-only view of these documents (what a scan is handed)."""
        return LineView(self._docs, self._columns)

    def __setitem__(self, key: str, doc: Doc) -> None:
        self._docs[key] = doc
        self._columns.live[key] = None  # a new id is last, here as in the table

    def __delitem__(self, key: str) -> None:
        del self._docs[key]
        self._columns.live.pop(key, None)
        self._columns.version += 1


_UNREAD: Any = object()
_PARSED_AT_ONCE = 1000


def field_values(rows: Mapping[str, Any], field: str) -> Iterator[tuple[str, Any]]:
    """Each document's id and its ``field`` (:data:`ABSENT` if it has none), in stored order."""
    if isinstance(rows, LineView):
        return iter(rows.column(field).items())
    # A value that is not a document has no fields: checking it names the damage.
    return (
        (key, doc.get(field, ABSENT) if isinstance(doc, dict) else ABSENT)
        for key, doc in rows.items()
    )


def hold(docs: MutableMapping[str, Doc], key: str) -> Doc:
    """Document ``key`` of a table as a dictionary that stays the table's own."""
    if type(docs) is dict:  # asked first: isinstance of an ABC runs Python code
        doc: Doc = docs[key]
        return doc
    return docs.hold(key) if isinstance(docs, LineDocs) else docs[key]


def might_hold(docs: Mapping[str, Any], key: str, field: str) -> bool:
    """Whether document ``key`` may hold a field named ``field``.

    False only for a document still held as its text in which the name, quoted
    and followed by its colon, does not appear (and no ``\\u`` escape could spell
    it): then it has no such field, for a quote inside a JSON string is escaped.
    Spares a scan for one rare field the parse of every document.
    """
    text = docs.text(key) if isinstance(docs, LineView) else None
    return text is None or _mentions(text, field)


def _mentions(text: bytes, field: str) -> bool:
    return b"\\u" in text or _named(field).search(text) is not None


@functools.cache
def _named(field: str) -> re.Pattern[bytes]:
    """The field's name as a JSON object's key: quoted, then its colon."""
    if not field.isidentifier() or not field.isascii():
        raise ValueError(f"{field!r}: only plain names are looked for in a document's text")
    return re.compile(b'"' + field.encode() + rb'"[ \t\r\n]*:')


class NotLines(Exception):
    """The file is not in the layout :func:`~.shard_file.dump` writes, line for line."""


META_TABLE = "_meta"


def read_lines(path: Path) -> tuple[dict[str, Doc], dict[str, LineDocs], int] | None:
    """A shard file's ``_meta`` table, its other tables as :class:`LineDocs`, and
    the size of what follows the ``_meta`` table's first record line.

    None when the file is not, line for line, as :func:`~.shard_file.dump` wrote
    it (or a document does not parse): the caller reads it whole, which names
    any damage. Raises ``FileNotFoundError`` for a missing file.
    """
    with _open(path) as stream:
        size = os.fstat(stream.fileno()).st_size
        try:
            meta, head, more = _meta(stream)
            tables: dict[str, dict[str, bytes | Doc]] = {}
            for name, key, text in _entries(stream, check=True) if more else ():
                if key is None:
                    tables[name] = {}
                else:
                    tables[name][key] = text
        except NotLines:
            return None
    return meta, {name: LineDocs(docs) for name, docs in tables.items()}, size - head


class Unstreamable(Exception):
    """A file that :func:`stream_lines` cannot read line by line: read it whole."""


def stream_lines(
    path: Path,
    table: str,
    accept: Callable[[dict[str, Any], set[str]], bool],
    mentioning: str | None = None,
) -> Iterator[tuple[str, Doc]]:
    """Each document of ``table`` in a shard file, parsed one at a time as it is read.

    For an export of 50,000 prospects in the memory of one. The file is first
    read through once for its layout (every line as :func:`~.shard_file.dump`
    writes it, no id twice, as many documents as its ``_meta`` counts if its
    size is what its fold left), then again for the documents. Raises
    :class:`Unstreamable` before the first document for a file not in that
    layout (or whose ``_meta`` table and table names ``accept`` refuses), and
    after some if a document does not parse: the caller reads the file whole
    then (which names any damage) and goes on after the documents it was given.
    With ``mentioning``, only the documents that may hold that field
    (:func:`might_hold`) are parsed and given. The documents are parsed a
    hundred at a time (:func:`_streamed_docs`), each exactly as alone.
    """
    with _open(path) as stream:
        size = os.fstat(stream.fileno()).st_size
        try:
            meta, head, more = _meta(stream)
            seen: set[str] = set()
            held: dict[str, int] = {}
            for name, key, text in _entries(stream, check=False) if more else ():
                held[name] = held.get(name, 0) + (key is not None)
                if key is None:
                    continue
                if name != table:
                    parse(text)  # as the whole file's read would (the table's own: next)
                elif key in seen:
                    raise Unstreamable
                else:
                    seen.add(key)
        except (NotLines, ValueError):
            raise Unstreamable from None
        first = meta.get("1")
        recorded = first.get("bytes_after") if isinstance(first, dict) else None
        counts = first.get("counts") if isinstance(first, dict) else None
        # Records lost to a flipped id, as the whole file's read checks: it says so.
        if not isinstance(counts, dict) or recorded != size - head:
            counts = {}
        if any(isinstance(n, int) and held.get(t, 0) != n for t, n in counts.items()):
            raise Unstreamable
        if not accept(meta, set(held)):
            raise Unstreamable
        stream.seek(0)
        keys: list[str] = []
        texts: list[bytes] = []
        try:
            _meta(stream)
            for name, key, text in _entries(stream, check=False) if more else ():
                wanted = mentioning is None or _mentions(text, mentioning)
                if name == table and key is not None and wanted:
                    keys.append(key)
                    texts.append(text)
                    if len(texts) == _STREAMED_AT_ONCE:
                        docs = _streamed_docs(texts)
                        yield from zip(keys, docs, strict=False)
                        if len(docs) < len(texts):
                            raise Unstreamable
                        keys, texts = [], []
        except (NotLines, ValueError):
            # The documents read before the line that is not as written are given
            # first, as a parse each as it was read would have given them.
            yield from zip(keys, _streamed_docs(texts), strict=False)
            raise Unstreamable from None
        docs = _streamed_docs(texts)
        yield from zip(keys, docs, strict=False)
        if len(docs) < len(texts):
            raise Unstreamable


_STREAMED_AT_ONCE = 100
"""Documents parsed together: as quick as more, and the memory of a hundred."""


def _streamed_docs(texts: list[bytes]) -> list[Doc]:
    """:func:`parse` of each text, up to (not including) the first that raises.

    Parsed together (:func:`parse_texts`, half as quick again as a parse each);
    anything else is parsed a text at a time, which finds the first that does
    not parse (and raises what :func:`parse` raises alone).
    """
    try:
        return parse_texts(texts)
    except (ValueError, RecursionError):  # RecursionError: nested one level deeper than alone
        pass
    found: list[Doc] = []
    for text in texts:
        try:
            found.append(parse(text))
        except ValueError:
            break
    return found


def document_lines(path: Path) -> Iterator[tuple[str, str | None, bytes]]:
    """The tables of a shard file after ``_meta``, line by line, none of it parsed:
    ``(name, None, b"")`` as each table opens, then ``(name, id, JSON text)`` for each
    of its documents.

    Raises :class:`NotLines` for a file not in the layout
    :func:`~.shard_file.dump` writes; a document's text is not checked to be one
    (the caller's parse is that check).
    """
    with _open(path) as stream:
        _, _, more = _meta(stream)
        if more:
            yield from _entries(stream, check=False)


def table_chunks(path: Path, table: str) -> Iterator[bytes]:
    """The document lines of a shard file that holds ``table`` alone, a megabyte or so
    of whole lines at a time, none of it parsed or checked: for a caller that reads
    many lines with one pattern (and so checks them itself, as :func:`document_lines`
    would). The last line is given with a comma, as every other: each line as
    ``  "<id>": {…},\n`` if the file is as :func:`~.shard_file.dump` writes it.

    Nothing for a file of no table. Raises :class:`NotLines` for a file whose
    ``_meta`` table, opening of ``table`` or closing lines are not as written so
    (another table in it included: the caller then reads it line by line).
    """
    with _open(path) as stream:
        size = os.fstat(stream.fileno()).st_size
        _, _, more = _meta(stream)
        if not more:
            return  # no table at all
        if stream.readline() != b'"%s": {\n' % table.encode():
            raise NotLines
        start, end = stream.tell(), size - len(_CLOSING)
        if end < start or os.pread(stream.fileno(), len(_CLOSING), end) != _CLOSING:
            raise NotLines
        rest = b""
        for offset in range(start, end, _CHUNK):
            block = rest + stream.read(min(_CHUNK, end - offset))
            if offset + _CHUNK < end:
                cut = block.rfind(b"\n") + 1
                block, rest = block[:cut], block[cut:]
            elif block.endswith(b"\n"):
                block = block[:-1] + b",\n"  # the last line: no comma follows it
            yield block


_CLOSING = b"}\n}\n"
"""A file's last lines: its last table's closing, then its own."""
_CHUNK = 1 << 20


def _open(path: Path) -> Any:
    return os.fdopen(os.open(path, os.O_RDONLY | NOFOLLOW | getattr(os, "O_CLOEXEC", 0)), "rb")


def _meta(stream: Any) -> tuple[dict[str, Doc], int, bool]:
    """The ``_meta`` table, the size of the file up to the end of its first record,
    and whether other tables follow."""
    opening, table = stream.readline(), stream.readline()
    if opening != b"{\n" or table != f'"{META_TABLE}": {{\n'.encode():
        raise NotLines
    lines = []
    head = 0
    while True:
        line = stream.readline()
        if line.startswith(b"}") or not line:
            break
        lines.append(line)
        head = head or len(opening) + len(table) + len(line)
    if line not in (b"}\n", b"},\n") or not lines:
        raise NotLines
    try:
        meta = json.loads(b"{" + b"".join(lines) + b"}")
    except ValueError:
        raise NotLines from None
    if not isinstance(meta, dict):
        raise NotLines
    if line == b"}\n" and stream.read() != b"}\n":  # no other table: the file ends
        raise NotLines
    return meta, head, line == b"},\n"


def _entries(stream: Any, *, check: bool) -> Iterator[tuple[str, str | None, bytes]]:
    """The tables after ``_meta``: ``(name, None, b"")`` as each opens, then
    ``(name, id, text)`` for each document; ``check``: each text must parse."""
    names: set[str] = set()
    loads = json.loads
    for opening in stream:  # a table follows each "}," (a table's or _meta's)
        if not (opening.startswith(b'"') and opening.endswith(b'": {\n')):
            raise NotLines
        try:
            name = loads(opening[:-4])
        except ValueError:
            raise NotLines from None
        if not isinstance(name, str) or name in names or name == META_TABLE:
            raise NotLines
        names.add(name)
        yield name, None, b""
        more, empty = True, True
        for line in stream:
            if line.startswith(b"}"):
                if more and not empty:  # the last document ended with a comma
                    raise NotLines
                if line == b"},\n":
                    break
                if line == b"}\n":
                    if stream.read() != b"}\n":
                        raise NotLines
                    return
                raise NotLines
            if not more:  # a document line after one without its comma
                raise NotLines
            key, text, more = _document(line, check=check)
            empty = False
            yield name, key, text
        else:
            raise NotLines  # the file ends inside a table
    raise NotLines  # "}," and then nothing


_LINE = re.compile(rb'  "([1-9][0-9]*)": (\{.*\})(,?)\n', re.DOTALL)
"""A document's line as :func:`~.shard_file.dump` writes it: ``  "<id>": {…},``."""

_SCAN: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder().scan_once  # type: ignore[attr-defined]
"""The decoder's own scanner (in C): a document line without ``loads``' checks around it."""


def parse(text: bytes) -> Doc:
    """A document from its JSON text, as ``json.loads`` would read it; raises ``ValueError``."""
    string = text.decode("utf-8", "surrogatepass")  # what json.loads does with bytes
    try:
        doc, end = _SCAN(string, 0)
    except StopIteration:
        raise ValueError("not a JSON document") from None
    if end != len(string) or type(doc) is not dict:
        raise ValueError("not one JSON object")
    return doc


def parse_texts(texts: Sequence[bytes]) -> list[Doc]:
    """Documents from their JSON texts, parsed as one JSON array: a call per text takes
    half as long again. Raises ``ValueError`` unless each text gave one JSON object.

    An unguessable number goes between each two texts, and the array must read
    as each text's object with that number after it: so no text was read
    together with another. Joined by commas alone, ``{"a":[{}`` and
    ``{}]},{"b":1}`` (neither a document) read as two objects; with the number,
    the join swallows it, which no text can give back.
    """
    if not texts:
        return []
    mark = int.from_bytes(os.urandom(8), "big")
    docs = json.loads(b"[" + (b",%d," % mark).join(texts) + b"]")
    if (
        len(docs) != 2 * len(texts) - 1
        or docs[1::2].count(mark) != len(texts) - 1
        or not all(type(doc) is dict for doc in docs[::2])
    ):
        raise ValueError("not one JSON object a text")
    return cast(list[Doc], docs[::2])


def _document(line: bytes, *, check: bool) -> tuple[str, bytes, bool]:
    """A document line's id, its JSON text (``check``: which parses), and whether a
    comma follows it."""
    found = _LINE.fullmatch(line)
    if found is None:
        raise NotLines
    key, text, comma = found.groups()
    if check:
        try:
            parse(text)
        except ValueError:
            raise NotLines from None
    return key.decode("ascii"), text, comma == b","
