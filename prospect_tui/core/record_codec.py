"""How a record's fields go to and from its stored JSON document, checked as they are read.

Built once per record type from its dataclass fields and annotations: which
fields are instants, dates, statuses or lists of text, which JSON types each
may hold, which are required. :meth:`Record.from_doc` walks these decoders
while rebuilding a record, so checking a document costs no second pass.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from dataclasses import MISSING, dataclass, fields
from datetime import date, datetime
from enum import StrEnum
from types import UnionType
from typing import TYPE_CHECKING, Any, cast, get_args, get_origin, get_type_hints

if TYPE_CHECKING:
    from prospect_tui.core.record import Record


def to_iso(instant: datetime | None) -> str | None:
    """An instant as stored: ISO 8601, whole seconds, with its offset."""
    if instant is None:
        return None
    if instant.tzinfo is None:
        raise ValueError("instants are stored with their offset; got a naive datetime")
    if not instant.microsecond:  # the same text, without parsing a keyword argument
        return instant.isoformat()
    return instant.isoformat(timespec="seconds")


def from_iso(text: str | None) -> datetime | None:
    """Read back what :func:`to_iso` wrote."""
    return None if text is None else datetime.fromisoformat(text)


def _stored_instant(text: str) -> datetime:
    instant = datetime.fromisoformat(text)
    if instant.tzinfo is None:
        # Every instant is written with its offset: one without is not what was saved,
        # and comparing it with the clock's would fail later, far from the file.
        raise ValueError("an instant without its UTC offset")
    return instant


def stored_id(key: object) -> int | None:
    """A stored id (a file's key text, or a journal's number) as a number, None if not one.

    Only ASCII digits with no leading zero: ``"٣"`` and ``"0"`` are not ids.
    """
    if type(key) is int:
        return key if key > 0 else None
    if type(key) is str and key.isascii() and key.isdigit() and key[0] != "0":
        return int(key)
    return None


def shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def wrong_type(name: str, value: object) -> str:
    kind = "null" if value is None else type(value).__name__
    return f"{name} is {kind} {shown(value)}, not what it holds"


def fields_problem(codec: Codec, doc: Mapping[str, Any]) -> str:
    unknown = sorted(str(key) for key in doc if key not in codec.decoders and key != "id")
    if unknown:
        return f"unknown field {shown(unknown[0])}"
    missing = sorted(codec.required - doc.keys())
    return f"field {missing[0]!r} is missing"


@dataclass(frozen=True, slots=True)
class Codec:
    """How each field of a record type goes to and from its document."""

    encoders: tuple[tuple[str, Callable[[Any], Any] | None], ...]
    decoders: dict[str, tuple[Callable[[Any], Any] | None, frozenset[type]]]
    """Each field's decoder, and the JSON types its stored value may have."""
    defaults: dict[str, Any]
    """Each field's default, for the fields that have one."""
    required: frozenset[str]
    """The fields without a default: a document always holds them."""
    stored: Callable[[Any], dict[str, Any]]
    """A record's stored document (:meth:`Record.to_stored`), written out for its fields."""


_CODECS: dict[type[Record], Codec] = {}


def codec_of(kind: type[Record]) -> Codec:
    """Built once per record type: reading 20,000 prospects must not re-inspect fields."""
    codec = _CODECS.get(kind)
    if codec is not None:
        return codec
    encoders: list[tuple[str, Callable[[Any], Any] | None]] = []
    decoders: dict[str, tuple[Callable[[Any], Any] | None, frozenset[type]]] = {}
    defaults: dict[str, Any] = {}
    # The record module's names only: Prospect's field ``list`` would shadow the builtin.
    hints = get_type_hints(kind, globalns=vars(sys.modules[kind.__module__]), localns={})
    for spec in fields(kind):
        name = spec.name
        if name == "id":
            continue
        if spec.default is not MISSING:
            defaults[name] = spec.default
        elif spec.default_factory is not MISSING:
            defaults[name] = spec.default_factory()
        accepts = _json_types(hints[name])
        if name in kind.DATETIMES:
            encoders.append((name, to_iso))
            decoders[name] = (_stored_instant, accepts)
        elif name in kind.DATES:
            encoders.append((name, date.isoformat))
            decoders[name] = (date.fromisoformat, accepts)
        elif name in kind.ENUMS:
            members = {member.value: member for member in kind.ENUMS[name]}
            encoders.append((name, _enum_value))
            decoders[name] = (members.__getitem__, accepts)
        elif spec.default_factory in (list, dict):
            encoders.append((name, asdict_value))
            decoders[name] = (_container_of_text, accepts)
        elif name in kind.CHOICES:
            encoders.append((name, None))
            decoders[name] = (_one_of(kind.CHOICES[name]), accepts)
        else:
            encoders.append((name, None))
            decoders[name] = (None, accepts)
    required = frozenset(decoders) - defaults.keys()
    stored = _stored_writer(kind.__name__, encoders, defaults)
    codec = _CODECS[kind] = Codec(tuple(encoders), decoders, defaults, required, stored)
    return codec


def _stored_writer(
    kind: str,
    encoders: list[tuple[str, Callable[[Any], Any] | None]],
    defaults: dict[str, Any],
) -> Callable[[Any], dict[str, Any]]:
    """The function that writes a ``kind`` record's stored document, a statement per field.

    A loop over the fields asking each for its default and its encoder cost a
    logged call two thirds of its encoding, between the key and the fsync; as
    ``dataclasses`` writes ``__init__``, this writes the loop out once per
    record type. Field names are the dataclass's identifiers; every value
    (default, encoder) is passed in by name, none is written into the source.
    """
    names: dict[str, Any] = {}
    lines = [f"def {kind}_to_stored(record):", "    doc = {}"]
    for n, (name, encode) in enumerate(encoders):
        indent = "    "
        maybe_none = "None if value is None else "
        if name in defaults and defaults[name] is None:
            # What == None asks, without str's and NoneType's reflected comparisons.
            lines.append(f"    if (value := record.{name}) is not None:")
            indent += "    "
            maybe_none = ""
        elif name in defaults:
            names[f"default{n}"] = defaults[name]
            # == as a loop would compare: a value not equal to its default is stored.
            lines.append(f"    if not (value := record.{name}) == default{n}:")
            indent += "    "
        else:
            lines.append(f"    value = record.{name}")
        written = "value"
        if encode is to_iso:
            # to_iso written out for the common case (aware, whole seconds): five
            # instants of a logged call are encoded between its key and its fsync.
            names[f"encode{n}"] = encode
            written = (
                f"{maybe_none}value.isoformat() if value.tzinfo is not None"
                f" and not value.microsecond else encode{n}(value)"
            )
        elif encode is not None:
            names[f"encode{n}"] = encode
            written = f"{maybe_none}encode{n}(value)"
        lines.append(f"{indent}doc[{name!r}] = {written}")
    lines.append("    return doc")
    exec("\n".join(lines), names)  # the source holds field names only, every value is passed
    return cast(Callable[[Any], dict[str, Any]], names[f"{kind}_to_stored"])


def _json_types(hint: Any) -> frozenset[type]:
    """The types a field annotated ``hint`` has once parsed from JSON."""
    found: set[type] = set()
    for part in get_args(hint) if isinstance(hint, UnionType) else (hint,):
        origin = get_origin(part) or part
        if part is type(None):
            found.add(type(None))
        elif origin in (datetime, date) or (isinstance(origin, type) and issubclass(origin, str)):
            found.add(str)  # dates, instants and statuses are stored as text
        elif origin is float:
            found |= {float, int}  # JSON writes 3.0 as 3 when a person types it
        elif origin in (int, bool, list, dict):
            found.add(origin)  # type() is exact: a bool (true) is not an int here
        else:  # pragma: no cover - a new field type must say how it is stored
            raise TypeError(f"no stored form for {hint!r}")
    return frozenset(found)


def _one_of(names: frozenset[str]) -> Callable[[str], str]:
    def choice(value: str) -> str:
        if value not in names:
            raise ValueError(f"unknown name {value!r}")
        return value

    return choice


def _container_of_text(value: list[Any] | dict[str, Any]) -> Any:
    """A copy of a list of tags or a dict of extra columns, all of whose items are text."""
    items = value.values() if type(value) is dict else value
    # map() and the set test run in C: 20,000 prospects each carry a dict of extras.
    if not _TEXT.issuperset(map(type, items)):
        raise ValueError("holds something other than text")
    return value.copy()  # every item is a string: a shallow copy shares nothing that changes


_TEXT = frozenset({str})


def _enum_value(member: StrEnum) -> str:
    return str(member._value_)  # not .value: a descriptor in Python, on every save


_ATOMS = frozenset({str, int, float, bool, type(None)})


def asdict_value(value: Any) -> Any:
    """A deep copy of plain JSON containers, so documents never share lists.

    Strings and numbers are shared as they are (they cannot change); only
    nested containers recurse — an import copies a million extra cells.
    """
    if isinstance(value, dict):
        return {k: v if type(v) in _ATOMS else asdict_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [v if type(v) in _ATOMS else asdict_value(v) for v in value]
    return value
