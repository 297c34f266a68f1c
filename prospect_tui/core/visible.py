"""Text from users and files made safe to print: no terminal control code gets through.

An ESC in a name would reach the terminal as the start of a command; every
place that prints or draws user text (the screens, ``prospect review``) shows
control characters as visible symbols instead. So are the bidirectional
embeddings, overrides and isolates: on a terminal that lays out right-to-left
text they turn the rest of the line around (U+202E then ``exe.txt`` reads as
``txt.exe``), so a name could make the line it sits on say something else.
Right-to-left letters and the marks that only nudge them are kept.
"""

from __future__ import annotations

_VISIBLE = {
    **{code: 0x2400 + code for code in range(0x20) if chr(code) not in "\n\t"},
    0x7F: 0x2421,  # ␡
    **{code: 0xFFFD for code in range(0x80, 0xA0)},  # C1 controls: 0x9B starts a command too
    **{code: 0xFFFD for code in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]},
}


def visible(text: str) -> str:
    """``text`` with every control character but newline and tab, and every bidi
    override, shown as a symbol."""
    return text.replace("\r\n", "\n").translate(_VISIBLE)
