"""A believable fictional workspace: prospects across time zones and weeks of calling.

``prospect sample`` uses it to show a newcomer every screen alive and to
give the benchmarks a big workspace. The same seed and clock give the same
workspace, so screenshots are stable. Outcome rates follow cold calling:
about one dial in ten connects, better early and late in the prospect's day,
and one opener works a little better than the others so the review has
something to find.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from itertools import accumulate
from typing import Any

from prospect_tui.core.config import Config
from prospect_tui.core.model import (
    Call,
    FollowUp,
    Prospect,
    Sprint,
    TimeEntry,
)
from prospect_tui.sample import DEFAULT_PROSPECTS
from prospect_tui.sample.data import (
    COMPANY_FIRST,
    COMPANY_KIND,
    COMPANY_SECOND,
    FIRST_NAMES,
    LANGUAGE,
    LAST_NAMES,
    NOTES,
    PLANS,
    TAGS,
    TITLES,
    NumberPlan,
)
from prospect_tui.sample.history import History

__all__ = ["DEFAULT_PROSPECTS", "MAX_PROSPECTS", "Sample", "generate"]

SAMPLE_LIST = "Sample"
MAX_PROSPECTS = sum(plan.capacity for plan in PLANS)
"""As many prospects as the fictional number ranges can give distinct numbers."""

BANDS: tuple[tuple[NumberPlan, ...], ...] = tuple(
    tuple(plan for plan in PLANS if plan.timezone.split("/")[0] in areas)
    for areas in (("America", "Pacific"), ("Europe",), ("Australia",))
)
"""The plans by the part of the world they are in: the Americas, Europe, Australia.

Their calling hours (08:00–21:00 on their clock) follow one another round the
clock, so prospects dealt to them in turn leave no hour of the user's day —
wherever the user is — with only a handful to call. Weighted by population
alone, nine in ten would be in the Americas and Europe and a user in Tokyo
would find two callable in the afternoon.
"""


@dataclass
class Sample:
    """Everything :func:`generate` made, ids assigned."""

    prospects: list[Prospect] = field(default_factory=list)
    calls: list[Call] = field(default_factory=list)
    sprints: list[Sprint] = field(default_factory=list)
    time_entries: list[TimeEntry] = field(default_factory=list)
    followups: list[FollowUp] = field(default_factory=list)

    def records(self) -> list[Prospect | Call | Sprint | TimeEntry | FollowUp]:
        """All records, for one bulk write."""
        return [*self.prospects, *self.sprints, *self.time_entries, *self.followups, *self.calls]


def make_prospects(count: int, now: datetime, rng: random.Random) -> list[Prospect]:
    """``count`` fictional prospects with unique fictional numbers across the plans."""
    if count > MAX_PROSPECTS:
        raise ValueError(f"the sample can make at most {MAX_PROSPECTS} prospects")
    offsets = [rng.randrange(plan.capacity) for plan in PLANS]
    dealer = _Dealer()
    prospects = []
    companies: list[str] = []
    for index in range(count):
        at = dealer.deal(index % len(BANDS), rng)
        plan, used = PLANS[at], dealer.used[at]
        number = plan.number((offsets[at] + used * 7919) % dealer.capacity[at])
        dealer.take(at)
        language = LANGUAGE[plan.country]
        first = rng.choice(FIRST_NAMES[language])
        last = rng.choice(LAST_NAMES[language])
        if companies and rng.random() < 0.25:
            company = rng.choice(companies)  # several people at one account
        else:
            stem = f"{rng.choice(COMPANY_FIRST)}{rng.choice(COMPANY_SECOND)}"
            company = f"{stem} {rng.choice(COMPANY_KIND)}"
            companies.append(company)
        domain = company.split()[0].lower()
        prospects.append(
            Prospect(
                id=index + 1,
                first_name=first,
                last_name=last,
                title=rng.choice(TITLES),
                company=company,
                phone=number,
                email=f"{_ascii(first)}.{_ascii(last)}@{domain}.example",
                timezone=plan.timezone,
                country=plan.country,
                region=plan.region,
                city=plan.city,
                tags=sorted(set(rng.sample(TAGS, rng.choice((0, 1, 1, 2))))),
                list=SAMPLE_LIST,
                priority=1 if rng.random() < 0.12 else 0,
                notes=rng.choice(NOTES) if rng.random() < 0.3 else "",
                extra={"Lead Source": rng.choice(("Website", "Event", "Partner", "Outbound"))},
                created_at=now,
                updated_at=now,
            )
        )
    return prospects


class _Dealer:
    """Deals the plans (by their index in :data:`PLANS`) and counts the numbers each gave.

    Which plans of a band have numbers left only changes when one runs out, so
    the choice's weights are kept until then rather than made again for each of
    50,000 prospects.
    """

    def __init__(self) -> None:
        self.used = [0] * len(PLANS)
        self.capacity = [plan.capacity for plan in PLANS]
        self.bands = [[PLANS.index(plan) for plan in band] for band in BANDS]
        self.kept: dict[int, tuple[list[int], list[int]]] = {}
        """By band: the plans it deals from now, and their weights as they add up."""

    def deal(self, band: int, rng: random.Random) -> int:
        """A plan of ``band`` with numbers left, by weight; of any band once ``band``'s run out."""
        kept = self.kept.get(band)
        if kept is None:
            used, capacity = self.used, self.capacity
            left = [at for at in self.bands[band] if used[at] < capacity[at]]
            if not left:
                left = [at for at in range(len(PLANS)) if used[at] < capacity[at]]
            kept = self.kept[band] = (left, list(accumulate(PLANS[at].weight for at in left)))
        left, cum_weights = kept
        # rng.choices(left, weights)[0] written out: the same draw.
        total = cum_weights[-1] + 0.0
        return left[bisect_right(cum_weights, rng.random() * total, 0, len(left) - 1)]

    def take(self, at: int) -> None:
        """Count a number given by plan ``at``."""
        self.used[at] += 1
        if self.used[at] == self.capacity[at]:
            self.kept.clear()  # a plan ran out: every band deals afresh


_ASCII = str.maketrans("éèêëàâäîïôöûüçÉÈÀÂÄÎÔÖÛÜÇß", "eeeeaaaiioouucEEAAAIOOUUCs")


def _ascii(name: str) -> str:
    return name.translate(_ASCII).lower()


def generate(
    config: Config,
    now: datetime,
    tz: tzinfo,
    *,
    prospects: int = DEFAULT_PROSPECTS,
    calls: int = 0,
    weeks: int = 6,
    seed: int = 7,
    on_call: Callable[[int, date, dict[str, Any]], None] | None = None,
) -> Sample:
    """A sample workspace; with ``calls``, that many calls spread over ``weeks`` of history.

    The calls are kept in the sample, or each handed to ``on_call`` as it is made,
    oldest first, and not kept: a decade of them need not be in memory at once.
    ``on_call`` gets the call's id, its day and the document the store keeps for
    it (what :meth:`Call.to_stored` gives).
    Raises ``ValueError`` saying why when the calls cannot be made.
    """
    rng = random.Random(seed)
    weeks = max(1, weeks)
    start = now - timedelta(weeks=weeks)
    sample = Sample(prospects=make_prospects(prospects, start if calls else now, rng))
    if calls and sample.prospects:
        History(sample, config, now, tz, rng, on_call).build(calls, weeks)
    return sample
