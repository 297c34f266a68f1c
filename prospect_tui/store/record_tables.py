"""What every family of records shares: the workspace, its journal and whole-document writes.

Each family (prospects, calls, sprints, time, follow-ups, nudges) is a class
over :class:`RecordTables`; :class:`~prospect_tui.store.repository.Repository`
is all of them at once.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any, TypeVar

from tinydb.table import Table

from prospect_tui.core.record import Record
from prospect_tui.store.storage import JournaledTable
from prospect_tui.store.workspace import Workspace

R = TypeVar("R", bound=Record)


def replace_document(table: Table, doc_id: int, doc: dict[str, Any]) -> None:
    """Store ``doc`` as the whole document ``doc_id`` (inserting it if new).

    TinyDB's upsert merges fields, and a stored document leaves out fields at
    their default: a pause that ended must not keep its old ``paused_at``.
    """
    assert isinstance(table, JournaledTable), "every table of a workspace is journaled"
    table.put(doc_id, doc)


class RecordTables:
    """Records of one family in a :class:`Workspace`; the families build on it."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    @property
    def last_seq(self) -> int:
        """The journal line of the last write; durable once the syncer reports it."""
        return self.workspace.last_seq

    def atomic(self) -> AbstractContextManager[None]:
        """Group every write inside into one journal line: all of it lands, or none."""
        return self.workspace.atomic()

    def _save(self, table: Table, record: R) -> R:
        """Insert a record with id 0, replace the document of any other."""
        doc = record.to_stored()
        if record.id:
            replace_document(table, record.id, doc)
        else:
            record.id = table.insert(doc)
        return record
