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

SAMPLE_LIST = "Sample"
DEFAULT_PROSPECTS = 30
MAX_PROSPECTS = sum(plan.capacity for plan in PLANS)
"""As many prospects as the fictional number ranges can give distinct numbers."""


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
    weights = [plan.weight for plan in PLANS]
    prospects = []
    companies: list[str] = []
    for index in range(count):
        plan = rng.choices(PLANS, weights)[0]
        while used[plan] >= plan.capacity:
            plan = rng.choices(PLANS, weights)[0]
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
) -> Sample:
    """A sample workspace; with ``calls``, that many calls spread over ``weeks`` of history."""
    rng = random.Random(seed)
    weeks = max(1, weeks)
    start = now - timedelta(weeks=weeks)
    sample = Sample(prospects=make_prospects(prospects, start if calls else now, rng))
    if calls and sample.prospects:
        History(sample, config, now, tz, rng).build(calls, weeks)
    return sample
