"""Launched by ``run.py`` under a pseudo-terminal: start an app, report, exit.

``python first_frame.py prospect FD`` starts Prospect exactly as the
``prospect`` command does; ``python first_frame.py empty FD`` starts an empty
Textual app. Each writes ``frame <seconds>`` to file descriptor FD when the
first frame is on screen (Textual's Ready event), Prospect then
``filled <seconds>`` once the home screen shows the workspace's numbers, and
``rss <kilobytes>`` (peak resident memory) before exiting. Seconds are
measured by the parent from the moment it spawned this process.
"""

from __future__ import annotations

import os
import sys


def _say(fd: int, line: str) -> None:
    os.write(fd, f"{line}\n".encode())


def _rss_kb() -> int:
    """This process's own peak resident memory (VmHWM).

    Not getrusage's ru_maxrss: Linux carries that across fork and exec, so a
    child of a big parent would report the parent's peak.
    """
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def empty(fd: int) -> int:
    """An App with nothing in it: the reference for start-up time."""
    from textual.app import App

    class Empty(App[int]):
        def on_ready(self) -> None:
            _say(fd, "frame")
            _say(fd, f"rss {_rss_kb()}")
            self.exit(0)

    Empty().run()
    return 0


def prospect(fd: int) -> int:
    """Prospect's own entry point, with two reporting hooks added."""
    # The command pauses the collector before it imports the app; the hooks below
    # import it first, so they pause it first too, or the probe would time imports
    # the command does not make with the collector running.
    from prospect_tui.collector import pause_for_start

    pause_for_start()
    from prospect_tui.app import ProspectApp
    from prospect_tui.screens.home import HomeScreen

    shown = HomeScreen.show

    def on_ready(self: ProspectApp) -> None:
        _say(fd, "frame")

    async def show(self: HomeScreen, summary: object) -> None:
        await shown(self, summary)  # type: ignore[arg-type]
        self.call_after_refresh(_filled, self)

    def _filled(screen: HomeScreen) -> None:
        _say(fd, "filled")
        _say(fd, f"rss {_rss_kb()}")
        screen.app.exit(0)

    ProspectApp.on_ready = on_ready  # type: ignore[attr-defined]
    HomeScreen.show = show  # type: ignore[method-assign]
    from prospect_tui.__main__ import main

    return main([])


if __name__ == "__main__":
    which, descriptor = sys.argv[1], int(sys.argv[2])
    sys.exit(prospect(descriptor) if which == "prospect" else empty(descriptor))
