"""The review's first panel: the day (or window) against the goal, the funnel, the time."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta, tzinfo

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from prospect_tui.core.categories import CATEGORIES, Category
from prospect_tui.core.days import is_working_day
from prospect_tui.core.durations import duration
from prospect_tui.core.review import Review
from prospect_tui.core.tally import counted
from prospect_tui.widgets.bar import ValueBar
from prospect_tui.widgets.text import plain

OVERRUN = "Research ran past its plan — it is the favourite hiding place."


def window_name(days: int | None) -> str:
    """``1 day``, ``7 days``, ``all days``."""
    return "all days" if days is None else counted(days, "day")


class ReviewDay(Vertical):
    """Sprints and dials against the goal as bars, then minutes per category against plan."""

    DEFAULT_CSS = """
    ReviewDay #review-funnel, ReviewDay #review-first-dial { margin-bottom: 1; }
    ReviewDay #review-first-dial { color: $text-muted; }
    ReviewDay #review-time-note { color: $warning; }
    """

    def compose(self) -> ComposeResult:
        yield ValueBar("Sprints", id="bar-sprints")
        yield ValueBar("Dials", id="bar-dials")
        yield Static(id="review-funnel")
        yield Static(id="review-first-dial")
        for category in CATEGORIES:
            yield ValueBar(category.label, id=f"bar-{category.value}")
        yield Static(OVERRUN, id="review-time-note")

    def show(self, review: Review, working: Iterable[str], tz: tzinfo) -> None:
        """Fill the panel in; over a window the goal is the day's times its working days."""
        t, one_day = review.tally, review.days == 1
        self.border_title = f"{review.day:%a %d %b}" if one_day else window_name(review.days)
        met_days, days = review.goal_days
        goal_sprints, goal_dials = review.goal_sprints, review.goal_dials
        if not one_day:
            goal_sprints, goal_dials = goal_sprints * days, goal_dials * days
        abandoned = f" · {review.sprints_abandoned} abandoned" if review.sprints_abandoned else ""
        self.query_one("#bar-sprints", ValueBar).set(
            review.sprints_completed,
            goal_sprints,
            f"{review.sprints_completed} of {goal_sprints}{abandoned}",
        )
        dials = f"{t.dials} of {goal_dials}" if goal_dials else f"{t.dials} (no dial goal)"
        self.query_one("#bar-dials", ValueBar).set(t.dials, goal_dials, dials)
        if one_day:
            status = _status(review, working)
        else:
            status = f"Goal met on {met_days} of {counted(days, 'working day')}"
        if t.dials:
            connects = f"{counted(t.connects, 'connect')} ({t.connects / t.dials:.0%})"
            status += (
                f"\n{counted(t.dials, 'dial')} → {connects} → {counted(t.meetings, 'meeting')}"
            )
        self.query_one("#review-funnel", Static).update(plain(status))
        self.query_one("#review-first-dial", Static).update(plain(_first_dial(review, tz)))
        for category in CATEGORIES:
            done, planned = review.minutes[category], review.planned_minutes[category]
            text = f"{duration(timedelta(minutes=done))} / {duration(timedelta(minutes=planned))}"
            over = category is Category.RESEARCH and review.research_overrun
            self.query_one(f"#bar-{category.value}", ValueBar).set(done, planned, text, over=over)
        self.query_one("#review-time-note").display = review.research_overrun


def _status(review: Review, working: Iterable[str]) -> str:
    if review.day_off:
        return "A day off in your plan: the streak waits."
    if not is_working_day(review.day, working):
        return "Not a working day: the streak waits."
    drifts = f" · drifted from a sprint {review.drifts}×" if review.drifts else ""
    if review.goal_met:
        return f"Goal met ✓{drifts}"
    return ("Goal not met yet" if review.is_today else "Goal not met") + drifts


def _first_dial(review: Review, tz: tzinfo) -> str:
    if review.first_dial_at is None:
        return "No dials today." if review.is_today else f"No dials on {review.day:%a %d %b}."
    at = f"First dial {review.first_dial_at.astimezone(tz):%H:%M}"
    late = review.time_to_first_dial
    if late is not None:
        side = "before" if late < timedelta(0) else "after"
        at += f", {duration(abs(late))} {side} the calling block began"
    if review.longest_gap is not None:
        at += f" · longest gap {duration(review.longest_gap)}"
        if review.longest_gap_in_sprint is not None:
            at += f" ({duration(review.longest_gap_in_sprint)} within a sprint)"
    return at if review.days == 1 else f"{review.day:%a %d %b}: {at}"
