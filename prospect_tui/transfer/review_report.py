"""The review in the format ``prospect review --format`` asks for: text, JSON or Markdown.

The renderers are :mod:`.review_text` (text and Markdown, the lines the
review screen shows) and :mod:`.review_json` (the JSON document).
"""

from __future__ import annotations

import json
from datetime import tzinfo
from typing import Literal

from prospect_tui.core.review import Review
from prospect_tui.transfer.review_json import review_document
from prospect_tui.transfer.review_text import render_markdown, render_text

Format = Literal["text", "json", "markdown"]
FORMATS: tuple[Format, ...] = ("text", "json", "markdown")


def render(review: Review, format: Format, tz: tzinfo) -> str:
    """The review in ``format``, as ``prospect review`` prints it (ending in a newline)."""
    if format == "json":
        return json.dumps(review_document(review), ensure_ascii=False, indent=2) + "\n"
    if format == "markdown":
        return render_markdown(review, tz)
    return render_text(review, tz)
