"""The store's JSON encoders write what json.dumps writes, byte for byte."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prospect_tui.store import json_text

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
