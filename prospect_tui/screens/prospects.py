"""Prospects (``p`` from home): search, sort, edit, do-not-call, priority, import.

The list is a :class:`~prospect_tui.widgets.prospect_table.ProspectTable`
over a :class:`~prospect_tui.core.prospect_list.Roster`: both stay fast at 20,000
prospects. Every save goes through the repository, so it is journaled like
a logged call.
"""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from functools import cached_property

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Static, TextArea
from textual.worker import get_current_worker

from prospect_tui.collector import paused_gc, settle_memory
from prospect_tui.core.errors import ProspectError
from prospect_tui.core.model import Prospect, Status
from prospect_tui.core.prospect_edit import EditProblem, edited
from prospect_tui.core.prospect_list import Entry, Roster
from prospect_tui.dialogs.confirm import ConfirmDialog
from prospect_tui.keymap import bindings, key_for
from prospect_tui.messages import ErrorRaised
from prospect_tui.screens.base import AppScreen
from prospect_tui.widgets.key_bar import KeyBar
from prospect_tui.widgets.prospect_form import ProspectForm
from prospect_tui.widgets.prospect_table import ProspectTable, heading, sortable
from prospect_tui.widgets.text import fill
from prospect_tui.widgets.title_bar import TitleBar

MAX_PRIORITY = 3
WIDE = 150
"""From this many columns the details pane sits beside the list; below it on fewer."""
DRAWN_WAIT_S = 0.5
"""The longest the store is kept after the list was handed over, waiting for it to be drawn."""
REST_S = 0.003
"""The pause after each few entries read once the list is shown (under a millisecond of
work): the rest of 20,000 read in about a second and a half, in the background."""
FIRST_READ = 100
"""Lines at the top of the list read whole before it is shown (a tall terminal's screenful)."""


class _Closed(Exception):
    """The screen closed while its list was still being read."""


class ProspectsScreen(AppScreen[None]):
    """Every prospect, searchable and sortable, with a pane to edit the highlighted one."""

    BINDINGS = bindings(
        "prospects",
        actions={
            "edit_prospect": "edit",
            "mark_do_not_call": "do_not_call",
            "priority_up": "priority(1)",
            "priority_down": "priority(-1)",
            "import_csv": "import",
        },
    )

    WHERE = "Prospects"
    """What the title bar calls this screen."""

    def __init__(self) -> None:
        super().__init__()
        self.roster: Roster | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar(self.services.clock, self.WHERE)
        with Horizontal(id="prospects-main"):
            with Vertical(id="prospects-list"):
                yield Input(
                    placeholder=(
                        f"Search names, companies, cities, phones, tags… ( {self._key('search')} )"
                    ),
                    id="prospects-search",
                )
                yield Static("", id="prospects-heading")
                yield ProspectTable(
                    self.services.clock, self.services.config.calling.window, id="prospects-table"
                )
                yield Static("Reading your prospects…", id="prospects-status")
            yield ProspectForm(
                save_key=self._key("save"), cancel_key=self._key("back"), id="prospect-form"
            )
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#prospect-form").border_title = "Details"
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="prospects")
    def load(self) -> None:
        """Read and sort every prospect off the UI thread: the names first, shown, then
        the rest of each line, the lines at the top first."""
        repository = self.services.repository
        drawn = threading.Event()
        # The store stays this read's until the list is on screen. Home's reads of
        # the same prospects (the queue's rows) wait for it and would start the moment
        # it ends: sharing the interpreter with the first drawing of 20,000 lines, they
        # made the list appear a third of a second later. They run after it instead.
        with repository.held():
            try:
                with paused_gc():
                    now = self.services.clock.now()
                    roster = Roster.of(repository.listed_entries(), now)
                    # What the first frame draws, whole: damage among it is named now.
                    whole = repository.complete_entries(roster.view[:FIRST_READ])
                    if whole is not None:  # a hand-edited file, read the long way
                        roster = Roster.of(whole, now)
            except ProspectError as error:
                self.post_message(ErrorRaised(error))
                return
            settle_memory()
            self.app.call_from_thread(self._loaded_then, roster, drawn)
            # Bounded: should the UI thread itself wait for the store meanwhile, it
            # gets it then, not never.
            drawn.wait(DRAWN_WAIT_S)
        worker = get_current_worker()

        def between() -> None:
            if worker.is_cancelled:  # the screen closed: nobody will look
                raise _Closed
            # Mostly idle: the interpreter is shared, and while home reads the queue's
            # rows too, a key's frame waited for both and took half as long again.
            time.sleep(REST_S)

        try:
            # No collection meanwhile: one would walk every entry, holding up a key's frame.
            with paused_gc():
                whole = repository.complete_entries(roster.view, between=between)
        except _Closed:
            return
        except ProspectError as error:
            self.app.call_from_thread(self._unlisted)
            self.post_message(ErrorRaised(error))
            return
        if whole is not None:  # a hand-edited file, read the long way
            self.app.call_from_thread(self._relisted, whole)
        settle_memory()

    def _relisted(self, entries: list[Entry]) -> None:
        """List ``entries`` instead, searched and sorted as the list is."""
        roster = self.roster
        if roster is not None:
            roster.prospects = entries
            roster.refresh(self.services.clock.now())
            self._show(self._current_id())

    def _unlisted(self) -> None:
        """No list: a line of it is damaged (the error says which)."""
        self.roster = None
        self.query_one(ProspectTable).show([])
        self.query_one("#prospects-status", Static).update("", layout=False)

    def _loaded_then(self, roster: Roster, drawn: threading.Event) -> None:
        """Show the list, and tell ``drawn`` once it is on screen."""
        self._loaded(roster)
        if not self.call_after_refresh(drawn.set):
            drawn.set()  # closing: nothing more is drawn

    def _loaded(self, roster: Roster) -> None:
        self.roster = roster
        self._show()
        self.query_one(ProspectTable).focus()

    # -- the list ------------------------------------------------------------------

    def _show(self, keep: int | None = None) -> None:
        roster = self.roster
        if roster is None:
            return
        table = self.query_one(ProspectTable)
        table.show(roster.view, keep, roster.sort)
        # Both lines have a fixed height: a search keystroke need not re-lay out the screen.
        self._draw_heading()
        order = "descending" if roster.descending else "ascending"
        found = len(roster.view)
        total = len(roster.prospects)
        shown = f"{found:,} of {total:,}" if roster.query else f"{total:,}"
        self.query_one("#prospects-status", Static).update(
            fill(
                f"{shown} prospects · sorted by {roster.sort.value} ({order}) · [dim]$hint[/]",
                hint=self._hint,
            ),
            layout=False,
        )

    def _draw_heading(self) -> None:
        roster = self.roster
        if roster is not None:
            columns = self.query_one(ProspectTable).columns
            self.query_one("#prospects-heading", Static).update(
                heading(columns, roster.sort, roster.descending), layout=False
            )

    def on_prospect_table_columns_changed(self) -> None:
        self._draw_heading()

    @cached_property
    def _hint(self) -> str:
        key = self._key
        return (
            f"{key('sort')} sort · {key('reverse')} reverse · {key('edit_prospect')} edit · "
            f"{key('mark_do_not_call')} do not call · "
            f"{key('priority_up')}/{key('priority_down')} priority"
        )

    def _key(self, action: str) -> str:
        return key_for("prospects", action, self.services.config)

    def on_resize(self) -> None:
        # Narrow terminals show the details in a few lines under the list.
        narrow = self.size.width < WIDE
        self.set_class(narrow, "-narrow")
        self.query_one(ProspectForm).compact = narrow
        self._show(self._current_id())

    def on_descendant_focus(self) -> None:
        form = self.query_one(ProspectForm)
        if form.editing and not form.has_focus_within:
            form.browse()  # focus left the form: what was typed and not saved is dropped
        self.set_class(form.has_focus_within, "-editing")

    def _current_id(self) -> int | None:
        current = self.query_one(ProspectTable).entry
        return current.id if current else None

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "prospects-search" and self.roster is not None:
            self.roster.search(event.value, self.services.clock.now())
            self._show()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "prospects-search":
            event.stop()
            self.set_focus(self.query_one(ProspectTable))

    def on_prospect_table_highlighted(self, event: ProspectTable.Highlighted) -> None:
        self.query_one(ProspectForm).load(self._record(event.entry))

    def _record(self, entry: Entry | None) -> Prospect | None:
        """The whole record of a listed prospect; None, and the damage said, if it is not valid."""
        if entry is None:
            return None
        try:
            return self.services.repository.prospect_of(entry)
        except ProspectError as error:
            self.post_message(ErrorRaised(error))
            return None

    # -- keys ----------------------------------------------------------------------

    _LETTER_KEYS = frozenset(
        {"sort", "reverse", "do_not_call", "priority", "import", "search", "edit"}
    )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # While the user types in a field, letters are text, not commands.
        if action == "save":
            return self.query_one(ProspectForm).editing
        typing = isinstance(self.focused, (Input, TextArea))
        return not (typing and action in self._LETTER_KEYS)

    def action_search(self) -> None:
        # Focused now, not after the keys already queued (as ``focus()`` would): the
        # keys typed right after ``/`` then go on to the search (see the app's
        # ``on_event``). Focused, its text is selected: typing replaces the last search.
        self.set_focus(self.query_one("#prospects-search", Input))

    def action_sort(self) -> None:
        if self.roster is not None:
            keep = self._current_id()
            # Only columns on screen: the list is never in an order the user cannot see.
            shown = sortable(self.query_one(ProspectTable).columns)
            self.roster.next_sort(self.services.clock.now(), shown)
            self._show(keep)

    def action_reverse(self) -> None:
        if self.roster is not None:
            keep = self._current_id()
            self.roster.sort_by(
                self.roster.sort, self.services.clock.now(), not self.roster.descending
            )
            self._show(keep)

    def action_edit(self) -> None:
        self.query_one(ProspectForm).edit()

    def action_back(self) -> None:
        if self.focused is not None and self.focused is not self.query_one(ProspectTable):
            self.set_focus(self.query_one(ProspectTable))
            return
        self.app.pop_screen()

    def action_save(self) -> None:
        self.query_one(ProspectForm).save()

    def action_priority(self, step: int) -> None:
        current = self._record(self.query_one(ProspectTable).entry)
        if current is not None:
            priority = max(0, min(MAX_PRIORITY, current.priority + step))
            self._store(replace(current, priority=priority, updated_at=self.services.clock.now()))

    def action_do_not_call(self) -> None:
        current = self._record(self.query_one(ProspectTable).entry)
        if current is None:
            return
        now = self.services.clock.now()
        if current.status is not Status.DO_NOT_CALL:
            self._store(
                replace(current, status=Status.DO_NOT_CALL, next_action_at=None, updated_at=now)
            )
            self.notify(
                f"{current.name} will never be queued again.", title="Do not call", markup=False
            )
            return

        def answered(yes: bool | None) -> None:
            if yes:
                back = Status.ATTEMPTED if current.attempts else Status.NEW
                self._store(replace(current, status=back, updated_at=now))

        self.app.push_screen(
            ConfirmDialog(
                f"{current.name} asked not to be called. Take them off the do-not-call list?",
                yes="Take off",
                no="Keep",
            ),
            answered,
        )

    def action_import(self) -> None:
        from prospect_tui.screens.import_csv import ImportScreen

        def done(imported: list[Prospect] | None) -> None:
            if imported and self.roster is not None:
                self.roster.add(imported, self.services.clock.now())
                self._show(self._current_id())

        self.app.push_screen(ImportScreen(), done)

    # -- saving --------------------------------------------------------------------

    def on_prospect_form_saved(self, event: ProspectForm.Saved) -> None:
        form = self.query_one(ProspectForm)
        if form.prospect is None:
            return
        try:
            updated = edited(form.prospect, event.values, event.notes, self.services.clock.now())
        except EditProblem as problem:
            form.show_problem(str(problem))
            return
        self._store(updated)
        self.notify(f"Saved {updated.name}.", title="Prospects", markup=False)
        self.set_focus(self.query_one(ProspectTable))

    def _store(self, prospect: Prospect) -> None:
        try:
            self.services.repository.save_prospect(prospect)
        except ProspectError as error:
            self.post_message(ErrorRaised(error))
            return
        roster = self.roster
        now = self.services.clock.now()
        entry = roster.replace(prospect, now) if roster else Entry.of_prospect(prospect)
        self.query_one(ProspectTable).redraw(entry)
        self.query_one(ProspectForm).load(prospect)
