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
  process with SIGSTOP to play a suspended laptop;
* in ``start`` mode, ``start <ms>`` for each of ``PROBE_STARTS`` sprints
  (default 5): from the home screen's ``s`` (once home has read everything
  it reads in the background, as when a user looks at it first) to the
  frame that shows the sprint's first card; each sprint is then abandoned,
  and home shown again, before the next. Then ``done``.
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

    starts = int(os.environ.get("PROBE_STARTS", "5"))

    async def show(self: HomeScreen, summary: object) -> None:
        await shown(self, summary)  # type: ignore[arg-type]
        if mode == "start":
            if cast(int, pending.get("starts", 0)) >= starts:
                _say(fd, "done")  # the last sprint abandoned: nothing left running
                self.app.exit(0)
            elif not pending.get("home"):
                pending["home"] = True
                _when_idle(self)
        elif not pending.get("started"):
            pending["started"] = True
            # As the home screen's `s` does: the keys typed next are meant for the sprint.
            self.post_message(StartSprint(deliberate=True))

    def _when_idle(home: HomeScreen) -> None:
        """Press `s` once nothing is read in the background any more."""
        if any(not w.is_finished for w in home.app.workers):
            home.set_timer(0.05, lambda: _when_idle(home))
            return
        # A user reads home for a moment before pressing s: the last repaint is done.
        home.set_timer(0.5, lambda: _press_s(home))

    def _press_s(home: HomeScreen) -> None:
        # Home starts its read of the queue once the numbers are drawn: not idle yet.
        if any(not w.is_finished for w in home.app.workers):
            _when_idle(home)
            return
        pending["start"] = time.perf_counter()
        home.post_message(StartSprint(deliberate=True))

    def on_mount(self: SprintScreen) -> None:
        mounted(self)
        if mode != "start":
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
        began = pending.get("start")
        top = self.screen
        carded = isinstance(top, SprintScreen) and top.session.card is not None
        if began is not None and carded and renderable is not None:
            pending.pop("start")
            _say(fd, f"start {(time.perf_counter() - cast(float, began)) * 1000:.3f}")
            pending["starts"] = cast(int, pending.get("starts", 0)) + 1
            top.set_timer(0.2, lambda: _next_start(self))
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

    def _next_start(app: ProspectApp) -> None:
        from prospect_tui.core.model import SprintStatus

        pending.pop("home", None)  # home shown again after the abandon starts the next
        sprint = app.screen
        assert isinstance(sprint, SprintScreen)
        sprint.finish(SprintStatus.ABANDONED)

    HomeScreen.show = show  # type: ignore[method-assign]
    SprintScreen.on_mount = on_mount  # type: ignore[method-assign]
    SprintScreen.action_log = action_log  # type: ignore[method-assign]
    ProspectApp._display = _display  # type: ignore[method-assign]
    from prospect_tui.__main__ import main as prospect

    return prospect([])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2])))
