"""The prospect details pane: a card to read, a form to edit, checked before saving."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Input, Label, Static, TextArea

from prospect_tui.core.model import Prospect
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


def form_values(prospect: Prospect) -> dict[str, str]:
    """What each field of the form shows for ``prospect``."""
    return {
        "first_name": prospect.first_name,
        "last_name": prospect.last_name,
        "title": prospect.title,
        "company": prospect.company,
        "phone": prospect.phone or "",
        "email": prospect.email,
        "country": prospect.country or "",
        "timezone": prospect.timezone or "",
        "list": prospect.list,
        "tags": ", ".join(prospect.tags),
    }


def details(prospect: Prospect, width: int) -> Content:
    """The read-only card, ``width`` cells wide, shown while browsing."""
    stars = "★" * prospect.priority if prospect.priority else "normal"
    status = prospect.status.value.replace("_", " ")
    room = max(width - LABEL_WIDTH, 8)

    def field(label: str, value: str) -> Content:
        return fill(
            "[dim]$label[/]$value" if value else "[dim]$label—[/]",
            label=cut(label, LABEL_WIDTH - 1).ljust(LABEL_WIDTH),
            value=cut(value, room),
        )

    values = form_values(prospect)
    lines = [
        plain(cut(prospect.name or "Unnamed", width), "bold"),
        plain(f"{status} · priority {stars} · {prospect.attempts} attempts"),
        plain(""),
        *(field(SHORT_LABELS.get(name, label), values[name]) for name, label in FIELDS[2:]),
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
            for name, label in FIELDS:
                yield Label(label, classes="form-label")
                yield Input(id=f"field-{name}", classes="form-input", compact=True)
            yield Label("Notes", classes="form-label")
            yield TextArea(id="field-notes", soft_wrap=True)
            yield Static("", id="form-problem")
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

    def _draw_card(self) -> None:
        # The pane's width, not the card's: the card has none while the form shows.
        prospect = self.prospect
        card = details(prospect, self.content_size.width) if prospect else "[dim]No prospect.[/]"
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
        self.query_one("#form-title", Static).update(
            fill(
                "Editing [b]$name[/b]\n[dim]$save save · $cancel cancel[/]",
                name=prospect.name or "Unnamed",
                save=self.save_key,
                cancel=self.cancel_key,
            )
        )
        self.add_class("-editing")
        self.query_one("#field-first_name", Input).focus()

    def browse(self) -> None:
        """Back to the card; what was typed and not saved is dropped."""
        self.remove_class("-editing")

    def on_click(self) -> None:
        if not self.editing:
            self.edit()

    def show_problem(self, message: str) -> None:
        """Say why the values were not saved ("" clears it)."""
        self.query_one("#form-problem", Static).update(
            fill("[$error]$message[/]", message=message) if message else ""
        )

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
        self.save()
