"""Putting one file right: a shard from its backups and change logs, the journal from its lines.

:mod:`prospect_tui.store.restore` asks here for each file's :class:`Repair`
(what will be done, what cannot be brought back) and acts on them all once
the user agrees. Nothing here writes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from prospect_tui.core.model import Prospect
from prospect_tui.store import backups, journal, migrations, salvage
from prospect_tui.store.files import read_bytes
from prospect_tui.store.layout import PROSPECTS
from prospect_tui.store.shard_file import Damage, dump, parses, read_checked, read_shard
from prospect_tui.store.storage import RawTable, Shard, apply


@dataclass
class Repair:
    """One file put right: what will be done, what it cannot bring back."""

    path: Path
    will: str
    """What will be done, one sentence."""
    did: str
    """What was done, one sentence; ``{kept}`` stands for where the damaged bytes went."""
    content: bytes | None
    """The file's new bytes; None leaves it as it is."""
    aside: list[tuple[int, int | None]] = field(default_factory=list)
    """Byte ranges of the file kept in ``damaged/`` first."""
    lost: Counter[str] = field(default_factory=Counter)
    """Records, by table, whose last saved change cannot be recovered."""
    unknown: list[str] = field(default_factory=list)
    """Losses that cannot be counted, each a phrase."""


@dataclass
class State:
    """What a restore has read and worked out so far, shared by every file's repair."""

    folded: int
    known: set[str]
    contents: journal.Contents | None
    """The journal as it reads; None when it is missing."""
    journal_bytes: bytes = b""
    restored: dict[str, tuple[dict[str, RawTable], int]] = field(default_factory=dict)
    claims: list[tuple[int, int]] = field(default_factory=list)
    """Do-not-call marks seen where changes were lost: (prospect id, change it was at)."""
    marked: dict[int, dict[str, Any]] = field(default_factory=dict)
    """The prospects to mark do-not-call again, with the documents that do it."""


# -- shards -----------------------------------------------------------------------------


@dataclass
class _Log:
    path: Path
    base: int
    end: int


def _logs(data_dir: Path, name: str) -> list[_Log]:
    return [_Log(path, *backups.span(path)) for path in backups.changes(data_dir, name)]


def _reach(start: int, logs: list[_Log]) -> int:
    """How far the change logs carry a copy folded up to ``start``, without a gap."""
    current = start
    for log in logs:
        if log.end <= current:
            continue
        if log.base > current:
            break
        current = log.end
    return current


def plan_shard(data_dir: Path, name: str, state: State) -> Repair | None:
    """How shard ``name`` is put right, or None when its file reads cleanly (or never was)."""
    path = data_dir / f"{name}.json"
    salvaged: salvage.Salvaged | None = None
    if path.exists():
        try:
            read_checked(path)  # every record, not only the JSON: a flipped bit may leave both
            return None
        except Damage as damage:
            problem = str(damage)
        salvaged = salvage.shard_lines(read_bytes(path))
    elif name in state.known:
        problem = "missing"
    else:
        return None
    aside: list[tuple[int, int | None]] = [(0, None)] if salvaged is not None else []
    logs = _logs(data_dir, name)
    copies = [(backups.seq_of(p), p) for p in backups.listed(data_dir, name) if parses(p)]
    starts: list[tuple[int, Path | None]] = list(copies)
    if logs and logs[0].base == 0:  # the logs go back to its first fold: rebuilt from nothing
        starts.append((0, None))
    if not starts and salvaged is None:
        # Nothing to bring back and no bytes to keep: written again empty (once the
        # user agreed to the loss), so the rest of the workspace opens again.
        return Repair(
            path,
            will=f"{path.name} is missing and there is no copy of it: it will be written "
            "again, empty.",
            did=f"{path.name} was written again, empty.",
            content=dump(Shard(name, path).to_tinydb(0)),
            unknown=[f"what {path.name} held"],
        )
    if not starts:
        return Repair(
            path,
            will=f"{path.name} is damaged ({problem}) and has no good backup; it will be left "
            "as it is.",
            did=f"{path.name} has no good backup; it is left as it is and its bytes are kept "
            "at {kept}.",
            content=None,
            aside=aside,
            unknown=[f"what {path.name} held"],
        )
    start, copy = max(starts, key=lambda s: (_reach(s[0], logs), s[0]))
    tables: dict[str, RawTable] = {}
    schema = migrations.SCHEMA
    if copy is not None:
        tables, _, written_with = read_shard(copy)
        schema = written_with or migrations.SCHEMA
    current, replayed, repair = start, 0, Repair(path, "", "", None, aside)
    for log in logs:
        if log.end <= current:
            continue
        if log.base > current:
            break
        data = read_bytes(log.path)
        contents = journal.parse(data, check=True)
        for entry in contents.entries:
            mine = [op for op in entry.ops if op[1] == name]
            if current < entry.seq <= log.end and mine:
                for op in mine:
                    apply(tables, op)
                replayed += 1
        lose_lines(repair, state, contents, data, shard=name)
        current = log.end
    # The file a fold wrote is always newer than the backups it left: when neither
    # its own bytes nor a change log say how new, it is newer than the newest one.
    every_copy = [backups.seq_of(p) for p in backups.listed(data_dir, name)]
    newest = max(
        [current, salvaged.seq if salvaged and salvaged.seq else 0]
        + [log.end for log in logs]
        + [max(every_copy) + 1 if every_copy else 0]
    )
    if current < newest:
        if salvaged is not None and salvaged.tables:
            repair.lost += salvage.count_differences(tables, salvaged.tables)
            state.claims += [(pid, newest) for pid in salvage.dnc_in_tables(salvaged.tables)]
        else:
            repair.unknown.append(f"the changes to {path.name} saved after {_copy(copy)}")
    state.restored[name] = (tables, current)
    repair.content = dump(Shard(name, path, tables).to_tinydb(current, schema))
    since = f", with the {replayed} change{'s' if replayed != 1 else ''} saved since replayed"
    source = (
        f"from the copy {backups.label(copy)}{since if replayed else ''}"
        if copy is not None
        else f"from the {replayed} change{'s' if replayed != 1 else ''} saved to it"
    )
    state_of = "missing" if salvaged is None else f"damaged ({problem})"
    repair.will = f"{path.name} is {state_of}: it will be restored {source}."
    kept = "; the damaged bytes are kept at {kept}" if salvaged is not None else ""
    repair.did = f"{path.name} was restored {source}{kept}."
    return repair


def _copy(copy: Path | None) -> str:
    return f"the copy {backups.label(copy)}" if copy is not None else "its first save"


def lose_lines(
    repair: Repair,
    state: State,
    contents: journal.Contents,
    data: bytes,
    shard: str | None = None,
) -> None:
    """Count what a journal's bad lines held (for ``shard``), and note do-not-call marks."""
    for bad in contents.bad:
        line = data[bad.start : bad.end]
        at = bad.seq if bad.seq is not None else 1 << 62
        if bad.ops is not None:
            ops = [op for op in bad.ops if shard is None or op[1:2] == [shard]]
            if not ops and bad.ops:
                continue  # it changed other files only
            counts = salvage.count_ops(ops)
            state.claims += [(pid, at) for pid in salvage.dnc_in_ops(ops)]
        else:
            counts = salvage.count_line(line)
            state.claims += [(pid, at) for pid in salvage.dnc_in_line(line)]
        which = f"change {bad.seq}" if bad.seq is not None else f"line {bad.line}"
        if counts:
            repair.lost += counts
        else:
            repair.unknown.append(f"whatever {which} of {repair.path.name} held")


# -- the journal ------------------------------------------------------------------------


@dataclass
class Rewrite:
    """The journal written again: its good changes, after the same base."""

    repair: Repair
    base: int
    entries: list[journal.Entry]
    given_up: list[int]


def plan_journal(data_dir: Path, state: State) -> Rewrite | None:
    """How the journal is put right, or None when it reads cleanly."""
    path = data_dir / journal.JOURNAL_FILE
    contents = state.contents
    if contents is None:  # missing: whatever was not folded went with it
        repair = Repair(
            path,
            will=f"{path.name} is missing: a new one will start after the last save.",
            did=f"{path.name} was started again after the last save.",
            content=None,
            unknown=["any change made after the last save"],
        )
        return Rewrite(repair, state.folded, [], [])
    if not contents.damaged:
        return None
    header_bad = any(bad.line == 1 for bad in contents.bad)
    base = state.folded if header_bad else contents.base
    entries = [entry for entry in contents.entries if entry.seq > base]
    # Named in the new header, so the gap in the numbers is known, not damage again.
    given_up = [*contents.given_up, *contents.missing]
    if header_bad and entries:
        given_up += list(range(base + 1, entries[0].seq))
    numbers = [f"{bad.line}" for bad in contents.bad]
    where = f"line{'s' if len(numbers) > 1 else ''} {', '.join(numbers)}"
    keeps = f"keeps its {len(entries)} good change{'s' if len(entries) != 1 else ''}"
    repair = Repair(
        path,
        will=f"{path.name} is damaged ({contents.problem()}): it {keeps}"
        + (f", and {where} will be set aside." if numbers else "."),
        did=f"{path.name} {keeps}"
        + (
            f"; its damaged {where} and the whole file are kept in {data_dir / 'damaged'}."
            if numbers
            else "."
        ),
        content=None,
        aside=[(bad.start, bad.end) for bad in contents.bad] + [(0, None)],
    )
    lose_lines(repair, state, contents, state.journal_bytes)
    for seq in contents.missing:
        if not any(bad.seq == seq for bad in contents.bad):
            repair.unknown.append(f"change {seq} of {path.name}, which is not in it")
    return Rewrite(repair, base, entries, given_up)


def journal_bytes(state: State, rewrite: Rewrite) -> bytes:
    """The rewritten journal: its good changes, then one that puts do-not-call marks back."""
    lines = [journal.header(rewrite.base, sorted(set(rewrite.given_up)))]
    lines += [journal.encode({"seq": e.seq, "ops": e.ops}) for e in rewrite.entries]
    if state.marked:
        # A change of its own, after every other: the marks are put back on the
        # prospects as the next start will read them.
        last = max([rewrite.base, state.folded, *(e.seq for e in rewrite.entries)])
        ops = [["put", PROSPECTS, Prospect.TABLE, pid, doc] for pid, doc in state.marked.items()]
        lines.append(journal.encode({"seq": last + 1, "ops": ops}))
    return b"".join(lines)
