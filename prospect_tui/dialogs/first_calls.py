"""The picker of tomorrow's first calls, opened from today's review.

The list is the queue in the order the next working day's first sprint
would call it (see :func:`prospect_tui.core.first_calls.candidates`),
searchable by name and company. Up to three are picked, in order; picking
one again takes it off; the answer is the picks (possibly none: clear them),
or None when the user cancels.
"""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from prospect_tui.core.first_calls import MOST
from prospect_tui.core.model import Prospect
from prospect_tui.dialogs.base import Dialog
from prospect_tui.keymap import bindings, key_for
from prospect_tui.services import services_of
from prospect_tui.widgets.text import fill, plain

SHOWN = 200
"""Rows listed at once: a search narrows a long queue, the list never holds all of it."""


def matches(prospect: Prospect, query: str) -> bool:
    """Whether ``query`` (any case) is in the prospect's name or company."""
    wanted = query.strip().casefold()
    return not wanted or wanted in f"{prospect.name} {prospect.company}".casefold()


class FirstCallsDialog(Dialog[list[Prospect] | None]):
    """Pick up to three prospects to open ``day``'s first sprint with."""

    BINDINGS = bindings(
        "first_calls",
        actions={
            "pick_first_call": "pick",
            "search_first_calls": "search",
            "clear_first_calls": "clear",
            "keep_first_calls": "keep",
            "cancel_first_calls": "cancel",
        },
    )

    def __init__(self, day: date, candidates: list[Prospect], chosen: list[Prospect]) -> None:
        super().__init__()
        self.day = day
        self.candidates = candidates
        self.chosen = list(chosen[:MOST])
        self.listed: list[Prospect] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="first-calls-dialog"):
            yield Static(
                fill(
                    "[b]Your first three calls for $day[/b]",
                    day=f"{self.day:%A %d %B}",
                ),
                id="first-calls-title",
            )
            yield Static(self._explain(), id="first-calls-explain")
            yield Input(placeholder="Search names and companies", id="first-calls-search")
            yield OptionList(id="first-calls-list")
            yield Static(id="first-calls-count")
            yield Static(id="first-calls-chosen")
            yield Static(self._hint(), id="first-calls-hint")

    def _key(self, action: str) -> str:
        return key_for("first_calls", action, services_of(self.app).config)

    def _explain(self) -> Content:
        return plain("They open that day's first sprint, right after due callbacks.", "$text-muted")

    def _hint(self) -> Content:
        return fill(
            "[dim]$pick pick · $search search · $clear clear · $keep keep · $cancel cancel[/]",
            pick=self._key("pick_first_call"),
            search=self._key("search_first_calls"),
            clear=self._key("clear_first_calls"),
            keep=self._key("keep_first_calls"),
            cancel=self._key("cancel_first_calls"),
        )

    def on_mount(self) -> None:
        self.show("")
        self.query_one(OptionList).focus()

    def show(self, query: str) -> None:
        """List the candidates matching ``query`` (the first :data:`SHOWN` of them)."""
        found = [p for p in self.candidates if matches(p, query)]
        self.listed = found[:SHOWN]
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        options.clear_options()
        options.add_options(Option(self._row(p)) for p in self.listed)
        if self.listed:
            options.highlighted = min(highlighted or 0, len(self.listed) - 1)
        if not self.candidates:
            count = "Nobody is in the queue: import prospects to pick from."
        elif not found:
            count = "Nobody matches the search."
        elif len(found) > SHOWN:
            count = f"The first {SHOWN} of {len(found):,}: search to narrow."
        else:
            count = (
                f"{len(found):,} match the search."
                if query.strip()
                else f"{len(found):,} in the order that sprint would call them."
            )
        self.query_one("#first-calls-count", Static).update(plain(count, "$text-muted"))
        self._show_chosen()

    def _row(self, prospect: Prospect) -> Content:
        ids = [p.id for p in self.chosen]
        # A fixed-width column, so the names line up whether picked or not.
        mark = f"✓{ids.index(prospect.id) + 1}" if prospect.id in ids else "  "
        return fill(
            "[b $success]$mark[/] $name [dim]$company[/]",
            mark=mark,
            name=prospect.name or "(no name)",
            company=f"· {prospect.company}" if prospect.company else "",
        )

    def _show_chosen(self) -> None:
        chosen = self.query_one("#first-calls-chosen", Static)
        if not self.chosen:
            chosen.update(plain(f"None picked yet (up to {MOST}).", "$text-muted"))
            return
        names = ", ".join(f"{n}. {p.name or '(no name)'}" for n, p in enumerate(self.chosen, 1))
        chosen.update(fill("[b]Picked:[/b] $names", names=names))

    def _redraw_rows(self) -> None:
        options = self.query_one(OptionList)
        for index, prospect in enumerate(self.listed):
            options.replace_option_prompt_at_index(index, self._row(prospect))
        self._show_chosen()

    # -- keys ----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # While the search field has the focus, letters are typed, not actions.
        return not (action in ("pick", "clear", "search") and isinstance(self.focused, Input))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.show(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_pick()

    def action_pick(self) -> None:
        """Pick the highlighted prospect (up to three), or take them off if picked."""
        index = self.query_one(OptionList).highlighted
        if index is None or index >= len(self.listed):
            return
        prospect = self.listed[index]
        ids = [p.id for p in self.chosen]
        if prospect.id in ids:
            del self.chosen[ids.index(prospect.id)]
        elif len(self.chosen) < MOST:
            self.chosen.append(prospect)
        else:
            self.notify(
                f"Three are picked: take one off ({self._key('pick_first_call')}) first.",
                markup=False,
            )
            return
        self._redraw_rows()

    def action_search(self) -> None:
        self.query_one(Input).focus()

    def action_clear(self) -> None:
        self.chosen = []
        self._redraw_rows()

    def action_keep(self) -> None:
        self.dismiss(list(self.chosen))

    def action_cancel(self) -> None:
        if isinstance(self.focused, Input):  # escape leaves the search, then the dialog
            self.query_one(OptionList).focus()
            return
        self.dismiss(None)
