"""A failure injected at each step of the write path: nothing acknowledged is lost,
nothing half-written is visible.

Every system call the store makes to change the disk (open for writing, write,
fsync, truncate, rename) is counted while a call is logged and the journal is
folded on quit; then the same work is redone once per step, that step failing
with a full disk. After each run the workspace is opened again, as the next
start would, and must hold exactly what was acknowledged.
"""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from prospect_tui.core.model import Call, Prospect, Status
from prospect_tui.store.errors import StoreWriteFailed
from prospect_tui.store.files import TEMPORARY
from prospect_tui.store.repository import Repository
from prospect_tui.store.workspace import Workspace

START = datetime(2026, 11, 19, 9, 0, tzinfo=UTC)
WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


class Disk:
    """Wraps the calls that change files; fails the ``fail_at``-th of them (from 0)."""

    def __init__(self, fail_at: int | None = None) -> None:
        self.fail_at = fail_at
        self.steps: list[str] = []

    def step(self, name: str) -> None:
        if len(self.steps) == self.fail_at:
            self.steps.append(f"{name} (failed)")
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self.steps.append(name)

    def wrap(self, name: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if name != "open" or (len(args) > 1 and args[1] & WRITING):
                self.step(name)
            return real(*args, **kwargs)

        return wrapped


@contextmanager
def injected(disk: Disk) -> Iterator[Disk]:
    with pytest.MonkeyPatch.context() as patch:
        for name in ("open", "write", "fsync", "fdatasync", "ftruncate", "replace", "rename"):
            if hasattr(os, name):
                patch.setattr(os, name, disk.wrap(name, getattr(os, name)))
        yield disk


def a_call(prospect: Prospect, n: int) -> Call:
    at = START + timedelta(minutes=n)
    return Call(
        prospect_id=prospect.id,
        started_at=at,
        ended_at=at + timedelta(seconds=30),
        duration_s=30.0,
        outcome="no_answer",
        local_hour=10,
        local_date=date(2026, 11, 19),
    )


def log(repository: Repository, prospect: Prospect, n: int) -> None:
    prospect.attempts = n
    prospect.status = Status.ATTEMPTED
    prospect.notes = f"after call {n}"
    repository.log_call(a_call(prospect, n), prospect)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folded workspace: one prospect with two calls."""
    home = tmp_path_factory.mktemp("base") / "home"
    with Workspace.open(home, write=True) as workspace:
        repository = Repository(workspace)
        prospect = repository.save_prospect(
            Prospect(first_name="Ada", phone="+33142000000", timezone="Europe/Paris")
        )
        log(repository, prospect, 1)
        log(repository, prospect, 2)
    return home


def logging_then_quitting(home: Path, disk: Disk) -> bool:
    """Log a third call and fold on quit with ``disk`` in place; whether the call was
    acknowledged. Only a one-sentence :class:`StoreWriteFailed` may come out."""
    workspace = Workspace.open(home, write=True, sync="now")
    repository = Repository(workspace)
    (prospect,) = repository.prospects()
    acknowledged = False
    with injected(disk):
        try:
            log(repository, prospect, 3)
            acknowledged = True
        except StoreWriteFailed as failed:
            assert "\n" not in str(failed) and "No space left" in str(failed)
        try:
            workspace.close()
        except StoreWriteFailed as failed:
            assert "\n" not in str(failed) and "No space left" in str(failed)
    return acknowledged


def assert_whole(home: Path, acknowledged: bool) -> None:
    """The next start holds the acknowledged calls, each with its prospect's update."""
    stale = [p for p in home.rglob("*") if TEMPORARY.match(p.name)]
    for write in (False, True):
        with Workspace.open(home, write=write) as workspace:
            repository = Repository(workspace)
            ids = sorted(call.id for call in repository.iter_calls())
            (prospect,) = repository.prospects()
            assert ids == ([1, 2, 3] if acknowledged else [1, 2])
            assert prospect.attempts == len(ids)
            assert prospect.notes == f"after call {len(ids)}"
    # A temporary file a failure left is never read, and the next writer removes it.
    assert not [p for p in stale if p.exists()]


def test_every_step_of_logging_and_folding_is_counted(base: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    shutil.copytree(base, home)
    disk = Disk()
    assert logging_then_quitting(home, disk)
    # The journal line (write, fsync) and the fold: temporary file, fsync, rename, each file.
    assert {"write", "replace"} <= set(disk.steps)
    assert {"fsync", "fdatasync"} & set(disk.steps)
    assert len(disk.steps) > 10
    assert_whole(home, acknowledged=True)


def steps_of_a_clean_run(base: Path, tmp_path: Path) -> int:
    home = tmp_path / "counted"
    shutil.copytree(base, home)
    disk = Disk()
    logging_then_quitting(home, disk)
    return len(disk.steps)


def test_a_full_disk_at_each_step_loses_nothing_acknowledged(base: Path, tmp_path: Path) -> None:
    total = steps_of_a_clean_run(base, tmp_path)
    outcomes = set()
    for step in range(total):
        home = tmp_path / f"step-{step}"
        shutil.copytree(base, home)
        disk = Disk(fail_at=step)
        acknowledged = logging_then_quitting(home, disk)
        outcomes.add(acknowledged)
        try:
            assert_whole(home, acknowledged)
        except AssertionError as wrong:
            raise AssertionError(f"failing step {step} of {disk.steps}: {wrong}") from None
    assert outcomes == {True, False}  # some steps fail the call itself, later ones the fold
