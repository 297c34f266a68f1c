"""The schema version and the hook that upgrades an older workspace.

``workspace.json`` records the schema a workspace was written with. When
Prospect's :data:`SCHEMA` is newer, each shard's tables are passed through
the steps in :data:`MIGRATIONS` in order (``MIGRATIONS[1]`` takes version 1
to 2, and so on) before anything else reads them; the writer then folds the
upgraded shards to disk, leaving the old files in ``backups/``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

SCHEMA = 1
"""The schema this version of Prospect writes."""

Migration = Callable[[str, dict[str, dict[str, Any]]], None]
"""``step(shard_name, tables)``: upgrades one shard's tables in place."""

MIGRATIONS: dict[int, Migration] = {}
"""Step ``n`` upgrades schema ``n`` to ``n + 1``. None needed yet."""


def migrate(shard: str, tables: dict[str, dict[str, Any]], found: int) -> bool:
    """Bring ``tables`` from schema ``found`` to :data:`SCHEMA`; True if anything ran."""
    for version in range(found, SCHEMA):
        MIGRATIONS[version](shard, tables)
    return found < SCHEMA
