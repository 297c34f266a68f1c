"""Text from users and files, drawn exactly as written: never markup, never a terminal code.

Textual reads a ``str`` handed to a widget, a toast or a border title as
markup: a name like ``[/]`` crashes the screen, ``Bob [ex-Google]`` loses
its brackets, ``[b]`` turns bold. Escaping does not close the hole — Textual
still reads ``[B]``, ``[$text]`` or a trailing backslash after
``rich.markup.escape`` — so nothing a user or a file wrote ever goes through
the markup parser. Widgets get :class:`~textual.content.Content` built here:
our own markup template, with the user's values dropped in as plain text.

Control characters are made visible (``␛`` for ESC) rather than passed on:
an ESC in a name would otherwise reach the terminal as the start of a
command.
"""

from __future__ import annotations

from textual.content import Content

from prospect_tui.core.visible import visible

__all__ = ["fill", "plain", "visible"]


def plain(text: str, style: str = "") -> Content:
    """``text`` as written, in ``style`` (our own style, never the user's)."""
    return Content.styled(visible(text), style)


def fill(template: str, /, **values: object) -> Content:
    """Our markup ``template`` with each ``$name`` replaced by ``values[name]`` as plain text.

    >>> fill("[b]$name[/b] · $company", name="[/]", company="Bob [ex-Google]").plain
    '[/] · Bob [ex-Google]'
    """
    return Content.from_markup(template, **{k: visible(str(v)) for k, v in values.items()})
