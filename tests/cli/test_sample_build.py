"""``prospect sample`` writes its months of calls straight to their files, as a fold would."""

from __future__ import annotations

import argparse
import errno
import json
from pathlib import Path

import pytest

from prospect_tui.commands import UserError
from prospect_tui.commands import sample as sample_command
from prospect_tui.core.clock import ManualClock
from prospect_tui.core.config import Config
from prospect_tui.locations import Locations
from prospect_tui.services import open_services
from prospect_tui.store import call_months
from prospect_tui.store import workspace as workspace_module
from prospect_tui.store.errors import StoreWriteFailed
from prospect_tui.store.storage import RawTable
from tests.conftest import fill_sample

SIZE = {"prospects": 60, "calls": 600, "weeks": 4}


def build(home: Path, clock: ManualClock, **size: int) -> int:
    """``prospect sample`` into ``home`` at the frozen clock; its exit status."""
    where = Locations(data_dir=home, config_dir=home)
    services = open_services(where, clock=clock, config=Config(), workspace=False)
    args = argparse.Namespace(seed=7, **{**SIZE, **size})
    try:
        return sample_command.run(args, services)
    finally:
        services.close()


def store_files(home: Path) -> dict[str, bytes]:
    """Every store file under ``home`` (not the config, the lock or the backups), by path."""
    skip = {"config.toml", "prospect.lock"}
    return {
        str(path.relative_to(home)): path.read_bytes()
        for path in sorted(home.rglob("*"))
        if path.is_file() and path.name not in skip and "backups" not in path.parts
    }


def test_the_workspace_is_the_one_a_fold_of_the_same_sample_writes(
    tmp_path: Path, clock: ManualClock
) -> None:
    built, folded = tmp_path / "built", tmp_path / "folded"
    assert build(built, clock) == 0
    fill_sample(folded, clock, **SIZE)
    mine, theirs = store_files(built), store_files(folded)
    assert list(mine) == list(theirs)
    months = [name for name in mine if name.startswith("calls/")]
    assert len(months) >= 2
    for name in mine:
        if name in months:
            # Written before the one journal change the rest came in: folded up to it.
            assert b'"seq": 0,' in mine[name] and b'"seq": 1,' in theirs[name]
            assert mine[name].replace(b'"seq": 0,', b'"seq": 1,', 1) == theirs[name], name
        else:
            assert mine[name] == theirs[name], name


def test_the_same_arguments_build_the_same_workspace(tmp_path: Path, clock: ManualClock) -> None:
    assert build(tmp_path / "a", clock) == 0
    assert build(tmp_path / "b", clock) == 0
    assert store_files(tmp_path / "a") == store_files(tmp_path / "b")


def test_calls_that_cannot_be_made_leave_nothing_written(
    tmp_path: Path, clock: ManualClock
) -> None:
    home = tmp_path / "home"
    # Two prospects cannot take three hundred calls a working day for long: some
    # months are written before the generator finds nobody left to call.
    with pytest.raises(UserError, match="found someone to call; give more --prospects"):
        build(home, clock, prospects=2, calls=30_000, weeks=8)
    assert not (home / "calls").exists() or not list((home / "calls").iterdir())
    listed = json.loads((home / "workspace.json").read_text())
    assert listed["shards"] == []
    assert build(home, clock) == 0  # still empty: the sample goes in


def test_months_written_in_this_process_are_the_ones_a_second_process_writes(
    tmp_path: Path, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert call_months._CAN_FORK  # the build below writes its months from a second process
    assert build(tmp_path / "forked", clock) == 0
    monkeypatch.setattr(call_months, "_CAN_FORK", False)
    assert build(tmp_path / "here", clock) == 0
    assert store_files(tmp_path / "forked") == store_files(tmp_path / "here")


@pytest.mark.parametrize("fork", [True, False])
def test_a_month_that_cannot_be_written_fails_the_build_and_leaves_nothing(
    tmp_path: Path, clock: ManualClock, monkeypatch: pytest.MonkeyPatch, fork: bool
) -> None:
    written = call_months.write_folded_file
    tried: list[str] = []

    def disk_fills(path: Path, name: str, tables: dict[str, RawTable], seq: int) -> None:
        tried.append(name)  # in the process that writes: the second month finds the disk full
        if len(tried) > 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        written(path, name, tables, seq)

    monkeypatch.setattr(call_months, "_CAN_FORK", fork)
    monkeypatch.setattr(call_months, "write_folded_file", disk_fills)
    monkeypatch.setattr(workspace_module, "write_folded_file", disk_fills)
    home = tmp_path / "home"
    with pytest.raises(StoreWriteFailed):
        build(home, clock)
    assert not list((home / "calls").iterdir())
    assert json.loads((home / "workspace.json").read_text())["shards"] == []
