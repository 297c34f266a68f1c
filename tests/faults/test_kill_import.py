"""``kill -9`` during ``prospect import``: all of the file lands, or none of it.

A child process loads Prospect once, then forks one trial per copy of the
workspace: each runs ``prospect import`` and is killed at one step of its
writes (each step in turn, before the step's system call), or by a timer at
a seeded random moment of the run.
"""

from __future__ import annotations

import random
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

ROWS = 60
RANDOM_TRIALS = 8

CHILD = textwrap.dedent(
    """
    import os, signal, sys, time
    from prospect_tui.__main__ import main
    import prospect_tui.commands.import_csv, prospect_tui.transfer.csv_import  # loaded once

    def run_import(home, csv, mode, value):
        os.environ["PROSPECT_HOME"] = home
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        steps = 0
        if mode in ("step", "clean"):
            kill_at = int(value) if mode == "step" else -1  # clean: count the steps only
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
        elif mode == "timer":
            signal.signal(signal.SIGALRM, lambda *_: os.kill(os.getpid(), signal.SIGKILL))
            signal.setitimer(signal.ITIMER_REAL, float(value))
        code = main(["import", csv])
        return code, steps

    csv, trials = sys.argv[1], sys.argv[2:]
    for home, mode, value in zip(trials[::3], trials[1::3], trials[2::3]):
        if mode == "timer":
            value = str(float(value) * took)  # a moment inside the clean run's duration
        read, write = os.pipe()
        began = time.perf_counter()
        pid = os.fork()
        if pid == 0:
            os.close(read)
            code, steps = run_import(home, csv, mode, value)
            os.write(write, f"{code} {steps}".encode())
            os._exit(0)
        os.close(write)
        _, status = os.waitpid(pid, 0)
        if mode == "clean":
            took = time.perf_counter() - began
        with os.fdopen(read) as said:
            print(home, os.waitstatus_to_exitcode(status), said.read() or "- -", flush=True)
    """
)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("import") / "home"
    fill_sample(home, ManualClock(FROZEN), prospects=30, calls=60, weeks=1)
    return home


@pytest.fixture(scope="module")
def csv_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("csv") / "leads.csv"
    rows = [f"Lead{n},Imported,+1212555{n:04d},America/New_York" for n in range(ROWS)]
    path.write_text("First Name,Last Name,Phone Number,Time Zone\n" + "\n".join(rows) + "\n")
    return path


def imports(csv: Path, trials: list[tuple[Path, str, str]]) -> list[tuple[int, str, str]]:
    """Run the trials in one child; (exit code, import's status, steps) for each."""
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(csv), *(str(x) for t in trials for x in t)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert child.returncode == 0, child.stderr
    said = [line.split() for line in child.stdout.splitlines()]
    assert [Path(s[0]) for s in said] == [t[0] for t in trials], child.stdout
    return [(int(code), status, steps) for _, code, status, steps in said]


def imported(home: Path) -> set[str]:
    with Workspace.open(home) as workspace:
        return {
            p.first_name for p in Repository(workspace).prospects() if p.last_name == "Imported"
        }


def assert_all_or_nothing(home: Path, what: str) -> bool:
    """Every row or none, to a reader and then to the next writer; whether all landed."""
    seen = imported(home)
    assert seen in (set(), {f"Lead{n}" for n in range(ROWS)}), f"{what}: {len(seen)} of {ROWS}"
    with Workspace.open(home, write=True):
        pass
    assert imported(home) == seen, what
    assert not [p for p in home.rglob("*") if TEMPORARY.match(p.name)], what
    return bool(seen)


def copies(base: Path, folder: Path, count: int) -> list[Path]:
    homes = [folder / f"home-{n}" for n in range(count)]
    for home in homes:
        shutil.copytree(base, home)
    return homes


def test_a_kill_at_each_step_or_at_random_moments_is_all_or_nothing(
    base: Path, csv_file: Path, tmp_path: Path
) -> None:
    first, timed = copies(base, tmp_path / "clean", 2)
    ((code, status, steps),) = imports(csv_file, [(first, "clean", "0")])
    assert (code, status) == (0, "0")
    assert assert_all_or_nothing(first, "the clean import")
    total = int(steps)

    rng = random.Random(12)
    homes = copies(base, tmp_path / "killed", total + RANDOM_TRIALS)
    trials = [(home, "step", str(n)) for n, home in enumerate(homes[:total])]
    trials += [(home, "timer", f"{rng.random():.3f}") for home in homes[total:]]
    # The clean run first: the timers are fractions of its duration.
    ended = imports(csv_file, [(timed, "clean", "0"), *trials])[1:]

    assert [code for code, _, _ in ended[:total]] == [-signal.SIGKILL] * total
    landed = set()
    for (home, mode, value), (code, _, _) in zip(trials, ended, strict=True):
        landed.add(assert_all_or_nothing(home, f"killed by {mode} {value} (exit {code})"))
    assert landed == {True, False}  # early kills land nothing, the last ones everything
