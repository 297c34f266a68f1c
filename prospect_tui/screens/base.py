"""What every screen of Prospect shares: the app, typed, and its services."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.screen import Screen, ScreenResultType

if TYPE_CHECKING:
    from prospect_tui.app import ProspectApp
    from prospect_tui.services import Services


class AppScreen(Screen[ScreenResultType]):
    """A screen of :class:`~prospect_tui.app.ProspectApp`."""

    @property
    def prospect_app(self) -> ProspectApp:
        """The app, with its flows (start a sprint, report an error, …)."""
        return cast("ProspectApp", self.app)

    @property
    def services(self) -> Services:
        """The clock, config and workspace this app runs on."""
        return self.prospect_app.services
