"""Desktop notifications for real: a private session bus, notify-send, and a listener.

The app never blocks on a notification and never crashes without one: with a
notification service the message arrives intact (and never passes through a
shell); without one the notifier falls back to the in-app toast and bell.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


def on_a_session_bus(with_service: bool, tmp_path: Path, *message: str) -> dict[str, object]:
    assert shutil.which("dbus-run-session") and shutil.which("notify-send"), (
        "these tests need Debian's dbus and libnotify-bin (.ci/run installs them)"
    )
    done = subprocess.run(
        [
            "dbus-run-session",
            "--",
            sys.executable,
            str(HERE / "run_on_session_bus.py"),
            "1" if with_service else "0",
            str(tmp_path / "received.jsonl"),
            *message,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "PYTHONPATH": str(HERE.parents[1])},
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])  # type: ignore[no-any-return]


def test_a_notification_reaches_the_desktop_service_intact(tmp_path: Path) -> None:
    report = on_a_session_bus(True, tmp_path)
    assert report["present"] is True
    assert report["fell_back"] == []
    (sent,) = report["received"]  # type: ignore[misc]
    assert sent["app"] == "Prospect"
    assert sent["summary"] == "Sprint complete"
    # Handed over as an argument, never through a shell: the text arrives as typed.
    assert sent["body"] == "14 dials, 2 connects; it’s O’Brien’s turn `$(rm -rf ~)`"


def test_the_desktop_shows_markup_in_the_text_as_written(tmp_path: Path) -> None:
    # The service reads the body as markup: what arrives must be escaped, so
    # that it shows "<b>Bob</b> & Co" rather than a bold "Bob".
    report = on_a_session_bus(True, tmp_path, "<b>Bob</b> & Co <i>[/]</i> &amp;")
    (sent,) = report["received"]  # type: ignore[misc]
    assert sent["body"] == "&lt;b&gt;Bob&lt;/b&gt; &amp; Co &lt;i&gt;[/]&lt;/i&gt; &amp;amp;"


def test_without_a_service_it_falls_back_to_toast_and_bell(tmp_path: Path) -> None:
    report = on_a_session_bus(False, tmp_path)
    assert report["received"] == []
    assert report["fell_back"] == [
        ["Sprint complete", "14 dials, 2 connects; it's O'Brien's turn `$(rm -rf ~)`"]
    ]


def test_no_bus_at_all_is_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    from prospect_tui.notify import DesktopNotifier

    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", "/nonexistent")
    fell_back: list[tuple[str, str]] = []
    notifier = DesktopNotifier(
        desktop=True, fallback=lambda t, m: fell_back.append((t, m)), ring=lambda: None
    )
    notifier.send("Break over", "Back to the queue")
    assert fell_back == [("Break over", "Back to the queue")]
    assert notifier.sent == []
