"""Regenerate every screenshot in this folder from the sample workspace.

    python screenshots/make.py

Each shot runs the real app over a fresh seeded sample (``prospect sample``'s
generator) with the clock frozen at Thursday 19 November 2026, 15:30 Paris
time, so the pictures only change when the screens do.
"""

from __future__ import annotations

import asyncio
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from textual.pilot import Pilot

from prospect_tui.app import make_app
from prospect_tui.core.clock import ManualClock
from prospect_tui.core.config import load_config
from prospect_tui.locations import Locations
from prospect_tui.sample.data import sample_config_toml
from prospect_tui.sample.generate import generate
from prospect_tui.services import close_services, open_services
from prospect_tui.store.repository import Repository
from prospect_tui.store.workspace import Workspace

HERE = Path(__file__).resolve().parent
FROZEN = datetime(2026, 11, 19, 15, 30, tzinfo=ZoneInfo("Europe/Paris"))


class Unseen:
    """Notifications that go nowhere: where they go depends on the machine, a picture must not."""

    def send(self, title: str, message: str) -> None:
        """Drop the notification."""

    def bell(self) -> None:
        """Stay quiet."""


@dataclass(frozen=True)
class Shot:
    """One screenshot: which workspace, what to press, at what size."""

    name: str
    size: tuple[int, int]
    workspace: str = "sample"
    """``sample`` (prospects and weeks of calls) or ``empty`` (a first run)."""
    keys: tuple[str, ...] = field(default_factory=tuple)
    advance_minutes: float = 0
    """Then move the frozen clock on (to reach the end of a sprint)."""
    last_call: str = ""
    """At the sprint's 00:00, the key that logs the call still on the card (ends the sprint)."""


# "escape": the meeting's time and who answered the gatekeeper call are not given.
SPRINT = ("s", "1", "2", "6", "escape", "e", *"Asked for the CFO's name", "enter")
BEFORE_BREAK = ("s", "1", "2", "3", "escape")
SHOTS = (
    Shot("home", (120, 36)),
    Shot("home-80x24", (80, 24)),
    Shot("first-run", (80, 24), workspace="empty"),
    Shot("sprint", (120, 36), keys=SPRINT),
    Shot("sprint-80x24", (80, 24), keys=SPRINT),
    Shot("sprint-60x20", (60, 20), keys=SPRINT),
    Shot("objection", (120, 36), keys=("s", "1", "o", "2")),
    Shot("help", (120, 36), keys=("s", "question_mark")),
    Shot("first-run-120x36", (120, 36), workspace="empty"),
    Shot("callback", (120, 36), keys=("s", "1", "5", *"tomorrow 10am")),
    Shot("callback-80x24", (80, 24), keys=("s", "1", "5", *"tomorrow 10am")),
    Shot("abandon", (120, 36), keys=("s", "1", "escape")),
    Shot("abandon-80x24", (80, 24), keys=("s", "1", "escape")),
    Shot("break", (120, 36), keys=BEFORE_BREAK, advance_minutes=26.5, last_call="4"),
    Shot("break-80x24", (80, 24), keys=BEFORE_BREAK, advance_minutes=26.5, last_call="4"),
    Shot("prospects", (120, 36), keys=("p", "down", "down", "down")),
    Shot("prospects-80x24", (80, 24), keys=("p", "slash", *"london", "enter")),
    Shot("prospect-edit", (120, 36), keys=("p", "down", "enter")),
    Shot("prospect-edit-80x24", (80, 24), keys=("p", "down", "enter")),
    Shot("review", (120, 36), keys=("v",)),
    Shot("review-80x24", (80, 24), keys=("v",)),
)


def fill(home: Path, clock: ManualClock) -> None:
    """The sample a newcomer gets from ``prospect sample --prospects 300 --calls 3000``."""
    home.mkdir(parents=True)
    (home / "config.toml").write_text(sample_config_toml(), encoding="utf-8")
    config = load_config(home / "config.toml")
    sample = generate(config, clock.now(), clock.tz, prospects=300, calls=3000, weeks=8)
    with Workspace.open(home, write=True) as workspace:
        Repository(workspace).insert_with_ids(sample.records())


async def settle(pilot: Pilot[int]) -> None:
    """Let workers finish and the screen repaint."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def take(shot: Shot, home: Path, target: Path) -> None:
    """Run the app over ``home``, press the shot's keys, save the SVG."""
    clock = ManualClock(FROZEN)
    services = open_services(Locations(home, home), clock=clock)
    try:
        app = make_app(services, notifier=Unseen())
        async with app.run_test(size=shot.size) as pilot:
            await settle(pilot)
            for key in shot.keys:
                await pilot.press(key)
                await settle(pilot)
            if shot.advance_minutes:
                clock.advance(minutes=25)
                app.screen.tick()  # type: ignore[attr-defined]
                await settle(pilot)
                if shot.last_call:
                    await pilot.press(shot.last_call)
                    await settle(pilot)
                clock.advance(minutes=shot.advance_minutes - 25)
                app.screen.tick()  # type: ignore[attr-defined]
                app.clear_notifications()
                await settle(pilot)
            app.save_screenshot(filename=target.name, path=str(target.parent))
    finally:
        close_services(services)


def main(names: list[str]) -> int:
    chosen = [s for s in SHOTS if not names or s.name in names]
    root = Path(tempfile.mkdtemp(prefix="prospect-shots-"))
    try:
        for shot in chosen:
            home = root / shot.name
            if shot.workspace == "sample":
                fill(home, ManualClock(FROZEN))
            else:
                home.mkdir(parents=True)
            target = HERE / f"{shot.name}.svg"
            asyncio.run(take(shot, home, target))
            print(f"wrote {target.relative_to(HERE.parent)}")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
