"""Where a setting is written in ``config.toml``, and the sentence that names its line.

A fault found in the parsed TOML is told by the line the user wrote it on,
e.g. ``config.toml line 7: [sprint] minutes must be a whole number from 1 to
180, not "abc".`` TOML's parser keeps no lines, so they are found again in
the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, NoReturn

from prospect_tui.core.config.schema import ConfigError

_BARE = re.compile(r"^[A-Za-z0-9_\-]+$")
_ESCAPES = {
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
    '"': '\\"',
    "\\": "\\\\",
}


def shown(name: str) -> str:
    """A key or table name as TOML would write it: bare, or quoted with its control
    characters escaped, so the user's text can neither break the sentence's line
    nor send an escape sequence to the terminal."""
    if _BARE.match(name):
        return name
    return '"' + "".join(_escaped(c) for c in name) + '"'


def _escaped(char: str) -> str:
    if char in _ESCAPES:
        return _ESCAPES[char]
    if char.isprintable():
        return char
    return f"\\u{ord(char):04x}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08x}"


class ConfigLines:
    """The text of a config file, to name the line of a faulty setting."""

    def __init__(self, text: str, filename: str) -> None:
        self.lines = text.splitlines()
        self.filename = filename

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
        """Raise the :class:`ConfigError` that names ``key`` (or the section) and its line."""
        line = self.line_of(section, key, index)
        where = f"{self.filename} line {line}" if line else self.filename
        name = shown(section)
        place = f"[{name}]" if index is None else f"[[{name}]] #{index + 1}"
        subject = f"{place} {shown(key)}" if key else place
        raise ConfigError(
            f"{where}: {subject} {problem}.", section=section, key=key, index=index, problem=problem
        )

    def stray(self, section: str, value: Any, sections: Sequence[str]) -> NoReturn:
        """A top-level ``section`` that is none of ``sections``: a table or a bare value."""
        known, name = ", ".join(sections), shown(section)
        if isinstance(value, dict):
            line = self.line_of(section, None)
            problem = f"[{name}] is not a section of the config (known: {known})"
        else:
            line = next(
                (
                    n
                    for n, text in enumerate(self.lines, 1)
                    if re.match(rf"^\s*\"?{re.escape(section)}\"?\s*=", text)
                ),
                None,
            )
            problem = f"{name} is not a setting; settings go in sections ({known})"
        where = f"{self.filename} line {line}" if line else self.filename
        raise ConfigError(f"{where}: {problem}.")
