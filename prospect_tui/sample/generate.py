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
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo

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
    used: dict[NumberPlan, int] = {plan: 0 for plan in PLANS}
    offsets = {plan: rng.randrange(plan.capacity) for plan in PLANS}
    prospects = []
    companies: list[str] = []
    for index in range(count):
        plan = _deal(BANDS[index % len(BANDS)], used, rng)
        number = plan.number((offsets[plan] + used[plan] * 7919) % plan.capacity)
        used[plan] += 1
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


def _deal(
    band: tuple[NumberPlan, ...], used: dict[NumberPlan, int], rng: random.Random
) -> NumberPlan:
    """A plan of ``band`` with numbers left, by weight; of any band once ``band``'s run out."""
    left = [plan for plan in band if used[plan] < plan.capacity]
    if not left:
        left = [plan for plan in PLANS if used[plan] < plan.capacity]
    return rng.choices(left, [plan.weight for plan in left])[0]


def _ascii(name: str) -> str:
    table = str.maketrans("éèêëàâäîïôöûüçÉÈÀÂÄÎÔÖÛÜÇß", "eeeeaaaiioouucEEAAAIOOUUCs")
    return name.translate(table).lower()


def generate(
    config: Config,
    now: datetime,
    tz: tzinfo,
    *,
    prospects: int = DEFAULT_PROSPECTS,
    calls: int = 0,
    weeks: int = 6,
    seed: int = 7,
    on_call: Callable[[Call], None] | None = None,
) -> Sample:
    """A sample workspace; with ``calls``, that many calls spread over ``weeks`` of history.

    The calls are kept in the sample, or each handed to ``on_call`` as it is made,
    oldest first, and not kept: a decade of them need not be in memory at once.
    Raises ``ValueError`` saying why when the calls cannot be made.
    """
    rng = random.Random(seed)
    weeks = max(1, weeks)
    start = now - timedelta(weeks=weeks)
    sample = Sample(prospects=make_prospects(prospects, start if calls else now, rng))
    if calls and sample.prospects:
        History(sample, config, now, tz, rng, on_call).build(calls, weeks)
    return sample
