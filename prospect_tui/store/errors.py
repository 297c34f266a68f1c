"""What can go wrong with the store, each with a sentence the user can act on."""

from __future__ import annotations

import errno
from pathlib import Path

from prospect_tui.core.errors import ProspectError


class StoreError(ProspectError):
    """A store problem; ``str(error)`` is one sentence for the user."""


class StoreLocked(StoreError):
    """Another process is writing to this workspace."""

    def __init__(self, data_dir: Path, pid: int | None) -> None:
        who = f" (process {pid})" if pid else ""
        super().__init__(
            f"Prospect is already running on {data_dir}{who}; switch to that window, or close it "
            "first — `prospect review` and `prospect export` work while it runs."
        )
        self.pid = pid


class StoreDamaged(StoreError):
    """A store file that does not parse; it is kept, never emptied."""

    def __init__(self, path: Path, problem: str, kept_at: Path | None, remedy: str) -> None:
        kept = f"; its bytes are kept at {kept_at}" if kept_at else ""
        super().__init__(f"{path} is damaged ({problem}){kept} — {remedy}.")
        self.path = path
        self.kept_at = kept_at


class StoreTooNew(StoreError):
    """The workspace was written by a newer Prospect."""

    def __init__(self, path: Path, found: int, known: int) -> None:
        super().__init__(
            f"{path} was written by a newer Prospect (schema {found}, this one knows {known}); "
            "upgrade Prospect to open it."
        )


class StoreWriteFailed(StoreError):
    """The disk refused a write; nothing was changed."""

    def __init__(self, path: Path, error: OSError) -> None:
        reason = error.strerror or str(error)
        remedy = (
            "quit Prospect, which saves what it shows, and start it again"
            if error.errno == errno.ESTALE
            else "free some space or fix the folder's permissions and try again"
        )
        super().__init__(f"Could not save to {path} ({reason}); nothing was changed — {remedy}.")


class ReadOnlyStore(StoreError):
    """A write was attempted through a read-only store."""

    def __init__(self) -> None:
        super().__init__(
            "This store was opened read-only; only the app or a writing command may change it."
        )


class StoreUnavailable(StoreError):
    """The workspace's folder or files cannot be used as they are; nothing was changed."""

    def __init__(self, data_dir: Path, error: OSError) -> None:
        path = Path(error.filename) if error.filename else data_dir
        code = error.errno
        if code == errno.ELOOP:
            sentence = (
                f"{path} is a symbolic link, and Prospect never follows links inside its "
                "workspace — put the real file or folder there instead."
            )
        elif code in (errno.ENOTDIR, errno.EEXIST):
            folder = path if data_dir.is_dir() else data_dir
            sentence = (
                f"{folder} is a file, not a folder — move it away (or point PROSPECT_HOME "
                "at a folder) and try again."
            )
        elif code in (errno.ENOSPC, errno.EDQUOT):
            sentence = f"Cannot write {path}: the disk is full — free some space and try again."
        elif code in (errno.EACCES, errno.EPERM, errno.EROFS):
            sentence = (
                f"Cannot use {path} ({error.strerror}) — make it writable, or point "
                "PROSPECT_HOME at a folder you can write to, and try again."
            )
        else:
            sentence = (
                f"Cannot open the workspace at {data_dir} ({error.strerror or error}) — "
                "check the folder and try again."
            )
        super().__init__(sentence)
        self.path = path
        self.errno = code
