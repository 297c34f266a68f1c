"""``prospect restore``: bring back the last good copy of a damaged store file."""

from __future__ import annotations

import argparse

from prospect_tui.commands import Context, UserError, add_parser


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``restore`` to the command line."""
    parser = add_parser(sub, "restore", "Put back the last good copy of any damaged data file.")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Repair what can be repaired and say what was done."""
    from prospect_tui.store.restore import restore

    context = Context.from_environment()
    if not context.where.data_dir.is_dir():
        raise UserError(
            f"There is no workspace at {context.where.data_dir} to restore; check PROSPECT_HOME."
        )
    done = restore(context.where.data_dir)
    for sentence in done or ["Every data file reads cleanly; nothing needed restoring."]:
        print(sentence)
    return 0
