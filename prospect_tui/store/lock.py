"""One writer per workspace: an exclusive lock on the workspace folder and on ``prospect.lock``.

The lock that counts is taken on the folder itself, which cannot be deleted
while it holds the workspace: deleting or replacing ``prospect.lock`` by hand
must not let a second writer in (it would lock a new file while the first
writer still holds the old one). ``prospect.lock`` is locked too, for older
versions that only know that file, and holds the writer's process id so a
second instance can say who holds the workspace.

The operating system drops both locks when the process dies, even by
``kill -9``, so a crash never leaves a stale lock behind.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from prospect_tui.store.errors import StoreLocked, StoreUnavailable
from prospect_tui.store.files import CLOEXEC, NOFOLLOW, open_private, write_all

LOCK_FILE = "prospect.lock"
_HELD_ELSEWHERE = (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES)

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


class WriterLock:
    """Held by the one process allowed to change the workspace."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / LOCK_FILE
        self._folder_fd: int | None = None
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock, or raise :class:`StoreLocked` naming the holder.

        A folder or lock file that cannot be used (missing, read-only, a
        symbolic link) raises :class:`StoreUnavailable`.
        """
        try:
            self._acquire()
        except OSError as error:
            self.release()
            raise StoreUnavailable(self.path.parent, error) from None

    def _acquire(self) -> None:
        if fcntl is not None:
            self._folder_fd = os.open(
                self.path.parent, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | CLOEXEC
            )
            if not _lock_folder(self._folder_fd):
                self._refuse()
        self._fd = open_private(self.path, os.O_RDWR | os.O_CREAT)
        if not _lock(self._fd):
            self._refuse()
        os.ftruncate(self._fd, 0)
        write_all(self._fd, f"{os.getpid()}\n".encode())

    def _refuse(self) -> None:
        holder = _read_pid(self.path)
        self.release()
        raise StoreLocked(self.path.parent, holder)

    def release(self) -> None:
        """Let another writer in."""
        # Closing a descriptor releases its lock; the file's lock goes first, so a
        # newcomer that gets the folder also gets the file.
        for name in ("_fd", "_folder_fd"):
            fd = getattr(self, name)
            if fd is not None:
                setattr(self, name, None)
                os.close(fd)

    @property
    def held(self) -> bool:
        """Whether this object holds the lock."""
        return self._fd is not None


def _lock_folder(fd: int) -> bool:
    """Lock the folder; False if another writer holds it.

    A file system that cannot lock folders (some network mounts) leaves the
    lock file alone to do the job, as it did before folders were locked.
    """
    try:
        return _lock(fd)
    except OSError as error:
        if error.errno in (errno.EBADF, errno.EINVAL, errno.ENOLCK, errno.EOPNOTSUPP):
            return True
        raise


def _lock(fd: int) -> bool:
    """Take an exclusive lock on ``fd`` without waiting; False if someone else holds it."""
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:  # pragma: no cover - Windows
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError as error:
        if error.errno in _HELD_ELSEWHERE:
            return False
        raise
    return True


def _read_pid(path: Path) -> int | None:
    try:
        fd = os.open(path, os.O_RDONLY | NOFOLLOW | CLOEXEC)
    except OSError:
        return None
    try:
        text = os.pread(fd, 32, 0).decode().strip()
        return int(text) if text else None
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    finally:
        os.close(fd)
