"""The terminal's own notification: one sequence this terminal reads, and nothing else."""

from __future__ import annotations

from prospect_tui.notify.terminal_escape import escape_for, flavour, plain

ST = "\x1b\\"


def test_urxvt_wezterm_and_foot_read_osc_777() -> None:
    assert escape_for("Break over", "Back to the queue", {"TERM": "foot"}) == (
        f"\x1b]777;notify;Break over;Back to the queue{ST}"
    )


def test_kitty_gets_its_own_protocol_with_title_and_body() -> None:
    for environ in ({"TERM": "xterm-kitty"}, {"TERM": "tmux-256color", "KITTY_WINDOW_ID": "3"}):
        assert flavour(environ) == "99"
    assert escape_for("Break over", "Back", {"TERM": "xterm-kitty"}) == (
        f"\x1b]99;i=prospect:d=0:p=title;Break over{ST}\x1b]99;i=prospect:d=1:p=body;Back{ST}"
    )


def test_iterm2_gets_osc_9() -> None:
    assert escape_for("Break over", "Back", {"TERM_PROGRAM": "iTerm.app"}) == (
        f"\x1b]9;Break over: Back{ST}"
    )


def test_inside_tmux_the_sequence_is_passed_through_to_the_outer_terminal() -> None:
    inner = f"\x1b]777;notify;Break over;Back{ST}"
    wrapped = escape_for("Break over", "Back", {"TMUX": "/tmp/tmux-0/default,1,0"})
    assert wrapped == "\x1bPtmux;" + inner.replace("\x1b", "\x1b\x1b") + ST


def test_hostile_text_cannot_end_the_sequence_or_write_to_the_terminal() -> None:
    # An ESC, a BEL or a C1 String Terminator in a name would end the OSC early
    # and let the rest be read as terminal commands (retitle, clipboard, ...).
    hostile = "Bob\x1b\\\x1b]52;c;cm0gLXJmIH4=\x07 \x9c[b]x[/b]\nO'Brien"
    sequence = escape_for("Call; now", hostile, {})
    body = sequence.removeprefix("\x1b]777;notify;Call, now;").removesuffix(ST)
    assert body == plain(hostile) == "Bob \\ ]52;c;cm0gLXJmIH4= [b]x[/b] O'Brien"
    assert sequence.count("\x1b") == 2  # the opening and the closing one, nothing between
    assert "\x07" not in sequence and "\x9c" not in sequence
