"""The help (``?`` on every screen): that screen's keys, from the key map, grouped.

It is a modal over the screen, which keeps running beneath it: a sprint's
countdown goes on, and no key of the screen below reaches it while the help
is up (an outcome key pressed here does nothing). ``escape`` or the help key
closes it. It lists what acts now, by the footer's rule (:func:`acting`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from prospect_tui.core.key_help import HelpLine, HelpSection
from prospect_tui.dialogs.base import Dialog
from prospect_tui.keymap import bindings, key_for, shown_key
from prospect_tui.services import services_of
from prospect_tui.widgets.text import fill, plain

CHROME_ROWS = 4
"""The dialog's border and its hint line, around the sections."""
CHROME_COLUMNS = 4
"""The dialog's border and padding, left and right."""
MIN_WIDTH = 64
"""Wide enough for the hint on one line."""


@dataclass(frozen=True, slots=True)
class Layout:
    """How the help fits the terminal: in one or two columns, with or without explanations."""

    columns: int
    explain: bool
    key_width: int
    width: int


def layout(sections: Sequence[HelpSection], width: int, height: int) -> Layout:
    """One column with explanations if it fits; else two, explained only if they fit across."""
    lines = [line for section in sections for line in section.lines]
    key_width = max((len(_keys(line)) for line in lines), default=1)
    said = max((len(_said(line, explain=True)) for line in lines), default=1)
    bare = max((len(line.label) for line in lines), default=1)
    column = key_width + 1 + said + 2  # the key, a gutter, what it does, the column's padding
    rows = sum(len(s.lines) + 2 for s in sections) + CHROME_ROWS  # title and a blank line each
    if (rows <= height and column + CHROME_COLUMNS <= width) or len(sections) < 2:
        return Layout(1, True, key_width, min(max(column + CHROME_COLUMNS, MIN_WIDTH), width))
    explain = 2 * column + CHROME_COLUMNS <= width
    if not explain:
        column = key_width + 1 + bare + 2
    return Layout(2, explain, key_width, min(max(2 * column + CHROME_COLUMNS, MIN_WIDTH), width))


def acting(screen: Screen[object]) -> frozenset[str]:
    """The ids of the actions ``screen``'s keys (and the app's) can act on now.

    The footer's rule: an action is live unless the ``check_action`` of the node that
    binds it says no (``False``) or greys it out (``None``). Read over every widget of
    the screen, focused or not, as the help lists them all.
    """
    app = screen.app
    live: set[str] = set()
    for node in (app, screen, *screen.query("*")):
        for key_bindings in node._bindings.key_to_bindings.values():
            for binding in key_bindings:
                # The very check Screen.active_bindings (the footer's source) makes.
                if binding.id and app._check_action_state(binding.action, node):
                    live.add(binding.id)
    return frozenset(live)


class HelpDialog(Dialog[None]):
    """The keys of the screen it was opened on, section by section."""

    BINDINGS = [
        *bindings("help_dialog", actions={"close_help": "close"}),
        *bindings("help", actions={"help": "close"}),
    ]

    def __init__(self, where: str, sections: Sequence[HelpSection]) -> None:
        super().__init__()
        self.where = where
        self.sections = tuple(sections)

    def compose(self) -> ComposeResult:
        config = services_of(self.app).config
        fit = layout(self.sections, self.app.size.width, self.app.size.height)
        with Vertical(id="help-dialog") as dialog:
            dialog.border_title = f"Keys · {self.where}"
            dialog.styles.width = fit.width
            yield Static(
                fill(
                    "[dim]$close or $help close · remap keys under \\[keys] in config.toml[/]",
                    close=key_for("help_dialog", "close_help", config),
                    help=key_for("help", "help", config),
                ),
                id="help-hint",
            )
            with VerticalScroll(id="help-body"), Horizontal(id="help-columns"):
                for part in _split(self.sections, fit.columns):
                    with Vertical(classes="help-column"):
                        for section in part:
                            yield Static(plain(section.title, "bold"), classes="help-title")
                            with Grid(classes="help-keys") as grid:
                                grid.styles.grid_columns = f"{fit.key_width} 1fr"
                                for line in section.lines:
                                    yield Static(
                                        plain(_keys(line), "bold $accent"), classes="help-key"
                                    )
                                    yield Static(
                                        fill(
                                            "$label[dim]$explain[/]",
                                            label=line.label,
                                            explain=_said(line, fit.explain)[len(line.label) :],
                                        ),
                                        classes="help-what",
                                    )

    def action_close(self) -> None:
        self.dismiss(None)


def _keys(line: HelpLine) -> str:
    return " ".join(shown_key(k) for k in line.keys)


def _said(line: HelpLine, explain: bool) -> str:
    """The label, and its explanation if there is one and room for it."""
    return f"{line.label} — {line.explain}" if explain and line.explain else line.label


def _split(sections: tuple[HelpSection, ...], columns: int) -> list[tuple[HelpSection, ...]]:
    """The sections in ``columns`` runs of about equal height, in order."""
    if columns == 1:
        return [sections]
    heights = [len(s.lines) + 1 for s in sections]
    half = sum(heights) / 2
    best = min(range(1, len(sections)), key=lambda n: abs(sum(heights[:n]) - half))
    return [sections[:best], sections[best:]]
