"""The writer lock: one writer, told apart by process, released by the OS on death."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from prospect_tui.store.errors import StoreLocked
from prospect_tui.store.lock import LOCK_FILE, WriterLock

HOLDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from prospect_tui.store.lock import WriterLock

    lock = WriterLock(Path(sys.argv[1]))
    lock.acquire()
    print("locked", flush=True)
    sys.stdin.read()  # hold the lock until the parent closes stdin (or kills us)
    """
)


def test_acquire_and_release(tmp_path: Path) -> None:
    lock = WriterLock(tmp_path)

    lock.acquire()
    assert lock.held
    assert (tmp_path / LOCK_FILE).read_text() == f"{os.getpid()}\n"
    assert stat.S_IMODE((tmp_path / LOCK_FILE).stat().st_mode) == 0o600
    lock.release()

    assert not lock.held
    lock.release()  # twice is harmless
    again = WriterLock(tmp_path)
    again.acquire()
    again.release()


def test_a_second_holder_in_the_same_process_is_refused(tmp_path: Path) -> None:
    first = WriterLock(tmp_path)
    first.acquire()

    second = WriterLock(tmp_path)
    with pytest.raises(StoreLocked) as raised:
        second.acquire()

    assert raised.value.pid == os.getpid()
    assert not second.held
    assert first.held
    first.release()


def test_another_process_holding_the_lock_is_named_then_its_death_frees_it(
    tmp_path: Path,
) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(tmp_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline() == "locked\n"

    with pytest.raises(StoreLocked) as raised:
        WriterLock(tmp_path).acquire()
    assert raised.value.pid == holder.pid
    assert f"(process {holder.pid})" in str(raised.value)

    holder.send_signal(signal.SIGKILL)
    holder.communicate()
    lock = WriterLock(tmp_path)
    lock.acquire()  # no stale lock: the OS let go when the holder died
    assert (tmp_path / LOCK_FILE).read_text() == f"{os.getpid()}\n"
    lock.release()


def test_an_unreadable_pid_still_gives_a_sentence(tmp_path: Path) -> None:
    first = WriterLock(tmp_path)
    first.acquire()
    (tmp_path / LOCK_FILE).write_text("not a pid")

    with pytest.raises(StoreLocked) as raised:
        WriterLock(tmp_path).acquire()

    assert raised.value.pid is None
    assert "process" not in str(raised.value)
    assert str(raised.value).endswith(".")
    first.release()
