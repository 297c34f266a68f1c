"""Import a CSV from inside the app: pick or type the file, preview, then import.

A full screen: the folders and CSV files of the home folder or Downloads on
the left (``ctrl+o`` switches), the typed path and the report on the right.
It runs the same planning as ``prospect import`` (HubSpot, Salesforce or any
file; encodings and separators detected; duplicates merged), off the UI
thread with a progress bar, writes everything in one journal line, and
reports in the same words.
"""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import DirectoryTree, Input, Label, ProgressBar, Static

from prospect_tui.core.errors import ProspectError
from prospect_tui.core.model import Prospect
from prospect_tui.core.zones import home_country
from prospect_tui.keymap import bindings, key_for
from prospect_tui.screens.base import AppScreen
from prospect_tui.transfer.csv_import import (
    ImportPlan,
    StoredProspects,
    apply_plan,
    plan_import,
)
from prospect_tui.transfer.import_file import read_import_file
from prospect_tui.transfer.import_report import Tone, report
from prospect_tui.widgets.csv_tree import CsvTree
from prospect_tui.widgets.field_input import FieldInput
from prospect_tui.widgets.key_bar import KeyBar
from prospect_tui.widgets.text import fill, plain
from prospect_tui.widgets.title_bar import TitleBar

SHOWN_PROBLEMS = 30
_STYLES = {Tone.TITLE: "bold", Tone.PLAIN: "", Tone.NOTE: "dim", Tone.WARNING: "$warning"}


def start_folders() -> list[tuple[Path, str]]:
    """Where the file picker looks: Downloads first when there is one, then home."""
    try:
        home = Path.home()
    except RuntimeError:  # no HOME and no password entry: nowhere to start
        return []
    downloads = home / "Downloads"
    folders = [(home, "~")]
    if downloads.is_dir() and not downloads.is_symlink():
        folders.insert(0, (downloads, "~/Downloads"))
    return folders


class ImportScreen(AppScreen[list[Prospect] | None]):
    """Pick a file in the tree or type its path, read the preview, press enter to import."""

    BINDINGS = bindings(
        "import", actions={"close_import": "close", "switch_import_folder": "switch_folder"}
    )

    WHERE = "Import"

    def __init__(self, folders: list[tuple[Path, str]] | None = None) -> None:
        super().__init__()
        self.folders = start_folders() if folders is None else folders
        """The folders ``ctrl+o`` switches between, each with the name shown for it."""
        self.plan: ImportPlan | None = None
        self.busy = False
        self.done: list[Prospect] | None = None
        self.answered = False

    def compose(self) -> ComposeResult:
        yield TitleBar(self.services.clock, self.WHERE)
        with Horizontal(id="import-main"):
            if self.folders:
                folder, label = self.folders[0]
                with Vertical(id="import-files"):
                    yield CsvTree(folder, label, id="import-tree")
            with Vertical(id="import-side"):
                yield Static(
                    "[b]Import prospects[/b] from a CSV exported from HubSpot, Salesforce "
                    "or any spreadsheet with names and phone numbers.",
                    id="import-intro",
                )
                yield Label("File (pick one on the left, or type its path)")
                yield FieldInput(placeholder="~/Downloads/contacts.csv", id="import-path")
                yield Label("Put new prospects in the list (optional)")
                yield FieldInput(placeholder="e.g. Q4 webinar", id="import-list")
                yield ProgressBar(total=1, show_eta=False, id="import-progress")
                with VerticalScroll(id="import-report"):
                    yield Static(self._ask_preview(), id="import-text")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(ProgressBar).display = False
        self._title_files()
        self.query_one("#import-path", Input).focus()

    def dismiss(self, result: list[Prospect] | None = None) -> AwaitComplete:
        """Close with ``result``, once: a second enter in the same burst must not pop
        the screen below."""
        if self.answered:
            return AwaitComplete.nothing()
        self.answered = True
        self.set_focus(None)
        return super().dismiss(result)

    # -- the file picker -------------------------------------------------------------

    def _title_files(self) -> None:
        if self.folders:
            tree = self.query_one(CsvTree)
            others = len(self.folders) > 1
            self.query_one("#import-files").border_title = tree.root_label
            self.query_one("#import-files").border_subtitle = (
                f"{self._key('switch_import_folder')} {self.folders[1][1]}" if others else ""
            )

    def action_switch_folder(self) -> None:
        if len(self.folders) < 2:
            return
        self.folders = [*self.folders[1:], self.folders[0]]
        folder, label = self.folders[0]
        self.query_one(CsvTree).show(folder, label)
        self._title_files()

    def on_directory_tree_file_selected(self, event: DirectoryTree.FileSelected) -> None:
        event.stop()
        if self.busy or self.done is not None:
            return
        path = self.query_one("#import-path", Input)
        with self.prevent(Input.Changed):
            path.value = _tilde(event.path)
        path.focus()  # where enter imports, once the preview is read
        self._start_preview()

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

    def _key(self, action: str) -> str:
        return key_for("import", action, self.services.config)

    def _close_key(self) -> str:
        return self._key("close_import")

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
            data = read_import_file(path)
            plan = plan_import(
                data,
                StoredProspects(self.services.repository),
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
            "[b]enter: import[/b] · $close: back to the files"
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
        # The report stays until the user has read it and goes back where they came from.
        self._say(
            _report(plan, dry_run=False)
            + "\n\n"
            + plain(f"enter or {self._close_key()}: back to {self._below()}", "bold")
        )

    def _below(self) -> str:
        """What the title bar of the screen this one returns to calls it."""
        stack = self.app.screen_stack
        below = stack[stack.index(self) - 1] if self in stack and stack.index(self) else None
        titles = below.query(TitleBar) if below is not None else None
        return titles.first().where if titles else "where you were"

    def action_close(self) -> None:
        if self.busy:
            return
        if self.plan is not None and self.done is None:
            self._back_to_picker()
            return
        self.dismiss(self.done)

    def _back_to_picker(self) -> None:
        """Escape on a preview: drop it and pick again, as the step before."""
        self.plan = None
        self._say(self._ask_preview())
        trees = self.query(CsvTree)
        self.set_focus(trees.first() if trees else self.query_one("#import-path", Input))


def _tilde(path: Path) -> str:
    """``path`` as typed by hand: ``~/Downloads/x.csv`` under the home folder."""
    try:
        return f"~/{path.relative_to(Path.home()).as_posix()}"
    except (ValueError, RuntimeError):
        return str(path)


def _report(plan: ImportPlan, *, dry_run: bool) -> Content:
    # The summary names the file and the problems quote its cells: plain text.
    lines = report(plan, dry_run=dry_run, problems_shown=SHOWN_PROBLEMS)
    return Content("\n").join(plain(line.text, _STYLES[line.tone]) for line in lines)
