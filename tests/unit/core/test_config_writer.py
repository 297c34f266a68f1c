"""Changing config.toml as text: the user's comments, order and other keys stay."""

from __future__ import annotations

from datetime import date, time

import pytest

from prospect_tui.core.categories import Category
from prospect_tui.core.config import Block, ConfigError, parse_config
from prospect_tui.core.config.schema import DateSpan
from prospect_tui.core.config.writer import (
    PLAN_FIELDS,
    add_missing,
    block_text,
    block_values,
    edit_plan,
    raw_blocks,
)
from prospect_tui.sample.data import sample_config_toml

USERS = """\
# My Prospect settings — hand written.
[goal]
sprints = 2     # two is plenty
dials = 30

[keys]
skip = "k"      # k for skip

[[blocks]]      # mornings
category = "calling"
days = ["mon", "tue", "wed", "thu", "fri"]
start = "9:00"  # written my way

[[blocks]]
category = "research"
start = "08:00"

[[variants]]
name = "mine"
opener = "Hi {first_name}"
"""

FIELD = {f.id: f for f in PLAN_FIELDS}


def test_a_changed_setting_keeps_its_comment_and_everything_else_stays() -> None:
    text = edit_plan(USERS, {("goal", "sprints"): 3})
    assert text == USERS.replace("sprints = 2     # two", "sprints = 3     # two")


def test_a_new_section_goes_at_the_end_and_reads_back() -> None:
    text = edit_plan(USERS, {("days_off", "dates"): ["2026-12-24", "2026-12-28..2027-01-01"]})
    assert text.startswith(USERS)
    config = parse_config(text)
    assert config.days_off.dates == (
        DateSpan(date(2026, 12, 24), date(2026, 12, 24)),
        DateSpan(date(2026, 12, 28), date(2027, 1, 1)),
    )
    assert config.keys == {"skip": ("k",)}


def test_kept_blocks_keep_their_tables_removed_go_and_new_ones_follow() -> None:
    networking = block_values(
        {"category": "activity", "name": "Networking", "days": "wed", "start": "07:30",
         "minutes": "90"}
    )  # fmt: skip
    text = edit_plan(USERS, {}, [(0, None), (None, networking)])
    assert 'start = "9:00"  # written my way' in text
    assert 'category = "research"' not in text
    assert text.index("Networking") < text.index("[[variants]]")
    config = parse_config(text)
    assert config.blocks == (
        Block(Category.CALLING, ("mon", "tue", "wed", "thu", "fri"), time(9), 60),
    )
    assert [a.name for a in config.activities] == ["Networking"]
    assert [v.name for v in config.variants] == ["mine"]


def test_an_edited_block_changes_only_what_changed() -> None:
    values = block_values(block_text(raw_blocks(USERS)[0]) | {"minutes": "45"})
    text = edit_plan(USERS, {}, [(0, values), (1, None)])
    assert "[[blocks]]      # mornings" in text
    assert "minutes = 45" in text
    assert parse_config(text).blocks[0].minutes == 45


def test_blocks_in_an_empty_file() -> None:
    calling = block_values({"category": "calling", "days": "mon, wed", "start": "10:00",
                            "minutes": "30"})  # fmt: skip
    config = parse_config(edit_plan("", {("goal", "dials"): 0}, [(None, calling)] * 2))
    assert config.goal.dials == 0
    assert [b.days for b in config.blocks] == [("mon", "wed"), ("mon", "wed")]


@pytest.mark.parametrize(
    ("field", "typed", "problem"),
    [
        ("goal-sprints", "abc", "must be a whole number from 1 to 40, not 'abc'"),
        ("goal-sprints", "0", "must be a whole number from 1 to 40, not 0"),
        ("days-working", "mon funday", "has 'funday', which is not a weekday (mon … sun)"),
        ("days-start-hour", "13", "must be a whole number from 0 to 12, not 13"),
        ("days-off-dates", "2026-12-24..2026-12-01", "which ends before it begins"),
        ("sprint-minutes", "$(rm -rf ~)", "must be a whole number from 1 to 180"),
        ("calling-window", "[b]9[/b]", "must look like \"08:00-21:00\", not '[b]9[/b]'"),
    ],
)
def test_a_wrong_value_is_named_by_the_reader_with_its_field(
    field: str, typed: str, problem: str
) -> None:
    setting = FIELD[field]
    text = edit_plan(USERS, {(setting.section, setting.key): setting.to_toml(typed)})
    with pytest.raises(ConfigError) as raised:
        parse_config(text)
    assert (raised.value.section, raised.value.key) == (setting.section, setting.key)
    assert problem in raised.value.problem


def test_fields_show_the_config_as_typed_back() -> None:
    config = parse_config(
        '[days]\nworking = ["mon", "wed"]\n[days_off]\ndates = ["2026-12-24..2026-12-26"]\n'
    )
    shown = {f.id: f.shown(config) for f in PLAN_FIELDS}
    assert shown["days-working"] == "mon wed"
    assert shown["days-off-dates"] == "2026-12-24..2026-12-26"
    assert shown["calling-window"] == "08:00-21:00"
    again = edit_plan("", {(f.section, f.key): f.to_toml(shown[f.id]) for f in PLAN_FIELDS})
    assert parse_config(again) == config


def test_the_sample_is_added_without_touching_the_users_values() -> None:
    merged = add_missing(USERS, sample_config_toml())
    assert merged.startswith(USERS.split("[keys]")[0])
    config = parse_config(merged)
    assert config.goal.sprints == 2 and config.keys == {"skip": ("k",)}
    assert [v.name for v in config.variants] == ["mine"]  # theirs, not mixed with the sample's
    assert len(config.blocks) == 2 and config.activities == ()
    assert "# two is plenty" in merged and 'start = "9:00"  # written my way' in merged


def test_the_sample_fills_an_empty_config_with_a_plan_and_openers() -> None:
    config = parse_config(add_missing("", sample_config_toml()))
    assert {b.category for b in config.blocks} == set(Category)
    assert [a.name for a in config.activities] == ["Chamber of commerce networking breakfast"]
    assert len(config.variants) == 3
