"""The write-ahead journal: line format, torn tails, damage, durability."""

from __future__ import annotations

import errno
import json
import os
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from prospect_tui.store import journal
from prospect_tui.store.errors import StoreDamaged
from prospect_tui.store.journal import Journal, encode, parse
from prospect_tui.store.journal_lines import change_line, change_pieces, checksum
from prospect_tui.store.layout import DAMAGED_DIR
from prospect_tui.store.workspace import Workspace


def header(base: int = 0) -> bytes:
    return encode({"journal": journal.FORMAT, "base": base})


def entry(seq: int, name: str = "x") -> bytes:
    return encode({"seq": seq, "ops": [["put", "prospects", "prospects", seq, {"n": name}]]})


def good_journal(base: int = 0, count: int = 3) -> bytes:
    return header(base) + b"".join(entry(seq) for seq in range(base + 1, base + count + 1))


def corrupt(line: bytes) -> bytes:
    """The same line with one byte of its JSON changed: the checksum no longer matches."""
    position = line.index(b'"n"') + 1
    return line[:position] + b"m" + line[position + 1 :]


# -- the line format -----------------------------------------------------------


def test_a_line_is_its_checksum_a_space_and_compact_json() -> None:
    line = encode({"seq": 7, "ops": [["del", "prospects", "prospects", 3]]})

    assert line.endswith(b"\n")
    assert line.count(b"\n") == 1
    crc, body = line[:-1].split(b" ", 1)
    assert len(crc) == 8
    assert int(crc, 16) == zlib.crc32(body)
    assert json.loads(body) == {"seq": 7, "ops": [["del", "prospects", "prospects", 3]]}


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=200, deadline=None)
@given(
    seq=st.integers(min_value=1, max_value=2**40),
    ops=st.lists(
        st.tuples(st.text(max_size=12), st.integers(min_value=1), _JSON).map(
            lambda op: ["put", "prospects", op[0], op[1], op[2]]
        ),
        max_size=4,
    ),
)
# A null sends one op to json, whose 1e-05 orjson writes as 0.00001.
@example(seq=1, ops=[["put", "prospects", "", 1, None], ["put", "prospects", "", 1, 1e-05]])
def test_a_small_change_is_the_same_line_encoded_whole_or_an_op_at_a_time(
    seq: int, ops: list[list[object]]
) -> None:
    pieces = list(change_pieces(seq, ops))

    line = change_line(seq, ops)

    assert line == checksum(pieces) + b"".join(pieces) + b"\n"
    assert line == encode({"seq": seq, "ops": ops})


def test_parse_reads_back_what_was_encoded() -> None:
    data = good_journal(base=40, count=3)

    contents = parse(data)

    assert contents.base == 40
    assert [e.seq for e in contents.entries] == [41, 42, 43]
    assert contents.entries[1].ops == [["put", "prospects", "prospects", 42, {"n": "x"}]]
    assert contents.last_seq == 43
    assert contents.good_size == contents.size == len(data)
    assert not contents.torn


def test_an_empty_journal_is_at_its_base() -> None:
    contents = parse(header(12))

    assert contents.entries == []
    assert contents.last_seq == 12


def test_a_missing_journal_reads_as_empty_at_base_zero(tmp_path: Path) -> None:
    contents = journal.read(tmp_path / "journal.jsonl")

    assert (contents.base, contents.entries, contents.size) == (0, [], 0)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=60, deadline=None)
@given(docs=st.lists(st.dictionaries(st.text(), json_values, max_size=4), max_size=5))
def test_any_json_documents_survive_the_round_trip(docs: list[dict[str, object]]) -> None:
    # Text with newlines, NULs and non-ASCII must never split or break a line.
    ops = [["put", "activity", "t", i + 1, doc] for i, doc in enumerate(docs)]
    data = header() + encode({"seq": 1, "ops": ops})

    contents = parse(data)

    assert data.count(b"\n") == 2
    assert contents.entries[0].ops == ops


# -- torn tails and damage -----------------------------------------------------


def test_every_partial_last_line_is_ignored() -> None:
    good = good_journal(count=2)
    last = entry(3)

    for cut in range(1, len(last)):  # every way a crash can cut the line short
        contents = parse(good + last[:cut])

        assert [e.seq for e in contents.entries] == [1, 2], cut
        assert contents.good_size == len(good)
        assert contents.torn


def test_a_whole_bad_last_line_is_damage_naming_its_change() -> None:
    # It ends with its newline: it was written whole, so it is not a torn tail.
    good = good_journal(count=2)
    bad = corrupt(entry(3))

    contents = parse(good + bad)

    assert [e.seq for e in contents.entries] == [1, 2]
    assert not contents.torn
    assert contents.damaged
    (line,) = contents.bad
    assert (line.line, line.seq) == (4, 3)
    assert (good + bad)[line.start : line.end] == bad
    assert contents.missing == (3,)
    assert "line 4" in contents.problem()
    assert "change 3 lost" in contents.problem()


def test_a_bad_line_in_the_middle_costs_only_its_own_change() -> None:
    lines = [header(), entry(1), corrupt(entry(2)), entry(3), entry(4)]

    contents = parse(b"".join(lines))

    assert [e.seq for e in contents.entries] == [1, 3, 4]
    (bad,) = contents.bad
    assert (bad.line, bad.seq) == (3, 2)
    assert bad.ops == [["put", "prospects", "prospects", 2, {"m": "x"}]]  # its JSON still reads
    assert contents.missing == (2,)
    assert "line 3" in contents.problem()


def test_every_bad_line_is_set_apart_and_every_good_one_kept() -> None:
    lines = [header(), entry(1), b"zzz\n", entry(2), corrupt(entry(3)), corrupt(entry(4))]
    lines += [entry(5), b"\n", entry(6)]

    contents = parse(b"".join(lines))

    assert [e.seq for e in contents.entries] == [1, 2, 5, 6]
    assert [(b.line, b.seq) for b in contents.bad] == [(3, None), (5, 3), (6, 4), (8, None)]
    assert contents.missing == (3, 4)
    assert contents.good_size == len(b"".join(lines))


@pytest.mark.parametrize(
    ("seqs", "kept", "bad_lines", "missing"),
    [
        ([1, 3], [1, 3], [], (2,)),  # a line gone: the gap names it
        ([1, 2, 2], [1, 2], [4], ()),  # a repeat
        ([2], [2], [], (1,)),  # the first change is not base + 1
        ([1, 2, 1], [1, 2], [4], ()),  # going backwards
    ],
)
def test_a_sequence_that_is_not_consecutive_is_damage(
    seqs: list[int], kept: list[int], bad_lines: list[int], missing: tuple[int, ...]
) -> None:
    contents = parse(header() + b"".join(entry(seq) for seq in seqs))

    assert contents.damaged
    assert [e.seq for e in contents.entries] == kept
    assert [b.line for b in contents.bad] == bad_lines
    assert contents.missing == missing


def test_a_sequence_gap_on_the_last_line_is_damage_not_a_torn_tail() -> None:
    # The line is whole and its checksum is right: it was written, so it is not torn.
    contents = parse(header(5) + entry(6) + entry(8))

    assert contents.missing == (7,)
    assert [e.seq for e in contents.entries] == [6, 8]


def test_a_gap_a_restore_gave_up_on_is_not_damage_again() -> None:
    contents = parse(journal.header(5, [7]) + entry(6) + entry(8))

    assert not contents.damaged
    assert contents.given_up == (7,)


def test_a_first_line_that_is_not_a_header_is_set_aside() -> None:
    contents = parse(entry(1) + entry(2))

    assert [b.line for b in contents.bad] == [1]
    assert [e.seq for e in contents.entries] == [2]
    assert contents.base == 1


def test_ops_that_are_not_a_list_are_damage() -> None:
    contents = parse(header() + encode({"seq": 1, "ops": "put"}) + entry(2))

    assert [(b.line, b.seq) for b in contents.bad] == [(2, 1)]
    assert [e.seq for e in contents.entries] == [2]


# -- the writer ----------------------------------------------------------------


def open_journal(path: Path, **kwargs: object) -> Journal:
    return Journal(path, journal.read(path), **kwargs)  # type: ignore[arg-type]


def test_a_new_journal_starts_with_a_header_at_base_zero(tmp_path: Path) -> None:
    path = tmp_path / "journal.jsonl"

    log = open_journal(path)
    seq = log.append([["put", "prospects", "prospects", 1, {"a": 1}]])
    log.close()

    assert seq == 1
    contents = journal.read(path)
    assert contents.base == 0
    assert [(e.seq, e.ops) for e in contents.entries] == [
        (1, [["put", "prospects", "prospects", 1, {"a": 1}]])
    ]


@pytest.mark.parametrize("count", [3, journal.STREAM_FROM + 1])
def test_a_change_is_written_as_the_one_line_encode_makes(tmp_path: Path, count: int) -> None:
    path = tmp_path / "journal.jsonl"
    ops = [
        ["put", "prospects", "prospects", n, {"n": f"Zoë {n}", "tags": ["a"]}] for n in range(count)
    ]

    log = open_journal(path)
    log.append(ops)
    log.close()

    assert path.read_bytes() == header() + encode({"seq": 1, "ops": ops})


def test_a_large_change_is_written_in_pieces_never_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 50,000 imported prospects are one change of tens of megabytes: held whole as
    # text, bytes and line, it was most of the import's peak memory.
    path = tmp_path / "journal.jsonl"
    log = open_journal(path)
    writes: list[int] = []
    real_write = os.write

    def write(fd: int, data: bytes) -> int:
        writes.append(len(data))
        return real_write(fd, data)

    monkeypatch.setattr(journal.os, "write", write)
    monkeypatch.setattr(journal, "WRITE_BATCH", 4096)
    ops = [["put", "prospects", "prospects", n, {"notes": "x" * 200}] for n in range(2000)]
    log.append(ops)
    log.close()

    line = encode({"seq": 1, "ops": ops})
    assert sum(writes) == len(line) and max(writes) < 4096 + 300
    assert path.read_bytes().endswith(line)


def test_a_large_change_is_encoded_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Encoded a second time for its checksum, 50,000 imported prospects cost a second more.
    path = tmp_path / "journal.jsonl"
    log = open_journal(path)
    encoded: list[int] = []
    real_pieces = journal.change_pieces

    def pieces(seq: int, ops: list[journal.Op]) -> Iterator[bytes]:
        encoded.append(seq)
        return real_pieces(seq, ops)

    monkeypatch.setattr(journal, "change_pieces", pieces)
    ops = [["put", "prospects", "prospects", n, {"n": n}] for n in range(journal.STREAM_FROM)]
    log.append(ops)
    log.append(ops)
    log.close()

    assert encoded == [1, 2]
    assert path.read_bytes() == header() + encode({"seq": 1, "ops": ops}) + encode(
        {"seq": 2, "ops": ops}
    )


def test_a_large_change_cut_short_before_its_newline_is_taken_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Its checksum is filled in after its body: until the newline lands the line is
    # not acknowledged, and a failed write leaves nothing of it behind.
    path = tmp_path / "journal.jsonl"
    log = open_journal(path)
    log.append([["put", "prospects", "prospects", 1, {"a": 1}]])
    kept = path.read_bytes()
    real_write = os.write

    def write(fd: int, data: bytes) -> int:
        if bytes(data) == b"\n":
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(journal.os, "write", write)
    ops = [["put", "prospects", "prospects", n, {"n": n}] for n in range(journal.STREAM_FROM)]
    with pytest.raises(OSError):
        log.append(ops)
    monkeypatch.setattr(journal.os, "write", real_write)

    assert path.read_bytes() == kept
    assert log.append(ops) == 2
    log.close()
    assert path.read_bytes() == kept + encode({"seq": 2, "ops": ops})


def test_a_writer_truncates_a_torn_tail_and_continues_the_sequence(tmp_path: Path) -> None:
    path = tmp_path / "journal.jsonl"
    good = good_journal(count=2)
    path.write_bytes(good + entry(3)[:9])

    log = open_journal(path)

    assert path.read_bytes() == good
    assert log.last_seq == 2
    assert log.append([]) == 3
    log.close()
    assert [e.seq for e in journal.read(path).entries] == [1, 2, 3]


def test_a_reader_leaves_a_torn_tail_where_it_is(tmp_path: Path) -> None:
    path = tmp_path / "journal.jsonl"
    data = good_journal(count=2) + b"0000"
    path.write_bytes(data)

    journal.read(path)

    assert path.read_bytes() == data


def test_now_mode_is_durable_before_append_returns(tmp_path: Path) -> None:
    durable: list[int] = []
    log = open_journal(tmp_path / "journal.jsonl", sync="now", on_durable=durable.append)

    seq = log.append([])

    assert log.synced_seq == seq
    assert durable == [seq]
    log.close()


def test_background_mode_reports_each_durable_change(tmp_path: Path) -> None:
    durable: list[int] = []
    log = open_journal(tmp_path / "journal.jsonl", sync="background", on_durable=durable.append)

    seqs = [log.append([["put", "activity", "t", i, {}]]) for i in range(1, 6)]

    assert log.wait_durable(seqs[-1], timeout=10)
    assert log.synced_seq >= seqs[-1]
    log.close()  # joins the syncer, so every callback has run
    assert durable, "on_durable was never called"
    assert durable == sorted(durable)
    assert durable[-1] == seqs[-1]
    assert [e.seq for e in journal.read(log.path).entries] == seqs


def test_background_syncer_stops_on_close(tmp_path: Path) -> None:
    log = open_journal(tmp_path / "journal.jsonl", sync="background")
    log.append([])
    syncer = log._syncer
    assert syncer is not None and syncer.is_alive()

    log.close()

    assert not syncer.is_alive()


def reserved_past_end(path: Path) -> int:
    """Bytes of disk the file holds past its end."""
    info = path.stat()
    return info.st_blocks * 512 - info.st_size


def test_the_journal_reserves_disk_ahead_of_its_end_and_its_bytes_stay_the_lines(
    tmp_path: Path,
) -> None:
    # An append into blocks the file already has needs no new extent with its fsync.
    path = tmp_path / "journal.jsonl"
    log = open_journal(path)
    lines = [log.append([["put", "calls/2026-11", "calls", n, {"n": n}]]) for n in range(1, 4)]

    assert reserved_past_end(path) >= journal.RESERVE - 4096
    assert [e.seq for e in journal.read(path).entries] == lines
    assert path.read_bytes() == header() + b"".join(
        change_line(n, [["put", "calls/2026-11", "calls", n, {"n": n}]]) for n in lines
    )

    log.reset(3)  # a new file: reserved anew at its first line
    log.append([])
    assert reserved_past_end(path) >= journal.RESERVE - 4096
    log.close()


def test_in_background_mode_the_syncer_reserves_the_disk_before_it_syncs(
    tmp_path: Path,
) -> None:
    path = tmp_path / "journal.jsonl"
    log = open_journal(path, sync="background")

    assert log.wait_durable(log.append([]), timeout=10)

    assert reserved_past_end(path) >= journal.RESERVE - 4096
    log.close()


def test_a_journal_that_cannot_reserve_disk_writes_as_before_and_asks_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = []
    monkeypatch.setattr(journal, "reserve", lambda fd, start, length: asked.append(start) and False)
    path = tmp_path / "journal.jsonl"
    log = open_journal(path)

    for _ in range(3):
        log.append([])
    log.close()

    assert len(asked) == 1
    assert [e.seq for e in journal.read(path).entries] == [1, 2, 3]


def test_reset_starts_an_empty_journal_at_the_given_base(tmp_path: Path) -> None:
    path = tmp_path / "journal.jsonl"
    log = open_journal(path)
    for _ in range(3):
        log.append([])

    log.reset(3)

    assert log.pending == 0
    assert journal.read(path).base == 3
    assert journal.read(path).entries == []
    assert log.append([]) == 4
    log.close()
    assert [e.seq for e in journal.read(path).entries] == [4]


def test_a_failed_partial_write_leaves_the_journal_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "journal.jsonl"
    log = open_journal(path)
    log.append([["put", "prospects", "prospects", 1, {"a": 1}]])
    before = path.read_bytes()
    real_write = os.write
    attempts: list[int] = []

    def disk_fills_up(fd: int, data: bytes) -> int:
        attempts.append(fd)
        if len(attempts) == 1:
            return real_write(fd, bytes(data[:7]))  # part of the line made it
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", disk_fills_up)
    with pytest.raises(OSError):
        log.append([["put", "prospects", "prospects", 2, {"b": 2}]])
    monkeypatch.undo()

    assert path.read_bytes() == before
    assert log.last_seq == 1
    assert log.append([["put", "prospects", "prospects", 3, {"c": 3}]]) == 2
    log.close()
    assert [e.ops[0][3] for e in journal.read(path).entries] == [1, 3]


def test_a_failed_fsync_takes_the_line_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "journal.jsonl"
    log = open_journal(path)
    before = path.read_bytes()

    def broken_disk(fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(journal, "_datasync", broken_disk)
    with pytest.raises(OSError):
        log.append([["put", "prospects", "prospects", 1, {"a": 1}]])
    monkeypatch.undo()

    # The caller was told the change failed, so it must not come back on the next start.
    assert path.read_bytes() == before
    assert log.append([]) == 1
    log.close()


# -- the journal in a workspace ------------------------------------------------


def write_unfolded(home: Path, count: int) -> None:
    with Workspace.open(home, write=True) as opened:
        table = opened.table("prospects", "prospects")
        for i in range(count):
            table.insert({"name": f"p{i}"})
        opened.close(fold=False)


def test_a_torn_tail_is_ignored_by_readers_and_cut_by_the_writer(home: Path) -> None:
    write_unfolded(home, 2)
    path = home / journal.JOURNAL_FILE
    good = path.read_bytes()
    torn = entry(3, "lost")[:20]
    path.write_bytes(good + torn)

    reader = Workspace.open(home)
    assert [d["name"] for d in reader.table("prospects", "prospects")] == ["p0", "p1"]
    assert path.read_bytes() == good + torn
    assert not (home / DAMAGED_DIR).exists()

    writer = Workspace.open(home, write=True)
    assert path.read_bytes() == good
    kept = list((home / DAMAGED_DIR).iterdir())
    assert [p.read_bytes() for p in kept] == [torn]
    assert kept[0].name.startswith("journal.jsonl.")
    assert [d["name"] for d in writer.table("prospects", "prospects")] == ["p0", "p1"]
    writer.close()


def test_a_whole_bad_last_line_is_damage_and_kept_aside(home: Path) -> None:
    write_unfolded(home, 2)
    path = home / journal.JOURNAL_FILE
    good = path.read_bytes()
    bad = corrupt(entry(3, "lost"))
    path.write_bytes(good + bad)

    for write in (False, True):
        with pytest.raises(StoreDamaged) as raised:
            Workspace.open(home, write=write)
        assert "change 3 lost" in str(raised.value)
        assert "prospect restore" in str(raised.value)

    assert path.read_bytes() == good + bad
    assert [p.read_bytes() for p in (home / DAMAGED_DIR).iterdir()] == [bad]


def test_damage_in_the_middle_of_the_journal_stops_readers_and_writers(home: Path) -> None:
    write_unfolded(home, 3)
    path = home / journal.JOURNAL_FILE
    lines = path.read_bytes().splitlines(keepends=True)
    lines[2] = lines[2].replace(b"p1", b"p9")
    damaged = b"".join(lines)
    path.write_bytes(damaged)

    for write in (False, True):
        with pytest.raises(StoreDamaged) as raised:
            Workspace.open(home, write=write)
        assert "line 3" in str(raised.value)
        assert "change 2 lost" in str(raised.value)
        assert "prospect restore" in str(raised.value)

    assert path.read_bytes() == damaged
    assert [p.read_bytes() for p in (home / DAMAGED_DIR).iterdir()] == [lines[2]]
