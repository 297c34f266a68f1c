"""The review's widgets count as a person does: ``1 dial``, ``5 dials``."""

from __future__ import annotations

import pytest

from prospect_tui.core.experiments import Interval
from prospect_tui.core.review_tables import VariantResult
from prospect_tui.core.tally import Tally
from prospect_tui.widgets.dials_chart import axis_label
from prospect_tui.widgets.variant_chart import numbers


@pytest.mark.parametrize(("n", "said"), [(1, "1 dial"), (5, "5 dials")])
def test_the_dials_chart_and_an_opener_without_connects_count_their_dials(
    n: int, said: str
) -> None:
    assert axis_label([0, n]) == f"peak {n} · {said}"
    none = Interval(0, 0, 0.0, 0.0)
    variant = VariantResult("opener", Tally(dials=n), none, none, none, 0.0, 0.0)
    assert numbers(variant).strip() == f"no connect yet, {said}"
