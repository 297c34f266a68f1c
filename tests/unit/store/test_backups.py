"""Backups: the file a fold replaces is kept, rotated, never overwritten."""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from prospect_tui.store import backups
from prospect_tui.store.shard_file import parses
from prospect_tui.store.workspace import Workspace

PARIS = ZoneInfo("Europe/Paris")
TODAY_NOON = datetime(2026, 11, 19, 12, 0, tzinfo=PARIS)
"""Noon, so a day is the same day in Paris and in UTC whatever zone the process uses."""


def fold_once(home: Path, n: int) -> None:
    with Workspace.open(home, write=True) as ws:
        ws.table("prospects", "prospects").insert({"priority": n})
        ws.table("calls/2026-11", "calls").insert(
            {
                "prospect_id": 1,
                "started_at": "2026-11-02T09:00:00+00:00",
                "ended_at": "2026-11-02T09:01:00+00:00",
                "outcome": "no_answer",
                "local_date": "2026-11-02",
                "local_hour": n,
            }
        )


def seq_in(path: Path) -> int:
    return int(json.loads(path.read_bytes())["_meta"]["1"]["seq"])


def test_a_fold_keeps_the_file_it_replaces_under_its_sequence(home: Path) -> None:
    fold_once(home, 1)
    assert not list((home / "backups").rglob("*.json"))  # the first fold replaced nothing
    old = {
        "prospects": (home / "prospects.json").read_bytes(),
        "calls/2026-11": (home / "calls" / "2026-11.json").read_bytes(),
    }
    old_seq = seq_in(home / "prospects.json")

    fold_once(home, 2)

    for shard, content in old.items():
        (kept,) = backups.listed(home, shard)
        assert kept == home / "backups" / shard / f"{old_seq:012d}.json"
        assert kept.read_bytes() == content
    assert not backups.listed(home, "activity")  # untouched by the fold: nothing to keep


def test_backups_are_never_overwritten(home: Path) -> None:
    seen: dict[Path, bytes] = {}
    for n in range(5):
        fold_once(home, n)
        now = {p: p.read_bytes() for p in (home / "backups").rglob("*.json")} if n else {}
        for path, content in seen.items():
            if path in now:  # rotation may delete; it never rewrites
                assert now[path] == content, path
        seen.update(now)
    assert len(seen) == 2 * 4


def test_keep_does_not_replace_an_existing_backup(tmp_path: Path) -> None:
    current = tmp_path / "prospects.json"
    current.write_bytes(b"first")
    first = backups.keep(tmp_path, "prospects", current, 7)
    current.unlink()  # replaced, as a fold replaces it: the backup is a hard link
    current.write_bytes(b"second")

    again = backups.keep(tmp_path, "prospects", current, 7)

    assert again == first
    assert first is not None and first.read_bytes() == b"first"


def make_backup(home: Path, seq: int, when: datetime) -> Path:
    folder = backups.folder(home, "prospects")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{seq:012d}.json"
    path.write_bytes(b"{}")
    os.utime(path, (when.timestamp(), when.timestamp()))
    return path


def kept_seqs(home: Path) -> list[int]:
    return sorted(int(p.stem) for p in backups.listed(home, "prospects"))


def test_rotation_keeps_the_newest_three_and_the_newest_of_each_of_14_days(home: Path) -> None:
    seq = 0
    newest_of_day: dict[int, int] = {}
    for days_ago in range(20, 0, -1):  # two backups a day for twenty days
        for minute in (0, 30):
            seq += 1
            make_backup(home, seq, TODAY_NOON - timedelta(days=days_ago, minutes=-minute))
        newest_of_day[days_ago] = seq
    for minute in range(5):  # and five today
        seq += 1
        make_backup(home, seq, TODAY_NOON + timedelta(minutes=minute))

    deleted = backups.prune(home, "prospects")

    newest_three = [seq - 2, seq - 1, seq]  # today's newest three
    # Today is one of the 14 days and its newest is among those three.
    days = [newest_of_day[d] for d in range(1, 14)]
    assert kept_seqs(home) == sorted(days + newest_three)
    assert len(deleted) == seq - len(kept_seqs(home))


def test_each_fold_keeps_the_journal_it_folded_beside_the_backups(home: Path) -> None:
    fold_once(home, 1)
    (first,) = backups.changes(home, "prospects")
    assert backups.span(first) == (0, seq_in(home / "prospects.json"))  # from nothing

    with Workspace.open(home, write=True) as ws:
        ws.table("prospects", "prospects").insert({"priority": 2})
        folded = (home / "journal.jsonl").read_bytes()

    (backup,) = backups.listed(home, "prospects")
    (second,) = backups.changes(home, "prospects")  # the first is in the backup now
    # From the file the fold replaced (the backup) to the file it wrote: the journal as
    # it was, a hard link in the folder of each shard the fold wrote.
    assert backups.span(second) == (backups.seq_of(backup), seq_in(home / "prospects.json"))
    assert second.read_bytes() == folded
    assert (home / "journal.jsonl").read_bytes() != folded  # reset after the fold
    assert not backups.changes(home, "calls/2026-11")[-1].samefile(second)  # not in that fold


def test_change_logs_older_than_every_backup_kept_are_deleted(home: Path) -> None:
    for n in range(8):
        fold_once(home, n)

    oldest = min(backups.seq_of(p) for p in backups.listed(home, "prospects"))
    logs = backups.changes(home, "prospects")
    # Every change since the oldest backup kept, and nothing older.
    assert backups.span(logs[0])[0] == oldest
    assert all(backups.span(p)[1] > oldest for p in logs)
    assert [backups.span(p)[1] for p in logs[:-1]] == [backups.span(p)[0] for p in logs[1:]]


def test_many_folds_in_one_day_keep_just_the_newest_three(home: Path) -> None:
    written = []
    for n in range(8):
        fold_once(home, n)
        written.append(seq_in(home / "prospects.json"))

    # The three files replaced last, the one just replaced among them.
    assert kept_seqs(home) == written[-4:-1]


def test_the_newest_three_count_among_the_14_days(home: Path) -> None:
    for days_ago in range(20, -1, -1):  # one backup a day, today included
        make_backup(home, 100 - days_ago, TODAY_NOON - timedelta(days=days_ago))

    backups.prune(home, "prospects")

    assert kept_seqs(home) == list(range(100 - 13, 101))  # 14 days: today and 13 before


def test_a_workspace_used_now_and_then_keeps_its_last_14_days_of_use(home: Path) -> None:
    for n, days_ago in enumerate([200, 120, 90, 60, 30, 7, 1]):
        make_backup(home, n + 1, TODAY_NOON - timedelta(days=days_ago))

    assert backups.prune(home, "prospects") == []
    assert kept_seqs(home) == [1, 2, 3, 4, 5, 6, 7]


def test_rotation_leaves_other_files_and_shards_alone(home: Path) -> None:
    for n in range(6):
        make_backup(home, n + 1, TODAY_NOON)
    stray = backups.folder(home, "prospects") / "notes.txt"
    stray.write_text("mine")
    make_other = backups.folder(home, "activity")
    make_other.mkdir(parents=True)
    (make_other / "000000000001.json").write_bytes(b"{}")

    backups.prune(home, "prospects")

    assert stray.exists()
    assert (make_other / "000000000001.json").exists()


def test_the_newest_good_backup_skips_damaged_ones(home: Path) -> None:
    fold_once(home, 1)
    fold_once(home, 2)
    fold_once(home, 3)
    older, newer = sorted(backups.listed(home, "prospects"))[-2:]
    # A backup is a hard link to a file that once was current; break a copy, not the link.
    newer.unlink()
    newer.write_bytes(b"{ not json")

    assert backups.newest_good(home, "prospects", parses) == older
    assert backups.newest_good(home, "nothing-here", parses) is None


def test_a_backup_is_named_to_the_user_by_when_it_was_saved(home: Path) -> None:
    path = make_backup(home, 1, TODAY_NOON)

    label = backups.label(path)

    local = datetime.fromtimestamp(TODAY_NOON.timestamp()).astimezone()
    assert label == f"saved {local:%Y-%m-%d %H:%M}"


@pytest.mark.parametrize("shard", ["prospects", "calls/2026-11"])
def test_backups_are_hard_links_not_copies(home: Path, shard: str) -> None:
    fold_once(home, 1)
    before = os.stat(home / f"{shard}.json")

    fold_once(home, 2)

    (kept,) = backups.listed(home, shard)
    assert os.stat(kept).st_ino == before.st_ino
