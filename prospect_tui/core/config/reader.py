"""Reading ``config.toml`` into the schema's :class:`Config`, naming the line of any fault.

A wrong value is never replaced by its default behind the user's back: it
raises :class:`ConfigError` whose message names the key and its line, e.g.
``config.toml line 7: [sprint] minutes must be a whole number from 1 to
180, not "abc".`` Ranges and defaults come from the schema.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import fields
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, NoReturn

from prospect_tui.core.assignments import ASSIGNMENTS
from prospect_tui.core.categories import Category
from prospect_tui.core.config.schema import (
    ACTIVITY,
    CONFIG_FILE,
    MAX_DAYS_OFF_SPAN,
    Activity,
    Block,
    CallingSettings,
    Config,
    ConfigError,
    DateSpan,
    DaySettings,
    DaysOff,
    ExperimentSettings,
    GoalSettings,
    NotifySettings,
    SprintSettings,
    TimeWindow,
    Variant,
    limits,
)
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
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_HHMM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


class _Reader:
    """Turns the parsed TOML into a :class:`Config`, naming the line of any fault."""

    def __init__(self, text: str, filename: str) -> None:
        self.lines = text.splitlines()
        self.filename = filename

    # -- locating a key --------------------------------------------------------

    def line_of(self, section: str, key: str | None, index: int | None = None) -> int | None:
        """The 1-based line where ``key`` is set in ``[section]`` (or its header)."""
        header = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.\-]+)\s*\]\]?")
        assign = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=") if key else None
        current, count, header_line = None, -1, None
        for number, line in enumerate(self.lines, start=1):
            match = header.match(line)
            if match:
                current = match.group(1)
                if current == section:
                    count += 1
                    if index is None or count == index:
                        header_line = number
                continue
            in_place = current == section and (index is None or count == index)
            if assign and in_place and assign.match(line):
                return number
            if (
                assign
                and current is None
                and re.match(rf"^\s*{re.escape(section)}\s*\.\s*{re.escape(key or '')}\s*=", line)
            ):
                return number
            # A section written as a plain value: ``sprint = 25``.
            if (
                key is None
                and current is None
                and re.match(rf"^\s*\"?{re.escape(section)}\"?\s*=", line)
            ):
                return number
        return header_line

    def fail(
        self, section: str, key: str | None, problem: str, index: int | None = None
    ) -> NoReturn:
        line = self.line_of(section, key, index)
        where = f"{self.filename} line {line}" if line else self.filename
        place = f"[{section}]" if index is None else f"[[{section}]] #{index + 1}"
        subject = f"{place} {key}" if key else place
        raise ConfigError(
            f"{where}: {subject} {problem}.", section=section, key=key, index=index, problem=problem
        )

    # -- typed values ----------------------------------------------------------

    def table(self, data: Mapping[str, Any], section: str) -> dict[str, Any]:
        value = data.get(section, {})
        if not isinstance(value, dict):
            self.fail(section, None, "must be a table of settings")
        return dict(value)

    def only(
        self, values: Mapping[str, Any], allowed: type, section: str, i: int | None = None
    ) -> None:
        known = {f.name for f in fields(allowed)}
        for key in values:
            if key not in known:
                choices = ", ".join(sorted(known))
                self.fail(section, key, f"is not a setting (known: {choices})", i)

    def integer(
        self, values: Mapping[str, Any], schema: type, section: str, key: str, i: int | None = None
    ) -> int:
        low, high, default = limits(schema, key)
        value = values.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.fail(
                section, key, f"must be a whole number from {low} to {high}, not {value!r}", i
            )
        return int(value)

    def fraction(self, values: Mapping[str, Any], schema: type, section: str, key: str) -> float:
        low, high, default = limits(schema, key)
        value = values.get(key, default)
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not low <= value <= high
        ):
            self.fail(section, key, f"must be a number from {low} to {high}, not {value!r}")
        return float(value)

    def boolean(self, values: Mapping[str, Any], section: str, key: str, default: bool) -> bool:
        value = values.get(key, default)
        if not isinstance(value, bool):
            self.fail(section, key, f"must be true or false, not {value!r}")
        return bool(value)

    def clock_time(self, value: Any, section: str, key: str, i: int | None = None) -> time:
        if isinstance(value, time):
            return value.replace(tzinfo=None)
        match = _HHMM.match(value) if isinstance(value, str) else None
        if not match:
            self.fail(section, key, f'must be a time like "09:00", not {value!r}', i)
        return time(int(match.group(1)), int(match.group(2)))

    def weekdays(self, value: Any, section: str, key: str, i: int | None = None) -> tuple[str, ...]:
        if isinstance(value, str) or not isinstance(value, list) or not value:
            self.fail(section, key, 'must be a list of weekdays like ["mon", "tue"]', i)
        days = []
        for day in value:
            name = day.lower()[:3] if isinstance(day, str) else None
            if name not in WEEKDAYS:
                self.fail(section, key, f"has {day!r}, which is not a weekday (mon … sun)", i)
            days.append(name)
        return tuple(sorted(set(days), key=WEEKDAYS.index))

    def text(
        self,
        values: Mapping[str, Any],
        section: str,
        key: str,
        default: str,
        i: int | None = None,
        required: bool = False,
    ) -> str:
        if required and key not in values:
            self.fail(section, None, f"needs a {key}", i)
        value = values.get(key, default)
        if not isinstance(value, str):
            self.fail(section, key, f"must be text, not {value!r}", i)
        if required and not value.strip():
            self.fail(section, key, "must not be empty", i)
        return str(value)

    # -- sections --------------------------------------------------------------

    def config(self, data: Mapping[str, Any]) -> Config:
        for section, value in data.items():
            if section in _SECTIONS:
                continue
            known = ", ".join(_SECTIONS)
            if isinstance(value, dict):
                line = self.line_of(section, None)
                problem = f"[{section}] is not a section of the config (known: {known})"
            else:
                line = next(
                    (
                        n
                        for n, text in enumerate(self.lines, 1)
                        if re.match(rf"^\s*\"?{re.escape(section)}\"?\s*=", text)
                    ),
                    None,
                )
                problem = f"{section} is not a setting; settings go in sections ({known})"
            where = f"{self.filename} line {line}" if line else self.filename
            raise ConfigError(f"{where}: {problem}.")
        blocks, activities = self.blocks(data.get("blocks", []))
        return Config(
            calling=self.calling(self.table(data, "calling")),
            sprint=self.sprint(self.table(data, "sprint")),
            goal=self.goal(self.table(data, "goal")),
            days=self.days(self.table(data, "days")),
            notify=self.notify(self.table(data, "notify")),
            days_off=self.days_off(self.table(data, "days_off")),
            experiments=self.experiments(self.table(data, "experiments")),
            blocks=blocks,
            activities=activities,
            variants=self.variants(data.get("variants", [])),
            keys=self.keys(self.table(data, "keys")),
        )

    def calling(self, values: dict[str, Any]) -> CallingSettings:
        self.only(values, CallingSettings, "calling")
        if "window" not in values:
            return CallingSettings()
        raw = values["window"]
        parts = raw.split("-") if isinstance(raw, str) else []
        if len(parts) != 2 or not all(_HHMM.match(p.strip()) for p in parts):
            self.fail("calling", "window", f'must look like "08:00-21:00", not {raw!r}')
        start, end = (self.clock_time(p.strip(), "calling", "window") for p in parts)
        if start == end:
            self.fail("calling", "window", "must not start and end at the same time")
        return CallingSettings(window=TimeWindow(start, end))

    def sprint(self, values: dict[str, Any]) -> SprintSettings:
        self.only(values, SprintSettings, "sprint")
        d = SprintSettings()
        return SprintSettings(
            minutes=self.integer(values, SprintSettings, "sprint", "minutes"),
            break_minutes=self.integer(values, SprintSettings, "sprint", "break_minutes"),
            long_break_minutes=self.integer(values, SprintSettings, "sprint", "long_break_minutes"),
            long_break_every=self.integer(values, SprintSettings, "sprint", "long_break_every"),
            max_pause_minutes=self.integer(values, SprintSettings, "sprint", "max_pause_minutes"),
            auto_next=self.boolean(values, "sprint", "auto_next", d.auto_next),
        )

    def goal(self, values: dict[str, Any]) -> GoalSettings:
        self.only(values, GoalSettings, "goal")
        return GoalSettings(
            sprints=self.integer(values, GoalSettings, "goal", "sprints"),
            dials=self.integer(values, GoalSettings, "goal", "dials"),
        )

    def days(self, values: dict[str, Any]) -> DaySettings:
        self.only(values, DaySettings, "days")
        d = DaySettings()
        working = d.working
        if "working" in values:
            working = self.weekdays(values["working"], "days", "working")
        zone = values.get("timezone")
        if zone is not None and (not isinstance(zone, str) or known_zone(zone) is None):
            self.fail("days", "timezone", f'must be an IANA zone like "Europe/Paris", not {zone!r}')
        return DaySettings(
            working=working,
            start_hour=self.integer(values, DaySettings, "days", "start_hour"),
            timezone=zone,
        )

    def notify(self, values: dict[str, Any]) -> NotifySettings:
        self.only(values, NotifySettings, "notify")
        d = NotifySettings()
        evening = values.get("evening", d.evening)
        return NotifySettings(
            desktop=self.boolean(values, "notify", "desktop", d.desktop),
            nudge_after_minutes=self.integer(
                values, NotifySettings, "notify", "nudge_after_minutes"
            ),
            drift_minutes=self.integer(values, NotifySettings, "notify", "drift_minutes"),
            evening=None if evening is False else self.clock_time(evening, "notify", "evening"),
        )

    def experiments(self, values: dict[str, Any]) -> ExperimentSettings:
        self.only(values, ExperimentSettings, "experiments")
        assignment = values.get("assignment", ExperimentSettings().assignment)
        if assignment not in ASSIGNMENTS:
            choices = " or ".join(f'"{a}"' for a in ASSIGNMENTS)
            self.fail("experiments", "assignment", f"must be {choices}, not {assignment!r}")
        return ExperimentSettings(
            assignment=str(assignment),
            window_days=self.integer(values, ExperimentSettings, "experiments", "window_days"),
            loss_threshold=self.fraction(
                values, ExperimentSettings, "experiments", "loss_threshold"
            ),
        )

    def each_table(self, raw: Any, section: str) -> list[dict[str, Any]]:
        if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
            self.fail(section, None, f"must be written as [[{section}]] tables")
        return list(raw)

    def days_off(self, values: dict[str, Any]) -> DaysOff:
        self.only(values, DaysOff, "days_off")
        raw = values.get("dates", [])
        if not isinstance(raw, list):
            self.fail(
                "days_off", "dates", 'must be a list like ["2026-12-24", "2026-12-28..2027-01-01"]'
            )
        return DaysOff(dates=tuple(self.date_span(item) for item in raw))

    def date_span(self, item: Any) -> DateSpan:
        """``"2026-12-24"``, ``"2026-12-24..2026-12-31"`` or a TOML date."""
        expected = 'a date like "2026-12-24" or a range like "2026-12-24..2026-12-31"'
        if isinstance(item, date) and not isinstance(item, datetime):
            return DateSpan(item, item)
        ends = [end.strip() for end in item.split("..")] if isinstance(item, str) else []
        if not 1 <= len(ends) <= 2 or not all(_ISO_DATE.match(end) for end in ends):
            self.fail("days_off", "dates", f"has {item!r}, which is not {expected}")
        try:
            first, last = date.fromisoformat(ends[0]), date.fromisoformat(ends[-1])
        except ValueError:
            self.fail("days_off", "dates", f"has {item!r}, which is not a day of the calendar")
        if last < first:
            self.fail("days_off", "dates", f"has {item!r}, which ends before it begins")
        if (last - first).days >= MAX_DAYS_OFF_SPAN:
            self.fail(
                "days_off",
                "dates",
                f"has {item!r}, which is longer than {MAX_DAYS_OFF_SPAN} days; "
                "write one range per year",
            )
        return DateSpan(first, last)

    def blocks(self, raw: Any) -> tuple[tuple[Block, ...], tuple[Activity, ...]]:
        blocks, activities = [], []
        kinds = ", ".join([*(c.value for c in Category), ACTIVITY])
        for i, values in enumerate(self.each_table(raw, "blocks")):
            name = values.get("category")
            activity = name == ACTIVITY
            # An activity's category says only that it is one: its other keys are Activity's.
            if activity:
                self.only(
                    {k: v for k, v in values.items() if k != "category"}, Activity, "blocks", i
                )
            else:
                self.only(values, Block, "blocks", i)
            if not activity and name not in {c.value for c in Category}:
                self.fail("blocks", "category", f"must be one of {kinds}, not {name!r}", i)
            if "start" not in values:
                self.fail("blocks", None, 'needs a start time like start = "09:00"', i)
            days = self.weekdays(values.get("days", list(WEEKDAYS[:5])), "blocks", "days", i)
            start = self.clock_time(values["start"], "blocks", "start", i)
            if activity:
                title = self.text(values, "blocks", "name", "", i, required=True).strip()
                minutes = self.integer(values, Activity, "blocks", "minutes", i)
                activities.append(Activity(title, days, start, minutes))
            else:
                minutes = self.integer(values, Block, "blocks", "minutes", i)
                blocks.append(Block(Category(str(name)), days, start, minutes))
        return tuple(blocks), tuple(activities)

    def variants(self, raw: Any) -> tuple[Variant, ...]:
        variants: list[Variant] = []
        for i, values in enumerate(self.each_table(raw, "variants")):
            self.only(values, Variant, "variants", i)
            name = self.text(values, "variants", "name", "", i, required=True).strip()
            if any(v.name == name for v in variants):
                self.fail("variants", "name", f"{name!r} is used twice; names must differ", i)
            variants.append(
                Variant(
                    name=name,
                    opener=self.text(values, "variants", "opener", "", i),
                    offer=self.text(values, "variants", "offer", "", i),
                )
            )
        return tuple(variants)

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
                self.fail("keys", action, 'must be a key like "n" or a list like ["1", "n"]')
            keys[action] = tuple(k.strip() for k in chosen)
        try:
            check_keys(keys)
        except KeyMapError as error:
            self.fail("keys", error.action, str(error))
        return keys
