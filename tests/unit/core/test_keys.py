"""The key map: defaults from docs/contracts.md, remaps applied, bad remaps refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from prospect_tui.core.config import ConfigError, load_config
from prospect_tui.core.keys import (
    BREAK,
    HOME,
    SCOPES,
    SPRINT,
    TOGETHER,
    KeyMapError,
    check,
    keymap,
)
from prospect_tui.core.outcomes import OUTCOMES


def _keys(actions: tuple[object, ...]) -> dict[str, tuple[str, ...]]:
    return {a.id: a.keys for a in actions}  # type: ignore[attr-defined]


def test_home_defaults_are_product_md_s() -> None:
    keys = _keys(HOME)
    expected = {
        "sprint": "s",
        "research": "r",
        "follow_up": "f",
        "review": "v",
        "prospects": "p",
        "plan": "l",
        "import": "i",
        "quit": "q",
    }
    for action, key in expected.items():
        assert keys[action] == (key,)


def test_sprint_outcome_keys_come_from_the_outcome_table() -> None:
    keys = _keys(SPRINT)
    for o in OUTCOMES:
        assert keys[o.id] == (o.key, o.alt)


def test_other_sprint_keys_are_product_md_s() -> None:
    keys = _keys(SPRINT)
    expected = {
        "skip": "s",
        "edit": "e",
        "undo": "u",
        "pause": "p",
        "dial": "t",
        "abandon": "escape",
    }
    for action, key in expected.items():
        assert keys[action] == (key,)


def test_action_ids_are_unique_across_screens() -> None:
    ids = [a.id for actions in SCOPES.values() for a in actions]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("scope", sorted(SCOPES))
def test_defaults_do_not_clash(scope: str) -> None:
    assert keymap(scope, {}) == SCOPES[scope]


def test_a_remap_changes_only_its_action() -> None:
    actions = _keys(keymap("sprint", {"no_answer": ("z", "0")}))
    assert actions["no_answer"] == ("z", "0")
    assert actions["voicemail"] == ("2", "v")
    assert _keys(keymap("home", {"no_answer": ("z",)})) == _keys(HOME)


def test_swapping_two_keys_is_not_a_clash() -> None:
    actions = _keys(keymap("sprint", {"no_answer": ("2",), "voicemail": ("1",)}))
    assert actions["no_answer"] == ("2",)
    assert actions["voicemail"] == ("1",)


def test_the_same_key_on_different_screens_is_fine() -> None:
    check({"review": ("1",)})


def test_an_unknown_action_is_refused_and_named() -> None:
    with pytest.raises(KeyMapError, match="is not an action") as caught:
        keymap("sprint", {"hang_up": ("h",)})
    assert caught.value.action == "hang_up"


def test_a_clash_is_reported_on_the_remapped_action() -> None:
    with pytest.raises(KeyMapError, match=r"'v'.*voicemail") as caught:
        keymap("sprint", {"no_answer": ("1", "v")})
    assert caught.value.action == "no_answer"


def test_check_looks_at_every_screen() -> None:
    with pytest.raises(KeyMapError) as caught:
        check({"quit": ("s",)})  # "s" starts a sprint on the home screen
    assert caught.value.action == "quit"
    with pytest.raises(KeyMapError) as caught:
        check({"undo": ("s",)})  # "s" skips on the sprint screen
    assert caught.value.action == "undo"


def test_no_key_after_a_sprint_is_an_outcome_key() -> None:
    outcome_keys = {key for o in OUTCOMES for key in (o.key, o.alt)}
    assert all(not set(action.keys) & outcome_keys for action in BREAK)
    assert _keys(BREAK)["next_sprint"] == ("enter",)


def test_the_next_sprint_cannot_be_remapped_onto_an_outcome_key() -> None:
    with pytest.raises(KeyMapError, match=r"'n'.*no_answer") as caught:
        check({"next_sprint": ("n",)})
    assert caught.value.action == "next_sprint"


def test_an_outcome_cannot_be_remapped_onto_a_key_of_the_break() -> None:
    with pytest.raises(KeyMapError, match=r"'enter'.*next_sprint") as caught:
        check({"meeting": ("6", "enter")})
    assert caught.value.action == "meeting"
    with pytest.raises(KeyMapError, match="'h'"):
        check({"no_answer": ("1", "h")})


def test_freeing_a_key_first_makes_it_usable() -> None:
    check({"next_sprint": ("n",), "no_answer": ("1", "z")})


def test_a_config_mapping_the_next_sprint_onto_an_outcome_key_is_refused(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[sprint]\nminutes = 1\n[keys]\nnext_sprint = "n"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        load_config(config)
    message = str(refused.value)
    assert "line 4" in message and "next_sprint" in message and "no_answer" in message
    assert "\n" not in message


def test_a_prospects_key_cannot_take_a_key_of_the_list_on_the_same_screen() -> None:
    with pytest.raises(KeyMapError, match=r"'k'.*cursor_up") as caught:
        check({"sort": ("k",)})
    assert caught.value.action == "sort"


def test_every_dialog_and_the_prospects_screen_have_a_scope() -> None:
    expected = {"prospects", "prospect_table", "review", "abandon", "callback", "notes"}
    expected |= {"confirm", "error", "import", "nobody_to_call"}
    assert expected <= set(SCOPES)


def test_help_is_a_question_mark_on_every_screen_and_clashes_with_none_of_its_keys() -> None:
    assert _keys(keymap("help", {}))["help"][0] == "question_mark"
    screens = {"home", "sprint", "break", "prospects", "research", "follow_ups", "review", "plan"}
    assert screens <= {scope for scopes in TOGETHER if "help" in scopes for scope in scopes}
    with pytest.raises(KeyMapError, match=r"uses 's'") as caught:
        check({"help": ("s",)})
    assert caught.value.action == "help"


def test_a_letter_on_the_prospects_screen_means_what_it_means_in_a_sprint() -> None:
    """An outcome's letter does the same to a prospect there, or nothing (``x`` was do-not-call)."""
    outcome_of = {key: o.id for o in OUTCOMES for key in (o.key, o.alt)}
    for scope in ("prospects", "prospect_table", "research"):
        for action in keymap(scope, {}):
            for key in action.keys:
                if key in outcome_of:
                    assert (action.id, outcome_of[key]) == ("mark_do_not_call", "do_not_call")
    assert _keys(keymap("prospects", {}))["mark_do_not_call"] == ("d",)
