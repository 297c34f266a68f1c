"""The terminal's own desktop notification: an escape sequence, for when there is no bus.

Over SSH, in a container or on a headless box there is no session bus to
reach, but the terminal the user looks at may still show a desktop
notification when it reads one of these sequences:

- OSC 99 (kitty's protocol): title and body as two parts of one notification;
- OSC 9 (iTerm2, also Ghostty and WezTerm): the body alone;
- OSC 777 ``notify`` (urxvt's, also WezTerm, foot, Ghostty, Konsole): title and body.

One sequence is written, picked from the terminal's environment, so a
terminal that reads more than one shows the notification once. A terminal
that reads none ignores it. Inside tmux the sequence is wrapped so tmux passes
it through to the outer terminal (tmux 3.3+ needs ``set -g allow-passthrough
on``).

The text is the user's data: every control character is taken out, so a
name with an ESC or BEL in it cannot end the sequence early and write
anything else to the terminal.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]+")
_ST = "\x1b\\"
"""String Terminator: ends an OSC sequence (BEL does too, but not everywhere)."""


def plain(text: str) -> str:
    """``text`` on one line, with no control character left in it."""
    return " ".join(_CONTROLS.sub(" ", text).split())


def flavour(environ: Mapping[str, str]) -> str:
    """Which sequence this terminal reads: ``"99"``, ``"9"`` or ``"777"``."""
    term = environ.get("TERM", "")
    program = environ.get("TERM_PROGRAM", "")
    if term == "xterm-kitty" or environ.get("KITTY_WINDOW_ID"):
        return "99"
    if program == "iTerm.app":
        return "9"
    return "777"


def escape_for(title: str, message: str, environ: Mapping[str, str]) -> str:
    """The escape sequence that shows (``title``, ``message``) on this terminal."""
    title, message = plain(title), plain(message)
    kind = flavour(environ)
    if kind == "99":
        sequence = (
            f"\x1b]99;i=prospect:d=0:p=title;{title}{_ST}"
            f"\x1b]99;i=prospect:d=1:p=body;{message}{_ST}"
        )
    elif kind == "9":
        sequence = f"\x1b]9;{title}: {message}{_ST}"
    else:
        # The title ends at the first ";" (the body is the rest, semicolons and all).
        sequence = f"\x1b]777;notify;{title.replace(';', ',')};{message}{_ST}"
    if environ.get("TMUX"):
        # tmux's passthrough: a DCS whose inner ESCs are doubled.
        sequence = "\x1bPtmux;" + sequence.replace("\x1b", "\x1b\x1b") + _ST
    return sequence
