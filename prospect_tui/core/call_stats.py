"""Calls over a window of days, counted once for every table the review shows.

Each call is counted by outcome under its variant, the prospect's local hour,
the weekday of the user's day it counts for, and its length. One pass over
the window's calls fills one table of counts; the review's tables (by
variant, hour, weekday, length) are read off it, never by rescanning the
calls. The store counts straight from stored documents (:meth:`CallStats.count`,
many alike at once) without building a :class:`~core.model.Call` each.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from operator import itemgetter
from typing import Any

from prospect_tui.core.model import Call
from prospect_tui.core.outcomes import BY_ID, CONNECTED, MEETING
from prospect_tui.core.tally import Tally


@dataclass(frozen=True, slots=True)
class Length:
    """A band of call length, ``[low_s, high_s)`` seconds."""

    id: str
    label: str
    low_s: float
    high_s: float


LENGTHS: tuple[Length, ...] = (
    Length("under_1_min", "under 1 min", 0.0, 60.0),
    Length("1_3_min", "1–3 min", 60.0, 180.0),
    Length("3_5_min", "3–5 min", 180.0, 300.0),
    Length("over_5_min", "over 5 min", 300.0, float("inf")),
)
"""Call length against the outcome: how long a call ran says how far it got."""


def length_band(duration_s: float) -> int:
    """The index in :data:`LENGTHS` of a call that lasted ``duration_s`` seconds."""
    # Written out: the store runs this on every call of a window.
    return 0 if duration_s < 60 else 1 if duration_s < 180 else 2 if duration_s < 300 else 3


def tally_of(outcomes: Mapping[str, int]) -> Tally:
    """Dials, connects and meetings of these outcome counts."""
    return Tally(
        dials=sum(outcomes.values()),
        connects=sum(n for outcome, n in outcomes.items() if outcome in CONNECTED),
        meetings=outcomes.get(MEETING, 0),
    )


DayCounts = dict[str, dict[str, Any]]
"""One day's calls as a fold keeps them at the head of a month's file (JSON-ready).

``{"outcome": {outcome: n}, "variant": {variant: {outcome: n}}, "hour": {"9":
{outcome: n}}, "length": {"0": {outcome: n}}}``: hours and length bands (the
index in :data:`LENGTHS`) as text, since JSON keys are text; calls without a
variant or an hour are in ``outcome`` only. The weekday is the day's own.
A day with calls tagged with objections has ``"objection": {name: {outcome:
n}}`` too (a call counts once for each objection raised on it).
"""


def _add(table: dict[Any, Counter[str]], key: Any, outcome: str, times: int) -> None:
    counts = table.get(key)
    if counts is None:
        counts = table[key] = Counter()
    counts[outcome] += times


@dataclass(slots=True)
class CallStats:
    """Outcome counts of some calls: overall and by variant, hour, weekday and length.

    Only what the review shows is kept: each breakdown against the outcome,
    never one against another, so a day of calls can be kept as a few small
    tables (:data:`DayCounts`) and added in without reading its calls.
    """

    first: date
    """The window's first day (the user's days)."""
    last: date
    """The window's last day."""
    outcomes: Counter[str] = field(default_factory=Counter)
    """Every call of the window by outcome."""
    by_variant: dict[str, Counter[str]] = field(default_factory=dict)
    """Outcomes by the variant used (calls without one left out)."""
    by_hour: dict[int, Counter[str]] = field(default_factory=dict)
    """Outcomes by the hour on the prospect's clock (calls without one left out)."""
    by_weekday: dict[int, Counter[str]] = field(default_factory=dict)
    """Outcomes by ``date.weekday()`` of the user's day the call counts for."""
    by_length: dict[int, Counter[str]] = field(default_factory=dict)
    """Outcomes by index in :data:`LENGTHS`."""
    by_objection: dict[str, Counter[str]] = field(default_factory=dict)
    """Outcomes of the calls each objection was raised on (once per call)."""

    @property
    def days(self) -> int:
        """How many days the window spans."""
        return (self.last - self.first).days + 1

    def count(
        self,
        outcome: str,
        variant: str | None,
        local_hour: int | None,
        day: date,
        band: int,
        times: int = 1,
    ) -> None:
        """Count ``times`` calls alike in their outcome, variant, hour, day and length band."""
        self.outcomes[outcome] += times
        if variant:
            _add(self.by_variant, variant, outcome, times)
        if local_hour is not None:
            _add(self.by_hour, local_hour, outcome, times)
        _add(self.by_weekday, day.weekday(), outcome, times)
        _add(self.by_length, band, outcome, times)

    def add_day(self, day: date, counts: DayCounts) -> None:
        """Count a day of calls kept as :data:`DayCounts` (checked by :func:`day_counts_read`)."""
        outcomes = counts["outcome"]
        self.outcomes.update(outcomes)
        weekday = self.by_weekday.get(day.weekday())
        if weekday is None:
            weekday = self.by_weekday[day.weekday()] = Counter()
        weekday.update(outcomes)
        for name, table, key in (
            ("variant", self.by_variant, str),
            ("hour", self.by_hour, int),
            ("length", self.by_length, int),
        ):
            for value, by_outcome in counts.get(name, {}).items():
                for outcome, n in by_outcome.items():
                    _add(table, key(value), outcome, n)
        for objection, by_outcome in counts.get(OBJECTION, {}).items():
            for outcome, n in by_outcome.items():
                _add(self.by_objection, objection, outcome, n)

    @classmethod
    def of(cls, calls: Iterable[Call], first: date, last: date) -> CallStats:
        """The stats of those ``calls`` that count for a day from ``first`` to ``last``."""
        stats = cls(first, last)
        for call in calls:
            if first <= call.local_date <= last:
                band = length_band(call.duration_s)
                stats.count(call.outcome, call.variant, call.local_hour, call.local_date, band)
                for objection in dict.fromkeys(call.objections):
                    _add(stats.by_objection, objection, call.outcome, 1)
        return stats

    @property
    def tally(self) -> Tally:
        """Every call of the window."""
        return tally_of(self.outcomes)

    def variant(self, name: str) -> Tally:
        """The calls that used the variant ``name``."""
        return tally_of(self.by_variant.get(name, Counter()))


_GROUPS = ("variant", "hour", "length")
"""The breakdowns a :data:`DayCounts` keeps beside its outcomes."""
OBJECTION = "objection"
"""The breakdown a :data:`DayCounts` keeps only for a day with objections raised."""


def counts_by_day(docs: Collection[Mapping[str, Any]]) -> dict[str, DayCounts] | None:
    """Stored call documents counted per user's day (ISO date → :data:`DayCounts`).

    None if a field the review reads does not read (an outcome Prospect does
    not know, an hour that is not a whole number…): such a file is damaged,
    and only reading its calls one by one can say which call it is.
    """
    # Counted in passes that run in C (a getter mapped over the documents, a
    # Counter of what it returns) but for the length band of each call; then
    # each distinct set of fields is checked once, not each call: a month may
    # hold tens of thousands.
    try:
        try:
            fields = list(map(_FIELDS, docs))
        except KeyError:  # a field left out at its default: fill it in
            defaults = [Call.stored({}, name) for name in ("variant", "local_hour", "duration_s")]
            fields = list(map(partial(_fields_or_defaults, *defaults), docs))
        durations = list(map(_DURATION, fields))
        if not _NUMBERS.issuperset(map(type, durations)):
            return None
        cells = Counter(zip(map(_KEY, fields), map(length_band, durations), strict=True))
    except (KeyError, TypeError):  # a field missing, or one that is not a value
        return None
    days: dict[str, DayCounts] = {}
    for ((day, outcome, variant, hour), band), n in cells.items():
        if (
            outcome not in BY_ID
            or not (variant is None or type(variant) is str)
            or not (hour is None or type(hour) is int)
        ):
            return None
        counts = days.get(day)
        if counts is None:
            if type(day) is not str or not _is_date(day):
                return None
            counts = days[day] = {"outcome": {}, "variant": {}, "hour": {}, "length": {}}
        # Written out rather than through a helper: this runs for every distinct cell.
        table = counts["outcome"]
        table[outcome] = table.get(outcome, 0) + n
        if variant:
            table = counts["variant"].setdefault(variant, {})
            table[outcome] = table.get(outcome, 0) + n
        if hour is not None:
            table = counts["hour"].setdefault(_HOURS.get(hour) or str(hour), {})
            table[outcome] = table.get(outcome, 0) + n
        table = counts["length"].setdefault(_BANDS[band], {})
        table[outcome] = table.get(outcome, 0) + n
    # Few calls carry objections (a call without any keeps no such field): counted apart.
    if not _count_objections([doc for doc in docs if "objections" in doc], days):
        return None
    return dict(sorted(days.items()))


def _count_objections(tagged: list[Mapping[str, Any]], days: dict[str, DayCounts]) -> bool:
    """Add the objections of ``tagged`` to their days; False if one does not read."""
    for doc in tagged:
        raised = doc["objections"]
        if type(raised) is not list or not all(type(name) is str and name for name in raised):
            return False
        outcome = doc["outcome"]  # the day and the outcome were checked with the counts
        table = days[doc["local_date"]].setdefault(OBJECTION, {})
        for name in dict.fromkeys(raised):
            by_outcome = table.setdefault(name, {})
            by_outcome[outcome] = by_outcome.get(outcome, 0) + 1
    return True  # in date order, as the file is read by hand


_FIELDS = itemgetter("local_date", "outcome", "variant", "local_hour", "duration_s")
"""The fields of a stored call the review counts by."""
_KEY, _DURATION = itemgetter(slice(0, 4)), itemgetter(4)
_NUMBERS = frozenset({int, float})
_HOURS = {hour: str(hour) for hour in range(24)}
_BANDS = tuple(str(band) for band in range(len(LENGTHS)))
"""Hours and length bands as the keys of :data:`DayCounts` (JSON keys are text)."""


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _fields_or_defaults(
    variant: Any, hour: Any, duration: Any, doc: Mapping[str, Any]
) -> tuple[Any, ...]:
    return (
        doc["local_date"],
        doc["outcome"],
        doc.get("variant", variant),
        doc.get("local_hour", hour),
        doc.get("duration_s", duration),
    )


def read_day_counts(stored: object, dials: Mapping[date, int]) -> dict[date, DayCounts] | None:
    """The :data:`DayCounts` a file's head keeps, if they can be trusted.

    ``dials`` are the dials per day the same head keeps (already checked
    against its size). None when they are not the layout
    :func:`counts_by_day` writes, or do not add up to those dials (the head
    edited by hand): the calls must then be counted.
    """
    if not isinstance(stored, dict) or len(stored) != len(dials):
        return None
    found: dict[date, DayCounts] = {}
    try:
        for text, counts in stored.items():
            day = date.fromisoformat(text)
            if not isinstance(counts, dict) or counts.keys() - {OBJECTION} != _KEYS:
                return None
            total = _checked(counts["outcome"])
            if total is None or total != dials.get(day):
                return None
            for name in _GROUPS:
                table = counts[name]
                if not isinstance(table, dict) or not _keys_fit(name, table):
                    return None
                sums = [_checked(by_outcome) for by_outcome in table.values()]
                if None in sums:
                    return None
                # Every call has a length; a call may lack a variant or an hour.
                counted = sum(n or 0 for n in sums)
                if counted > total or (name == "length" and counted != total):
                    return None
            if not _objections_fit(counts.get(OBJECTION, {}), total):
                return None
            found[day] = counts
    except (TypeError, ValueError):
        return None
    return found


_KEYS = frozenset({"outcome", *_GROUPS})


def _objections_fit(table: object, total: int) -> bool:
    """An ``objection`` table a day can hold: each name raised on at most its calls."""
    if not isinstance(table, dict):
        return False
    for name, by_outcome in table.items():
        raised = _checked(by_outcome)
        if name == "" or raised is None or raised > total:
            return False
    return True


def _checked(by_outcome: object) -> int | None:
    """The calls of an ``{outcome: n}`` table, or None if it is not one."""
    if not isinstance(by_outcome, dict):
        return None
    total = 0
    for outcome, n in by_outcome.items():
        if outcome not in BY_ID or type(n) is not int or n < 1:
            return None
        total += n
    return total


def _keys_fit(name: str, table: dict[str, Any]) -> bool:
    if name == "variant":
        return all(key != "" for key in table)
    allowed = {str(i) for i in range(len(LENGTHS))} if name == "length" else None
    for key in table:
        if allowed is not None and key not in allowed:
            return False
        if allowed is None and not (key.isascii() and key.lstrip("-").isdigit()):
            return False
    return True
