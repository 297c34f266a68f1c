"""Stored documents back into records: a document that is not a valid record is damage.

Each record is checked as it is decoded (:meth:`Record.from_doc`), with no
pass of its own; :func:`decoding` turns what it finds into damage of the file
that holds the document, named for the user.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TypeVar

from tinydb.table import Table

from prospect_tui.core.record import InvalidRecord, Record
from prospect_tui.store.doc_lines import ABSENT, field_values
from prospect_tui.store.workspace import Workspace

R = TypeVar("R", bound=Record)


@contextmanager
def decoding(workspace: Workspace, shard: str) -> Iterator[None]:
    """Records of ``shard`` are decoded inside: one that is not valid is damage of its file.

    Each record is checked as it is decoded (no pass of its own); the journal's
    changes were checked when it was read, so a bad record came from the file.
    """
    try:
        yield
    except InvalidRecord as error:
        raise workspace.bad_record(shard, error) from None


def stored_values(
    kind: type[Record], rows: Mapping[str, Mapping[str, Any]], field: str
) -> Iterator[tuple[str, Any]]:
    """Each row's id and its ``field`` as :meth:`Record.stored` reads it (its default when
    left out), without parsing the rows held as text (:func:`.doc_lines.field_values`)."""
    default = kind.stored({}, field)
    for key, value in field_values(rows, field):
        yield key, default if value is ABSENT else value


def check_rows(kind: type[Record], rows: Mapping[str, Mapping[str, Any]]) -> None:
    """Raise :class:`InvalidRecord` for the first row that is not valid (after a scan failed)."""
    for key, doc in rows.items():
        kind.check(key, doc)


def decode(kind: type[R], doc_id: int, doc: Mapping[str, Any]) -> R:
    # from_doc copies lists and dicts: a record changed in place must not change the
    # store's memory behind the journal's back (it would show, then vanish at the next start).
    return kind.from_doc(doc_id, doc)


def decode_rows(kind: type[R], rows: Mapping[str, Mapping[str, Any]]) -> list[R]:
    """Every record of ``rows``, in stored order."""
    return [decode(kind, int(k), d) for k, d in rows.items()]


def decode_all(kind: type[R], table: Table) -> list[R]:
    return [decode(kind, doc.doc_id, doc) for doc in table]
