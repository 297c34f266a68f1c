"""``?`` on every screen: a help listing that screen's keys from the key map, remaps shown.

On the sprint the help is a look, not a pause: the countdown runs on under it
and no key pressed while it is up logs anything.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from prospect_tui.app import ProspectApp, make_app
from prospect_tui.core.clock import ManualClock
from prospect_tui.core.keys import keymap
from prospect_tui.dialogs.help import HelpDialog, acting
from prospect_tui.keymap import shown_key
from prospect_tui.locations import Locations
from prospect_tui.screens.break_time import BreakScreen
from prospect_tui.screens.follow_up import FollowUpScreen
from prospect_tui.screens.home import HomeScreen
from prospect_tui.screens.import_csv import ImportScreen
from prospect_tui.screens.plan import PlanScreen
from prospect_tui.screens.prospects import ProspectsScreen
from prospect_tui.screens.research import ResearchScreen
from prospect_tui.screens.review import ReviewScreen
from prospect_tui.screens.sprint import SprintScreen
from prospect_tui.services import Services, close_services, open_services
from tests.app.conftest import FakeNotifier
from tests.conftest import settle, start_sprint


def open_services_with(home: Path, clock: ManualClock, config: str = "") -> Iterator[Services]:
    if config:
        (home / "config.toml").write_text(config, encoding="utf-8")
    services = open_services(Locations(home, home), clock=clock)
    yield services
    close_services(services)


@pytest.fixture
def services(sample_home: Path, clock: ManualClock) -> Iterator[Services]:
    yield from open_services_with(sample_home, clock)


@pytest.fixture
def app(services: Services) -> ProspectApp:
    return make_app(services, notifier=FakeNotifier())


def help_lines(app: ProspectApp) -> dict[str, str]:
    """What the help on screen lists: each label (before its explanation) to its keys."""
    dialog = app.screen
    assert isinstance(dialog, HelpDialog)
    keys = [str(s.render()) for s in dialog.query(".help-key").results(Static)]
    said = [
        str(s.render()).split(" — ")[0].strip() for s in dialog.query(".help-what").results(Static)
    ]
    return dict(zip(said, keys, strict=True))


async def to_home(pilot: Pilot[int], clock: ManualClock) -> None:
    await settle(pilot)


async def to_sprint(pilot: Pilot[int], clock: ManualClock) -> None:
    await start_sprint(pilot)


async def to_break(pilot: Pilot[int], clock: ManualClock) -> None:
    sprint = await start_sprint(pilot)
    await pilot.press("1")
    clock.advance(minutes=26)
    sprint.tick()
    await settle(pilot)
    await pilot.press("1")  # the last call, on the card at 00:00
    await settle(pilot)
    clock.advance(seconds=1)  # past the key guard


def going(key: str) -> Callable[[Pilot[int], ManualClock], Awaitable[None]]:
    async def go(pilot: Pilot[int], clock: ManualClock) -> None:
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)

    return go


SCREENS = [
    ("home", to_home, HomeScreen, ("home",)),
    ("sprint", to_sprint, SprintScreen, ("sprint",)),
    ("break", to_break, BreakScreen, ("break",)),
    ("prospects", going("p"), ProspectsScreen, ("prospects", "prospect_table")),
    ("research", going("r"), ResearchScreen, ("prospects", "research", "prospect_table")),
    ("follow-up", going("f"), FollowUpScreen, ("follow_ups", "prospect_table")),
    ("review", going("v"), ReviewScreen, ("review",)),
    ("plan", going("l"), PlanScreen, ("plan", "plan_blocks")),
    ("import", going("i"), ImportScreen, ("import",)),
]


@pytest.mark.parametrize(
    ("to", "kind", "scopes"), [s[1:] for s in SCREENS], ids=[s[0] for s in SCREENS]
)
async def test_question_mark_lists_the_screens_keys(
    app: ProspectApp,
    clock: ManualClock,
    to: Callable[[Pilot[int], ManualClock], Awaitable[None]],
    kind: type,
    scopes: tuple[str, ...],
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await to(pilot, clock)
        screen = app.screen
        assert isinstance(screen, kind)
        screen.set_focus(None)  # a text field takes ? as a letter (f1 opens the help there)
        live = acting(screen)
        await pilot.press("question_mark")
        await settle(pilot)
        listed = help_lines(app)
        for scope in (*scopes, "help"):
            for action in keymap(scope, {}):
                if action.id not in live:  # does nothing now: not in the footer, not here
                    continue
                assert action.label in listed, (scope, action.id)
                assert shown_key(action.keys[0]) in listed[action.label].split(), action.id
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen


async def test_f1_opens_the_help_from_a_text_field(app: ProspectApp, clock: ManualClock) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await going("p")(pilot, clock)
        screen = app.screen
        await pilot.press("slash", "question_mark")  # a ? typed in the search is text
        await settle(pilot)
        assert app.screen is screen
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpDialog)
        await pilot.press("f1")  # the help key closes it too
        await settle(pilot)
        assert app.screen is screen


async def test_the_help_on_the_sprint_groups_outcomes_then_call_then_sprint_keys(
    app: ProspectApp,
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await start_sprint(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        titles = [str(s.render()) for s in app.screen.query(".help-title").results(Static)]
        assert titles[:3] == ["Log the call", "On the call", "The sprint"]
        assert help_lines(app)["Abandon"].split() == ["escape", "ctrl+c", "ctrl+q"]


async def test_a_remapped_key_shows_in_the_help(sample_home: Path, clock: ManualClock) -> None:
    config = '[keys]\nskip = "k"\nno_answer = ["0", "z"]\nhelp = "f2"\n'
    for services in open_services_with(sample_home, clock, config):
        app = make_app(services, notifier=FakeNotifier())
        async with app.run_test(size=(120, 36)) as pilot:
            await start_sprint(pilot)
            await pilot.press("question_mark")  # no longer the help's key
            await settle(pilot)
            assert isinstance(app.screen, SprintScreen)
            await pilot.press("f2")
            await settle(pilot)
            listed = help_lines(app)
            assert listed["Skip"] == "k"
            assert listed["No answer"] == "0 z"
            assert listed["Help"] == "f2"


async def test_help_on_the_sprint_keeps_the_clock_running_and_logs_nothing(
    app: ProspectApp, services: Services, clock: ManualClock
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        sprint = await start_sprint(pilot)
        card = sprint.session.card
        left = sprint.session.remaining(clock.now())
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpDialog)
        clock.advance(minutes=2)
        sprint.tick()
        assert not sprint.session.is_paused(clock.now())
        assert sprint.session.remaining(clock.now()) == left - timedelta(minutes=2)
        for key in ("1", "n", "s", "u", "p", "e", "t", "c"):
            await pilot.press(key)  # outcome keys and sprint keys do nothing in the help
            await settle(pilot)
            assert isinstance(app.screen, HelpDialog), key
        assert sprint.session.card is card
        assert services.repository.calls_of_sprint(sprint.session.sprint) == []
        assert not sprint.session.is_paused(clock.now())
        await pilot.press("question_mark")
        await settle(pilot)
        assert app.screen is sprint
        await pilot.press("1")  # back on the sprint, the keys work again
        await settle(pilot)
        assert len(services.repository.calls_of_sprint(sprint.session.sprint)) == 1


async def test_the_help_on_home_lists_the_sample_key_only_on_an_empty_workspace(
    home: Path, sample_home: Path, clock: ManualClock
) -> None:
    # The footer's rule: a key whose action cannot act now is not listed.
    empty = home.parent / "empty"
    for folder, has_data in ((empty, False), (sample_home, True)):
        for services in open_services_with(folder, clock):
            app = make_app(services, notifier=FakeNotifier())
            async with app.run_test(size=(120, 36)) as pilot:
                await settle(pilot)
                await pilot.press("question_mark")
                await settle(pilot)
                listed = help_lines(app)
                assert ("Load sample" in listed) is not has_data, listed
                assert ("Follow-up" in listed) is has_data, listed
                assert "Sprint" in listed and "Help" in listed


async def test_the_help_follows_the_state_as_the_footer_does(
    app: ProspectApp, clock: ManualClock
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        sprint = await start_sprint(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        listed = help_lines(app)
        assert "Undo" not in listed  # nothing to undo yet: the footer does not show it either
        assert "Pause" in listed and "No answer" in listed
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("1", "p")  # a call to undo, then a pause
        await settle(pilot)
        assert sprint.session.is_paused(clock.now())
        await pilot.press("question_mark")
        await settle(pilot)
        listed = help_lines(app)
        assert "Resume" in listed and "Pause" not in listed  # named as the footer names it
        assert "No answer" not in listed  # outcome keys do nothing while paused


async def test_ctrl_q_is_in_the_help_where_it_quits_and_abandons_on_the_sprint(
    app: ProspectApp,
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert help_lines(app)["Quit"].split() == ["q", "ctrl+q"]
        await pilot.press("escape")
        await start_sprint(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        listed = help_lines(app)
        assert listed["Abandon"].split() == ["escape", "ctrl+c", "ctrl+q"]
        assert "Quit" not in listed  # on the sprint ctrl+q does not quit: it asks to abandon


async def test_a_remapped_quit_key_quits_and_the_old_one_does_not(
    sample_home: Path, clock: ManualClock
) -> None:
    for services in open_services_with(sample_home, clock, '[keys]\nquit_app = "ctrl+x"\n'):
        app = make_app(services, notifier=FakeNotifier())
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("question_mark")
            await settle(pilot)
            assert help_lines(app)["Quit"].split() == ["q", "ctrl+x"]
            await pilot.press("escape", "ctrl+q")
            await settle(pilot)
            assert app.is_running
            await pilot.press("ctrl+x")
            await pilot.pause()
        assert app.return_code == 0
