"""``prospect restore``: the last good copy back, every change since replayed, the damage kept."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from tinydb.table import Document

from prospect_tui.store import backups, migrations
from prospect_tui.store import journal as journal_file
from prospect_tui.store.errors import StoreDamaged, StoreLocked
from prospect_tui.store.layout import DAMAGED_DIR, WORKSPACE_FILE
from prospect_tui.store.restore import Plan, plan, restore
from prospect_tui.store.shard_file import peek_meta
from prospect_tui.store.storage import stored_dials
from prospect_tui.store.workspace import ID_BLOCK, Workspace

P = ("prospects", "prospects")
NAME = "company"
"""The field these tests name prospects by: a restore checks every record, so they are
valid ones, and the display name stays empty so marks still read "prospect N"."""


def call(n: int, **more: object) -> dict[str, object]:
    """A valid stored call, told apart by its ``local_hour``."""
    return {
        "prospect_id": 1,
        "started_at": "2026-11-02T09:00:00+00:00",
        "ended_at": "2026-11-02T09:01:00+00:00",
        "outcome": "no_answer",
        "local_date": "2026-11-02",
        "local_hour": n,
        **more,
    }


def names(ws: Workspace) -> list[str]:
    return [doc[NAME] for doc in ws.table(*P)]


def fold_names(home: Path, *batch: str) -> None:
    with Workspace.open(home, write=True) as ws:
        for name in batch:
            ws.table(*P).insert({NAME: name})


def unfolded_names(home: Path, *batch: str) -> None:
    """Changes only in the journal, as after a crash."""
    with Workspace.open(home, write=True) as ws:
        for name in batch:
            ws.table(*P).insert({NAME: name})
        ws.close(fold=False)


def damaged_files(home: Path) -> list[bytes]:
    folder = home / DAMAGED_DIR
    return sorted(p.read_bytes() for p in folder.iterdir()) if folder.exists() else []


def flip(path: Path, text: bytes) -> bytes:
    """Change one byte inside ``text`` in ``path``; returns the damaged bytes."""
    data = path.read_bytes()
    at = data.index(text)
    damaged = data[:at] + b"\x00" + data[at + 1 :]  # not even valid JSON any more
    path.write_bytes(damaged)
    return damaged


def test_a_workspace_that_reads_cleanly_needs_nothing(home: Path) -> None:
    fold_names(home, "Ada")
    fold_names(home, "Grace")
    before = {p: p.read_bytes() for p in home.rglob("*") if p.is_file()}
    asked: list[Plan] = []

    assert restore(home, asked.append) == []  # type: ignore[func-returns-value]

    assert asked == []  # nothing to do, nothing to ask
    assert {p: p.read_bytes() for p in home.rglob("*") if p.is_file()} == before


def test_a_damaged_shard_comes_back_with_every_change_since_its_backup(home: Path) -> None:
    fold_names(home, "Ada")
    fold_names(home, "Grace")  # the file holding Ada alone is now a backup
    fold_names(home, "Hedy")
    unfolded_names(home, "Katherine")
    (backup, *_) = backups.listed(home, "prospects")
    damaged = flip(home / "prospects.json", b"Hedy")

    (sentence,) = restore(home)

    assert "prospects.json was restored" in sentence
    assert backups.label(backup) in sentence
    assert "with the 1 change saved since replayed" in sentence
    assert damaged_files(home) == [damaged]
    assert str(home / DAMAGED_DIR) in sentence
    with Workspace.open(home, write=True) as ws:
        assert names(ws) == ["Ada", "Grace", "Hedy", "Katherine"]


def test_what_restore_will_do_is_said_before_and_nothing_lost_is_claimed(home: Path) -> None:
    fold_names(home, "Ada")
    fold_names(home, "Grace")
    (home / "prospects.json").write_bytes(b"{")

    found = plan(home)

    (will,) = found.says()
    assert will.startswith("prospects.json is damaged (not valid JSON")
    assert "it will be restored from the copy saved " in will
    assert not found.loses
    assert (home / "prospects.json").read_bytes() == b"{"  # planning writes nothing


def test_declining_changes_nothing(home: Path) -> None:
    fold_names(home, "Ada")
    fold_names(home, "Grace")
    (home / "prospects.json").write_bytes(b"{")
    before = {p: p.read_bytes() for p in home.rglob("*") if p.is_file()}

    assert restore(home, lambda plan: False) == []

    assert {p: p.read_bytes() for p in home.rglob("*") if p.is_file()} == before


def test_a_damaged_calls_shard_is_restored_and_the_others_left_alone(home: Path) -> None:
    for n in range(3):
        with Workspace.open(home, write=True) as ws:
            ws.table("calls/2026-11", "calls").insert(call(n))
            ws.table(*P).insert({NAME: f"p{n}"})
    prospects = (home / "prospects.json").read_bytes()
    (home / "calls" / "2026-11.json").write_bytes(b"")

    done = restore(home)

    assert [sentence.split(" ")[0] for sentence in done] == ["2026-11.json"]
    assert (home / "prospects.json").read_bytes() == prospects
    with Workspace.open(home) as ws:
        assert [doc["local_hour"] for doc in ws.table("calls/2026-11", "calls")] == [0, 1, 2]


def test_a_restored_calls_month_keeps_its_dials_at_its_head_as_a_fold_writes_it(
    home: Path,
) -> None:
    """Restore writes a file the way a fold does: the streak reads its dials without it."""
    for n in range(3):
        with Workspace.open(home, write=True) as ws:
            ws.table("calls/2026-11", "calls").insert(call(n))
    (home / "calls" / "2026-11.json").write_bytes(b"")

    restore(home)

    meta = peek_meta(home / "calls" / "2026-11.json")
    assert meta is not None
    assert stored_dials(meta) == {date(2026, 11, 2): 3}


def test_a_damaged_newest_backup_is_skipped_and_the_changes_still_replayed(home: Path) -> None:
    for name in ["Ada", "Grace", "Hedy", "Annie"]:
        fold_names(home, name)
    newest = backups.listed(home, "prospects")[0]
    newest.unlink()  # a hard link: replace it, do not write through it
    newest.write_bytes(b"not json either")
    (home / "prospects.json").write_bytes(b"{")

    restore(home)

    with Workspace.open(home) as ws:
        assert names(ws) == ["Ada", "Grace", "Hedy", "Annie"]


def test_a_shard_folded_once_is_rebuilt_from_its_first_changes(home: Path) -> None:
    fold_names(home, "Ada", "Grace")
    (home / "prospects.json").write_bytes(b"\x00\x00\x00")

    (sentence,) = restore(home)

    assert "from the 2 changes saved to it" in sentence
    with Workspace.open(home) as ws:
        assert names(ws) == ["Ada", "Grace"]


def test_without_a_backup_or_its_changes_the_shard_is_left_as_it_is(home: Path) -> None:
    fold_names(home, "Ada")
    for log in backups.changes(home, "prospects"):
        log.unlink()  # as in a workspace from before change logs were kept
    garbage = b"\x00\x00\x00"
    (home / "prospects.json").write_bytes(garbage)

    found = plan(home)
    (sentence,) = restore(home)

    assert found.lost() == "Cannot be recovered: what prospects.json held."
    assert "prospects.json has no good backup; it is left as it is" in sentence
    assert (home / "prospects.json").read_bytes() == garbage
    assert damaged_files(home) == [garbage]
    with pytest.raises(StoreDamaged), Workspace.open(home) as ws:
        ws.table(*P)


def test_what_cannot_be_recovered_is_counted_and_do_not_call_marks_survive(home: Path) -> None:
    fold_names(home, "Ada", "Grace")
    with Workspace.open(home, write=True) as ws:
        ws.table(*P).update({"status": "do_not_call"}, doc_ids=[2])
        ws.table(*P).update({"notes": "new job"}, doc_ids=[1])
    unfolded_names(home, "Hedy")
    for log in backups.changes(home, "prospects"):
        log.unlink()  # the changes since the backup are only in the damaged file now
    damaged = flip(home / "prospects.json", b"_meta")  # the documents still read, line by line

    found = plan(home)
    done = restore(home)

    assert found.lost() == "Cannot be recovered: the last saved changes to 2 prospects."
    assert "1 do-not-call mark (prospect 2) will be put back" in " ".join(found.says())
    assert "1 do-not-call mark (prospect 2) was put back." in done
    assert damaged in damaged_files(home)
    with Workspace.open(home, write=True) as ws:
        docs = {doc.doc_id: dict(doc) for doc in ws.table(*P)}
    assert docs[2]["status"] == "do_not_call"
    assert "notes" not in docs[1]  # rolled back, as the plan said
    assert docs[3] == {NAME: "Hedy"}  # the journal replayed on the copy


def test_a_do_not_call_outcome_keeps_its_prospect_marked(home: Path) -> None:
    fold_names(home, "Ada")
    with Workspace.open(home, write=True) as ws:
        ws.table(*P).update({"status": "do_not_call"}, doc_ids=[1])
        ws.table("calls/2026-11", "calls").insert(call(0, outcome="do_not_call"))
    for log in backups.changes(home, "prospects"):
        log.unlink()
    (home / "prospects.json").write_bytes(b"")  # nothing of it reads

    found = plan(home)
    restore(home)

    assert found.lost() == (
        "Cannot be recovered: the changes to prospects.json saved after the copy "
        f"{backups.label(backups.listed(home, 'prospects')[0])}."
    )
    with Workspace.open(home) as ws:
        assert ws.table(*P).get(doc_id=1)["status"] == "do_not_call"  # type: ignore[index]


def test_a_missing_shard_is_damage_and_comes_back_whole(home: Path) -> None:
    fold_names(home, "Ada")
    fold_names(home, "Grace")
    (home / "prospects.json").unlink()

    with pytest.raises(StoreDamaged) as raised, Workspace.open(home) as ws:
        ws.table(*P)
    assert "missing" in str(raised.value)
    (sentence,) = restore(home)

    assert sentence.startswith("prospects.json was restored")
    with Workspace.open(home) as ws:
        assert names(ws) == ["Ada", "Grace"]


def test_a_damaged_journal_keeps_every_good_line_and_names_the_change_lost(home: Path) -> None:
    fold_names(home, "Ada")
    unfolded_names(home, "Grace", "Hedy", "Katherine", "Margaret")
    path = home / journal_file.JOURNAL_FILE
    lines = path.read_bytes().splitlines(keepends=True)
    assert len(lines) == 5
    lines[3] = lines[3].replace(b"Katherine", b"Kxtherine")  # no longer matches its checksum
    whole = b"".join(lines)
    path.write_bytes(whole)

    found = plan(home)
    (sentence,) = restore(home)

    assert "line 4 not as written; change 4 lost" in found.says()[0]
    assert found.lost() == "Cannot be recovered: the last saved changes to 1 prospect."
    assert "keeps its 3 good changes" in sentence
    assert damaged_files(home) == sorted([whole, lines[3]])
    with Workspace.open(home, write=True) as ws:
        assert names(ws) == ["Ada", "Grace", "Hedy", "Margaret"]
        ws.table(*P).insert({NAME: "Annie"})  # and the journal carries on from there
    with Workspace.open(home) as ws:
        assert names(ws) == ["Ada", "Grace", "Hedy", "Margaret", "Annie"]


def test_a_do_not_call_mark_in_a_bad_journal_line_is_put_back(home: Path) -> None:
    fold_names(home, "Ada", "Grace")
    with Workspace.open(home, write=True) as ws:
        ws.table(*P).update({"status": "do_not_call", "notes": "asked"}, doc_ids=[1])
        ws.table(*P).update({"notes": "later"}, doc_ids=[2])
        ws.close(fold=False)
    path = home / journal_file.JOURNAL_FILE
    flip(path, b"asked")

    restore(home)

    with Workspace.open(home) as ws:
        ada, grace = ws.table(*P).all()
    assert ada["status"] == "do_not_call"
    assert grace["notes"] == "later"


def test_a_missing_journal_is_damage_and_restore_starts_it_after_the_last_fold(
    home: Path,
) -> None:
    fold_names(home, "Ada", "Grace")
    folded = json.loads((home / WORKSPACE_FILE).read_bytes())["seq"]
    (home / journal_file.JOURNAL_FILE).unlink()

    with pytest.raises(StoreDamaged) as raised:
        Workspace.open(home)
    assert "missing" in str(raised.value)
    found = plan(home)
    restore(home)

    assert found.lost() == "Cannot be recovered: any change made after the last save."
    ws = Workspace.open(home, write=True)
    ws.table(*P).insert({NAME: "Hedy"})
    assert ws.last_seq == folded + 1
    ws.close(fold=False)  # a crash: Hedy lives only in the journal
    with Workspace.open(home) as reader:
        assert names(reader) == ["Ada", "Grace", "Hedy"]


@pytest.mark.parametrize("content", [b"{schema", b'{"schema": 0}', b'{"schema": "one"}'])
def test_a_damaged_workspace_file_is_written_again(home: Path, content: bytes) -> None:
    # Whatever opening the workspace calls damaged, restore repairs.
    fold_names(home, "Ada")
    (home / WORKSPACE_FILE).write_bytes(content)

    (sentence,) = restore(home)

    assert "workspace.json was written again" in sentence
    written = json.loads((home / WORKSPACE_FILE).read_bytes())
    assert written["schema"] == migrations.SCHEMA
    assert "prospects" in written["shards"]  # so a file going missing later is still noticed
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


def test_a_missing_shard_without_any_copy_is_written_again_empty_once_agreed(home: Path) -> None:
    fold_names(home, "Ada")
    for log in backups.changes(home, "prospects"):
        log.unlink()  # as in a workspace from before change logs were kept
    (home / "prospects.json").unlink()

    found = plan(home)
    assert found.lost() == "Cannot be recovered: what prospects.json held."
    assert restore(home, lambda plan: False) == []
    assert not (home / "prospects.json").exists()
    (sentence,) = restore(home)

    assert sentence == "prospects.json was written again, empty."
    with Workspace.open(home) as ws:
        assert names(ws) == []


def test_lines_cut_off_a_damaged_file_are_not_counted_as_lost(home: Path) -> None:
    fold_names(home, "Ada", "Grace", "Hedy")
    with Workspace.open(home, write=True) as ws:
        ws.table(*P).update({"notes": "new job"}, doc_ids=[1])
    for log in backups.changes(home, "prospects"):
        log.unlink()
    path = home / "prospects.json"
    data = path.read_bytes()
    path.write_bytes(data[: data.index(b'"2":')])  # Ada's line reads, the rest is gone

    assert plan(home).lost() == "Cannot be recovered: the last saved changes to 1 prospect."


def test_ids_after_a_journal_line_set_aside_are_never_given_again(home: Path) -> None:
    # The line that took the second block of ids is damaged; the calls after it are kept.
    with Workspace.open(home, write=True) as ws:
        for _ in range(ID_BLOCK + 6):
            with ws.atomic():
                n = ws.next_id("calls")
                ws.table("calls/2026-11", "calls").insert(Document(call(n % 24), doc_id=n))
        ws.close(fold=False)
    flip(home / journal_file.JOURNAL_FILE, b'{"calls":%d}' % (2 * ID_BLOCK))
    restore(home)

    with Workspace.open(home, write=True) as ws:
        kept = [int(key) for key in ws.rows("calls/2026-11", "calls")]
        assert ID_BLOCK + 1 not in kept and max(kept) == ID_BLOCK + 6
        assert ws.next_id("calls") == ID_BLOCK + 7  # past every call kept
