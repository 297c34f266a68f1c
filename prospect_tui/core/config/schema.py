"""What ``config.toml`` may set: each setting with its default, its range and its help.

The value checks (:mod:`prospect_tui.core.config.values`) take the ranges from
here, so a setting's limits are written once, next to its default.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date, time
from typing import Any

from prospect_tui.core.assignments import FAIR
from prospect_tui.core.categories import Category
from prospect_tui.core.errors import ProspectError

CONFIG_FILE = "config.toml"


class ConfigError(ProspectError, ValueError):
    """A config file that cannot be used as written; the message is for the user.

    ``section``, ``key`` and ``index`` (of a ``[[table]]``) say which setting is
    wrong, and ``problem`` what is wrong with it without the file and line, so
    the plan screen can show the sentence next to the field it belongs to.
    """

    def __init__(
        self,
        message: str,
        *,
        section: str | None = None,
        key: str | None = None,
        index: int | None = None,
        problem: str = "",
    ) -> None:
        super().__init__(message)
        self.section = section
        self.key = key
        self.index = index
        self.problem = problem


def setting(default: Any, help: str, *, low: int | None = None, high: int | None = None) -> Any:
    """A setting's default with its help text and, for a number, its allowed range."""
    return field(default=default, metadata={"help": help, "low": low, "high": high})


def limits(schema: type, name: str) -> tuple[int, int, Any]:
    """The range and default of the number setting ``name`` of ``schema``."""
    [spec] = [f for f in fields(schema) if f.name == name]
    return spec.metadata["low"], spec.metadata["high"], spec.default


def help_text(schema: type, name: str) -> str:
    """What the setting ``name`` of ``schema`` does, in one line."""
    [spec] = [f for f in fields(schema) if f.name == name]
    return str(spec.metadata.get("help", ""))


@dataclass(frozen=True, slots=True)
class TimeWindow:
    """A daily span of wall-clock time, like ``08:00-21:00``."""

    start: time
    end: time

    def contains(self, moment: time) -> bool:
        """Whether ``moment`` falls in ``[start, end)``; windows may wrap midnight."""
        if self.start <= self.end:
            return self.start <= moment < self.end
        return moment >= self.start or moment < self.end

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"


@dataclass(frozen=True, slots=True)
class Block:
    """``[[blocks]]``: time the user planned for one category on given weekdays."""

    category: Category
    days: tuple[str, ...]
    start: time
    minutes: int = setting(60, "How long the block lasts.", low=5, high=720)


ACTIVITY = "activity"
"""The ``category`` of a ``[[blocks]]`` table that plans another prospecting activity."""


@dataclass(frozen=True, slots=True)
class Activity:
    """``[[blocks]]`` with ``category = "activity"``: another planned prospecting activity.

    A networking event or an email campaign is planned like a block, but its
    time is none of the three tracked categories, so it stands apart from
    :class:`Block`: it goes on the calendar, not into the review's minutes.
    """

    name: str
    days: tuple[str, ...]
    start: time
    minutes: int = setting(60, "How long the activity lasts.", low=5, high=720)


@dataclass(frozen=True, slots=True)
class DateSpan:
    """One entry of ``[days_off] dates``: a single day or a range of days, both ends in."""

    first: date
    last: date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first <= day <= self.last

    def __str__(self) -> str:
        if self.first == self.last:
            return self.first.isoformat()
        return f"{self.first.isoformat()}..{self.last.isoformat()}"


MAX_DAYS_OFF_SPAN = 366
"""The longest range of ``[days_off] dates``: a longer one is more likely a typo'd year."""


@dataclass(frozen=True, slots=True)
class DaysOff:
    """``[days_off]``: holidays and vacation; the streak pauses on them."""

    dates: tuple[DateSpan, ...] = setting(
        (), 'Days off: "2026-12-24", or a range "2026-12-24..2026-12-31".'
    )

    def __contains__(self, day: object) -> bool:
        return any(day in span for span in self.dates)


@dataclass(frozen=True, slots=True)
class Variant:
    """``[[variants]]``: one arm of an experiment, a named opener/offer pairing and its script."""

    name: str
    opener: str = setting(
        "", "What to say first; {first_name}, {company} and {title} are filled in."
    )
    offer: str = setting("", "What to ask for.")


@dataclass(frozen=True, slots=True)
class Objection:
    """``[[objections]]``: something a prospect says to end the call, and the answer to give."""

    name: str
    answer: str = setting("", "What to say back; best short, ending on a question.")


MAX_OBJECTIONS = 9
"""One digit each picks an objection during a call: 1 to 9."""


_CALLING_HOURS = TimeWindow(time(8), time(21))


@dataclass(frozen=True, slots=True)
class CallingSettings:
    """``[calling]``"""

    window: TimeWindow = setting(
        _CALLING_HOURS, "The prospect's local time in which they may be called."
    )


@dataclass(frozen=True, slots=True)
class SprintSettings:
    """``[sprint]``"""

    minutes: int = setting(25, "Length of a calling sprint.", low=1, high=180)
    break_minutes: int = setting(5, "The short break after a sprint.", low=0, high=120)
    long_break_minutes: int = setting(
        15, "The long break after every long_break_every-th sprint of the day.", low=0, high=180
    )
    long_break_every: int = setting(4, "Which sprints earn the long break.", low=1, high=20)
    max_pause_minutes: int = setting(
        5, "Total pause allowed in one sprint; a sprint is for calling.", low=0, high=60
    )
    auto_next: bool = setting(False, "Start the next sprint by itself when a break ends.")


@dataclass(frozen=True, slots=True)
class GoalSettings:
    """``[goal]``: the daily target."""

    sprints: int = setting(
        2, "Completed calling sprints a working day needs to count for the streak.", low=1, high=40
    )
    dials: int = setting(
        30, "Dials the day needs as well; 0 leaves the goal to the sprints alone.", low=0, high=2000
    )


@dataclass(frozen=True, slots=True)
class DaySettings:
    """``[days]``"""

    working: tuple[str, ...] = setting(
        ("mon", "tue", "wed", "thu", "fri"), "Weekdays that count for the streak."
    )
    start_hour: int = setting(
        0,
        "Hour your day begins: work at 01:00 still counts for the day before.",
        low=0,
        high=12,
    )
    timezone: str | None = setting(None, "The user's IANA zone; the machine's zone when unset.")


@dataclass(frozen=True, slots=True)
class NotifySettings:
    """``[notify]``"""

    desktop: bool = setting(
        True, "Send desktop notifications; when False, only toasts and the bell."
    )
    nudge_after_minutes: int = setting(
        5,
        "Minutes into a calling block with no sprint started before the nudge to dial.",
        low=1,
        high=120,
    )
    drift_minutes: int = setting(
        1,
        "Minutes mid-sprint the terminal may be out of focus before the nudge back.",
        low=1,
        high=60,
    )
    evening: time | None = setting(
        time(18),
        "When the evening nudge says the goal is not met and the streak is at stake; false: never.",
    )


@dataclass(frozen=True, slots=True)
class ExperimentSettings:
    """``[experiments]``: how variants are assigned and when the review calls a winner."""

    assignment: str = setting(
        FAIR,
        'How calls get a variant: "fair" (rotation) or "adaptive" (Thompson sampling: '
        "the opener doing better gets more calls).",
    )
    window_days: int = setting(
        28,
        "Days of calls the review's experiments, hours, weekdays and call lengths look at.",
        low=1,
        high=3650,
    )
    loss_threshold: float = setting(
        0.005,
        "Name a leader once choosing it costs less than this, in meetings per connect "
        "(expected loss), even before it is 95% likely to be best.",
        low=0,
        high=1,
    )


@dataclass(frozen=True, slots=True)
class Config:
    """Everything ``config.toml`` may set; the defaults are those of README's Configuration."""

    calling: CallingSettings = CallingSettings()
    sprint: SprintSettings = SprintSettings()
    goal: GoalSettings = GoalSettings()
    days: DaySettings = DaySettings()
    notify: NotifySettings = NotifySettings()
    days_off: DaysOff = DaysOff()
    experiments: ExperimentSettings = ExperimentSettings()
    blocks: tuple[Block, ...] = ()
    activities: tuple[Activity, ...] = ()
    """``[[blocks]]`` with ``category = "activity"``, in the order the file lists them."""
    variants: tuple[Variant, ...] = ()
    objections: tuple[Objection, ...] = ()
    """``[[objections]]`` in the order the file lists them: the first is key 1."""
    keys: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Remapped keys: action id → keys. Checked against the key map by the UI."""
