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

from prospect_tui.store.errors import StoreLocked, StoreUnavailable
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


def test_deleting_the_lock_file_does_not_let_a_second_writer_in(tmp_path: Path) -> None:
    first = WriterLock(tmp_path)
    first.acquire()
    (tmp_path / LOCK_FILE).unlink()

    second = WriterLock(tmp_path)
    with pytest.raises(StoreLocked) as raised:
        second.acquire()

    assert not second.held
    assert raised.value.pid is None  # the file naming the holder is gone; the lock is not
    assert not (tmp_path / LOCK_FILE).exists()
    first.release()
    second.acquire()  # once the first lets go, the next writer gets in
    second.release()


def test_replacing_the_lock_file_does_not_let_a_second_writer_in(tmp_path: Path) -> None:
    first = WriterLock(tmp_path)
    first.acquire()
    (tmp_path / "other").write_text("1\n")
    (tmp_path / "other").replace(tmp_path / LOCK_FILE)

    with pytest.raises(StoreLocked):
        WriterLock(tmp_path).acquire()
    first.release()


def test_a_linked_lock_file_is_refused_and_its_target_left_alone(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_bytes(b"precious")
    (tmp_path / LOCK_FILE).symlink_to(victim)

    lock = WriterLock(tmp_path)
    with pytest.raises(StoreUnavailable) as raised:
        lock.acquire()

    assert not lock.held
    assert victim.read_bytes() == b"precious"
    message = str(raised.value)
    assert f"{tmp_path / LOCK_FILE} is a symbolic link" in message
    assert "\n" not in message


def test_a_missing_folder_is_one_sentence(tmp_path: Path) -> None:
    with pytest.raises(StoreUnavailable) as raised:
        WriterLock(tmp_path / "absent").acquire()

    assert str(tmp_path / "absent") in str(raised.value)
    assert not (tmp_path / "absent").exists()
