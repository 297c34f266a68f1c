"""The objection cards beside the call: each ``[[objections]]`` with the key that picks it.

Before an objection is raised the panel lists them all — key, name and the
first line of the answer, as the width allows (too few rows: the keys and
names only, run together). Once the prospect raises one (``o`` then its
key) the panel shows that answer in full, to read out, and which objections
this call is tagged with. Names and answers are the user's text: drawn as
written, never as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual import events
from textual.content import Content
from textual.widgets import Static

from prospect_tui.core.config import Objection
from prospect_tui.widgets.text import fill, plain


@dataclass(frozen=True, slots=True)
class _Shown:
    objections: Sequence[Objection]
    keys: Sequence[str]
    raised: Sequence[str]
    answering: str | None


class ObjectionCards(Static):
    """The configured objections and their keys, or the answer to the one just raised."""

    _shown: _Shown | None = None

    def show(
        self,
        objections: Sequence[Objection],
        keys: Sequence[str],
        open_key: str,
        raised: Sequence[str] = (),
        answering: str | None = None,
    ) -> None:
        """List ``objections`` beside ``keys`` (those ``raised`` on this call ticked), or
        the answer to ``answering`` with the call's objections under it.

        ``open_key`` is the key that opens the list during a call (``o``); empty when
        it does nothing now (nobody on the card).
        """
        self.border_title = f"Objections · {open_key}" if objections and open_key else "Objections"
        self._shown = _Shown(objections, keys, list(raised), answering)
        self._draw()

    def on_resize(self, event: events.Resize) -> None:
        self._draw()  # the rows decide between the list and its compact form

    def _draw(self) -> None:
        shown = self._shown
        if shown is None:
            return
        if not shown.objections:
            self.set_class(True, "-answer")  # a sentence: wrapped, not cut
            self.set_class(False, "-answering")
            self.update(
                plain(
                    "No objections configured. Add [[objections]] to config.toml: what a "
                    "prospect says (name) and the answer to give.",
                    "dim",
                ),
                layout=False,
            )
            return
        by_name = {o.name: o for o in shown.objections}
        last = by_name.get(shown.answering) if shown.answering else None
        rows = self.content_region.height
        compact = last is None and 0 < rows < len(shown.objections)
        # The answer wraps, to be read out whole; the list keeps one line per objection.
        self.set_class(last is not None or compact, "-answer")
        # Where room is short the list gives way (o opens it): only an answer is drawn.
        self.set_class(last is not None, "-answering")
        lines: list[Content] = []
        if last is not None:
            lines.append(fill("[b $warning]“$name”[/] — say:", name=last.name))
            lines.append(plain(last.answer))
            lines.append(fill("[dim]On this call: $tagged[/]", tagged=", ".join(shown.raised)))
        elif compact:
            lines.append(
                Content("  ").join(
                    self._label(key, objection, shown.raised)
                    for key, objection in zip(shown.keys, shown.objections, strict=False)
                )
            )
        else:
            for key, objection in zip(shown.keys, shown.objections, strict=False):
                first = objection.answer.splitlines()[0] if objection.answer else ""
                lines.append(
                    Content.assemble(
                        self._label(key, objection, shown.raised),
                        plain(f" — {first}", "dim") if first else "",
                    )
                )
        self.update(Content("\n").join(lines), layout=False)

    @staticmethod
    def _label(key: str, objection: Objection, raised: Sequence[str]) -> Content:
        mark = "✓ " if objection.name in raised else ""
        return Content.assemble(
            fill("[b $accent]$key[/] [$success]$mark[/]", key=key, mark=mark),
            plain(objection.name, "bold"),
        )
