"""kill -9 mid-sprint: nothing the screen showed as logged is lost, and the sprint resumes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from prospect_tui.app import make_app
from prospect_tui.core.clock import ManualClock
from prospect_tui.locations import Locations
from prospect_tui.screens.sprint import SprintScreen
from prospect_tui.services import close_services, open_services
from tests.conftest import FROZEN, settle

CHILD = textwrap.dedent(
    """
    import asyncio, sys
    from datetime import datetime
    from pathlib import Path
    from zoneinfo import ZoneInfo
    from textual.widgets import Static
    from prospect_tui.app import make_app
    from prospect_tui.services import open_services
    from prospect_tui.core.clock import ManualClock
    from prospect_tui.locations import Locations

    home = Path(sys.argv[1])
    clock = ManualClock(datetime.fromisoformat(sys.argv[2]))
    app = make_app(open_services(Locations(home, home), clock=clock))

    def say(*words):
        # Straight to the pipe: while an app runs, Textual captures print() and does not
        # pass its flush on, so without PYTHONUNBUFFERED the parent would wait forever.
        sys.__stdout__.write(" ".join(map(str, words)) + "\\n")
        sys.__stdout__.flush()

    async def calling():
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.press("s")
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            for n, key in enumerate("12341267", start=1):
                clock.advance(seconds=20)
                await pilot.press(key)
                await pilot.pause()
                if key in "36":  # who answered, when the meeting is: not said
                    await pilot.press("escape")
                    await pilot.pause()
                stats = str(app.screen.query_one("#sprint-stats", Static).render())
                assert f"Dials {n}" in stats, stats
                # The screen shows the call as logged: acknowledge it to the parent.
                say(app.screen.session.logged[-1].call.id)
            say("done")
            await asyncio.Event().wait()  # stay up until the parent kills us

    asyncio.run(calling())
    """
)


def start_calling(home: Path) -> subprocess.Popen[str]:
    """The real app in a child process, logging outcomes and acknowledging each shown."""
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(home), FROZEN.isoformat()],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )


def test_kill_9_between_outcomes_loses_no_call_the_screen_showed(
    sprint_home: Path, clock: ManualClock
) -> None:
    child = start_calling(sprint_home)
    assert child.stdout is not None
    acknowledged = []
    for line in child.stdout:
        if line.strip().isdigit():
            acknowledged.append(int(line))
        if len(acknowledged) == 5:
            break
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert len(acknowledged) == 5, child.stderr.read() if child.stderr else ""

    services = open_services(Locations(sprint_home, sprint_home), clock=clock)
    try:
        running = services.repository.running_sprint()
        assert running is not None, "the killed sprint is still running, not lost"
        logged = {c.id for c in services.repository.calls_of_sprint(running)}
        assert set(acknowledged) <= logged
    finally:
        close_services(services)


async def test_the_next_start_resumes_the_killed_sprint(
    sprint_home: Path, clock: ManualClock
) -> None:
    child = start_calling(sprint_home)
    assert child.stdout is not None
    lines = []
    for line in child.stdout:
        lines.append(line.strip())
        if line.strip() == "done":
            break
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert lines[-1] == "done", child.stderr.read() if child.stderr else ""

    clock.advance(seconds=8 * 20)  # what the child's clock lived through
    clock.advance(minutes=5)  # then the app stayed down five minutes
    services = open_services(Locations(sprint_home, sprint_home), clock=clock)
    try:
        app = make_app(services)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, SprintScreen) and screen.resumed
            assert screen.session.tally().dials == 8
            # 8 calls of 20 s each, then five minutes down: the true time left.
            left = screen.session.remaining(clock.now()).total_seconds()
            assert left == 25 * 60 - 8 * 20 - 5 * 60
    finally:
        close_services(services)
