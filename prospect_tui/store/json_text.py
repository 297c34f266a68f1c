"""Documents as JSON text, the way the store writes them, with an encoder built once.

``JSONEncoder.encode`` builds a new C encoder for every value it encodes, and a
dictionary of the containers it has seen to refuse one that holds itself
(which no document can). Between a key and its fsync, or for each of 50,000
imported prospects and a million calls, that was a third to a half of the
encoding. The journal's compact lines go through orjson where it writes what
the standard encoder would (:func:`compact_bytes`).
"""

from __future__ import annotations

import json
import json.encoder
from collections.abc import Callable
from typing import Any

COMPACT = (",", ":")
"""The journal's separators: a line per change, as short as it can be."""
SPACED = (", ", ": ")
"""A shard file's separators (``json.dumps``'s own), as every fold has written them."""


def encoder(separators: tuple[str, str]) -> Callable[[Any], str]:
    """``json.dumps(value, ensure_ascii=False, separators=separators)``, the C encoder built once.

    Where the C encoder is missing or takes other arguments (not CPython),
    the public encoder does the same work.
    """
    item, key = separators
    public = json.JSONEncoder(ensure_ascii=False, separators=separators, check_circular=False)
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:  # pragma: no cover - not CPython
        return public.encode
    try:
        # CPython's arguments since 3.1, as JSONEncoder.iterencode passes them: markers,
        # default, string encoder, indent, separators, sort_keys, skipkeys, allow_nan.
        chunks = make(None, public.default, json.encoder.encode_basestring, None, key, item,
                      False, False, True)  # fmt: skip
        sample: list[Any] = [1, -2.5, 'é\n"\x00', None, True, {"k": [{}, []]}, float("nan")]
        if "".join(chunks(sample, 0)) != public.encode(sample):
            raise TypeError("encodes differently")
    except TypeError:  # pragma: no cover - another Python's signature
        return public.encode
    return lambda value: "".join(chunks(value, 0))


_COMPACT = encoder(COMPACT)
_dumps: Callable[..., bytes] | None = None
_OPTIONS = 0


def compact_bytes(value: Any) -> bytes:
    """``encoder(COMPACT)(value)`` as UTF-8: the same JSON, written by orjson where it can.

    A logged call's journal line is encoded between its key and its fsync:
    orjson takes a twelfth of the standard encoder's time for it, which was a
    quarter of the work before the fsync. Where the two would differ, the
    standard encoder writes the value:

    - orjson writes NaN and the infinities as ``null`` (the standard encoder
      ``NaN``, which reads back): any ``null`` in its text sends the value to
      the standard encoder, the rare true ``null`` with it;
    - what orjson refuses goes there too: an integer past 64 bits, a key that
      is not text, a lone surrogate (which the standard encoder writes and
      UTF-8 then refuses, as before), a date or a dataclass (which orjson
      would write and the standard encoder refuses).

    A plain ``Enum`` member and a ``UUID`` are the two values orjson writes
    (their value, their text) that the standard encoder refuses; no stored
    document holds either (records are stored as JSON types), and the line
    reads back as that text.

    Both write the shortest text that reads back as each number, but they
    choose between an exponent and plain digits differently (``1e-7`` and
    ``1e-07``, ``0.00001`` and ``1e-05``): the same number to any reader. Where
    orjson cannot be trusted with a whole list or dict, its items are written
    one at a time (:func:`_in_parts`). orjson is imported on first use, not with
    the store: the first frame does not wait for it.
    """
    dumps = _dumps or _load_orjson()
    try:
        text = dumps(value, None, _OPTIONS)
    except TypeError:  # orjson.JSONEncodeError is one
        return _in_parts(value)
    return _in_parts(value) if b"null" in text else text


def _in_parts(value: Any) -> bytes:
    """:func:`compact_bytes` of a value orjson could not be trusted with as a whole.

    A list or a dict is written an item at a time, so that only the items
    orjson cannot take go to the standard encoder, and a value's text never
    depends on what it is written beside: a change's line is the same whether
    encoded whole or an op at a time (the two encoders write some numbers
    differently, ``1e-05`` and ``0.00001``, which read back the same).
    """
    if isinstance(value, (list, tuple)):
        return b"[" + b",".join(compact_bytes(item) for item in value) + b"]"
    if isinstance(value, dict):
        # Each key as the standard encoder writes it (a number becomes its text).
        return (
            b"{"
            + b",".join(
                _COMPACT({key: 0}).encode()[1:-2] + compact_bytes(item)
                for key, item in value.items()
            )
            + b"}"
        )
    return _COMPACT(value).encode()


def _load_orjson() -> Callable[..., bytes]:
    global _dumps, _OPTIONS
    import orjson

    _OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS
    _dumps = orjson.dumps
    return _dumps
