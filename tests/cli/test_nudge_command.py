"""``prospect nudge``: one round for cron, never twice, never over a running app or sprint."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from prospect_tui.__main__ import main
from prospect_tui.core.clock import ManualClock
from prospect_tui.core.model import SentNudge, Sprint
from prospect_tui.locations import Locations
from prospect_tui.services import Services, open_services
from prospect_tui.store.repository import Repository
from prospect_tui.store.workspace import Workspace
from tests.app.conftest import FakeNotifier
from tests.conftest import FROZEN

CONSOLE_SCRIPT = Path(sys.executable).parent / "prospect"
BLOCK = '[[blocks]]\ncategory = "calling"\nstart = "15:20"\nminutes = 60\n'
"""A calling block that began ten minutes before the frozen clock (Thursday 15:30)."""


def plan(home: Path, text: str = BLOCK) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(text, encoding="utf-8")


def services_for(home: Path, clock: ManualClock, notifier: object) -> Services:
    return open_services(
        Locations(home, home),
        clock=clock,
        notifier=notifier,
        workspace=False,  # type: ignore[arg-type]
    )


def nudge(
    capsys: pytest.CaptureFixture[str], home: Path, clock: ManualClock, notifier: object
) -> int:
    capsys.readouterr()
    code = main(["nudge"], services=services_for(home, clock, notifier))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert err == ""
    return code


def test_run_twice_it_notifies_once(
    home: Path, clock: ManualClock, capsys: pytest.CaptureFixture[str]
) -> None:
    plan(home)
    notifier = FakeNotifier()
    assert nudge(capsys, home, clock, notifier) == 0
    assert notifier.sent == [
        (
            "Calling block",
            "You planned calls at 15:20. One dial — that's all. Press s in Prospect to start.",
        )
    ]
    clock.advance(minutes=5)
    assert nudge(capsys, home, clock, notifier) == 0
    assert len(notifier.sent) == 1
    with Workspace.open(home, write=False) as workspace:
        settled = Repository(workspace).nudges_on(FROZEN.date())
    # The block's start was due too: held, so it never follows as a second notification.
    assert sorted((n.kind, n.held) for n in settled) == [
        ("block_late", False),
        ("block_start", True),
    ]


def test_nothing_due_leaves_the_workspace_alone(
    home: Path, clock: ManualClock, capsys: pytest.CaptureFixture[str]
) -> None:
    plan(home, BLOCK.replace("15:20", "17:00"))
    notifier = FakeNotifier()
    assert nudge(capsys, home, clock, notifier) == 0
    assert notifier.sent == []
    assert not (home / "activity.json").exists()
    assert not (home / "journal.jsonl").exists() or (home / "journal.jsonl").stat().st_size == 0


def test_while_the_app_holds_the_workspace_it_leaves_the_nudging_to_the_app(
    home: Path, clock: ManualClock, capsys: pytest.CaptureFixture[str]
) -> None:
    plan(home)
    notifier = FakeNotifier()
    with Workspace.open(home, write=True):
        assert nudge(capsys, home, clock, notifier) == 0
    assert notifier.sent == []


def test_never_during_a_sprint_left_running_in_the_store(
    home: Path, clock: ManualClock, capsys: pytest.CaptureFixture[str]
) -> None:
    plan(home)
    now = clock.now()
    started = now - timedelta(minutes=8)
    with Workspace.open(home, write=True) as workspace:
        Repository(workspace).save_sprint(
            Sprint(
                started_at=started, ends_at=started + timedelta(minutes=25), local_date=now.date()
            )
        )
    notifier = FakeNotifier()
    assert nudge(capsys, home, clock, notifier) == 0
    assert notifier.sent == []


def test_a_nudge_the_app_sent_is_not_sent_again(
    home: Path, clock: ManualClock, capsys: pytest.CaptureFixture[str]
) -> None:
    plan(home)
    day = clock.now().date()
    with Workspace.open(home, write=True) as workspace:
        Repository(workspace).record_nudges(
            SentNudge(key=key, kind=key.split(":")[0], local_date=day, sent_at=clock.now())
            for key in (
                "block_start:2026-11-19:calling@15:20",
                "block_late:2026-11-19:calling@15:20",
            )
        )
    notifier = FakeNotifier()
    assert nudge(capsys, home, clock, notifier) == 0
    assert notifier.sent == []


class BrokenNotifier:
    def send(self, title: str, message: str) -> None:
        raise OSError("no notification service")

    def bell(self) -> None:
        raise OSError("no terminal")


def test_a_broken_notification_path_still_exits_0_without_a_traceback(
    home: Path, clock: ManualClock, capsys: pytest.CaptureFixture[str]
) -> None:
    plan(home)
    assert nudge(capsys, home, clock, BrokenNotifier()) == 0


def test_the_console_script_with_no_session_bus_exits_0(tmp_path: Path) -> None:
    """The real command, no D-Bus, no notify-send: exit 0, no traceback, and only once."""
    home = tmp_path / "ws"
    now = datetime.now(UTC)
    start = max(now - timedelta(minutes=10), now.replace(hour=0, minute=0))
    plan(
        home,
        '[days]\nworking = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]\ntimezone = "UTC"\n'
        + BLOCK.replace("15:20", f"{start:%H:%M}")
        + 'days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]\n',
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR", "DISPLAY")
    }
    env.update(PROSPECT_HOME=str(home), PATH=os.path.dirname(sys.executable))
    outputs = []
    for _ in range(2):
        result = subprocess.run(
            [str(CONSOLE_SCRIPT), "nudge"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stdout + result.stderr
        outputs.append(result.stdout)
    assert outputs[1] == ""  # settled by the first run
    with Workspace.open(home, write=False) as workspace:
        settled = Repository(workspace).nudge_keys_since(now.date() - timedelta(days=1))
    assert settled


def test_the_review_counts_the_days_drifts(
    home: Path, clock: ManualClock, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    day = clock.now().date()
    with Workspace.open(home, write=True) as workspace:
        Repository(workspace).record_nudges(
            SentNudge(key=f"drift:1:{n}", kind="drift", local_date=day, sent_at=clock.now())
            for n in range(3)
        )
    services = services_for(home, clock, FakeNotifier())
    capsys.readouterr()
    assert main(["review", "--format", "json"], services=services) == 0
    assert json.loads(capsys.readouterr().out)["drifts"] == 3
    assert main(["review"], services=services) == 0
    assert "Drifted from a sprint 3 times" in capsys.readouterr().out


def test_in_the_evening_a_streak_at_stake_is_one_nudge(
    home: Path, clock: ManualClock, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.cli.test_review_command import write_history

    plan(home, '[notify]\nevening = "18:00"\n')
    thursday = clock.now().date()
    wednesday, tuesday = thursday - timedelta(days=1), thursday - timedelta(days=2)
    write_history(home, {tuesday: (2, 30), wednesday: (2, 30), thursday: (1, 10)})
    notifier = FakeNotifier()
    assert nudge(capsys, home, clock, notifier) == 0  # 15:30: not evening yet
    clock.advance(hours=3)
    assert nudge(capsys, home, clock, notifier) == 0
    clock.advance(hours=1)
    assert nudge(capsys, home, clock, notifier) == 0
    assert notifier.sent == [
        (
            "Streak at stake",
            "Your 2-day streak ends tonight: 1 more sprint and 20 more dials to keep it.",
        )
    ]
