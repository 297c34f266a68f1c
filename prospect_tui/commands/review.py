"""``prospect review [--date YYYY-MM-DD] [--format text|json|markdown]``."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import TYPE_CHECKING

from prospect_tui.commands import add_parser

if TYPE_CHECKING:
    from prospect_tui.services import Services


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``review`` to the command line."""
    parser = add_parser(
        sub,
        "review",
        "The end-of-day review: the day against the goal, the streak, and what worked.",
    )
    parser.add_argument(
        "--date", type=_day, metavar="YYYY-MM-DD", help="the day to review (default: today)"
    )
    parser.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    parser.set_defaults(run=run)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-19") from None


def run(args: argparse.Namespace, services: Services) -> int:
    """Read the workspace (no lock: works while the app runs) and print the review."""
    from prospect_tui.core.days import local_date
    from prospect_tui.transfer.review_report import day_review, render

    config, clock = services.config, services.clock
    today = local_date(clock.now(), clock.tz, config.days.start_hour)
    day = args.date or today
    with services.session(write=False) as repository:
        review = day_review(repository, day, config, clock.tz, today=today)
    sys.stdout.write(render(review, args.format, clock.tz))
    return 0
