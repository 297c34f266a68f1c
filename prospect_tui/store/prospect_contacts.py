"""Each stored prospect's phone and e-mail, read without decoding every prospect.

An import matches its rows against the prospects already stored by phone and
e-mail only; decoding all 20,000 of them into records to read two fields took
a second and tens of megabytes. The fields are read from the stored documents
(from their text where that is unambiguous), and only the prospects a row
matches are decoded, one at a time, with :meth:`ProspectRecords.prospect`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from prospect_tui.core.model import Prospect
from prospect_tui.store.decoding import check_rows, decoding, stored_values
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

    A document whose phone or e-mail is not text is damage of the prospects
    file, raised as decoding it would.
    """
    workspace = records.workspace
    rows = workspace.rows(PROSPECTS, Prospect.TABLE)
    with decoding(workspace, PROSPECTS):
        phones = stored_values(Prospect, rows, "phone")
        emails = stored_values(Prospect, rows, "email")
        found = [
            Contact(int(key), phone, email)
            for (key, phone), (_key, email) in zip(phones, emails, strict=True)
        ]
        if not all(
            (c.phone is None or type(c.phone) is str) and type(c.email) is str for c in found
        ):
            check_rows(Prospect, rows)  # names the prospect that does not read
        return found
