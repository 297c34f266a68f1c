"""``prospect review [--date YYYY-MM-DD] [--days N | --all] [--format text|json|markdown]``."""

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
    window = parser.add_mutually_exclusive_group()
    window.add_argument(
        "--days",
        type=_days,
        default=1,
        metavar="N",
        help="review the N days ending on the date: their counts, and experiments over them "
        "(default: 1, the day; its experiments look at [experiments] window_days)",
    )
    window.add_argument(
        "--all",
        dest="days",
        action="store_const",
        const=None,
        help="review every day since the first call",
    )
    parser.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    parser.set_defaults(run=run)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-19") from None


MAX_DAYS = 36_500
"""A hundred years: more than any history, small enough to count day by day."""


def _days(text: str) -> int:
    try:
        days = int(text)
    except ValueError:
        days = 0
    if not 1 <= days <= MAX_DAYS:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a whole number of days from 1 to {MAX_DAYS:,}"
        )
    return days


def run(args: argparse.Namespace, services: Services) -> int:
    """Read the workspace (no lock: works while the app runs) and print the review."""
    from prospect_tui.core.days import local_date
    from prospect_tui.transfer.review_query import day_review
    from prospect_tui.transfer.review_report import render

    config, clock = services.config, services.clock
    today = local_date(clock.now(), clock.tz, config.days.start_hour)
    day = args.date or today
    with services.session(write=False) as repository:
        review = day_review(repository, day, config, clock.tz, today=today, days=args.days)
    sys.stdout.write(render(review, args.format, clock.tz))
    return 0
