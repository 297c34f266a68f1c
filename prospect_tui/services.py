"""The composition root: what the app, every command and the tests run on.

:func:`open_services` finds the workspace's folders, reads ``config.toml``,
makes the clock and opens the store, the same way for ``prospect`` (the
app), every ``prospect COMMAND``, the tests, the screenshots and the
benchmarks. The clock and the notifier can be handed in: a test runs the app
or a command on a :class:`~prospect_tui.core.clock.ManualClock` and a fake
notifier.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cached_property
from typing import TYPE_CHECKING, Protocol, cast

from prospect_tui.locations import Locations, locations

if TYPE_CHECKING:
    from prospect_tui.core.clock import Clock
    from prospect_tui.core.config import Config
    from prospect_tui.store.repository import Repository
    from prospect_tui.store.workspace import Workspace


class Notifier(Protocol):
    """How the app tells the user something happened while they look away.

    :class:`prospect_tui.notify.DesktopNotifier` is the real one; a test
    passes a fake that records what was sent and how often the bell rang.
    """

    def send(self, title: str, message: str) -> None:
        """Show a notification (returns at once)."""

    def bell(self) -> None:
        """Ring the terminal bell."""


class HasServices(Protocol):
    """The app, as screens and dialogs see it: it holds the services, nothing more."""

    services: Services


def services_of(app: object) -> Services:
    """The services of the running app (screens are handed them, never the app)."""
    return cast("HasServices", app).services


class DurableSignal:
    """Fans the journal's "fsync'd up to seq" out to whoever listens (syncer thread)."""

    def __init__(self) -> None:
        self.listeners: list[Callable[[int], None]] = []

    def __call__(self, seq: int) -> None:
        for listener in list(self.listeners):
            listener(seq)


class Services:
    """The dependencies, passed in rather than looked up.

    The config and the clock are read on first use unless given, so a command
    that needs neither (``restore``) is not stopped by a bad ``config.toml``.
    """

    def __init__(
        self,
        where: Locations,
        *,
        config: Config | None = None,
        clock: Clock | None = None,
        notifier: Notifier | None = None,
    ) -> None:
        self.where = where
        """The workspace's folders."""
        self.notifier = notifier
        """Notifications and bell; None: the app makes the desktop one."""
        self.durable = DurableSignal()
        """Called from the journal's syncer thread as writes reach the disk."""
        self._workspace: Workspace | None = None
        if config is not None:
            self.config = config
        if clock is not None:
            self.clock = clock

    @cached_property
    def config(self) -> Config:
        """``config.toml``, checked; a bad value raises with its key and line."""
        from prospect_tui.core.config import load_config

        return load_config(self.where.config_file)

    @cached_property
    def clock(self) -> Clock:
        """The only source of the current time: the system clock in the user's zone."""
        from prospect_tui.core.clock import SystemClock

        return SystemClock.in_zone(self.config.days.timezone)

    @property
    def workspace(self) -> Workspace:
        """The store the app keeps open (see :meth:`open_workspace`)."""
        if self._workspace is None:
            raise RuntimeError("the workspace is not open: call open_workspace() first")
        return self._workspace

    def open_workspace(self) -> Workspace:
        """Open and lock the store for writing, for as long as the app runs."""
        if self._workspace is None:
            from prospect_tui.store.workspace import Workspace

            self._workspace = Workspace.open(
                self.where.data_dir, write=True, sync="background", on_durable=self.durable
            )
        return self._workspace

    @cached_property
    def repository(self) -> Repository:
        """Records in and out of :attr:`workspace`.

        Made on first use: the records' module is not needed to draw the first
        frame, and the workspace (lock, journal, damage checks) is already open.
        """
        from prospect_tui.store.repository import Repository

        return Repository(self.workspace)

    @contextmanager
    def session(self, *, write: bool) -> Iterator[Repository]:
        """A command's look at the store: locked for writing or read as it is.

        Folded on the way out; left as it is (the journal keeps what was
        written) if the command fails.
        """
        from prospect_tui.store.repository import Repository
        from prospect_tui.store.workspace import Workspace

        workspace = Workspace.open(self.where.data_dir, write=write)
        try:
            yield Repository(workspace)
        except BaseException:
            workspace.close(fold=False)
            raise
        workspace.close()

    def close(self) -> None:
        """Fold the journal into the store files and let go of the lock."""
        if self._workspace is not None:
            self._workspace.close()
            self._workspace = None


def open_services(
    where: Locations | None = None,
    clock: Clock | None = None,
    config: Config | None = None,
    notifier: Notifier | None = None,
    *,
    workspace: bool = True,
) -> Services:
    """Read the config, make the clock and (for the app) lock the workspace.

    ``where`` defaults to the folders ``PROSPECT_HOME`` (or the platform)
    points to. With ``workspace`` the config is read and the store opened and
    locked now, so a bad config, a damaged store or a second instance raises
    :class:`~prospect_tui.core.errors.ProspectError` before any screen is
    drawn. Without it (the commands) both wait until they are needed.
    """
    services = Services(where or locations(), config=config, clock=clock, notifier=notifier)
    if workspace:
        services.config  # noqa: B018 - read now: a bad value stops the app before its first frame
        services.open_workspace()
    return services


def close_services(services: Services) -> None:
    """Fold the journal into the store files and let go of the lock."""
    services.close()
