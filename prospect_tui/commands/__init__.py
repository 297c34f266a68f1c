"""One module per ``prospect`` command; each exposes ``register(subparsers)``.

Shared here: :class:`UserError`, and :class:`Context`, which finds the
workspace, reads ``config.toml`` and makes the clock the same way for
every command.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, NoReturn

from prospect_tui.core.errors import ProspectError
from prospect_tui.locations import Locations, locations

if TYPE_CHECKING:
    from prospect_tui.core.clock import Clock
    from prospect_tui.core.config import Config
    from prospect_tui.store.repository import Repository


class UserError(ProspectError):
    """A command-line mistake: one sentence, exit status 2."""


@dataclass
class Context:
    """What every command needs, found the same way each time."""

    where: Locations

    @classmethod
    def from_environment(cls) -> Context:
        """The workspace ``PROSPECT_HOME`` (or the platform's folders) points to."""
        return cls(where=locations())

    @cached_property
    def config(self) -> Config:
        """``config.toml``, checked; a bad value raises with its key and line."""
        from prospect_tui.core.config import load_config

        return load_config(self.where.config_file)

    @cached_property
    def clock(self) -> Clock:
        """The system clock in the user's zone (``[days] timezone`` or the machine's)."""
        from prospect_tui.core.clock import SystemClock

        return SystemClock.in_zone(self.config.days.timezone)

    @contextmanager
    def repository(self, *, write: bool) -> Iterator[Repository]:
        """The workspace, locked for writing or read as it is; folded on the way out."""
        from prospect_tui.store.repository import Repository
        from prospect_tui.store.workspace import Workspace

        workspace = Workspace.open(self.where.data_dir, write=write)
        try:
            yield Repository(workspace)
        except BaseException:
            workspace.close(fold=False)
            raise
        workspace.close()


def fail_unexpectedly(error: BaseException) -> int:
    """Log a bug's traceback, tell the user in one sentence, exit 1."""
    text = "".join(traceback.format_exception(error)).encode("utf-8", "replace")
    where = _write_log(text)
    detail = f"; the details are in {where}" if where is not None else ""
    summary = " ".join(f"{type(error).__name__}: {error}".split())  # one line, whatever it says
    print(
        f"Prospect hit an unexpected error ({summary}){detail} — please report it.", file=sys.stderr
    )
    return 1


def _write_log(text: bytes) -> Path | None:
    """Keep a traceback for a bug report; where it went, or None if nowhere.

    It goes to the workspace's log when the workspace folder exists. A command
    that failed before there was one (a read-only ``review`` or ``export`` of
    an empty ``PROSPECT_HOME``) must not create it just to hold a log, so the
    traceback then goes to a private temporary file instead.
    """
    try:
        where: Path | None = locations().log_file
    except Exception:  # noqa: BLE001 - never fail while reporting a failure
        where = None
    try:
        if where is not None and where.parent.is_dir():
            from prospect_tui.store.files import append_private

            append_private(where, text)
            return where
        fd, name = tempfile.mkstemp(prefix="prospect-", suffix=".log")  # 0600, unique
        with os.fdopen(fd, "wb") as file:
            file.write(text)
        return Path(name)
    except OSError:
        return None


def command_modules() -> list[ModuleType]:
    """Every command module, in the order ``--help`` lists them."""
    from prospect_tui.commands import export, import_csv, restore, review, sample

    return [sample, import_csv, export, review, restore]


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one sentence, not a usage dump."""

    def error(self, message: str) -> NoReturn:
        raise UserError(f"{self.prog}: {message} (see `{self.prog} --help`).")


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, one sub-parser per command module."""
    from prospect_tui import __version__

    parser = _Parser(
        prog="prospect",
        description="Calling sprints for salespeople. With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"prospect {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for command in command_modules():
        command.register(sub)
    return parser


def add_parser(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], name: str, help_text: str
) -> argparse.ArgumentParser:
    """A sub-command parser with the shared conventions."""
    return sub.add_parser(name, help=help_text, description=help_text)
