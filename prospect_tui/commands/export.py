"""``prospect export prospects|calls|sprints|time|followups [-o FILE] [--format csv|json]``."""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from prospect_tui.commands import add_parser

if TYPE_CHECKING:
    from prospect_tui.core.record import Record
    from prospect_tui.services import Services


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``export`` to the command line."""
    parser = add_parser(
        sub,
        "export",
        "Write prospects, calls, sprints, time entries or follow-ups as spreadsheet-safe CSV "
        "or JSON.",
    )
    parser.add_argument("kind", choices=("prospects", "calls", "sprints", "time", "followups"))
    parser.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write to FILE instead of the terminal"
    )
    parser.add_argument(
        "--format",
        choices=("csv", "json"),
        help="csv (the default) or json; a .json FILE implies json",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, services: Services) -> int:
    """Read the workspace (no lock: works while the app runs) and write the export."""
    from prospect_tui.transfer.export import NAMES, documents, write_csv, write_json

    form = args.format or ("json" if args.output and args.output.suffix == ".json" else "csv")
    if args.output is not None:
        from prospect_tui.transfer.output import check_output

        check_output(args.output, services.where)  # before any work: never into the workspace
    with services.session(write=False) as repository:  # written before it closes
        records: Iterable[Record]
        if args.kind == "calls":
            records = repository.iter_calls()  # month by month, never all at once
        elif args.kind == "prospects":
            records = repository.prospects()
        elif args.kind == "time":
            records = repository.time_entries()
        elif args.kind == "followups":
            records = repository.followups()
        else:
            records = repository.sprints()
        buffer = io.StringIO(newline="")
        if form == "json":
            count = write_json(documents(records), buffer)
        else:
            count = write_csv(args.kind, documents(records), buffer)
    if args.output is None:
        sys.stdout.write(buffer.getvalue())
        return 0
    from prospect_tui.transfer.output import write_output

    encoding = "utf-8-sig" if form == "csv" else "utf-8"  # the BOM tells Excel it is UTF-8
    write_output(args.output, buffer.getvalue().encode(encoding), services.where)
    print(f"Exported {count} {NAMES.get(args.kind, args.kind)} to {args.output}.", file=sys.stderr)
    return 0
