"""Reading ``config.toml`` into the schema's :class:`Config`, naming the line of any fault.

A wrong value is never replaced by its default behind the user's back: it
raises :class:`ConfigError` whose message names the key and its line, e.g.
``config.toml line 7: [sprint] minutes must be a whole number from 1 to
180, not "abc".`` Ranges and defaults come from the schema.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import fields
from pathlib import Path
from typing import Any

from prospect_tui.core.assignments import ASSIGNMENTS
from prospect_tui.core.categories import Category
from prospect_tui.core.config.lines import ConfigLines
from prospect_tui.core.config.schema import (
    ACTIVITY,
    CONFIG_FILE,
    MAX_OBJECTIONS,
    Activity,
    Block,
    CallingSettings,
    Config,
    ConfigError,
    DaySettings,
    DaysOff,
    ExperimentSettings,
    GoalSettings,
    NotifySettings,
    Objection,
    SprintSettings,
    TimeWindow,
    Variant,
)
from prospect_tui.core.config.values import HHMM, ValueReader
from prospect_tui.core.days import WEEKDAYS
from prospect_tui.core.keys import KeyMapError
from prospect_tui.core.keys import check as check_keys
from prospect_tui.core.zones import zone as known_zone


def load_config(path: Path) -> Config:
    """Read ``path``; a missing file is the default config."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config()
    except UnicodeDecodeError:
        raise ConfigError(f"{path.name} is not UTF-8 text; save it as UTF-8.") from None
    except NotADirectoryError:
        # PROSPECT_HOME (or a folder above the config) names a file.
        folder = next((p for p in path.parents if p.is_file()), path.parent)
        raise ConfigError(
            f"{folder} is a file, not a folder — move it away (or point PROSPECT_HOME "
            "at a folder) and try again."
        ) from None
    except OSError as error:
        raise ConfigError(f"{path.name} cannot be read: {error.strerror}.") from None
    return parse_config(text, path.name)


def parse_config(text: str, filename: str = CONFIG_FILE) -> Config:
    """Parse and check the text of a config file."""
    try:
        data = tomllib.loads(text)
        return _Reader(text, filename).config(data)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{filename} is not valid TOML: {error}.") from None
    except RecursionError:
        # tomllib parses nested arrays and inline tables by recursion: thousands
        # of levels exhaust the stack long before anything is read.
        raise ConfigError(
            f"{filename} nests arrays or tables too deeply to be read; no setting needs that."
        ) from None


# Activities are written as [[blocks]] tables, not as a section of their own.
_SECTIONS = tuple(f.name for f in fields(Config) if f.name != "activities")


class _Reader:
    """Turns the parsed TOML into a :class:`Config`, one section at a time."""

    def __init__(self, text: str, filename: str) -> None:
        self.lines = ConfigLines(text, filename)
        self.check = ValueReader(self.lines)

    def config(self, data: Mapping[str, Any]) -> Config:
        for section, value in data.items():
            if section not in _SECTIONS:
                self.lines.stray(section, value, _SECTIONS)
        blocks, activities = self.blocks(data.get("blocks", []))
        return Config(
            calling=self.calling(self.check.table(data, "calling")),
            sprint=self.sprint(self.check.table(data, "sprint")),
            goal=self.goal(self.check.table(data, "goal")),
            days=self.days(self.check.table(data, "days")),
            notify=self.notify(self.check.table(data, "notify")),
            days_off=self.days_off(self.check.table(data, "days_off")),
            experiments=self.experiments(self.check.table(data, "experiments")),
            blocks=blocks,
            activities=activities,
            variants=self.variants(data.get("variants", [])),
            objections=self.objections(data.get("objections", [])),
            keys=self.keys(self.check.table(data, "keys")),
        )

    def calling(self, values: dict[str, Any]) -> CallingSettings:
        self.check.only(values, CallingSettings, "calling")
        if "window" not in values:
            return CallingSettings()
        raw = values["window"]
        parts = raw.split("-") if isinstance(raw, str) else []
        if len(parts) != 2 or not all(HHMM.match(p.strip()) for p in parts):
            self.lines.fail("calling", "window", f'must look like "08:00-21:00", not {raw!r}')
        start, end = (self.check.clock_time(p.strip(), "calling", "window") for p in parts)
        if start == end:
            self.lines.fail("calling", "window", "must not start and end at the same time")
        return CallingSettings(window=TimeWindow(start, end))

    def sprint(self, values: dict[str, Any]) -> SprintSettings:
        self.check.only(values, SprintSettings, "sprint")
        d = SprintSettings()
        return SprintSettings(
            minutes=self.check.integer(values, SprintSettings, "sprint", "minutes"),
            break_minutes=self.check.integer(values, SprintSettings, "sprint", "break_minutes"),
            long_break_minutes=self.check.integer(
                values, SprintSettings, "sprint", "long_break_minutes"
            ),
            long_break_every=self.check.integer(
                values, SprintSettings, "sprint", "long_break_every"
            ),
            max_pause_minutes=self.check.integer(
                values, SprintSettings, "sprint", "max_pause_minutes"
            ),
            auto_next=self.check.boolean(values, "sprint", "auto_next", d.auto_next),
        )

    def goal(self, values: dict[str, Any]) -> GoalSettings:
        self.check.only(values, GoalSettings, "goal")
        return GoalSettings(
            sprints=self.check.integer(values, GoalSettings, "goal", "sprints"),
            dials=self.check.integer(values, GoalSettings, "goal", "dials"),
        )

    def days(self, values: dict[str, Any]) -> DaySettings:
        self.check.only(values, DaySettings, "days")
        d = DaySettings()
        working = d.working
        if "working" in values:
            working = self.check.weekdays(values["working"], "days", "working")
        zone = values.get("timezone")
        if zone is not None and (not isinstance(zone, str) or known_zone(zone) is None):
            self.lines.fail(
                "days", "timezone", f'must be an IANA zone like "Europe/Paris", not {zone!r}'
            )
        return DaySettings(
            working=working,
            start_hour=self.check.integer(values, DaySettings, "days", "start_hour"),
            timezone=zone,
        )

    def notify(self, values: dict[str, Any]) -> NotifySettings:
        self.check.only(values, NotifySettings, "notify")
        d = NotifySettings()
        evening = values.get("evening", d.evening)
        return NotifySettings(
            desktop=self.check.boolean(values, "notify", "desktop", d.desktop),
            nudge_after_minutes=self.check.integer(
                values, NotifySettings, "notify", "nudge_after_minutes"
            ),
            drift_minutes=self.check.integer(values, NotifySettings, "notify", "drift_minutes"),
            evening=None
            if evening is False
            else self.check.clock_time(evening, "notify", "evening"),
        )

    def experiments(self, values: dict[str, Any]) -> ExperimentSettings:
        self.check.only(values, ExperimentSettings, "experiments")
        assignment = values.get("assignment", ExperimentSettings().assignment)
        if assignment not in ASSIGNMENTS:
            choices = " or ".join(f'"{a}"' for a in ASSIGNMENTS)
            self.lines.fail("experiments", "assignment", f"must be {choices}, not {assignment!r}")
        return ExperimentSettings(
            assignment=str(assignment),
            window_days=self.check.integer(
                values, ExperimentSettings, "experiments", "window_days"
            ),
            loss_threshold=self.check.fraction(
                values, ExperimentSettings, "experiments", "loss_threshold"
            ),
        )

    def days_off(self, values: dict[str, Any]) -> DaysOff:
        self.check.only(values, DaysOff, "days_off")
        raw = values.get("dates", [])
        if not isinstance(raw, list):
            self.lines.fail(
                "days_off", "dates", 'must be a list like ["2026-12-24", "2026-12-28..2027-01-01"]'
            )
        return DaysOff(dates=tuple(self.check.date_span(item) for item in raw))

    def blocks(self, raw: Any) -> tuple[tuple[Block, ...], tuple[Activity, ...]]:
        blocks, activities = [], []
        kinds = ", ".join([*(c.value for c in Category), ACTIVITY])
        for i, values in enumerate(self.check.each_table(raw, "blocks")):
            name = values.get("category")
            activity = name == ACTIVITY
            # An activity's category says only that it is one: its other keys are Activity's.
            if activity:
                self.check.only(
                    {k: v for k, v in values.items() if k != "category"}, Activity, "blocks", i
                )
            else:
                self.check.only(values, Block, "blocks", i)
            # A list or a table is no category either (and cannot be looked up in a set).
            if not activity and (
                not isinstance(name, str) or name not in {c.value for c in Category}
            ):
                self.lines.fail("blocks", "category", f"must be one of {kinds}, not {name!r}", i)
            if "start" not in values:
                self.lines.fail("blocks", None, 'needs a start time like start = "09:00"', i)
            days = self.check.weekdays(values.get("days", list(WEEKDAYS[:5])), "blocks", "days", i)
            start = self.check.clock_time(values["start"], "blocks", "start", i)
            if activity:
                title = self.check.text(values, "blocks", "name", "", i, required=True).strip()
                minutes = self.check.integer(values, Activity, "blocks", "minutes", i)
                activities.append(Activity(title, days, start, minutes))
            else:
                minutes = self.check.integer(values, Block, "blocks", "minutes", i)
                blocks.append(Block(Category(str(name)), days, start, minutes))
        return tuple(blocks), tuple(activities)

    def variants(self, raw: Any) -> tuple[Variant, ...]:
        variants: list[Variant] = []
        for i, values in enumerate(self.check.each_table(raw, "variants")):
            self.check.only(values, Variant, "variants", i)
            name = self.check.text(values, "variants", "name", "", i, required=True).strip()
            if any(v.name == name for v in variants):
                self.lines.fail("variants", "name", f"{name!r} is used twice; names must differ", i)
            variants.append(
                Variant(
                    name=name,
                    opener=self.check.text(values, "variants", "opener", "", i),
                    offer=self.check.text(values, "variants", "offer", "", i),
                )
            )
        return tuple(variants)

    def objections(self, raw: Any) -> tuple[Objection, ...]:
        objections: list[Objection] = []
        for i, values in enumerate(self.check.each_table(raw, "objections")):
            if i == MAX_OBJECTIONS:
                self.lines.fail(
                    "objections",
                    None,
                    f"is one too many: one digit picks each, so {MAX_OBJECTIONS} at most",
                    i,
                )
            self.check.only(values, Objection, "objections", i)
            name = self.check.text(values, "objections", "name", "", i, required=True).strip()
            if any(o.name == name for o in objections):
                self.lines.fail(
                    "objections", "name", f"{name!r} is used twice; names must differ", i
                )
            answer = self.check.text(values, "objections", "answer", "", i, required=True)
            objections.append(Objection(name=name, answer=answer.strip()))
        return tuple(objections)

    def keys(self, values: dict[str, Any]) -> dict[str, tuple[str, ...]]:
        keys: dict[str, tuple[str, ...]] = {}
        for action, raw in values.items():
            chosen = [raw] if isinstance(raw, str) else raw
            if (
                not isinstance(chosen, list)
                or not chosen
                or not all(
                    isinstance(k, str) and k.strip() and " " not in k.strip() for k in chosen
                )
            ):
                self.lines.fail("keys", action, 'must be a key like "n" or a list like ["1", "n"]')
            keys[action] = tuple(k.strip() for k in chosen)
        try:
            check_keys(keys)
        except KeyMapError as error:
            self.lines.fail("keys", error.action, str(error))
        return keys
