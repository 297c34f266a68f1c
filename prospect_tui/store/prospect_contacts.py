"""Each stored prospect's phone and e-mail, without holding every prospect at once.

An import matches its rows against the prospects already stored by phone and
e-mail only. Every stored prospect is still decoded, one at a time, so a
damaged record refuses the import before anything is written, as any writer
does; but only its id, phone and e-mail are kept: 20,000 prospects held whole
through the plan were 30 MB of an import's peak. The prospects a row matches
are decoded again, whole, with :meth:`ProspectRecords.prospect`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from prospect_tui.core.model import Prospect
from prospect_tui.store.decoding import decode, decoding
from prospect_tui.store.layout import PROSPECTS

if TYPE_CHECKING:
    from prospect_tui.store.prospect_records import ProspectRecords


@dataclass(frozen=True, slots=True)
class Contact:
    """How an import recognises a stored prospect."""

    id: int
    phone: str | None
    email: str


def stored_contacts(records: ProspectRecords) -> list[Contact]:
    """Every stored prospect's id, phone and e-mail, in id order.

    Raises :class:`~.errors.StoreDamaged` for a prospect that is not a valid
    record, as reading every prospect does.
    """
    workspace = records.workspace
    rows = workspace.rows(PROSPECTS, Prospect.TABLE)
    found = []
    with decoding(workspace, PROSPECTS):
        for key in rows:
            prospect = decode(Prospect, int(key), rows[key])
            found.append(Contact(prospect.id, prospect.phone, prospect.email))
    return found
