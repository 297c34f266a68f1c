"""Read the rows of a large import in this process and helper processes at once.

Reading a row is pure Python, about 20 µs with its number, so one core
reads 50,000 rows in about a second. For large files the rows go out in
chunks: a helper process takes the next chunk whenever it is free and this
process reads the others meanwhile, so every core works and the results
still come back in file order. Small files, a
one-core machine, or any trouble starting helpers: everything is read here,
with the same results.

A helper dies with the process that started it, even one killed with
SIGKILL: an idle helper waits on a queue whose other end its siblings also
hold, so it would never see the end of it and would wait forever.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import TypeAlias

from prospect_tui.transfer.import_row import RowReader, RowResult

Row: TypeAlias = tuple[int, list[str]]
CHUNK = 1_000
"""Rows per chunk: large enough that shipping it is cheap beside reading it."""
HELPERS_FROM = 6_000
"""Files with fewer lines than this are read in this process only."""
MAX_HELPERS = 3
PR_SET_PDEATHSIG = 1
"""Linux ``prctl`` option: the signal this process gets when its parent dies."""
ORPHAN_CHECK_S = 1.0
"""Where the kernel cannot signal a helper its parent's death: how often it looks."""


def read_all(
    reader: RowReader,
    rows: Iterable[Row],
    *,
    lines: int,
    done: Callable[[int], None] | None = None,
) -> Iterator[tuple[int, RowResult]]:
    """``(line, result)`` for every row, in order; ``done(line)`` after each chunk."""
    helpers = _helpers() if lines >= HELPERS_FROM else 0
    pool = _pool(helpers) if helpers else None
    if pool is None:
        for chunk in _chunks(rows):
            yield from _read_chunk(reader, chunk)
            if done is not None:
                done(chunk[-1][0])
        return
    try:
        yield from _shared(reader, rows, pool, helpers, done)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _shared(
    reader: RowReader,
    rows: Iterable[Row],
    pool: ProcessPoolExecutor,
    helpers: int,
    done: Callable[[int], None] | None,
) -> Iterator[tuple[int, RowResult]]:
    queue: deque[tuple[list[Row], Future[list[tuple[int, RowResult]]]]] = deque()
    for chunk in _chunks(rows):
        busy = sum(1 for _chunk, future in queue if not future.done())
        future = None
        if busy < 2 * helpers:  # one chunk running and one waiting, per helper
            try:
                future = pool.submit(_read_chunk, reader, chunk)
            except (BrokenProcessPool, RuntimeError, OSError):
                future = None
        if future is None:
            # Every helper is busy (or gone): read this chunk here meanwhile.
            future = _finished(_read_chunk(reader, chunk))
        queue.append((chunk, future))
        while queue and queue[0][1].done():
            yield from _collect(reader, *queue.popleft(), done)
    while queue:
        yield from _collect(reader, *queue.popleft(), done)


def _collect(
    reader: RowReader,
    chunk: list[Row],
    future: Future[list[tuple[int, RowResult]]],
    done: Callable[[int], None] | None,
) -> list[tuple[int, RowResult]]:
    try:
        results = future.result()
    except (BrokenProcessPool, OSError, EOFError):
        results = _read_chunk(reader, chunk)  # a helper died: this process reads it again
    if done is not None:
        done(chunk[-1][0])
    return results


def _finished(results: list[tuple[int, RowResult]]) -> Future[list[tuple[int, RowResult]]]:
    future: Future[list[tuple[int, RowResult]]] = Future()
    future.set_result(results)
    return future


def _read_chunk(reader: RowReader, chunk: list[Row]) -> list[tuple[int, RowResult]]:
    """Runs in a helper process too: must stay a module-level function."""
    return [(line, reader.read(cells)) for line, cells in chunk]


def _chunks(rows: Iterable[Row]) -> Iterator[list[Row]]:
    iterator = iter(rows)
    while chunk := list(islice(iterator, CHUNK)):
        yield chunk


def _helpers() -> int:
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    # One helper per core: this process also parses, merges and unpickles, so
    # it reads fewer chunks itself and the cores stay busy.
    return 0 if cpus < 2 else min(MAX_HELPERS, cpus)


def _pool(helpers: int) -> ProcessPoolExecutor | None:
    """Helpers forked when this process has one thread (the CLI), else started afresh.

    Forking a process that runs other threads (the app) can copy a lock some
    thread holds; a fresh interpreter cannot.
    """
    methods = multiprocessing.get_all_start_methods()
    method = "fork" if "fork" in methods and threading.active_count() == 1 else "spawn"
    try:
        return ProcessPoolExecutor(
            helpers,
            mp_context=multiprocessing.get_context(method),
            initializer=die_with_parent,
            initargs=(os.getpid(),),
        )
    except (OSError, ValueError, NotImplementedError):
        return None


def die_with_parent(parent: int) -> None:
    """Runs first in every helper: end this process when ``parent`` ends.

    On Linux the kernel sends SIGKILL the moment the parent goes (strictly,
    the parent's thread that started the helper: :func:`read_all` starts,
    uses and shuts its helpers down on one thread). Elsewhere a daemon
    thread notices the helper has been handed to another parent.
    """
    if not (sys.platform == "linux" and _kernel_kills_orphan()):
        threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)


def _kernel_kills_orphan() -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def _exit_when_orphaned(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(ORPHAN_CHECK_S)
    os._exit(1)
