"""The Textual app: wiring and the screens registry, nothing else."""

from __future__ import annotations

import traceback
from zoneinfo import ZoneInfo

from textual.app import App
from textual.binding import Binding

from prospect_tui.core.clock import Clock, SystemClock
from prospect_tui.core.config import Config, load_config
from prospect_tui.core.errors import ProspectError
from prospect_tui.locations import Locations, locations
from prospect_tui.screens.dialogs import ErrorDialog
from prospect_tui.screens.home import HomeScreen
from prospect_tui.screens.keymap import textual_keymap
from prospect_tui.services import Services
from prospect_tui.store.repository import Repository
from prospect_tui.store.workspace import Workspace

LOG_FILE = "prospect.log"


class ProspectApp(App[int]):
    """Calling sprints for salespeople who put prospecting off."""

    CSS_PATH = "app.tcss"
    TITLE = "Prospect"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", show=False, priority=True)]

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services

    def on_mount(self) -> None:
        self.set_keymap(textual_keymap(self.services.config))
        self.push_screen(HomeScreen())

    def report(self, error: BaseException) -> None:
        """Show an error as one sentence; a bug's traceback goes to the log."""
        if isinstance(error, ProspectError):
            self.push_screen(ErrorDialog(str(error)))
            return
        log = self.services.where.data_dir / LOG_FILE
        try:
            with log.open("a", encoding="utf-8") as handle:
                traceback.print_exception(error, file=handle)
        except OSError:
            pass
        self.push_screen(ErrorDialog(
            f"Something went wrong ({type(error).__name__}: {error}); the details are in {log}."
        ))


def open_services(where: Locations | None = None, clock: Clock | None = None,
                  config: Config | None = None) -> Services:
    """Read the config, make the clock and lock the workspace for this app.

    Raises :class:`ProspectError` (bad config, damaged store, second instance)
    before any screen is drawn, so the command line can say it in one sentence.
    """
    where = where or locations()
    config = config or load_config(where.config_file)
    if clock is None:
        zone = config.days.timezone
        clock = SystemClock(ZoneInfo(zone) if zone else None)
    workspace = Workspace.open(where.data_dir, write=True, sync="background")
    return Services(where=where, config=config, clock=clock, repository=Repository(workspace))


def make_app(services: Services) -> ProspectApp:
    """The app over ``services``: used by ``prospect``, the tests and the screenshots."""
    return ProspectApp(services)


def close_services(services: Services) -> None:
    """Fold the journal into the store files and let go of the lock."""
    services.repository.workspace.close()

