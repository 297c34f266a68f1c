"""``prospect restore``: the last good copy back, the damaged bytes kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from prospect_tui.store import backups
from prospect_tui.store import journal as journal_file
from prospect_tui.store.errors import StoreDamaged, StoreLocked
from prospect_tui.store.restore import restore
from prospect_tui.store.workspace import DAMAGED_DIR, WORKSPACE_FILE, Workspace

P = ("prospects", "prospects")


def names(ws: Workspace) -> list[str]:
    return [doc["name"] for doc in ws.table(*P)]


def fold_names(home: Path, *batch: str) -> None:
    with Workspace.open(home, write=True) as ws:
        for name in batch:
            ws.table(*P).insert({"name": name})


def damaged_files(home: Path) -> list[bytes]:
    folder = home / DAMAGED_DIR
    return sorted(p.read_bytes() for p in folder.iterdir()) if folder.exists() else []


def test_a_workspace_that_reads_cleanly_needs_nothing(home: Path) -> None:
    fold_names(home, "Ada")
    fold_names(home, "Grace")
    before = {p: p.read_bytes() for p in home.rglob("*") if p.is_file()}

    assert restore(home) == []

    assert {p: p.read_bytes() for p in home.rglob("*") if p.is_file()} == before


def test_a_damaged_shard_comes_back_from_its_backup(home: Path) -> None:
    fold_names(home, "Ada")
    fold_names(home, "Grace")  # the file holding Ada alone is now a backup
    (backup,) = backups.listed(home, "prospects")
    garbage = b'{"prospects": {"1": {"name": "Ada"}, "2": {"na'
    (home / "prospects.json").write_bytes(garbage)

    done = restore(home)

    assert len(done) == 1
    assert "prospects.json was restored" in done[0]
    assert backups.label(backup) in done[0]
    assert (home / "prospects.json").read_bytes() == backup.read_bytes()
    assert damaged_files(home) == [garbage]
    assert str(home / DAMAGED_DIR) in done[0]
    with Workspace.open(home, write=True) as ws:
        assert names(ws) == ["Ada"]


def test_a_damaged_calls_shard_is_restored_and_the_others_left_alone(home: Path) -> None:
    for n in range(2):
        with Workspace.open(home, write=True) as ws:
            ws.table("calls/2026-11", "calls").insert({"c": n})
            ws.table(*P).insert({"name": f"p{n}"})
    prospects = (home / "prospects.json").read_bytes()
    (home / "calls" / "2026-11.json").write_bytes(b"")

    done = restore(home)

    assert [sentence.split(" ")[0] for sentence in done] == ["2026-11.json"]
    assert (home / "prospects.json").read_bytes() == prospects
    with Workspace.open(home) as ws:
        assert [doc["c"] for doc in ws.table("calls/2026-11", "calls")] == [0]


def test_the_newest_good_backup_is_used(home: Path) -> None:
    for name in ["Ada", "Grace", "Hedy"]:
        fold_names(home, name)
    newest = backups.listed(home, "prospects")[0]
    newest.unlink()  # a hard link: replace it, do not write through it
    newest.write_bytes(b"not json either")
    (home / "prospects.json").write_bytes(b"{")

    restore(home)

    with Workspace.open(home) as ws:
        assert names(ws) == ["Ada"]


def test_without_a_backup_the_shard_is_left_as_it_is(home: Path) -> None:
    fold_names(home, "Ada")
    garbage = b"\x00\x00\x00"
    (home / "prospects.json").write_bytes(garbage)

    (sentence,) = restore(home)

    assert "prospects.json has no good backup; it is left as it is" in sentence
    assert (home / "prospects.json").read_bytes() == garbage
    assert damaged_files(home) == [garbage]
    with pytest.raises(StoreDamaged), Workspace.open(home) as ws:
        ws.table(*P)


def test_a_damaged_journal_keeps_the_changes_before_the_bad_line(home: Path) -> None:
    fold_names(home, "Ada")
    with Workspace.open(home, write=True) as ws:
        for name in ["Grace", "Hedy", "Katherine", "Margaret"]:
            ws.table(*P).insert({"name": name})
        ws.close(fold=False)
    path = home / journal_file.JOURNAL_FILE
    lines = path.read_bytes().splitlines(keepends=True)
    assert len(lines) == 5
    lines[3] = lines[3].replace(b"Katherine", b"Kxtherine")  # no longer matches its checksum
    whole = b"".join(lines)
    path.write_bytes(whole)

    (sentence,) = restore(home)

    assert "keeps the 2 changes before its damaged line 4" in sentence
    assert damaged_files(home) == [whole]
    assert path.read_bytes() == b"".join(lines[:3])
    with Workspace.open(home, write=True) as ws:
        assert names(ws) == ["Ada", "Grace", "Hedy"]
        ws.table(*P).insert({"name": "Annie"})  # and the journal carries on from there
    with Workspace.open(home) as ws:
        assert names(ws) == ["Ada", "Grace", "Hedy", "Annie"]


@pytest.mark.parametrize("content", [b"{schema", b'{"schema": 0}', b'{"schema": "one"}'])
def test_a_damaged_workspace_file_is_written_again(home: Path, content: bytes) -> None:
    # Whatever opening the workspace calls damaged, restore repairs.
    fold_names(home, "Ada")
    (home / WORKSPACE_FILE).write_bytes(content)

    (sentence,) = restore(home)

    assert "workspace.json was written again" in sentence
    assert json.loads((home / WORKSPACE_FILE).read_bytes())["schema"] == 1
    assert damaged_files(home) == [content]
    with Workspace.open(home) as ws:
        assert names(ws) == ["Ada"]


def test_restore_refuses_while_a_writer_holds_the_lock(home: Path) -> None:
    fold_names(home, "Ada")
    fold_names(home, "Grace")
    (home / "prospects.json").write_bytes(b"{")
    writer = Workspace.open(home, write=True)

    with pytest.raises(StoreLocked):
        restore(home)

    assert (home / "prospects.json").read_bytes() == b"{"
    assert not (home / DAMAGED_DIR).exists()
    writer.close()
    assert len(restore(home)) == 1
