"""The error every user-facing failure derives from."""

from __future__ import annotations


class ProspectError(Exception):
    """A problem the user can act on; ``str(error)`` is one sentence saying how.

    The command line prints it and exits with status 2; the app shows it in a
    dialog. Nothing was changed by the operation that raised it.
    """
