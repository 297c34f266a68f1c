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

import functools
import json
import os
import re
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from pathlib import Path
from typing import Any

from prospect_tui.store.files import NOFOLLOW

Doc = dict[str, Any]


class LineView(Mapping[str, Doc]):
    """Documents by id text, read-only: each held as its JSON text is parsed as it is reached."""

    __slots__ = ("_docs",)

    def __init__(self, docs: dict[str, bytes | Doc]) -> None:
        self._docs = docs

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
        return doc

    def view(self) -> LineView:
        """A read-only view of these documents (what a scan is handed)."""
        return LineView(self._docs)

    def __setitem__(self, key: str, doc: Doc) -> None:
        self._docs[key] = doc

    def __delitem__(self, key: str) -> None:
        del self._docs[key]


def hold(docs: MutableMapping[str, Doc], key: str) -> Doc:
    """Document ``key`` of a table as a dictionary that stays the table's own."""
    return docs.hold(key) if isinstance(docs, LineDocs) else docs[key]


def might_hold(docs: Mapping[str, Any], key: str, field: str) -> bool:
    """Whether document ``key`` may hold a field named ``field``.

    False only for a document still held as its text in which the name, quoted
    and followed by its colon, does not appear (and no ``\\u`` escape could spell
    it): then it has no such field, for a quote inside a JSON string is escaped.
    Spares a scan for one rare field the parse of every document.
    """
    text = docs.text(key) if isinstance(docs, LineView) else None
    return text is None or b"\\u" in text or _named(field).search(text) is not None


@functools.cache
def _named(field: str) -> re.Pattern[bytes]:
    return re.compile(re.escape(json.dumps(field, ensure_ascii=False).encode()) + rb"[ \t\r\n]*:")


class _NotLines(Exception):
    """The file is not in the layout :func:`~.shard_file.dump` writes, line for line."""


META_TABLE = "_meta"


def read_lines(path: Path) -> tuple[dict[str, Doc], dict[str, LineDocs], int] | None:
    """A shard file's ``_meta`` table, its other tables as :class:`LineDocs`, and
    the size of what follows the ``_meta`` table's first record line.

    None when the file is not, line for line, as :func:`~.shard_file.dump` wrote
    it (or a document does not parse): the caller reads it whole, which names
    any damage. Raises ``FileNotFoundError`` for a missing file.
    """
    fd = os.open(path, os.O_RDONLY | NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as stream:
        size = os.fstat(stream.fileno()).st_size
        try:
            meta, head, more = _meta(stream)
            tables = _tables(stream) if more else {}
        except _NotLines:
            return None
    return meta, tables, size - head


def _meta(stream: Any) -> tuple[dict[str, Doc], int, bool]:
    """The ``_meta`` table, the size of the file up to the end of its first record,
    and whether other tables follow."""
    opening, table = stream.readline(), stream.readline()
    if opening != b"{\n" or table != f'"{META_TABLE}": {{\n'.encode():
        raise _NotLines
    lines = []
    head = 0
    while True:
        line = stream.readline()
        if line.startswith(b"}") or not line:
            break
        lines.append(line)
        head = head or len(opening) + len(table) + len(line)
    if line not in (b"}\n", b"},\n") or not lines:
        raise _NotLines
    try:
        meta = json.loads(b"{" + b"".join(lines) + b"}")
    except ValueError:
        raise _NotLines from None
    if not isinstance(meta, dict):
        raise _NotLines
    if line == b"}\n" and stream.read() != b"}\n":  # no other table: the file ends
        raise _NotLines
    return meta, head, line == b"},\n"


def _tables(stream: Any) -> dict[str, LineDocs]:
    tables: dict[str, LineDocs] = {}
    loads = json.loads
    for opening in stream:  # a table follows each "}," (a table's or _meta's)
        if not (opening.startswith(b'"') and opening.endswith(b'": {\n')):
            raise _NotLines
        try:
            name = loads(opening[:-4])
        except ValueError:
            raise _NotLines from None
        if not isinstance(name, str) or name in tables or name == META_TABLE:
            raise _NotLines
        docs: dict[str, bytes | Doc] = {}
        more = True
        for line in stream:
            if line.startswith(b"}"):
                if more and docs:  # the last document ended with a comma
                    raise _NotLines
                if line == b"},\n":
                    break
                if line == b"}\n":
                    if stream.read() != b"}\n":
                        raise _NotLines
                    tables[name] = LineDocs(docs)
                    return tables
                raise _NotLines
            if not more:  # a document line after one without its comma
                raise _NotLines
            key, text, more = _document(line)
            docs[key] = text
        else:
            raise _NotLines  # the file ends inside a table
        tables[name] = LineDocs(docs)
    raise _NotLines  # "}," and then nothing


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


def _document(line: bytes) -> tuple[str, bytes, bool]:
    """A document line's id, its JSON text, and whether a comma follows it."""
    found = _LINE.fullmatch(line)
    if found is None:
        raise _NotLines
    key, text, comma = found.groups()
    try:
        parse(text)
    except ValueError:
        raise _NotLines from None
    return key.decode("ascii"), text, comma == b","
