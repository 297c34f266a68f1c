"""The garbage collector around bulk work: kept out while it runs, settled after.

Prospect makes tens of thousands of small dicts and lists at once (an import,
the prospects list, home's reads), none of them in a cycle; the collector's
automatic sweeps walk every one of them.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


def settle_memory() -> None:
    """Take what is loaded for good out of the garbage collector's sweeps.

    A big workspace is a few million long-lived objects; left in the collector's
    generations, a full sweep over them stalls the screen for tens of
    milliseconds at random key presses. Called after a bulk read.
    """
    gc.freeze()


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection while a bulk step runs.

    An import or the prospects list makes tens of thousands of small dicts and
    lists, none of them in a cycle; each automatic collection walks every one
    of them, which made a 50,000-row import a third slower. Collection resumes
    as it was after.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


_paused_for_start = False


def pause_for_start() -> None:
    """No cyclic garbage collection until :func:`resume_after_start`: the app's start.

    Starting the app imports Textual and Prospect and draws the first frame:
    some hundred thousand objects that live as long as the app, and almost no
    garbage. Each automatic collection on the way walks all of them made so far,
    a twentieth of the time to the first frame.
    """
    global _paused_for_start
    if gc.isenabled():
        gc.disable()
        _paused_for_start = True


def resume_after_start() -> None:
    """Collection as it was before :func:`pause_for_start` (once the first frame is out)."""
    global _paused_for_start
    if _paused_for_start:
        _paused_for_start = False
        gc.enable()
