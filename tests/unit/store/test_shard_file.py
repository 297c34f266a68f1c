"""A shard file's tables: every key a stored id, every value a document, checked fast."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prospect_tui.core.model import stored_id
from prospect_tui.store.shard_file import _documents_by_id

KEYS = st.one_of(
    st.integers(min_value=0, max_value=10**6).map(str),
    st.sampled_from(["", "0", "007", "1,2", "٣", "¹", " 1", "1 ", "-1", "+1", "1.0", "x"]),
    st.text(max_size=4),
)


@given(st.dictionaries(KEYS, st.sampled_from([{}, {"a": 1}, [], "doc", None]), max_size=6))
def test_the_fast_check_accepts_exactly_what_stored_id_and_a_dict_accept(
    table: dict[str, Any],
) -> None:
    expected = all(type(doc) is dict and stored_id(key) is not None for key, doc in table.items())
    assert _documents_by_id(table) is expected


@pytest.mark.parametrize("key", ["1,2", ",1", "1,", "0", "01", "", "٣", "1 "])
def test_a_key_that_is_not_one_id_is_refused(key: str) -> None:
    assert not _documents_by_id({key: {}})
    assert not _documents_by_id({"1": {}, key: {}})


def test_a_table_of_twenty_thousand_documents_is_accepted() -> None:
    assert _documents_by_id({str(n): {"company": "x"} for n in range(1, 20_001)})


def month_of_calls() -> dict[str, dict[str, Any]]:
    """A month's shard of 39 calls over 14 days, some with multi-byte notes."""
    calls = {
        str(n): {"local_date": f"2026-11-{1 + n // 3:02d}", "notes": "Zoë" * (n % 4)}
        for n in range(1, 40)
    }
    return {"_meta": {"1": {"seq": 3}}, "calls": calls, "prospects": {"1": {"a": "b"}}}


def test_a_large_shard_is_written_in_pieces_with_the_same_bytes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A fold of 50,000 prospects streams its file instead of holding it whole: the
    # pieces are the very bytes the whole-file dump gives, day ranges and size included.
    from prospect_tui.store import shard_file

    data = month_of_calls()
    whole = shard_file.dump(data)
    monkeypatch.setattr(shard_file, "STREAM_FROM", 1)
    pieces = list(shard_file.dump_pieces(data))

    assert len(pieces) > 40
    assert b"".join(pieces) == whole


@pytest.mark.parametrize("budget", [1 << 20, 200, 0])
def test_a_large_fold_encodes_each_parsed_document_once_within_its_budget(
    monkeypatch: pytest.MonkeyPatch, budget: int
) -> None:
    # The measuring pass's texts are kept for the writing pass; past the budget the
    # rest is encoded again. Either way the bytes are the whole-file dump's.
    from prospect_tui.store import shard_file

    data = month_of_calls()
    calls = data["calls"]
    whole = shard_file.dump(data)
    encoded: list[object] = []
    real = shard_file._ENCODE

    def counting(value: object) -> str:
        if isinstance(value, dict) and "local_date" in value:
            encoded.append(value)
        return real(value)

    monkeypatch.setattr(shard_file, "_ENCODE", counting)
    monkeypatch.setattr(shard_file, "STREAM_FROM", 1)
    monkeypatch.setattr(shard_file, "KEPT_BYTES", budget)

    assert b"".join(shard_file.dump_pieces(data)) == whole
    if budget == 1 << 20:
        assert len(encoded) == len(calls)
    else:
        assert len(calls) < len(encoded) <= 2 * len(calls)


def test_a_long_head_record_is_parsed_once_and_read_afresh_when_its_line_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from prospect_tui.store import shard_file

    days = {f"2026-01-{d:02d}": [[d * 10, d * 10 + 5]] for d in range(1, 29)} | {
        f"x{n}": [[1, 2]] for n in range(300)
    }
    content = {"_meta": {"1": {"seq": 1, "counts": {}}, "2": {"days": days}}}
    path = tmp_path / "s.json"
    path.write_bytes(shard_file.dump(content))
    parses: list[object] = []
    real = json.loads
    monkeypatch.setattr(
        shard_file.json, "loads", lambda text: (len(text) > 4000 and parses.append(1)) or real(text)
    )
    first = shard_file.peek_meta(path, "2")
    again = shard_file.peek_meta(path, "2")
    assert first == again == {"days": days}
    long_parses = len(parses)
    # The same size, one day's range changed in place: what is read is what the file says.
    path.write_bytes(path.read_bytes().replace(b"[[10, 15]]", b"[[10, 16]]"))
    changed = shard_file.peek_meta(path, "2")
    assert changed is not None and changed["days"]["2026-01-01"] == [[10, 16]]
    assert len(parses) > long_parses
    assert long_parses == 1
