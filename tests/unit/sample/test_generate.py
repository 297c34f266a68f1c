"""The seeded sample: exact sizes, valid fictional numbers, believable and consistent history."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest

from prospect_tui.core import reasons
from prospect_tui.core.categories import Category
from prospect_tui.core.config import Config, Objection, Variant
from prospect_tui.core.days import local_date
from prospect_tui.core.model import Call, FollowUp, Prospect, Sprint, SprintStatus, TimeEntry
from prospect_tui.core.outcomes import CONNECTED
from prospect_tui.core.phones import is_e164, region_of, zones_of
from prospect_tui.sample.data import VARIANTS
from prospect_tui.sample.generate import DEFAULT_PROSPECTS, SAMPLE_LIST, Sample, generate

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 11, 19, 15, 30, tzinfo=PARIS)
"""The shared frozen clock's instant (a Thursday afternoon)."""


@pytest.fixture(scope="module")
def big() -> Sample:
    """The one big sample of the suite: 2,000 prospects, 20,000 calls over 8 weeks."""
    return generate(Config(), NOW, PARIS, prospects=2000, calls=20_000, weeks=8)


@pytest.fixture(scope="module")
def small() -> Sample:
    """The size the shared ``sample_home`` fixture writes."""
    return generate(Config(), NOW, PARIS, prospects=60, calls=600, weeks=4)


@pytest.fixture(scope="module")
def wide() -> Sample:
    """300 prospects, no history: what issue 2's "Done when" asks for."""
    return generate(Config(), NOW, PARIS, prospects=300)


SAMPLES = ["small", "big"]


# -- sizes ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prospects", "calls", "weeks"), [(60, 600, 4), (30, 450, 6), (300, 0, 6), (120, 3000, 2)]
)
def test_exact_counts(prospects: int, calls: int, weeks: int) -> None:
    sample = generate(Config(), NOW, PARIS, prospects=prospects, calls=calls, weeks=weeks)
    assert len(sample.prospects) == prospects
    assert len(sample.calls) == calls


@pytest.mark.parametrize("seed", range(6))
def test_exact_counts_whatever_the_seed(seed: int) -> None:
    sample = generate(Config(), NOW, PARIS, prospects=30, calls=300, weeks=6, seed=seed)
    assert (len(sample.prospects), len(sample.calls)) == (30, 300)


def test_exact_counts_on_the_big_sample(big: Sample) -> None:
    assert len(big.prospects) == 2000
    assert len(big.calls) == 20_000


def test_the_default_is_a_hundred_and_twenty_prospects_and_no_history() -> None:
    sample = generate(Config(), NOW, PARIS)
    assert len(sample.prospects) == DEFAULT_PROSPECTS == 120
    assert sample.calls == sample.sprints == sample.time_entries == sample.followups == []


@pytest.mark.parametrize("name", SAMPLES)
def test_ids_are_one_to_n(name: str, request: pytest.FixtureRequest) -> None:
    sample: Sample = request.getfixturevalue(name)
    for records in (
        sample.prospects,
        sample.calls,
        sample.sprints,
        sample.time_entries,
        sample.followups,
    ):
        assert [r.id for r in records] == list(range(1, len(records) + 1))


def test_records_holds_everything(small: Sample) -> None:
    records = small.records()
    kinds = Counter(type(r) for r in records)
    assert kinds[Prospect] == len(small.prospects)
    assert kinds[Call] == len(small.calls)
    assert kinds[Sprint] == len(small.sprints)
    assert kinds[TimeEntry] == len(small.time_entries)
    assert kinds[FollowUp] == len(small.followups)


def test_calls_nobody_can_take_are_refused_not_made_fewer() -> None:
    # One prospect in the Americas, asleep through a Paris morning's one sprint a day.
    with pytest.raises(ValueError, match="only 0 of the 10 calls found someone to call"):
        generate(Config(), NOW, PARIS, prospects=1, calls=10, weeks=1)


def test_more_calls_than_working_days_can_hold_are_refused() -> None:
    with pytest.raises(ValueError, match="more than 1320 a day; give more --weeks"):
        generate(Config(), NOW, PARIS, prospects=100, calls=100_000, weeks=1)


def test_too_many_prospects_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="at most"):
        generate(Config(), NOW, PARIS, prospects=10_000_000)


# -- prospects ---------------------------------------------------------------------------


def test_every_phone_is_valid_e164_and_unique(big: Sample) -> None:
    phones = [p.phone for p in big.prospects]
    assert all(phone is not None and is_e164(phone) for phone in phones)
    assert len(set(phones)) == len(phones)


def test_zones_and_countries_of_300_prospects(wide: Sample) -> None:
    assert len({p.timezone for p in wide.prospects}) >= 6
    assert len({p.country for p in wide.prospects}) >= 3


def test_each_prospect_zone_and_country_fit_the_number(wide: Sample) -> None:
    for prospect in wide.prospects:
        assert prospect.phone is not None and prospect.timezone is not None
        assert region_of(prospect.phone) == prospect.country, prospect.phone
        zones = zones_of(prospect.phone)
        assert zones
        if prospect.timezone in zones:
            continue
        # libphonenumber maps some prefixes coarsely (Brisbane's 07 to Sydney): the
        # city's own zone must still be within an hour of the number's.
        offset = NOW.astimezone(ZoneInfo(prospect.timezone)).utcoffset()
        assert offset is not None
        assert any(
            abs(offset - (NOW.astimezone(ZoneInfo(z)).utcoffset() or offset)) <= timedelta(hours=1)
            for z in zones
        ), (prospect.phone, prospect.timezone, zones)


def test_prospects_look_like_people(wide: Sample) -> None:
    for prospect in wide.prospects:
        assert prospect.first_name and prospect.last_name and prospect.company
        assert prospect.email.endswith(".example")
        assert prospect.email.isascii()
        assert prospect.list == SAMPLE_LIST
        assert prospect.extra.get("Lead Source")


# -- history ------------------------------------------------------------------------------


def test_connect_rate_is_believable(big: Sample) -> None:
    connects = sum(call.outcome in CONNECTED for call in big.calls)
    assert 0.05 <= connects / len(big.calls) <= 0.15


@pytest.mark.parametrize("name", SAMPLES)
def test_some_sprints_are_abandoned_each_with_a_matching_reason(
    name: str, request: pytest.FixtureRequest
) -> None:
    sample: Sample = request.getfixturevalue(name)
    abandoned = [s for s in sample.sprints if s.status is SprintStatus.ABANDONED]
    completed = [s for s in sample.sprints if s.status is SprintStatus.COMPLETED]
    assert abandoned
    assert len(completed) > len(abandoned)
    assert len(abandoned) + len(completed) == len(sample.sprints)
    for sprint in abandoned:
        assert sprint.reason in reasons.BY_ID
        assert sprint.reason_kind == reasons.BY_ID[sprint.reason].kind.value
        assert sprint.ended_at is not None and sprint.ended_at < sprint.ends_at
    for sprint in completed:
        assert sprint.reason is None and sprint.reason_kind is None
        assert sprint.ended_at == sprint.ends_at
    assert {s.reason_kind for s in abandoned} == {"fear", "discipline"}


@pytest.mark.parametrize(("prospects", "calls", "weeks"), [(60, 600, 4), (5, 0, 2)])
def test_a_sample_sprint_without_a_dial_is_never_completed(
    prospects: int, calls: int, weeks: int
) -> None:
    """The sample keeps the app's rule: a sprint counts only with a dial."""
    sample = generate(Config(), NOW, PARIS, prospects=prospects, calls=calls, weeks=weeks)
    dialled = {call.sprint_id for call in sample.calls}
    for sprint in sample.sprints:
        if sprint.id not in dialled:
            assert sprint.status is SprintStatus.ABANDONED
            assert sprint.reason == reasons.NO_DIALS.id
            assert sprint.reason_kind == reasons.NO_DIALS.kind.value


@pytest.mark.parametrize("name", SAMPLES)
def test_time_entries_in_all_three_categories(name: str, request: pytest.FixtureRequest) -> None:
    sample: Sample = request.getfixturevalue(name)
    assert {entry.category for entry in sample.time_entries} == set(Category)
    for entry in sample.time_entries:
        assert entry.seconds == (entry.ended_at - entry.started_at).total_seconds() > 0


def test_every_call_uses_a_sample_variant(big: Sample) -> None:
    names = {variant.name for variant in VARIANTS}
    used = Counter(call.variant for call in big.calls)
    assert set(used) == names
    # Shared out fairly: the arms differ by at most one call.
    assert max(used.values()) - min(used.values()) <= 1


def test_configured_variants_are_used_instead() -> None:
    config = Config(variants=(Variant("a+demo"), Variant("b+audit")))
    sample = generate(config, NOW, PARIS, prospects=40, calls=300, weeks=2)
    assert {call.variant for call in sample.calls} == {"a+demo", "b+audit"}


@pytest.mark.parametrize("name", SAMPLES)
def test_calls_fall_within_their_sprint(name: str, request: pytest.FixtureRequest) -> None:
    sample: Sample = request.getfixturevalue(name)
    sprints = {s.id: s for s in sample.sprints}
    for call in sample.calls:
        assert call.sprint_id is not None
        sprint = sprints[call.sprint_id]
        assert sprint.ended_at is not None
        assert sprint.started_at <= call.started_at < call.ended_at <= sprint.ended_at
        assert call.local_date == sprint.local_date
        assert call.duration_s == pytest.approx(
            (call.ended_at - call.started_at).total_seconds(), abs=0.1
        )


@pytest.mark.parametrize("name", SAMPLES)
def test_nothing_happens_after_now(name: str, request: pytest.FixtureRequest) -> None:
    sample: Sample = request.getfixturevalue(name)
    assert all(call.ended_at <= NOW for call in sample.calls)
    assert all(s.ended_at is not None and s.ended_at <= NOW for s in sample.sprints)
    assert all(entry.ended_at <= NOW for entry in sample.time_entries)


@pytest.mark.parametrize("name", SAMPLES)
def test_records_sit_on_their_local_day(name: str, request: pytest.FixtureRequest) -> None:
    sample: Sample = request.getfixturevalue(name)
    for sprint in sample.sprints:
        assert sprint.local_date == local_date(sprint.started_at, PARIS)
    for entry in sample.time_entries:
        assert entry.local_date == local_date(entry.started_at, PARIS)


@pytest.mark.parametrize("name", SAMPLES)
def test_calls_respect_the_calling_window(name: str, request: pytest.FixtureRequest) -> None:
    sample: Sample = request.getfixturevalue(name)
    window = Config().calling.window
    prospects = {p.id: p for p in sample.prospects}
    for call in sample.calls:
        zone = prospects[call.prospect_id].timezone
        assert zone is not None
        local = call.started_at.astimezone(ZoneInfo(zone))
        assert window.contains(local.time())
        assert call.local_hour == local.hour


@pytest.mark.parametrize("name", SAMPLES)
def test_prospects_reflect_their_calls(name: str, request: pytest.FixtureRequest) -> None:
    sample: Sample = request.getfixturevalue(name)
    by_prospect: dict[int, list[Call]] = defaultdict(list)
    for call in sorted(sample.calls, key=lambda c: c.started_at):
        by_prospect[call.prospect_id].append(call)
    for prospect in sample.prospects:
        calls = by_prospect.get(prospect.id, [])
        assert prospect.attempts == len(calls)
        if calls:
            assert prospect.last_outcome == calls[-1].outcome
            assert prospect.last_called_at == calls[-1].ended_at
        # Never dialled again once on the do-not-call list or found a wrong number.
        outcomes = [c.outcome for c in calls]
        for final in ("do_not_call", "wrong_number"):
            if final in outcomes:
                assert outcomes.index(final) == len(outcomes) - 1, (prospect.id, outcomes)


@pytest.mark.parametrize("name", SAMPLES)
def test_callbacks_and_meetings_make_follow_ups(name: str, request: pytest.FixtureRequest) -> None:
    sample: Sample = request.getfixturevalue(name)
    made = {f.call_id for f in sample.followups}
    wanted = {c.id for c in sample.calls if c.outcome in ("callback", "meeting")}
    assert made == wanted
    assert any(f.done_at is None for f in sample.followups)


def test_callbacks_are_due_tomorrow(small: Sample) -> None:
    tomorrow = datetime(2026, 11, 20, 10, tzinfo=PARIS)
    due = [f for f in small.followups if f.done_at is None and f.due_at == tomorrow]
    assert due


# -- determinism --------------------------------------------------------------------------


def test_same_seed_and_clock_give_the_same_sample() -> None:
    first = generate(Config(), NOW, PARIS, prospects=80, calls=800, weeks=3, seed=11)
    second = generate(Config(), NOW, PARIS, prospects=80, calls=800, weeks=3, seed=11)
    assert first == second
    assert [r.to_doc() for r in first.records()] == [r.to_doc() for r in second.records()]


def test_another_seed_gives_another_sample() -> None:
    first = generate(Config(), NOW, PARIS, prospects=80, calls=800, weeks=3, seed=11)
    other = generate(Config(), NOW, PARIS, prospects=80, calls=800, weeks=3, seed=12)
    assert [p.phone for p in first.prospects] != [p.phone for p in other.prospects]


def test_some_connected_calls_carry_the_samples_objections(small: Sample) -> None:
    from prospect_tui.sample.data import OBJECTIONS

    tagged = [c for c in small.calls if c.objections]
    assert len(tagged) >= 20  # enough for the review's table to say something
    assert {o for c in tagged for o in c.objections} == {o.name for o in OBJECTIONS}
    assert all(c.outcome in ("not_interested", "callback", "meeting") for c in tagged)
    assert all(len(set(c.objections)) == len(c.objections) for c in tagged)


def test_objections_leave_the_rest_of_the_sample_as_it_was() -> None:
    # Drawn from a generator of their own: the outcomes, the prospects and every
    # screenshot made from the sample stay the same with objections configured or not.
    mine = Config(objections=(Objection("too busy", "When is a better week?"),))
    plain_calls = generate(Config(), NOW, PARIS, prospects=60, calls=600, weeks=4).calls
    own_calls = generate(mine, NOW, PARIS, prospects=60, calls=600, weeks=4).calls
    assert [(c.outcome, c.prospect_id) for c in plain_calls] == [
        (c.outcome, c.prospect_id) for c in own_calls
    ]
    assert {o for c in own_calls for o in c.objections} == {"too busy"}


@pytest.mark.parametrize("name", SAMPLES)
def test_a_prospect_never_has_two_open_callbacks_at_once(
    name: str, request: pytest.FixtureRequest
) -> None:
    # Called again while a callback was open, a new callback replaces the old one.
    sample: Sample = request.getfixturevalue(name)
    by_prospect: dict[int, list[FollowUp]] = defaultdict(list)
    for followup in sample.followups:
        if followup.kind == "callback":
            by_prospect[followup.prospect_id].append(followup)
    assert any(len(callbacks) > 1 for callbacks in by_prospect.values())
    for callbacks in by_prospect.values():
        callbacks.sort(key=lambda f: f.created_at)
        for older, newer in pairwise(callbacks):
            assert older.done_at is not None, (older, newer)
            assert older.done_at <= newer.created_at, (older, newer)
