"""Where tracked time goes: the three categories of prospecting time."""

from __future__ import annotations

from enum import StrEnum


class Category(StrEnum):
    """A kind of prospecting time, tracked and planned separately."""

    RESEARCH = "research"
    """Deciding who to call."""
    CALLING = "calling"
    """Dialing: not thinking about it, not updating the CRM."""
    FOLLOW_UP = "follow_up"
    """Qualifying the ones who showed interest."""

    @property
    def label(self) -> str:
        """How the category reads on screen."""
        return {"research": "Research", "calling": "Calling", "follow_up": "Follow-up"}[self.value]


CATEGORIES: tuple[Category, ...] = tuple(Category)
