"""Files a command writes where the user asked (exports, calendars): never into the workspace.

Only the store writes inside the workspace folder: an export aimed at
``journal.jsonl`` would replace the journal under a running app and wipe the
calls it holds. The file written is 0600 and its folder is left exactly as
it was (its mode, its other files).
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from prospect_tui.core.errors import ProspectError
from prospect_tui.locations import Locations
from prospect_tui.store.files import replace_file, replacing


class OutputRefused(ProspectError):
    """A file the user asked for cannot be written there; nothing was written."""


def workspace_holding(path: Path, where: Locations) -> Path | None:
    """The workspace folder (data or config) that ``path`` would be written into, if any.

    Links and ``..`` in the path are resolved, and folders are compared by
    identity too, so another name for the same folder (a bind mount, a
    case-insensitive file system) is caught as well.
    """
    folder = Path(os.path.realpath(path if path.name in ("", "..") else path.parent))
    for protected in dict.fromkeys((where.data_dir, where.config_dir)):
        if folder.is_relative_to(os.path.realpath(protected)):
            return protected
        try:
            mark = os.stat(protected)
        except OSError:
            continue  # a folder that does not exist has no other name yet
        for ancestor in (folder, *folder.parents):
            try:
                found = os.stat(ancestor)
            except OSError:
                continue
            if (found.st_dev, found.st_ino) == (mark.st_dev, mark.st_ino):
                return protected
    return None


def check_output(path: Path, where: Locations) -> None:
    """Raise :class:`OutputRefused` unless ``path`` can be written for the user.

    Call it before doing the work, so a refused file costs nothing.
    """
    inside = workspace_holding(path, where)
    if inside is not None:
        raise OutputRefused(
            f"Cannot write {path}: it is inside the workspace folder {inside}, which only "
            "Prospect's store writes to — choose a file outside it."
        )
    if not path.parent.is_dir():
        raise OutputRefused(f"Cannot write {path}: the folder {path.parent} does not exist.")
    if path.is_dir():
        raise OutputRefused(f"Cannot write {path}: it is a folder; give a file name inside it.")


def write_output(path: Path, data: bytes, where: Locations) -> None:
    """Write ``data`` to the user's file ``path`` atomically, 0600, its folder untouched."""
    check_output(path, where)
    try:
        replace_file(path, data)
    except OSError as error:
        raise OutputRefused(f"Cannot write {path}: {error.strerror or error}.") from None


@contextmanager
def output_stream(path: Path, where: Locations, encoding: str) -> Iterator[TextIO]:
    """:func:`write_output` as a text stream, written as it is made (CSV line endings kept).

    ``path`` is replaced only when the block ends without an error; until then
    it keeps what it held, and a failure leaves no temporary file behind.
    """
    check_output(path, where)
    try:
        with replacing(path) as raw:
            out = io.TextIOWrapper(raw, encoding=encoding, newline="")
            yield out
            out.flush()
            out.detach()  # replacing() fsyncs and closes the file itself
    except OSError as error:
        raise OutputRefused(f"Cannot write {path}: {error.strerror or error}.") from None
