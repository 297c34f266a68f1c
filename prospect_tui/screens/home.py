"""Home: today against the goal, the streak, the next planned block, the keys.

The first frame is drawn before the workspace is read; a thread worker reads
it (20,000 prospects take a moment) and fills the panels in. An empty
workspace greets the user and offers the sample list (one key) or an import.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.worker import Worker, WorkerState

from prospect_tui.core.categories import Category
from prospect_tui.core.days import is_working_day, local_date
from prospect_tui.core.plan import Upcoming, next_block
from prospect_tui.core.progress import DayProgress, day_progress
from prospect_tui.core.sample import DEFAULT_PROSPECTS, generate
from prospect_tui.core.streak import Streak, completed_by_day, streak
from prospect_tui.screens.keymap import bindings, key_for
from prospect_tui.services import Services
from prospect_tui.widgets.meter import Meter
from prospect_tui.widgets.title_bar import TitleBar


@dataclass(frozen=True, slots=True)
class HomeSummary:
    """Everything the home screen shows, read in one go off the UI thread."""

    prospects: int
    today: DayProgress
    streak: Streak
    upcoming: Upcoming | None
    now: datetime


def gather(services: Services) -> HomeSummary:
    """Read the workspace and work out the home screen's numbers."""
    repository, config = services.repository, services.config
    now = services.clock.now()
    today = local_date(now, services.clock.tz, config.days.start_hour)
    sprints = repository.sprints()
    return HomeSummary(
        prospects=repository.count_prospects(),
        today=day_progress(today, repository.calls_on(today), sprints, config.goal),
        streak=streak(completed_by_day(sprints), today, config.days.working, config.goal.sprints),
        upcoming=next_block(config.blocks, now, services.clock.tz),
        now=now,
    )


def _duration(seconds: float) -> str:
    minutes = int(seconds // 60)
    hours, minutes = divmod(minutes, 60)
    days, hours = divmod(hours, 24)
    if days:
        return f"{days}d {hours}h"
    return f"{hours}h {minutes:02d}m" if hours else f"{minutes}m"


class HomeScreen(Screen[None]):
    """Where the app opens and every session returns."""

    BINDINGS = bindings("home")

    def __init__(self) -> None:
        super().__init__()
        self.summary: HomeSummary | None = None

    @property
    def services(self) -> Services:
        return self.app.services  # type: ignore[attr-defined, no-any-return]

    def compose(self) -> ComposeResult:
        yield TitleBar(self.services.clock, "Home")
        with VerticalScroll(id="home-body"):
            yield Static("Reading your workspace…", id="home-loading")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.load()

    def on_screen_resume(self) -> None:
        if self.summary is not None:
            self.load()

    # -- reading ---------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="home")
    def load(self) -> HomeSummary:
        """Read the workspace off the UI thread."""
        return gather(self.services)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "home":
            return
        if event.state is WorkerState.SUCCESS and isinstance(event.worker.result, HomeSummary):
            self.show(event.worker.result)
        elif event.state is WorkerState.ERROR and event.worker.error is not None:
            self.app.report(event.worker.error)  # type: ignore[attr-defined]

    def show(self, summary: HomeSummary) -> None:
        """Replace the panels with ``summary``."""
        self.summary = summary
        body = self.query_one("#home-body", VerticalScroll)
        body.remove_children()
        if summary.prospects == 0:
            body.mount(*self._welcome())
        else:
            body.mount(*self._dashboard(summary))
        self.refresh_bindings()

    # -- panels ----------------------------------------------------------------

    def _welcome(self) -> list[Static | Vertical]:
        text = (
            "[b]Welcome to Prospect.[/b]\n\n"
            "Calling is the part of prospecting that gets put off. Prospect runs short, "
            "locked calling sprints: one person on the screen, one key per outcome, "
            "and a streak for every day you keep your calling block.\n\n"
            "Your workspace is empty. To begin:\n\n"
            f"  [b]{self._key('sample')}[/b]  load the sample list — {DEFAULT_PROSPECTS} fictional "
            "prospects across time zones, to try everything at once\n"
            f"  [b]{self._key('import')}[/b]  import a CSV exported from your CRM "
            "(HubSpot, Salesforce, or any name,phone file)"
        )
        return [Vertical(Static(text, id="welcome-text"), id="welcome", classes="panel")]

    def _dashboard(self, summary: HomeSummary) -> list[Static | Horizontal | Vertical]:
        today, goal = summary.today, summary.today.goal
        tally = today.tally
        today_panel = Vertical(
            Meter("Sprints", today.sprints_completed, goal.sprints, id="meter-sprints"),
            Meter("Dials", tally.dials, goal.dials, id="meter-dials"),
            Static(f"Connects [b]{tally.connects}[/b]   Meetings [b]{tally.meetings}[/b]"
                   + (f"   Abandoned {today.sprints_abandoned}" if today.sprints_abandoned else ""),
                   id="today-funnel"),
            id="today", classes="panel",
        )
        today_panel.border_title = f"Today · {today.day:%A %d %B}"
        run = summary.streak
        days = "day" if run.current == 1 else "days"
        streak_panel = Vertical(
            Static(f"[b]{run.current}[/b] working {days}", id="streak-current"),
            Static(f"best {run.best}", id="streak-best"),
            Static(self._streak_today(summary), id="streak-today"),
            id="streak", classes="panel",
        )
        streak_panel.border_title = "Streak"
        block_panel = Vertical(Static(self._block_text(summary), id="next-block-text"),
                               id="next-block", classes="panel")
        block_panel.border_title = "Next block"
        hint = Static(self._hint(summary), id="home-hint")
        return [Horizontal(today_panel, streak_panel, id="home-top"), block_panel, hint]

    def _streak_today(self, summary: HomeSummary) -> str:
        today = summary.today
        if summary.streak.today_met:
            return "goal met today ✓"
        if not is_working_day(today.day, self.services.config.days.working):
            return "rest day today"
        left = today.goal.sprints - today.sprints_completed
        return f"{left} more sprint{'s' if left != 1 else ''} today"

    def _block_text(self, summary: HomeSummary) -> str:
        upcoming = summary.upcoming
        if upcoming is None:
            return (f"No blocks planned. Press [b]{self._key('plan')}[/b] to plan a daily calling "
                    "block — and protect it like a vacation.")
        label = upcoming.block.category.label
        span = f"{upcoming.start:%a %H:%M}–{upcoming.end:%H:%M}"
        if upcoming.running(summary.now):
            left = _duration((upcoming.end - summary.now).total_seconds())
            return f"[b]{label}[/b] {span} — [b]now[/b], {left} left"
        wait = _duration((upcoming.start - summary.now).total_seconds())
        return f"[b]{label}[/b] {span} — in {wait}"

    def _hint(self, summary: HomeSummary) -> str:
        key = self._key("sprint")
        minutes = self.services.config.sprint.minutes
        block = summary.upcoming
        if block and block.running(summary.now) and block.block.category is Category.CALLING:
            return f"Your calling block is on. Press [b]{key}[/b] — one dial, that's all."
        return f"Press [b]{key}[/b] to start a {minutes}-minute calling sprint."

    def _key(self, action: str) -> str:
        return key_for("home", action, self.services.config)

    # -- actions ---------------------------------------------------------------

    _NEEDS_PROSPECTS = frozenset({"research", "follow_up", "review"})

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        empty = self.summary is not None and self.summary.prospects == 0
        if action == "sample":
            return empty
        # An empty workspace has nothing to research, follow up or review:
        # keep the footer to what gets the user started.
        return not (empty and action in self._NEEDS_PROSPECTS)

    def _coming(self, what: str) -> None:
        self.notify(f"{what} is coming in a later version of Prospect.", title="Coming soon")

    def action_sprint(self) -> None:
        if self.summary is not None and self.summary.prospects == 0:
            self.notify(f"Nobody to call yet: press {self._key('sample')} for the sample list "
                        f"or {self._key('import')} to import yours.", title="Empty workspace")
            return
        self._coming("The calling sprint")

    def action_research(self) -> None:
        self._coming("The research session")

    def action_follow_up(self) -> None:
        self._coming("The follow-up session")

    def action_review(self) -> None:
        self._coming("The end-of-day review")

    def action_prospects(self) -> None:
        self._coming("The prospects screen")

    def action_plan(self) -> None:
        self._coming("The plan")

    def action_import(self) -> None:
        self._coming("Import from the app")

    def action_quit(self) -> None:
        self.app.exit(0)

    def action_sample(self) -> None:
        self.load_sample()

    @work(thread=True, exclusive=True, exit_on_error=False, group="home")
    def load_sample(self) -> HomeSummary:
        """Write the sample list, then read the workspace again."""
        services = self.services
        now = services.clock.now()
        sample = generate(services.config, now, services.clock.tz)
        services.repository.insert_with_ids(sample.records())
        self.app.call_from_thread(
            self.notify, f"Loaded {len(sample.prospects)} fictional prospects.", title="Sample"
        )
        return gather(services)
