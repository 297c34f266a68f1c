"""The ``prospect`` command line: the app, and the commands of PRODUCT.md.

Every command honours ``PROSPECT_HOME``. Bad input gets one sentence on
stderr and exit status 2; nothing is changed. An unexpected error gets one
sentence too, with the traceback written to ``prospect.log`` for a bug report.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

from prospect_tui import __version__
from prospect_tui.commands import UserError, command_modules, fail_unexpectedly
from prospect_tui.core.errors import ProspectError


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one sentence, not a usage dump."""

    def error(self, message: str) -> NoReturn:
        raise UserError(f"{self.prog}: {message} (see `{self.prog} --help`).")


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, one sub-parser per command module."""
    parser = _Parser(
        prog="prospect",
        description="Calling sprints for salespeople. With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"prospect {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for command in command_modules():
        command.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    try:
        args = build_parser().parse_args(argv)
        if args.command is None:
            from prospect_tui.commands.app import run_app

            return run_app()
        return int(args.run(args) or 0)
    except ProspectError as error:
        print(str(error), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:  # noqa: BLE001 - the last line of defence: no traceback
        return fail_unexpectedly(error)


def run() -> NoReturn:
    """Entry point of the console script."""
    sys.exit(main())


if __name__ == "__main__":
    run()
