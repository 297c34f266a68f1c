"""The keys of the current screen on one line: what Textual's Footer shows, drawn as one widget.

Textual's Footer builds a widget per key and rebuilds them all whenever a
binding changes; on the home screen that was a third of the time to the
first frame. This bar reads the same ``active_bindings`` (so remapped keys and
disabled actions look the same) and redraws one line of text.
"""

from __future__ import annotations

from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from prospect_tui.widgets.text import fill


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

    def _changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self.draw)

    def draw(self) -> None:
        """One entry per shown action: its first key, then what it does."""
        parts: list[Content] = []
        seen: set[str] = set()
        for _, binding, enabled, _ in self.screen.active_bindings.values():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            template = "[b $accent]$key[/] $what" if enabled else "[dim]$key $what[/]"
            key = self.app.get_key_display(binding)  # keys come from the user's config
            parts.append(fill(template, key=key, what=binding.description))
        # Keys are coloured: one space between entries reads fine.
        self.update(Content(" ").join(parts), layout=False)
