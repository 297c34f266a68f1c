"""Checking one value of ``config.toml`` against the schema, naming its line if it is wrong.

Numbers in their range, true or false, times like ``"09:00"``, weekdays,
text, dates and ranges of dates, lists of ``[[tables]]``: each check returns
the typed value or raises the :class:`ConfigError` of
:meth:`ConfigLines.fail`. A wrong value is never replaced by its default.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import fields
from datetime import date, datetime, time
from typing import Any

from prospect_tui.core.config.lines import ConfigLines
from prospect_tui.core.config.schema import MAX_DAYS_OFF_SPAN, DateSpan, limits
from prospect_tui.core.days import WEEKDAYS

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
HHMM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
"""A time of day as the config writes it: ``9:00``, ``09:00``, ``21:30``."""


class ValueReader:
    """Typed values out of the parsed TOML; a value of the wrong kind or range is a fault."""

    def __init__(self, lines: ConfigLines) -> None:
        self.lines = lines

    def table(self, data: Mapping[str, Any], section: str) -> dict[str, Any]:
        """``data[section]`` as a table of settings (none: an empty one)."""
        value = data.get(section, {})
        if not isinstance(value, dict):
            self.lines.fail(section, None, "must be a table of settings")
        return dict(value)

    def only(
        self, values: Mapping[str, Any], allowed: type, section: str, i: int | None = None
    ) -> None:
        """Fault the first key of ``values`` that ``allowed`` has no setting for."""
        known = {f.name for f in fields(allowed)}
        for key in values:
            if key not in known:
                choices = ", ".join(sorted(known))
                self.lines.fail(section, key, f"is not a setting (known: {choices})", i)

    def integer(
        self, values: Mapping[str, Any], schema: type, section: str, key: str, i: int | None = None
    ) -> int:
        """The whole number ``key`` within the schema's range (absent: its default)."""
        low, high, default = limits(schema, key)
        value = values.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.lines.fail(
                section, key, f"must be a whole number from {low} to {high}, not {value!r}", i
            )
        return int(value)

    def fraction(self, values: Mapping[str, Any], schema: type, section: str, key: str) -> float:
        """The number ``key`` within the schema's range (absent: its default)."""
        low, high, default = limits(schema, key)
        value = values.get(key, default)
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not low <= value <= high
        ):
            self.lines.fail(section, key, f"must be a number from {low} to {high}, not {value!r}")
        return float(value)

    def boolean(self, values: Mapping[str, Any], section: str, key: str, default: bool) -> bool:
        """``key`` as true or false (absent: ``default``)."""
        value = values.get(key, default)
        if not isinstance(value, bool):
            self.lines.fail(section, key, f"must be true or false, not {value!r}")
        return bool(value)

    def clock_time(self, value: Any, section: str, key: str, i: int | None = None) -> time:
        """A time of day written ``"09:00"`` or as a TOML time."""
        if isinstance(value, time):
            return value.replace(tzinfo=None)
        match = HHMM.match(value) if isinstance(value, str) else None
        if not match:
            self.lines.fail(section, key, f'must be a time like "09:00", not {value!r}', i)
        return time(int(match.group(1)), int(match.group(2)))

    def weekdays(self, value: Any, section: str, key: str, i: int | None = None) -> tuple[str, ...]:
        """A non-empty list of weekdays, in week order, each once."""
        if isinstance(value, str) or not isinstance(value, list) or not value:
            self.lines.fail(section, key, 'must be a list of weekdays like ["mon", "tue"]', i)
        days = []
        for day in value:
            name = day.lower()[:3] if isinstance(day, str) else None
            if name not in WEEKDAYS:
                self.lines.fail(section, key, f"has {day!r}, which is not a weekday (mon … sun)", i)
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
        """The text ``key``; ``required``: it must be there and not blank."""
        if required and key not in values:
            self.lines.fail(section, None, f"needs a {key}", i)
        value = values.get(key, default)
        if not isinstance(value, str):
            self.lines.fail(section, key, f"must be text, not {value!r}", i)
        if required and not value.strip():
            self.lines.fail(section, key, "must not be empty", i)
        return str(value)

    def each_table(self, raw: Any, section: str) -> list[dict[str, Any]]:
        """``raw`` as the list of its ``[[section]]`` tables."""
        if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
            self.lines.fail(section, None, f"must be written as [[{section}]] tables")
        return list(raw)

    def date_span(self, item: Any) -> DateSpan:
        """``"2026-12-24"``, ``"2026-12-24..2026-12-31"`` or a TOML date."""
        expected = 'a date like "2026-12-24" or a range like "2026-12-24..2026-12-31"'
        if isinstance(item, date) and not isinstance(item, datetime):
            return DateSpan(item, item)
        ends = [end.strip() for end in item.split("..")] if isinstance(item, str) else []
        if not 1 <= len(ends) <= 2 or not all(_ISO_DATE.match(end) for end in ends):
            self.lines.fail("days_off", "dates", f"has {item!r}, which is not {expected}")
        try:
            first, last = date.fromisoformat(ends[0]), date.fromisoformat(ends[-1])
        except ValueError:
            self.lines.fail(
                "days_off", "dates", f"has {item!r}, which is not a day of the calendar"
            )
        if last < first:
            self.lines.fail("days_off", "dates", f"has {item!r}, which ends before it begins")
        if (last - first).days >= MAX_DAYS_OFF_SPAN:
            self.lines.fail(
                "days_off",
                "dates",
                f"has {item!r}, which is longer than {MAX_DAYS_OFF_SPAN} days; "
                "write one range per year",
            )
        return DateSpan(first, last)
