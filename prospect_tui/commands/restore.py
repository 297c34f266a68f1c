"""``prospect restore``: bring back the last good copy of a damaged store file.

It says first what it will do and what, if anything, cannot be recovered,
then asks; ``--yes`` answers for scripts. Without a terminal to ask on and
without ``--yes`` it changes nothing.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from prospect_tui.commands import UserError, add_parser

if TYPE_CHECKING:
    from prospect_tui.services import Services
    from prospect_tui.store.restore import Plan


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``restore`` to the command line."""
    parser = add_parser(sub, "restore", "Put back the last good copy of any damaged data file.")
    parser.add_argument("--yes", action="store_true", help="go ahead without asking (for scripts)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, services: Services) -> int:
    """Say what restoring would do, ask, then do it and say what was done."""
    from prospect_tui.store.restore import restore

    if services.where.data_dir.is_file():
        raise UserError(
            f"{services.where.data_dir} is a file, not a folder — point PROSPECT_HOME at "
            "the folder of the workspace to restore."
        )
    if not services.where.data_dir.is_dir():
        raise UserError(
            f"There is no workspace at {services.where.data_dir} to restore; check PROSPECT_HOME."
        )
    declined = False

    def confirm(plan: Plan) -> bool:
        nonlocal declined
        for sentence in plan.says():
            print(sentence)
        if args.yes:
            return True
        if not sys.stdin.isatty():
            raise UserError(
                "Nothing was changed: there is no terminal to ask on, so run "
                "`prospect restore --yes` to go ahead."
            )
        try:
            answer = input("Go ahead? [y/N] ").strip().lower()
        except EOFError:  # the terminal closed: no answer is a no
            answer = ""
        declined = answer not in ("y", "yes")
        return not declined

    done = restore(services.where.data_dir, confirm)
    if declined:
        print("Nothing was changed.")
        return 1
    for sentence in done or ["Every data file reads cleanly; nothing needed restoring."]:
        print(sentence)
    return 0
