"""Why a sprint was abandoned or a block skipped, and what kind of reason it is.

The seed article: behind avoidance is either fear (fixed by technique and
training) or a lack of discipline (fixed by structure). Each reason belongs
to one kind so the review can give the advice that fits.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ReasonKind(StrEnum):
    """The two roots of avoidance."""

    FEAR = "fear"
    DISCIPLINE = "discipline"


@dataclass(frozen=True, slots=True)
class Reason:
    """A reason the user can pick when they stop early."""

    id: str
    label: str
    kind: ReasonKind


REASONS: tuple[Reason, ...] = (
    Reason("rejection", "Afraid of being rejected", ReasonKind.FEAR),
    Reason("gatekeeper", "Can't get past the gatekeeper", ReasonKind.FEAR),
    Reason("dont_know_what_to_say", "Don't know what to say", ReasonKind.FEAR),
    Reason("distracted", "Got distracted", ReasonKind.DISCIPLINE),
    Reason("other_work", "Other work came up", ReasonKind.DISCIPLINE),
    Reason("list_not_ready", "My list isn't ready", ReasonKind.DISCIPLINE),
    Reason("tired", "Too tired", ReasonKind.DISCIPLINE),
)

OTHER = "other"
"""The reason id for a free-text reason; its kind is chosen by the user."""

NO_DIALS = Reason("no_dials", "Ended without a dial", ReasonKind.DISCIPLINE)
"""Recorded by the app, never offered in the dialog: a sprint that ended with no dial.

It is not completed, so it is abandoned, and honestly so. Its kind is
discipline: the usual cause is a list with nobody callable at that hour, and
the cure is structure (a list ready the day before, a block at the hours the
prospects can be reached); fear is for the user to name, not for us to guess.
"""

BY_ID: dict[str, Reason] = {reason.id: reason for reason in REASONS}

ADVICE: dict[ReasonKind, str] = {
    ReasonKind.FEAR: (
        "Fear is a skill gap, not a character flaw: rehearse the opener, "
        "script the gatekeeper and the first objection, or take a refresher course."
    ),
    ReasonKind.DISCIPLINE: (
        "Discipline comes from structure: put the calling block on the calendar, "
        "protect it like a vacation, and have the list ready the day before."
    ),
}
