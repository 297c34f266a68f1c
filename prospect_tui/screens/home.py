"""Home: today against the goal, the streak, the next planned block, the keys.

The first frame is drawn before the workspace is read; a thread worker reads
it (20,000 prospects take a moment) and fills the panels in. An empty
workspace greets the user and offers the sample list (one key) or an import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from prospect_tui.collector import settle_memory
from prospect_tui.core.days import is_working_day, local_date
from prospect_tui.keymap import bindings, key_for
from prospect_tui.screens.base import AppScreen
from prospect_tui.widgets.due_panel import DuePanel
from prospect_tui.widgets.key_bar import KeyBar
from prospect_tui.widgets.text import fill
from prospect_tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from datetime import date, datetime

    from prospect_tui.core.due_today import DueToday
    from prospect_tui.core.home_next import NextStep
    from prospect_tui.core.plan import Upcoming
    from prospect_tui.home_data import HomeSummary


TALL_ROWS, TALL_COLUMNS = 32, 100
"""From this size on the panels grow and the follow-ups get a column of their own."""
ROOMY_ROWS, ROOMY_COLUMNS = 24, 80
"""Under this size the heatmap gives way and the next block moves under the streak, so
today, the week and what is due all fit without scrolling."""


class HomeScreen(AppScreen[None]):
    """Where the app opens and every session returns."""

    BINDINGS = bindings("home")

    class FirstFrameShown(Message):
        """The app's first frame is on the terminal: time to read the workspace."""

    def __init__(self) -> None:
        super().__init__()
        self.summary: HomeSummary | None = None
        self._settling_away = False
        self._day_asked: date | None = None
        """The new day whose read a tick asked for."""
        self._said: tuple[str, NextStep] | None = None
        """What the last tick showed: the block's line and the key to press."""

    def compose(self) -> ComposeResult:
        # Sized for the terminal before its styles are first worked out: the first
        # resize then changes no class, so the screen is not styled twice.
        self._fit(self.app.size.width, self.app.size.height, update=False)
        # The first frame is just this: the panels are mounted once the workspace is read.
        yield TitleBar(self.services.clock, "Home")
        yield Static("Reading your workspace…", id="home-loading")
        yield KeyBar()

    def on_mount(self) -> None:
        # The workspace is read once the app's first frame is out (FirstFrameShown).
        # Minutes are what the countdown shows; a second's tick turns them on time.
        self.set_interval(1, self.tick)

    def on_home_screen_first_frame_shown(self, message: FirstFrameShown) -> None:
        # The reading thread holds the interpreter lock while it imports and parses,
        # which would hold the first frame back: it starts once that is written.
        if self.summary is None:
            self.load()

    def on_screen_resume(self) -> None:
        # Back from the question about time away: its answer reads the workspace again.
        if self.summary is not None and not self._settling_away:
            self.load()

    @staticmethod
    def _panels() -> list[Widget]:
        """The welcome and the dashboard, made once and filled in by every show()."""
        from prospect_tui.core.due_today import SHOWN
        from prospect_tui.widgets.home_panels import BlockPanel, StreakPanel, TodayPanel, WeekPanel
        from prospect_tui.widgets.welcome import Welcome

        welcome = Welcome(id="welcome-page")
        left = Vertical(
            TodayPanel(id="today", classes="panel"),
            BlockPanel(id="next-block", classes="panel roomy-only"),
            WeekPanel(id="week", classes="panel"),
            id="home-left",
        )
        # The follow-ups due go under the streak where the screen is tall enough
        # to give them that column, and across the bottom where it is not. On a
        # small screen the streak has no heatmap, and the next block goes under it.
        right = Vertical(
            StreakPanel(id="streak", classes="panel"),
            BlockPanel(id="next-block-side", classes="panel compact-only"),
            DuePanel(id="due-side", classes="panel tall-only"),
            id="home-right",
        )
        dashboard = Vertical(
            Static(id="home-next"),
            Static(id="home-first-calls"),
            Horizontal(left, right, id="home-top"),
            DuePanel(shown=SHOWN, id="due", classes="panel short-only"),
            id="dashboard",
        )
        return [welcome, dashboard]

    @work(thread=True, exclusive=True, exit_on_error=False, group="home")
    def load(self) -> HomeSummary:
        """Read the workspace off the UI thread (recovering a crashed sprint the first time)."""
        from prospect_tui.home_data import gather

        summary = gather(self.services, recover=self.summary is None)
        settle_memory()
        return summary

    @work(thread=True, exclusive=True, exit_on_error=False, group="home-due")
    def load_due_zones(self) -> DueToday:
        """Their clocks for the due panel: reads the prospects, after the numbers are shown."""
        from prospect_tui.home_data import due_with_zones

        due = due_with_zones(self.services)
        settle_memory()
        return due

    @work(thread=True, exclusive=True, exit_on_error=False, group="home-queue")
    def ready_queue(self) -> None:
        """Read every prospect's queue row now, while home is looked at, so the sprint
        that ``s`` starts builds its queue from memory (a damaged file is still named when
        ``s`` reads it)."""
        from prospect_tui.core import phones
        from prospect_tui.core.days import local_date
        from prospect_tui.screens.sprint_aids import history_since

        services = self.services
        services.repository.queue_source()
        phones.load()  # the card's number is formatted by it
        clock = services.clock
        today = local_date(clock.now(), clock.tz, services.config.days.start_hour)
        services.repository.ready_to_call(today, history_since(today))
        settle_memory()

    async def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        from prospect_tui.messages import ErrorRaised

        if event.worker.group == "home-due":
            if event.state is WorkerState.SUCCESS and self.is_attached:
                for panel in self.query(DuePanel):  # the one shown depends on the screen's size
                    panel.show(event.worker.result, self._key("follow_up"))
            elif event.state is WorkerState.ERROR and event.worker.error is not None:
                self.post_message(ErrorRaised(event.worker.error))
            return
        if event.worker.group != "home":
            return
        if event.worker.is_finished:
            self._settling_away = False
        if event.state is WorkerState.SUCCESS and event.worker.result is not None:
            await self.show(event.worker.result)
        elif event.state is WorkerState.ERROR and event.worker.error is not None:
            self.post_message(ErrorRaised(event.worker.error))

    async def show(self, summary: HomeSummary) -> None:
        """Fill the panels in from ``summary`` (mounting them the first time)."""
        if not self.is_attached:  # the app quit while the worker was reading
            return
        if not self.query("#dashboard"):
            # Handlers of one screen run one at a time, so this mounts exactly once.
            loading = self.query_one("#home-loading")
            body = VerticalScroll(*self._panels(), id="home-body")
            await self.mount(body, after=loading)
            await loading.remove()
            body.focus()
        self.summary = summary
        empty = not summary.has_prospects
        self.query_one("#welcome-page").display = empty
        self.query_one("#dashboard").display = not empty
        if empty:
            self._show_welcome()
        else:
            self._show_dashboard(summary)
        self.refresh_bindings()
        if summary.notice:
            self.notify(summary.notice, title="Sprint", markup=False)
        if summary.resume is not None:
            from prospect_tui.messages import ResumeSprint

            self.post_message(ResumeSprint(summary.resume, summary.resume_number))
        if summary.away is not None:
            self._ask_about_away(summary)

    def _ask_about_away(self, summary: HomeSummary) -> None:
        """A sprint the app left for longer than a break: keep that time, or cut it off."""
        from prospect_tui.dialogs.away import AwayDialog

        away = summary.away
        assert away is not None

        def answered(keep: bool | None) -> None:
            self.settle_away(keep is not False)

        self._settling_away = True
        self.app.push_screen(AwayDialog(away.since, away.gap), answered)

    @work(thread=True, exclusive=True, exit_on_error=False, group="home")
    def settle_away(self, keep: bool) -> HomeSummary:
        """Resume (or close) the sprint with the time away kept, or end it where the app left."""
        from dataclasses import replace

        from prospect_tui.home_data import discard_away, gather, pick_up

        services = self.services
        away = self.summary.away if self.summary is not None else None
        if away is None:
            return gather(services)
        if keep:
            resume, number, notice = pick_up(services, away.sprint, away.calls)
        else:
            resume, number, notice = (
                None,
                0,
                discard_away(services, away.sprint, away.calls, away.since),
            )
        settle_memory()
        return replace(gather(services), resume=resume, resume_number=number, notice=notice)

    # -- panels ----------------------------------------------------------------

    def _show_welcome(self) -> None:
        # Imported here, after the first frame: the sample module is not needed to start.
        from prospect_tui.sample.generate import DEFAULT_PROSPECTS
        from prospect_tui.widgets.welcome import Welcome

        self.query_one(Welcome).show(self.services.config, DEFAULT_PROSPECTS)

    def _show_dashboard(self, summary: HomeSummary) -> None:
        from prospect_tui.core.home_next import streak_today
        from prospect_tui.widgets.home_panels import (
            StreakPanel,
            TodayPanel,
            WeekPanel,
            first_calls_line,
        )

        self.query_one(TodayPanel).show(summary.today, summary.outcomes)
        config = self.services.config
        today_line = streak_today(summary.today, summary.streak.today_met, config)
        self.query_one(StreakPanel).show(summary.streak, today_line, summary.marks)
        self.query_one(WeekPanel).show(summary.today.day, summary.week)
        pending = summary.due_zones_pending
        for panel in self.query(DuePanel):
            panel.show(summary.due, self._key("follow_up"), zones_pending=pending)
        if pending:
            # After the frame that shows the numbers: reading 20,000 prospects on a
            # thread beside the first paint of the dashboard held it up by a third.
            self.call_after_refresh(self.load_due_zones)
        self.call_after_refresh(self.ready_queue)
        first = self.query_one("#home-first-calls", Static)
        first.display = bool(summary.first_calls)
        first.update(first_calls_line([f.who for f in summary.first_calls]))
        self.tick()

    def tick(self) -> None:
        """Move what depends on the time: the block's countdown and the key to press next.

        Worked out from the clock and the plan, without reading the workspace;
        a new day (midnight, or the day-start hour) reads it again.
        """
        from prospect_tui.core.home_next import next_step
        from prospect_tui.core.plan import next_block
        from prospect_tui.widgets.home_panels import BlockPanel

        summary = self.summary
        if summary is None or not summary.has_prospects or not self.query(BlockPanel):
            return
        services = self.services
        config, clock = services.config, services.clock
        now = clock.now()
        day = local_date(now, clock.tz, config.days.start_hour)
        if day != summary.today.day:
            # Once: a read restarted at every tick would never finish on a big workspace.
            if self._day_asked != day:
                self._day_asked = day
                self.load()
            return
        upcoming = next_block(config.blocks, now, clock.tz, config.days_off)
        rest_day = day in config.days_off or not is_working_day(day, config.days.working)
        step = next_step(summary.today, summary.due, upcoming, now, rest_day=rest_day)
        block = self._block_text(upcoming, now)
        said = (block if isinstance(block, str) else block.plain, step)
        if said == self._said:
            return  # nothing moved this second: no repaint
        self._said = said
        for panel in self.query(BlockPanel):  # one per column: the screen's size shows one
            panel.show(block)
        self.query_one("#home-next", Static).update(
            fill("▶ " + step.text.replace("$key", "[b $accent]$key[/]"), key=self._key(step.action))
        )

    def on_resize(self, event: Resize) -> None:
        self._fit(event.size.width, event.size.height)

    def _fit(self, width: int, height: int, *, update: bool = True) -> None:
        # Where there is room, the panels grow and the follow-ups get the streak's column;
        # where there is not, lesser panels give way to what is due. Both classes in one
        # change: each change styles the whole screen again.
        self.update_classes(
            {
                "-tall": height >= TALL_ROWS and width >= TALL_COLUMNS,
                "-compact": height < ROOMY_ROWS or width < ROOMY_COLUMNS,
            },
            update=update,
        )

    def _block_text(self, upcoming: Upcoming | None, now: datetime) -> str | Content:
        from prospect_tui.core.home_next import block_status

        if upcoming is None and self.services.config.blocks:
            return "No block in the week ahead: those are your days off."
        if upcoming is None:
            return fill(
                "No blocks planned. Press [b]$key[/b] to plan a daily calling "
                "block — and protect it like a vacation.",
                key=self._key("plan"),
            )
        return block_status(upcoming, now, self.services.clock.tz)

    def _key(self, action: str) -> str:
        return key_for("home", action, self.services.config)

    # -- actions ---------------------------------------------------------------

    _NEEDS_PROSPECTS = frozenset({"research", "follow_up"})

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        empty = self.summary is not None and not self.summary.has_prospects
        if action == "sample":
            return empty
        # An empty workspace has nothing to research, follow up or review:
        # keep the footer to what gets the user started.
        return not (empty and action in self._NEEDS_PROSPECTS)

    def action_sprint(self) -> None:
        if self.summary is not None and not self.summary.has_prospects:
            self.notify(
                f"Nobody to call yet: press {self._key('sample')} for the sample list "
                f"or {self._key('import')} to import yours.",
                title="Empty workspace",
                markup=False,
            )
            return
        from prospect_tui.messages import StartSprint

        self.post_message(StartSprint(deliberate=True))

    def action_research(self) -> None:
        from prospect_tui.screens.research import ResearchScreen

        self.app.push_screen(ResearchScreen())

    def action_follow_up(self) -> None:
        from prospect_tui.screens.follow_up import FollowUpScreen

        self.app.push_screen(FollowUpScreen())

    def action_review(self) -> None:
        from prospect_tui.screens.review import ReviewScreen

        self.app.push_screen(ReviewScreen())

    def action_prospects(self) -> None:
        from prospect_tui.screens.prospects import ProspectsScreen

        self.app.push_screen(ProspectsScreen())

    def action_plan(self) -> None:
        from prospect_tui.screens.plan import PlanScreen

        self.app.push_screen(PlanScreen())

    def action_import(self) -> None:
        from prospect_tui.screens.import_csv import ImportScreen

        self.app.push_screen(ImportScreen(), lambda _: self.load())

    def action_quit(self) -> None:
        self.app.exit(0)

    def action_sample(self) -> None:
        self.load_sample()

    @work(thread=True, exclusive=True, exit_on_error=False, group="home")
    def load_sample(self) -> HomeSummary:
        """Write the sample list, then read the workspace again."""
        from prospect_tui.core.tally import counted
        from prospect_tui.home_data import gather
        from prospect_tui.sample.generate import generate

        services = self.services
        now = services.clock.now()
        sample = generate(services.config, now, services.clock.tz)
        services.repository.insert_with_ids(sample.records())
        self.app.call_from_thread(
            self.notify,
            f"Loaded {counted(len(sample.prospects), 'fictional prospect')}.",
            title="Sample",
        )
        self._write_sample_plan()
        return gather(services)

    def _write_sample_plan(self) -> None:
        """Give config.toml the sample's plan and openers where it has none of its own.

        Called from the sample's worker thread. The user's values are kept (a
        merge, not a replacement); a config that cannot take it is said in a
        toast, since the sample list itself is already in.
        """
        from prospect_tui.core.config import ConfigError
        from prospect_tui.sample.data import sample_config_toml
        from prospect_tui.store.config_file import merge_into_config
        from prospect_tui.store.errors import StoreError

        services = self.services
        try:
            services.config = merge_into_config(services.where.config_file, sample_config_toml())
        except (ConfigError, StoreError) as error:
            self.app.call_from_thread(
                self.notify, f"The sample's plan was not written: {error}", title="Sample",
                severity="warning", markup=False,
            )  # fmt: skip
