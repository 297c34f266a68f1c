"""Text from users and files made safe to print: no terminal control code gets through.

An ESC in a name would reach the terminal as the start of a command; every
place that prints or draws user text (the screens, ``prospect review``) shows
control characters as visible symbols instead.
"""

from __future__ import annotations

_VISIBLE = {
    **{code: 0x2400 + code for code in range(0x20) if chr(code) not in "\n\t"},
    0x7F: 0x2421,  # ␡
    **{code: 0xFFFD for code in range(0x80, 0xA0)},  # C1 controls: 0x9B starts a command too
}


def visible(text: str) -> str:
    """``text`` with every control character but newline and tab shown as a symbol."""
    return text.replace("\r\n", "\n").translate(_VISIBLE)
