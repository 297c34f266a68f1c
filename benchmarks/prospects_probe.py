"""Launched by ``run.py`` under a pseudo-terminal: the real app's prospects screen.

``python prospects_probe.py keys FD`` starts Prospect as the ``prospect``
command does, opens the prospects screen (``p``) as soon as the home screen
has read the workspace, and reports on file descriptor FD:

* ``ready <ms>`` when the whole list is on screen, counted from the moment
  the screen was opened;
* for every cursor key the parent types, ``key <ms>``: from the moment the
  key reaches the table's handler to the moment the frame with the moved
  cursor has been written to the terminal.
"""

from __future__ import annotations

import os
import sys
import time


def _say(fd: int, line: str) -> None:
    os.write(fd, f"{line}\n".encode())


def main(mode: str, fd: int) -> int:
    """Prospect's own entry point, with reporting hooks added."""
    del mode  # one mode; kept so run.py launches every probe the same way
    # prospect_tui.app first, as the `prospect` command does: it sets TEXTUAL_FPS.
    from prospect_tui.app import ProspectApp
    from prospect_tui.screens.home import HomeScreen
    from prospect_tui.screens.prospects import ProspectsScreen
    from prospect_tui.widgets.prospect_table import ProspectTable

    shown, loaded = HomeScreen.show, ProspectsScreen._loaded
    move, display = ProspectTable.action_move, ProspectApp._display
    moments: dict[str, float] = {}

    async def show(self: HomeScreen, summary: object) -> None:
        await shown(self, summary)  # type: ignore[arg-type]
        if "opened" not in moments:
            moments["opened"] = time.perf_counter()
            self.app.push_screen(ProspectsScreen())

    def _loaded(self: ProspectsScreen, roster: object) -> None:
        loaded(self, roster)  # type: ignore[arg-type]
        moments["loaded"] = time.perf_counter()

    def action_move(self: ProspectTable, step: int) -> None:
        moments["key"] = time.perf_counter()
        move(self, step)

    def _display(self: ProspectApp, screen: object, renderable: object) -> None:
        display(self, screen, renderable)  # type: ignore[arg-type]
        if renderable is None:
            return
        now = time.perf_counter()
        if "loaded" in moments and "ready" not in moments:
            moments["ready"] = now
            _say(fd, f"ready {(now - moments['opened']) * 1000:.1f}")
        elif "key" in moments:
            _say(fd, f"key {(now - moments.pop('key')) * 1000:.3f}")

    HomeScreen.show = show  # type: ignore[method-assign]
    ProspectsScreen._loaded = _loaded  # type: ignore[method-assign]
    ProspectTable.action_move = action_move  # type: ignore[method-assign]
    ProspectApp._display = _display  # type: ignore[method-assign]
    from prospect_tui.__main__ import main as prospect

    return prospect([])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2])))
