"""The prospect details pane: a card to read, a form to edit, checked before saving."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from prospect_tui.core.model import Prospect
from prospect_tui.core.phones import for_reading
from prospect_tui.core.zone_picking import zones_matching
from prospect_tui.core.zones import zone as known_zone
from prospect_tui.widgets.prospect_table import cut
from prospect_tui.widgets.text import fill, plain, visible

FIELDS = (
    ("first_name", "First name"),
    ("last_name", "Last name"),
    ("title", "Title"),
    ("company", "Company"),
    ("phone", "Phone"),
    ("email", "Email"),
    ("country", "Country (ISO code)"),
    ("timezone", "Time zone (IANA)"),
    ("list", "List"),
    ("tags", "Tags (comma separated)"),
)


LABEL_WIDTH = 11
SHORT_LABELS = {"country": "Country", "timezone": "Time zone", "tags": "Tags"}
HINTS = {
    "country": "ISO code, like US or FR",
    "timezone": "type a city or country, then pick it below",
    "tags": "comma separated",
}


def form_values(prospect: Prospect) -> dict[str, str]:
    """What each field of the form shows for ``prospect``."""
    return {
        "first_name": prospect.first_name,
        "last_name": prospect.last_name,
        "title": prospect.title,
        "company": prospect.company,
        # As the list and the sprint's card write it; read back to the same E.164.
        "phone": for_reading(prospect.phone) if prospect.phone else "",
        "email": prospect.email,
        "country": prospect.country or "",
        "timezone": prospect.timezone or "",
        "list": prospect.list,
        "tags": ", ".join(prospect.tags),
    }


def details(prospect: Prospect, width: int, *, compact: bool = False) -> Content:
    """The read-only card, ``width`` cells wide, shown while browsing.

    ``compact``: the few lines under the list on a small terminal, two fields
    a line, the notes on one.
    """
    stars = "★" * prospect.priority if prospect.priority else "normal"
    status = prospect.status.value.replace("_", " ")
    per_line = max(1, min(3, width // (LABEL_WIDTH + 26))) if compact else 1
    column = (width - 2 * (per_line - 1)) // per_line
    room = max(column - LABEL_WIDTH, 8)

    def field(label: str, value: str) -> Content:
        return fill(
            "[dim]$label[/]$value" if value else "[dim]$label—[/]",
            label=cut(label, LABEL_WIDTH - 1).ljust(LABEL_WIDTH),
            value=cut(value, room).ljust(room),
        )

    values = form_values(prospect)
    fields = [field(SHORT_LABELS.get(name, label), values[name]) for name, label in FIELDS[2:]]
    summary = plain(f"{status} · priority {stars} · {prospect.attempts} attempts")
    name = plain(cut(prospect.name or "Unnamed", width), "bold")
    if compact:
        rows = [
            Content("  ").join(fields[i : i + per_line]) for i in range(0, len(fields), per_line)
        ]
        notes = field("Notes", prospect.notes)
        return Content("\n").join([name + plain(" · ") + summary, *rows, notes])
    lines = [
        name,
        summary,
        plain(""),
        *fields,
        *(field(key, value) for key, value in list(prospect.extra.items())[:4]),
        plain(""),
        plain("Notes", "dim"),
        plain(prospect.notes) if prospect.notes else plain("—", "dim"),
    ]
    return Content("\n").join(lines)


class ProspectForm(Vertical):
    """The highlighted prospect: a card while browsing, a form while editing.

    Moving through 20,000 prospects only rewrites the card, which keeps its
    size; filling ten inputs would re-lay out the screen on every key.
    :meth:`edit` fills the form; ``ctrl+s`` or Save posts
    :class:`ProspectForm.Saved`.
    """

    @dataclass
    class Saved(Message):
        """The user saved these values (not yet checked)."""

        values: dict[str, str]
        notes: str

    def __init__(self, *, save_key: str, cancel_key: str, id: str | None = None) -> None:
        super().__init__(id=id)
        self.save_key = save_key
        self.cancel_key = cancel_key
        """The keys the form's hints name: the screen's, after the user's remaps."""
        self.prospect: Prospect | None = None
        self._originals: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield Static("[dim]No prospect selected.[/]", id="form-view")
        with VerticalScroll(id="form-fields"):
            yield Static("", id="form-title")
            # Above the fields, where it is seen: the save key may be pressed anywhere.
            yield Static("", id="form-problem")
            # One line a field, its label beside it: the whole form fits 80x24.
            for name, label in FIELDS:
                with Horizontal(classes="form-row"):
                    yield Label(SHORT_LABELS.get(name, label), classes="form-label")
                    yield Input(
                        placeholder=HINTS.get(name, ""),
                        id=f"field-{name}",
                        classes="form-input",
                        compact=True,
                    )
                if name == "timezone":
                    yield OptionList(id="zone-options", markup=False, compact=True)
            yield Label("Notes", classes="form-label")
            yield TextArea(id="field-notes", soft_wrap=True)
            with Horizontal(classes="form-buttons"):
                yield Button(plain(f"Save ({self.save_key})"), id="form-save", variant="primary")

    @property
    def editing(self) -> bool:
        """Whether the form, not the card, is showing."""
        return self.has_class("-editing")

    def load(self, prospect: Prospect | None) -> None:
        """Show ``prospect`` on the card, and leave the form."""
        self.prospect = prospect
        self.browse()
        self._draw_card()

    compact = False
    """Whether the card is the few lines under the list (a small terminal)."""

    def _draw_card(self) -> None:
        # The pane's width, not the card's: the card has none while the form shows.
        prospect = self.prospect
        card = (
            details(prospect, self.content_size.width, compact=self.compact)
            if prospect
            else "[dim]No prospect.[/]"
        )
        self.query_one("#form-view", Static).update(card, layout=False)

    def on_resize(self) -> None:
        self._draw_card()  # values are cut to the card's width

    def edit(self) -> None:
        """Fill the form with the prospect on the card and put the cursor in it."""
        prospect = self.prospect
        if prospect is None:
            return
        self.show_problem("")
        values = form_values(prospect)
        # Inputs pass control characters on to the terminal: they show them as
        # symbols instead, and a field left as shown saves its original text.
        self._originals = {**values, "notes": prospect.notes}
        for name, _ in FIELDS:
            self.query_one(f"#field-{name}", Input).value = visible(values[name])
        self.query_one("#field-notes", TextArea).text = visible(prospect.notes)
        self.query_one("#zone-options", OptionList).display = False
        self.query_one("#form-title", Static).update(
            fill(
                "Editing [b]$name[/b]\n[dim]$save save · $cancel cancel[/]",
                name=prospect.name or "Unnamed",
                save=self.save_key,
                cancel=self.cancel_key,
            )
        )
        self.add_class("-editing")
        # From the top: the form keeps its scroll from the last edit, which at 80x24
        # left the first field out of view.
        self.query_one("#form-fields", VerticalScroll).scroll_home(animate=False, immediate=True)
        # Focused now, not after the keys already queued (``focus()`` waits): a name
        # typed right after the edit key lands in the first field, whole.
        self.screen.set_focus(self.query_one("#field-first_name", Input))

    def browse(self) -> None:
        """Back to the card; what was typed and not saved is dropped."""
        self.remove_class("-editing")

    def on_click(self) -> None:
        if not self.editing:
            self.edit()

    def show_problem(self, message: str) -> None:
        """Say why the values were not saved ("" clears it), at the top of the form."""
        problem = self.query_one("#form-problem", Static)
        problem.update(fill("[$error]$message[/]", message=message) if message else "")
        problem.display = bool(message)
        if message:
            self.query_one("#form-fields", VerticalScroll).scroll_home(animate=False)

    # -- the time zone: picked from the zones that match what is typed -----------------

    def _zone_input(self) -> Input:
        return self.query_one("#field-timezone", Input)

    def _offer_zones(self, text: str) -> None:
        options = self.query_one("#zone-options", OptionList)
        matches = [] if known_zone(text.strip()) else zones_matching(text)
        options.set_options(Option(plain(name), id=name) for name in matches)
        options.display = bool(matches)
        if matches:
            options.highlighted = 0

    def _pick_zone(self, name: str) -> None:
        self._zone_input().value = name
        self.query_one("#zone-options", OptionList).display = False
        self._zone_input().focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "field-timezone" and event.input.has_focus:
            self._offer_zones(event.value)

    def on_descendant_focus(self, event: object) -> None:
        focused = self.screen.focused
        options = self.query_one("#zone-options", OptionList)
        if focused is self._zone_input():
            self._offer_zones(self._zone_input().value)
        elif focused is not options:
            options.display = False

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self._pick_zone(event.option.id)

    def values(self) -> dict[str, str]:
        """What the inputs hold now."""
        return {
            name: self._typed(name, self.query_one(f"#field-{name}", Input).value)
            for name, _ in FIELDS
        }

    def _typed(self, name: str, text: str) -> str:
        original = self._originals.get(name, "")
        return original if text == visible(original) else text

    def save(self) -> None:
        """Post the values for the screen to check and store."""
        notes = self._typed("notes", self.query_one("#field-notes", TextArea).text)
        self.post_message(self.Saved(self.values(), notes))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "form-save":
            self.save()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        options = self.query_one("#zone-options", OptionList)
        if event.input.id == "field-timezone" and options.display and options.option_count:
            # Enter on what was typed takes the best match, as picking it would.
            first = options.get_option_at_index(options.highlighted or 0).id
            if first is not None:
                self._pick_zone(first)
                return
        self.save()
