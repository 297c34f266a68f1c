"""How a span of time reads, everywhere: ``5m``, ``1h 05m``, ``2d 3h``.

One formatter for the home screen's blocks, the sprint's "callable in …" and
the review's gaps, so the same hour never reads two ways. The countdown's
``24:59`` is :func:`prospect_tui.core.timer.clock_face`: a clock, not a span.
"""

from __future__ import annotations

from datetime import timedelta


def duration(span: timedelta, *, tight: bool = False) -> str:
    """``span`` in whole minutes, hours and days: ``5m``, ``1h 05m``, ``2d 3h``.

    ``tight`` drops the space inside ``1h05m``, for a span inside a sentence
    with other spaces around it. A span shorter than a minute but not over
    yet reads ``1m``, never ``0m``: something is still to wait for.
    """
    seconds = span.total_seconds()
    minutes = 1 if 0 < seconds < 60 else max(int(seconds // 60), 0)
    hours, minutes = divmod(minutes, 60)
    days, hours = divmod(hours, 24)
    if days:
        return f"{days}d {hours}h"
    space = "" if tight else " "
    return f"{hours}h{space}{minutes:02d}m" if hours else f"{minutes}m"
