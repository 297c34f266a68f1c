"""The outcome table is docs/contracts.md's, key for key (a contract users' fingers rely on)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from prospect_tui.core.outcomes import (
    ASKS_WHEN,
    BY_ID,
    CONNECTED,
    MEETING,
    NURTURE_AFTER,
    OUTCOME_IDS,
    OUTCOMES,
    Effect,
    outcome,
)

# docs/contracts.md, "Outcomes": key, alt, outcome id, connected.
DOCUMENTED_TABLE = [
    ("1", "n", "no_answer", False),
    ("2", "v", "voicemail", False),
    ("3", "g", "gatekeeper", False),
    ("4", "x", "not_interested", True),
    ("5", "b", "callback", True),
    ("6", "m", "meeting", True),
    ("7", "w", "wrong_number", False),
    ("8", "d", "do_not_call", True),
]


def test_the_table_matches_product_md_exactly() -> None:
    assert [(o.key, o.alt, o.id, o.connected) for o in OUTCOMES] == DOCUMENTED_TABLE


def test_keys_property_is_default_then_alternative() -> None:
    assert [o.keys for o in OUTCOMES] == [(key, alt) for key, alt, _, _ in DOCUMENTED_TABLE]


def test_every_key_is_used_once() -> None:
    keys = [k for o in OUTCOMES for k in o.keys]
    assert len(keys) == len(set(keys)) == 16


def test_connected_is_the_connected_rows() -> None:
    assert {"not_interested", "callback", "meeting", "do_not_call"} == CONNECTED
    assert MEETING == "meeting"
    assert MEETING in CONNECTED


def test_ids_and_lookup_tables_agree() -> None:
    assert tuple(row[2] for row in DOCUMENTED_TABLE) == OUTCOME_IDS
    assert set(BY_ID) == set(OUTCOME_IDS)
    for o in OUTCOMES:
        assert outcome(o.id) is o


def test_an_unknown_outcome_is_named() -> None:
    with pytest.raises(KeyError, match="hung_up"):
        outcome("hung_up")


@pytest.mark.parametrize(
    ("outcome_id", "effect"),
    [
        ("no_answer", Effect.RETRY),
        ("voicemail", Effect.RETRY),
        ("gatekeeper", Effect.RETRY),
        ("not_interested", Effect.NURTURE),
        ("callback", Effect.FOLLOW_UP),
        ("meeting", Effect.FOLLOW_UP),
        ("wrong_number", Effect.BAD_DATA),
        ("do_not_call", Effect.NEVER),
    ],
)
def test_effects_follow_the_product_table(outcome_id: str, effect: Effect) -> None:
    assert outcome(outcome_id).effect is effect


def test_only_retries_have_a_retry_delay() -> None:
    for o in OUTCOMES:
        if o.effect is Effect.RETRY:
            assert o.retry_after is not None
            assert o.retry_after > timedelta(0)
        else:
            assert o.retry_after is None


def test_nurture_lasts_90_days_by_default() -> None:
    assert timedelta(days=90) == NURTURE_AFTER


def test_every_outcome_has_a_label() -> None:
    assert all(o.label.strip() for o in OUTCOMES)


def test_the_table_says_what_code_branches_on() -> None:
    """Only a callback asks when; only a meeting counts as one; both make a follow-up."""
    assert ASKS_WHEN == {o.id for o in OUTCOMES if o.asks_when} == {"callback"}
    assert [o.id for o in OUTCOMES if o.is_meeting] == [MEETING] == ["meeting"]
    assert {o.id for o in OUTCOMES if o.makes_followup} == {"callback", "meeting"}
