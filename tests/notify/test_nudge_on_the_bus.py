"""``prospect nudge`` for real: the console script, a session bus, and what arrived on it.

A calling block began ten minutes ago and no sprint has started: one run
puts one notification on the bus, a second run adds none. With no bus at
all, the terminal's own notification escape is written instead.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.notify.stand_in_bus import StandInSessionBus

CONSOLE_SCRIPT = Path(sys.executable).parent / "prospect"
EVERY_DAY = '["mon", "tue", "wed", "thu", "fri", "sat", "sun"]'


@pytest.fixture
def bus() -> Iterator[StandInSessionBus]:
    with (
        tempfile.TemporaryDirectory(prefix="bus-") as folder,
        StandInSessionBus(Path(folder)) as running,
    ):
        yield running


def planned_ten_minutes_ago(home: Path) -> str:
    """A workspace whose calling block began ten minutes ago (real time: a child process)."""
    now = datetime.now(UTC)
    # Just after midnight the block begins at 00:00: still before now, still today.
    start = max(now - timedelta(minutes=10), now.replace(hour=0, minute=0, second=0))
    home.mkdir(parents=True)
    (home / "config.toml").write_text(
        f'[days]\nworking = {EVERY_DAY}\ntimezone = "UTC"\n'
        f"[notify]\nevening = false\n"
        f'[[blocks]]\ncategory = "calling"\ndays = {EVERY_DAY}\n'
        f'start = "{start:%H:%M}"\nminutes = 120\n',
        encoding="utf-8",
    )
    return f"{start:%H:%M}"


def nudge(home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    base = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR", "TMUX", "TERM")
    }
    result = subprocess.run(
        [str(CONSOLE_SCRIPT), "nudge"],
        env={**base, "PROSPECT_HOME": str(home), **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return result


@pytest.mark.parametrize("notify_send", ["as this machine has it", "missing"])
def test_a_late_calling_block_is_one_notification_on_the_bus_however_often_it_runs(
    bus: StandInSessionBus, tmp_path: Path, notify_send: str
) -> None:
    home = tmp_path / "ws"
    start = planned_ten_minutes_ago(home)
    venv = os.path.dirname(sys.executable)
    path = venv if notify_send == "missing" else f"{venv}{os.pathsep}{os.environ['PATH']}"
    for _ in range(2):
        nudge(home, DBUS_SESSION_BUS_ADDRESS=bus.address, PATH=path)
    [received] = bus.received
    assert received.app == "Prospect"
    assert f"You planned calls at {start}" in received.body


def test_with_no_bus_at_all_it_writes_the_terminals_notification_escape(tmp_path: Path) -> None:
    home = tmp_path / "ws"
    start = planned_ten_minutes_ago(home)
    first = nudge(home, PATH=os.path.dirname(sys.executable), TERM="foot")
    assert first.stdout.startswith("\x1b]777;notify;")
    assert f"You planned calls at {start}" in first.stdout
    assert first.stdout.count("\x1b]777;") == 1
    assert nudge(home, PATH=os.path.dirname(sys.executable)).stdout == ""
