"""The end-of-day review (``v`` from home): the same report as ``prospect review``."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from prospect_tui.core.errors import ProspectError
from prospect_tui.keymap import bindings
from prospect_tui.messages import ErrorRaised
from prospect_tui.screens.base import AppScreen
from prospect_tui.widgets.key_bar import KeyBar
from prospect_tui.widgets.text import plain
from prospect_tui.widgets.title_bar import TitleBar


class ReviewScreen(AppScreen[None]):
    """Today against the goal, the streak, and what worked — read off the UI thread."""

    BINDINGS = bindings("review", actions={"close_review": "back"})

    def compose(self) -> ComposeResult:
        yield TitleBar(self.services.clock, "Review")
        with VerticalScroll(id="review-body"):
            yield Static("Reading your day…", id="review-text")
        yield KeyBar()

    def on_mount(self) -> None:
        self.call_after_refresh(self.load)

    @work(thread=True, exclusive=True, exit_on_error=False, group="review")
    def load(self) -> None:
        """Build the review of today and show it."""
        from prospect_tui.core.days import local_date
        from prospect_tui.transfer.review_query import day_review
        from prospect_tui.transfer.review_text import sections

        services = self.services
        clock, config = services.clock, services.config
        try:
            day = local_date(clock.now(), clock.tz, config.days.start_hour)
            review = day_review(services.repository, day, config, clock.tz, today=day)
        except ProspectError as error:
            self.post_message(ErrorRaised(error))
            return
        text = Content("\n\n").join(
            Content("\n").join([plain(title, "bold"), *(plain(f"  {line}") for line in lines)])
            for title, lines in sections(review, clock.tz)
        )
        self.app.call_from_thread(self.query_one("#review-text", Static).update, text)

    def action_back(self) -> None:
        self.app.pop_screen()
