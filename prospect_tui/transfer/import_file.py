"""The file an import reads, and the one sentence that says why it cannot be read.

``prospect import`` and the app's import screen both read through
:func:`read_import_file`, so the same file is refused in the same words.
A path is quoted clipped to :data:`PATH_SHOWN` characters: a pasted
3,000-character path must not bury the sentence around it.
"""

from __future__ import annotations

from pathlib import Path

from prospect_tui.core.errors import ProspectError
from prospect_tui.transfer.csv_read import CsvUnreadable, read_file

PATH_SHOWN = 80
"""The most characters of a path a sentence quotes."""


class ImportFileError(ProspectError):
    """The file to import cannot be read; the message says why in one sentence."""


def shown_path(path: Path | str) -> str:
    """``path`` as a sentence quotes it: whole when short, else its start … its end."""
    text = str(path)
    if len(text) <= PATH_SHOWN:
        return text
    # The end names the file; the start says where it is.
    head = PATH_SHOWN // 3
    return f"{text[:head]}…{text[-(PATH_SHOWN - head - 1) :]}"


def read_import_file(path: Path) -> bytes:
    """The bytes of the CSV file at ``path``, or :class:`ImportFileError` saying why not."""
    shown = shown_path(path)
    try:
        if path.is_dir():
            raise ImportFileError(f"{shown} is a folder; choose the CSV file in it.")
        return read_file(path)
    except CsvUnreadable as error:
        raise ImportFileError(f"{shown} {error.reason}.") from None
    except FileNotFoundError:
        raise ImportFileError(f"There is no file at {shown}.") from None
    except IsADirectoryError:
        raise ImportFileError(f"{shown} is a folder; choose the CSV file in it.") from None
    except PermissionError:
        raise ImportFileError(f"{shown} cannot be read (permission denied).") from None
    except OSError as error:
        raise ImportFileError(f"{shown} cannot be read ({error.strerror or error}).") from None
