"""Properties: config parsing refuses in one sentence or reads, and a do-not-call
prospect never reaches the queue, whatever else is true of them.

(That an import of any bytes plans or refuses in one sentence is
``tests/unit/transfer/test_import_property.py``.)
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import tomlkit
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prospect_tui.core.clock import shift
from prospect_tui.core.config import Config, ConfigError, TimeWindow, parse_config
from prospect_tui.core.model import Prospect, Status
from prospect_tui.core.outcomes import OUTCOMES
from prospect_tui.core.queue import build
from prospect_tui.core.queue_rows import ListSource
from prospect_tui.core.sprint import SprintSession
from tests.conftest import FROZEN, PARIS

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# -- config.toml -------------------------------------------------------------------------

SECTIONS = {
    f.name: [g.name for g in fields(getattr(Config(), f.name))]
    for f in fields(Config)
    if is_dataclass(getattr(Config(), f.name))
}
TABLES = {
    "blocks": ["category", "days", "start", "minutes", "name"],
    "variants": ["name", "opener", "offer"],
}
WORDS = st.sampled_from(
    ["mon", "fri", "sun", "08:00-21:00", "21:00-08:00", "25:61-00:00", "09:00", "calling",
     "research", "follow_up", "activity", "adaptive", "fair", "2026-12-24",
     "2026-12-28..2027-01-01", "2027-01-01..2026-12-28", "Europe/Paris", "Mars/Olympus", "",
     "[b]x[/b]", "$(rm -rf ~)", "k", "ctrl+q", "1", "{first_name}", "{nope"]
)  # fmt: skip
SCALARS = st.one_of(
    WORDS,
    st.text(max_size=12),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.sampled_from([0, 1, 2, 23, 24, 59, 60, 1440, -1, 10**9]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(min_value=date(1, 1, 1)),
    st.times(),
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)


def section(keys: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    names = st.sampled_from(keys) | st.text(min_size=1, max_size=8)
    return st.dictionaries(names, VALUES, max_size=len(keys) + 1)


DOCUMENTS = st.fixed_dictionaries(
    {},
    optional={
        **{name: section(keys) for name, keys in SECTIONS.items()},
        **{name: st.lists(section(keys), max_size=3) for name, keys in TABLES.items()},
        "keys": section(["skip", "plan", "next_sprint", "home", "undo", "log_no_answer", "sort"]),
        "unknown": VALUES,
    },
)


def reads_or_refuses(text: str) -> None:
    try:
        config = parse_config(text)
    except ConfigError as refused:
        message = str(refused)
        # One line, printable: a line break or an escape in a key stays escaped.
        assert message.startswith("config.toml") and message.isprintable(), message
        return
    assert isinstance(config, Config)


@FAST
@given(DOCUMENTS)
def test_any_toml_document_reads_or_is_one_sentence(document: dict[str, Any]) -> None:
    reads_or_refuses(tomlkit.dumps(document))


@FAST
@given(st.text(max_size=300))
def test_any_text_reads_or_is_one_sentence(text: str) -> None:
    reads_or_refuses(text)


# -- the queue ---------------------------------------------------------------------------

WINDOW = TimeWindow(time(8), time(21))
WHEN = st.none() | st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1), timezones=st.just(UTC)
)
ZONES = st.sampled_from([None, "America/New_York", "Europe/Paris", "Asia/Tokyo", "Nope/Nowhere"])
PHONES = st.sampled_from([None, "+12125550100", "+33142000000", "[/]", ""])
OUTCOME_IDS = [outcome.id for outcome in OUTCOMES]


@st.composite
def prospects(draw: st.DrawFn) -> list[Prospect]:
    count = draw(st.integers(min_value=1, max_value=12))
    made = []
    for pid in range(1, count + 1):
        made.append(
            Prospect(
                id=pid,
                first_name=f"P{pid}",
                phone=draw(PHONES),
                timezone=draw(ZONES),
                status=draw(st.sampled_from(list(Status))),
                priority=draw(st.integers(min_value=-5, max_value=99)),
                attempts=draw(st.integers(min_value=0, max_value=50)),
                last_outcome=draw(st.none() | st.sampled_from(OUTCOME_IDS)),
                last_called_at=draw(WHEN),
                next_action_at=draw(WHEN),
                tags=draw(st.lists(st.sampled_from(["do_not_call", "vip", "callback"]))),
            )
        )
    return made


@FAST
@given(
    prospects(),
    st.lists(st.integers(min_value=0, max_value=13), max_size=4),
    st.sets(st.integers(min_value=0, max_value=13)),
    st.datetimes(
        min_value=datetime(2026, 1, 1), max_value=datetime(2027, 1, 1), timezones=st.just(UTC)
    ),
)
def test_no_do_not_call_prospect_is_queued_or_waiting(
    people: list[Prospect], first: list[int], called: set[int], now: datetime
) -> None:
    queue = build(people, now, WINDOW, called, first)
    never = {p.id for p in people if p.status is Status.DO_NOT_CALL}
    assert not never & {entry.prospect.id for entry in queue.entries}
    assert not never & {waiting.prospect.id for waiting in queue.waiting}


ACTIONS = st.lists(
    st.one_of(
        st.sampled_from(OUTCOME_IDS).map(lambda o: ("log", o)),
        st.just(("skip", "")),
        st.just(("undo", "")),
        st.just(("rebuild", "")),
        st.integers(min_value=1, max_value=600).map(lambda s: ("wait", str(s))),
    ),
    max_size=25,
)


@FAST
@given(prospects(), st.lists(st.integers(min_value=1, max_value=12), max_size=3), ACTIONS)
def test_a_sprint_never_shows_a_do_not_call_prospect(
    people: list[Prospect], first: list[int], actions: list[tuple[str, str]]
) -> None:
    """Whatever is logged, skipped, undone or rebuilt: no card is someone not to call."""
    now = FROZEN
    stored = ListSource(people)  # what the store holds, as each write leaves it
    session = SprintSession.start(stored, now, Config(), PARIS, first=tuple(first))
    never = {p.id for p in people if p.status is Status.DO_NOT_CALL}

    def check() -> None:
        if session.card is not None:
            assert session.card.prospect.id not in never
            assert session.card.prospect.status is not Status.DO_NOT_CALL
        assert not never & {p.id for p in session.upcoming(5)}

    check()
    for action, value in actions:
        if action == "wait":
            now = shift(now, timedelta(seconds=int(value)))
        elif action == "log" and session.card is not None:
            callback = shift(now, timedelta(days=1)) if value == "callback" else None
            logged = session.log(value, now, callback)
            stored.put(logged.prospect)
            if value == "do_not_call":
                never.add(logged.prospect.id)
        elif action == "skip":
            session.skip(now)
        elif action == "undo":
            last = session.undo(now)
            if last is not None:
                stored.put(last.before)
                if last.call.outcome == "do_not_call":
                    never.discard(last.before.id)  # taken back: they may be called again
        elif action == "rebuild":
            session.rebuild(now)
        check()
