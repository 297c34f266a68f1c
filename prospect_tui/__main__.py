"""The ``prospect`` command line: the app, and the commands of docs/contracts.md.

Every command honours ``PROSPECT_HOME``. Bad input gets one sentence on
stderr and exit status 2; nothing is changed. An unexpected error gets one
sentence too, with the traceback written to ``prospect.log`` for a bug report
(or to a private temporary file: no command creates the workspace just for it).

Plain ``prospect`` goes straight to the app: the command-line machinery
(argparse, every command module) is only imported when there are arguments,
since it would otherwise sit on the way to the first frame.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn

from prospect_tui.collector import pause_for_start, resume_after_start
from prospect_tui.core.errors import ProspectError

if TYPE_CHECKING:
    from prospect_tui.services import Services


def main(argv: Sequence[str] | None = None, services: Services | None = None) -> int:
    """Run the command line; returns the exit status.

    ``services`` (what :func:`~prospect_tui.services.open_services` returns)
    lets a test run a command or the app on a ManualClock; by default they
    are opened from ``PROSPECT_HOME`` or the platform's folders.
    """
    arguments = sys.argv[1:] if argv is None else list(argv)
    try:
        if not arguments:
            # Resumed by the app once its first frame is out (or on the way out).
            pause_for_start()
            try:
                from prospect_tui.app import run_app

                return run_app(services)
            finally:
                resume_after_start()
        from prospect_tui.commands import build_parser
        from prospect_tui.services import open_services

        args = build_parser().parse_args(arguments)
        if services is None:
            services = open_services(workspace=False)
        return int(args.run(args, services) or 0)
    except ProspectError as error:
        print(str(error), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:  # noqa: BLE001 - the last line of defence: no traceback
        from prospect_tui.commands import fail_unexpectedly

        return fail_unexpectedly(error, services.where if services is not None else None)


def run() -> NoReturn:
    """Entry point of the console script."""
    code = main()
    # What is left is for the process's exit to give back at once. The collection
    # the interpreter runs on its way out walked it all first: after an import of
    # 50,000 rows (their documents in a cycle with the closed store) a fifth of a
    # second of a five-second command.
    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":
    run()
