"""One module per full screen; the modal dialogs live in :mod:`prospect_tui.dialogs`."""
