"""What every screen of Prospect shares: the services the app was built on, and the help.

``?`` (the ``help`` action) opens the help on any screen derived from
:class:`AppScreen`: it lists the keys of the scopes whose bindings the screen
and its widgets carry, read from the key map with the user's remaps, so a
screen added later is covered without a word of its own; like the footer, only
those that act now, named as the footer names them.
"""

from __future__ import annotations

from textual.screen import Screen, ScreenResultType

from prospect_tui.core.keys import SCOPES
from prospect_tui.keymap import bindings
from prospect_tui.services import Services, services_of
from prospect_tui.widgets.title_bar import TitleBar


class AppScreen(Screen[ScreenResultType]):
    """A screen of Prospect: reads :attr:`services`, tells the app with messages."""

    BINDINGS = bindings("help")

    @property
    def services(self) -> Services:
        """The clock, config and workspace this app runs on."""
        return services_of(self.app)

    def key_label(self, action: str, label: str) -> str:
        """What the footer calls ``action`` now (its label in the key map unless the state
        changes its meaning, as pause becomes resume)."""
        return label

    def help_scopes(self) -> list[str]:
        """The key map's scopes this screen's keys come from: its own first, then its widgets'.

        ``help`` itself comes last, then the app's keys: they work everywhere.
        """
        ids: list[str] = []
        for node in (self, *self.query("*")):
            for key_bindings in node._bindings.key_to_bindings.values():
                ids += [b.id for b in key_bindings if b.id and b.id not in ids]
        scopes = [
            s for s in dict.fromkeys(_scope_of(i) for i in ids) if s and s not in ("help", "app")
        ]
        return [*scopes, "help", "app"]

    def action_help(self) -> None:
        """Show this screen's keys; the screen carries on beneath."""
        if self.app.screen is not self:
            return  # a key that arrived as a dialog opened over this screen
        # Imported on the first ``?``: every screen's module needs this one, the first frame
        # does not need the help.
        from prospect_tui.core.key_help import help_sections
        from prospect_tui.dialogs.help import HelpDialog, acting

        titles = self.query(TitleBar)
        where = titles.first().where if titles else type(self).__name__
        live = acting(self)
        sections = help_sections(
            self.help_scopes(), self.services.config.keys, live.__contains__, self.key_label
        )
        self.app.push_screen(HelpDialog(where, sections))


def _scope_of(action: str) -> str | None:
    return next(
        (scope for scope, actions in SCOPES.items() if any(a.id == action for a in actions)), None
    )
