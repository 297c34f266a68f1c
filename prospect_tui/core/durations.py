"""How a span of time reads, everywhere: ``5m``, ``1h 05m``, ``2d 3h``.

One formatter for the home screen's blocks, the sprint's "callable in …" and
the review's gaps, so the same hour never reads two ways. The countdown's
``24:59`` is :func:`prospect_tui.core.timer.clock_face`: a clock, not a span.
"""

from __future__ import annotations

from datetime import timedelta


def duration(span: timedelta, *, tight: bool = False, waiting: bool = False) -> str:
    """``span`` in whole minutes, hours and days: ``5m``, ``1h 05m``, ``2d 3h``.

    Time gone by is never rounded up: a dial 12 s after the block began is
    ``0m`` after it. ``waiting`` is for time still ahead (a block starting, a
    prospect becoming callable): under a minute it reads ``1m``, never ``0m``,
    as something is still to wait for. ``tight`` drops the space inside
    ``1h05m``, for a span inside a sentence with other spaces around it.
    """
    seconds = span.total_seconds()
    minutes = 1 if waiting and 0 < seconds < 60 else max(int(seconds // 60), 0)
    hours, minutes = divmod(minutes, 60)
    days, hours = divmod(hours, 24)
    if days:
        return f"{days}d {hours}h"
    space = "" if tight else " "
    return f"{hours}h{space}{minutes:02d}m" if hours else f"{minutes}m"
