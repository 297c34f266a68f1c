"""Prospects in and out of their shard."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

from tinydb.table import Table

from prospect_tui.core import prospect_list
from prospect_tui.core.model import Prospect
from prospect_tui.core.prospect_list import Entry
from prospect_tui.core.record import InvalidRecord
from prospect_tui.store import doc_lines, migrations
from prospect_tui.store.decoding import decode, decode_all, decoding
from prospect_tui.store.doc_lines import LineView
from prospect_tui.store.layout import PROSPECTS
from prospect_tui.store.prospect_index import ProspectIndex
from prospect_tui.store.record_tables import RecordTables
from prospect_tui.store.workspace import Workspace

_PARSED_AT_ONCE = 1000
_COMPLETED_AT_ONCE = 50
"""Entries completed between two looks at the screen: 50 hold the interpreter under
a millisecond, a small part of a cursor key's frame."""
_LINES_AT_ONCE = 5000
"""A file's lines parsed in one call: few calls, so the screen's drawing does not
run between each, and never every document held at once."""


class ProspectRecords(RecordTables):
    """Reads and writes the people to call."""

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace)
        self._index: ProspectIndex | None = None

    def queue_source(self) -> ProspectIndex:
        """Every prospect as a queue row in calling order, kept up to date as calls are
        written; read from the stored documents the first time it is asked for."""
        with self.workspace.locked():
            if self._index is None:
                self._index = ProspectIndex(self.workspace)
            return self._index

    @property
    def _prospects(self) -> Table:
        return self.workspace.table(PROSPECTS, Prospect.TABLE)

    def prospects_read(self) -> bool:
        """Whether the prospects are in memory already (reading them is the costly part)."""
        return self.workspace.is_loaded(PROSPECTS)

    def prospects(self) -> list[Prospect]:
        """Every prospect, in id order."""
        with decoding(self.workspace, PROSPECTS):
            return decode_all(Prospect, self._prospects)

    def iter_prospects(self) -> Iterator[Prospect]:
        """Every prospect, in id order, decoded one at a time (an export of 50,000)."""
        # Read from the file a line at a time where it can be, never all held.
        for key, doc in self.workspace.stream_rows(PROSPECTS, Prospect.TABLE):
            with decoding(self.workspace, PROSPECTS):
                prospect = decode(Prospect, int(key), doc)
            yield prospect

    def prospect_extras(self) -> Iterator[Mapping[str, Any]]:
        """Each stored prospect's ``extra`` cells, undecoded (an export's column names)."""
        for _, doc in self.workspace.stream_rows(PROSPECTS, Prospect.TABLE, mentioning="extra"):
            extra = doc.get("extra")
            if isinstance(extra, dict):  # anything else is damage, named when it is decoded
                yield extra

    def prospect(self, prospect_id: int) -> Prospect | None:
        """One prospect, or None."""
        doc = self._prospects.get(doc_id=prospect_id)
        with decoding(self.workspace, PROSPECTS):
            return None if doc is None else decode(Prospect, prospect_id, doc)

    def has_prospects(self) -> bool:
        """Whether there is anyone at all, answered without reading every prospect."""
        return self.workspace.has_documents(PROSPECTS, Prospect.TABLE)

    def count_prospects(self) -> int:
        """How many prospects the workspace holds."""
        return len(self._prospects)

    def save_prospect(self, prospect: Prospect) -> Prospect:
        """Insert (id 0) or replace one prospect."""
        return self._save(self._prospects, prospect)

    def save_prospects(self, prospects: Iterable[Prospect]) -> None:
        """Insert or replace many prospects in one journal line."""
        table = self._prospects
        with self.workspace.atomic():
            new = []
            for prospect in prospects:
                if prospect.id:
                    self._save(table, prospect)
                else:
                    new.append(prospect)
            ids = table.insert_multiple(p.to_stored() for p in new)
            for prospect, doc_id in zip(new, ids, strict=True):
                prospect.id = doc_id

    def prospect_entries(self) -> list[Entry]:
        """Every prospect as the prospects list needs it, in id order: each stored
        document parsed once and only the fields a line shows read (and checked) from
        it, not the whole record decoded; each entry keeps the document's JSON text."""
        # Under the lock: no write changes the table while it is scanned.
        with self.workspace.locked(), decoding(self.workspace, PROSPECTS):
            lines = self._file_docs()
            if lines is not None:
                try:
                    return [Entry.of_doc(int(key), doc, text) for key, doc, text in lines]
                except _NotOneDocument:
                    pass  # a hand-edited line: the long way names it
            rows = self._parsed(self.workspace.rows(PROSPECTS, Prospect.TABLE))
            return [Entry.of_doc(int(key), doc, text) for key, doc, text in rows]

    def _file_docs(self) -> Iterator[tuple[str, Any, bytes]] | None:
        """The prospects of the shard's file, each with its text, when the file is all
        there is to the shard and it is not in memory; None otherwise.

        Loading the shard would check each document by parsing it, then the scan would
        parse it again: at 20,000 prospects that is half the prospects screen's open.
        Here each line is parsed once, which checks it, and its text kept (not the
        parsed document: 50,000 of those would be 130 MB more while the list is open).
        Anything out of the ordinary (None, or :class:`_NotOneDocument` raised as the
        documents are given) goes the long way, which names any damage.
        """
        lines = self._file_texts()
        return None if lines is None else _parsed_lines(*lines)

    def _file_texts(self) -> tuple[list[str], list[bytes]] | None:
        """The ids and texts of the shard file's prospects, unparsed, when the file is all
        there is to the shard and it is not in memory; None otherwise."""
        path = self._file_path()
        try:
            return None if path is None else _file_lines(path)
        except (OSError, doc_lines.NotLines):
            return None

    def _file_path(self) -> Path | None:
        """The shard's file, when it is all there is to the shard (not in memory, not
        behind the journal) and of this version's schema; None otherwise."""
        meta = self.workspace.file_meta(PROSPECTS)  # None: in memory, or behind the journal
        if not meta or meta.get("schema") != migrations.SCHEMA:  # none, or to be migrated
            return None
        return self.workspace.data_dir / f"{PROSPECTS}.json"

    @staticmethod
    def _parsed(
        rows: Mapping[str, Mapping[str, Any]],
    ) -> Iterator[tuple[str, Any, bytes | None]]:
        """Each row's id, document and (held so) text: the texts parsed a thousand at a
        time, as one JSON array each — a fifth quicker than a call each, and never
        every document at once."""
        keys = list(rows)
        texts = (
            [rows.text(key) for key in keys] if isinstance(rows, LineView) else [None] * len(keys)
        )
        for start in range(0, len(keys), _PARSED_AT_ONCE):
            batch = range(start, min(start + _PARSED_AT_ONCE, len(keys)))
            held = [text for n in batch if (text := texts[n]) is not None]
            parsed = iter(doc_lines.parse_texts(held))
            for n in batch:
                text = texts[n]
                yield keys[n], rows[keys[n]] if text is None else next(parsed), text

    def prospect_of(self, entry: Entry) -> Prospect:
        """The whole record of a prospects-list entry, decoded from what was read."""
        with decoding(self.workspace, PROSPECTS):
            return entry.prospect

    # export

    def exported_prospects(self) -> Iterator[dict[str, Any]]:
        """Every prospect as an export writes it, in id order, one at a time: the same
        dicts, and the same damage, as ``{"id": p.id, **p.to_doc()}`` of each
        :meth:`iter_prospects`, without building each :class:`Prospect` to get them."""
        from prospect_tui.store.export_docs import ExportDocs

        export = ExportDocs(Prospect).export
        for key, doc in self.workspace.stream_rows(PROSPECTS, Prospect.TABLE):
            record_id = int(key)
            exported = export(record_id, doc)
            if exported is None:  # damaged, or out of the ordinary: the long way names it
                with decoding(self.workspace, PROSPECTS):
                    prospect = decode(Prospect, record_id, doc)
                exported = {"id": prospect.id, **prospect.to_doc()}
            yield exported

    # prospects screen

    def listed_entries(self) -> list[Entry]:
        """Every prospect as the prospects list opens with it, in id order: what
        :meth:`prospect_entries` gives, except that an entry whose names can be read
        from its stored text without parsing it (:meth:`Entry.named`, nearly all)
        has only its names read; :meth:`complete_entries` reads the rest.

        Sorted by name, the list draws a screenful: parsing 20,000 documents before
        it did was most of its open.
        """
        # Under the lock: no write changes the table while it is scanned.
        with self.workspace.locked(), decoding(self.workspace, PROSPECTS):
            path = self._file_path()
            listed = None if path is None else _named_lines(path)
            if listed is not None:
                return listed
            lines = self._file_texts()
            if lines is not None:
                try:
                    return _listed(*lines)
                except _NotOneDocument:
                    pass  # a hand-edited line: the long way names it
            rows = self.workspace.rows(PROSPECTS, Prospect.TABLE)
            if isinstance(rows, LineView):
                keys = list(rows)
                texts = [rows.text(key) for key in keys]
                if all(text is not None for text in texts):  # each checked when it was read
                    try:
                        return _listed(keys, cast(list[bytes], texts))
                    except _NotOneDocument:
                        pass
            return [Entry.of_doc(int(key), doc, text) for key, doc, text in self._parsed(rows)]

    def complete_entries(
        self, entries: Sequence[Entry], between: Callable[[], object] = lambda: None
    ) -> list[Entry] | None:
        """Read the rest of each entry :meth:`listed_entries` read the names of only, in
        the order given, a few hundred at a time with ``between()`` after each few.

        None when each is read. Should one not be (a document not valid, or a line
        not one document: a hand edit), what :meth:`prospect_entries` does instead:
        it raises the damage, or gives every entry read the long way.
        """
        pending = [entry for entry in entries if entry.pending]
        try:
            for start in range(0, len(pending), _COMPLETED_AT_ONCE):
                batch = pending[start : start + _COMPLETED_AT_ONCE]
                try:
                    docs: list[Any] = doc_lines.parse_texts([cast(bytes, e.source) for e in batch])
                except ValueError:
                    docs = [None] * len(batch)  # each parsed alone: the one not a document
                for entry, doc in zip(batch, docs, strict=True):
                    entry.complete(doc)
                between()
        except InvalidRecord:
            return self.prospect_entries()
        # One read as its line was drawn, and not valid: the long way names it.
        return self.prospect_entries() if any(entry.problem for entry in entries) else None

    @contextmanager
    def held(self) -> Iterator[None]:
        """No other reader or writer of the store gets in inside (the thread that holds
        it may read and write): for a read the user waits on, kept until it is shown."""
        with self.workspace.locked():
            yield


class _NotOneDocument(Exception):
    """A line of a prospects file that does not parse as one JSON object."""


def _file_lines(path: Path) -> tuple[list[str], list[bytes]] | None:
    """The ids and texts of a prospects file's documents, in the layout the fold
    writes; None for any other table in it, or an id twice.

    Raises the loader's own error for a file not in that layout, line for line.
    """
    keys: list[str] = []
    texts: list[bytes] = []
    # The loader's line reader, without its check by parsing: the parse after is it.
    for name, key, text in doc_lines.document_lines(path):
        if name != Prospect.TABLE:
            return None
        if key is not None:
            keys.append(key)
            texts.append(text)
    return None if len(set(keys)) != len(keys) else (keys, texts)


_NAMED_LINE = re.compile(
    rb'  "([1-9][0-9]*)": (\{' + prospect_list.NAMES_AT_HEAD + rb"[^\n]*\}),\n"
)
"""A document's line as :func:`~.doc_lines.table_chunks` gives it, its names at the head
of its text read as :meth:`Entry.named` reads them."""


def _named_lines(path: Path) -> list[Entry] | None:
    """What :func:`_listed` gives for the prospects file's lines, read a megabyte at a
    time with one pattern: lines, names and their checks in a few passes over the
    text, not a few calls for each of 20,000 lines. A megabyte holding a name that
    might not be read so (an escape in it, say) is listed as :func:`_listed` lists it.

    None for a file not in the layout the fold writes, an id twice, or a line that is
    not one valid document: the caller reads the file line by line then, which names it.
    """
    listed: list[Entry] = []
    keys: list[bytes] = []
    try:
        for chunk in doc_lines.table_chunks(path, Prospect.TABLE):
            found = _NAMED_LINE.findall(chunk)
            if not found:
                if chunk:
                    return None
                continue
            key, text, first, last = zip(*found, strict=True)
            # Each line matched, end to end, if together they are the chunk's length.
            if sum(map(len, key)) + sum(map(len, text)) + _LINE_EXTRA * len(found) != len(chunk):
                return None
            keys += key
            named = _named_chunk(chunk, key, text, first, last)
            listed += (
                _listed([k.decode("ascii") for k in key], list(text)) if named is None else named
            )
    except (OSError, doc_lines.NotLines, _NotOneDocument, InvalidRecord):
        return None  # the line by line read names it, whichever line it meets first
    return None if len(set(keys)) != len(keys) else listed


def _named_chunk(
    chunk: bytes,
    keys: Sequence[bytes],
    texts: Sequence[bytes],
    firsts: Sequence[bytes],
    lasts: Sequence[bytes],
) -> list[Entry] | None:
    """The entries of a chunk's lines, named from their heads as found; None unless
    :meth:`Entry.named` would read each so."""
    # As Entry.named checks each text: no NUL (which parts the names below), no key
    # spelled with an escape, and no name but those at the head.
    if b"\0" in chunk or (b"\\" in chunk and b"\\u" in chunk):
        return None
    if chunk.count(b'_name"') != _names_in(firsts) + _names_in(lasts):
        return None
    try:
        first_names = _name_texts(firsts, b'"first_name": "')
        last_names = _name_texts(lasts, b'"last_name": "')
    except UnicodeDecodeError:
        return None
    return prospect_list.named_as([int(key) for key in keys], texts, first_names, last_names)


_LINE_EXTRA = len(b'  "": ,\n')
"""A line's length besides its id and its text."""


def _names_in(heads: Sequence[bytes]) -> int:
    """How often ``_name"`` is in the heads' names as their texts hold them (each closed
    by its quote)."""
    return (b'"\0'.join(heads) + b'"').count(b'_name"')


def _name_texts(heads: Sequence[bytes], key: bytes) -> list[str]:
    """Each head's name (empty where the text has none): decoded in one call, not one each."""
    # A name holds no quote, so the key before each is found nowhere else.
    return b"\0".join(heads).replace(key, b"").decode("utf-8", "surrogatepass").split("\0")


def _listed(keys: list[str], texts: list[bytes]) -> list[Entry]:
    """The entries of these documents: those :meth:`Entry.named` can read, named only;
    the others read from their texts parsed (:class:`_NotOneDocument` for one that is
    not a JSON object)."""
    listed = prospect_list.named([int(key) for key in keys], texts)
    others = [n for n, entry in enumerate(listed) if entry is None]
    try:
        docs = doc_lines.parse_texts([texts[n] for n in others])
    except ValueError:
        raise _NotOneDocument from None
    for n, doc in zip(others, docs, strict=True):
        listed[n] = Entry.of_doc(int(keys[n]), doc, texts[n])
    return cast(list[Entry], listed)


def _parsed_lines(keys: list[str], texts: list[bytes]) -> Iterator[tuple[str, Any, bytes]]:
    """Each id, its document parsed from its text, and the text.

    The texts are parsed five thousand at a time, as one JSON array each: a call each
    takes a fifth longer and leaves the interpreter to the screen's drawing between
    each, and all in one would hold every document at once. Raises
    :class:`_NotOneDocument` for a text that is not one JSON object.
    """
    for start in range(0, len(texts), _LINES_AT_ONCE):
        held = texts[start : start + _LINES_AT_ONCE]
        try:
            docs = doc_lines.parse_texts(held)
        except ValueError:
            raise _NotOneDocument from None
        yield from zip(keys[start : start + _LINES_AT_ONCE], docs, held, strict=True)
