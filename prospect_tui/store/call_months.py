"""Calls written a month at a time, straight into their files: a bulk build's writer."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import date
from types import MappingProxyType
from typing import Any, cast

from prospect_tui.core.model import Call
from prospect_tui.store.doc_lines import ABSENT, Doc, LineDocs
from prospect_tui.store.layout import calls_shard
from prospect_tui.store.storage import RawTable
from prospect_tui.store.workspace import Workspace


class CallMonths:
    """Takes calls oldest first and writes each month's file once the month is whole.

    Each file is as a fold writes it (:meth:`Workspace.write_folded`), so only
    one month of calls is ever in memory and none passes through the journal.
    """

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.month: str | None = None
        self.key = (0, 0)
        self.calls = EncodedDocs()
        self.written: list[str] = []
        self.count = 0
        self.highest = 0
        """The highest call id written, for the workspace's counter."""

    def add(self, call_id: int, day: date, doc: Doc) -> None:
        """Take the next call, its document as stored (:meth:`Call.to_stored`) and the
        user's day it counts for; its month must not be one already written."""
        if (day.year, day.month) != self.key:  # a shard's name costs more than the call
            self.flush()
            self.month, self.key = calls_shard(day), (day.year, day.month)
        self.calls.put(str(call_id), doc)
        self.count += 1
        self.highest = max(self.highest, call_id)

    def flush(self) -> None:
        """Write the month in hand, if any."""
        if self.month is not None and self.calls:
            self.workspace.write_folded(self.month, {Call.TABLE: cast(RawTable, self.calls)})
            self.written.append(self.month)
        self.month, self.key, self.calls = None, (0, 0), EncodedDocs()

    def discard(self) -> None:
        """Remove every month written: the build was given up."""
        for month in self.written:
            self.workspace.discard_folded(month)
        self.written, self.month, self.key, self.calls = [], None, (0, 0), EncodedDocs()


class EncodedDocs(LineDocs):
    """A table held both ways: each document's JSON text, and the document itself.

    A fold writes a document held as its text as it is (:mod:`.doc_lines`): a
    month of calls is encoded once as it is made, rather than twice by the
    write (once to measure the file, once to write it). The counts the file's
    head keeps read the documents themselves, not a parse of each text.
    """

    __slots__ = ("_held",)

    def __init__(self) -> None:
        super().__init__()
        self._held: dict[str, Doc] = {}

    def put(self, key: str, doc: Doc) -> None:
        """Add document ``key``, last in order; it must not be changed afterwards."""
        self._docs[key] = _encode(doc)
        self._held[key] = doc
        self._columns.version += 1

    def __getitem__(self, key: str) -> Doc:
        return self._held[key]

    def column(self, field: str) -> Mapping[str, Any]:
        return MappingProxyType({key: doc.get(field, ABSENT) for key, doc in self._held.items()})


_ENCODER = json.JSONEncoder(ensure_ascii=False)
"""As a fold encodes a document (:func:`.shard_file.dump`): the file reads the same."""


def _make_encode() -> Callable[[Doc], bytes]:
    """:data:`_ENCODER`'s encoding of one document as bytes, made once.

    ``JSONEncoder.encode`` builds its C encoder afresh for every document (and a
    dictionary to catch a document that holds itself, which a call's cannot):
    a third of the cost of encoding a million calls. Where the C encoder is
    missing, the encoder's own method does the same work.
    """
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:
        return lambda doc: _ENCODER.encode(doc).encode()
    encoder = _ENCODER
    chunks = make(
        None,
        encoder.default,
        json.encoder.encode_basestring,
        None,
        encoder.key_separator,
        encoder.item_separator,
        encoder.sort_keys,
        encoder.skipkeys,
        encoder.allow_nan,
    )
    return lambda doc: "".join(chunks(doc, 0)).encode()


_encode = _make_encode()
