"""``prospect import FILE.csv [--list NAME] [--dry-run]``.

The plan is made from a read-only view of the workspace, so a file that
cannot be imported leaves every byte of the workspace as it was (not even
the lock file is touched). Only a plan with changes opens the workspace for
writing; if another writer changed it in between, the plan is made again
under the lock before anything is written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from prospect_tui.commands import add_parser

if TYPE_CHECKING:
    from prospect_tui.services import Services
    from prospect_tui.store.repository import Repository
    from prospect_tui.transfer.csv_import import ImportPlan, Progress

BAR_FROM_LINES = 2_000
"""Files longer than this show a progress bar (when stderr is a terminal)."""
BAR_WIDTH = 30


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``import`` to the command line."""
    parser = add_parser(
        sub,
        "import",
        "Import prospects from a CSV file (HubSpot, Salesforce, or any list with a name and "
        "a phone or email column); duplicates merge, and a bad file changes nothing.",
    )
    parser.add_argument("file", type=Path, metavar="FILE.csv")
    parser.add_argument("--list", metavar="NAME", help="put new prospects in list NAME")
    parser.add_argument(
        "--dry-run", action="store_true", help="show what would happen and write nothing"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, services: Services) -> int:
    """Plan the import, apply it unless ``--dry-run``, print the report."""
    from prospect_tui.collector import paused_gc
    from prospect_tui.core.zones import home_country
    from prospect_tui.transfer.csv_import import (
        StoredProspects,
        apply_plan,
        plan_import,
    )
    from prospect_tui.transfer.import_file import read_import_file
    from prospect_tui.transfer.import_report import report_text

    path: Path = args.file
    list_name = (args.list or "").strip() or None
    now = services.clock.now()
    default_country = home_country(services.clock.tz)
    # A file that cannot be read is said before the workspace is opened, in the
    # sentence the app's import screen says.
    read_import_file(path)

    def plan_from(repository: Repository) -> ImportPlan:
        # The file's bytes are read for the plan and let go with it: held through the
        # write, they were 15 MB of a 50,000-row import's peak memory.
        return plan_import(
            read_import_file(path),
            StoredProspects(repository),
            list_name=list_name,
            now=now,
            progress=_bar(sys.stderr),
            default_country=default_country,
            name=path.name,
        )

    with paused_gc():  # reading and writing tens of thousands of records
        with services.session(write=False) as repository:
            seen = repository.last_seq
            plan = plan_from(repository)
        report = report_text(plan, dry_run=args.dry_run)
        if plan.changes and not args.dry_run:
            with services.session(write=True) as repository:
                if repository.last_seq != seen:
                    plan = plan_from(repository)  # another writer came in between
                    report = report_text(plan, dry_run=False)
                if plan.rows > BAR_FROM_LINES and sys.stderr.isatty():
                    print(
                        f"Saving {len(plan.new) + len(plan.updates):,} prospects…", file=sys.stderr
                    )
                apply_plan(repository, plan)
                # The store holds them now: let go of the plan's copies before the fold
                # writes the file, the import's other peak of memory.
                del plan
    sys.stdout.write(report)
    return 0


def _bar(stream: TextIO) -> Progress | None:
    """A one-line text bar on ``stream`` for long files, when it is a terminal."""
    if not stream.isatty():
        return None
    shown = -1

    def progress(done: int, total: int) -> None:
        nonlocal shown
        if total <= BAR_FROM_LINES:
            return
        percent = min(100, done * 100 // max(total, 1))
        if percent == shown:
            return
        shown = percent
        filled = BAR_WIDTH * percent // 100
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        end = "\n" if percent >= 100 else ""
        stream.write(f"\rReading [{bar}] {percent:3d}%  {done:,}/{total:,} lines{end}")
        stream.flush()

    return progress
