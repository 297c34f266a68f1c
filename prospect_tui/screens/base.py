"""What every screen of Prospect shares: the services the app was built on."""

from __future__ import annotations

from textual.screen import Screen, ScreenResultType

from prospect_tui.services import Services, services_of


class AppScreen(Screen[ScreenResultType]):
    """A screen of Prospect: reads :attr:`services`, tells the app with messages."""

    @property
    def services(self) -> Services:
        """The clock, config and workspace this app runs on."""
        return services_of(self.app)
