"""Where to save the review as Markdown: a file outside the workspace folder.

The path is checked as it is submitted (the rules of ``prospect export -o``:
never inside the workspace, the folder must exist, not a folder itself), and
a refusal is shown under the field, so the user corrects it in place.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from prospect_tui.core.errors import ProspectError
from prospect_tui.dialogs.base import Dialog
from prospect_tui.keymap import bindings, key_for
from prospect_tui.services import services_of
from prospect_tui.widgets.answer_input import AnswerInput
from prospect_tui.widgets.text import fill, plain


def chosen_path(raw: str) -> Path | None:
    """What the user typed as a path: ``~`` expanded, a bare name in the home folder."""
    text = raw.strip()
    if not text:
        return None
    path = Path(text).expanduser()
    return path if path.is_absolute() else Path.home() / path


class SaveReviewDialog(Dialog[Path | None]):
    """``enter`` saves to the path typed (once it can be written); ``escape`` cancels."""

    BINDINGS = bindings("save_review", actions={"cancel_save_review": "cancel"})

    def __init__(self, suggested: Path, what: str) -> None:
        super().__init__()
        self.suggested = suggested
        self.what = what

    def compose(self) -> ComposeResult:
        config = services_of(self.app).config
        with Vertical(classes="dialog", id="save-review-dialog"):
            yield Static(fill("[b]Save $what[/b] as Markdown", what=self.what))
            yield AnswerInput(str(self.suggested), id="save-review-path")
            yield Static(id="save-review-problem")
            yield Static(
                fill(
                    "[dim]Readable by you only; never inside the workspace folder; "
                    "a file already there is replaced.\nenter save · $cancel cancel[/]",
                    cancel=key_for("save_review", "cancel_save_review", config),
                )
            )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        from prospect_tui.transfer.output import check_output

        event.stop()
        path = chosen_path(event.value)
        problem = self.query_one("#save-review-problem", Static)
        if path is None:
            problem.update(plain("Give a file name to save to.", "$error"))
            return
        try:
            check_output(path, services_of(self.app).where)
        except ProspectError as refused:
            problem.update(plain(str(refused), "$error"))
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)
