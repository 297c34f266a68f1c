"""Where the workspace keeps what: the folder's layout and ``workspace.json``.

Layout of ``data_dir`` (everything 0600, folders 0700)::

    workspace.json        {"schema": 1, "seq": N, "shards": [every shard file written]}
    prospects.json        TinyDB file: the prospects table
    activity.json         TinyDB file: sprints, counters
    calls/2026-11.json    TinyDB file per month of calls (by the user's day)
    time/2026-11.json     TinyDB file per month of tracked time
    followups/2026-11.json  TinyDB file per month of callbacks and meetings (by due date)
    journal.jsonl         changes not yet folded into the files above
    prospect.lock         held by the one writer
    backups/<shard>/      previous versions of each file and the changes since, rotated
    damaged/              bytes of any file that failed to parse, kept aside

Calls, tracked time and follow-ups are split by month so that a review or
the app's start reads one month, not the whole history. Each shard file's
format is :mod:`prospect_tui.store.shard_file`'s.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from prospect_tui.core.model import COUNTERS_TABLE
from prospect_tui.store import backups, migrations, storage
from prospect_tui.store import journal as journal_file
from prospect_tui.store.files import atomic_write, read_bytes
from prospect_tui.store.lock import LOCK_FILE
from prospect_tui.store.shard_file import Damage
from prospect_tui.store.storage import CALLS

PROSPECTS = "prospects"
ACTIVITY = storage.ACTIVITY
TIME = "time"
FOLLOWUPS = "followups"
MONTHLY = (CALLS, TIME, FOLLOWUPS)
"""Folders of month-by-month shards."""
WORKSPACE_FILE = "workspace.json"
DAMAGED_DIR = "damaged"
COUNTERS = COUNTERS_TABLE
STORE_NAMES = (
    WORKSPACE_FILE,
    journal_file.JOURNAL_FILE,
    LOCK_FILE,
    f"{PROSPECTS}.json",
    f"{ACTIVITY}.json",
    *MONTHLY,
    backups.BACKUPS_DIR,
    DAMAGED_DIR,
)
"""What the store keeps in the workspace folder: none of it may be a symbolic link.
The workspace folder itself may be one (pointing at a synced folder, say)."""


def month_shard(folder: str, day: date) -> str:
    """The shard in ``folder`` (calls, time) holding the records of the user's ``day``."""
    # Not strftime: logging a call asks for its month's shard between the key and the fsync.
    return f"{folder}/{day.year:04d}-{day.month:02d}"


def calls_shard(day: date) -> str:
    """The shard holding the calls of the user's ``day``."""
    return month_shard(CALLS, day)


def time_shard(day: date) -> str:
    """The shard holding the tracked time of the user's ``day``."""
    return month_shard(TIME, day)


def write_workspace_file(
    data_dir: Path,
    schema: int,
    folded: int,
    shards: set[str],
    open_followups: Mapping[str, tuple[int, int]] | None = None,
) -> None:
    """Write ``workspace.json``: the schema, the last change folded, every shard file written,
    and, per month of follow-ups, how many are open and the size of the file they were
    counted in (:func:`read_open_followups`)."""
    content: dict[str, object] = {"schema": schema, "seq": folded, "shards": sorted(shards)}
    if open_followups:
        content[OPEN] = {name: list(kept) for name, kept in sorted(open_followups.items())}
    atomic_write(data_dir / WORKSPACE_FILE, json.dumps(content).encode() + b"\n")


OPEN = "open"
"""The field of ``workspace.json`` with each follow-up month's open count and file size."""


def read_open_followups(data_dir: Path) -> dict[str, tuple[int, int]]:
    """Per month of follow-ups, how many are open and the size of the file when counted.

    Nothing for a workspace written before they were kept, or for a value
    that does not read: those months are read whole.
    """
    try:
        data = json.loads(read_bytes(data_dir / WORKSPACE_FILE))
    except (FileNotFoundError, ValueError):
        return {}
    kept = data.get(OPEN) if isinstance(data, dict) else None
    if not isinstance(kept, dict):
        return {}
    return {
        name: (value[0], value[1])
        for name, value in kept.items()
        if isinstance(name, str)
        and isinstance(value, list)
        and len(value) == 2
        and all(type(n) is int and n >= 0 for n in value)
    }


def read_workspace_file(data_dir: Path) -> tuple[int, int, set[str]]:
    """``workspace.json``: its schema version, the journal change last folded, the shards written.

    A workspace without the file is a new one. Raises :class:`Damage` for one
    that does not say at least which schema wrote it.
    """
    try:
        data = json.loads(read_bytes(data_dir / WORKSPACE_FILE))
    except FileNotFoundError:
        return migrations.SCHEMA, 0, set()
    except ValueError:
        raise Damage("not valid JSON") from None
    schema = schema_of(data)
    if schema is None:
        raise Damage("no schema version in it")
    folded = data.get("seq", 0)
    known = shards_of(data)
    if known is None:  # written before workspace.json listed them: what is on disk now
        known = set(shards_on_disk(data_dir))
    return schema, folded if isinstance(folded, int) and folded >= 0 else 0, known


def shards_of(data: object) -> set[str] | None:
    """The shards a parsed ``workspace.json`` lists, or None if it lists none."""
    shards = data.get("shards") if isinstance(data, dict) else None
    if not isinstance(shards, list):
        return None
    return {name for name in shards if isinstance(name, str)}


def shards_on_disk(data_dir: Path) -> list[str]:
    """Every shard that has a file now."""
    fixed = [name for name in (PROSPECTS, ACTIVITY) if (data_dir / f"{name}.json").exists()]
    return fixed + [name for f in MONTHLY for name in months_on_disk(data_dir, f)]


def schema_of(data: object) -> int | None:
    """The schema version a parsed ``workspace.json`` names, or None if it names none."""
    schema = data.get("schema") if isinstance(data, dict) else None
    return schema if isinstance(schema, int) and schema >= 1 else None


def months_on_disk(data_dir: Path, folder: str) -> list[str]:
    """The month shards of ``folder`` (calls, time, …) that have a file, oldest first."""
    path = data_dir / folder
    return sorted(f"{folder}/{file.stem}" for file in path.glob("*.json")) if path.is_dir() else []
