"""What a stored record is: a slotted dataclass that turns into a plain JSON
document and back, checked as it is read.

:class:`Record` is the conversion every record of :mod:`prospect_tui.core.model`
shares (``to_doc``, ``from_doc``, ``check``); :class:`InvalidRecord` is a
document that does not read as its table's record, which the store turns into
damage of the file that holds it. Instants are stored as ISO 8601 with their
UTC offset, dates as ``YYYY-MM-DD``; the store gives every record its ``id``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, ClassVar, Self

from prospect_tui.core.errors import ProspectError
from prospect_tui.core.record_codec import (
    codec_of,
    fields_problem,
    shown,
    stored_id,
    wrong_type,
)


class InvalidRecord(ProspectError):
    """A stored document that is not a valid record of its table.

    The store turns it into damage of the file that holds the document: the
    sentence here says which record and what is wrong with it.
    """

    def __init__(self, table: str, record_id: object, problem: str) -> None:
        super().__init__(f"record {record_id} of {table}: {problem}")
        self.table = table
        self.record_id = record_id
        self.problem = problem


@dataclass(slots=True, kw_only=True)
class Record:
    """Shared conversion between dataclass and stored document."""

    TABLE: ClassVar[str] = ""
    DATETIMES: ClassVar[frozenset[str]] = frozenset()
    DATES: ClassVar[frozenset[str]] = frozenset()
    ENUMS: ClassVar[dict[str, type[StrEnum]]] = {}
    CHOICES: ClassVar[dict[str, frozenset[str]]] = {}
    """Text fields that hold one of a fixed set of names (an outcome's id)."""

    id: int = 0

    def to_doc(self) -> dict[str, Any]:
        """Every field as plain JSON (without the id): what exports write."""
        doc: dict[str, Any] = {}
        for name, encode in codec_of(type(self)).encoders:
            value = getattr(self, name)
            doc[name] = value if encode is None or value is None else encode(value)
        return doc

    def to_stored(self) -> dict[str, Any]:
        """The document the store keeps: fields still at their default are left out.

        A sprint mostly has no pause and no reason, a prospect no notes or tags;
        leaving those out makes the files a third smaller and quicker to read.
        :meth:`from_doc` puts the defaults back.
        """
        return codec_of(type(self)).stored(self)

    @classmethod
    def stored(cls, doc: Mapping[str, Any], name: str) -> Any:
        """A field of a stored document as JSON, its default when it was left out."""
        if name in doc:
            return doc[name]
        default = codec_of(cls).defaults.get(name)
        return default.value if isinstance(default, StrEnum) else default

    @classmethod
    def from_doc(cls, record_id: int, doc: Mapping[str, Any]) -> Self:
        """Rebuild a record from its stored document, checking it as it is read.

        Raises :class:`InvalidRecord` for a document that is not one of this
        table's records: an unknown or missing field, a value of the wrong type,
        a date or an instant that does not parse, a status it does not know, an
        id that is not a positive whole number. A workspace written by a newer
        Prospect is refused before any record is read (its schema says so), so
        an unknown field is damage, not news; an ``id`` in the document is
        ignored, as the store's own id wins. A value that is valid but not the
        one saved (a digit of ``attempts`` flipped) cannot be told from a hand
        edit, and is read as it is.

        Lists and dicts are copied, so changing a record never changes the
        document it was read from.
        """
        codec = codec_of(cls)
        values: dict[str, Any] = {}
        # Keys come from the codec (interned field names), not from the parsed JSON:
        # CPython matches interned keyword names by identity, others by comparing text.
        # The checks ride on the decoding the caller needs anyway: no second pass.
        for name, (decode, accepts) in codec.decoders.items():
            if name in doc:
                value = doc[name]
                if type(value) not in accepts:
                    raise InvalidRecord(cls.TABLE, record_id, wrong_type(name, value))
                if decode is not None and value is not None:
                    try:
                        value = decode(value)
                    except (ValueError, KeyError, TypeError):
                        raise InvalidRecord(
                            cls.TABLE, record_id, f"{name} {shown(value)} does not read"
                        ) from None
                values[name] = value
        if len(values) != len(doc) - ("id" in doc) or not codec.required <= values.keys():
            raise InvalidRecord(cls.TABLE, record_id, fields_problem(codec, doc))
        number = record_id if type(record_id) is int and record_id > 0 else stored_id(record_id)
        if number is None:
            raise InvalidRecord(cls.TABLE, record_id, "its id is not a positive number")
        return cls(id=number, **values)

    @classmethod
    def check(cls, key: object, doc: object) -> None:
        """Raise :class:`InvalidRecord` unless ``doc`` is a valid stored record of this table.

        ``key`` is the id as a file or a journal line holds it: the text of a
        positive number, or the number itself.
        """
        record_id = stored_id(key)
        if record_id is None:
            raise InvalidRecord(cls.TABLE, key, "its id is not a positive number")
        if not isinstance(doc, dict):
            raise InvalidRecord(cls.TABLE, record_id, "not a JSON object")
        cls.from_doc(record_id, doc)
