"""What every screen is handed: settings, clock, store, notifier.

Built once by :func:`prospect_tui.app.make_app` (or by a test with a
:class:`~prospect_tui.core.clock.ManualClock` and a temporary workspace).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from prospect_tui.core.clock import Clock
from prospect_tui.core.config import Config
from prospect_tui.locations import Locations
from prospect_tui.store.workspace import Workspace

if TYPE_CHECKING:
    from prospect_tui.store.repository import Repository


class DurableSignal:
    """Fans the journal's "fsync'd up to seq" out to whoever listens (syncer thread)."""

    def __init__(self) -> None:
        self.listeners: list[Callable[[int], None]] = []

    def __call__(self, seq: int) -> None:
        for listener in list(self.listeners):
            listener(seq)


@dataclass
class Services:
    """The app's dependencies, passed in rather than looked up."""

    where: Locations
    """The workspace's folders."""
    config: Config
    """``config.toml``, already checked."""
    clock: Clock
    """The only source of the current time."""
    workspace: Workspace
    """The store, opened and locked for writing by this process."""
    durable: DurableSignal = field(default_factory=DurableSignal)
    """Called from the journal's syncer thread as writes reach the disk."""

    @cached_property
    def repository(self) -> Repository:
        """Records in and out of :attr:`workspace`.

        Made on first use: the records' module is not needed to draw the first
        frame, and the workspace (lock, journal, damage checks) is already open.
        """
        from prospect_tui.store.repository import Repository

        return Repository(self.workspace)
