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

SCHEMA = 3
"""The schema this version of Prospect writes."""

Migration = Callable[[str, dict[str, dict[str, Any]]], None]
"""``step(shard_name, tables)``: upgrades one shard's tables in place."""


def _fields_for_plan_and_follow_up(shard: str, tables: dict[str, dict[str, Any]]) -> None:
    """Schema 2 adds fields an older record reads as their defaults: a call's
    ``gatekeeper``, a follow-up's ``note``, a sprint's ``assignment`` and
    ``seen_at``, and the ``nudges`` table. Nothing to rewrite: the step exists
    so that the version number moves, and a Prospect that knows only schema 1
    says the workspace is newer than it instead of reading these as damage."""


def _objections_on_calls(shard: str, tables: dict[str, dict[str, Any]]) -> None:
    """Schema 3 adds a call's ``objections`` (a list of names, empty when left out).
    Nothing to rewrite; the version moves so that a Prospect that knows only
    schema 2 refuses the workspace in one sentence instead of reading a call
    that carries objections as damage of its month's file."""


MIGRATIONS: dict[int, Migration] = {
    1: _fields_for_plan_and_follow_up,
    2: _objections_on_calls,
}
"""Step ``n`` upgrades schema ``n`` to ``n + 1``."""


def migrate(shard: str, tables: dict[str, dict[str, Any]], found: int) -> bool:
    """Bring ``tables`` from schema ``found`` to :data:`SCHEMA`; True if anything ran."""
    for version in range(found, SCHEMA):
        MIGRATIONS[version](shard, tables)
    return found < SCHEMA
