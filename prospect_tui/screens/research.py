"""Research (``r`` from home): the prospects screen, timed as research.

The research session is the prospects screen with a session clock and the
research minutes planned for today (``[[blocks]]`` with ``category =
"research"``). Running over the plan is called out: research is where calls
hide. Not locked like a sprint: leaving the screen (``escape`` from the list,
or ``h``) ends the session, and its time is recorded as research.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input, TextArea

from prospect_tui.core.categories import Category
from prospect_tui.keymap import bindings
from prospect_tui.screens.prospects import ProspectsScreen
from prospect_tui.screens.session_clock import TimedScreen
from prospect_tui.widgets.session_bar import SessionBar
from prospect_tui.widgets.title_bar import TitleBar


class ResearchScreen(ProspectsScreen, TimedScreen):
    """The prospects screen with a research clock; leaving it ends the session."""

    BINDINGS = bindings("research")
    WHERE = "Research"
    CATEGORY = Category.RESEARCH
    END = ("research", "end_research")

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            yield widget
            if isinstance(widget, TitleBar):
                yield SessionBar(id="session-bar")

    def on_mount(self) -> None:
        # The prospects screen's own on_mount runs too (Textual calls each class's).
        self.start_session()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "end_research" and isinstance(self.focused, (Input, TextArea)):
            return False  # a letter typed in the search box is text
        return super().check_action(action, parameters)

    def action_end_research(self) -> None:
        self.end_session()
        self.app.pop_screen()
