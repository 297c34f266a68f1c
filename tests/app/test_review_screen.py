"""``v`` from home: the review drawn — days, windows, the saved report, text as written."""

from __future__ import annotations

import os
import stat
from datetime import date, timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from prospect_tui.app import ProspectApp, make_app
from prospect_tui.core.clock import ManualClock
from prospect_tui.core.days import local_date
from prospect_tui.core.model import Sprint, SprintStatus
from prospect_tui.core.reasons import OTHER, ReasonKind
from prospect_tui.dialogs.save_review import SaveReviewDialog
from prospect_tui.screens.home import HomeScreen
from prospect_tui.screens.review import ReviewScreen
from prospect_tui.services import Services
from prospect_tui.transfer.review_query import day_review
from prospect_tui.transfer.review_text import render_markdown
from prospect_tui.widgets.text import visible
from prospect_tui.widgets.title_bar import TitleBar
from tests.app.conftest import FakeNotifier
from tests.conftest import settle


def shown(app: ProspectApp) -> str:
    """Every Static's text on the current screen, and the title bar's."""
    texts = [str(widget.render()) for widget in app.screen.query(Static)]
    return "\n".join([title(app), *texts])


def title(app: ProspectApp) -> str:
    return app.screen.query_one(TitleBar).title_text()


def dials_bar(app: ProspectApp) -> str:
    return str(app.screen.query_one("#bar-dials .value-bar-text", Static).render())


async def open_review(pilot: Pilot[None]) -> ReviewScreen:
    await settle(pilot)
    await pilot.press("v")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ReviewScreen)
    return screen


@pytest.fixture
def app(sample_services: Services) -> ProspectApp:
    return make_app(sample_services, notifier=FakeNotifier())


async def test_v_shows_todays_review_and_escape_goes_home(
    app: ProspectApp, sample_services: Services, clock: ManualClock
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await open_review(pilot)
        dials = len(sample_services.repository.calls_on(clock.now().date()))
        assert title(app) == "Prospect · Review · Thursday 19 November 2026 (today)"
        assert dials_bar(app) == f"{dials} of 30"
        assert "Streak · 12 weeks" in str(app.screen.query_one("#review-streak").border_title)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_arrows_move_a_day_never_past_today(
    app: ProspectApp, sample_services: Services, clock: ManualClock
) -> None:
    today = clock.now().date()
    calls = sample_services.repository.calls_on
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_review(pilot)
        await pilot.press("right")  # today is as far as it goes
        await settle(pilot)
        assert screen.day == today and "(today)" in title(app)
        await pilot.press("left", "left")
        await settle(pilot)
        assert title(app) == "Prospect · Review · Tuesday 17 November 2026"
        assert dials_bar(app) == f"{len(calls(today - timedelta(days=2)))} of 30"
        await pilot.press("right")
        await settle(pilot)
        assert title(app) == "Prospect · Review · Wednesday 18 November 2026"
        assert dials_bar(app) == f"{len(calls(today - timedelta(days=1)))} of 30"
        await pilot.press("right", "right", "right")
        await settle(pilot)
        assert screen.day == today and "(today)" in title(app)


async def test_a_review_read_for_a_day_no_longer_asked_for_is_dropped(
    app: ProspectApp, sample_services: Services, clock: ManualClock
) -> None:
    today = clock.now().date()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_review(pilot)
        await pilot.press("left", "left", "left")  # without waiting for any of them
        await settle(pilot)
        assert screen.shown is not None and screen.shown.day == today - timedelta(days=3)
        monday = len(sample_services.repository.calls_on(today - timedelta(days=3)))
        assert dials_bar(app) == f"{monday} of 30"


async def test_the_window_key_steps_through_7_28_90_all_and_back(
    app: ProspectApp, sample_services: Services, clock: ManualClock
) -> None:
    today = clock.now().date()
    week = sum(
        len(sample_services.repository.calls_on(today - timedelta(days=n))) for n in range(7)
    )
    async with app.run_test(size=(120, 36)) as pilot:
        await open_review(pilot)
        await pilot.press("w")
        await settle(pilot)
        assert title(app) == "Prospect · Review · 7 days to Thursday 19 November 2026 (today)"
        assert dials_bar(app) == f"{week} of {30 * 5}"  # the goal of each of 5 working days
        assert "Goal met on" in shown(app)
        for expected in ("28 days", "90 days", "all days"):
            await pilot.press("w")
            await settle(pilot)
            assert f"Review · {expected} to Thursday" in title(app)
        await pilot.press("w")
        await settle(pilot)
        assert title(app) == "Prospect · Review · Thursday 19 November 2026 (today)"


async def save(pilot: Pilot[None], path: str) -> None:
    await pilot.press("s")
    await settle(pilot)
    assert isinstance(pilot.app.screen, SaveReviewDialog)
    pilot.app.screen.query_one(Input).value = path
    await pilot.press("enter")
    await settle(pilot)


async def test_save_writes_the_markdown_readable_by_its_owner_only(
    app: ProspectApp, sample_services: Services, clock: ManualClock, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "review.md"
    target.parent.mkdir()
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await open_review(pilot)
        await pilot.press("s")
        await settle(pilot)
        suggested = app.screen.query_one(Input).value
        assert suggested == str(Path.home() / "prospect-review-2026-11-19.md")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        await save(pilot, str(target))
        assert isinstance(app.screen, ReviewScreen)
        assert f"Saved the review to {target}." in [n.message for n in app._notifications]
    day = clock.now().date()
    review = day_review(
        sample_services.repository, day, sample_services.config, clock.tz, today=day
    )
    assert target.read_text(encoding="utf-8") == render_markdown(review, clock.tz)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


async def test_save_refuses_a_file_inside_the_workspace_and_writes_nothing(
    app: ProspectApp, sample_services: Services
) -> None:
    inside = sample_services.where.data_dir / "review.md"
    async with app.run_test(size=(120, 36)) as pilot:
        await open_review(pilot)
        await save(pilot, str(inside))
        assert isinstance(app.screen, SaveReviewDialog), "the dialog stays for another path"
        problem = str(app.screen.query_one("#save-review-problem", Static).render())
        assert "inside the workspace folder" in problem
    assert not inside.exists()


async def test_save_never_writes_through_a_link(
    app: ProspectApp, sample_services: Services, tmp_path: Path
) -> None:
    journal = sample_services.where.data_dir / "journal.jsonl"
    before = journal.read_bytes()
    link = tmp_path / "link.md"
    link.symlink_to(journal)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_review(pilot)
        await save(pilot, str(link))
        assert isinstance(app.screen, ReviewScreen)
    assert journal.read_bytes() == before
    assert not link.is_symlink() and link.read_text(encoding="utf-8").startswith(
        "# Prospecting day: "
    )


async def test_a_bare_file_name_is_saved_in_the_home_folder(
    app: ProspectApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    async with app.run_test(size=(120, 36)) as pilot:
        await open_review(pilot)
        await pilot.press("w")
        await settle(pilot)
        await save(pilot, "weekly.md")
    written = tmp_path / "weekly.md"
    assert written.read_text(encoding="utf-8").startswith("# Prospecting week: ")
    assert os.stat(written).st_mode & 0o077 == 0


HOSTILE = "[b]x[/b] $(rm -rf ~)"


async def test_reasons_are_grouped_by_kind_and_the_users_words_shown_as_written(
    sample_services: Services, clock: ManualClock
) -> None:
    now = clock.now()
    day: date = local_date(now, clock.tz)
    for reason, kind, text in (
        (OTHER, ReasonKind.FEAR, HOSTILE),
        ("tired", ReasonKind.DISCIPLINE, ""),
    ):
        sample_services.repository.save_sprint(
            Sprint(
                started_at=now - timedelta(hours=3),
                ends_at=now - timedelta(hours=3) + timedelta(minutes=25),
                ended_at=now - timedelta(hours=3) + timedelta(minutes=5),
                status=SprintStatus.ABANDONED,
                reason=reason,
                reason_kind=kind.value,
                reason_text=text,
                local_date=day,
            )
        )
    app = make_app(sample_services, notifier=FakeNotifier())
    async with app.run_test(size=(120, 36)) as pilot:
        await open_review(pilot)
        text = shown(app)
    fear, discipline = text.index("Fear · 1"), text.index("Discipline · 1")
    words = text.index(f"1× Something else — “{visible(HOSTILE)}”")
    assert fear < words < discipline < text.index("1× Too tired")
    assert "Fear is a skill gap" in text and "Discipline comes from structure" in text


async def test_save_waits_for_the_review_the_title_names(app: ProspectApp) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_review(pilot)
        assert screen.check_action("save_review", ()) is True
        screen.action_previous_day()  # the day before is read off the UI thread from here
        assert screen.check_action("save_review", ()) is None
        await pilot.press("s")
        assert isinstance(app.screen, ReviewScreen), "today's review is not saved as yesterday's"
        await settle(pilot)
        assert screen.check_action("save_review", ()) is True
