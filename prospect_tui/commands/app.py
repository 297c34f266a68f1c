"""``prospect`` with no command: the app."""

from __future__ import annotations


def run_app() -> int:
    """Open the workspace, run the app, fold the journal on the way out."""
    from prospect_tui.app import close_services, make_app, open_services

    services = open_services()
    try:
        result = make_app(services).run()
    finally:
        close_services(services)
    return int(result or 0)
