"""``prospect restore``: bring back every saved change a damaged store still holds.

A damaged or missing shard file comes back as its newest good backup with
every change since replayed on it: first from the change logs each fold
keeps beside the backups, then from the journal (at the next start, as
always). A damaged journal keeps every good line; each bad one is set aside
and the change it held named. Where something cannot be recovered (a change
log rotated away, a journal line that no longer reads), :func:`plan` says
what, counted by kind, before anything is written, and a do-not-call mark
found anywhere (the damaged bytes, a bad journal line, a call's outcome) is
put back by a new journal change, so a restore never undoes one.

The damaged bytes are copied into ``damaged/`` first, so nothing is lost
even if the restored copy turns out not to be what the user wanted.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from prospect_tui.store import backups, journal, marks, migrations, salvage
from prospect_tui.store.damage import keep_aside
from prospect_tui.store.errors import StoreUnavailable
from prospect_tui.store.files import atomic_write, read_bytes, refuse_links
from prospect_tui.store.layout import (
    ACTIVITY,
    MONTHLY,
    PROSPECTS,
    STORE_NAMES,
    WORKSPACE_FILE,
    schema_of,
    shards_of,
    shards_on_disk,
)
from prospect_tui.store.lock import WriterLock
from prospect_tui.store.repair import (
    Repair,
    Rewrite,
    State,
    journal_bytes,
    plan_journal,
    plan_shard,
)


@dataclass
class Plan:
    """Everything a restore would do, worked out before anything is written."""

    repairs: list[Repair] = field(default_factory=list)
    marks: dict[int, str] = field(default_factory=dict)
    """Do-not-call marks a new journal change puts back: prospect id → name."""

    @property
    def loses(self) -> bool:
        """Whether anything saved cannot be brought back."""
        return any(repair.lost or repair.unknown for repair in self.repairs)

    def lost(self) -> str | None:
        """One sentence on what cannot be recovered, or None when nothing is lost."""
        counts: Counter[str] = Counter()
        unknown: list[str] = []
        for repair in self.repairs:
            counts.update(repair.lost)
            unknown += repair.unknown
        parts = []
        if counts:
            parts.append(f"the last saved changes to {salvage.describe(counts)}")
        parts += unknown
        if not parts:
            return None
        return f"Cannot be recovered: {_join(parts)}."

    def says(self) -> list[str]:
        """What will be done and what cannot be recovered, before doing it."""
        sentences = [repair.will for repair in self.repairs if repair.will]
        lost = self.lost()
        if lost:
            sentences.append(lost)
        if self.marks:
            names = _join(sorted(self.marks.values()))
            count = len(self.marks)
            sentences.append(
                f"{count} do-not-call mark{'s' if count > 1 else ''} ({names}) "
                f"will be put back, as a restore never undoes one."
            )
        return sentences


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else "; ".join(parts[:-1]) + " and " + parts[-1]


def restore(data_dir: Path, confirm: Callable[[Plan], bool] = lambda plan: True) -> list[str]:
    """Repair what can be repaired once ``confirm`` agrees; one sentence per file acted on.

    ``confirm`` sees the plan first (what will be done, what is lost) and is
    not asked when nothing needs doing. Returns ``[]`` when nothing needed
    restoring or ``confirm`` declined. Raises :class:`StoreLocked` while the
    app is running, and :class:`StoreUnavailable` when a store file or folder
    is a symbolic link, as opening the workspace does: a restore that followed
    one would read backups from, or write damaged bytes to, somewhere else.
    """
    try:
        refuse_links(data_dir, STORE_NAMES)
    except OSError as error:
        raise StoreUnavailable(data_dir, error) from None
    lock = WriterLock(data_dir)
    lock.acquire()
    try:
        found = plan(data_dir)
        if not found.repairs or not confirm(found):
            return []
        return carry_out(data_dir, found)
    finally:
        lock.release()


def carry_out(data_dir: Path, found: Plan) -> list[str]:
    """Write a plan made by :func:`plan` (the caller holds the writer lock)."""
    done = []
    for repair in found.repairs:
        kept = None
        for start, end in repair.aside:
            kept = keep_aside(data_dir, repair.path, start, end) or kept
        if repair.content is not None:
            atomic_write(repair.path, repair.content)
        if repair.did:
            done.append(repair.did.replace("{kept}", str(kept)))
    if found.marks:
        count = len(found.marks)
        done.append(
            f"{count} do-not-call mark{'s' if count > 1 else ''} "
            f"({_join(sorted(found.marks.values()))}) {'were' if count > 1 else 'was'} put back."
        )
    return done


# -- planning ---------------------------------------------------------------------------


def plan(data_dir: Path) -> Plan:
    """Work out what restoring would do; reads only."""
    found = Plan()
    state = _read_state(data_dir, found)
    for name in sorted(_shards(data_dir, state.known)):
        repair = plan_shard(data_dir, name, state)
        if repair is not None:
            found.repairs.append(repair)
    rewrite = plan_journal(data_dir, state)
    journal_lost = rewrite is not None and bool(rewrite.repair.lost or rewrite.repair.unknown)
    prospects_lost = any(
        r.path.name == f"{PROSPECTS}.json" and (r.lost or r.unknown) for r in found.repairs
    )
    if journal_lost or prospects_lost:
        state.claims += marks.claims_from_calls(data_dir, state.restored, state.contents)
        state.marked = marks.to_put_back(data_dir, state.restored, state.contents, state.claims)
        found.marks = {pid: marks.name_of(pid, doc) for pid, doc in state.marked.items()}
    if found.marks and rewrite is None:
        assert state.contents is not None
        contents = state.contents
        path = data_dir / journal.JOURNAL_FILE
        rewrite = Rewrite(
            Repair(path, "", "", None),  # the marks' own sentences say it
            contents.base,
            contents.entries,
            list(contents.given_up),
        )
    if rewrite is not None:
        rewrite.repair.content = journal_bytes(state, rewrite)
        found.repairs.append(rewrite.repair)
    return found


def _read_state(data_dir: Path, found: Plan) -> State:
    path = data_dir / WORKSPACE_FILE
    journal_path = data_dir / journal.JOURNAL_FILE
    raw = read_bytes(journal_path) if journal_path.exists() else None
    contents = journal.parse(raw, check=True) if raw is not None else None
    folded, known = 0, set(shards_on_disk(data_dir))
    try:
        data = json.loads(read_bytes(path))
    except FileNotFoundError:
        # A workspace no writer finished opening: no journal is not a loss.
        contents = contents or journal.Contents(base=0, entries=[], good_size=0, size=0)
        return State(folded, known, contents, raw or b"")
    except ValueError:
        data = None
    if schema_of(data) is not None:
        assert isinstance(data, dict)
        seq = data.get("seq", 0)
        folded = seq if isinstance(seq, int) and seq >= 0 else 0
        return State(folded, known | (shards_of(data) or set()), contents, raw or b"")
    # Written again listing every shard there is a file or a backup of, so that one
    # going missing later is still noticed; the journal's base is the last fold.
    known |= _shards_with_backups(data_dir)
    folded = contents.base if contents is not None and not contents.bad else 0
    content = {"schema": migrations.SCHEMA, "seq": folded, "shards": sorted(known)}
    found.repairs.append(
        Repair(
            path,
            will=f"{path.name} is damaged: it will be written again.",
            did=f"{path.name} was written again; its old bytes are kept at {{kept}}.",
            content=json.dumps(content).encode() + b"\n",
            aside=[(0, None)],
        )
    )
    return State(folded, known, contents, raw or b"")


def _shards(data_dir: Path, known: set[str]) -> set[str]:
    return {PROSPECTS, ACTIVITY} | set(shards_on_disk(data_dir)) | known


def _shards_with_backups(data_dir: Path) -> set[str]:
    names = {name for name in (PROSPECTS, ACTIVITY) if backups.folder(data_dir, name).is_dir()}
    for folder in MONTHLY:
        root = data_dir / backups.BACKUPS_DIR / folder
        if root.is_dir():
            names |= {f"{folder}/{child.name}" for child in root.iterdir() if child.is_dir()}
    return names
