"""Changing ``config.toml`` as text, keeping the user's comments, key order and other keys.

Pure: these functions take the file's text and return the new text (tomlkit
edits the document in place, so whatever the change does not touch stays
byte for byte). The result is checked by the reader
(:func:`~prospect_tui.core.config.parse_config`), the same rules a
hand-edited file meets; the store writes it (:mod:`prospect_tui.store.config_file`).

Values arrive as the user typed them (:class:`PlanField` turns a field's text
into the TOML value): a wrong one is written into the candidate text and the
reader names it, so the app and the file share one set of rules.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import time
from typing import Any, Literal

import tomlkit
import tomlkit.items

from prospect_tui.core.categories import Category
from prospect_tui.core.config.reader import parse_config
from prospect_tui.core.config.schema import ACTIVITY, Config, ConfigError, DateSpan, help_text
from prospect_tui.core.days import WEEKDAYS

FieldKind = Literal["number", "weekdays", "dates", "text"]


@dataclass(frozen=True, slots=True)
class PlanField:
    """One setting the plan screen edits: where it lives, how it reads and is typed."""

    section: str
    key: str
    label: str
    kind: FieldKind
    unit: str = ""

    @property
    def id(self) -> str:
        """A name for the field's widgets: ``goal-sprints``."""
        return f"{self.section}-{self.key}".replace("_", "-")

    def to_toml(self, typed: str) -> Any:
        """The TOML value for what the user typed; left as text where it does not read.

        ``"abc"`` for a number stays ``"abc"``, so the reader's sentence shows it.
        """
        typed = typed.strip()
        if self.kind == "number":
            return int(typed) if re.fullmatch(r"[+-]?\d{1,9}", typed) else typed
        if self.kind in ("weekdays", "dates"):
            return [part for part in re.split(r"[,\s]+", typed) if part]
        return typed

    def shown(self, config: Config) -> str:
        """The setting's value in ``config``, as the field shows it."""
        value = getattr(getattr(config, self.section), self.key)
        if self.kind == "weekdays":
            return " ".join(value)
        if self.kind == "dates":
            return ", ".join(str(span) for span in value)
        return str(value)

    def help(self) -> str:
        """The schema's one line on this setting."""
        schema = type(getattr(Config(), self.section))
        return help_text(schema, self.key)


PLAN_FIELDS: tuple[PlanField, ...] = (
    PlanField("goal", "sprints", "Sprints a day", "number"),
    PlanField("goal", "dials", "Dials a day", "number"),
    PlanField("days", "working", "Working days", "weekdays"),
    PlanField("days", "start_hour", "Day starts at", "number", "h"),
    PlanField("days_off", "dates", "Days off", "dates"),
    PlanField("sprint", "minutes", "Sprint", "number", "min"),
    PlanField("sprint", "break_minutes", "Break", "number", "min"),
    PlanField("sprint", "long_break_minutes", "Long break", "number", "min"),
    PlanField("calling", "window", "Calling window", "text"),
)
"""The plan screen's settings, in the order it shows them."""

BLOCK_KEYS: tuple[str, ...] = ("category", "name", "days", "start", "minutes")
"""The keys of a ``[[blocks]]`` table, in the order the writer puts them."""

BlockRow = tuple[int | None, Mapping[str, Any] | None]
"""A block of the edited plan: its position among the file's ``[[blocks]]`` (None: a new
one) and its new values (None: unchanged)."""


def raw_blocks(text: str) -> list[dict[str, Any]]:
    """The ``[[blocks]]`` tables of ``text`` as written, in file order."""
    tables = tomllib.loads(text).get("blocks", [])
    return [dict(t) for t in tables if isinstance(t, dict)] if isinstance(tables, list) else []


def block_text(values: Mapping[str, Any]) -> dict[str, str]:
    """A raw block's values as the block dialog's fields show them."""
    start = values.get("start", "")
    days = values.get("days", list(WEEKDAYS[:5]))
    return {
        "category": str(values.get("category", "calling")),
        "name": str(values.get("name", "")),
        "days": " ".join(str(d) for d in days) if isinstance(days, list) else str(days),
        "start": f"{start:%H:%M}" if isinstance(start, time) else str(start),
        "minutes": str(values.get("minutes", 60)),
    }


def block_values(typed: Mapping[str, str]) -> dict[str, Any]:
    """The ``[[blocks]]`` table for what the block dialog holds (a name only for an activity)."""
    values: dict[str, Any] = {"category": typed.get("category", "").strip()}
    if values["category"] == "activity":
        values["name"] = typed.get("name", "").strip()
    values["days"] = PlanField("blocks", "days", "Days", "weekdays").to_toml(typed.get("days", ""))
    values["start"] = typed.get("start", "").strip()
    values["minutes"] = PlanField("blocks", "minutes", "Minutes", "number").to_toml(
        typed.get("minutes", "")
    )
    return values


def edit_plan(
    text: str,
    settings: Mapping[tuple[str, str], Any],
    blocks: Sequence[BlockRow] | None = None,
) -> str:
    """``text`` with ``settings`` ((section, key) → value) set and the blocks as ``blocks``.

    A setting already in the file is changed where it is, keeping its comment;
    a new one goes into its section (made at the end if missing). Blocks keep
    their tables (and comments) when kept; removed ones go, new ones are added
    after the last. ``blocks`` None leaves them alone.
    """
    document = tomlkit.parse(text)
    for (section, key), value in settings.items():
        table = document.get(section)
        if table is None:
            _blank_line(document)
            table = tomlkit.table()
            document.add(section, table)
        if not isinstance(table, Mapping):  # ``sprint = 25``: the reader names it
            continue
        table[key] = value  # type: ignore[index]
    if blocks is not None:
        _set_blocks(document, blocks)
    return tomlkit.dumps(document)


def _set_blocks(document: tomlkit.TOMLDocument, rows: Sequence[BlockRow]) -> None:
    existing = document.get("blocks")
    if not isinstance(existing, list):
        existing = None
    kept = {origin for origin, _ in rows if origin is not None}
    if existing is not None:
        # Backwards, so the positions still to visit do not move.
        for index in reversed(range(len(existing))):
            if index not in kept:
                del existing[index]
    new_position = {origin: n for n, origin in enumerate(sorted(kept))}
    for origin, values in rows:
        if origin is not None and existing is not None:
            if values is not None:
                _update(existing[new_position[origin]], values)
            continue
        table = tomlkit.table()
        for key in BLOCK_KEYS:
            if key in (values or {}):
                table[key] = (values or {})[key]
        if existing is None:
            _blank_line(document)
            document.append("blocks", tomlkit.aot())
            existing = document["blocks"]
        else:
            # A blank line before the table that followed the file's last block.
            table.add(tomlkit.nl())
        assert existing is not None
        existing.append(table)


def _blank_line(document: tomlkit.TOMLDocument) -> None:
    """Separate what is added at the end from what the file already holds."""
    if document.body and not tomlkit.dumps(document).endswith("\n\n"):
        document.add(tomlkit.nl())


def _update(table: Any, values: Mapping[str, Any]) -> None:
    for key in [k for k in table if k not in values]:
        del table[key]
    for key in BLOCK_KEYS:
        if key in values and _plain(table.get(key)) != values[key]:
            table[key] = values[key]


def _plain(value: Any) -> Any:
    return value.unwrap() if isinstance(value, tomlkit.items.Item) else value


def add_missing(text: str, extra: str) -> str:
    """``text`` with what ``extra`` sets and ``text`` does not: the user's values win.

    A section missing from ``text`` is added whole; a section both have gets
    only the keys it lacks; ``[[tables]]`` (blocks, variants) are added only
    where the user has none, so a plan of theirs is never mixed with another.
    """
    document = tomlkit.parse(text)
    for name, value in tomlkit.parse(extra).body:
        if name is None:
            continue
        key = name.key
        if key not in document:
            _blank_line(document)
            document.append(key, value)
        elif isinstance(value, tomlkit.items.Table) and isinstance(document[key], Mapping):
            mine = document[key]
            for inner, item in value.items():
                if inner not in mine:
                    mine[inner] = item
    return tomlkit.dumps(document)


def days_off_text(spans: Sequence[DateSpan]) -> str:
    """Days off as the plan's field shows them."""
    return ", ".join(str(span) for span in spans)


def check_block(values: Mapping[str, Any]) -> ConfigError | None:
    """What the reader says of one ``[[blocks]]`` table on its own, or None if it reads."""
    try:
        parse_config(edit_plan("", {}, [(None, values)]))
    except ConfigError as error:
        return error
    return None


def describe_block(values: Mapping[str, Any]) -> tuple[str, str, str]:
    """(kind, when, name) of a raw block as the plan lists it: ``Mon–Fri 09:00 60 min``."""
    shown = block_text(values)
    kind = shown["category"]
    label = "Activity" if kind == ACTIVITY else _LABELS.get(kind, kind)
    days = shown["days"].split()
    if days == list(WEEKDAYS[:5]):
        span = "Mon–Fri"
    elif days == list(WEEKDAYS):
        span = "Every day"
    else:
        span = " ".join(d.capitalize() for d in days)
    return label, f"{span} {shown['start']} {shown['minutes']} min", shown["name"]


_LABELS = {c.value: c.label for c in Category}
