"""What the store does with a file that no longer reads: keep its bytes, say what to do.

Damage is kept, never emptied: the bad bytes are copied into ``damaged/``
(named by their digest, never moved), and the error names the remedy —
``prospect restore`` when a backup or the change logs can bring the file
back, a repair by hand when nothing can.
"""

from __future__ import annotations

from pathlib import Path

from prospect_tui.store import backups
from prospect_tui.store.errors import StoreDamaged
from prospect_tui.store.files import atomic_write, private_dir, read_bytes
from prospect_tui.store.journal import Contents
from prospect_tui.store.layout import DAMAGED_DIR
from prospect_tui.store.shard_file import parses


def keep_aside(data_dir: Path, path: Path, start: int = 0, end: int | None = None) -> Path | None:
    """Copy the bytes of a bad file (``start`` to ``end``) into ``damaged/``; never moves them."""
    import hashlib  # only ever needed when something is damaged

    try:
        data = read_bytes(path)[start:end]
    except OSError:
        return None
    digest = hashlib.sha256(data).hexdigest()[:12]
    relative = path.relative_to(data_dir).as_posix().replace("/", "_")
    target = private_dir(data_dir / DAMAGED_DIR) / f"{relative}.{digest}"
    if not target.exists():  # named by its digest: an existing copy holds the same bytes
        atomic_write(target, data)
    return target


def damaged(data_dir: Path, path: Path, problem: str, shard: str | None) -> StoreDamaged:
    """The error for ``path`` (shard ``shard``, or None for ``workspace.json``), its bytes kept.

    The remedy it names depends on what can bring the file back.
    """
    kept = keep_aside(data_dir, path)
    if shard is not None:
        backup = backups.newest_good(data_dir, shard, parses)
        if backup:
            remedy = (
                "run `prospect restore` to bring back the last good copy "
                f"({backups.label(backup)}) with every change saved since"
            )
        elif backups.changes(data_dir, shard):
            remedy = "run `prospect restore` to rebuild it from every change saved to it"
        else:
            remedy = "there is no backup of it, so repair or remove it by hand"
    else:
        remedy = "run `prospect restore` to write it again"
    return StoreDamaged(path, problem, kept, remedy)


def journal_missing(path: Path) -> StoreDamaged:
    """The error for a journal gone from a workspace that had one: unfolded changes are lost."""
    return StoreDamaged(
        path, "missing", None, "run `prospect restore` to start a new one after the last save"
    )


def journal_damaged(data_dir: Path, path: Path, contents: Contents) -> StoreDamaged:
    """The error for a journal with bad lines, each kept aside in ``damaged/``."""
    kept = [keep_aside(data_dir, path, bad.start, bad.end) for bad in contents.bad]
    where = kept[0] if len(kept) == 1 else data_dir / DAMAGED_DIR if kept else None
    return StoreDamaged(
        path,
        contents.problem(),
        where,
        "run `prospect restore` to keep every other change and say what was lost",
    )
