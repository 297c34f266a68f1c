"""``prospect sample``: fill an empty workspace with fictional prospects and history."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from prospect_tui.commands import UserError, add_parser

if TYPE_CHECKING:
    from prospect_tui.services import Services


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``sample`` to the command line."""
    parser = add_parser(
        sub,
        "sample",
        "Fill an empty workspace with fictional prospects across time zones and, with "
        "--calls, weeks of call history.",
    )
    from prospect_tui.sample import DEFAULT_PROSPECTS

    parser.add_argument(
        "--prospects",
        type=_count,
        default=DEFAULT_PROSPECTS,
        metavar="N",
        help=f"how many prospects (default {DEFAULT_PROSPECTS})",
    )
    parser.add_argument(
        "--calls",
        type=_count,
        default=0,
        metavar="N",
        help="how many past calls to make up (default none)",
    )
    parser.add_argument(
        "--weeks",
        type=_count,
        default=6,
        metavar="W",
        help="weeks of history the calls spread over (default 6)",
    )
    parser.add_argument("--seed", type=int, default=7, help=argparse.SUPPRESS)
    parser.set_defaults(run=run)


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is below zero")
    return value


def run(args: argparse.Namespace, services: Services) -> int:
    """Generate the sample: each month of calls straight to its file, the rest in one journal line.

    The calls are written as they are made, so a decade of them is never in
    memory at once; if they cannot all be made, the months written are removed.
    """
    from prospect_tui.sample.generate import MAX_PROSPECTS, generate
    from prospect_tui.store.call_months import CallMonths
    from prospect_tui.store.call_records import CALL_COUNTER

    config, clock = services.config, services.clock
    if args.calls and not args.prospects:
        raise UserError("Calls need prospects to call; give --prospects as well.")
    if args.prospects > MAX_PROSPECTS:  # checked before the workspace is created
        raise UserError(
            f"Cannot make that sample: the sample can make at most {MAX_PROSPECTS} prospects."
        )
    with services.session(write=True) as repository:
        existing = repository.count_prospects()
        if existing or repository.workspace.call_shards():
            what = f"{existing} prospects" if existing else "calls"
            raise UserError(
                f"This workspace already has {what}; the sample only goes into an "
                "empty one — set PROSPECT_HOME to a new folder to try it."
            )
        months = CallMonths(repository.workspace)
        try:
            sample = generate(
                config,
                clock.now(),
                clock.tz,
                prospects=args.prospects,
                calls=args.calls,
                weeks=args.weeks,
                seed=args.seed,
                on_call=months.add,
            )
            months.flush()
        except BaseException as error:
            months.discard()
            if isinstance(error, ValueError):
                raise UserError(f"Cannot make that sample: {error}.") from None
            raise
        repository.insert_with_ids(sample.records(), used={CALL_COUNTER: months.highest})
        # Under the lock: the next writer to open removes temporary files it finds.
        wrote_config = _write_config(services)
    zones = len({p.timezone for p in sample.prospects})
    countries = len({p.country for p in sample.prospects})
    print(
        f"Added {len(sample.prospects)} fictional prospects ({zones} time zones, "
        f"{countries} countries), {months.count} calls and {len(sample.sprints)} "
        f"sprints to {services.where.data_dir}."
    )
    if wrote_config:
        print(
            f"Wrote {services.where.config_file} with sample openers, objections and planned "
            "blocks; edit it to make them yours."
        )
    return 0


def _write_config(services: Services) -> bool:
    """Give a workspace without ``config.toml`` the sample's openers and plan."""
    import os

    from prospect_tui.sample.data import sample_config_toml
    from prospect_tui.store.errors import StoreWriteFailed
    from prospect_tui.store.files import atomic_write

    path = services.where.config_file
    if os.path.lexists(path):  # even a link: the user's, never replaced nor followed
        return False
    try:
        atomic_write(path, sample_config_toml().encode())
    except OSError as error:
        raise StoreWriteFailed(path, error) from None
    return True
