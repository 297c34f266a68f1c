"""One module per screen; dialogs live in :mod:`prospect_tui.screens.dialogs`."""
