"""Documents as JSON text, the way the store writes them, with an encoder built once.

``JSONEncoder.encode`` builds a new C encoder for every value it encodes, and a
dictionary of the containers it has seen to refuse one that holds itself
(which no document can). Between a key and its fsync, or for each of 50,000
imported prospects and a million calls, that was a third to a half of the
encoding.
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
