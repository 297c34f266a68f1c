"""The keys of the current screen on one line: what Textual's Footer shows, drawn as one widget.

Textual's Footer builds a widget per key and rebuilds them all whenever a
binding changes; on the home screen that was a third of the time to the
first frame. This bar reads the same ``active_bindings`` (so remapped keys
show) and redraws one line of text.

It follows the state: a key whose action cannot apply now (the screen's
``check_action`` says no, or greys it out) is not shown at all, and a screen
may name a key for what it does now (pause reads Resume while paused). The
help key sits at the right end, where a narrow terminal does not cut it off;
the other entries are shown whole or not at all, the first ones first.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from prospect_tui.widgets.text import fill

HELP = "help"
"""The help's action id: drawn last, at the right end."""


@runtime_checkable
class Labels(Protocol):
    """A screen that names some keys by what they do in its current state."""

    def key_label(self, action: str, label: str) -> str:
        """The label to show for ``action`` now."""
        ...


def fitting(parts: list[Content], room: int) -> list[Content]:
    """The entries, in order, that fit ``room`` cells whole: the first (the most used) have
    the room first, and a later, shorter one may still fit where a longer did not.
    A cut entry would name a key without what it does (or not at all)."""
    kept: list[Content] = []
    used = -1  # no space before the first entry
    for part in parts:
        if used + 1 + part.cell_length <= room:
            kept.append(part)
            used += 1 + part.cell_length
    return kept


class KeyBar(Static):
    """``s Sprint  p Prospects  …`` for the screen it is on."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        padding: 0 1;
        background: $panel;
        color: $text-muted;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._changed)
        self.draw()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def on_resize(self) -> None:
        self.draw()

    def _changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self.draw)

    def draw(self) -> None:
        """One entry per action that can apply now: its first key, then what it does."""
        parts: list[Content] = []
        help_part: Content | None = None
        seen: set[str] = set()
        for _, binding, enabled, _ in self.screen.active_bindings.values():
            if not binding.show or not enabled or binding.action in seen:
                continue
            seen.add(binding.action)
            part = self._part(binding)
            if binding.id == HELP:
                help_part = part
            else:
                parts.append(part)
        room = self.content_region.width
        if help_part is not None:
            room -= help_part.cell_length + 1
        # Keys are coloured: one space between entries reads fine.
        line = Content(" ").join(fitting(parts, room))
        line = line.pad_right(max(room - line.cell_length, 0))
        if help_part is not None:
            line = Content(" ").join([line, help_part]) if parts else help_part
        self.update(line, layout=False)

    def _part(self, binding: Binding) -> Content:
        what = binding.description
        screen = self.screen
        if binding.id and isinstance(screen, Labels):
            what = screen.key_label(binding.id, what)
        key = self.app.get_key_display(binding)  # keys come from the user's config
        return fill("[b $accent]$key[/] $what", key=key, what=what)
