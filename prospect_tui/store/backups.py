"""Rotated backups of shard files, taken just before a fold replaces them.

A backup is a hard link to the file being replaced — a file that parsed when
it was loaded, so a bad file never becomes a backup — under a name that is
never reused, so no backup is ever overwritten. Rotation keeps the newest
:data:`KEEP_NEWEST`, and beyond those the newest of each of the last
:data:`KEEP_DAYS` days, deleting only after the new file is in place.

Beside the backups, each fold keeps the journal it folded, as a hard link
named ``<from>-<to>.jsonl`` in the folder of every shard it wrote: the
changes that took the shard from the file it replaced (folded up to
``from``) to the file written (``to``). A restore starts from any backup
kept and replays every change made since: the journal is reset after a
fold, but these links are not, and they cost neither a copy nor a parse.
A link goes once no backup kept is older than its changes.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from prospect_tui.store.files import private_dir

BACKUPS_DIR = "backups"
KEEP_NEWEST = 3
KEEP_DAYS = 14
CHANGES_SUFFIX = ".jsonl"


def folder(data_dir: Path, shard: str) -> Path:
    """Where ``shard``'s backups live."""
    return data_dir / BACKUPS_DIR / shard


def keep(data_dir: Path, shard: str, current: Path, seq: int) -> Path | None:
    """Keep the good ``current`` file of ``shard`` (folded up to ``seq``) as a backup."""
    if not current.exists():
        return None
    target_dir = private_dir(folder(data_dir, shard))
    target = target_dir / f"{seq:012d}.json"
    if not target.exists():
        _link_or_copy(current, target)
    return target


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target, follow_symlinks=False)  # a store file is never followed
    except OSError:  # a file system without hard links
        shutil.copy2(source, target, follow_symlinks=False)
        target.chmod(0o600)


def keep_changes(data_dir: Path, shard: str, journal: Path, since: int, seq: int) -> Path:
    """Keep ``journal``, about to be folded into ``shard`` (from ``since`` to ``seq``)."""
    target = private_dir(folder(data_dir, shard)) / f"{since:012d}-{seq:012d}{CHANGES_SUFFIX}"
    if not target.exists():
        _link_or_copy(journal, target)
    return target


def changes(data_dir: Path, shard: str) -> list[Path]:
    """``shard``'s kept journals, oldest first."""
    try:
        files = [p for p in folder(data_dir, shard).iterdir() if p.suffix == CHANGES_SUFFIX]
    except FileNotFoundError:
        return []
    return sorted(files, key=span)


def span(path: Path) -> tuple[int, int]:
    """The changes a kept journal takes its shard through: (folded up to, folded to)."""
    since, _, seq = path.stem.partition("-")
    return int(since), int(seq)


def seq_of(path: Path) -> int:
    """The journal change a backup is folded up to."""
    return int(path.stem)


def listed(data_dir: Path, shard: str) -> list[Path]:
    """``shard``'s backups, newest first."""
    try:
        files = [p for p in folder(data_dir, shard).iterdir() if p.suffix == ".json"]
    except FileNotFoundError:
        return []
    return sorted(files, key=lambda p: p.name, reverse=True)


def prune(data_dir: Path, shard: str) -> list[Path]:
    """Delete backups the rotation no longer keeps; returns what was deleted."""
    days_kept: set[str] = set()
    deleted = []
    for index, path in enumerate(listed(data_dir, shard)):
        day = _modified(path).date().isoformat()
        if index < KEEP_NEWEST:
            days_kept.add(day)  # its day's newest is kept already: not one more from that day
            continue
        if day not in days_kept and len(days_kept) < KEEP_DAYS:
            days_kept.add(day)
            continue
        path.unlink(missing_ok=True)
        deleted.append(path)
    kept = listed(data_dir, shard)
    if kept:  # without a backup, the logs from the shard's first fold are its only history
        oldest = min(seq_of(path) for path in kept)
        for path in changes(data_dir, shard):
            if span(path)[1] <= oldest:  # every change in it is in each backup kept
                path.unlink(missing_ok=True)
                deleted.append(path)
    return deleted


def newest_good(data_dir: Path, shard: str, is_good: Callable[[Path], bool]) -> Path | None:
    """The newest backup of ``shard`` that ``is_good`` accepts."""
    return next((path for path in listed(data_dir, shard) if is_good(path)), None)


def label(path: Path) -> str:
    """How a backup is named to the user: when it was last written."""
    return f"saved {_modified(path):%Y-%m-%d %H:%M}"


def _modified(path: Path) -> datetime:
    return datetime.fromtimestamp(path.stat().st_mtime, tz=UTC).astimezone()
