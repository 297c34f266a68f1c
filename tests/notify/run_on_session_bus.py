"""Run inside ``dbus-run-session``: send through Prospect's notifier, report what happened.

``python run_on_session_bus.py WITH_SERVICE RECORD [MESSAGE]`` starts the fake
notification service (when WITH_SERVICE is 1), sends one notification through
:class:`prospect_tui.notify.DesktopNotifier`, and prints a JSON report: whether the
notifier fell back to toast and bell, and what the service received.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

from prospect_tui.notify import DesktopNotifier, service_present

HERE = Path(__file__).resolve().parent


MESSAGE = "14 dials, 2 connects; it's O'Brien's turn `$(rm -rf ~)`"


def main(with_service: bool, record: Path, message: str = MESSAGE) -> dict[str, object]:
    daemon = None
    if with_service:
        ready = record.with_suffix(".ready")
        daemon = subprocess.Popen(
            [sys.executable, str(HERE / "fake_notification_daemon.py"), str(record), str(ready)]
        )
        while not ready.exists():  # the service must own its name before anyone calls it
            if daemon.poll() is not None:
                raise RuntimeError("the fake notification service did not start")
            threading.Event().wait(0.05)
    fell_back: list[tuple[str, str]] = []
    notifier = DesktopNotifier(
        desktop=True, fallback=lambda t, m: fell_back.append((t, m)), ring=lambda: None
    )
    notifier.send("Sprint complete", message)
    for thread in threading.enumerate():
        if thread.name == "notify":
            thread.join(timeout=30)
    if daemon is not None:
        daemon.kill()
    received = (
        [json.loads(line) for line in record.read_text().splitlines()] if record.exists() else []
    )
    return {"present": service_present(), "fell_back": fell_back, "received": received}


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1] == "1", Path(sys.argv[2]), *sys.argv[3:4])))
