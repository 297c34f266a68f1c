"""Counts are said as a person says them: ``1 dial``, ``2 dials``, never ``1 dials``."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from prospect_tui.core.config import Config
from prospect_tui.core.model import Prospect
from prospect_tui.core.queue import build
from prospect_tui.core.review_view import more_connects
from prospect_tui.core.tally import counted


@pytest.mark.parametrize(
    ("n", "said"), [(0, "0 dials"), (1, "1 dial"), (2, "2 dials"), (1234, "1,234 dials")]
)
def test_counted_says_one_and_many(n: int, said: str) -> None:
    assert counted(n, "dial") == said


@pytest.mark.parametrize(("n", "said"), [(1, "1 prospect has"), (3, "3 prospects have")])
def test_nobody_to_call_counts_the_prospects_with_no_zone(n: int, said: str) -> None:
    nowhere = [Prospect(id=i, phone="+33142685300", timezone=None) for i in range(1, n + 1)]
    now = datetime(2026, 11, 19, 12, tzinfo=UTC)
    text = build(nowhere, now, Config().calling.window).why_empty(now)
    assert f"{said} no known time zone" in text


@pytest.mark.parametrize(("n", "said"), [(1, "1 more connect "), (2, "2 more connects ")])
def test_the_verdict_counts_the_connects_still_needed(n: int, said: str) -> None:
    assert said in more_connects(n)
