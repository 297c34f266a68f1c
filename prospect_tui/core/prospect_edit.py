"""Checking a prospect edited by hand: the rules a field must meet before it is saved.

The prospects screen's form hands the typed text here; the same rules would
serve any other way of editing a prospect.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from prospect_tui.core.model import Prospect, Status
from prospect_tui.core.phones import normalise
from prospect_tui.core.zones import zone as known_zone


class EditProblem(ValueError):
    """A field that cannot be saved as typed; the message names it."""


def edited(prospect: Prospect, values: dict[str, str], notes: str, now: datetime) -> Prospect:
    """``prospect`` with the values the user typed, checked; raises :class:`EditProblem`.

    ``values`` holds the text of each editable field by name (``first_name``,
    ``phone``, ``country``, ``timezone``, ``tags``…). The country must be a
    two-letter code; the phone is read in that country and stored as E.164;
    the time zone must be an IANA name; tags are split on commas. A new number
    for a prospect marked wrong number puts them back in the queue.
    """
    country = values["country"].strip().upper() or None
    if country is not None and (len(country) != 2 or not country.isalpha()):
        raise EditProblem(f"Country must be a two-letter code like US or FR, not {country!r}.")
    phone: str | None = None
    if values["phone"].strip():
        parsed = normalise(values["phone"], country)
        if parsed.e164 is None:
            raise EditProblem(f"Phone: {parsed.problem}.")
        phone = parsed.e164
    zone = values["timezone"].strip() or None
    if zone is not None and known_zone(zone) is None:
        raise EditProblem(f"Time zone must be an IANA name like Europe/Paris, not {zone!r}.")
    tags = sorted({t.strip() for t in values["tags"].split(",") if t.strip()})
    status = prospect.status
    if status is Status.WRONG_NUMBER and phone is not None and phone != prospect.phone:
        # "Wrong number" was said of the old number; the new one has not been tried.
        status = Status.ATTEMPTED if prospect.attempts else Status.NEW
    return replace(
        prospect,
        first_name=values["first_name"].strip(),
        last_name=values["last_name"].strip(),
        title=values["title"].strip(),
        company=values["company"].strip(),
        phone=phone,
        email=values["email"].strip(),
        country=country,
        timezone=zone,
        list=values["list"].strip(),
        tags=tags,
        notes=notes.strip(),
        status=status,
        extra=dict(prospect.extra),
        updated_at=now,
    )
