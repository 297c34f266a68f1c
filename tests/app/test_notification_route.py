"""The app says once where its notifications go, and uses that route."""

from __future__ import annotations

from pathlib import Path

import pytest

from prospect_tui.app import make_app
from prospect_tui.notify import DesktopNotifier, Route, describe
from prospect_tui.services import Services
from tests.conftest import settle


async def test_with_no_bus_the_app_says_so_once_and_falls_back(
    services: Services, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "no-runtime"))
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        notifier = app.notifier
        assert isinstance(notifier, DesktopNotifier) and notifier.route is Route.TERMINAL
        said = [n.message for n in app._notifications]
        assert said == [describe(Route.TERMINAL)]

        app.notifier.send("Break over", "Back to the queue: [b]now[/b]")
        await settle(pilot)
        said = [n.message for n in app._notifications]
        assert said == [describe(Route.TERMINAL), "Back to the queue: [b]now[/b]"]


async def test_turned_off_the_app_says_nothing_about_it(
    home: Path, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    (home / "config.toml").write_text("[notify]\ndesktop = false\n")
    del services.config  # read again, with the file just written
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.notifier, DesktopNotifier) and app.notifier.route is Route.OFF
        assert list(app._notifications) == []
