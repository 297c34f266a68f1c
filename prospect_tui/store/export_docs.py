"""Stored documents straight to what an export writes, checked as decoding checks them.

An export writes ``{"id": …, **record.to_doc()}`` of every record it reads.
Building each record and encoding it back was half an export of 50,000
prospects, yet for almost every field the encoded value is the stored one:
:class:`ExportDocs` goes from the stored document to that same dict
directly, each value still checked and decoded by the record's own codec
(so what it accepts and what it writes are :meth:`Record.from_doc`'s and
:meth:`Record.to_doc`'s). A document it is not sure of (a check that fails,
an unknown field, an ``id`` inside) gets ``None``: the caller decodes that one
the long way, which names the damage exactly as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from types import NoneType
from typing import Any

from prospect_tui.core.record import Record
from prospect_tui.core.record_codec import asdict_value, codec_of, to_iso

_ABSENT = object()
_HELD = 64
"""How many encoded values each field keeps: a status, an outcome, the instant an
import stamped on all its rows recur; a cache this small stays flat however many."""

_Field = tuple[
    frozenset[type],  # the JSON types its stored value may have
    Callable[[Any], Any] | None,  # decode
    Callable[[Any], Any] | None,  # encode
]
_Decoded = tuple[
    str, Callable[[Any], Any], Callable[[Any], Any] | None, dict[str, Any], re.Pattern[str] | None
]
"""A field to decode and encode back: its name, decode, encode, the values held, and
the form of a stored text that encodes back to itself (instants)."""
_CANONICAL_INSTANT = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]"
    r"(?:\+|-(?!00:00))(?:[01][0-9]|2[0-3]):[0-5][0-9]"
)
"""An instant as :func:`to_iso` writes it: once it reads (a real date), reading and writing
it back gives the same text — every part is written as it was read, digit for digit.
Not ``-00:00`` (written back ``+00:00``), nor minutes of an offset past 59 (``+05:75``
reads as ``+06:15``), nor anything else the reader accepts and the writer changes."""
_Shape = tuple[tuple[_Decoded, ...], tuple[tuple[str, Callable[[Any], Any], Any], ...]]
"""What a document of one shape needs beyond its own values: the fields to decode and
encode back, and the list or dict fields it lacks (each record gets its own copy)."""
_SHAPES_HELD = 256
_DAYS_HELD = 4096


class ExportDocs:
    """:meth:`export` turns one stored document of ``kind`` into its exported dict."""

    def __init__(self, kind: type[Record]) -> None:
        codec = codec_of(kind)
        self._fields: dict[str, _Field] = {}
        self._template: dict[str, Any] = {"id": 0}
        """Every field in :meth:`Record.to_doc`'s order, at its encoded default (None
        for a required one, which every document holds)."""
        self._fresh: list[tuple[str, Callable[[Any], Any], Any]] = []
        """The fields whose default is a list or a dict: each record gets its own."""
        for name, encode in codec.encoders:
            decode, accepts = codec.decoders[name]
            self._fields[name] = (accepts, decode, encode)
            default = codec.defaults.get(name)
            if encode is not None and type(default) in (list, dict):
                self._fresh.append((name, encode, default))
            self._template[name] = default if encode is None or default is None else encode(default)
        self._required = codec.required
        self._held: dict[str, dict[str, Any]] = {name: {} for name in self._fields}
        self._days: set[str] = set()
        """The days of instants in the written form that read: another instant of one of
        them in that form reads too (its time and offset are within range by their form)."""
        self._shapes: dict[tuple[tuple[str, ...], tuple[type, ...]], _Shape | None] = {}
        """Each shape of document seen (its fields in order and their values' types), and
        what it needs; None for one whose fields or types a record refuses."""

    def export(self, record_id: int, doc: Mapping[str, Any]) -> dict[str, Any] | None:
        """``{"id": record_id, **kind.from_doc(record_id, doc).to_doc()}``, or None when
        that would raise or this cannot be sure of it (decode that document instead)."""
        if type(record_id) is not int or record_id <= 0:
            return None
        # A workspace's documents come in few shapes: the fields present and the types
        # of their values (a prospect never called has no last_outcome) decide every
        # check but the decoding, so each shape is checked once.
        key = (tuple(doc), tuple(map(type, doc.values())))
        shapes = self._shapes
        if key in shapes:
            shape = shapes[key]
        else:
            shape = self._shape(*key)
            if len(shapes) >= _SHAPES_HELD:
                shapes.clear()
            shapes[key] = shape
        if shape is None:
            return None
        decoded, fresh = shape
        days = self._days
        out = self._template.copy()
        out.update(doc)
        out["id"] = record_id
        for name, decode, encode, known, canonical in decoded:
            value = doc[name]
            if type(value) is str:
                # The same text always decodes and encodes to the same value.
                encoded = known.get(value, _ABSENT)
                if (
                    encoded is _ABSENT
                    and canonical is not None
                    and value[:10] in days
                    and canonical.fullmatch(value)
                ):
                    encoded = value  # it reads (its day does), and is written back as it is
                if encoded is _ABSENT:
                    encoded = _encoded(value, decode, encode, canonical)
                    if encoded is _ABSENT:
                        return None
                    if type(encoded) is str:  # held only when nothing can change it
                        if len(known) >= _HELD:
                            known.clear()
                        known[value] = encoded
                        if encoded is value and canonical is not None:  # read, in the form
                            if len(days) >= _DAYS_HELD:
                                days.clear()
                            days.add(value[:10])
            else:
                encoded = _encoded(value, decode, encode, None)
                if encoded is _ABSENT:
                    return None
            out[name] = encoded
        for name, encode, default in fresh:
            out[name] = encode(default)  # a copy: not the template's own list or dict
        return out

    def _shape(self, names: tuple[str, ...], types: tuple[type, ...]) -> _Shape | None:
        """What a document with fields ``names`` holding values of ``types`` needs, or
        None if :meth:`Record.from_doc` refuses it whatever the values."""
        decoded: list[_Decoded] = []
        for name, kind in zip(names, types, strict=True):
            field = self._fields.get(name)
            if field is None:
                return None  # a field it does not know, or an id inside
            accepts, decode, encode = field
            if kind not in accepts:
                return None
            if decode is not None and kind is not NoneType:
                canonical = _CANONICAL_INSTANT if encode is to_iso else None
                decoded.append((name, decode, encode, self._held[name], canonical))
        if not self._required <= set(names):
            return None
        fresh = tuple(entry for entry in self._fresh if entry[0] not in names)
        return tuple(decoded), fresh


def _encoded(
    value: Any,
    decode: Callable[[Any], Any],
    encode: Callable[[Any], Any] | None,
    canonical: re.Pattern[str] | None,
) -> Any:
    """``value`` decoded and encoded back, as a record read and exported; _ABSENT if it does
    not decode (the errors :meth:`Record.from_doc` turns into a damaged record)."""
    try:
        decoded = decode(value)
    except (ValueError, KeyError, TypeError):
        return _ABSENT
    if canonical is not None and canonical.fullmatch(value):
        return value  # read, so valid; and written back it is the same text
    if encode is asdict_value:
        # A list or dict field decodes to a copy whose items are all text (or it does
        # not decode): asdict_value would copy it once more, item for item.
        return decoded
    return decoded if encode is None or decoded is None else encode(decoded)
