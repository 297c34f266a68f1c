"""Reasons for stopping early, each of kind fear or discipline."""

from __future__ import annotations

from prospect_tui.core.reasons import ADVICE, BY_ID, OTHER, REASONS, ReasonKind


def test_kinds_are_fear_and_discipline() -> None:
    assert {k.value for k in ReasonKind} == {"fear", "discipline"}


def test_every_reason_has_a_kind_and_both_kinds_are_offered() -> None:
    assert {r.kind for r in REASONS} == set(ReasonKind)
    assert all(isinstance(r.kind, ReasonKind) for r in REASONS)


def test_reason_ids_are_unique_and_indexed() -> None:
    assert len(BY_ID) == len(REASONS)
    assert all(BY_ID[r.id] is r for r in REASONS)


def test_other_is_free_text_not_a_listed_reason() -> None:
    assert OTHER not in BY_ID


def test_each_kind_has_advice() -> None:
    assert set(ADVICE) == set(ReasonKind)
    assert all(text.strip() for text in ADVICE.values())
