"""Import prospects from a CSV file: plan first (pure), then apply in one journal line.

:func:`plan_import` reads the bytes and the prospects already stored and
says what would happen — new prospects, updates, unchanged rows, rows
skipped and why — without writing anything; the command line and the app
both call it, the app from a worker thread with a ``progress`` callback.
:func:`apply_plan` then writes the whole plan inside one
``workspace.atomic()``: every prospect lands, or none does.

Merging: a row whose E.164 phone or e-mail (any case) matches a stored
prospect, or an earlier row of the same file, merges into it instead of
doubling it. A merge fills empty fields, adds tags and ``extra`` keys, and
never lowers a status — a ``do_not_call`` mark stays, and a source's
do-not-call flag always lands. Attempts and call dates are never touched. A
row that would change nothing is "unchanged", so importing a file twice
changes nothing the second time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from prospect_tui.collector import paused_gc
from prospect_tui.core.errors import ProspectError
from prospect_tui.core.model import CONTACT_FIELDS, Prospect, Status
from prospect_tui.store.prospect_contacts import Contact, stored_contacts
from prospect_tui.transfer.columns import SALESFORCE, map_columns
from prospect_tui.transfer.csv_read import CsvUnreadable, decode, physical_lines, rows, sniff
from prospect_tui.transfer.import_pool import read_all
from prospect_tui.transfer.import_row import RowReader, forget_numbers, inert

if TYPE_CHECKING:
    from prospect_tui.store.prospect_records import ProspectRecords
    from prospect_tui.store.repository import Repository

Progress = Callable[[int, int], None]
"""Called with (lines read, lines in the file) as the plan is made."""
_EMPTY = ("", None)
"""A contact field not filled in: text fields are "", phone, zone and country None."""
_DELIMITER_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs"}


class FatalImportError(ProspectError):
    """The file cannot be imported at all; nothing was changed. One sentence."""


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """A row skipped, or imported with something left out: its line and why."""

    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Update:
    """A stored prospect and what the import makes of it."""

    before: Prospect
    after: Prospect


@dataclass(slots=True)
class ImportPlan:
    """What an import would do; :func:`apply_plan` does it."""

    source: str
    """``HubSpot``, ``Salesforce``, ``Prospect export`` or ``generic``."""
    encoding: str
    delimiter: str
    rows: int = 0
    """Data rows read (blank lines and report footers aside)."""
    new: list[Prospect] = field(default_factory=list)
    updates: list[Update] = field(default_factory=list)
    unchanged: int = 0
    """Stored prospects the file matched and would not change."""
    duplicates: int = 0
    """Rows merged into an earlier row of the same file."""
    skipped: list[Problem] = field(default_factory=list)
    notices: list[Problem] = field(default_factory=list)
    """Rows imported or merged, with something worth knowing."""

    @property
    def changes(self) -> bool:
        """Whether applying the plan would write anything."""
        return bool(self.new or self.updates)

    @property
    def problems(self) -> list[Problem]:
        """Skipped rows and notices together, in line order."""
        return sorted(self.skipped + self.notices)

    @property
    def zone_unknown(self) -> int:
        """Callable prospects (a phone) the plan leaves without a known time zone."""
        touched = [*self.new, *(u.after for u in self.updates)]
        return sum(1 for p in touched if p.phone and not p.timezone)

    @property
    def read_as(self) -> str:
        """``"UTF-8, separated by commas"``: how the file was read."""
        return f"{self.encoding}, separated by {_DELIMITER_NAMES.get(self.delimiter, 'commas')}"

    def summary(self, *, dry_run: bool = False) -> str:
        """The report's first line: "Imported N, updated M, unchanged U, skipped S (source: X)"."""
        if dry_run:
            return (
                f"Dry run: would import {len(self.new)}, update {len(self.updates)}, "
                f"leave {self.unchanged} unchanged, skip {len(self.skipped)} "
                f"(source: {self.source})"
            )
        return (
            f"Imported {len(self.new)}, updated {len(self.updates)}, "
            f"unchanged {self.unchanged}, skipped {len(self.skipped)} (source: {self.source})"
        )


class Existing(Protocol):
    """The prospects an import matches its rows against."""

    def contacts(self) -> list[Contact]:
        """Each one's id, phone and e-mail, in id order."""

    def prospect(self, order: int, contact: Contact) -> Prospect | None:
        """The ``order``-th of them whole: only those a row matches are asked for."""


class StoredProspects:
    """The prospects of a workspace: phones and e-mails read, the matched ones decoded."""

    def __init__(self, records: ProspectRecords) -> None:
        self.records = records

    def contacts(self) -> list[Contact]:
        """Read from the stored documents without decoding every prospect."""
        return stored_contacts(self.records)

    def prospect(self, order: int, contact: Contact) -> Prospect | None:
        """Decoded from its stored document."""
        return self.records.prospect(contact.id)


class _Listed:
    """Prospects already in memory (tests, callers that hold them)."""

    def __init__(self, prospects: list[Prospect]) -> None:
        self.listed = prospects

    def contacts(self) -> list[Contact]:
        return [Contact(p.id, p.phone, p.email) for p in self.listed]

    def prospect(self, order: int, contact: Contact) -> Prospect | None:
        return self.listed[order]


@dataclass(slots=True)
class _Slot:
    """A prospect the import may touch: stored (``before``) or new."""

    before: Prospect | None
    current: Prospect
    line: int = 0
    """The first line of this file that matched or created it; 0 while none has."""
    order: int = 0
    """A stored prospect's place among them: updates are written in the store's order."""


def plan_import(
    data: bytes,
    existing: list[Prospect] | Existing,
    *,
    list_name: str | None,
    now: datetime,
    progress: Progress | None = None,
    default_country: str | None = None,
    name: str = "The file",
) -> ImportPlan:
    """What importing ``data`` into a workspace holding ``existing`` would do.

    ``existing`` is best a :class:`StoredProspects`: only the prospects rows
    match are then decoded.

    ``list_name`` puts new prospects in that list (else the file's list
    column); ``default_country`` reads national numbers of rows without a
    country; ``name`` is how fatal errors call the file. Raises
    :class:`FatalImportError` when the file cannot be imported at all.
    """
    try:
        with paused_gc():
            return _plan(data, existing, list_name, now, progress, default_country, name)
    finally:
        forget_numbers()


def _plan(
    data: bytes,
    existing: list[Prospect] | Existing,
    list_name: str | None,
    now: datetime,
    progress: Progress | None,
    default_country: str | None,
    name: str,
) -> ImportPlan:
    try:
        text = decode(data)
        layout = sniff(text.text)
        records = rows(text.text, layout)
        headers = _header(records)
        columns = map_columns([inert(cell) for cell in headers])
        if not columns.usable:
            raise FatalImportError(_unusable(name, columns.headers))
        plan = ImportPlan(columns.source, text.encoding, layout.delimiter)
        reader = RowReader(columns, list_name=list_name, now=now, default_country=default_country)
        merger = _Merger(_Listed(existing) if isinstance(existing, list) else existing, plan)
        total = physical_lines(text.text) + layout.first_line - 1

        def done(line: int) -> None:
            if progress is not None:
                progress(line, total)

        data_rows = _data_rows(records, plan, footers=columns.source == SALESFORCE)
        for line, result in read_all(reader, data_rows, lines=total, done=done):
            if result.prospect is None:
                plan.skipped.append(Problem(line, result.skipped))
                continue
            merger.add(line, result.prospect, result.source_id)
            plan.notices.extend(Problem(line, reason) for reason in result.problems)
    except CsvUnreadable as error:
        raise FatalImportError(f"{name} {error.reason}.") from None
    merger.finish(now)
    if progress is not None:
        progress(total, total)
    return plan


def apply_plan(repository: Repository, plan: ImportPlan) -> None:
    """Write the plan in one journal line: all of it lands, or none.

    Raises :class:`FatalImportError`, changing nothing, if a prospect it
    updates changed since the plan was made.
    """
    if not plan.changes:
        return
    try:
        with paused_gc(), repository.atomic():
            for update in plan.updates:
                if repository.prospect(update.before.id) != update.before:
                    raise FatalImportError(
                        f"{update.before.name or 'A prospect'} changed while the import was "
                        "being prepared, so nothing was imported; run the import again."
                    )
            repository.save_prospects([*plan.new, *(update.after for update in plan.updates)])
    except BaseException:
        for prospect in plan.new:
            prospect.id = 0  # nothing landed: the ids handed out are void
        raise


def merge(into: Prospect, row: Prospect) -> Prospect:
    """``into`` with what ``row`` adds: empty fields filled, tags and extra keys added.

    Never lowers the status (a row's do-not-call always lands) and never
    touches attempts, call dates or the creation time. ``into`` itself is
    never changed: a row that adds nothing gives ``into`` back.
    """
    changes: dict[str, Any] = {}
    for name in CONTACT_FIELDS:
        if getattr(into, name) in _EMPTY and getattr(row, name) not in _EMPTY:
            changes[name] = getattr(row, name)
    known = {tag.casefold() for tag in into.tags}
    added = [tag for tag in row.tags if tag.casefold() not in known]
    if added:
        changes["tags"] = [*into.tags, *dict.fromkeys(added)]
    new_keys = {key: value for key, value in row.extra.items() if key not in into.extra}
    if new_keys:
        changes["extra"] = {**into.extra, **new_keys}
    if row.status is Status.DO_NOT_CALL and into.status is not Status.DO_NOT_CALL:
        changes["status"] = Status.DO_NOT_CALL
    if not into.priority and row.priority:
        changes["priority"] = row.priority
    if not changes:
        return into
    return replace(into, **{"tags": list(into.tags), "extra": dict(into.extra), **changes})


class _Merger:
    """Matches each row to a stored prospect or an earlier row, and merges it there.

    A stored prospect is known by its id until a row matches it; only then is
    it read whole and given a slot.
    """

    def __init__(self, existing: Existing, plan: ImportPlan) -> None:
        self.plan = plan
        self.existing = existing
        self.slots: list[_Slot] = []
        self.contacts = existing.contacts()
        self.stored: dict[int, _Slot] = {}
        """The slots of stored prospects rows matched, by their place among them."""
        # Stored prospects by their place among them until a row matches one.
        self.by_phone: dict[str, _Slot | int] = {}
        self.by_email: dict[str, _Slot | int] = {}
        self.by_id: dict[int, int] = {}
        for order, contact in enumerate(self.contacts):
            if contact.phone:
                self.by_phone.setdefault(contact.phone, order)
            if contact.email:
                self.by_email.setdefault(contact.email.casefold(), order)
            self.by_id.setdefault(contact.id, order)

    def _slot(self, found: _Slot | int | None) -> _Slot | None:
        """The slot of a match: a stored prospect's is made when it is first matched."""
        if found is None or isinstance(found, _Slot):
            return found
        slot = self.stored.get(found)
        if slot is None:
            prospect = self.existing.prospect(found, self.contacts[found])
            if prospect is None:  # gone since its contact was read: it matches nothing
                return None
            slot = self.stored[found] = _Slot(prospect, prospect, order=found)
        return slot

    def _index(self, slot: _Slot) -> None:
        prospect = slot.current
        if prospect.phone:
            self.by_phone.setdefault(prospect.phone, slot)
        if prospect.email:
            self.by_email.setdefault(prospect.email.casefold(), slot)

    def add(self, line: int, row: Prospect, source_id: int = 0) -> None:
        """Merge a row's prospect into its match, or keep it as a new prospect."""
        by_phone = self._slot(self.by_phone.get(row.phone)) if row.phone else None
        by_email = self._slot(self.by_email.get(row.email.casefold())) if row.email else None
        if source_id and self._own(source_id, row):
            # A Prospect export read back: its id tells duplicates in the store apart.
            by_phone = by_email = self._slot(self.by_id[source_id])
        slot = by_phone or by_email
        if slot is None:
            slot = _Slot(None, row, line)
            self.slots.append(slot)
            self._index(slot)
            return
        if by_phone is not None and by_email is not None and by_phone is not by_email:
            phone_owner, email_owner = _who(by_phone), _who(by_email)
            reason = (
                f"its phone number is {phone_owner}'s and its e-mail {email_owner}'s; "
                f"merged into {phone_owner} without the e-mail"
            )
            self.plan.notices.append(Problem(line, reason))
            row = replace(row, email="")
        if slot.line:
            self.plan.duplicates += 1
            what = "phone number" if slot is by_phone else "e-mail"
            self.plan.notices.append(
                Problem(line, f"same {what} as line {slot.line}; merged into {_who(slot)}")
            )
        else:
            slot.line = line
        slot.current = merge(slot.current, row)
        self._index(slot)

    def _own(self, source_id: int, row: Prospect) -> bool:
        """Whether the stored prospect with this id is the row's person."""
        order = self.by_id.get(source_id)
        if order is None:
            return False
        slot = self.stored.get(order)
        if slot is not None:
            return _same_person(slot.current.phone, slot.current.email, row)
        contact = self.contacts[order]  # not matched yet: as stored
        return _same_person(contact.phone, contact.email, row)

    def finish(self, now: datetime) -> None:
        """Sort the touched slots into new, updated and unchanged."""
        stored = sorted(self.stored.values(), key=lambda slot: slot.order)
        for slot in [*stored, *self.slots]:
            if not slot.line:
                continue
            if slot.before is None:
                self.plan.new.append(slot.current)
            elif slot.current is slot.before or slot.current == slot.before:
                self.plan.unchanged += 1
            else:
                self.plan.updates.append(Update(slot.before, replace(slot.current, updated_at=now)))


def _same_person(phone: str | None, email: str, row: Prospect) -> bool:
    if row.phone and phone == row.phone:
        return True
    return bool(row.email) and email.casefold() == row.email.casefold()


def _who(slot: _Slot) -> str:
    return slot.current.name or slot.current.email or "an unnamed prospect"


def _data_rows(
    records: Iterator[tuple[int, list[str]]], plan: ImportPlan, *, footers: bool
) -> Iterator[tuple[int, list[str]]]:
    """The rows after the header that hold something, counted into ``plan.rows``."""
    footer = False
    for line, cells in records:
        if not "".join(cells).strip():
            footer = footers
            continue
        if footer and sum(1 for cell in cells if cell.strip()) <= 1:
            continue  # Salesforce ends its reports with a copyright and "Generated By"
        plan.rows += 1
        yield line, cells


def _header(records: Iterator[tuple[int, list[str]]]) -> list[str]:
    """The first row that is not blank: the header."""
    for _line, cells in records:
        if any(cell.strip() for cell in cells):
            return cells
    raise CsvUnreadable("is empty")


def _unusable(name: str, headers: tuple[str, ...]) -> str:
    shown = ", ".join(f'"{h}"' for h in headers[:8] if h) or "nothing"
    more = f" and {len(headers) - 8} more" if len(headers) > 8 else ""
    return (
        f"{name} has no columns Prospect can use — it needs a name column (First Name, "
        f"Last Name or Name) and a Phone, Mobile or Email column, and its header reads "
        f"{shown}{more}."
    )
