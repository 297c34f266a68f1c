"""The one place a bug's traceback is written down, for the app and the commands alike."""

from __future__ import annotations

import os
import tempfile
import traceback
from pathlib import Path


def log_crash(error: BaseException, log_file: Path | None) -> Path | None:
    """Keep ``error``'s traceback for a bug report; where it went, or None if nowhere.

    It goes to ``log_file`` (the workspace's log) when the workspace folder
    exists. A command that failed before there was one (a read-only
    ``review`` or ``export`` of an empty ``PROSPECT_HOME``) must not create it
    just to hold a log, so the traceback then goes to a private temporary
    file instead.
    """
    text = "".join(traceback.format_exception(error)).encode("utf-8", "replace")
    try:
        if log_file is not None and log_file.parent.is_dir():
            from prospect_tui.store.files import append_private

            append_private(log_file, text)
            return log_file
        fd, name = tempfile.mkstemp(prefix="prospect-", suffix=".log")  # 0600, unique
        with os.fdopen(fd, "wb") as file:
            file.write(text)
        return Path(name)
    except OSError:
        return None


def one_line(error: BaseException) -> str:
    """``Type: message`` on one line, whatever the message holds."""
    return " ".join(f"{type(error).__name__}: {error}".split())
