"""The modal screens: one module per dialog, each answering with ``dismiss()``."""
