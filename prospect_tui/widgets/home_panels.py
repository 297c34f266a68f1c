"""The home dashboard's panels: today against the goal, the streak, the next block, the week.

Each panel is filled in from the :class:`~prospect_tui.home_data.HomeSummary`
the screen's worker read; none of them reads the workspace.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import Resize
from textual.widgets import Static

from prospect_tui.core.outcomes import OUTCOMES
from prospect_tui.core.review_view import DayMark
from prospect_tui.core.tally import counted
from prospect_tui.widgets.bar import ValueBar
from prospect_tui.widgets.dials_chart import DialsChart
from prospect_tui.widgets.heatmap import Heatmap
from prospect_tui.widgets.meter import Meter
from prospect_tui.widgets.text import fill, plain

if TYPE_CHECKING:
    from prospect_tui.core.streak import Streak
    from prospect_tui.core.tally import DayProgress


class TodayPanel(Vertical):
    """``Today · Thursday 19 November``: sprints and dials against the goal, the funnel,
    and (where there is room) the day's calls by outcome."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.counts: list[tuple[str, int]] = []

    def compose(self) -> ComposeResult:
        yield Meter("Sprints", id="meter-sprints")
        yield Meter("Dials", id="meter-dials")
        yield Static(id="today-funnel")
        with Vertical(id="today-outcomes"):
            for outcome in OUTCOMES:
                yield ValueBar(outcome.label)

    def show(self, today: DayProgress, outcomes: list[tuple[str, int]]) -> None:
        """Fill the panel in with ``today``'s numbers and its calls by outcome."""
        goal, tally = today.goal, today.tally
        self.border_title = f"Today · {today.day:%A %d %B}"
        self.query_one("#meter-sprints", Meter).set(today.sprints_completed, goal.sprints)
        self.query_one("#meter-dials", Meter).set(tally.dials, goal.dials)
        stopped = today.sprints_abandoned
        self.counts = [("Connects", tally.connects), ("Meetings", tally.meetings)]
        self.counts += [("Abandoned", stopped)] if stopped else []
        self._fit()
        # Each outcome's share of the day's dials.
        for bar, (_, count) in zip(self.query(ValueBar), outcomes, strict=True):
            bar.set(count, tally.dials, str(count))

    def on_resize(self, event: Resize) -> None:
        self._fit()

    def _fit(self) -> None:
        """The counts on as few lines as the width allows, a count never split from its name."""
        width = self.content_size.width
        if self.counts and width:
            self.query_one("#today-funnel", Static).update(funnel_lines(self.counts, width))


def funnel_lines(counts: list[tuple[str, int]], width: int) -> Content:
    """``Connects 6   Meetings 1   Abandoned 2`` in ``width`` columns: the widest gap that
    keeps them on one line, else as many lines as they need, each count whole."""

    def length(line: list[tuple[str, int]], gap: int) -> int:
        return sum(len(f"{name} {count}") for name, count in line) + gap * (len(line) - 1)

    gap = next((g for g in (3, 2, 1) if length(counts, g) <= width), 2)
    lines: list[list[tuple[str, int]]] = [[]]
    for count in counts:
        if lines[-1] and length([*lines[-1], count], gap) > width:
            lines.append([])
        lines[-1].append(count)
    return Content("\n").join(
        Content(" " * gap).join(fill("$name [b]$n[/b]", name=name, n=n) for name, n in line)
        for line in lines
    )


class StreakPanel(Vertical):
    """``Streak · 4 working days``: where it stands today, and a heatmap of the weeks
    that fit the panel's width (the review's widget)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.marks: list[tuple[date, DayMark]] = []

    def compose(self) -> ComposeResult:
        yield Static(id="streak-current")
        yield Static(id="streak-today")
        yield Heatmap(id="home-heatmap")

    def show(self, run: Streak, today_line: str, marks: list[tuple[date, DayMark]]) -> None:
        """The streak ``run``, what today still needs (``today_line``), and the heatmap."""
        self.border_title = "Streak"
        self.query_one("#streak-current", Static).update(
            fill(
                "[b $warning]$current[/] [$text-muted]· best $best[/]",
                current=counted(run.current, "working day"),
                best=run.best,
            )
        )
        self.query_one("#streak-today", Static).update(plain(today_line, "$text-muted"))
        self.marks = marks
        self._fit()

    def on_resize(self, event: Resize) -> None:
        self._fit()

    def _fit(self) -> None:
        """Show as many whole weeks as the panel's width holds, the current one last,
        from the week of the first dial on (the weeks before it would be blank)."""
        width = self.content_size.width
        if not self.marks or not width:
            return
        weeks = max((width - 4) // 2, 1)  # the weekday names, then a cell and a space a week
        last = self.marks[-1][0]
        logged = [d for d, mark in self.marks if mark is not DayMark.BEFORE]
        if logged:
            first = logged[0].toordinal() - logged[0].weekday()
            weeks = min(weeks, (last.toordinal() - last.weekday() - first) // 7 + 1)
        days = (weeks - 1) * 7 + last.weekday() + 1
        self.query_one(Heatmap).show(self.marks[-days:])


class BlockPanel(Vertical):
    """``Next block``: the countdown to the next planned block, or the block that is on."""

    def compose(self) -> ComposeResult:
        # Home has two, one per column (where the screen's size puts it): ids of their own.
        yield Static(id=f"{self.id}-text" if self.id else None, classes="next-block-text")

    def on_mount(self) -> None:
        self.border_title = "Next block"

    def show(self, text: str | Content) -> None:
        """Say ``text``; a string is drawn as written (it may name a block's category)."""
        shown = plain(text) if isinstance(text, str) else text
        self.query_one(".next-block-text", Static).update(shown)


class WeekPanel(Vertical):
    """Dials on each of the last seven days, as the review draws its dials per day."""

    def compose(self) -> ComposeResult:
        yield DialsChart()

    def on_mount(self) -> None:
        self.border_title = "Dials · last 7 days"

    def show(self, last: date, week: list[int]) -> None:
        """The ``week``'s dials, one a day, ``last`` being the day of the last count."""
        self.query_one(DialsChart).show(last - timedelta(days=len(week) - 1), week)


class KeyLine(Horizontal):
    """``d  load the sample list — …``: a key, then what it does; wrapped lines start
    under the text, not under the key."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="key-line")

    def compose(self) -> ComposeResult:
        yield Static(classes="key-line-key")
        yield Static(classes="key-line-text")

    def show(self, key: str, text: str) -> None:
        """Name ``key`` and what it does (``text``)."""
        self.query_one(".key-line-key", Static).update(plain(key, "bold"))
        self.query_one(".key-line-text", Static).update(plain(text))

    def render_line_text(self) -> str:
        """The line as one string, key first (what a test reads)."""
        key = str(self.query_one(".key-line-key", Static).render())
        return f"{key}  {self.query_one('.key-line-text', Static).render()}"


class KeyList(Vertical):
    """A panel of :class:`KeyLine`\\ s: ``rows`` keys, each with what it does."""

    def __init__(self, rows: int, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows = rows

    def compose(self) -> ComposeResult:
        for _ in range(self.rows):
            yield KeyLine()

    def show(self, title: str, lines: list[tuple[str, str]]) -> None:
        """Title the panel and fill its lines in: ``(key, what it does)``, in order."""
        self.border_title = title
        for line, (key, text) in zip(self.query(KeyLine), lines, strict=True):
            line.show(key, text)


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
