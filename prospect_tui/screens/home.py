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
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from prospect_tui.core.categories import Category
from prospect_tui.core.clock import between
from prospect_tui.core.days import is_working_day
from prospect_tui.core.durations import duration
from prospect_tui.keymap import bindings, key_for
from prospect_tui.messages import ErrorRaised, ResumeSprint, StartSprint
from prospect_tui.screens.base import AppScreen
from prospect_tui.services import settle_memory
from prospect_tui.widgets.due_panel import DuePanel
from prospect_tui.widgets.key_bar import KeyBar
from prospect_tui.widgets.text import fill, plain
from prospect_tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from prospect_tui.core.due_today import DueToday
    from prospect_tui.home_data import HomeSummary


class HomeScreen(AppScreen[None]):
    """Where the app opens and every session returns."""

    BINDINGS = bindings("home")

    def __init__(self) -> None:
        super().__init__()
        self.summary: HomeSummary | None = None
        self._settling_away = False

    def compose(self) -> ComposeResult:
        # The first frame is just this: the panels are mounted once the workspace is read.
        yield TitleBar(self.services.clock, "Home")
        with VerticalScroll(id="home-body"):
            yield Static("Reading your workspace…", id="home-loading")
        yield KeyBar()

    def on_mount(self) -> None:
        # Read the workspace once the first frame is out: the reading thread holds
        # the interpreter lock while it parses, which would hold the frame back.
        self.call_after_refresh(self.load)

    def on_screen_resume(self) -> None:
        # Back from the question about time away: its answer reads the workspace again.
        if self.summary is not None and not self._settling_away:
            self.load()

    @staticmethod
    def _panels() -> list[Vertical]:
        """The welcome and the dashboard, made once and filled in by every show()."""
        from prospect_tui.widgets.meter import Meter

        welcome = Vertical(Static(id="welcome-text"), id="welcome", classes="panel")
        streak = Vertical(
            Static(id="streak-current"),
            Static(id="streak-best"),
            Static(id="streak-today"),
            id="streak",
            classes="panel",
        )
        streak.border_title = "Streak"
        block = Vertical(Static(id="next-block-text"), id="next-block", classes="panel")
        block.border_title = "Next block"
        due = DuePanel(id="due", classes="panel")
        today = Vertical(
            Meter("Sprints", id="meter-sprints"),
            Meter("Dials", id="meter-dials"),
            Static(id="today-funnel"),
            id="today",
            classes="panel",
        )
        dashboard = Vertical(
            Horizontal(today, streak, id="home-top"),
            block,
            due,
            Static(id="home-first-calls"),
            Static(id="home-hint"),
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

    async def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "home-due":
            if event.state is WorkerState.SUCCESS and self.is_attached and self.query(DuePanel):
                self.query_one(DuePanel).show(event.worker.result, self._key("follow_up"))
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
            self.query_one("#home-loading").remove()
            await self.query_one("#home-body").mount(*self._panels())
        self.summary = summary
        empty = not summary.has_prospects
        self.query_one("#welcome").display = empty
        self.query_one("#dashboard").display = not empty
        if empty:
            self._show_welcome()
        else:
            self._show_dashboard(summary)
        self.refresh_bindings()
        if summary.notice:
            self.notify(summary.notice, title="Sprint", markup=False)
        if summary.resume is not None:
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

        self.query_one("#welcome-text", Static).update(
            fill(
                "[b]Welcome to Prospect.[/b]\n\n"
                "Calling is the part of prospecting that gets put off. Prospect runs short, "
                "locked calling sprints: one person on the screen, one key per outcome, "
                "and a streak for every day you keep your calling block.\n\n"
                "Your workspace is empty. To begin:\n\n"
                f"  [b]$sample[/b]  load the sample list — {DEFAULT_PROSPECTS} fictional "
                "prospects across time zones, to try everything at once\n"
                "  [b]$load[/b]  import a CSV exported from your CRM "
                "(HubSpot, Salesforce, or any name,phone file)",
                sample=self._key("sample"),
                load=self._key("import"),
            )
        )

    def _show_dashboard(self, summary: HomeSummary) -> None:
        from prospect_tui.widgets.meter import Meter

        today, goal = summary.today, summary.today.goal
        tally = today.tally
        self.query_one("#today").border_title = f"Today · {today.day:%A %d %B}"
        self.query_one("#meter-sprints", Meter).set(today.sprints_completed, goal.sprints)
        self.query_one("#meter-dials", Meter).set(tally.dials, goal.dials)
        abandoned = f"   Abandoned {today.sprints_abandoned}" if today.sprints_abandoned else ""
        self.query_one("#today-funnel", Static).update(
            f"Connects [b]{tally.connects}[/b]   Meetings [b]{tally.meetings}[/b]{abandoned}"
        )
        run = summary.streak
        days = "day" if run.current == 1 else "days"
        self.query_one("#streak-current", Static).update(f"[b]{run.current}[/b] working {days}")
        self.query_one("#streak-best", Static).update(f"best {run.best}")
        self.query_one("#streak-today", Static).update(self._streak_today(summary))
        self.query_one("#next-block-text", Static).update(self._block_text(summary))
        pending = summary.due_zones_pending
        self.query_one(DuePanel).show(summary.due, self._key("follow_up"), zones_pending=pending)
        if pending:
            self.load_due_zones()
        first = self.query_one("#home-first-calls", Static)
        first.display = bool(summary.first_calls)
        first.update(first_calls_line([f.who for f in summary.first_calls]))
        self.query_one("#home-hint", Static).update(self._hint(summary))

    def _streak_today(self, summary: HomeSummary) -> str:
        today = summary.today
        if summary.streak.today_met:
            return "goal met today ✓"
        if today.day in self.services.config.days_off:
            return "day off today — the streak waits"
        if not is_working_day(today.day, self.services.config.days.working):
            return "rest day today"
        left = today.goal.sprints - today.sprints_completed
        if left > 0:
            return f"{left} more sprint{'s' if left != 1 else ''} today"
        # The sprints are done but the goal is not: what is missing is dials.
        dials = today.goal.dials - today.tally.dials
        return f"{dials} more dial{'s' if dials != 1 else ''} today"

    def _block_text(self, summary: HomeSummary) -> str | Content:
        upcoming = summary.upcoming
        if upcoming is None and self.services.config.blocks:
            return "No block in the week ahead: those are your days off."
        if upcoming is None:
            return fill(
                "No blocks planned. Press [b]$key[/b] to plan a daily calling "
                "block — and protect it like a vacation.",
                key=self._key("plan"),
            )
        label = upcoming.block.category.label
        span = f"{upcoming.start:%a %H:%M}–{upcoming.end:%H:%M}"
        if upcoming.running(summary.now):
            left = duration(between(summary.now, upcoming.end), waiting=True)
            return f"[b]{label}[/b] {span} — [b]now[/b], {left} left"
        wait = duration(between(summary.now, upcoming.start), waiting=True)
        return f"[b]{label}[/b] {span} — in {wait}"

    def _hint(self, summary: HomeSummary) -> Content:
        key = self._key("sprint")
        minutes = self.services.config.sprint.minutes
        block = summary.upcoming
        if block and block.running(summary.now) and block.block.category is Category.CALLING:
            return fill(
                "Your calling block is on. Press [b]$key[/b] — one dial, that's all.", key=key
            )
        return fill(f"Press [b]$key[/b] to start a {minutes}-minute calling sprint.", key=key)

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
        from prospect_tui.home_data import gather
        from prospect_tui.sample.generate import generate

        services = self.services
        now = services.clock.now()
        sample = generate(services.config, now, services.clock.tz)
        services.repository.insert_with_ids(sample.records())
        self.app.call_from_thread(
            self.notify, f"Loaded {len(sample.prospects)} fictional prospects.", title="Sample"
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


_HOW_MANY = {1: "Your first call", 2: "Your first two calls", 3: "Your first three calls"}


def first_calls_line(names: list[str]) -> Content:
    """``Your first three calls: Ada, Bob, Cy`` — names are data, never markup."""
    if not names:
        return plain("")
    shown = ", ".join(name or "someone" for name in names)
    return fill(
        "[b]$how:[/b] $names — they open today's first sprint.",
        how=_HOW_MANY.get(len(names), "Your first calls"),
        names=shown,
    )
