"""Where an experiment stands: each arm's chance of being best, and when to call it.

An opener or offer cannot change whether someone picks up, so arms are judged
on meetings per connect. Each arm's rate has the posterior Beta(1 + meetings,
1 + connects − meetings) (a uniform prior). From those posteriors:

- ``p_best``: the probability that the arm's rate is the highest, computed
  exactly up to numerical integration: ``∫ f_i(x) Π_{j≠i} F_j(x) dx`` on a
  grid that is fine where each posterior has its mass (the result is good to
  about 1e-4, well inside the ±0.01 a reader can see);
- ``expected_loss``: what choosing the arm costs on average, in meetings per
  connect, against the best arm: ``E[max_j θ_j] − E[θ_i]``.

A leader is named only when its ``p_best`` passes 0.95, or when its expected
loss falls under ``[experiments] loss_threshold`` (the arms are then close
enough that the choice no longer matters). Otherwise the experiment needs
more connects; :func:`more_connects` says roughly how many.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

P_BEST_TO_LEAD = 0.95
"""The probability of being best a leader must pass (without the loss rule)."""
_ONE_SIDED_95 = 1.6448536269514722
"""``NormalDist().inv_cdf(0.95)``, written out: importing statistics costs the review 4 ms."""
_POINTS_PER_ARM = 121
"""Grid points across ±8 standard deviations of each posterior."""
_SPREAD = 8.0
_BACKGROUND = 101
"""Evenly spaced grid points over [0, 1], for the tails and the flat posteriors."""


@dataclass(frozen=True, slots=True)
class Arm:
    """One arm's evidence: meetings out of connects."""

    name: str
    meetings: int
    connects: int

    @property
    def alpha(self) -> int:
        """The posterior's first parameter, 1 + meetings."""
        return 1 + self.meetings

    @property
    def beta(self) -> int:
        """The posterior's second parameter, 1 + connects − meetings."""
        return 1 + self.connects - self.meetings

    @property
    def mean(self) -> float:
        """The posterior mean of meetings per connect."""
        return self.alpha / (self.alpha + self.beta)


@dataclass(frozen=True, slots=True)
class ArmStanding:
    """One arm's chance of being best and the cost of choosing it."""

    name: str
    p_best: float
    expected_loss: float


@dataclass(frozen=True, slots=True)
class Standing:
    """An experiment's arms and its verdict."""

    arms: list[ArmStanding]
    leader: str | None
    """The arm to use from now on, or None: not enough data yet."""
    more_connects: int | None
    """Roughly how many more connects it takes to name a leader (None: named, or no telling)."""

    def of(self, name: str) -> ArmStanding | None:
        """The standing of the arm called ``name``."""
        return next((arm for arm in self.arms if arm.name == name), None)


def _clamp(arm: Arm) -> Arm:
    connects = max(arm.connects, 0)
    return Arm(arm.name, min(max(arm.meetings, 0), connects), connects)


def _grid(arms: Sequence[Arm]) -> list[float]:
    points = {i / (_BACKGROUND - 1) for i in range(_BACKGROUND)}
    for arm in arms:
        a, b = arm.alpha, arm.beta
        sd = math.sqrt(a * b / ((a + b) ** 2 * (a + b + 1)))
        low, high = max(arm.mean - _SPREAD * sd, 0.0), min(arm.mean + _SPREAD * sd, 1.0)
        step = (high - low) / (_POINTS_PER_ARM - 1)
        points.update(low + i * step for i in range(_POINTS_PER_ARM))
    return sorted(points)


def _density(arm: Arm, grid: list[float]) -> list[float]:
    """The Beta posterior's density at each point (exact at the ends of [0, 1])."""
    a, b = arm.alpha, arm.beta
    log_norm = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
    out = []
    for x in grid:
        if x <= 0.0:
            out.append(math.exp(log_norm) if a == 1 else 0.0)
        elif x >= 1.0:
            out.append(math.exp(log_norm) if b == 1 else 0.0)
        else:
            out.append(math.exp(log_norm + (a - 1) * math.log(x) + (b - 1) * math.log1p(-x)))
    return out


def _cumulative(density: list[float], grid: list[float]) -> list[float]:
    """The distribution function on the grid by the trapezoid rule, scaled to end at 1."""
    total, out = 0.0, [0.0]
    for i in range(1, len(grid)):
        total += (density[i] + density[i - 1]) * (grid[i] - grid[i - 1]) / 2
        out.append(total)
    return [value / total for value in out] if total > 0 else out


def _integral(values: list[float], grid: list[float]) -> float:
    return sum(
        (values[i] + values[i - 1]) * (grid[i] - grid[i - 1]) / 2 for i in range(1, len(grid))
    )


def p_best_and_loss(arms: Sequence[Arm]) -> list[ArmStanding]:
    """Each arm's probability of being best and expected loss, in the order given."""
    arms = [_clamp(arm) for arm in arms]
    if len(arms) <= 1:
        return [ArmStanding(arm.name, 1.0, 0.0) for arm in arms]
    grid = _grid(arms)
    densities = [_density(arm, grid) for arm in arms]
    cdfs = [_cumulative(d, grid) for d in densities]
    n, k = len(grid), len(arms)
    # Π_{j≠i} F_j from prefix and suffix products: linear in the number of arms.
    prefix = [[1.0] * n]
    for cdf in cdfs[:-1]:
        prefix.append([p * c for p, c in zip(prefix[-1], cdf, strict=True)])
    suffix = [[1.0] * n]
    for cdf in reversed(cdfs[1:]):
        suffix.append([s * c for s, c in zip(suffix[-1], cdf, strict=True)])
    suffix.reverse()
    raw = []
    for i in range(k):
        others = [p * s for p, s in zip(prefix[i], suffix[i], strict=True)]
        raw.append(_integral([d * o for d, o in zip(densities[i], others, strict=True)], grid))
    total = sum(raw) or 1.0
    every = [p * c for p, c in zip(prefix[-1], cdfs[-1], strict=True)]
    expected_max = 1.0 - _integral(every, grid)  # E[max] = ∫ (1 − Π F_j) over [0, 1]
    return [
        ArmStanding(arm.name, p / total, max(expected_max - arm.mean, 0.0))
        for arm, p in zip(arms, raw, strict=True)
    ]


def more_connects(arms: Sequence[Arm]) -> int | None:
    """Roughly how many more connects, shared out fairly, it takes to tell the top two apart.

    At the rates seen so far (posterior means p1 > p2, with n1 and n2
    connects), the best arm's probability of beating the runner-up passes
    0.95 once the difference is 1.645 standard errors (the normal
    approximation): ``p1(1−p1)/(n1+m) + p2(1−p2)/(n2+m) ≤ ((p1−p2)/1.645)²``.
    ``m`` is found by bisection; every arm gets ``m`` more in fair rotation,
    so the answer is ``m`` times the number of arms (at least 1). None when
    there is no difference to go on (equal rates).
    """
    arms = [_clamp(arm) for arm in arms]
    if len(arms) < 2:
        return None
    first, second = sorted(arms, key=lambda arm: arm.mean, reverse=True)[:2]
    p1, p2 = first.mean, second.mean
    if p1 - p2 < 1e-9:
        return None
    target = ((p1 - p2) / _ONE_SIDED_95) ** 2

    def spread(m: float) -> float:
        return p1 * (1 - p1) / (first.connects + m) + p2 * (1 - p2) / (second.connects + m)

    low, high = 0.0, 1.0
    while spread(high) > target:
        low, high = high, high * 2
    if spread(low + 1e-12) <= target:
        high = 0.0
    for _ in range(60):
        middle = (low + high) / 2
        low, high = (low, middle) if spread(middle) <= target else (middle, high)
    return max(math.ceil(high * len(arms)), 1)


def standing(arms: Sequence[Arm], loss_threshold: float) -> Standing:
    """The arms' standing and the verdict: a leader, or how far from one.

    One arm alone is no experiment: it is never named the leader.
    """
    ranked = p_best_and_loss(arms)
    leader = None
    if len(ranked) >= 2:
        top = max(ranked, key=lambda arm: arm.p_best)
        cheapest = min(ranked, key=lambda arm: arm.expected_loss)
        if top.p_best > P_BEST_TO_LEAD:
            leader = top.name
        elif cheapest.expected_loss < loss_threshold:
            leader = cheapest.name
    more = None if leader is not None else more_connects(arms)
    return Standing(ranked, leader, more)
