"""The store's JSON encoders write what json.dumps writes (orjson: the same numbers)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prospect_tui.store import json_text
from prospect_tui.store.journal_lines import change_line


@dataclass
class Point:
    x: int
    y: int


VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(VALUES)
def test_each_encoder_writes_what_json_dumps_writes(value: Any) -> None:
    for separators in (json_text.COMPACT, json_text.SPACED):
        expected = json.dumps(value, ensure_ascii=False, separators=separators)
        assert json_text.encoder(separators)(value) == expected


@pytest.mark.parametrize("value", [{1, 2}, object(), b"bytes"])
def test_a_value_that_is_not_json_is_refused_as_json_dumps_refuses_it(value: object) -> None:
    with pytest.raises(TypeError):
        json.dumps(value)
    with pytest.raises(TypeError):
        json_text.encoder(json_text.COMPACT)(value)


def stdlib_compact(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=json_text.COMPACT).encode()


def has_float(value: Any) -> bool:
    if isinstance(value, float):
        return True
    if isinstance(value, list):
        return any(has_float(v) for v in value)
    if isinstance(value, dict):
        return any(has_float(v) for v in value.values())
    return False


@given(VALUES)
def test_compact_bytes_write_what_json_dumps_writes(value: Any) -> None:
    try:
        expected = stdlib_compact(value)
    except UnicodeEncodeError:  # a lone surrogate: refused as the journal refused it
        with pytest.raises(UnicodeEncodeError):
            json_text.compact_bytes(value)
        return
    found = json_text.compact_bytes(value)
    if has_float(value):
        # An exponent is 1e-7 in one and 1e-07 in the other: the same numbers read back.
        assert json.loads(found) == json.loads(expected) or found == expected
    else:
        assert found == expected


@pytest.mark.parametrize(
    "value",
    [
        {"duration_s": float("nan")},  # orjson would write null
        [float("inf"), -float("inf")],
        {"n": 2**64},  # past orjson's integers
        {1: "a key that is not text"},
        {"ok": None, "x": "null"},
    ],
)
def test_what_orjson_would_write_otherwise_is_written_by_json(value: Any) -> None:
    assert json_text.compact_bytes(value) == stdlib_compact(value)


@pytest.mark.parametrize("value", [{1, 2}, object(), b"bytes", date(2026, 11, 27), Point(1, 2)])
def test_a_value_json_refuses_is_refused_by_compact_bytes(value: object) -> None:
    with pytest.raises(TypeError):
        json_text.compact_bytes(value)


def test_a_logged_calls_line_does_not_go_through_the_standard_encoder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(value: Any) -> str:
        raise AssertionError("encoded by json")

    monkeypatch.setattr(json_text, "_COMPACT", refuse)
    call = {"prospect_id": 2, "duration_s": 40.0, "outcome": "no_answer", "notes": 'Zoë "hi"\n'}
    ops = [["put", "calls/2026-11", "calls", 7, call], ["put", "prospects", "prospects", 2, {}]]
    line = change_line(3, ops)
    assert json.loads(line[9:]) == {"seq": 3, "ops": ops}
