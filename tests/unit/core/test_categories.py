"""The three categories of prospecting time."""

from __future__ import annotations

from prospect_tui.core.categories import CATEGORIES, Category


def test_the_three_categories_in_order() -> None:
    assert [c.value for c in CATEGORIES] == ["research", "calling", "follow_up"]


def test_categories_read_as_their_ids_and_have_labels() -> None:
    assert Category("follow_up") is Category.FOLLOW_UP
    assert str(Category.CALLING) == "calling"
    assert [c.label for c in CATEGORIES] == ["Research", "Calling", "Follow-up"]
