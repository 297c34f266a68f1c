"""``prospect nudge``: one round of the app's nudge checks, for cron or a systemd user timer.

The round is the app's (:mod:`prospect_tui.nudging`): a block starting, a
calling block with no sprint, the evening with a streak at stake. A nudge
already settled, by this command or by the app, never fires again. While the
app runs it holds the workspace's lock and nudges by itself, so this command
then does nothing. It exits 0 whatever the notification path does: a missed
nudge must not turn into a failing timer.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from prospect_tui.commands import add_parser

if TYPE_CHECKING:
    from prospect_tui.core.nudges import Nudge
    from prospect_tui.notify import DesktopNotifier
    from prospect_tui.services import Services

DELIVERY_WAIT_S = 20.0
"""How long the command waits for a notification on its way out before it exits anyway."""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``nudge`` to the command line."""
    parser = add_parser(
        sub,
        "nudge",
        "One round of nudge checks from the plan and today's sprints (for cron or a "
        "systemd timer), then exit.",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, services: Services) -> int:
    """Send the one nudge due now, if any and not sent before; exit 0."""
    from prospect_tui.nudging import nudge_round, settle
    from prospect_tui.store.errors import StoreLocked

    config, clock = services.config, services.clock
    now = clock.now()
    if not config.blocks and config.notify.evening is None:
        return 0  # nothing planned, nothing to nudge about: not even a look at the store
    # A first look without the lock: most rounds find nothing due, and a round must
    # not hold the lock in the moment the user starts the app.
    with services.session(write=False) as repository:
        if nudge_round(repository, config, now, clock.tz, outside_app=True).send is None:
            return 0
    try:
        with services.session(write=True) as repository:
            # Again under the lock: the app may have sent it since the first look.
            chosen = nudge_round(repository, config, now, clock.tz, outside_app=True)
            if chosen.send is None:
                return 0
            # Recorded before it is sent: a crash between the two loses one nudge,
            # never sends one twice.
            settle(repository, chosen.settled, chosen.send, now)
    except StoreLocked:
        return 0  # the app is running: it nudges by itself
    deliver(services, chosen.send)
    return 0


def deliver(services: Services, nudge: Nudge) -> None:
    """Send ``nudge`` and wait (a while) for it to go out; a failure is never an error."""
    from prospect_tui.crash import log_crash

    try:
        if services.notifier is not None:
            services.notifier.send(nudge.title, nudge.message)
            return
        notifier = _desktop(services)
        notifier.send(nudge.title, nudge.message)
        notifier.drain(DELIVERY_WAIT_S)  # the process must outlive the delivery
    except Exception as error:  # noqa: BLE001 - a nudge that cannot go out is not a failure
        log_crash(error, services.where.log_file)


def _desktop(services: Services) -> DesktopNotifier:
    """The app's notifier, with stdout for the app's screen: where there is no
    session bus the terminal's escape and a line of text go there (cron mails it)."""
    from prospect_tui.notify import DesktopNotifier

    return DesktopNotifier(
        desktop=services.config.notify.desktop,
        fallback=_print,
        ring=lambda: _write("\a"),
        terminal=_write,
    )


def _print(title: str, message: str) -> None:
    """Where no desktop notification can go: one line on stdout."""
    print(f"{title}: {message}", flush=True)


def _write(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()
