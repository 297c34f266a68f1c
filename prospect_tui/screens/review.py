"""The review (``v`` from home): the day against the goal and what worked, drawn.

Bars for the goal and the time against the plan, the streak's twelve weeks
as a heatmap, dials per day as a sparkline, the hour, weekday and length
tables, the openers' intervals and the reasons for stopping early. ``←``
and ``→`` move a day (never past today), ``w`` steps the window through 1,
7, 28, 90 days and all of them, ``s`` saves the Markdown report. Every
review is read off the UI thread; keys keep working while it is read, and a
review that arrives for a day no longer asked for is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from prospect_tui.core.days import local_date
from prospect_tui.core.errors import ProspectError
from prospect_tui.core.outcomes import OUTCOMES
from prospect_tui.core.review_view import (
    best_hours,
    dial_series,
    heatmap_marks,
    more_connects,
    next_window,
    series_start,
    stops_by_kind,
)
from prospect_tui.core.tally import counted
from prospect_tui.keymap import bindings
from prospect_tui.messages import ErrorRaised
from prospect_tui.screens.base import AppScreen
from prospect_tui.widgets.dials_chart import DialsChart
from prospect_tui.widgets.fit_row import FitRow
from prospect_tui.widgets.heatmap import Heatmap
from prospect_tui.widgets.key_bar import KeyBar
from prospect_tui.widgets.objection_table import ObjectionTable
from prospect_tui.widgets.rate_table import RateTable
from prospect_tui.widgets.review_day import ReviewDay, window_name
from prospect_tui.widgets.stop_reasons import StopReasons
from prospect_tui.widgets.text import fill, plain
from prospect_tui.widgets.title_bar import TitleBar
from prospect_tui.widgets.variant_chart import VariantChart

if TYPE_CHECKING:
    from prospect_tui.core.model import Prospect
    from prospect_tui.core.review import Review

NOT_ENOUGH = "not enough data yet"


@dataclass(frozen=True, slots=True)
class ReviewRead:
    """One review as the worker read it, with what it was asked for."""

    day: date
    days: int | None
    today: date
    review: Review
    series_first: date
    series: list[int]
    since: date | None
    """The first day a dial was logged (None: never)."""


class ReviewScreen(AppScreen[None]):
    """The review of a day (or a window of days ending on it), drawn in panels."""

    # Priority: the arrow keys move the day even where a scrolling panel would take them.
    BINDINGS = bindings("review", priority=True, actions={"close_review": "back"})
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    def __init__(self) -> None:
        super().__init__()
        self.day: date | None = None
        self.days: int | None = 1
        self.shown: ReviewRead | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar(self.services.clock, "Review")
        with VerticalScroll(id="review-body"):
            yield Static("Reading your day…", id="review-loading")
            with Vertical(id="review-panels"):
                with Vertical(classes="review-row"):
                    yield ReviewDay(id="review-day", classes="panel")
                    with Vertical(id="review-streak", classes="panel"):
                        yield Static(id="review-streak-text")
                        yield Heatmap(id="review-heatmap")
                with Vertical(id="review-dials", classes="panel"):
                    yield DialsChart()
                with FitRow(id="review-tables"):
                    with Vertical(id="review-hours", classes="panel"):
                        yield RateTable(id="hours-table")
                        yield Static(id="hours-note")
                    with Vertical(id="review-side"):
                        with Vertical(id="review-weekdays", classes="panel"):
                            yield RateTable(id="weekdays-table")
                        with Vertical(id="review-lengths", classes="panel"):
                            yield RateTable(id="lengths-table")
                with Vertical(id="review-variants", classes="panel"):
                    yield VariantChart()
                    yield Static(id="variants-verdict")
                with Vertical(id="review-stops", classes="panel"):
                    yield StopReasons()
                yield ObjectionTable(id="review-objections", classes="panel")
                with Vertical(classes="review-row"):
                    with Vertical(id="review-outcomes", classes="panel"):
                        yield Static(id="outcomes-text")
                    with Vertical(id="review-callbacks", classes="panel"):
                        yield Static(id="callbacks-text")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#review-panels").display = False
        self.day = self.today()
        self.ask()

    def today(self) -> date:
        """The user's day now, by their zone and day-start hour."""
        clock = self.services.clock
        return local_date(clock.now(), clock.tz, self.services.config.days.start_hour)

    def ask(self) -> None:
        """Say at once which review is coming, and read it off the UI thread."""
        assert self.day is not None
        day, today = self.day, self.today()
        when = f"{day:%A %d %B %Y}" + (" (today)" if day == today else "")
        where = (
            f"Review · {when}" if self.days == 1 else f"Review · {window_name(self.days)} to {when}"
        )
        self.query_one(TitleBar).show_where(where)
        self.refresh_bindings()
        self.call_after_refresh(self.load, day, self.days)

    @work(thread=True, exclusive=True, exit_on_error=False, group="review")
    def load(self, day: date, days: int | None) -> ReviewRead:
        """Read the review of ``days`` days ending on ``day``, and the dials of each day."""
        from prospect_tui.transfer.review_query import day_review

        services = self.services
        repository, config, tz = services.repository, services.config, services.clock.tz
        today = self.today()
        review = day_review(repository, day, config, tz, today=today, days=days)
        first = series_start(day, review.first)
        dials = repository.dials_by_day()
        since = dials.first_day()
        return ReviewRead(day, days, today, review, first, dial_series(dials, first, day), since)

    async def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group not in ("review", "save-review"):
            return
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            self.post_message(ErrorRaised(event.worker.error))
        elif event.state is WorkerState.SUCCESS and isinstance(event.worker.result, ReviewRead):
            read = event.worker.result
            if (read.day, read.days) == (self.day, self.days) and self.is_attached:
                await self.show(read)

    async def show(self, read: ReviewRead) -> None:
        """Fill every panel in from ``read``."""
        self.shown = read
        review = read.review
        self.query_one("#review-loading").display = False
        self.query_one("#review-panels").display = True
        config = self.services.config
        self.query_one(ReviewDay).show(review, config.days.working, self.services.clock.tz)
        self._show_streak(read)
        self.query_one("#review-dials").border_title = "Dials per day"
        self.query_one(DialsChart).show(read.series_first, read.series)
        self._show_tables(review)
        self._show_variants(review)
        window = window_name(review.experiment.days)
        self.query_one(ObjectionTable).show(review.objections, window)
        stops = self.query_one("#review-stops")
        stops.border_title = f"Stopped early · {counted(review.sprints_abandoned, 'sprint')}"
        await self.query_one(StopReasons).show(stops_by_kind(review.stopped))
        self._show_outcomes(review)
        self.refresh_bindings()

    def _show_streak(self, read: ReviewRead) -> None:
        review, config = read.review, self.services.config
        streak = review.streak
        self.query_one("#review-streak").border_title = "Streak · 12 weeks"
        self.query_one("#review-streak-text", Static).update(
            fill(
                "[b $warning]$current[/] · best $best",
                current=counted(streak.current, "working day"),
                best=streak.best,
            )
        )
        marks = heatmap_marks(
            review.heatmap,
            today=read.today if review.is_today else None,
            working=config.days.working,
            days_off=config.days_off,
            since=read.since,
        )
        self.query_one(Heatmap).show(marks)

    def _show_tables(self, review: Review) -> None:
        window = window_name(review.experiment.days)
        self.query_one("#review-hours").border_title = f"Connect rate by their hour · {window}"
        self.query_one("#review-weekdays").border_title = f"By weekday · {window}"
        self.query_one("#review-lengths").border_title = f"Call length and outcome · {window}"
        best = best_hours(review.by_hour)
        self.query_one("#hours-table", RateTable).show_hours(review.by_hour, best)
        note = (
            "No calls in this window."
            if not review.by_hour
            else (
                "★ best hours (of those with 30 dials or more)"
                if best
                else "No hour has 30 dials yet: none is ranked."
            )
        )
        self.query_one("#hours-note", Static).update(plain(note, "$text-muted"))
        self.query_one("#weekdays-table", RateTable).show_weekdays(review.by_weekday)
        self.query_one("#lengths-table", RateTable).show_lengths(review.by_length)
        self.query_one(FitRow).refit()  # a longer count may no longer fit beside the others

    def _show_variants(self, review: Review) -> None:
        lab = review.experiment
        how = "adaptive" if lab.assignment == "adaptive" else "fair rotation"
        self.query_one(
            "#review-variants"
        ).border_title = (
            f"Openers and offers · meetings per connect · {window_name(lab.days)}, {how}"
        )
        verdict = lab.standing
        self.query_one(VariantChart).show(lab.variants, verdict.leader)
        if not lab.variants:
            line = plain("")
        elif len(verdict.arms) < 2:
            line = plain("One variant alone: nothing to compare it with.", "$text-muted")
        elif verdict.leader is not None:
            line = fill("[b $success]Leader: $name[/]", name=verdict.leader)
        elif verdict.more_connects is None:
            line = plain(f"No leader — {NOT_ENOUGH}; no difference between them so far.")
        else:
            line = plain(f"No leader — {NOT_ENOUGH}: {more_connects(verdict.more_connects)}.")
        self.query_one("#variants-verdict", Static).update(line)

    def _show_outcomes(self, review: Review) -> None:
        self.query_one("#review-outcomes").border_title = "Outcomes"
        counts = [(o.label, review.outcomes[o.id]) for o in OUTCOMES if review.outcomes[o.id]]
        text = (
            Content("\n").join(
                fill("$label [b]$n[/b]", label=f"{label:<16}", n=n) for label, n in counts
            )
            if counts
            else plain("No calls.", "$text-muted")
        )
        self.query_one("#outcomes-text", Static).update(text)
        after = "tomorrow" if review.is_today else f"{review.day + timedelta(days=1):%a %d %b}"
        self.query_one("#review-callbacks").border_title = f"Callbacks due {after}"
        tz = self.services.clock.tz
        due = [
            plain(
                f"{f.due_at.astimezone(tz):%a %H:%M} ({f.due_at:%H:%M} theirs)  "
                f"{f.who or f'prospect {f.prospect_id}'}"
            )
            for f in review.callbacks_tomorrow
            if f.due_at is not None
        ]
        self.query_one("#callbacks-text", Static).update(
            Content("\n").join(due) if due else plain("None.", "$text-muted")
        )

    # -- keys --------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_day":
            return (self.day is not None and self.day < self.today()) or None
        if action == "save_review":
            return self._current() is not None or None
        if action == "first_calls":
            # Only today's review asks: a past day's tomorrow has come and gone.
            return (self.day is not None and self.day == self.today()) or None
        return True

    def _current(self) -> ReviewRead | None:
        """The review on screen, if it is the one asked for (not one still being read)."""
        read = self.shown
        return read if read is not None and (read.day, read.days) == (self.day, self.days) else None

    def action_previous_day(self) -> None:
        if self.day is not None and self.day > date.min:
            self.day -= timedelta(days=1)
            self.ask()

    def action_next_day(self) -> None:
        # Today moves on at midnight (or the day-start hour): never past the day it is now.
        if self.day is not None and self.day < self.today():
            self.day += timedelta(days=1)
            self.ask()

    def action_review_window(self) -> None:
        self.days = next_window(self.days)
        self.ask()

    def action_save_review(self) -> None:
        from prospect_tui.dialogs.save_review import SaveReviewDialog

        read = self._current()
        if read is None:  # still reading: what is on screen is not what the title says
            return
        suffix = "" if read.days == 1 else f"-{read.days or 'all'}{'d' if read.days else ''}"
        suggested = Path.home() / f"prospect-review-{read.day.isoformat()}{suffix}.md"

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.save(read.review, path)

        what = "the review" if read.days == 1 else f"the review of {window_name(read.days)}"
        self.app.push_screen(SaveReviewDialog(suggested, what), chosen)

    @work(thread=True, exit_on_error=False, group="save-review")
    def save(self, review: Review, path: Path) -> None:
        """Write the review's Markdown to ``path`` (0600, never inside the workspace)."""
        from prospect_tui.transfer.output import write_output
        from prospect_tui.transfer.review_text import render_markdown

        services = self.services
        try:
            text = render_markdown(review, services.clock.tz)
            write_output(path, text.encode("utf-8"), services.where)
        except ProspectError as error:
            self.post_message(ErrorRaised(error))
            return
        self.app.call_from_thread(
            self.notify, f"Saved the review to {path}.", title="Review", markup=False
        )

    def action_first_calls(self) -> None:
        """Open the picker of the next working day's first calls (today's review only)."""
        if self.day is not None and self.day == self.today():
            self.read_first_calls()

    @work(thread=True, exclusive=True, exit_on_error=False, group="first-calls")
    def read_first_calls(self) -> None:
        """Read the queue as that day's first sprint would see it, then show the picker."""
        from prospect_tui.core.first_calls import candidates, first_sprint_at, next_working_day

        services = self.services
        repository, config, tz = services.repository, services.config, services.clock.tz
        try:
            day = next_working_day(self.today(), config.days.working, config.days_off)
            prospects = repository.prospects()
            listed = candidates(prospects, first_sprint_at(day, config, tz), config)
            by_id = {p.id: p for p in prospects}
            picked = [
                by_id[f.prospect_id]
                for f in repository.first_calls_on(day)
                if f.sprint_id is None and f.prospect_id in by_id
            ]
        except ProspectError as error:
            self.post_message(ErrorRaised(error))
            return
        self.app.call_from_thread(self._pick_first_calls, day, listed, picked)

    def _pick_first_calls(self, day: date, listed: list[Prospect], picked: list[Prospect]) -> None:
        from prospect_tui.dialogs.first_calls import FirstCallsDialog

        def chosen(result: list[Prospect] | None) -> None:
            if result is not None:
                self.keep_first_calls(day, result)

        self.app.push_screen(FirstCallsDialog(day, listed, picked), chosen)

    def keep_first_calls(self, day: date, chosen: list[Prospect]) -> None:
        """Store ``chosen`` as ``day``'s first calls (none: clear them), and say so."""
        from prospect_tui.core.first_calls import picks

        services = self.services
        try:
            services.repository.pick_first_calls(day, picks(day, chosen, services.clock.now()))
        except ProspectError as error:
            self.post_message(ErrorRaised(error))
            return
        when = f"{day:%A}"
        message = (
            f"First calls for {when}: {', '.join(p.name or '(no name)' for p in chosen)}."
            if chosen
            else f"No first calls picked for {when}."
        )
        self.notify(message, title="Tomorrow", markup=False)

    def action_back(self) -> None:
        self.app.pop_screen()
