"""config.toml: the README's defaults, and every bad value named with its key and line."""

from __future__ import annotations

import re
from dataclasses import fields
from datetime import time
from pathlib import Path

import pytest

from prospect_tui.core.categories import Category
from prospect_tui.core.config import (
    Block,
    CallingSettings,
    Config,
    ConfigError,
    DaySettings,
    ExperimentSettings,
    GoalSettings,
    NotifySettings,
    Objection,
    SprintSettings,
    TimeWindow,
    Variant,
    load_config,
    parse_config,
)
from prospect_tui.core.config.schema import help_text, limits
from prospect_tui.core.errors import ProspectError
from prospect_tui.sample.data import OBJECTIONS, VARIANTS, sample_config_toml

HEAD = "# Prospect settings\n\n"
"""Two lines before every case, so a line number is not right by accident."""


def _error(text: str) -> str:
    with pytest.raises(ConfigError) as caught:
        parse_config(text)
    message = str(caught.value)
    assert "\n" not in message
    return message


# -- defaults -------------------------------------------------------------------


def test_defaults_are_product_md_s() -> None:
    config = Config()
    assert str(config.calling.window) == "08:00-21:00"
    assert config.sprint.minutes == 25
    assert config.sprint.break_minutes == 5
    assert config.sprint.long_break_minutes == 15
    assert config.sprint.long_break_every == 4
    assert config.goal.sprints == 2
    assert config.goal.dials == 30
    assert config.days.working == ("mon", "tue", "wed", "thu", "fri")
    assert config.days.start_hour == 0
    assert config.notify.desktop is True
    assert config.blocks == ()
    assert config.variants == ()
    assert dict(config.keys) == {}


@pytest.mark.parametrize("text", ["", "# nothing set\n", "[sprint]\n[goal]\n[days]\n"])
def test_an_empty_file_is_the_defaults(text: str) -> None:
    assert parse_config(text) == Config()


DOCUMENTED_EXAMPLE = """\
[calling]
window = "08:00-21:00"     # the prospect's local time in which they may be called
[sprint]
minutes = 25
break_minutes = 5
long_break_minutes = 15
[goal]
sprints = 2
dials = 30
[days]
working = ["mon", "tue", "wed", "thu", "fri"]
start_hour = 0
[notify]
desktop = true

[[blocks]]                 # planned time; one table per block
category = "calling"       # research | calling | follow_up
days = ["mon", "tue", "wed", "thu", "fri"]
start = "09:00"
minutes = 60

[[variants]]               # experiment arms, shared out fairly across calls
name = "how-have-you-been+demo"
opener = "Hi {first_name}, how have you been?"
offer = "a 15-minute demo next week"
"""


def test_the_documented_example_reads_as_written() -> None:
    config = parse_config(DOCUMENTED_EXAMPLE)
    assert config.blocks == (
        Block(Category.CALLING, ("mon", "tue", "wed", "thu", "fri"), time(9), 60),
    )
    assert config.variants == (
        Variant(
            "how-have-you-been+demo",
            "Hi {first_name}, how have you been?",
            "a 15-minute demo next week",
        ),
    )
    assert config.sprint == Config().sprint
    assert config.goal == Config().goal


def test_every_setting_can_be_changed() -> None:
    config = parse_config(
        HEAD
        + '[calling]\nwindow = "21:00-02:00"\n'
        + "[sprint]\nminutes = 50\nbreak_minutes = 10\nlong_break_minutes = 30\n"
        + "long_break_every = 3\nmax_pause_minutes = 0\nauto_next = true\n"
        + "[goal]\nsprints = 4\ndials = 0\n"
        + '[days]\nworking = ["Sunday", "mon", "TUE", "mon"]\nstart_hour = 4\n'
        + 'timezone = "America/New_York"\n'
        + "[notify]\ndesktop = false\n"
        + '[keys]\nno_answer = ["z", "1"]\nquit = "Q"\n'
    )
    assert config.calling.window == TimeWindow(time(21), time(2))
    assert (config.sprint.minutes, config.sprint.break_minutes) == (50, 10)
    assert (config.sprint.long_break_minutes, config.sprint.long_break_every) == (30, 3)
    assert (config.sprint.max_pause_minutes, config.sprint.auto_next) == (0, True)
    assert (config.goal.sprints, config.goal.dials) == (4, 0)
    assert config.days.working == ("mon", "tue", "sun")
    assert (config.days.start_hour, config.days.timezone) == (4, "America/New_York")
    assert config.notify.desktop is False
    assert dict(config.keys) == {"no_answer": ("z", "1"), "quit": ("Q",)}


def test_a_block_takes_defaults_for_days_and_minutes() -> None:
    config = parse_config('[[blocks]]\ncategory = "research"\nstart = 08:30:00\n')
    assert config.blocks == (
        Block(Category.RESEARCH, ("mon", "tue", "wed", "thu", "fri"), time(8, 30), 60),
    )


def test_the_sample_config_reads_back_with_the_sample_variants() -> None:
    config = parse_config(sample_config_toml())
    assert config.variants == VARIANTS
    assert config.objections == OBJECTIONS
    assert all(o.answer.endswith("?") for o in OBJECTIONS)  # each answer hands the call back
    assert {b.category for b in config.blocks} == set(Category)


# -- bad values: each names its key and line ---------------------------------------

BAD_VALUES = [
    # (text after HEAD, subject the message names, line)
    ('[calling]\nwindow = "8-21"\n', "[calling] window", 4),
    ('[calling]\nwindow = "08:00-08:00"\n', "[calling] window", 4),
    ("[calling]\nwindow = 5\n", "[calling] window", 4),
    ('[calling]\nwindow = "08:00-24:00"\n', "[calling] window", 4),
    ('[sprint]\nminutes = "abc"\n', "[sprint] minutes", 4),
    ("[sprint]\nbreak_minutes = 5\nminutes = 0\n", "[sprint] minutes", 5),
    ("[sprint]\nminutes = 181\n", "[sprint] minutes", 4),
    ("[sprint]\nminutes = true\n", "[sprint] minutes", 4),
    ("[sprint]\nminutes = 2.5\n", "[sprint] minutes", 4),
    ("[sprint]\nbreak_minutes = -1\n", "[sprint] break_minutes", 4),
    ("[sprint]\nlong_break_minutes = 200\n", "[sprint] long_break_minutes", 4),
    ("[sprint]\nlong_break_every = 0\n", "[sprint] long_break_every", 4),
    ("[sprint]\nmax_pause_minutes = 61\n", "[sprint] max_pause_minutes", 4),
    ('[sprint]\nauto_next = "yes"\n', "[sprint] auto_next", 4),
    ("[goal]\nsprints = 0\n", "[goal] sprints", 4),
    ("[goal]\ndials = -1\n", "[goal] dials", 4),
    ('[goal]\ndials = "thirty"\n', "[goal] dials", 4),
    ('[days]\nworking = "mon"\n', "[days] working", 4),
    ("[days]\nworking = []\n", "[days] working", 4),
    ('[days]\nworking = ["mon", "funday"]\n', "[days] working", 4),
    ("[days]\nstart_hour = 13\n", "[days] start_hour", 4),
    ('[days]\ntimezone = "Mars/Olympus"\n', "[days] timezone", 4),
    ('[days]\ntimezone = "America"\n', "[days] timezone", 4),  # a folder of zones
    ("[days]\ntimezone = 1\n", "[days] timezone", 4),
    ('[notify]\ndesktop = "yes"\n', "[notify] desktop", 4),
    ("[notify]\ndrift_minutes = 0\n", "[notify] drift_minutes", 4),
    ('[notify]\nevening = "25:00"\n', "[notify] evening", 4),
    ('[[blocks]]\ncategory = "sleep"\nstart = "09:00"\n', "[[blocks]] #1 category", 4),
    ('[[blocks]]\nstart = "09:00"\n', "[[blocks]] #1 category", 3),
    ('[[blocks]]\ncategory = "calling"\nstart = "9am"\n', "[[blocks]] #1 start", 5),
    ('[[blocks]]\ncategory = "calling"\n', "[[blocks]] #1", 3),
    (
        '[[blocks]]\ncategory = "calling"\nstart = "09:00"\nminutes = 1\n',
        "[[blocks]] #1 minutes",
        6,
    ),
    (
        '[[blocks]]\ncategory = "calling"\nstart = "09:00"\ndays = ["xyz"]\n',
        "[[blocks]] #1 days",
        6,
    ),
    (
        '[[blocks]]\ncategory = "calling"\nstart = "09:00"\n\n'
        '[[blocks]]\ncategory = "research"\nstart = "25:00"\n',
        "[[blocks]] #2 start",
        9,
    ),
    (
        '[[blocks]]\ncategory = "calling"\nstart = "09:00"\ncolour = "red"\n',
        "[[blocks]] #1 colour",
        6,
    ),
    ('[blocks]\ncategory = "calling"\n', "[blocks]", 3),
    ('[[variants]]\nname = "a"\n\n[[variants]]\nname = "a"\n', "[[variants]] #2 name", 7),
    ('[[variants]]\nname = "a"\n\n[[variants]]\nname = " a "\n', "[[variants]] #2 name", 7),
    ('[[variants]]\nopener = "Hi"\n', "[[variants]] #1", 3),
    ('[[variants]]\nname = ""\n', "[[variants]] #1 name", 4),
    ('[[variants]]\nname = "a"\nopener = 3\n', "[[variants]] #1 opener", 5),
    ('[[variants]]\nname = "a"\nscript = "x"\n', "[[variants]] #1 script", 5),
    ('[[objections]]\nanswer = "Fair enough?"\n', "[[objections]] #1", 3),
    ('[[objections]]\nname = "no budget"\n', "[[objections]] #1", 3),
    ('[[objections]]\nname = "no budget"\nanswer = "  "\n', "[[objections]] #1 answer", 5),
    ('[[objections]]\nname = "no budget"\nanswer = 3\n', "[[objections]] #1 answer", 5),
    ('[[objections]]\nname = "x"\nanswer = "y"\nreply = "z"\n', "[[objections]] #1 reply", 6),
    (
        '[[objections]]\nname = "x"\nanswer = "y"\n\n[[objections]]\nname = " x"\nanswer = "z"\n',
        "[[objections]] #2 name",
        8,
    ),
    ('[objections]\nname = "x"\n', "[objections]", 3),
    ("[keys]\nno_answer = 1\n", "[keys] no_answer", 4),
    ('[keys]\nno_answer = "ctrl x"\n', "[keys] no_answer", 4),
    ('[keys]\nvoicemail = "2"\nhang_up = "h"\n', "[keys] hang_up", 5),
    ('[keys]\nno_answer = ["1", "v"]\n', "[keys] no_answer", 4),
    ("[sprint]\nminuts = 20\n", "[sprint] minuts", 4),
    ('[[blocks]]\ncategory = []\nstart = "09:00"\n', "[[blocks]] #1 category", 4),
    ('[[blocks]]\ncategory = {a = 1}\nstart = "09:00"\n', "[[blocks]] #1 category", 4),
    ('sprint.minutes = "x"\n', "[sprint] minutes", 3),
]


@pytest.mark.parametrize(("text", "subject", "line"), BAD_VALUES)
def test_a_bad_value_names_its_key_and_line(text: str, subject: str, line: int) -> None:
    message = _error(HEAD + text)
    assert message.startswith(f"config.toml line {line}: {subject} ")
    assert message.endswith(".")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ('[sprint]\nminutes = "abc"\n', "'abc'"),
        ("[days]\nstart_hour = 13\n", "13"),
        ('[[blocks]]\ncategory = "sleep"\nstart = "09:00"\n', "'sleep'"),
    ],
)
def test_the_message_shows_the_bad_value(text: str, shown: str) -> None:
    assert shown in _error(text)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ('[sprint]\n"a\\nb" = 1\n', '[sprint] "a\\nb" is not a setting'),
        ('[sprint]\n"\\u001b]0;pwn\\u0007" = 1\n', '[sprint] "\\u001b]0;pwn\\u0007" is not'),
        ('"\\u202egnp" = 1\n', '"\\u202egnp" is not a setting'),
        ('["\\u001b[2J"]\nx = 1\n', '["\\u001b[2J"] is not a section'),
    ],
)
def test_a_name_with_control_characters_is_shown_escaped(text: str, shown: str) -> None:
    """A key is the user's text too: written escaped, as TOML would quote it, so a line
    break cannot split the sentence and an escape cannot reach the terminal."""
    message = _error(text)
    assert shown in message
    assert message.isprintable()


def test_the_range_is_given_for_numbers() -> None:
    assert "from 1 to 180" in _error("[sprint]\nminutes = 0\n")


def test_a_duplicate_variant_names_the_name() -> None:
    message = _error('[[variants]]\nname = "x+demo"\n[[variants]]\nname = "x+demo"\n')
    assert "'x+demo' is used twice" in message


def test_objections_read_in_file_order_trimmed() -> None:
    config = parse_config(
        '[[objections]]\nname = " send me an email "\nanswer = """\nHappy to — what should it '
        'cover?\n"""\n\n[[objections]]\nname = "[b]no budget[/b]"\nanswer = "When is it set?"\n'
    )
    assert config.objections == (
        Objection("send me an email", "Happy to — what should it cover?"),
        Objection("[b]no budget[/b]", "When is it set?"),
    )
    assert parse_config("").objections == ()


def test_ten_objections_are_one_too_many_for_the_digits() -> None:
    nine = "".join(f'[[objections]]\nname = "o{n}"\nanswer = "a"\n' for n in range(1, 10))
    assert len(parse_config(nine).objections) == 9
    message = _error(nine + '[[objections]]\nname = "o10"\nanswer = "a"\n')
    assert message.startswith("config.toml line 28: [[objections]] #10 is one too many")
    assert "9 at most" in message


def test_a_duplicate_objection_names_the_name() -> None:
    message = _error(
        '[[objections]]\nname = "no budget"\nanswer = "a"\n'
        '[[objections]]\nname = "no budget"\nanswer = "b"\n'
    )
    assert "'no budget' is used twice" in message


def test_a_key_clash_names_both_actions() -> None:
    message = _error('[keys]\nno_answer = ["1", "v"]\n')
    assert "'v'" in message
    assert "voicemail" in message


def test_an_unknown_action_lists_the_known_ones() -> None:
    message = _error('[keys]\nhang_up = "h"\n')
    assert "is not an action" in message
    assert "no_answer" in message


def test_the_filename_given_is_used() -> None:
    with pytest.raises(ConfigError, match=r"^settings\.toml line 2: \[goal\] sprints "):
        parse_config("[goal]\nsprints = 0\n", "settings.toml")


# -- the file as a whole ----------------------------------------------------------------


def test_a_toml_syntax_error_names_the_line() -> None:
    message = _error(HEAD + "[sprint]\nminutes = \n")
    assert message.startswith("config.toml is not valid TOML")
    assert re.search(r"line 4\b", message)


def test_an_unknown_section_is_named_with_its_line() -> None:
    message = _error(HEAD + "[goal]\ndials = 10\n\n[colours]\nbackground = 'red'\n")
    assert message.startswith("config.toml line 6: [colours] is not a section")
    assert "calling" in message


def test_a_setting_outside_any_section_is_named_with_its_line() -> None:
    message = _error(HEAD + 'theme = "dark"\n[goal]\ndials = 10\n')
    assert message.startswith("config.toml line 3: theme is not a setting")


def test_an_unknown_key_lists_the_known_ones() -> None:
    message = _error("[goal]\ncalls = 10\n")
    assert message.startswith("config.toml line 2: [goal] calls is not a setting")
    assert "dials" in message
    assert "sprints" in message


def test_a_section_that_is_not_a_table() -> None:
    message = _error(HEAD + "sprint = 25\n")
    assert message.startswith("config.toml line 3: [sprint] must be a table")


def test_config_errors_are_prospect_errors() -> None:
    assert issubclass(ConfigError, ProspectError)


# -- reading the file -------------------------------------------------------------------


def test_a_missing_file_is_the_defaults(tmp_path: Path) -> None:
    assert load_config(tmp_path / "config.toml") == Config()


def test_a_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[goal]\ndials = 45\n", encoding="utf-8")
    assert load_config(path).goal.dials == 45


def test_an_error_in_a_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("# mine\n[goal]\ndials = -4\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"^config\.toml line 3: \[goal\] dials "):
        load_config(path)


def test_a_file_that_is_not_utf8_is_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes("[goal]\n# caf\u00e9\ndials = 30\n".encode("latin-1"))
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert "UTF-8" in message
    assert "\n" not in message
    assert message.endswith(".")
    assert message.count(". ") == 0


def test_a_folder_in_place_of_the_file_is_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.mkdir()
    with pytest.raises(ConfigError, match="cannot be read"):
        load_config(path)


# -- the calling window -----------------------------------------------------------------


def test_a_window_contains_its_start_but_not_its_end() -> None:
    window = TimeWindow(time(8), time(21))
    assert window.contains(time(8))
    assert window.contains(time(20, 59))
    assert not window.contains(time(21))
    assert not window.contains(time(7, 59))


def test_a_window_may_wrap_midnight() -> None:
    window = TimeWindow(time(21), time(2))
    assert window.contains(time(23))
    assert window.contains(time(1, 59))
    assert not window.contains(time(2))
    assert not window.contains(time(12))
    assert str(window) == "21:00-02:00"


@pytest.mark.parametrize(
    ("text", "subject"),
    [("blocks = 5\n", "[blocks]"), ('keys = "x"\n', "[keys]"), ("notify = true\n", "[notify]")],
)
def test_other_sections_written_as_values(text: str, subject: str) -> None:
    assert _error(HEAD + text).startswith(f"config.toml line 3: {subject} must be ")


@pytest.mark.parametrize(
    "text",
    [
        "a = " + "[" * 5000 + "]" * 5000,
        "[keys]\nskip = " + "[" * 100_000,
        "a = " + "{b = " * 3000 + "1" + "}" * 3000,
    ],
    ids=["arrays", "unclosed", "inline-tables"],
)
def test_deep_nesting_is_a_config_error_naming_the_file(text: str) -> None:
    with pytest.raises(ConfigError, match=r"^config\.toml nests arrays or tables too deeply"):
        parse_config(text)


def test_deep_nesting_in_the_file_is_bad_input(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[goal]\nsprints = " + "[" * 10_000 + "]" * 10_000 + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    assert str(raised.value).startswith("config.toml nests arrays or tables too deeply")
    assert "\n" not in str(raised.value)


def test_every_setting_has_its_help_and_every_number_its_range_next_to_its_default() -> None:
    schemas = (
        SprintSettings,
        GoalSettings,
        DaySettings,
        NotifySettings,
        CallingSettings,
        ExperimentSettings,
    )
    for schema in schemas:
        for spec in fields(schema):
            assert help_text(schema, spec.name), f"{schema.__name__}.{spec.name} has no help"
            if spec.type in ("int", "float"):
                low, high, default = limits(schema, spec.name)
                assert low <= default <= high, f"{schema.__name__}.{spec.name}"
    assert limits(SprintSettings, "minutes") == (1, 180, 25)
    with pytest.raises(ConfigError, match="from 1 to 180"):
        parse_config("[sprint]\nminutes = 181\n")


def test_experiments_read_their_assignment_window_and_threshold() -> None:
    assert Config().experiments == ExperimentSettings("fair", 28, 0.005)
    text = '[experiments]\nassignment = "adaptive"\nwindow_days = 90\nloss_threshold = 0.01\n'
    assert parse_config(text).experiments == ExperimentSettings("adaptive", 90, 0.01)
    assert parse_config("[experiments]\nloss_threshold = 0\n").experiments.loss_threshold == 0.0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[experiments]\nassignment = "random"',
            'config.toml line 2: [experiments] assignment must be "fair" or "adaptive", '
            "not 'random'.",
        ),
        (
            "[experiments]\nwindow_days = 0",
            "config.toml line 2: [experiments] window_days must be a whole number "
            "from 1 to 3650, not 0.",
        ),
        (
            '[experiments]\nloss_threshold = "small"',
            "config.toml line 2: [experiments] loss_threshold must be a number from 0 to 1, "
            "not 'small'.",
        ),
        (
            "[experiments]\nloss_threshold = 1.5",
            "config.toml line 2: [experiments] loss_threshold must be a number from 0 to 1, "
            "not 1.5.",
        ),
    ],
)
def test_a_bad_experiment_setting_names_its_key_and_line(text: str, message: str) -> None:
    with pytest.raises(ConfigError) as raised:
        parse_config(text)
    assert str(raised.value) == message


def test_notify_nudge_settings_are_read_and_evening_can_be_switched_off() -> None:
    config = parse_config(
        '[notify]\nnudge_after_minutes = 10\ndrift_minutes = 2\nevening = "19:30"\n'
    )
    assert config.notify.nudge_after_minutes == 10
    assert config.notify.drift_minutes == 2
    assert config.notify.evening == time(19, 30)
    assert parse_config("[notify]\nevening = false\n").notify.evening is None
    assert parse_config("").notify.evening == time(18)
