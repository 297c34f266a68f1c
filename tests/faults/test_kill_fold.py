"""``kill -9`` during the fold on quit: the next start has every call.

On quit the journal is folded into the JSON files, each written to a temporary
file, fsync'd and renamed, then the journal starts again. A child process logs
calls into a folded workspace (two months of calls, the prospects, a sprint),
then quits, and kills itself at one step of that fold — each step in turn,
before the step's system call — or is killed by the parent at whatever moment
the fold has reached.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from prospect_tui.core.clock import ManualClock
from prospect_tui.store.files import TEMPORARY
from prospect_tui.store.repository import Repository
from prospect_tui.store.workspace import Workspace
from tests.conftest import FROZEN, fill_sample

CALLS = 40

CHILD = textwrap.dedent(
    """
    import os, signal, sys
    from datetime import datetime, timedelta, timezone
    from pathlib import Path

    from prospect_tui.core.model import Call, Status
    from prospect_tui.store.repository import Repository
    from prospect_tui.store.workspace import Workspace

    def quit_at(home, kill_at, calls):
        workspace = Workspace.open(home, write=True, sync="now")
        repository = Repository(workspace)
        prospects = repository.prospects()
        start = datetime(2026, 10, 31, 20, 0, tzinfo=timezone.utc)
        for n in range(1, calls + 1):
            prospect = prospects[n % len(prospects)]
            at = start + timedelta(minutes=n * 7)  # from October into November
            call = Call(prospect_id=prospect.id, started_at=at, ended_at=at + timedelta(seconds=30),
                        duration_s=30.0, outcome="voicemail", local_hour=at.hour,
                        local_date=at.date())
            prospect.attempts += 1
            prospect.status = Status.ATTEMPTED
            prospect.last_outcome = "voicemail"
            prospect.notes = f"fold test {n}"
            repository.log_call(call, prospect)
        steps = 0
        def counted(name, real):
            def wrapped(*args, **kwargs):
                nonlocal steps
                if name != "open" or (len(args) > 1 and args[1] & (os.O_WRONLY | os.O_RDWR)):
                    if steps == kill_at:
                        os.kill(os.getpid(), signal.SIGKILL)
                    steps += 1
                return real(*args, **kwargs)
            return wrapped
        for name in ("open", "write", "fsync", "fdatasync", "ftruncate", "replace", "rename"):
            setattr(os, name, counted(name, getattr(os, name)))
        if kill_at == -2:
            print("folding", os.getpid(), flush=True)  # the parent kills us from outside
        workspace.close()  # what quitting does: fold, then let go of the lock
        return steps

    # Imported once; each trial is a fork that quits its own copy of the workspace.
    calls = int(sys.argv[1])
    for n, (home, kill_at) in enumerate(zip(sys.argv[2::2], sys.argv[3::2])):
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read)
            steps = quit_at(Path(home), int(kill_at), calls)
            os.write(write, str(steps).encode())
            os._exit(0)
        os.close(write)
        _, status = os.waitpid(pid, 0)
        with os.fdopen(read) as said:
            print(home, os.waitstatus_to_exitcode(status), said.read() or "-", flush=True)
    """
)


@pytest.fixture(scope="module")
def folded_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("fold") / "home"
    fill_sample(home, ManualClock(FROZEN), prospects=40, calls=400, weeks=6)
    return home


def quit_and_die(trials: list[tuple[Path, int]]) -> list[tuple[int, str]]:
    """Each home's fold killed at its step (-1: never); (exit code, steps) per trial."""
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(CALLS), *(str(x) for t in trials for x in t)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert child.returncode == 0, child.stderr
    said = [line.split() for line in child.stdout.splitlines()]
    assert [Path(home) for home, _, _ in said] == [home for home, _ in trials], child.stdout
    return [(int(code), steps) for _, code, steps in said]


def contents(home: Path) -> tuple[list[tuple[int, str]], dict[int, tuple[int, str]]]:
    """Every call (id, outcome) and every prospect's (attempts, notes)."""
    with Workspace.open(home) as workspace:
        repository = Repository(workspace)
        calls = sorted((call.id, call.outcome) for call in repository.iter_calls())
        prospects = {p.id: (p.attempts, p.notes) for p in repository.prospects()}
    return calls, prospects


@pytest.fixture(scope="module")
def expected(folded_home: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[object, int]:
    """What a quit that was never interrupted leaves, and how many steps its fold took."""
    home = tmp_path_factory.mktemp("clean") / "home"
    shutil.copytree(folded_home, home)
    ((code, steps),) = quit_and_die([(home, -1)])
    assert code == 0
    return contents(home), int(steps)


def assert_as_if_never_killed(home: Path, expected: object) -> None:
    assert contents(home) == expected  # a reader, replaying the journal
    with Workspace.open(home, write=True):  # the next app start: a writer
        pass
    assert not [p for p in home.rglob("*") if TEMPORARY.match(p.name)]
    assert contents(home) == expected


def test_a_kill_at_each_step_of_the_fold_loses_no_call(
    folded_home: Path, tmp_path: Path, expected: tuple[object, int]
) -> None:
    wanted, steps = expected
    assert steps > 20  # several files, each: temporary, write, fsync, rename
    homes = [tmp_path / f"step-{step}" for step in range(steps)]
    for home in homes:
        shutil.copytree(folded_home, home)
    ended = quit_and_die([(home, step) for step, home in enumerate(homes)])
    assert ended == [(-signal.SIGKILL, "-")] * steps  # each killed before it could finish
    for step, home in enumerate(homes):
        try:
            assert_as_if_never_killed(home, wanted)
        except AssertionError as wrong:
            raise AssertionError(f"killed at step {step} of {steps}: {wrong}") from None


def test_a_kill_from_outside_mid_fold_loses_no_call(
    folded_home: Path, tmp_path: Path, expected: tuple[object, int]
) -> None:
    home = tmp_path / "home"
    shutil.copytree(folded_home, home)
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(CALLS), str(home), "-2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    folding = child.stdout.readline().split()
    assert folding[0] == "folding", (folding, child.stderr)
    os.kill(int(folding[1]), signal.SIGKILL)  # the process folding, wherever it is
    out, _ = child.communicate(timeout=30)
    assert out.split()[1] in ("0", str(-signal.SIGKILL)), out  # or the fold was done first
    assert_as_if_never_killed(home, expected[0])
