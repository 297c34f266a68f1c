"""How the sprint looks: the locked screen, its dialogs and the break, at both sizes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from prospect_tui.app import ProspectApp
from prospect_tui.core.clock import ManualClock
from prospect_tui.core.model import Call, Prospect, Status
from prospect_tui.sample.data import sample_config_toml
from prospect_tui.store.repository import Repository
from prospect_tui.store.workspace import Workspace
from tests.conftest import start_sprint
from tests.snapshots.conftest import SIZES, settle

ids = [f"{w}x{h}" for w, h in SIZES]
SPRINT_SIZES = [*SIZES, (60, 20)]
"""The sprint must work in a small terminal too: the card, the countdown, the keys."""


@pytest.mark.parametrize("size", SPRINT_SIZES, ids=[f"{w}x{h}" for w, h in SPRINT_SIZES])
def test_sprint(
    snap_compare, app_on: Callable[[Path], ProspectApp], sample_home: Path, size: tuple[int, int]
) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[int]) -> None:
        await start_sprint(pilot)
        await pilot.press("1", "2", "6", "escape")  # a meeting, its time not given yet
        await settle(pilot)

    assert snap_compare(app_on(sample_home), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=ids)
def test_callback_dialog(
    snap_compare, app_on: Callable[[Path], ProspectApp], sample_home: Path, size: tuple[int, int]
) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[int]) -> None:
        await start_sprint(pilot)
        await pilot.press("5", *"tomorrow 10am")
        await settle(pilot)

    assert snap_compare(app_on(sample_home), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=ids)
def test_meeting_dialog(
    snap_compare, app_on: Callable[[Path], ProspectApp], sample_home: Path, size: tuple[int, int]
) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[int]) -> None:
        await start_sprint(pilot)
        await pilot.press("6", *"tue 14:00", "enter", *"demo for the ops team")
        await settle(pilot)

    assert snap_compare(app_on(sample_home), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=ids)
def test_who_answered_dialog(
    snap_compare, app_on: Callable[[Path], ProspectApp], sample_home: Path, size: tuple[int, int]
) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[int]) -> None:
        await start_sprint(pilot)
        await pilot.press("3", *"Sam at reception")
        await settle(pilot)

    assert snap_compare(app_on(sample_home), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=ids)
def test_abandon_dialog(
    snap_compare, app_on: Callable[[Path], ProspectApp], sample_home: Path, size: tuple[int, int]
) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[int]) -> None:
        await start_sprint(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)

    assert snap_compare(app_on(sample_home), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=ids)
def test_break(
    snap_compare,
    app_on: Callable[[Path], ProspectApp],
    sample_home: Path,
    clock: ManualClock,
    size: tuple[int, int],
) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[int]) -> None:
        screen = await start_sprint(pilot)
        await pilot.press("1", "2", "3", "escape")  # who answered: not said
        clock.advance(minutes=25)
        screen.tick()
        await pilot.press("4")  # the last call, on the card at 00:00
        await settle(pilot)
        clock.advance(minutes=1, seconds=30)
        pilot.app.screen.tick()  # type: ignore[attr-defined]
        pilot.app.clear_notifications()
        await settle(pilot)

    assert snap_compare(app_on(sample_home), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=ids)
def test_last_call(
    snap_compare,
    app_on: Callable[[Path], ProspectApp],
    sample_home: Path,
    clock: ManualClock,
    size: tuple[int, int],
) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[int]) -> None:
        screen = await start_sprint(pilot)
        await pilot.press("1", "2")
        clock.advance(minutes=25, seconds=40)
        screen.tick()
        await settle(pilot)
        pilot.app.clear_notifications()
        await settle(pilot)

    assert snap_compare(app_on(sample_home), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=ids)
def test_nobody_to_call(
    snap_compare, app_on: Callable[[Path], ProspectApp], home: Path, size: tuple[int, int]
) -> None:  # type: ignore[no-untyped-def]
    with Workspace.open(home, write=True) as workspace:  # 01:30 in Sydney: nobody callable
        Repository(workspace).save_prospects(
            [
                Prospect(
                    first_name=f"Syd{n}", phone=f"+6125550{n:04d}", timezone="Australia/Sydney"
                )
                for n in range(3)
            ]
        )

    async def run_before(pilot: Pilot[int]) -> None:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)

    assert snap_compare(app_on(home), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=ids)
def test_notes_dialog(
    snap_compare, app_on: Callable[[Path], ProspectApp], sample_home: Path, size: tuple[int, int]
) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[int]) -> None:
        await start_sprint(pilot)
        await pilot.press("e", *"asked for a deck")
        await settle(pilot)

    assert snap_compare(app_on(sample_home), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=ids)
def test_paused(
    snap_compare,
    app_on: Callable[[Path], ProspectApp],
    sample_home: Path,
    clock: ManualClock,
    size: tuple[int, int],
) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[int]) -> None:
        screen = await start_sprint(pilot)
        await pilot.press("1", "p")
        await settle(pilot)
        clock.advance(minutes=1)
        screen.tick()
        pilot.app.clear_notifications()
        await settle(pilot)

    assert snap_compare(app_on(sample_home), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=ids)
def test_empty_queue(
    snap_compare, app_on: Callable[[Path], ProspectApp], home: Path, size: tuple[int, int]
) -> None:  # type: ignore[no-untyped-def]
    with Workspace.open(home, write=True) as workspace:  # one person to call, in Paris
        Repository(workspace).save_prospects(
            [
                Prospect(
                    first_name="Lea",
                    last_name="Roux",
                    phone="+33612345678",
                    timezone="Europe/Paris",
                )
            ]
        )

    async def run_before(pilot: Pilot[int]) -> None:
        await start_sprint(pilot)
        await pilot.press("2")  # voicemail: nobody else to call now
        await settle(pilot)

    assert snap_compare(app_on(home), terminal_size=size, run_before=run_before)


def test_sprint_too_small(
    snap_compare, app_on: Callable[[Path], ProspectApp], sample_home: Path
) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[int]) -> None:
        await start_sprint(pilot)
        await settle(pilot)

    assert snap_compare(app_on(sample_home), terminal_size=(50, 15), run_before=run_before)


def called(prospect: Prospect, at: datetime, outcome: str, **fields: Any) -> Call:
    return Call(
        prospect_id=prospect.id,
        started_at=at,
        ended_at=at + timedelta(seconds=40),
        outcome=outcome,
        local_date=at.date(),
        **fields,
    )


@pytest.mark.parametrize("size", SPRINT_SIZES, ids=[f"{w}x{h}" for w, h in SPRINT_SIZES])
def test_sprint_with_history(
    snap_compare,
    app_on: Callable[[Path], ProspectApp],
    home: Path,
    clock: ManualClock,
    size: tuple[int, int],
) -> None:  # type: ignore[no-untyped-def]
    """A callback due with calls behind it, an opener and a note: every panel has something."""
    now = clock.now()
    with Workspace.open(home, write=True) as workspace:
        repository = Repository(workspace)
        lea = Prospect(
            first_name="Lea",
            last_name="Roux",
            title="Head of Operations",
            company="Atelier [Roux] & Fils",
            phone="+33612345678",
            timezone="Europe/Paris",
            city="Lyon",
            status=Status.CALLBACK,
            next_action_at=now - timedelta(minutes=5),
            attempts=4,
            last_outcome="callback",
            last_called_at=now - timedelta(days=1),
        )
        others = [
            Prospect(
                first_name=name,
                last_name="Stone",
                phone=f"+4420794600{n:02d}",
                timezone="Europe/London",
                company="Stone & Co",
            )
            for n, name in enumerate(("Ben", "Cara", "Dan", "Eve"))
        ]
        repository.save_prospects([lea, *others])
        for call in (
            called(lea, now - timedelta(days=70), "no_answer"),
            called(lea, now - timedelta(days=22), "gatekeeper", gatekeeper="Sam at reception"),
            called(lea, now - timedelta(days=8), "voicemail", notes="[b]left a message[/b]"),
            called(
                lea,
                now - timedelta(days=1),
                "callback",
                notes="Busy with a launch; asked to call back today after lunch about the audit",
            ),
        ):
            repository.log_call(call, lea)
    (home / "config.toml").write_text(sample_config_toml())  # its openers

    async def run_before(pilot: Pilot[int]) -> None:
        await start_sprint(pilot)
        await pilot.press("e", *"asked for a deck", "enter")
        await settle(pilot)

    assert snap_compare(app_on(home), terminal_size=size, run_before=run_before)
