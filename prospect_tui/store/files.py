"""Private, atomic, durable file operations the rest of the store relies on.

Store files are never followed through symbolic links: every open adds
``O_NOFOLLOW``, so a link planted in place of a store file makes the open fail
with ``ELOOP`` instead of writing to (or reading from) whatever it points to.
Temporary files get unpredictable names and are created exclusively, so no
one can plant one in advance. Folders the store creates are made private;
folders that already exist are left exactly as their owner set them.

Everything here raises plain :class:`OSError`; the workspace turns the ones
a user can fix into one sentence (:class:`~prospect_tui.store.errors.StoreUnavailable`).
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

FILE_MODE = 0o600
DIR_MODE = 0o700
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
CLOEXEC = getattr(os, "O_CLOEXEC", 0)
TEMPORARY = re.compile(r"^\..+\.(?:[0-9a-f]{16}|\d+)\.tmp$")
"""The store's temporary files: ``.NAME.RANDOM.tmp`` (older versions: ``.NAME.PID.tmp``)."""


def private_dir(path: Path) -> Path:
    """Make sure the folder ``path`` exists; any folder created here is 0700.

    A folder that already exists is left as it is: its owner may have shared it
    or made it read-only on purpose. Links are not this function's business:
    the workspace refuses linked folders when it opens (:func:`refuse_links`).
    """
    if path.is_dir():
        return path
    if not path.parent.exists():
        private_dir(path.parent)  # ``mkdir(parents=True)`` would give parents the umask's mode
    try:
        os.mkdir(path, DIR_MODE)
    except FileExistsError:
        if path.is_dir():  # made by someone else in between: theirs, not ours
            return path
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(path)) from None
    os.chmod(path, DIR_MODE)  # the umask may have taken bits off; this folder is ours
    return path


def refuse_links(folder: Path, names: Iterable[str]) -> None:
    """Raise ``ELOOP`` if any of the folders ``names`` in ``folder``, or a folder below them,
    is a symbolic link: files opened through a linked folder would escape the workspace."""
    for name in names:
        path = folder / name
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            continue
        if stat.S_ISLNK(info.st_mode):
            raise _link_error(path)
        if stat.S_ISDIR(info.st_mode):
            _refuse_links_below(path)


def _refuse_links_below(folder: Path) -> None:
    # What the listing says of each entry, not a stat of its own: every start checks a
    # folder per month of history (backups of follow-ups), which took milliseconds.
    below = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_symlink():
                raise _link_error(Path(entry.path))
            if entry.is_dir(follow_symlinks=False):
                below.append(Path(entry.path))
    for path in below:
        _refuse_links_below(path)


def fsync_dir(path: Path) -> None:
    """Make a rename or a new file in ``path`` survive power loss."""
    fd = os.open(path, os.O_RDONLY | CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def open_private(path: Path, flags: int) -> int:
    """``os.open`` with mode 0600 whatever the umask says, never through a link."""
    fd = _open(path, flags | NOFOLLOW | CLOEXEC, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)
    except OSError:
        os.close(fd)
        raise
    return fd


def read_bytes(path: Path) -> bytes:
    """``path.read_bytes()``, but a symbolic link raises ``ELOOP`` instead of being followed."""
    fd = _open(path, os.O_RDONLY | NOFOLLOW | CLOEXEC)
    try:
        with os.fdopen(fd, "rb", closefd=False) as stream:
            return stream.read()
    finally:
        os.close(fd)


def write_all(fd: int, data: bytes | memoryview) -> None:
    """Write every byte; ``os.write`` may write fewer than asked."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def reserve(fd: int, start: int, length: int) -> bool:
    """Give the file the disk blocks of ``start`` … ``start + length`` without changing its size.

    Where Linux can (``fallocate`` with ``FALLOC_FL_KEEP_SIZE``): an append
    into blocks already the file's needs no new extent written with its
    fsync. False where it cannot (another system, a file system without it,
    a full disk); nothing is changed then, and appends work as before.
    """
    try:
        import ctypes  # here: only a writer of the journal needs it

        fallocate = ctypes.CDLL(None, use_errno=True).fallocate
    except (ImportError, OSError, AttributeError, TypeError):  # no such call here
        return False
    fallocate.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int64, ctypes.c_int64]
    return bool(fallocate(fd, _FALLOC_FL_KEEP_SIZE, start, length) == 0)


_FALLOC_FL_KEEP_SIZE = 1


def append_private(path: Path, data: bytes) -> None:
    """Append ``data`` to ``path``, owner-only like every data file, making its folder."""
    if not path.parent.is_dir():
        private_dir(path.parent)
    fd = open_private(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        write_all(fd, data)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Replace the store file ``path`` with ``data``: temporary file, fsync, rename, fsync
    the folder; a missing folder is created private.

    A crash at any moment leaves either the old file or the new one, whole. ``data``
    may come in pieces (:func:`.shard_file.dump_pieces`), written one after another.
    """
    private_dir(path.parent)
    replace_with(path, [data] if isinstance(data, bytes) else data)


def replace_file(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` (0600) atomically, leaving its folder as it is.

    For files a user asked for (exports): the folder must exist, and its mode,
    owner and other files are not touched.
    """
    replace_with(path, [data])


def replace_with(path: Path, pieces: Iterable[bytes]) -> None:
    """:func:`replace_file` with its bytes given in pieces, never joined into one copy."""
    with replacing(path) as out:
        for piece in pieces:
            out.write(piece)


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[BinaryIO]:
    """A stream whose bytes replace ``path`` (0600) atomically once the block ends.

    :func:`replace_file` for output written as it is made (an export of a
    million calls, a fold of 50,000 prospects): no whole copy is held in
    memory, and a block that raises leaves ``path`` as it was and no
    temporary file behind.
    """
    fd, temporary = _temporary(path)
    raw = _Descriptor(fd)
    try:
        out = io.BufferedWriter(raw, WRITE_BUFFER)
        yield out
        out.flush()
        os.fsync(fd)
    except BaseException:
        raw.close()  # what is still buffered is never written, even when ``out`` is collected
        os.close(fd)
        temporary.unlink(missing_ok=True)
        raise
    raw.close()
    os.close(fd)
    try:
        os.replace(temporary, path)  # a link at ``path`` is replaced, never written through
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    with contextlib.suppress(PermissionError):  # a folder one may write but not read
        fsync_dir(path.parent)


WRITE_BUFFER = 1 << 20


class _Descriptor(io.RawIOBase):
    """Writes to a file descriptor through :func:`write_all` (``os.write``); never closes it."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        view = memoryview(data).cast("B")
        write_all(self.fd, view)
        return len(view)


def remove_temporaries(folder: Path) -> list[Path]:
    """Delete the store's temporary files a crash left in ``folder``; returns them.

    Only regular files named like :data:`TEMPORARY`; links and anything else stay.
    Call it only while holding the writer lock: a writer's temporary file is
    otherwise in use.
    """
    removed = []
    try:
        with os.scandir(folder) as entries:
            stale = [
                Path(entry.path)
                for entry in entries
                if TEMPORARY.match(entry.name) and entry.is_file(follow_symlinks=False)
            ]
    except (FileNotFoundError, NotADirectoryError):
        return []
    for path in stale:
        path.unlink(missing_ok=True)
        removed.append(path)
    return removed


def _temporary(path: Path) -> tuple[int, Path]:
    """A new 0600 file beside ``path`` under a name no one can guess, created exclusively."""
    for _ in range(100):
        temporary = path.with_name(f".{path.name}.{os.urandom(8).hex()}.tmp")
        try:
            return open_private(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL), temporary
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no unused temporary file name", str(path.parent))


def _open(path: Path, flags: int, mode: int = FILE_MODE) -> int:
    try:
        return os.open(path, flags, mode)
    except OSError as error:
        # Linux says ELOOP, the BSDs EMLINK, when O_NOFOLLOW meets a link.
        if error.errno in (errno.ELOOP, errno.EMLINK) and os.path.islink(path):
            raise _link_error(path) from None
        raise


def _link_error(path: Path) -> OSError:
    return OSError(errno.ELOOP, "it is a symbolic link", str(path))


def discard_new_folder(folder: Path, names: Iterable[str]) -> None:
    """Remove a folder created moments ago by a writer that then failed, if only ``names``
    and temporary files are in it; anything else keeps it where it is."""
    for name in names:
        with contextlib.suppress(OSError):
            (folder / name).unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        remove_temporaries(folder)
        folder.rmdir()
