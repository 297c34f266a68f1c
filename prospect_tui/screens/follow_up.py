"""Follow-up (``f`` from home): the callbacks and meetings that are due, closed one by one.

Every open follow-up due now or earlier (overdue ones too) is listed, oldest
first, with the prospect, what was said on the call that made it, and the
prospect's own time now. Each is closed with what was done — called,
emailed, proposal sent, rescheduled (a new time read like a callback, on
their clock) or dropped — and the closing is journaled like a logged call.
The session is timed as follow-up, like research; leaving ends it. With
nothing due, the screen says what comes due next.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from prospect_tui.collector import settle_memory
from prospect_tui.core.callback_time import CallbackTime
from prospect_tui.core.categories import Category
from prospect_tui.core.clock import between
from prospect_tui.core.durations import duration
from prospect_tui.core.errors import ProspectError
from prospect_tui.core.followups import Closing, close, due_now, next_due
from prospect_tui.core.model import Call, FollowUp, Prospect
from prospect_tui.core.outcomes import BY_ID
from prospect_tui.core.zones import local_time, zone
from prospect_tui.keymap import bindings
from prospect_tui.messages import ErrorRaised
from prospect_tui.screens.session_clock import TimedScreen
from prospect_tui.services import Services
from prospect_tui.widgets.key_bar import KeyBar
from prospect_tui.widgets.session_bar import SessionBar
from prospect_tui.widgets.text import fill, plain
from prospect_tui.widgets.title_bar import TitleBar


@dataclass(frozen=True, slots=True)
class DueItem:
    """A follow-up that is due, with its prospect and the call that made it."""

    followup: FollowUp
    prospect: Prospect | None
    call: Call | None

    @property
    def who(self) -> str:
        """The prospect's name as it is now, or as it was when the follow-up was made."""
        return (self.prospect.name if self.prospect else "") or self.followup.who or "Someone"


@dataclass(frozen=True, slots=True)
class FollowUpList:
    """What the screen shows: the due follow-ups, and the next one to come due."""

    due: list[DueItem]
    upcoming: DueItem | None


def gather(services: Services, now: datetime) -> FollowUpList:
    """Read the open follow-ups, their prospects and calls (off the UI thread)."""
    repository = services.repository
    open_ = repository.followups(open_only=True)
    due = due_now(open_, now)
    upcoming = next_due(open_, now)
    wanted = [*due, *([upcoming] if upcoming else [])]
    calls = repository.calls_by_id(f.call_id for f in wanted if f.call_id is not None)
    prospects = {f.prospect_id: repository.prospect(f.prospect_id) for f in wanted}

    def item(f: FollowUp) -> DueItem:
        return DueItem(f, prospects.get(f.prospect_id), calls.get(f.call_id or 0))

    return FollowUpList([item(f) for f in due], item(upcoming) if upcoming else None)


class FollowUpListWidget(OptionList):
    """The due follow-ups; its cursor keys are the prospect list's, so remaps reach it."""

    BINDINGS = bindings("prospect_table")


class FollowUpScreen(TimedScreen):
    """The follow-ups due now, oldest first, each closed with what was done."""

    BINDINGS = bindings(
        "follow_ups",
        actions={
            **{
                f"close_{c.value}": f"close({c.value!r})"
                for c in Closing
                if c is not Closing.RESCHEDULED
            },
            "close_rescheduled": "reschedule",
            "end_follow_up": "end",
        },
    )
    CATEGORY = Category.FOLLOW_UP
    END = ("follow_ups", "end_follow_up")

    def __init__(self) -> None:
        super().__init__()
        self.items: list[DueItem] = []
        self.upcoming: DueItem | None = None
        self.loaded = False

    def compose(self) -> ComposeResult:
        yield TitleBar(self.services.clock, "Follow-up")
        yield SessionBar(id="session-bar")
        with Horizontal(id="follow-main"):
            with Vertical(id="follow-left"):
                yield FollowUpListWidget(id="follow-list")
                yield Static("Reading your follow-ups…", id="follow-empty")
                yield Static("", id="follow-status")
            with Vertical(id="follow-detail"):
                yield Static("", id="follow-detail-text")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#follow-detail").border_title = "Details"
        self.query_one("#follow-list").display = False
        self.query_one("#follow-detail").display = False
        self.start_session()
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="follow-ups")
    def load(self) -> None:
        """Read what is due off the UI thread."""
        try:
            found = gather(self.services, self.services.clock.now())
        except ProspectError as error:
            self.post_message(ErrorRaised(error))
            return
        settle_memory()
        self.app.call_from_thread(self._loaded, found)

    def _loaded(self, found: FollowUpList) -> None:
        was = self.current
        self.items, self.upcoming, self.loaded = found.due, found.upcoming, True
        listing = self.query_one(FollowUpListWidget)
        listing.clear_options()
        listing.add_options(Option(self._line(item)) for item in self.items)
        if self.items:
            # Read again as one came due: the cursor stays on the follow-up it was on.
            ids = [item.followup.id for item in self.items]
            listing.highlighted = (
                ids.index(was.followup.id) if was and was.followup.id in ids else 0
            )
            listing.focus()
        self._show()

    # -- drawing -------------------------------------------------------------------

    def _show(self) -> None:
        empty = not self.items
        self.query_one("#follow-list").display = not empty
        self.query_one("#follow-detail").display = not empty
        self.query_one("#follow-empty").display = empty
        self.query_one("#follow-status").display = not empty
        if empty:
            self.query_one("#follow-empty", Static).update(self._nothing_due())
        count = len(self.items)
        self.query_one("#follow-status", Static).update(
            f"{count} due · oldest first" if count else ""
        )
        self._show_detail()
        self.refresh_bindings()

    def _line(self, item: DueItem) -> Content:
        tz = self.services.clock.tz
        due = item.followup.due.astimezone(tz)
        # Within the week a weekday is unambiguous and leaves the name room at 80 columns.
        recent = between(due, self.services.clock.now()) < timedelta(days=6)
        company = item.prospect.company if item.prospect else ""
        return fill(
            "[b]$due[/b]  $kind  $who[dim]$company[/]",
            due=f"{due:%a %H:%M}" if recent else f"{due:%d %b %H:%M}",
            kind=f"{_kind(item.followup):<8}",
            who=item.who,
            company=f" · {company}" if company else "",
        )

    def _nothing_due(self) -> Content:
        upcoming = self.upcoming
        if upcoming is None:
            return plain(
                "Nothing to follow up: no callback or meeting is open. "
                "A callback or a meeting logged in a sprint comes here when it is due."
            )
        now = self.services.clock.now()
        due = upcoming.followup.due
        return fill(
            "Nothing is due right now. Next: [b]$kind with $who[/b], $when (in $wait).",
            kind=_kind(upcoming.followup).lower(),
            who=upcoming.who,
            when=f"{due.astimezone(self.services.clock.tz):%a %d %b %H:%M}",
            wait=duration(between(now, due), waiting=True),
        )

    def _show_detail(self) -> None:
        item = self.current
        text = self.query_one("#follow-detail-text", Static)
        if item is None:
            text.update("")
            return
        now = self.services.clock.now()
        prospect, followup = item.prospect, item.followup
        due = followup.due
        late = between(due, now)
        lines = [fill("[b]$who[/b]", who=item.who)]
        if prospect is not None:
            about = " · ".join(p for p in (prospect.title, prospect.company) if p)
            if about:
                lines.append(plain(about))
            if prospect.phone:
                lines.append(plain(prospect.phone))
        lines.append(plain(""))
        lines.append(
            fill(
                "$kind due $when$late",
                kind=_kind(followup),
                when=f"{due.astimezone(self.services.clock.tz):%a %d %b %H:%M}",
                late=f" ({duration(late)} ago)" if late.total_seconds() >= 60 else "",
            )
        )
        theirs = local_time(prospect, now) if prospect is not None else None
        if theirs is None:
            lines.append(fill("[dim]Their time: zone unknown[/]"))
        else:
            lines.append(
                fill(
                    "Their time: [b]$time[/b] $zone",
                    time=f"{theirs:%a %H:%M}",
                    zone=prospect.timezone if prospect else "",
                )
            )
        lines += [plain(""), fill("[b]What was said[/b]")]
        call = item.call
        if call is not None:
            outcome = BY_ID[call.outcome].label if call.outcome in BY_ID else call.outcome
            when = call.started_at.astimezone(self.services.clock.tz)
            lines.append(
                fill("[dim]$outcome, $when[/]", outcome=outcome, when=f"{when:%a %d %b %H:%M}")
            )
        notes = call.notes if call is not None else ""
        lines.append(plain(notes) if notes else fill("[dim]No notes on the call.[/]"))
        if item.followup.note:
            # A meeting's note, given when it was booked: its agenda, say.
            lines += [plain(""), fill("[b]Note[/b]"), plain(item.followup.note)]
        text.update(Content("\n").join(lines))

    @property
    def current(self) -> DueItem | None:
        """The highlighted follow-up."""
        found = self.query(FollowUpListWidget)  # none yet while the screen is composed
        index = found.first().highlighted if found else None
        if index is None or not 0 <= index < len(self.items):
            return None
        return self.items[index]

    def on_option_list_option_highlighted(self) -> None:
        self._show_detail()

    def tick_session(self) -> None:
        super().tick_session()
        if not (self.is_attached and self.loaded):
            return
        upcoming = self.upcoming
        if upcoming is not None and self.services.clock.now() >= upcoming.followup.due:
            self.loaded = False
            self.load()  # it is due now: read the list again, with it in its place
        elif self.items:
            self._show_detail()  # their time moves on
        else:
            self.query_one("#follow-empty", Static).update(self._nothing_due())

    # -- keys ----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("close", "reschedule"):
            return self.current is not None or None  # not in the footer when nothing is due
        return True

    def action_close(self, how: str) -> None:
        item = self.current
        if item is not None:
            self._close(item, Closing(how))

    def action_reschedule(self) -> None:
        from prospect_tui.dialogs.reschedule import RescheduleDialog

        item = self.current
        if item is None:
            return
        their = item.prospect.timezone if item.prospect else None

        def chosen(when: CallbackTime | None) -> None:
            if when is not None and item in self.items:
                self._close(item, Closing.RESCHEDULED, when.at)

        self.app.push_screen(
            RescheduleDialog(
                item.who,
                zone(their) if their else None,
                self.services.clock.now(),
                self.services.clock.tz,
            ),
            chosen,
        )

    def action_end(self) -> None:
        self.end_session()
        self.app.pop_screen()

    def _close(self, item: DueItem, how: Closing, new_time: datetime | None = None) -> None:
        closed = close(
            item.followup,
            how,
            self.services.clock.now(),
            prospect=item.prospect,
            new_time=new_time,
        )
        try:
            self.services.repository.close_followup(closed)
        except ProspectError as error:
            self.post_message(ErrorRaised(error))
            return
        listing = self.query_one(FollowUpListWidget)
        index = self.items.index(item)
        self.items.pop(index)
        listing.remove_option_at_index(index)
        if closed.rescheduled is not None:
            again = closed.rescheduled
            if self.upcoming is None or again.due < self.upcoming.followup.due:
                self.upcoming = DueItem(again, closed.prospect or item.prospect, item.call)
        if self.items:
            listing.highlighted = min(index, len(self.items) - 1)
        done = "rescheduled" if new_time else how.label.lower()
        self.notify(f"{item.who}: {done}.", title="Follow-up closed", markup=False)
        self._show()


def _kind(followup: FollowUp) -> str:
    return BY_ID[followup.kind].label if followup.kind in BY_ID else followup.kind.capitalize()
