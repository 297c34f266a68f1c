"""Weeks of calling on the sample's prospects: sprints, calls, follow-ups, tracked time.

Outcome rates follow cold calling: about one dial in ten connects, better
early and late in the prospect's day, and one opener works a little better
than the others so the review has something to find.
"""

from __future__ import annotations

import heapq
import math
import random
from bisect import bisect_right
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from itertools import accumulate
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from prospect_tui.core.categories import Category
from prospect_tui.core.config import Config, Objection, Variant
from prospect_tui.core.days import day_start, is_working_day, local_date
from prospect_tui.core.followups import Closing
from prospect_tui.core.model import (
    Call,
    FollowUp,
    Prospect,
    Sprint,
    SprintStatus,
    Status,
    TimeEntry,
)
from prospect_tui.core.outcomes import (
    ASKS_WHEN,
    BY_ID,
    NURTURE_AFTER,
    OUTCOME_IDS,
    Effect,
)
from prospect_tui.core.reasons import NO_DIALS, REASONS
from prospect_tui.core.record_codec import to_iso
from prospect_tui.sample.data import OBJECTIONS, VARIANTS
from prospect_tui.sample.pool import OpenZones, Pool
from prospect_tui.sample.rates import OBJECTION_ODDS, SECONDS, cumulative_odds

if TYPE_CHECKING:
    from prospect_tui.sample.generate import Sample

REVISIT_AFTER = timedelta(days=120)
"""How long after a callback or meeting is followed up its prospect may be called cold again:
over years of history a deal that did not close comes round again."""

MAX_DIALS_A_DAY = 22 * 60
"""The most calls one working day of the sample holds: its most sprints, a dial a 25 seconds."""


_LAST = len(OUTCOME_IDS) - 1
_STATUS_AFTER = {outcome_id: Status.after(outcome_id) for outcome_id in OUTCOME_IDS}
"""Each outcome's status after it, looked up once rather than at each of a million calls."""

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def _micros(moment: datetime) -> int:
    """``moment`` as whole microseconds since 1970: the same order, exactly."""
    return (moment - _EPOCH) // _MICROSECOND


class History:
    """Writes weeks of sprints and calls onto the sample's prospects."""

    def __init__(
        self,
        sample: Sample,
        config: Config,
        now: datetime,
        tz: tzinfo,
        rng: random.Random,
        on_call: Callable[[int, date, dict[str, Any]], None] | None = None,
    ) -> None:
        self.sample = sample
        self.on_call = on_call
        """Where each call's stored document goes as it is made, with its id and day, to be
        written out at once; None to keep each call in the sample instead."""
        self.config = config
        self.now = now
        self.tz = tz
        self.rng = rng
        self.variants: tuple[Variant, ...] = config.variants or VARIANTS
        self.objections: tuple[Objection, ...] = config.objections or OBJECTIONS
        # A generator of their own: tagging objections leaves every other draw, and so
        # the rest of the sample, as it was without them.
        self.objection_rng = random.Random("objections")
        self.zones = {
            name: ZoneInfo(name) for name in {p.timezone for p in sample.prospects if p.timezone}
        }
        self.by_zone: dict[str, list[Prospect]] = {}
        self.available: dict[str, Pool] = {}
        for prospect in sample.prospects:
            if prospect.timezone:
                self.by_zone.setdefault(prospect.timezone, []).append(prospect)
                self.available.setdefault(prospect.timezone, Pool()).add(prospect)
        self.open_zones = OpenZones(
            {name: self.zones[name] for name in self.by_zone}, config.calling.window
        )
        self.resting: list[tuple[int, int]] = []
        """Prospects waiting to be called again: (due again, id), a heap; instants as
        microseconds (:func:`_micros`), which compare faster than datetimes with zones."""
        self.back_at: dict[int, int] = {}
        """When each resting prospect is due again; an entry of the heap that differs is stale."""
        self.open_callback: dict[int, FollowUp] = {}
        """Each prospect's latest callback, closed when a newer one replaces it."""
        self.odds: dict[tuple[float, bool, bool], list[float]] = {}
        """The odds of the outcomes by connect boost, early and reached, as they add up."""
        self.reached: set[int] = set()
        """Prospects back from a nurture or a follow-up: reached before, their number is right."""
        self.long_rest: set[int] = set()
        """Prospects resting after reaching them (a nurture, a follow-up done), not a retry."""
        self.next_call = 1
        self.open_for: list[str] | None = None
        self.open_pools: list[list[Prospect]] = []
        """The free prospects of each zone open at the last pick (the zones' pools' lists)."""

    def build(self, calls: int, weeks: int) -> None:
        """Make exactly ``calls`` calls over the last ``weeks`` weeks.

        Raises ``ValueError`` saying why when they cannot be made: more a day
        than a day can hold, or nobody left to call.
        """
        start_hour = self.config.days.start_hour
        today = local_date(self.now, self.tz, start_hour)
        days = [today - timedelta(days=n) for n in range(weeks * 7, -1, -1)]
        days = [d for d in days if is_working_day(d, self.config.days.working)]
        if calls > MAX_DIALS_A_DAY * len(days):
            raise ValueError(
                f"{calls} calls over {len(days)} working days is more than "
                f"{MAX_DIALS_A_DAY} a day; give more --weeks"
            )
        skipped = {d for d in days[:-6] if self.rng.random() < 0.12}
        weights = {d: 0.0 if d in skipped else self.rng.uniform(0.6, 1.4) for d in days}
        total = sum(weights.values()) or 1.0
        slots: list[Sprint] = []
        for day in days:
            slots += self._plan_day(day, calls * weights[day] / total)
        # Share the dials out by each sprint's length, so the total is exact.
        spans = [(s.ended_at - s.started_at).total_seconds() for s in slots if s.ended_at]
        whole = sum(spans) or 1.0
        exact = [calls * span / whole for span in spans]
        dials = [int(x) for x in exact]
        by_remainder = sorted(range(len(exact)), key=lambda i: exact[i] - dials[i], reverse=True)
        for i in by_remainder[: calls - sum(dials)]:
            dials[i] += 1
        owed = 0
        for sprint, count in zip(slots, dials, strict=True):
            # Dials a sprint found nobody for go to the next one: the total stays exact.
            owed = self._sprint(sprint, count + owed)
        if owed:
            raise ValueError(
                f"only {calls - owed} of the {calls} calls found someone to call; "
                "give more --prospects"
            )
        self._followups_due_tomorrow(today)

    def _plan_day(self, day: date, dials: float) -> list[Sprint]:
        """The day's sprints (not yet their calls), its research and follow-up time."""
        if dials <= 0 and self.rng.random() < 0.5:
            return []
        begin = day_start(day, self.tz, self.config.days.start_hour).replace(hour=9)
        minutes = self.config.sprint.minutes
        length = timedelta(minutes=minutes)
        self._entry(Category.RESEARCH, begin - timedelta(minutes=40), self.rng.randint(12, 35))
        sprints, moment = [], begin
        for number in range(min(max(1, math.ceil(dials / 13)), 22)):
            if moment + length > self.now:
                break
            abandoned = self.rng.random() < 0.08
            end = moment + (
                timedelta(minutes=self.rng.randint(4, minutes - 3)) if abandoned else length
            )
            reason = self.rng.choice(REASONS) if abandoned else None
            sprint = Sprint(
                id=len(self.sample.sprints) + 1,
                started_at=moment,
                ends_at=moment + length,
                ended_at=end,
                minutes=minutes,
                local_date=day,
                status=SprintStatus.ABANDONED if abandoned else SprintStatus.COMPLETED,
                reason=reason.id if reason else None,
                reason_kind=reason.kind.value if reason else None,
            )
            self.sample.sprints.append(sprint)
            sprints.append(sprint)
            self.sample.time_entries.append(
                TimeEntry(
                    id=len(self.sample.time_entries) + 1,
                    category=Category.CALLING,
                    started_at=moment,
                    ended_at=end,
                    seconds=(end - moment).total_seconds(),
                    local_date=day,
                    sprint_id=sprint.id,
                )
            )
            pause = self.config.sprint.long_break_minutes if (number + 1) % 4 == 0 else 5
            moment += length + timedelta(minutes=pause)
        if moment + timedelta(minutes=30) < self.now and self.rng.random() < 0.6:
            self._entry(
                Category.FOLLOW_UP, moment + timedelta(minutes=10), self.rng.randint(10, 30)
            )
        return sprints

    def _entry(self, category: Category, start: datetime, minutes: int) -> None:
        if start + timedelta(minutes=minutes) > self.now:
            return
        entry = TimeEntry(
            id=len(self.sample.time_entries) + 1,
            category=category,
            started_at=start,
            ended_at=start + timedelta(minutes=minutes),
            seconds=minutes * 60.0,
            local_date=local_date(start, self.tz, self.config.days.start_hour),
        )
        self.sample.time_entries.append(entry)

    def _sprint(self, sprint: Sprint, dials: int) -> int:
        """Make the sprint's ``dials``; how many found nobody to call."""
        assert sprint.ended_at is not None
        slot = (sprint.ended_at - sprint.started_at).total_seconds() / max(dials, 1)
        moment = sprint.started_at + timedelta(seconds=min(self.rng.uniform(5, 40), slot * 0.1))
        made = 0
        random = self.rng.random
        pick, call = self._pick, self._call
        day = sprint.local_date.isoformat()
        for _ in range(dials):
            prospect = pick(moment)
            if prospect is None:
                break
            spent = call(sprint, day, prospect, moment, slot)
            made += 1
            # rng.uniform(5, 30) written out: the same draw, without a call a dial.
            moment += timedelta(seconds=min(max(spent + (5 + 25 * random()), slot), slot * 1.0))
        if made == 0 and sprint.status is SprintStatus.COMPLETED:
            # As in the app: a sprint with no dial never counts as completed.
            sprint.status = SprintStatus.ABANDONED
            sprint.reason, sprint.reason_kind = NO_DIALS.id, NO_DIALS.kind.value
        return dials - made

    def _pick(self, moment: datetime) -> Prospect | None:
        instant = _micros(moment)
        while self.resting and self.resting[0][0] <= instant:
            due, prospect_id = heapq.heappop(self.resting)
            prospect = self.sample.prospects[prospect_id - 1]
            if self.back_at.get(prospect_id) != due:
                # Called again early since then: that call decided what comes next,
                # and a do-not-call or wrong number must never come back.
                continue
            del self.back_at[prospect_id]
            if prospect_id in self.long_rest:
                self.long_rest.discard(prospect_id)
                self.reached.add(prospect_id)
            assert prospect.timezone is not None
            self.available[prospect.timezone].add(prospect)
        open_zones = self.open_zones.at(moment)
        if open_zones is not self.open_for:  # the same list until a zone opens or closes
            self.open_for = open_zones
            self.open_pools = [self.available[z].items for z in open_zones]
        pools = self.open_pools
        cum_weights = list(accumulate(map(len, pools)))
        total = cum_weights[-1] if cum_weights else 0
        if total:
            # rng.choices() among the zones with anyone free, by how many, written out:
            # the same draw. An empty zone adds nothing, so it is never the first whose
            # sum passes the draw; a draw that rounds up to the total (the reason
            # choices() bounds its search) takes the last zone with anyone, as it does.
            at = bisect_right(cum_weights, self.rng.random() * (total + 0.0))
            if at == len(pools):
                at = max(i for i, free in enumerate(pools) if free)
            return self.rng.choice(pools[at])
        # A small sample runs out of fresh people: call someone again early
        # rather than make fewer calls than were asked for — whoever has been
        # tried least, so the extra calls spread over everyone callable instead
        # of piling onto the one prospect of a thinly peopled zone.
        again = [
            p
            for z in open_zones
            for p in self.by_zone[z]
            if p.status not in (Status.DO_NOT_CALL, Status.WRONG_NUMBER)
        ]
        if not again:
            return None
        fewest = min(p.attempts for p in again)
        return self.rng.choice([p for p in again if p.attempts == fewest])

    def _call(
        self, sprint: Sprint, day: str, prospect: Prospect, moment: datetime, slot: float
    ) -> float:
        assert prospect.timezone is not None
        hour = moment.astimezone(self.zones[prospect.timezone]).hour
        variant = self.variants[self.next_call % len(self.variants)]
        # Not from the free pool: a small sample calling someone again early.
        early = prospect.id not in self.available[prospect.timezone].where
        result = self._outcome(hour, variant, early, prospect.id in self.reached)
        low, high = SECONDS[result]
        # rng.uniform(low, high) written out: the same draw.
        seconds = min(low + (high - low) * self.rng.random(), slot * 0.85)
        ended = moment + timedelta(seconds=seconds)
        callback_at = None
        asks_when = BY_ID[result].asks_when
        if asks_when:
            callback_at = datetime.combine(
                (moment + timedelta(days=self.rng.randint(1, 6)))
                .astimezone(self.zones[prospect.timezone])
                .date(),
                time(self.rng.choice((9, 10, 11, 14, 15))),
                tzinfo=self.zones[prospect.timezone],
            )
        call_id, duration = self.next_call, round(seconds, 1)
        notes = "Asked for a call next week." if asks_when else ""
        objections = self._objections(result)
        self.next_call += 1
        if self.on_call is None:
            call = Call(
                id=call_id,
                prospect_id=prospect.id,
                sprint_id=sprint.id,
                started_at=moment,
                ended_at=ended,
                duration_s=duration,
                outcome=result,
                variant=variant.name,
                local_hour=hour,
                local_date=sprint.local_date,
                callback_at=callback_at,
                notes=notes,
                objections=objections,
            )
            self.sample.calls.append(call)
        else:
            # That call's Call.to_stored() written out, fields in order, those at
            # their default left out: a million calls cost the build less than half
            # as much without a record made and converted field by field for each.
            doc: dict[str, Any] = {
                "prospect_id": prospect.id,
                "sprint_id": sprint.id,
                "started_at": to_iso(moment),
                "ended_at": to_iso(ended),
            }
            if duration != 0.0:
                doc["duration_s"] = duration
            doc["outcome"] = result
            if notes:
                doc["notes"] = notes
            doc["variant"], doc["local_hour"], doc["local_date"] = variant.name, hour, day
            if callback_at is not None:
                doc["callback_at"] = to_iso(callback_at)
            if objections:
                doc["objections"] = objections
            self.on_call(call_id, sprint.local_date, doc)
        self._apply(prospect, call_id, result, ended, callback_at)
        return seconds

    def _objections(self, result: str) -> list[str]:
        """What the prospect said on a call that reached them: often one objection,
        sometimes two, and some were answered well enough to end in a meeting."""
        chance, liked = OBJECTION_ODDS.get(result, (0.0, {}))
        rng = self.objection_rng
        if rng.random() >= chance:
            return []
        names = [o.name for o in self.objections]
        weights = [liked.get(name, 1) for name in names]
        raised = [rng.choices(names, weights)[0]]
        if len(names) > 1 and rng.random() < 0.25:
            second = rng.choices(names, weights)[0]
            if second not in raised:
                raised.append(second)
        return raised

    def _outcome(
        self, hour: int, variant: Variant, early: bool = False, reached: bool = False
    ) -> str:
        connect_boost = 1.5 if hour in (8, 9, 16, 17) else 0.7 if hour in (12, 13) else 1.0
        if variant is self.variants[0]:
            connect_boost *= 1.25
        key = (connect_boost, early, reached and not early)
        odds = self.odds.get(key)
        if odds is None:
            odds = self.odds[key] = cumulative_odds(connect_boost, early, reached)
        # rng.choices(OUTCOME_IDS, cum_weights=odds)[0] written out: the same draw.
        return OUTCOME_IDS[bisect_right(odds, self.rng.random() * (odds[-1] + 0.0), 0, _LAST)]

    def _apply(
        self,
        prospect: Prospect,
        call_id: int,
        result: str,
        ended_at: datetime,
        callback_at: datetime | None,
    ) -> None:
        rule = BY_ID[result]
        effect = rule.effect
        prospect.attempts += 1
        prospect.last_outcome = result
        prospect.last_called_at = ended_at
        prospect.updated_at = ended_at
        prospect.status = _STATUS_AFTER[result]
        assert prospect.timezone is not None
        self.available[prospect.timezone].remove(prospect)
        self.back_at.pop(prospect.id, None)
        self.long_rest.discard(prospect.id)
        if effect is Effect.RETRY and rule.retry_after is not None:
            prospect.next_action_at = ended_at + rule.retry_after
            self._rest(prospect, prospect.next_action_at, reached=False)
            return
        prospect.next_action_at = None
        if effect is Effect.NURTURE:
            # Not interested now; called again once the nurture time is over, as
            # salespeople do, so years of history do not run out of people.
            prospect.next_action_at = ended_at + NURTURE_AFTER
            self._rest(prospect, prospect.next_action_at, reached=True)
        if rule.makes_followup:
            due = callback_at or ended_at + timedelta(days=self.rng.randint(3, 10))
            done = due < self.now - timedelta(hours=12)
            prospect.next_action_at = None if done else due
            followup = FollowUp(
                id=len(self.sample.followups) + 1,
                prospect_id=prospect.id,
                kind=result,
                who=prospect.name,
                due_at=due,
                call_id=call_id,
                created_at=ended_at,
                done_at=due + timedelta(minutes=20) if done else None,
                resolution="Called back; sent the proposal." if done else "",
            )
            self.sample.followups.append(followup)
            if followup.kind in ASKS_WHEN:
                self._replace_callback(followup)
            if followup.done_at is not None:
                self._rest(prospect, followup.done_at + REVISIT_AFTER, reached=True)

    def _rest(self, prospect: Prospect, until: datetime, *, reached: bool) -> None:
        """Have ``prospect`` free to call again at ``until``; ``reached`` on the call before."""
        due = _micros(until)
        self.back_at[prospect.id] = due
        if reached:
            self.long_rest.add(prospect.id)
        heapq.heappush(self.resting, (due, prospect.id))

    def _replace_callback(self, new: FollowUp) -> None:
        """Close the prospect's callback still open when ``new`` is made, as the app does."""
        old = self.open_callback.get(new.prospect_id)
        self.open_callback[new.prospect_id] = new
        if old is not None and (old.done_at is None or old.done_at > new.created_at):
            old.done_at = new.created_at
            old.resolution = Closing.RESCHEDULED.value

    def _followups_due_tomorrow(self, today: date) -> None:
        """Make sure tomorrow's review has callbacks to show."""
        tomorrow = day_start(today + timedelta(days=1), self.tz, 0).replace(hour=10)
        open_callbacks = [
            f for f in self.sample.followups if f.done_at is None and f.kind in ASKS_WHEN
        ]
        for followup in open_callbacks[-2:]:
            followup.due_at = tomorrow
            prospect = self.sample.prospects[followup.prospect_id - 1]
            prospect.next_action_at = tomorrow
