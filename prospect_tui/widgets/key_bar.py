"""The keys of the current screen on one line: what Textual's Footer shows, drawn as one widget.

Textual's Footer builds a widget per key and rebuilds them all whenever a
binding changes; on the home screen that was a third of the time to the
first frame. This bar reads the same ``active_bindings`` (so remapped keys
show) and redraws one line of text.

It follows the state: a key whose action cannot apply now (the screen's
``check_action`` says no, or greys it out) is not shown at all, and a screen
may name a key for what it does now (pause reads Resume while paused). The
help key sits at the right end, where a narrow terminal does not cut it off.
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
        # Keys are coloured: one space between entries reads fine.
        line = Content(" ").join(parts)
        if help_part is not None:
            room = self.content_region.width - help_part.cell_length - 1
            if room > 0:
                line = line.truncate(room, ellipsis=True, pad=True)
            line = Content(" ").join([line, help_part]) if parts else help_part
        self.update(line, layout=False)

    def _part(self, binding: Binding) -> Content:
        what = binding.description
        screen = self.screen
        if binding.id and isinstance(screen, Labels):
            what = screen.key_label(binding.id, what)
        key = self.app.get_key_display(binding)  # keys come from the user's config
        return fill("[b $accent]$key[/] $what", key=key, what=what)
