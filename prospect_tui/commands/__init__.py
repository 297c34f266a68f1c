"""One module per ``prospect`` command; each exposes ``register(subparsers)``.

Each command's ``run(args, services)`` is handed the
:class:`~prospect_tui.services.Services` that :func:`~prospect_tui.__main__.main`
opened (or a test passed in), so every command finds the workspace, reads
``config.toml`` and makes the clock the same way as the app. Shared here:
:class:`UserError`, and :func:`fail_unexpectedly`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from types import ModuleType
from typing import NoReturn

from prospect_tui.core.errors import ProspectError
from prospect_tui.locations import Locations, locations


class UserError(ProspectError):
    """A command-line mistake: one sentence, exit status 2."""


def fail_unexpectedly(error: BaseException, where: Locations | None = None) -> int:
    """Log a bug's traceback, tell the user in one sentence, exit 1."""
    from prospect_tui.crash import log_crash, one_line

    try:
        log_file: Path | None = (where or locations()).log_file
    except Exception:  # noqa: BLE001 - never fail while reporting a failure
        log_file = None
    written = log_crash(error, log_file)
    detail = f"; the details are in {written}" if written is not None else ""
    print(
        f"Prospect hit an unexpected error ({one_line(error)}){detail} — please report it.",
        file=sys.stderr,
    )
    return 1


def command_modules() -> list[ModuleType]:
    """Every command module, in the order ``--help`` lists them."""
    from prospect_tui.commands import export, import_csv, nudge, plan, restore, review, sample

    return [sample, import_csv, export, review, plan, restore, nudge]


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
