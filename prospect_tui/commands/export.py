"""``prospect export prospects|calls|sprints|time|followups [-o FILE] [--format csv|json]``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from prospect_tui.commands import add_parser

if TYPE_CHECKING:
    from prospect_tui.core.record import Record
    from prospect_tui.services import Services
    from prospect_tui.store.repository import Repository


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
    """Read the workspace (no lock: works while the app runs) and write the export.

    Written as it is read, one record at a time (calls a month at a time), so
    memory stays flat however long the history; a file given with ``-o`` is
    replaced only once all of it is written.
    """
    form = args.format or ("json" if args.output and args.output.suffix == ".json" else "csv")
    if args.output is not None:
        from prospect_tui.transfer.output import check_output

        check_output(args.output, services.where)  # before any work: never into the workspace
    with services.session(write=False) as repository:  # written before it closes
        if args.output is None:
            import shutil
            import tempfile

            # Spooled to a temporary file, not to the terminal: a month found damaged
            # half-way must leave stdout empty, and memory stays flat all the same.
            with tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as spool:
                _write(args.kind, form, repository, spool)
                spool.seek(0)
                shutil.copyfileobj(spool, sys.stdout)
            sys.stdout.flush()
            return 0
        from prospect_tui.transfer.output import output_stream

        encoding = "utf-8-sig" if form == "csv" else "utf-8"  # the BOM tells Excel it is UTF-8
        with output_stream(args.output, services.where, encoding) as out:
            count = _write(args.kind, form, repository, out)
    from prospect_tui.transfer.export import NAMES

    print(f"Exported {count} {NAMES.get(args.kind, args.kind)} to {args.output}.", file=sys.stderr)
    return 0


def _write(kind: str, form: str, repository: Repository, out: TextIO) -> int:
    """Write the ``kind`` records to ``out`` in ``form``; returns how many."""
    from prospect_tui.transfer.export import documents, write_csv, write_json

    if kind == "prospects":
        # Straight from the stored documents, read once: a CSV finds its extra
        # columns as it goes (write_csv spools the rows until it knows them all).
        exported = repository.exported_prospects()
        if form == "json":
            return write_json(exported, out)
        return write_csv(kind, exported, out)
    records: Iterable[Record]
    if kind == "calls":
        records = repository.iter_calls()  # month by month, never all at once
    elif kind == "time":
        records = repository.time_entries()
    elif kind == "followups":
        records = repository.followups()
    else:
        records = repository.sprints()
    if form == "json":
        return write_json(documents(records), out)
    return write_csv(kind, documents(records), out)
