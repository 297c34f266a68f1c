"""Launched by ``run.py`` under a pseudo-terminal: the real app, a real sprint.

``python sprint_probe.py keys FD`` and ``python sprint_probe.py clock FD``
start Prospect as the ``prospect`` command does, open a sprint as soon as the
home screen has read the workspace, and report on file descriptor FD:

* ``ready <rss kB>`` when the sprint screen is up (peak memory so far);
* in ``keys`` mode, for every outcome key the parent types into the terminal,
  ``key <ms>``: from the moment the key reaches the sprint screen's handler
  to the moment the frame showing the next prospect has been written to the
  terminal;
* in ``clock`` mode, twice a second, ``shown <mm:ss> true <seconds>``: what
  the countdown displays and the time really left — the parent stops the
  process with SIGSTOP to play a suspended laptop.
"""

from __future__ import annotations

import os
import sys
import time
from typing import cast


def _say(fd: int, line: str) -> None:
    os.write(fd, f"{line}\n".encode())


def main(mode: str, fd: int) -> int:
    """Prospect's own entry point, with reporting hooks added."""
    # prospect_tui.app before any textual import, as the `prospect` command does: it
    # sets TEXTUAL_FPS, which textual reads once, on its first import.
    from prospect_tui.app import ProspectApp
    from prospect_tui.messages import StartSprint
    from prospect_tui.screens.home import HomeScreen
    from prospect_tui.screens.sprint import SprintScreen

    shown, mounted, log = HomeScreen.show, SprintScreen.on_mount, SprintScreen.action_log
    display = ProspectApp._display
    pending: dict[str, object] = {}

    async def show(self: HomeScreen, summary: object) -> None:
        await shown(self, summary)  # type: ignore[arg-type]
        if not pending.get("started"):
            pending["started"] = True
            # As the home screen's `s` does: the keys typed next are meant for the sprint.
            self.post_message(StartSprint(deliberate=True))

    def on_mount(self: SprintScreen) -> None:
        mounted(self)
        _when_keys_count(self)

    def _when_keys_count(screen: SprintScreen) -> None:
        """Say ready once the app takes keys: a screen change drops those of its first
        moment (a resumed sprint, a slow start), and a dropped key would never report."""
        app = cast(ProspectApp, screen.app)
        if app.key_guard.up(app.services.clock):
            screen.set_timer(0.05, lambda: _when_keys_count(screen))
            return
        from first_frame import _rss_kb

        _say(fd, f"ready {_rss_kb()}")
        if mode == "clock":
            screen.set_interval(0.5, lambda: _clock(screen))

    def _clock(screen: SprintScreen) -> None:
        from textual.widgets import Digits

        true = screen.session.remaining(screen.services.clock.now()).total_seconds()
        _say(fd, f"shown {screen.query_one(Digits).value} true {true:.1f}")

    def action_log(self: SprintScreen, outcome_id: str) -> None:
        card = self.session.card
        pending["key"] = (time.perf_counter(), card.prospect.id if card else None)
        log(self, outcome_id)

    def _display(self: ProspectApp, screen: object, renderable: object) -> None:
        display(self, screen, renderable)  # type: ignore[arg-type]
        waiting = pending.get("key")
        # The sprint may be under a question about the call just logged (who answered).
        sprint = next((s for s in self.screen_stack if isinstance(s, SprintScreen)), None)
        if waiting is None or sprint is None or renderable is None:
            return
        started, before = waiting  # type: ignore[misc]
        card = sprint.session.card
        if card is not None and card.prospect.id != before:
            pending.pop("key")
            _say(fd, f"key {(time.perf_counter() - started) * 1000:.3f}")

    HomeScreen.show = show  # type: ignore[method-assign]
    SprintScreen.on_mount = on_mount  # type: ignore[method-assign]
    SprintScreen.action_log = action_log  # type: ignore[method-assign]
    ProspectApp._display = _display  # type: ignore[method-assign]
    from prospect_tui.__main__ import main as prospect

    return prospect([])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2])))
