"""``kill -9`` at random moments of a burst of outcome keys, over several trials.

The real app runs in a child process (Pilot, headless) and types outcome keys
as fast as it can, printing each call's id once the screen shows it logged.
The parent kills it after a random number of those lines — the child is still
typing, so the kill lands wherever it happens to be: inside a key's handler,
mid-write, between frames. Each next start must hold every call the screen
showed, each whole (the call and its prospect's new state together), and
resume the sprint. Seeded: a failure names its trial and replays.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from prospect_tui.core.clock import ManualClock
from prospect_tui.locations import Locations
from prospect_tui.services import close_services, open_services
from tests.conftest import FROZEN, fill_sample

TRIALS = 10
KEYS = "1247nvxwd"  # outcome keys that ask nothing afterwards; d is do-not-call

CHILD = textwrap.dedent(
    """
    import asyncio, sys
    from datetime import datetime
    from pathlib import Path
    from textual.widgets import Static
    from prospect_tui.app import make_app
    from prospect_tui.services import open_services
    from prospect_tui.core.clock import ManualClock
    from prospect_tui.locations import Locations

    home, keys = Path(sys.argv[1]), sys.argv[3]
    steps = [int(s) for s in sys.argv[4].split(",")]
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
            say("sprint", app.screen.session.sprint.id)
            for n, (key, step) in enumerate(zip(keys, steps), start=1):
                clock.advance(seconds=step)
                await pilot.press(key)
                stats = str(app.screen.query_one("#sprint-stats", Static).render())
                assert f"Dials {n}" in stats, stats
                say(app.screen.session.logged[-1].call.id)
            say("done")
            await asyncio.Event().wait()

    asyncio.run(calling())
    """
)


@pytest.fixture(scope="module")
def calling_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A sample workspace with plenty callable on a Thursday afternoon, built once."""
    home = tmp_path_factory.mktemp("burst") / "home"
    fill_sample(home, ManualClock(FROZEN), prospects=120, calls=300, weeks=3)
    return home


def burst(home: Path, keys: str, steps: list[int]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            CHILD,
            str(home),
            FROZEN.isoformat(),
            keys,
            ",".join(map(str, steps)),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PROSPECT_HOME": str(home)},
    )


@pytest.mark.parametrize("trial", range(TRIALS))
def test_a_kill_anywhere_in_a_burst_loses_no_call_the_screen_showed(
    calling_home: Path, tmp_path: Path, trial: int
) -> None:
    rng = random.Random(trial)
    keys = "".join(rng.choice(KEYS) for _ in range(16))
    steps = [rng.randint(2, 60) for _ in keys]
    kill_after = rng.randint(0, len(keys) - 1)  # acknowledged calls before the kill
    home = tmp_path / "home"
    shutil.copytree(calling_home, home)

    child = burst(home, keys, steps)
    assert child.stdout is not None
    first = child.stdout.readline()
    if not first.startswith("sprint "):
        child.kill()
        pytest.fail(f"trial {trial}: the child did not start a sprint: {child.communicate()}")
    sprint_id = int(first.split()[1])
    acknowledged: list[int] = []
    while len(acknowledged) < kill_after:
        line = child.stdout.readline()
        assert line.strip().isdigit(), f"trial {trial}: {line!r} {child.stderr}"
        acknowledged.append(int(line))
    child.send_signal(signal.SIGKILL)  # the child is typing the next key meanwhile
    rest = child.stdout.read()
    child.wait(timeout=30)
    acknowledged += [
        int(s) for s in rest.splitlines(keepends=True) if s.strip().isdigit() and s.endswith("\n")
    ]
    assert child.returncode == -signal.SIGKILL

    clock = ManualClock(FROZEN)
    clock.advance(seconds=sum(steps))
    services = open_services(Locations(home, home), clock=clock)
    try:
        repository = services.repository
        running = repository.running_sprint()
        assert running is not None and running.id == sprint_id, f"trial {trial}"
        calls = repository.calls_of_sprint(running)
        assert set(acknowledged) <= {call.id for call in calls}, f"trial {trial}"
        # At most the one key being handled when the kill came, written but not yet shown.
        assert len(calls) <= len(acknowledged) + 1, f"trial {trial}"
        latest = {call.prospect_id: call for call in sorted(calls, key=lambda c: c.id)}
        prospects = {p.id: p for p in repository.prospects()}
        for prospect_id, call in latest.items():
            # One journal line holds the call and its prospect: never one without the other.
            assert prospects[prospect_id].last_outcome == call.outcome, f"trial {trial}"
            assert prospects[prospect_id].last_called_at == call.ended_at, f"trial {trial}"
    finally:
        close_services(services)
