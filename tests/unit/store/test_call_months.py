"""The bulk build's writer and the documents the sample hands it, as the store writes them."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from prospect_tui.core.config import Config
from prospect_tui.sample.generate import generate
from prospect_tui.store.call_months import EncodedDocs
from prospect_tui.store.doc_lines import ABSENT
from prospect_tui.store.shard_file import STREAM_FROM, dump
from prospect_tui.store.storage import Shard

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 11, 19, 15, 30, tzinfo=PARIS)


def handed(**size: int) -> list[tuple[int, date, dict[str, Any]]]:
    """What a sample of ``size`` hands its writer, call by call."""
    found: list[tuple[int, date, dict[str, Any]]] = []
    generate(Config(), NOW, PARIS, on_call=lambda *call: found.append(call), **size)
    return found


def test_each_call_is_handed_over_as_the_store_keeps_the_call_the_sample_keeps() -> None:
    size = {"prospects": 60, "calls": 600, "weeks": 4}
    kept = generate(Config(), NOW, PARIS, **size).calls
    assert any(c.callback_at for c in kept) and any(c.objections for c in kept)
    docs = handed(**size)
    assert [(c.id, c.local_date) for c in kept] == [(i, day) for i, day, _ in docs]
    for call, (_, _, doc) in zip(kept, docs, strict=True):
        assert list(doc.items()) == list(call.to_stored().items())


def test_a_month_held_encoded_writes_the_file_a_month_of_documents_writes(tmp_path: Path) -> None:
    # More than STREAM_FROM documents: the file is written as it is encoded.
    docs = handed(prospects=300, calls=STREAM_FROM + 100, weeks=4)
    encoded, plain = EncodedDocs(), {}
    for call_id, _, doc in docs:
        encoded.put(str(call_id), doc)
        plain[str(call_id)] = json.loads(json.dumps(doc))
    assert encoded.text("1") == json.dumps(plain["1"], ensure_ascii=False).encode()
    assert dict(encoded) == plain
    assert dict(encoded.column("gatekeeper")) == dict.fromkeys(plain, ABSENT)
    path = tmp_path / "2026-11.json"
    held = Shard("calls/2026-11", path, {"calls": encoded})  # type: ignore[dict-item]
    assert dump(held.to_tinydb(4)) == dump(
        Shard("calls/2026-11", path, {"calls": plain}).to_tinydb(4)
    )
