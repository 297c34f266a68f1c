"""The workspace: TinyDB writes become journal lines, folds, locks, damage, migrations."""

from __future__ import annotations

import copy
import errno
import gc
import json
import os
import re
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from tinydb import Query, TinyDB
from tinydb.table import Document

from prospect_tui.store import backups, doc_lines, migrations
from prospect_tui.store import journal as journal_file
from prospect_tui.store import workspace as workspace_module
from prospect_tui.store.errors import (
    ReadOnlyStore,
    StoreDamaged,
    StoreLocked,
    StoreTooNew,
    StoreWriteFailed,
)
from prospect_tui.store.journal import Journal
from prospect_tui.store.layout import DAMAGED_DIR, WORKSPACE_FILE
from prospect_tui.store.storage import META, JournaledTable
from prospect_tui.store.workspace import ID_BLOCK, Workspace

P = ("prospects", "prospects")
NOV = "calls/2026-11"


def entries(ws: Workspace) -> list[journal_file.Entry]:
    return journal_file.read(ws.journal_path).entries


def is_one_sentence(text: str) -> bool:
    """No line break and exactly one full stop that ends a sentence: the last character."""
    return "\n" not in text and text.endswith(".") and not re.search(r"[.!?]\s", text[:-1])


def memory(ws: Workspace) -> dict[str, Any]:
    """Every loaded shard's tables, deep-copied, to compare before and after."""
    return {name: copy.deepcopy(shard.tables) for name, shard in ws._shards.items()}


def everything(ws: Workspace) -> dict[str, dict[str, list[tuple[int, dict[str, Any]]]]]:
    """Every document of every shard, through TinyDB's read API."""
    result = {}
    for shard in [workspace_module.PROSPECTS, workspace_module.ACTIVITY, *ws.call_shards()]:
        db = ws.db(shard)
        result[shard] = {
            name: sorted((doc.doc_id, dict(doc)) for doc in db.table(name)) for name in db.tables()
        }
    return result


# -- TinyDB's API, journaled ---------------------------------------------------


def test_insert_writes_one_line_with_one_put(workspace: Workspace) -> None:
    table = workspace.table(*P)

    doc_id = table.insert({"name": "Ada"})

    assert [e.ops for e in entries(workspace)] == [
        [["put", "prospects", "prospects", doc_id, {"name": "Ada"}]]
    ]
    assert table.get(doc_id=doc_id) == {"name": "Ada"}


def test_insert_multiple_is_one_line(workspace: Workspace) -> None:
    ids = workspace.table(*P).insert_multiple([{"n": 1}, {"n": 2}, {"n": 3}])

    (line,) = entries(workspace)
    assert [op[3] for op in line.ops] == ids


def test_update_journals_only_the_documents_it_changed(workspace: Workspace) -> None:
    table = workspace.table(*P)
    table.insert_multiple([{"n": 1, "s": "a"}, {"n": 2, "s": "a"}, {"n": 3, "s": "a"}])

    table.update({"s": "b"}, Query().n == 2)

    last = entries(workspace)[-1]
    assert len(entries(workspace)) == 2
    assert last.ops == [["put", "prospects", "prospects", 2, {"n": 2, "s": "b"}]]


def test_an_update_that_changes_nothing_writes_nothing(workspace: Workspace) -> None:
    table = workspace.table(*P)
    table.insert_multiple([{"n": 1, "s": "a"}, {"n": 2, "s": "a"}])

    table.update({"s": "a"})  # same value everywhere
    table.update({"s": "z"}, Query().n == 99)  # matches nothing

    assert len(entries(workspace)) == 1


def test_an_update_in_place_on_a_nested_value_is_journaled(workspace: Workspace) -> None:
    table = workspace.table(*P)
    doc_id = table.insert({"tags": ["a"]})

    table.update(lambda doc: doc["tags"].append("b"), doc_ids=[doc_id])

    assert entries(workspace)[-1].ops == [
        ["put", "prospects", "prospects", 1, {"tags": ["a", "b"]}]
    ]


def test_upsert_updates_or_inserts(workspace: Workspace) -> None:
    table = workspace.table(*P)
    table.insert({"n": 1})

    table.upsert(Document({"n": 10}, doc_id=1))
    table.upsert(Document({"n": 7}, doc_id=7))

    assert [e.ops for e in entries(workspace)[1:]] == [
        [["put", "prospects", "prospects", 1, {"n": 10}]],
        [["put", "prospects", "prospects", 7, {"n": 7}]],
    ]


def test_put_stores_the_whole_document_as_one_put(workspace: Workspace) -> None:
    table = workspace.table(*P)
    assert isinstance(table, JournaledTable)
    table.insert({"n": 1, "paused_at": "10:00"})

    table.put(1, {"n": 2})  # a field left out is gone, not merged
    table.put(5, {"n": 5})

    assert [e.ops for e in entries(workspace)[1:]] == [
        [["put", "prospects", "prospects", 1, {"n": 2}]],
        [["put", "prospects", "prospects", 5, {"n": 5}]],
    ]
    assert [(d.doc_id, dict(d)) for d in table] == [(1, {"n": 2}), (5, {"n": 5})]


def test_a_put_that_changes_nothing_writes_nothing(workspace: Workspace) -> None:
    table = workspace.table(*P)
    assert isinstance(table, JournaledTable)
    table.insert({"n": 1, "tags": ["a"]})

    table.put(1, {"n": 1, "tags": ["a"]})

    assert len(entries(workspace)) == 1


def test_an_insert_after_a_put_takes_an_id_past_it(workspace: Workspace) -> None:
    table = workspace.table(*P)
    assert isinstance(table, JournaledTable)
    table.insert({"n": 1})  # TinyDB now counts the next free id from 2

    table.put(2, {"n": 2})

    assert table.insert({"n": 3}) == 3
    assert [dict(d) for d in table] == [{"n": 1}, {"n": 2}, {"n": 3}]


def test_a_put_does_not_make_the_next_insert_count_every_id_again(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Ending a sprint puts it; the next sprint's insert recounted 50,000 sprint ids.
    table = workspace.table(*P)
    assert isinstance(table, JournaledTable)
    table.insert({"n": 1})
    table.put(1, {"n": 2})
    table.put(4, {"n": 4})
    reads = []
    read = JournaledTable._read_table
    monkeypatch.setattr(JournaledTable, "_read_table", lambda t: reads.append(1) or read(t))

    assert table.insert({"n": 5}) == 5
    assert reads == []


def test_ids_counted_ahead_are_those_an_insert_would_count(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Home counts ten years of sprint ids while it is looked at, not the sprint's key.
    first = Workspace.open(tmp_path, write=True)
    first.table(*P).put(7, {"n": 7})  # type: ignore[attr-defined]
    first.table(*P).put(3, {"n": 3})  # type: ignore[attr-defined]
    first.close()
    workspace = Workspace.open(tmp_path, write=True)
    workspace.count_ids(*P)
    reads = []
    read = JournaledTable._read_table
    monkeypatch.setattr(JournaledTable, "_read_table", lambda t: reads.append(1) or read(t))

    assert workspace.table(*P).insert({"n": 8}) == 8
    assert reads == []
    workspace.close()


def test_an_insert_after_a_put_the_disk_refused_takes_the_next_free_id(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = workspace.table(*P)
    assert isinstance(table, JournaledTable)
    table.insert({"n": 1})

    monkeypatch.setattr(os, "write", disk_full)
    with pytest.raises(StoreWriteFailed):
        table.put(9, {"n": 9})
    monkeypatch.undo()

    assert table.insert({"n": 2}) == 2


def test_a_new_put_never_overwrites_a_document(workspace: Workspace) -> None:
    table = workspace.table(*P)
    assert isinstance(table, JournaledTable)
    table.insert({"n": 1})

    with pytest.raises(ValueError, match="already exists"):
        table.put(1, {"n": 2}, new=True)

    assert [dict(d) for d in table] == [{"n": 1}]
    assert len(entries(workspace)) == 1


def test_a_put_the_disk_refuses_changes_nothing(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = Workspace.open(home, write=True)
    first.table(*P).insert({"n": 1})
    first.close()  # folded: reopened, the document is held as the file's text
    workspace = Workspace.open(home, write=True)
    table = workspace.table(*P)
    assert isinstance(table, JournaledTable)
    on_disk = workspace.journal_path.read_bytes()

    monkeypatch.setattr(os, "write", disk_full)
    with pytest.raises(StoreWriteFailed):
        table.put(1, {"n": 2})
    with pytest.raises(StoreWriteFailed):
        table.put(2, {"n": 2})
    monkeypatch.undo()

    assert [(d.doc_id, dict(d)) for d in table] == [(1, {"n": 1})]
    assert workspace.journal_path.read_bytes() == on_disk
    workspace.close()
    assert [dict(d) for d in Workspace.open(home).table(*P)] == [{"n": 1}]


def test_a_put_over_a_document_held_as_text_keeps_the_text_for_an_undo(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Logging a call puts its prospect: parsing the old document first stood
    # between the key and the fsync.
    first = Workspace.open(home, write=True)
    first.table(*P).insert({"n": 1})
    first.close()
    workspace = Workspace.open(home, write=True)
    table = workspace.table(*P)
    assert isinstance(table, JournaledTable)
    docs = table._storage.shard.tables[P[1]]  # type: ignore[attr-defined]
    text = docs.text("1")
    assert text is not None
    monkeypatch.setattr(doc_lines, "parse", unparsed)

    monkeypatch.setattr(os, "write", disk_full)
    with pytest.raises(StoreWriteFailed):
        table.put(1, {"n": 2})
    assert docs.text("1") == text  # the undo put the very text back
    monkeypatch.setattr(os, "write", REAL_WRITE)
    table.put(1, {"n": 3})

    monkeypatch.undo()
    assert [(d.doc_id, dict(d)) for d in table] == [(1, {"n": 3})]
    workspace.close()


def unparsed(text: bytes) -> Any:
    raise AssertionError("a put parsed the document it replaces")


REAL_WRITE = os.write


def test_no_garbage_collection_runs_between_a_change_and_its_fsync(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A collection set off by a logged call's few hundred objects stood between
    # the key and the disk; it runs once the line is durable.
    enabled_at_sync = []
    sync = journal_file._datasync
    monkeypatch.setattr(
        journal_file, "_datasync", lambda fd: enabled_at_sync.append(gc.isenabled()) or sync(fd)
    )
    table = workspace.table(*P)
    with workspace.atomic():
        table.insert({"n": 1})
        assert not gc.isenabled()
    table.insert({"n": 2})  # one change alone, outside a batch
    assert enabled_at_sync == [False, False]
    assert gc.isenabled()

    gc.disable()  # left as it was found
    try:
        table.insert({"n": 3})
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_remove_journals_a_delete(workspace: Workspace) -> None:
    table = workspace.table(*P)
    table.insert_multiple([{"n": 1}, {"n": 2}, {"n": 3}])

    table.remove(Query().n >= 2)

    assert entries(workspace)[-1].ops == [
        ["del", "prospects", "prospects", 2],
        ["del", "prospects", "prospects", 3],
    ]
    assert [doc["n"] for doc in table] == [1]


def test_replay_of_the_journal_rebuilds_every_kind_of_write(home: Path) -> None:
    with Workspace.open(home, write=True) as ws:
        table = ws.table(*P)
        table.insert_multiple([{"n": 1}, {"n": 2}, {"n": 3}])
        table.update({"n": 20}, doc_ids=[2])
        table.remove(doc_ids=[3])
        table.upsert(Document({"n": 4}, doc_id=4))
        ws.table(NOV, "calls").insert({"c": 1})
        expected = everything(ws)
        ws.close(fold=False)

    reader = Workspace.open(home)
    assert everything(reader) == expected


def test_a_failed_updater_leaves_memory_and_journal_alone(workspace: Workspace) -> None:
    table = workspace.table(*P)
    table.insert({"n": 1})
    before = memory(workspace)

    with pytest.raises(ValueError):
        table.insert_multiple([{"n": 2}, Document({"n": 3}, doc_id=1)])  # id 1 is taken

    assert memory(workspace) == before
    assert len(entries(workspace)) == 1


def test_a_reader_cannot_write_and_keeps_its_memory(workspace: Workspace, home: Path) -> None:
    workspace.table(*P).insert({"n": 1})
    reader = Workspace.open(home)
    table = reader.table(*P)
    before = memory(reader)

    with pytest.raises(ReadOnlyStore):
        table.insert({"n": 2})
    with pytest.raises(ReadOnlyStore):
        reader.fold()

    assert memory(reader) == before
    assert len(entries(workspace)) == 1


def test_a_reader_sees_the_writers_unfolded_changes(workspace: Workspace, home: Path) -> None:
    workspace.table(*P).insert({"name": "Ada"})
    workspace.table(NOV, "calls").insert({"outcome": "meeting"})

    reader = Workspace.open(home)

    assert [dict(d) for d in reader.table(*P)] == [{"name": "Ada"}]
    assert reader.call_shards() == [NOV]
    assert [dict(d) for d in reader.table(NOV, "calls")] == [{"outcome": "meeting"}]
    with pytest.raises(StoreLocked):  # the writer still holds the lock
        Workspace.open(home, write=True)
    reader.close()


# -- fold ------------------------------------------------------------------------


def test_fold_writes_files_stock_tinydb_can_read(workspace: Workspace, home: Path) -> None:
    workspace.table(*P).insert({"name": "Zoë", "tags": ["vip"]})
    workspace.table("activity", "sprints").insert({"status": "running"})
    workspace.table(NOV, "calls").insert(Document({"outcome": "voicemail"}, doc_id=41))
    last = workspace.last_seq

    workspace.fold()

    for shard, table, expected in [
        ("prospects", "prospects", {1: {"name": "Zoë", "tags": ["vip"]}}),
        ("activity", "sprints", {1: {"status": "running"}}),
        (NOV, "calls", {41: {"outcome": "voicemail"}}),
    ]:
        with TinyDB(home / f"{shard}.json", encoding="utf-8") as stock:
            assert {doc.doc_id: dict(doc) for doc in stock.table(table)} == expected
            assert stock.tables() == {table, META}
            meta = dict(stock.table(META).get(doc_id=1) or {})
            assert meta.pop("bytes_after") > 0  # the size of what follows the _meta line
            dials = {"dials": {}} if shard == NOV else {}  # that call has no local_date
            assert meta == {
                "seq": last,
                "schema": migrations.SCHEMA,
                "counts": {table: len(expected)},
                **dials,
            }


def test_fold_resets_the_journal_and_a_reopen_sees_the_same_data(home: Path) -> None:
    ws = Workspace.open(home, write=True)
    ws.table(*P).insert_multiple([{"n": i} for i in range(5)])
    ws.table(*P).remove(doc_ids=[2])
    ws.table(NOV, "calls").insert({"c": 1})
    ws.table("calls/2026-10", "calls").insert({"c": 0})
    expected = everything(ws)
    last = ws.last_seq

    ws.fold()

    contents = journal_file.read(ws.journal_path)
    assert (contents.base, contents.entries) == (last, [])
    ws.table(*P).insert({"n": 99})  # the sequence carries on after the fold
    assert entries(ws)[0].seq == last + 1
    ws.table(*P).remove(doc_ids=[6])
    ws.close()

    for write in (False, True):
        with Workspace.open(home, write=write) as reopened:
            assert everything(reopened) == expected


def test_close_without_fold_leaves_the_journal_for_the_next_start(home: Path) -> None:
    ws = Workspace.open(home, write=True)
    ws.table(*P).insert({"n": 1})
    ws.close(fold=False)

    assert not (home / "prospects.json").exists()
    with Workspace.open(home, write=True) as reopened:
        assert [dict(d) for d in reopened.table(*P)] == [{"n": 1}]
    assert json.loads((home / "prospects.json").read_bytes())["prospects"] == {"1": {"n": 1}}


def test_a_long_journal_is_folded_when_a_writer_opens(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workspace_module, "FOLD_AFTER", 3)
    ws = Workspace.open(home, write=True)
    for i in range(3):
        ws.table(*P).insert({"n": i})
    ws.close(fold=False)

    with Workspace.open(home, write=True) as reopened:
        assert entries(reopened) == []
        assert (home / "prospects.json").exists()


def test_the_sample_workspace_reads_in_stock_tinydb(sample_home: Path) -> None:
    with Workspace.open(sample_home) as ws:
        shards = [workspace_module.PROSPECTS, workspace_module.ACTIVITY, *ws.call_shards()]
        assert len(ws.call_shards()) >= 2
        assert entries(ws) == []
        for shard in shards:
            with TinyDB(ws.shard_path(shard), encoding="utf-8") as stock:
                for name in stock.tables() - {META}:
                    mine = {d.doc_id: dict(d) for d in ws.table(shard, name)}
                    assert {d.doc_id: dict(d) for d in stock.table(name)} == mine


# -- atomic ------------------------------------------------------------------------


def test_atomic_groups_writes_to_several_shards_into_one_line(workspace: Workspace) -> None:
    with workspace.atomic():
        workspace.table(*P).insert({"n": 1})
        with workspace.atomic():  # nested: still the same line
            workspace.table(NOV, "calls").insert({"c": 1})
        workspace.table(*P).update({"n": 2}, doc_ids=[1])
        assert entries(workspace) == []  # nothing is written before the block ends

    (line,) = entries(workspace)
    assert {(op[1], op[3]) for op in line.ops} == {("prospects", 1), (NOV, 1)}
    assert [op[4] for op in line.ops if op[1] == "prospects"][-1] == {"n": 2}


def test_atomic_rolls_back_memory_on_an_exception(workspace: Workspace) -> None:
    workspace.table(*P).insert_multiple([{"n": 1}, {"n": 2}])
    workspace.table(NOV, "calls").insert({"c": 1})
    before = memory(workspace)
    seq = workspace.last_seq

    with pytest.raises(RuntimeError), workspace.atomic():
        workspace.table(*P).update({"n": 10}, doc_ids=[1])
        workspace.table(*P).remove(doc_ids=[2])
        workspace.table(*P).insert({"n": 3})
        workspace.table(NOV, "calls").insert({"c": 2})
        workspace.table("activity", "sprints").insert({"s": 1})
        raise RuntimeError("the outcome could not be computed")

    assert memory(workspace) == {**before, "activity": {"sprints": {}}}
    assert workspace.last_seq == seq
    assert len(entries(workspace)) == 2
    assert [d["n"] for d in workspace.table(*P)] == [1, 2]
    assert workspace.table(*P).search(Query().n == 10) == []  # the query cache was cleared
    workspace.table(*P).insert({"n": 4})  # and writing carries on
    assert len(entries(workspace)) == 3


# -- write failures ----------------------------------------------------------------


def disk_full(*args: object) -> int:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_disk_raises_store_write_failed_and_changes_nothing(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = workspace.table(*P)
    table.insert_multiple([{"n": 1}, {"n": 2}])
    before = memory(workspace)
    on_disk = workspace.journal_path.read_bytes()
    seq = workspace.last_seq

    monkeypatch.setattr(os, "write", disk_full)
    with pytest.raises(StoreWriteFailed) as raised:
        table.update({"n": 5}, doc_ids=[1])
    with pytest.raises(StoreWriteFailed):
        table.insert({"n": 3})
    with pytest.raises(StoreWriteFailed):
        table.remove(doc_ids=[2])
    monkeypatch.undo()

    assert memory(workspace) == before
    assert workspace.journal_path.read_bytes() == on_disk
    assert workspace.last_seq == seq
    assert [dict(d) for d in table] == [{"n": 1}, {"n": 2}]
    assert is_one_sentence(str(raised.value))
    assert "No space left on device" in str(raised.value)


def test_a_failed_append_rolls_back_a_whole_atomic_block(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace.table(*P).insert({"n": 1})
    before = memory(workspace)

    monkeypatch.setattr(Journal, "append", disk_full)
    with pytest.raises(StoreWriteFailed), workspace.atomic():
        workspace.table(*P).update({"n": 2}, doc_ids=[1])
        workspace.table(NOV, "calls").insert({"c": 1})
    monkeypatch.undo()

    assert memory(workspace) == {**before, NOV: {"calls": {}}}


def test_a_failed_fsync_is_not_replayed_on_the_next_start(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = Workspace.open(home, write=True)
    ws.table(*P).insert({"n": 1})

    def broken_disk(fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(journal_file, "_datasync", broken_disk)
    with pytest.raises(StoreWriteFailed):
        ws.table(*P).insert({"n": 2})
    monkeypatch.undo()
    ws.close(fold=False)

    with Workspace.open(home) as reopened:
        assert [dict(d) for d in reopened.table(*P)] == [{"n": 1}]


# -- the writer lock -----------------------------------------------------------------


def test_a_second_writer_is_told_so_in_one_sentence(workspace: Workspace, home: Path) -> None:
    with pytest.raises(StoreLocked) as raised:
        Workspace.open(home, write=True)

    message = str(raised.value)
    assert is_one_sentence(message), message
    assert str(home) in message
    assert f"process {os.getpid()}" in message
    assert raised.value.pid == os.getpid()


def test_readers_work_while_the_lock_is_held(workspace: Workspace, home: Path) -> None:
    workspace.table(*P).insert({"n": 1})
    workspace.fold()
    workspace.table(*P).insert({"n": 2})

    with Workspace.open(home) as reader:
        assert [d["n"] for d in reader.table(*P)] == [1, 2]

    workspace.table(*P).insert({"n": 3})  # the writer is unaffected


def test_the_lock_is_released_on_close(home: Path) -> None:
    Workspace.open(home, write=True).close()

    Workspace.open(home, write=True).close()


# -- permissions -------------------------------------------------------------------


@pytest.fixture
def loose_umask() -> Iterator[None]:
    """A umask that would make group- and world-readable files if the store let it."""
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.mark.usefixtures("loose_umask")
def test_every_file_is_0600_and_every_folder_0700(home: Path) -> None:
    for _ in range(2):  # the second fold makes backups
        with Workspace.open(home, write=True) as ws:
            ws.table(*P).insert({"n": 1})
            ws.table(NOV, "calls").insert({"c": 1})
            ws.table("activity", "sprints").insert({"s": 1})
    with Workspace.open(home, write=True) as ws:
        ws.table(*P).insert({"n": 2})
        ws.close(fold=False)
    with (home / journal_file.JOURNAL_FILE).open("ab") as torn:
        torn.write(b"0badf00d {")  # a torn tail, kept aside in damaged/
    Workspace.open(home, write=True).close()

    folders = {p.relative_to(home).as_posix() for p in home.rglob("*") if p.is_dir()}
    assert {"calls", "backups", "backups/calls", "backups/calls/2026-11", "damaged"} <= folders
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    for path in home.rglob("*"):
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), (path, oct(mode))
    assert not list(home.rglob("*.tmp"))


# -- damage ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b'{"prospects": {"1": {"name": "Ad', "not valid JSON"),
        (b'{"prospects": {"1": {"name": "Ada"}}}', "_meta table is missing"),
        (b'[{"name": "Ada"}]', "not a TinyDB file"),
        (b'{"_meta": {"1": {"seq": 1}}, "prospects": {"x": {}}}', "not a TinyDB table"),
        (b"\x00" * 64, "not valid JSON"),
    ],
)
@pytest.mark.parametrize("write", [False, True])
def test_a_damaged_shard_is_reported_kept_aside_and_left_alone(
    home: Path, content: bytes, problem: str, write: bool
) -> None:
    Workspace.open(home, write=True).close()
    path = home / "prospects.json"
    path.write_bytes(content)
    mtime = path.stat().st_mtime_ns

    ws = Workspace.open(home, write=write)
    with pytest.raises(StoreDamaged) as raised:
        ws.table(*P)
    ws.close()

    message = str(raised.value)
    assert is_one_sentence(message), message
    assert problem in message
    assert "no backup" in message
    kept = raised.value.kept_at
    assert kept is not None and kept.parent == home / DAMAGED_DIR
    assert kept.read_bytes() == content
    assert str(kept) in message
    assert path.read_bytes() == content
    assert path.stat().st_mtime_ns == mtime


def test_a_damaged_shard_with_a_backup_points_to_restore(home: Path) -> None:
    for n in range(2):
        with Workspace.open(home, write=True) as ws:
            ws.table(*P).insert({"n": n})
    assert backups.listed(home, "prospects")
    (home / "prospects.json").write_bytes(b"{")

    with pytest.raises(StoreDamaged) as raised, Workspace.open(home) as ws:
        ws.table(*P)

    message = str(raised.value)
    assert is_one_sentence(message), message
    assert "`prospect restore`" in message
    assert "saved " in message


def test_a_damaged_calls_shard_is_reported_when_it_is_read(home: Path) -> None:
    with Workspace.open(home, write=True) as ws:
        ws.table(NOV, "calls").insert({"c": 1})
    (home / "calls" / "2026-11.json").write_bytes(b"garbage")

    with Workspace.open(home) as ws:
        ws.table(*P)  # other shards still read
        with pytest.raises(StoreDamaged):
            ws.table(NOV, "calls")

    assert [p.read_bytes() for p in (home / DAMAGED_DIR).iterdir()] == [b"garbage"]


@pytest.mark.parametrize("content", [b"{", b'{"schema": "one"}', b"[]"])
def test_a_damaged_workspace_file_is_reported(home: Path, content: bytes) -> None:
    Workspace.open(home, write=True).close()
    (home / WORKSPACE_FILE).write_bytes(content)

    with pytest.raises(StoreDamaged) as raised:
        Workspace.open(home, write=True)

    assert is_one_sentence(str(raised.value))
    assert (home / WORKSPACE_FILE).read_bytes() == content
    with pytest.raises(StoreDamaged):  # not StoreLocked: the failed writer let go of the lock
        Workspace.open(home, write=True)
    with pytest.raises(StoreDamaged):
        Workspace.open(home)


def test_a_newer_schema_is_refused(home: Path) -> None:
    with Workspace.open(home, write=True) as ws:
        ws.table(*P).insert({"n": 1})
    newer = json.dumps({"schema": migrations.SCHEMA + 1}).encode()
    (home / WORKSPACE_FILE).write_bytes(newer)
    before = {p: p.read_bytes() for p in home.rglob("*.json")}

    for write in (False, True, True):  # the failed writer let go of the lock
        with pytest.raises(StoreTooNew) as raised:
            Workspace.open(home, write=write)

    assert is_one_sentence(str(raised.value))
    assert f"schema {migrations.SCHEMA + 1}" in str(raised.value)
    assert {p: p.read_bytes() for p in home.rglob("*.json")} == before


# -- migrations ------------------------------------------------------------------


@pytest.fixture
def schema_two(monkeypatch: pytest.MonkeyPatch) -> Callable[[], list[str]]:
    """Call it to pretend this Prospect writes schema 2, with a step marking every document.

    Until it is called, this Prospect writes schema 1 (see :func:`make_schema_one`).
    """
    monkeypatch.setattr(migrations, "SCHEMA", 1)
    monkeypatch.setattr(migrations, "MIGRATIONS", {})

    def upgrade() -> list[str]:
        migrated: list[str] = []

        def step(shard: str, tables: dict[str, dict[str, Any]]) -> None:
            migrated.append(shard)
            for docs in tables.values():
                for doc in docs.values():
                    doc["v2"] = True

        monkeypatch.setattr(migrations, "SCHEMA", 2)
        monkeypatch.setattr(migrations, "MIGRATIONS", {1: step})
        return migrated

    return upgrade


def make_schema_one(home: Path, *, pending: bool = True) -> None:
    with Workspace.open(home, write=True) as ws:
        ws.table(*P).insert({"n": 1})
        ws.table("activity", "sprints").insert({"s": 1})
        ws.table("calls/2026-10", "calls").insert({"c": 1})
        ws.table(NOV, "calls").insert({"c": 2})
    if pending:
        with Workspace.open(home, write=True) as ws:
            ws.table(*P).insert({"n": 2})  # left in the journal, written by schema 1
            ws.close(fold=False)
    assert json.loads((home / WORKSPACE_FILE).read_bytes())["schema"] == 1


def test_a_writer_migrates_every_shard_and_keeps_the_old_files(
    home: Path, schema_two: Callable[[], list[str]]
) -> None:
    make_schema_one(home)
    migrated = schema_two()
    shards = ["activity", "calls/2026-10", NOV, "prospects"]
    old = {name: (home / f"{name}.json").read_bytes() for name in shards}

    with Workspace.open(home, write=True) as ws:
        assert sorted(migrated) == shards
        assert json.loads((home / WORKSPACE_FILE).read_bytes())["schema"] == 2
        assert entries(ws) == []  # the migrated state is folded straight away
        for name in shards:
            on_disk = json.loads((home / f"{name}.json").read_bytes())
            docs = [doc for table, t in on_disk.items() if table != META for doc in t.values()]
            assert docs and all(doc["v2"] for doc in docs), name
            kept = [p.read_bytes() for p in backups.listed(home, name)]
            assert old[name] in kept, name
        assert [d["n"] for d in ws.table(*P)] == [1, 2]

    migrated.clear()
    with Workspace.open(home, write=True) as ws:  # no second migration
        ws.table(*P).all()
    assert migrated == []


def test_a_reader_migrates_in_memory_only(home: Path, schema_two: Callable[[], list[str]]) -> None:
    make_schema_one(home)
    schema_two()
    before = {p: p.read_bytes() for p in home.rglob("*") if p.is_file()}

    with Workspace.open(home) as ws:
        assert all(doc["v2"] for doc in ws.table(*P))

    assert {p: p.read_bytes() for p in home.rglob("*") if p.is_file()} == before


def test_the_migrated_files_get_backups_of_their_own(
    home: Path, schema_two: Callable[[], list[str]]
) -> None:
    make_schema_one(home, pending=False)  # nothing in the journal: the fold adds no change
    schema_two()
    with Workspace.open(home, write=True):
        pass

    with Workspace.open(home, write=True) as ws:
        ws.table(*P).insert({"n": 3})

    # The next fold keeps the migrated file too: a restore must never bring
    # back a schema 1 file into a schema 2 workspace just because it is newest.
    newest = json.loads(backups.listed(home, "prospects")[0].read_bytes())
    assert all(doc["v2"] for doc in newest["prospects"].values())


# -- ids -------------------------------------------------------------------------


def test_next_id_is_monotonic_across_close_and_reopen(home: Path) -> None:
    seen = []
    for _ in range(3):
        with Workspace.open(home, write=True) as ws:
            seen += [ws.next_id("calls"), ws.next_id("calls")]
            assert ws.next_id("other") == len(seen) // 2
    with Workspace.open(home, write=True) as ws:
        ws.next_id("calls")  # 7, taking 7 … 6 + ID_BLOCK
        ws.close(fold=False)  # counted in the journal only, as a kill leaves it
    with Workspace.open(home, write=True) as ws:
        seen.append(ws.next_id("calls"))
        seen.append(ws.next_id("calls", at_least=500))
        seen.append(ws.next_id("calls", at_least=10))

    # A clean close gives the rest of a block back; a kill leaves it unused.
    assert seen == [1, 2, 3, 4, 5, 6, 7 + ID_BLOCK, 500, 501]


def test_ids_are_taken_a_block_at_a_time_with_one_counter_write(workspace: Workspace) -> None:
    # A logged call's line carries the counter's op only when it opens a block.
    ids = []
    for _ in range(ID_BLOCK + 1):
        with workspace.atomic():
            ids.append(workspace.next_id("calls"))
            workspace.table(*P).insert({"n": ids[-1]})

    assert ids == list(range(1, ID_BLOCK + 2))
    counted = [op[4] for entry in entries(workspace) for op in entry.ops if op[2] == "counters"]
    assert counted == [{"calls": ID_BLOCK}, {"calls": 2 * ID_BLOCK}]


def test_a_block_whose_write_failed_is_never_handed_out(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert [workspace.next_id("calls") for _ in range(ID_BLOCK)] == list(range(1, ID_BLOCK + 1))
    monkeypatch.setattr(os, "write", disk_full)
    with pytest.raises(StoreWriteFailed), workspace.atomic():
        assert workspace.next_id("calls") == ID_BLOCK + 1  # a new block, not written
    monkeypatch.undo()

    # The counter is back at the first block: the ids of the lost one start again.
    assert workspace.next_id("calls") == ID_BLOCK + 1
    counted = [op[4] for entry in entries(workspace) for op in entry.ops if op[2] == "counters"]
    assert counted == [{"calls": ID_BLOCK}, {"calls": 2 * ID_BLOCK}]


def test_ids_assigned_elsewhere_move_the_counter_without_a_block(workspace: Workspace) -> None:
    assert workspace.next_id("calls", at_least=500) == 500  # a bulk insert's ids
    (line,) = entries(workspace)
    assert line.ops[0][4] == {"calls": 500}
    workspace.close()  # nothing to give back: the fold is of that one change

    assert json.loads((workspace.data_dir / WORKSPACE_FILE).read_bytes())["seq"] == line.seq


def test_a_killed_writer_leaves_the_rest_of_its_block_unused(home: Path) -> None:
    workspace = Workspace.open(home, write=True)
    assert [workspace.next_id("calls"), workspace.next_id("calls")] == [1, 2]
    workspace.close(fold=False)  # as a kill leaves it: no fold, nothing given back

    with Workspace.open(home, write=True) as again:
        assert again.next_id("calls") == ID_BLOCK + 1


def test_a_close_without_an_id_taken_never_reads_the_counters(home: Path) -> None:
    with Workspace.open(home, write=True) as ws:
        ws.next_id("calls")
    (home / "activity.json").write_bytes(b"not a shard")  # damaged, and not needed below
    with Workspace.open(home, write=True) as ws:
        ws.table(*P).insert({"n": 1})

    with Workspace.open(home) as ws:  # folded at the close: the file holds it
        assert [doc["n"] for doc in ws.table(*P)] == [1]
        assert ws.last_seq == json.loads((home / WORKSPACE_FILE).read_bytes())["seq"]


def test_a_table_asked_for_after_its_shard_was_let_go_writes_to_the_shard_read_again(
    home: Path,
) -> None:
    with Workspace.open(home, write=True) as ws:
        ws.table(NOV, "calls").insert({"n": 1})
        ws.fold()  # nothing left to write: the shard may be let go
        ws.release(NOV)
        ws.table(NOV, "calls").insert({"n": 2})

    with Workspace.open(home) as ws:
        assert sorted(doc["n"] for doc in ws.table(NOV, "calls")) == [1, 2]


def test_a_journal_cut_below_the_last_fold_never_restarts_below_it(home: Path) -> None:
    with Workspace.open(home, write=True) as ws:
        ws.table(*P).insert({"name": "Ada"})
        ws.table(*P).insert({"name": "Grace"})
    folded = json.loads((home / WORKSPACE_FILE).read_bytes())["seq"]
    assert folded >= 2
    (home / "journal.jsonl").write_bytes(journal_file.header(0))

    ws = Workspace.open(home, write=True)
    ws.table(*P).insert({"name": "Hedy"})
    assert ws.last_seq == folded + 1
    ws.close(fold=False)  # a crash: Hedy lives only in the journal

    with Workspace.open(home) as reader:
        assert [doc["name"] for doc in reader.table(*P)] == ["Ada", "Grace", "Hedy"]


@pytest.mark.parametrize("write", [False, True])
@pytest.mark.parametrize("shard", ["prospects", NOV])
def test_a_missing_file_the_workspace_wrote_is_damage_not_emptiness(
    home: Path, shard: str, write: bool
) -> None:
    with Workspace.open(home, write=True) as ws:
        ws.table(*P).insert({"name": "Ada"})
        ws.table(NOV, "calls").insert({"c": 1})
    (home / f"{shard}.json").unlink()

    with Workspace.open(home, write=write) as ws:
        assert NOV in ws.call_shards()  # listed even with its file gone
        with pytest.raises(StoreDamaged) as raised:
            ws.table(shard, "x")
        with pytest.raises(StoreDamaged):
            ws.has_documents(shard, "x")
        ws.close(fold=False)

    message = str(raised.value)
    assert is_one_sentence(message), message
    assert "is damaged (missing)" in message
    assert "`prospect restore`" in message
    assert not (home / f"{shard}.json").exists()


def test_a_missing_journal_is_damage(home: Path) -> None:
    Workspace.open(home, write=True).close()
    (home / "journal.jsonl").unlink()

    for write in (False, True):
        with pytest.raises(StoreDamaged) as raised:
            Workspace.open(home, write=write)
        assert "journal.jsonl is damaged (missing)" in str(raised.value)


def test_shards_never_written_are_not_missing(home: Path) -> None:
    with Workspace.open(home) as fresh:  # nothing on disk at all
        assert fresh.rows(*P) == {}
    with Workspace.open(home, write=True) as ws:
        ws.table(*P).insert({"name": "Ada"})
    with Workspace.open(home) as ws:
        assert ws.call_shards() == []
        assert ws.rows("calls/2026-12", "calls") == {}  # a month with no calls yet
        assert not ws.has_documents("activity", "sprints")


def test_workspace_json_lists_every_shard_written(home: Path) -> None:
    with Workspace.open(home, write=True) as ws:
        ws.table(*P).insert({"name": "Ada"})
    with Workspace.open(home, write=True) as ws:
        ws.table(NOV, "calls").insert({"c": 1})

    assert json.loads((home / WORKSPACE_FILE).read_bytes())["shards"] == [
        "calls/2026-11",
        "prospects",
    ]


def test_a_shard_migrates_from_the_schema_it_records(
    home: Path, schema_two: Callable[[], list[str]]
) -> None:
    make_schema_one(home, pending=False)
    migrated = schema_two()
    with Workspace.open(home, write=True):
        pass
    assert len(migrated) == 4
    # A crash right after the shards were written, before workspace.json said so:
    (home / WORKSPACE_FILE).write_text('{"schema": 1}', encoding="utf-8")
    with Workspace.open(home, write=True):
        pass
    assert len(migrated) == 4  # no shard was migrated twice


def test_a_failed_fold_keeps_every_change_in_the_journal(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = Workspace.open(home, write=True)
    ws.table(*P).insert({"name": "Ada"})

    def full(*_: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("prospect_tui.store.workspace.atomic_write", full)
    with pytest.raises(StoreWriteFailed):
        ws.close()
    monkeypatch.undo()
    with Workspace.open(home) as reader:
        assert [doc["name"] for doc in reader.table(*P)] == ["Ada"]
    with Workspace.open(home, write=True):
        pass  # the lock was released despite the failure


def test_has_documents_answers_without_loading_the_shard(home: Path) -> None:
    with Workspace.open(home, write=True) as ws:
        assert not ws.has_documents(*P)
        ws.table(*P).insert({"name": "Ada"})
        assert ws.has_documents(*P)
    with Workspace.open(home) as reader:
        assert reader.has_documents(*P)
        assert not reader.is_loaded(P[0]), "the count came from the file's _meta"
        assert not reader.has_documents("activity", "sprints")


def test_has_documents_reads_a_file_edited_since_its_fold_the_long_way(home: Path) -> None:
    with Workspace.open(home, write=True) as ws:
        ws.table(*P).insert({"name": "Ada"})
    path = home / "prospects.json"
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[5].startswith('  "1": ')  # Ada, deleted by hand; the _meta line kept
    path.write_text("\n".join(lines[:5] + lines[6:]), encoding="utf-8")
    with Workspace.open(home) as reader:
        assert not reader.has_documents(*P)
        assert reader.table(*P).all() == []


def test_has_documents_sees_unfolded_changes_and_reads_old_files_the_long_way(
    home: Path,
) -> None:
    with Workspace.open(home, write=True) as ws:
        ws.table(*P).insert({"name": "Ada"})
        ws.close(fold=False)
    with Workspace.open(home) as reader:
        assert reader.has_documents(*P)  # only in the journal so far
    # A file written without counts (by hand, or by an older Prospect):
    (home / "activity.json").write_text(
        '{"_meta": {"1": {"seq": 0}}, "sprints": {"1": {"status": "completed"}}}', encoding="utf-8"
    )
    with Workspace.open(home) as reader:
        assert reader.has_documents("activity", "sprints")


def test_a_counter_edited_by_hand_is_named_at_every_new_id(home: Path) -> None:
    # next_id checks only a counters document it did not store itself: one read
    # from a file is checked, every time it is asked, until it is mended.
    workspace = Workspace.open(home, write=True)
    assert [workspace.next_id("calls"), workspace.next_id("calls")] == [1, 2]
    workspace.close()
    activity = home / "activity.json"
    activity.write_text(activity.read_text().replace('"calls": 2', '"calls": "two"'))

    workspace = Workspace.open(home, write=True)
    for _ in range(2):
        with pytest.raises(StoreDamaged, match="counter 'calls' is not a number"):
            workspace.next_id("calls")
    workspace.close()
