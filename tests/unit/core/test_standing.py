"""Experiments that conclude: the chance each arm is best, its expected loss, the verdict."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from random import Random
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prospect_tui.core.config import Config, Variant
from prospect_tui.core.model import Call
from prospect_tui.core.review import build_review
from prospect_tui.core.standing import Arm, more_connects, p_best_and_loss, standing

PARIS = ZoneInfo("Europe/Paris")


@pytest.mark.parametrize("k", [2, 3, 5])
@pytest.mark.parametrize(("meetings", "connects"), [(0, 0), (3, 20), (150, 1000)])
def test_equal_arms_are_each_best_one_time_in_k(k: int, meetings: int, connects: int) -> None:
    arms = [Arm(f"arm{i}", meetings, connects) for i in range(k)]
    for arm in p_best_and_loss(arms):
        assert arm.p_best == pytest.approx(1 / k, abs=1e-6)


def test_p_best_against_the_exact_answer() -> None:
    # Beta(2, 1) against Beta(1, 1): P(X > Y) = ∫ 2x · x dx = 2/3.
    a, b = p_best_and_loss([Arm("a", 1, 1), Arm("b", 0, 0)])
    assert a.p_best == pytest.approx(2 / 3, abs=1e-4)
    assert b.p_best == pytest.approx(1 / 3, abs=1e-4)


def test_expected_loss_against_the_exact_answer() -> None:
    # X ~ Beta(2, 1) (F = x²), Y ~ U(0, 1) (F = x): E[max] = 1 − ∫ x³ dx = 3/4.
    a, b = p_best_and_loss([Arm("a", 1, 1), Arm("b", 0, 0)])
    assert a.expected_loss == pytest.approx(3 / 4 - 2 / 3, abs=1e-4)
    assert b.expected_loss == pytest.approx(3 / 4 - 1 / 2, abs=1e-4)


def test_p_best_agrees_with_a_seeded_simulation() -> None:
    arms = [Arm("a", 20, 100), Arm("b", 10, 100), Arm("c", 15, 100)]
    rng, draws, wins = Random(11), 40_000, [0, 0, 0]
    for _ in range(draws):
        samples = [rng.betavariate(arm.alpha, arm.beta) for arm in arms]
        wins[samples.index(max(samples))] += 1
    for arm, won in zip(p_best_and_loss(arms), wins, strict=True):
        assert arm.p_best == pytest.approx(won / draws, abs=0.01)


def test_a_planted_better_arm_at_large_n_is_best_beyond_doubt() -> None:
    arms = [Arm("better", 250, 1000), Arm("worse", 150, 1000), Arm("also", 160, 1000)]
    best, *_ = p_best_and_loss(arms)
    assert best.p_best > 0.95
    verdict = standing(arms, loss_threshold=0.0)
    assert verdict.leader == "better" and verdict.more_connects is None


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 400), st.integers(0, 400)).map(lambda t: (min(t), max(t))),
        min_size=2,
        max_size=5,
    )
)
def test_probabilities_add_up_and_losses_are_never_negative(pairs: list[tuple[int, int]]) -> None:
    found = p_best_and_loss([Arm(str(i), m, c) for i, (m, c) in enumerate(pairs)])
    assert sum(arm.p_best for arm in found) == pytest.approx(1.0, abs=1e-9)
    assert all(0.0 <= arm.p_best <= 1.0 and arm.expected_loss >= 0.0 for arm in found)


def test_one_arm_alone_is_never_a_leader() -> None:
    verdict = standing([Arm("only", 90, 100)], loss_threshold=0.5)
    assert verdict.leader is None and verdict.more_connects is None
    assert standing([], loss_threshold=0.5).arms == []


def test_not_enough_data_says_roughly_how_many_more_connects() -> None:
    arms = [Arm("a", 6, 30), Arm("b", 3, 30)]
    verdict = standing(arms, loss_threshold=0.0)
    assert verdict.leader is None
    more = verdict.more_connects
    assert more is not None and more > 0
    # That many more, split fairly at the same rates, separates them.
    per_arm = more // 2 + 1
    grown = [
        Arm("a", round(0.2 * (30 + per_arm)), 30 + per_arm),
        Arm("b", round(0.1 * (30 + per_arm)), 30 + per_arm),
    ]
    assert max(arm.p_best for arm in p_best_and_loss(grown)) > 0.93  # the estimate is rough
    assert more_connects([Arm("a", 3, 30), Arm("b", 3, 30)]) is None  # no difference seen


def test_a_small_expected_loss_names_a_leader_before_it_is_95_percent_likely() -> None:
    arms = [Arm("a", 1510, 10_000), Arm("b", 1500, 10_000)]
    assert max(arm.p_best for arm in p_best_and_loss(arms)) < 0.95
    assert standing(arms, loss_threshold=0.0).leader is None
    assert standing(arms, loss_threshold=0.005).leader == "a"


# -- a planted better opener in a month of calls ----------------------------------------------

FIRST = date(2026, 11, 2)
CONFIG = Config(variants=(Variant("plain"), Variant("planted"), Variant("other")))


def month_of_calls() -> list[Call]:
    """Every day, each opener gets 12 connects; "planted" turns 3 into meetings, the others 1."""
    calls: list[Call] = []
    for day_number in range(28):
        day = FIRST + timedelta(days=day_number)
        at = datetime(day.year, day.month, day.day, 10, tzinfo=PARIS)
        for variant in ("plain", "planted", "other"):
            meetings = 3 if variant == "planted" else 1
            for n in range(12):
                start = at + timedelta(minutes=len(calls) % 600)
                calls.append(
                    Call(
                        id=len(calls) + 1,
                        prospect_id=1,
                        started_at=start,
                        ended_at=start + timedelta(minutes=2),
                        duration_s=120.0,
                        outcome="meeting" if n < meetings else "not_interested",
                        variant=variant,
                        local_hour=10,
                        local_date=day,
                    )
                )
    return calls


def test_a_planted_better_opener_is_named_leader_once_the_evidence_separates() -> None:
    calls = month_of_calls()
    config = CONFIG
    leaders = []
    for day_number in range(28):
        day = FIRST + timedelta(days=day_number)
        review = build_review(
            day,
            calls=calls,
            sprints=[],
            completed_by_day={},
            dials_by_day={},
            today=day,
            time_entries=[],
            followups=[],
            config=config,
            tz=PARIS,
        )
        verdict = review.experiment.standing
        leaders.append(verdict.leader)
        if verdict.leader is None:
            assert verdict.more_connects is not None and verdict.more_connects > 0
        else:
            planted = verdict.of("planted")
            assert planted is not None
            assert planted.p_best > 0.95 or planted.expected_loss < 0.005
    first_named = leaders.index("planted")
    assert first_named >= 2  # one or two days of calls do not separate 25% from 8%
    assert leaders[:first_named] == [None] * first_named
    assert leaders[first_named:] == ["planted"] * (28 - first_named)


def test_the_written_out_normal_quantile_is_the_one_for_095() -> None:
    from statistics import NormalDist

    from prospect_tui.core import standing as module

    assert pytest.approx(NormalDist().inv_cdf(module.P_BEST_TO_LEAD)) == module._ONE_SIDED_95
