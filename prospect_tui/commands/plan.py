"""``prospect plan --ics FILE``: the planned blocks as an iCalendar file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from prospect_tui.commands import UserError, add_parser

if TYPE_CHECKING:
    from prospect_tui.services import Services


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``plan`` to the command line."""
    parser = add_parser(
        sub,
        "plan",
        "Write the planned blocks as an iCalendar file (weekly events with a reminder) "
        "to import into your calendar.",
    )
    parser.add_argument(
        "--ics", type=Path, metavar="FILE", required=True, help="the .ics file to write"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, services: Services) -> int:
    """Read config.toml (no lock: works while the app runs) and write the calendar."""
    from prospect_tui.transfer.calendar import plan_calendar
    from prospect_tui.transfer.output import check_output, write_output

    path: Path = args.ics
    check_output(path, services.where)  # before any work: never into the workspace
    config, clock = services.config, services.clock
    count = len(config.blocks) + len(config.activities)
    if not count:
        raise UserError(
            f"Nothing is planned yet: add [[blocks]] to {services.where.config_file} "
            "(or press l in the app), then try again."
        )
    data = plan_calendar(config, clock.now(), clock.tz, str(services.where.data_dir))
    write_output(path, data, services.where)
    blocks = "block" if count == 1 else "blocks"
    print(f"Wrote {count} planned {blocks} to {path}, each repeating weekly.", file=sys.stderr)
    return 0
