"""Experiments: a fair share for every variant, script cards, and the Wilson interval."""

from __future__ import annotations

import math
from collections import Counter
from datetime import date, datetime
from statistics import NormalDist
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prospect_tui.core.config import Variant
from prospect_tui.core.experiments import (
    ENOUGH_DIALS,
    Z_95,
    dials_per_variant,
    next_variant,
    script,
    wilson,
)
from prospect_tui.core.model import Call, Prospect

PARIS = ZoneInfo("Europe/Paris")
ARMS = (
    Variant("how-have-you-been+demo", opener="Hi {first_name}, how have you been?"),
    Variant("permission+audit"),
    Variant("referral+case-study"),
)


# -- fair assignment ---------------------------------------------------------------------------


def test_no_variants_no_variant() -> None:
    assert next_variant((), Counter()) is None


def test_the_first_call_of_the_day_gets_the_first_variant() -> None:
    assert next_variant(ARMS, Counter()) is ARMS[0]


def test_the_variant_with_fewest_dials_goes_next() -> None:
    used = Counter({ARMS[0].name: 4, ARMS[1].name: 2, ARMS[2].name: 3})
    assert next_variant(ARMS, used) is ARMS[1]


def test_a_tie_goes_to_config_order() -> None:
    used = Counter({ARMS[0].name: 3, ARMS[1].name: 2, ARMS[2].name: 2})
    assert next_variant(ARMS, used) is ARMS[1]
    assert next_variant(tuple(reversed(ARMS)), used) is ARMS[2]


def test_dials_of_a_variant_no_longer_configured_are_ignored() -> None:
    used = Counter({"retired-opener": 50, ARMS[0].name: 1})
    assert next_variant(ARMS, used) is ARMS[1]


@pytest.mark.parametrize("arms", [ARMS[:1], ARMS[:2], ARMS])
def test_every_variant_gets_a_fair_share_over_many_calls(arms: tuple[Variant, ...]) -> None:
    used: Counter[str] = Counter()
    order = []
    for _ in range(1000):
        chosen = next_variant(arms, used)
        assert chosen is not None
        used[chosen.name] += 1
        order.append(chosen.name)
        counts = [used[arm.name] for arm in arms]
        assert max(counts) - min(counts) <= 1
    assert order[: len(arms)] == [arm.name for arm in arms]  # round in config order
    assert sum(used.values()) == 1000


def test_a_variant_ahead_waits_while_the_others_catch_up() -> None:
    used = Counter({ARMS[0].name: 6})
    picks = []
    for _ in range(12):
        chosen = next_variant(ARMS, used)
        assert chosen is not None
        used[chosen.name] += 1
        picks.append(chosen.name)
    assert ARMS[0].name not in picks
    assert used == Counter({arm.name: 6 for arm in ARMS})


def test_dials_per_variant_counts_only_calls_with_one() -> None:
    def call(variant: str | None) -> Call:
        at = datetime(2026, 11, 19, 10, tzinfo=PARIS)
        return Call(
            prospect_id=1,
            started_at=at,
            ended_at=at,
            outcome="no_answer",
            variant=variant,
            local_date=date(2026, 11, 19),
        )

    calls = [call("a"), call(None), call("b"), call("a"), call("")]
    assert dials_per_variant(calls) == Counter({"a": 2, "b": 1})


# -- script cards --------------------------------------------------------------------------------


ADA = Prospect(first_name="Ada", last_name="Byron", company="Analytical", title="CTO")


def test_placeholders_are_filled_from_the_prospect() -> None:
    text = "Hi {first_name} {last_name} ({name}), {title} at {company}?"
    assert script(text, ADA) == "Hi Ada Byron (Ada Byron), CTO at Analytical?"


def test_missing_names_read_naturally() -> None:
    nobody = Prospect()
    assert script("Hi {first_name}, how is {company}?", nobody) == (
        "Hi there, how is your company?"
    )


def test_unknown_placeholders_are_kept_as_written() -> None:
    assert script("Hi {first_name}, about {budget}", ADA) == "Hi Ada, about {budget}"


def test_doubled_braces_are_literal() -> None:
    assert script("{{first_name}} is {first_name}", ADA) == "{first_name} is Ada"


@pytest.mark.parametrize(
    "text",
    [
        "Hi {first_name",
        "Hi first_name}",
        "Hi {",
        "}{",
        "Offer: {0}",
        "Hi {first_name:d}",
        "Hi {first_name!z}",
        "Hi {}",
        "Hi {company.name}",
        "Hi {first_name[x]}",
        "Hi {budget.amount}",
    ],
)
def test_a_stray_or_odd_brace_leaves_the_script_as_written(text: str) -> None:
    assert script(text, ADA) == text


def test_a_prospect_s_own_braces_are_not_read_as_placeholders() -> None:
    odd = Prospect(first_name="{company}", company="Acme")
    assert script("Hi {first_name} of {company}", odd) == "Hi {company} of Acme"


# -- the Wilson interval -------------------------------------------------------------------------


def quadratic_roots(successes: int, trials: int, z: float) -> tuple[float, float]:
    """The Wilson bounds as the roots of (p̂ − p)² = z² p (1 − p) / n, solved for p."""
    p_hat = successes / trials
    a = 1 + z * z / trials
    b = -(2 * p_hat + z * z / trials)
    c = p_hat * p_hat
    root = math.sqrt(b * b - 4 * a * c)
    return ((-b - root) / (2 * a), (-b + root) / (2 * a))


def test_z_95_is_the_97_5th_percentile_of_the_normal() -> None:
    assert NormalDist().inv_cdf(0.975) == pytest.approx(Z_95, abs=1e-12)


@pytest.mark.parametrize(
    ("successes", "trials", "low", "high"),
    [
        # Published values (e.g. Newcombe 1998, Table I; any Wilson calculator).
        (0, 10, 0.0, 0.2775),
        (5, 10, 0.2366, 0.7634),
        (10, 10, 0.7225, 1.0),
        (30, 100, 0.2189, 0.3958),
        (81, 263, 0.2553, 0.3662),
        (1, 29, 0.0061, 0.1718),
    ],
)
def test_wilson_against_known_values(successes: int, trials: int, low: float, high: float) -> None:
    interval = wilson(successes, trials)
    assert interval.low == pytest.approx(low, abs=5e-5)
    assert interval.high == pytest.approx(high, abs=5e-5)
    assert (interval.successes, interval.trials) == (successes, trials)
    assert interval.rate == successes / trials


def test_zero_successes_has_the_closed_form_upper_bound() -> None:
    z2 = Z_95 * Z_95
    for trials in (1, 10, 100):
        interval = wilson(0, trials)
        assert interval.low == 0.0
        assert interval.high == pytest.approx(z2 / (trials + z2), rel=1e-12)


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=1, max_value=10_000).flatmap(
        lambda n: st.tuples(st.integers(min_value=0, max_value=n), st.just(n))
    )
)
def test_wilson_is_the_quadratic_s_roots_within_0_and_1(pair: tuple[int, int]) -> None:
    successes, trials = pair
    interval = wilson(successes, trials)
    low, high = quadratic_roots(successes, trials, Z_95)
    assert interval.low == pytest.approx(max(low, 0.0), abs=1e-9)
    assert interval.high == pytest.approx(min(high, 1.0), abs=1e-9)
    assert 0.0 <= interval.low <= interval.rate <= interval.high <= 1.0
    mirror = wilson(trials - successes, trials)
    assert interval.low == pytest.approx(1 - mirror.high, abs=1e-9)


def test_more_trials_narrow_the_interval() -> None:
    widths = [wilson(3 * n, 10 * n) for n in (1, 10, 100)]
    spans = [w.high - w.low for w in widths]
    assert spans[0] > spans[1] > spans[2]


def test_no_trials_leave_the_whole_range_open() -> None:
    # With nothing observed the rate can be anything: the interval is [0, 1], not [0, 0].
    interval = wilson(0, 0)
    assert (interval.low, interval.high, interval.rate) == (0.0, 1.0, 0.0)
    assert not interval.enough


def test_enough_data_from_30_dials() -> None:
    assert ENOUGH_DIALS == 30
    assert not wilson(10, 29).enough
    assert wilson(10, 30).enough
