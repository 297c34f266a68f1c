"""Import a CSV from inside the app: preview first, then import, with the same report.

It runs the same planning as ``prospect import`` (HubSpot, Salesforce or any
file; encodings and separators detected; duplicates merged), off the UI
thread with a progress bar, and writes everything in one journal line.
"""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, ProgressBar, Static

from prospect_tui.core.errors import ProspectError
from prospect_tui.core.model import Prospect
from prospect_tui.core.zones import home_country
from prospect_tui.dialogs.base import Dialog
from prospect_tui.keymap import bindings, key_for
from prospect_tui.services import Services, services_of
from prospect_tui.transfer.csv_import import ImportPlan, apply_plan, plan_import
from prospect_tui.transfer.import_report import Tone, report
from prospect_tui.widgets.text import fill, plain

SHOWN_PROBLEMS = 30
_STYLES = {Tone.TITLE: "bold", Tone.PLAIN: "", Tone.NOTE: "dim", Tone.WARNING: "$warning"}


class ImportScreen(Dialog[list[Prospect] | None]):
    """Enter a path, read the preview, press enter again to import."""

    BINDINGS = bindings("import", actions={"close_import": "close"})

    def __init__(self) -> None:
        super().__init__()
        self.plan: ImportPlan | None = None
        self.busy = False
        self.done: list[Prospect] | None = None

    @property
    def services(self) -> Services:
        """The clock and workspace of the running app."""
        return services_of(self.app)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="import-dialog"):
            yield Static(
                "[b]Import prospects[/b] from a CSV exported from HubSpot, Salesforce "
                "or any spreadsheet with names and phone numbers.",
                classes="dialog-text",
            )
            yield Label("File")
            yield Input(placeholder="~/Downloads/contacts.csv", id="import-path")
            yield Label("Put new prospects in the list (optional)")
            yield Input(placeholder="e.g. Q4 webinar", id="import-list")
            yield ProgressBar(total=1, show_eta=False, id="import-progress")
            with VerticalScroll(id="import-report"):
                yield Static(self._ask_preview(), id="import-text")

    def on_mount(self) -> None:
        self.query_one(ProgressBar).display = False
        self.query_one("#import-path", Input).focus()

    # -- steps ---------------------------------------------------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.busy:
            return
        if self.done is not None:
            self.dismiss(self.done)
        elif self.plan is not None and event.input.id == "import-path":
            self._start_apply()
        else:
            self._start_preview()

    def on_input_changed(self, event: Input.Changed) -> None:
        if self.plan is not None and not self.busy and self.done is None:
            self.plan = None  # a new file or list: preview again
            self._say(self._ask_preview())

    def _close_key(self) -> str:
        return key_for("import", "close_import", self.services.config)

    def _ask_preview(self) -> Content:
        return fill(
            "[dim]enter: preview what the import would do · $close: close[/]",
            close=self._close_key(),
        )

    def _say(self, text: str | Content) -> None:
        """Show ``text``: a ``str`` is our own markup, file and path text comes as Content."""
        self.query_one("#import-text", Static).update(Content.from_markup(text))

    def _start_preview(self) -> None:
        raw = self.query_one("#import-path", Input).value.strip()
        if not raw:
            self._say("[$warning]Type the path of the CSV file to import.[/]")
            return
        self.busy = True
        bar = self.query_one(ProgressBar)
        bar.display = True
        bar.update(total=1, progress=0)
        self._say("Reading…")
        list_name = self.query_one("#import-list", Input).value.strip() or None
        self._preview(Path(raw).expanduser(), list_name)

    @work(thread=True, exclusive=True, exit_on_error=False, group="import")
    def _preview(self, path: Path, list_name: str | None) -> None:
        try:
            data = _read(path)
            existing = self.services.repository.prospects()
            plan = plan_import(
                data,
                existing,
                list_name=list_name,
                now=self.services.clock.now(),
                progress=self._progress,
                default_country=home_country(self.services.clock.tz),
                name=path.name,
            )
        except ProspectError as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        self.app.call_from_thread(self._previewed, plan)

    def _progress(self, done: int, total: int) -> None:
        self.app.call_from_thread(
            self.query_one(ProgressBar).update, total=max(total, 1), progress=done
        )

    def _failed(self, message: str) -> None:
        self.busy = False
        self.query_one(ProgressBar).display = False
        self._say(fill("[$error]$message[/]\n[dim]Nothing was changed.[/]", message=message))

    def _previewed(self, plan: ImportPlan) -> None:
        self.busy = False
        self.plan = plan
        self.query_one(ProgressBar).display = False
        action = fill(
            "[b]enter: import[/b] · $close: cancel"
            if plan.changes
            else "Nothing to import · $close: close",
            close=self._close_key(),
        )
        self._say(_report(plan, dry_run=True) + "\n\n" + action)
        if not plan.changes:
            self.done = []

    def _start_apply(self) -> None:
        assert self.plan is not None
        if not self.plan.changes:
            self.dismiss([])
            return
        self.busy = True
        self._say("Importing…")
        self._apply(self.plan)

    @work(thread=True, exclusive=True, exit_on_error=False, group="import")
    def _apply(self, plan: ImportPlan) -> None:
        try:
            apply_plan(self.services.repository, plan)
        except ProspectError as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        self.app.call_from_thread(self._applied, plan)

    def _applied(self, plan: ImportPlan) -> None:
        self.busy = False
        self.done = [*plan.new, *(u.after for u in plan.updates)]
        self._say(
            _report(plan, dry_run=False)
            + "\n\n"
            + plain(f"enter or {self._close_key()}: back to the list", "bold")
        )

    def action_close(self) -> None:
        if not self.busy:
            self.dismiss(self.done)


def _read(path: Path) -> bytes:
    from prospect_tui.transfer.csv_read import CsvUnreadable, read_file

    try:
        if path.is_dir():
            raise ProspectError(f"{path} is a folder; choose a CSV file in it.")
        return read_file(path)
    except CsvUnreadable as error:
        raise ProspectError(f"{path} {error.reason}.") from None
    except FileNotFoundError:
        raise ProspectError(f"There is no file at {path}.") from None
    except PermissionError:
        raise ProspectError(f"{path} cannot be read (permission denied).") from None
    except OSError as error:
        raise ProspectError(f"{path} cannot be read ({error.strerror}).") from None


def _report(plan: ImportPlan, *, dry_run: bool) -> Content:
    # The summary names the file and the problems quote its cells: plain text.
    lines = report(plan, dry_run=dry_run, problems_shown=SHOWN_PROBLEMS)
    return Content("\n").join(plain(line.text, _STYLES[line.tone]) for line in lines)
