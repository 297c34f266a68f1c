"""Crash safety: every call acknowledged before ``kill -9`` is there after a restart.

A child process logs calls as the app would and prints each call's id once
``log_call`` has returned. Reading those lines is the only synchronisation:
nothing sleeps, and the kill lands wherever the child happens to be.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from prospect_tui.store.repository import Repository
from prospect_tui.store.restore import restore
from prospect_tui.store.workspace import ID_BLOCK, Workspace

CHILD = textwrap.dedent(
    """
    import os, signal, sys
    from datetime import date, datetime, timedelta, timezone
    from pathlib import Path

    from tinydb.table import Document

    from prospect_tui.core.model import Call, Prospect, Status
    from prospect_tui.store.repository import Repository
    from prospect_tui.store.layout import calls_shard
    from prospect_tui.store.workspace import Workspace

    home, sync, kill_at, where = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
    workspace = Workspace.open(home, write=True, sync=sync)
    repository = Repository(workspace)
    prospect = repository.save_prospect(
        Prospect(first_name="Ada", last_name="Byron", phone="+33142000000",
                 timezone="Europe/Paris")
    )
    print("ready", flush=True)
    start = datetime(2026, 10, 30, 9, 0, tzinfo=timezone.utc)
    for n in range(1, 100_000):
        if n == kill_at and where == "between":
            os.kill(os.getpid(), signal.SIGKILL)
        at = start + timedelta(minutes=n)
        call = Call(prospect_id=prospect.id, started_at=at, ended_at=at + timedelta(seconds=40),
                    duration_s=40.0, outcome="no_answer", local_hour=10,
                    local_date=date(2026, 10, 31) if n % 2 else date(2026, 11, 1))
        prospect.attempts = n
        prospect.status = Status.ATTEMPTED
        prospect.last_outcome = "no_answer"
        prospect.last_called_at = at
        prospect.notes = f"after call {n}"
        if n == kill_at and where == "inside":
            with workspace.atomic():  # half a log_call: the call is in, the prospect not yet
                call.id = workspace.next_id("calls")
                workspace.table(calls_shard(call.local_date), "calls").insert(
                    Document(call.to_doc(), doc_id=call.id))
                os.kill(os.getpid(), signal.SIGKILL)
        repository.log_call(call, prospect)
        print(call.id, flush=True)
    """
)


def start_child(home: Path, sync: str, kill_at: int = 0, where: str = "") -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(home), sync, str(kill_at), where or "-"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=home.parent,
    )
    assert child.stdout is not None
    first = child.stdout.readline()
    if first != "ready\n":
        child.kill()
        _, errors = child.communicate()
        pytest.fail(f"the child did not start: {first!r} {errors}")
    return child


def rest_of(child: subprocess.Popen[str]) -> str:
    """What the killed child printed after the lines already read.

    Read through the same buffered stream as those lines: ``communicate()``
    reads the pipe underneath it and would miss a line already buffered.
    """
    assert child.stdout is not None
    rest = child.stdout.read()
    child.wait()
    return rest


def acknowledged(lines: str) -> list[int]:
    """The ids of whole lines only: a line cut by the kill was never acknowledged."""
    whole = [line for line in lines.splitlines(keepends=True) if line.endswith("\n")]
    return [int(line) for line in whole if line.strip().isdigit()]


def assert_intact(home: Path, acked: list[int]) -> None:
    """Every acknowledged call is back, each with the prospect update that went with it."""
    for write in (False, True):  # a reader first; then a writer: the OS let go of the lock
        with Workspace.open(home, write=write) as workspace:
            repository = Repository(workspace)
            calls = list(repository.iter_calls())
            ids = sorted(call.id for call in calls)
            (prospect,) = repository.prospects()

            assert set(acked) <= set(ids)
            assert ids == list(range(1, len(ids) + 1)), "a call in the middle went missing"
            # One journal line per log_call: the call and its prospect land together.
            assert prospect.attempts == len(ids)
            assert prospect.notes == f"after call {len(ids)}"
            assert prospect.last_outcome == "no_answer"
            assert {c.local_date.month for c in calls} == ({10, 11} if len(ids) > 1 else {10})
            if write:
                # Never an id handed out before; at most the rest of a block left unused.
                assert len(ids) < workspace.next_id("calls") <= len(ids) + ID_BLOCK


@pytest.mark.parametrize("sync", ["now", "background"])
def test_every_acknowledged_call_survives_kill_9(home: Path, sync: str) -> None:
    child = start_child(home, sync)
    assert child.stdout is not None
    acked = [int(child.stdout.readline()) for _ in range(5)]

    child.send_signal(signal.SIGKILL)  # mid-stream: it is logging as fast as it can
    rest = rest_of(child)

    assert child.returncode == -signal.SIGKILL
    acked += acknowledged(rest)
    assert acked == list(range(1, len(acked) + 1))
    assert_intact(home, acked)


@pytest.mark.parametrize("where", ["between", "inside"])
def test_a_process_killed_between_or_inside_writes_keeps_whole_calls(
    home: Path, where: str
) -> None:
    child = start_child(home, "now", kill_at=4, where=where)
    out, errors = child.communicate()

    assert child.returncode == -signal.SIGKILL, errors
    acked = acknowledged(out)
    assert acked == [1, 2, 3]
    assert_intact(home, acked)
    with Workspace.open(home) as workspace:
        assert len(list(Repository(workspace).iter_calls())) == 3  # the half-logged call is not


def test_a_file_damaged_after_kills_and_folds_comes_back_with_every_acknowledged_call(
    home: Path,
) -> None:
    sessions: list[list[int]] = []
    for session in range(3):  # killed each time; the next start folds the one before
        child = start_child(home, "now")
        assert child.stdout is not None
        acked = [int(child.stdout.readline()) for _ in range(5)]
        child.send_signal(signal.SIGKILL)
        rest = rest_of(child)
        sessions.append(acked + acknowledged(rest))
        if session < 2:
            Workspace.open(home, write=True).close()
    for name in ["prospects.json", "calls/2026-10.json", "calls/2026-11.json"]:
        path = home / name
        data = bytearray(path.read_bytes())
        data[len(data) // 2] = 0
        path.write_bytes(bytes(data))

    assert len(restore(home)) == 3

    with Workspace.open(home, write=True) as workspace:
        repository = Repository(workspace)
        calls = list(repository.iter_calls())
        ids = sorted(call.id for call in calls)
        # A killed session leaves the rest of its block of ids unused: the gaps are
        # between sessions, never inside one.
        for acked in sessions:
            assert set(range(acked[0], acked[-1] + 1)) <= set(ids), "a call went missing"
        assert len(set(ids)) == len(ids)
        prospects = repository.prospects()
        assert len(prospects) == 3
        for prospect in prospects:
            made = [call for call in calls if call.prospect_id == prospect.id]
            assert prospect.attempts == len(made)  # each call with its prospect's update
