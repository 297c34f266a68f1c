"""The queue's rows kept in memory: after any writes, the same as rows read afresh."""

from __future__ import annotations

import errno
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prospect_tui.core.model import Prospect, Status
from prospect_tui.core.queue_rows import (
    Queueable,
    QueueRow,
    callback_order,
    calling_order,
    group_by_zone,
)
from prospect_tui.store.errors import StoreDamaged, StoreWriteFailed
from prospect_tui.store.journal import Journal
from prospect_tui.store.prospect_index import ProspectIndex
from prospect_tui.store.repository import Repository
from prospect_tui.store.workspace import Workspace

AT = datetime(2026, 11, 19, 9, 30, tzinfo=UTC)
ZONES = ["Europe/Paris", "America/New_York", "Australia/Sydney", None, "Mars/Olympus"]


def afresh(repository: Repository) -> list[QueueRow]:
    """Every prospect decoded whole, as rows in calling order: what the index must hold."""
    return sorted((QueueRow.of(p) for p in repository.prospects()), key=calling_order)


def every_row(index: ProspectIndex) -> list[Queueable]:
    """The index's rows of every zone, in calling order."""
    rows = [row for group in index.by_zone().values() for row in group]
    return sorted(rows, key=calling_order)


def prospect_values() -> st.SearchStrategy[dict[str, object]]:
    instants = st.none() | st.integers(-3000, 3000).map(lambda m: AT + timedelta(minutes=m))
    return st.fixed_dictionaries(
        {
            "status": st.sampled_from(list(Status)),
            "priority": st.integers(-2, 3),
            "attempts": st.integers(0, 9),
            "phone": st.sampled_from(["+33142685300", None]),
            "timezone": st.sampled_from(ZONES),
            "last_called_at": instants,
            "next_action_at": instants,
        }
    )


OPERATIONS = st.lists(
    st.tuples(st.sampled_from(["add", "change", "many", "fail"]), prospect_values()),
    min_size=1,
    max_size=12,
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(OPERATIONS, st.integers(0, 10_000))
def test_rows_kept_up_to_date_equal_rows_read_afresh(
    repository: Repository,
    monkeypatch: pytest.MonkeyPatch,
    operations: list[tuple[str, dict[str, object]]],
    pick: int,
) -> None:
    index = repository.queue_source()
    for kind, values in operations:
        stored = repository.prospects()
        if kind == "add" or not stored:
            repository.save_prospect(Prospect(first_name="New", **values))  # type: ignore[arg-type]
        elif kind == "change":
            old = stored[pick % len(stored)]
            repository.save_prospect(Prospect(id=old.id, first_name=old.first_name, **values))  # type: ignore[arg-type]
        elif kind == "many":
            changed = [
                Prospect(id=p.id, first_name=p.first_name, **values)  # type: ignore[arg-type]
                for p in stored[pick % len(stored) :][:3]
            ]
            repository.save_prospects([*changed, Prospect(first_name="Batch", **values)])  # type: ignore[arg-type]
        else:
            old = stored[pick % len(stored)]

            def disk_full(self: Journal, ops: object) -> int:
                raise OSError(errno.ENOSPC, "No space left on device")

            with monkeypatch.context() as patch:
                patch.setattr(Journal, "append", disk_full)
                with pytest.raises(StoreWriteFailed):
                    repository.save_prospect(Prospect(id=old.id, **values))  # type: ignore[arg-type]
        fresh = afresh(repository)
        assert every_row(index) == fresh
        assert dict(index.by_zone()) == group_by_zone(fresh)
        waiting = [r for r in fresh if r.status is Status.CALLBACK]
        assert list(index.callbacks()) == sorted(waiting, key=callback_order)
    assert repository.queue_source() is index


def test_a_workspace_opened_again_reads_the_same_rows(home: Path, repository: Repository) -> None:
    for priority in (2, 0, 1):
        repository.save_prospect(Prospect(first_name=f"P{priority}", priority=priority))
    kept = every_row(repository.queue_source())
    repository.workspace.close()
    with Workspace.open(home) as reader:
        assert every_row(Repository(reader).queue_source()) == kept
    assert [row.priority for row in kept] == [2, 1, 0]  # the highest priority first


def test_a_damaged_prospect_is_named_when_the_rows_are_read(
    home: Path, repository: Repository
) -> None:
    repository.save_prospect(Prospect(first_name="Ada", priority=3))
    repository.workspace.close()
    stored = home / "prospects.json"
    stored.write_text(
        stored.read_text(encoding="utf-8").replace('"priority": 3', '"priority": "high"'),
        encoding="utf-8",
    )
    with Workspace.open(home) as reader, pytest.raises(StoreDamaged, match="priority"):
        ProspectIndex(reader)


def test_a_whole_prospect_is_decoded_only_when_asked_for(
    repository: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    repository.save_prospects(Prospect(first_name=f"P{n}", phone="+33142685300") for n in range(50))
    decoded: list[int] = []
    real = Prospect.from_doc.__func__  # type: ignore[attr-defined]

    def counting(cls: type[Prospect], record_id: int, doc: dict[str, object]) -> Prospect:
        decoded.append(record_id)
        return real(cls, record_id, doc)  # type: ignore[no-any-return]

    monkeypatch.setattr(Prospect, "from_doc", classmethod(counting))
    index = repository.queue_source()
    assert len(every_row(index)) == 50 and decoded == []
    found = index.prospect(7)
    assert found is not None and found.first_name == "P6" and decoded == [7]
    assert index.prospect(999) is None
