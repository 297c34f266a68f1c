"""Folders and CSV files to pick an import from: Textual's DirectoryTree, filtered.

Only folders and ``*.csv`` files are listed; hidden ones and symbolic links
are not, so browsing never wanders through a link (a loop, a link to ``/``)
and what is picked is the file it looks like. A path typed by hand is read
as ``prospect import`` reads it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from textual.widgets import DirectoryTree


def listed(path: Path) -> bool:
    """Whether the tree shows ``path``: a folder or a CSV file, not hidden, not a link."""
    if path.name.startswith(".") or path.is_symlink():
        return False
    try:
        return path.is_dir() or (path.suffix.casefold() == ".csv" and path.is_file())
    except OSError:  # unreadable: not worth listing
        return False


class CsvTree(DirectoryTree):
    """The folders and CSV files under one folder; its root named as the user knows it."""

    # Textual's emoji icons are two cells in some terminals and one in others.
    ICON_NODE = "▸ "
    ICON_NODE_EXPANDED = "▾ "
    ICON_FILE = "  "

    def __init__(self, path: Path, label: str, *, id: str | None = None) -> None:
        super().__init__(path, id=id)
        self.root_label = label
        """``~`` or ``~/Downloads``: the root's full path would be long and machine-specific."""

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        return [path for path in paths if listed(path)]

    async def watch_path(self) -> None:
        await super().watch_path()
        self.root.set_label(self.root_label)

    def show(self, path: Path, label: str) -> None:
        """List ``path`` instead, its root called ``label``."""
        self.root_label = label
        self.path = path
