"""The prospect detail pane: every field editable, checked before it is saved."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from rich.markup import escape
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Input, Label, Static, TextArea

from prospect_tui.core.model import Prospect
from prospect_tui.core.phones import normalise

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


class FormProblem(ValueError):
    """A field that cannot be saved as typed; the message names it."""


def edited(prospect: Prospect, values: dict[str, str], notes: str, now: datetime) -> Prospect:
    """``prospect`` with the form's values, checked; raises :class:`FormProblem`."""
    country = values["country"].strip().upper() or None
    if country is not None and (len(country) != 2 or not country.isalpha()):
        raise FormProblem(f"Country must be a two-letter code like US or FR, not {country!r}.")
    phone: str | None = None
    if values["phone"].strip():
        parsed = normalise(values["phone"], country)
        if parsed.e164 is None:
            raise FormProblem(f"Phone: {parsed.problem}.")
        phone = parsed.e164
    zone = values["timezone"].strip() or None
    if zone is not None:
        try:
            ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise FormProblem(
                f"Time zone must be an IANA name like Europe/Paris, not {zone!r}."
            ) from None
    tags = sorted({t.strip() for t in values["tags"].split(",") if t.strip()})
    return replace(
        prospect,
        first_name=values["first_name"].strip(),
        last_name=values["last_name"].strip(),
        title=values["title"].strip(),
        company=values["company"].strip(),
        phone=phone,
        email=values["email"].strip(),
        country=country,
        timezone=zone,
        list=values["list"].strip(),
        tags=tags,
        notes=notes.strip(),
        extra=dict(prospect.extra),
        updated_at=now,
    )


class ProspectForm(VerticalScroll):
    """Edit one prospect; ``ctrl+s`` or Save posts :class:`ProspectForm.Saved`."""

    @dataclass
    class Saved(Message):
        """The user saved these values (not yet checked)."""

        values: dict[str, str]
        notes: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.prospect: Prospect | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="form-status")
        for name, label in FIELDS:
            yield Label(label, classes="form-label")
            yield Input(id=f"field-{name}", classes="form-input", compact=True)
        yield Label("Notes", classes="form-label")
        yield TextArea(id="field-notes", soft_wrap=True)
        yield Static("", id="form-problem")
        with Horizontal(classes="form-buttons"):
            yield Button("Save (ctrl+s)", id="form-save", variant="primary")

    def load(self, prospect: Prospect | None) -> None:
        """Fill the form with ``prospect``."""
        self.prospect = prospect
        self.query_one("#form-problem", Static).update("")
        if prospect is None:
            self.query_one("#form-status", Static).update("[dim]No prospect selected.[/]")
            return
        values = {
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
        for name, _ in FIELDS:
            self.query_one(f"#field-{name}", Input).value = values[name]
        self.query_one("#field-notes", TextArea).text = prospect.notes
        stars = "★" * prospect.priority if prospect.priority else "normal"
        status = prospect.status.value.replace("_", " ")
        extra = ", ".join(f"{escape(k)}: {escape(v)}" for k, v in list(prospect.extra.items())[:4])
        self.query_one("#form-status", Static).update(
            f"[b]{escape(prospect.name or 'Unnamed')}[/b] · {status} · priority {stars} · "
            f"{prospect.attempts} attempts" + (f"\n[dim]{extra}[/]" if extra else "")
        )

    def show_problem(self, message: str) -> None:
        """Say why the values were not saved."""
        self.query_one("#form-problem", Static).update(f"[$error]{escape(message)}[/]")

    def values(self) -> dict[str, str]:
        """What the inputs hold now."""
        return {name: self.query_one(f"#field-{name}", Input).value for name, _ in FIELDS}

    def save(self) -> None:
        """Post the values for the screen to check and store."""
        notes = self.query_one("#field-notes", TextArea).text
        self.post_message(self.Saved(self.values(), notes))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "form-save":
            self.save()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.save()
