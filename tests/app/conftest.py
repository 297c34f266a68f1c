"""Fixtures for driving the real app with Pilot."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from prospect_tui.app import ProspectApp
from prospect_tui.core.clock import ManualClock
from prospect_tui.locations import Locations
from prospect_tui.services import Services, close_services, open_services
from tests.conftest import FakeNotifier, fill_sample

__all__ = ["FakeNotifier"]  # the app tests import it from here


def fake_notifier(app: ProspectApp) -> FakeNotifier:
    """The fake the test's app was made with."""
    notifier = app.notifier
    assert isinstance(notifier, FakeNotifier)
    return notifier


@pytest.fixture
def services(where: Locations, clock: ManualClock) -> Iterator[Services]:
    """What ``prospect`` opens: config, the frozen clock, the locked workspace."""
    opened = open_services(where, clock=clock)
    yield opened
    close_services(opened)


@pytest.fixture
def sample_services(sample_home: Path, clock: ManualClock) -> Iterator[Services]:
    """The app's services over the shared seeded sample."""
    opened = open_services(Locations(sample_home, sample_home), clock=clock)
    yield opened
    close_services(opened)


@pytest.fixture
def sprint_home(home: Path, clock: ManualClock) -> Path:
    """A sample workspace with plenty of prospects callable on a Thursday afternoon."""
    fill_sample(home, clock, prospects=120, calls=300, weeks=3)
    return home


def screen_rows(app: ProspectApp) -> list[str]:
    """The terminal's rows as the compositor last drew them, as plain text."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def longest_empty_run(rows: list[str]) -> int:
    """The most consecutive rows with nothing on them."""
    longest = run = 0
    for row in rows:
        run = run + 1 if not row.strip() else 0
        longest = max(longest, run)
    return longest
