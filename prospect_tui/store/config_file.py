"""Reading and writing ``config.toml`` for the app: atomically, 0600, never through a link.

The text is changed by :mod:`prospect_tui.core.config.writer` (comments,
key order and other keys kept) and checked by the reader before anything is
written: a file that would not read back is never saved. It is written as
the store writes its own files — a temporary file, fsync, rename — so a crash
leaves the old file or the new one, whole.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from prospect_tui.core.config import Config, ConfigError, parse_config
from prospect_tui.core.config.writer import add_missing
from prospect_tui.store.errors import StoreWriteFailed
from prospect_tui.store.files import private_dir, read_bytes, replace_file


def read_config_text(path: Path) -> str:
    """The text of ``config.toml``; a missing file is empty. A link is refused."""
    try:
        data = read_bytes(path)
    except FileNotFoundError:
        return ""
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise _linked(path) from None
        raise ConfigError(f"{path.name} cannot be read: {error.strerror}.") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError(f"{path.name} is not UTF-8 text; save it as UTF-8.") from None


def save_config_text(path: Path, text: str, *, expected: str | None = None) -> Config:
    """Check ``text`` as the reader would, then write it to ``path``; returns the config.

    ``expected``: the text the change was made from. If the file no longer
    holds it (edited by hand meanwhile), nothing is written: the change would
    undo the edit.
    """
    config = parse_config(text, path.name)
    if expected is not None and read_config_text(path) != expected:
        raise ConfigError(
            f"{path.name} was changed by something else since the plan was opened; nothing "
            "was saved — open the plan again to edit what it holds now."
        )
    if os.path.islink(path):
        raise _linked(path)
    try:
        private_dir(path.parent)
        replace_file(path, text.encode("utf-8"))  # a link put there meanwhile is replaced
    except OSError as error:
        raise StoreWriteFailed(path, error) from None
    return config


def merge_into_config(path: Path, extra: str) -> Config:
    """Add what ``extra`` sets and ``config.toml`` does not; the user's values stay."""
    text = read_config_text(path)
    merged = add_missing(text, extra)
    if merged == text:
        return parse_config(text, path.name)
    return save_config_text(path, merged, expected=text)


def _linked(path: Path) -> ConfigError:
    return ConfigError(
        f"{path} is a symbolic link, and Prospect never writes through one; edit the file "
        "it points to by hand, or replace the link with the file."
    )
