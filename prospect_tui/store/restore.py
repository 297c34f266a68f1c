"""``prospect restore``: put back the last good copy of each damaged file.

The damaged bytes are copied into ``damaged/`` first, so nothing is lost
even if the restored copy turns out not to be what the user wanted.
"""

from __future__ import annotations

import json
from pathlib import Path

from prospect_tui.store import backups, journal, migrations
from prospect_tui.store.files import atomic_write
from prospect_tui.store.journal import JournalDamaged
from prospect_tui.store.lock import WriterLock
from prospect_tui.store.workspace import (
    ACTIVITY,
    MONTHLY,
    PROSPECTS,
    WORKSPACE_FILE,
    Damage,
    keep_aside,
    months_on_disk,
    parses,
    read_shard,
    schema_of,
)


def restore(data_dir: Path) -> list[str]:
    """Repair what can be repaired; one sentence per file acted on.

    Raises :class:`StoreLocked` while the app is running.
    """
    lock = WriterLock(data_dir)
    lock.acquire()
    try:
        done = _restore_shards(data_dir)
        done += _restore_journal(data_dir)
        done += _restore_schema(data_dir)
        return done
    finally:
        lock.release()


def _shards(data_dir: Path) -> list[str]:
    return [PROSPECTS, ACTIVITY, *(name for f in MONTHLY for name in months_on_disk(data_dir, f))]


def _restore_shards(data_dir: Path) -> list[str]:
    done = []
    for name in _shards(data_dir):
        path = data_dir / f"{name}.json"
        try:
            read_shard(path)
            continue
        except Damage:
            pass
        kept = keep_aside(data_dir, path)
        backup = backups.newest_good(data_dir, name, parses)
        if backup is None:
            done.append(
                f"{path.name} has no good backup; it is left as it is and its bytes "
                f"are kept at {kept}."
            )
            continue
        atomic_write(path, backup.read_bytes())
        done.append(
            f"{path.name} was restored from the copy {backups.label(backup)}; "
            f"the damaged bytes are kept at {kept}."
        )
    return done


def _restore_journal(data_dir: Path) -> list[str]:
    path = data_dir / journal.JOURNAL_FILE
    try:
        journal.read(path)
        return []
    except JournalDamaged as damage:
        bad_line = damage.line
    kept = keep_aside(data_dir, path)
    lines = path.read_bytes().split(b"\n")[: bad_line - 1]
    good = journal.parse(b"".join(line + b"\n" for line in lines))
    header = journal.encode({"journal": journal.FORMAT, "base": good.base})
    body = b"".join(journal.encode({"seq": e.seq, "ops": e.ops}) for e in good.entries)
    atomic_write(path, header + body)
    return [
        f"{path.name} keeps the {len(good.entries)} changes before its damaged line "
        f"{bad_line}; the whole file is kept at {kept}."
    ]


def _restore_schema(data_dir: Path) -> list[str]:
    path = data_dir / WORKSPACE_FILE
    try:
        if schema_of(json.loads(path.read_bytes())) is not None:
            return []
    except FileNotFoundError:
        return []
    except ValueError:
        pass
    kept = keep_aside(data_dir, path)
    atomic_write(path, json.dumps({"schema": migrations.SCHEMA}).encode() + b"\n")
    return [f"{path.name} was written again; its old bytes are kept at {kept}."]
