"""Tomorrow's first calls in the store: picked, changed, cleared, used up; safe across kill -9."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from prospect_tui.core.first_calls import picks
from prospect_tui.core.model import Prospect, Sprint
from prospect_tui.store.repository import Repository
from prospect_tui.store.workspace import Workspace

PARIS = ZoneInfo("Europe/Paris")
MONDAY = date(2026, 11, 23)
FRIDAY_EVENING = datetime(2026, 11, 20, 17, 0, tzinfo=PARIS)


def people(repository: Repository, *names: str) -> list[Prospect]:
    return [repository.save_prospect(Prospect(first_name=n, phone="+33142000000")) for n in names]


def test_picked_calls_read_back_in_order(repository: Repository) -> None:
    ada, bob, cy = people(repository, "Ada", "Bob", "Cy")
    repository.pick_first_calls(MONDAY, picks(MONDAY, [cy, ada, bob], FRIDAY_EVENING))
    stored = repository.first_calls_on(MONDAY)
    assert [(f.who, f.rank, f.sprint_id) for f in stored] == [
        ("Cy", 1, None),
        ("Ada", 2, None),
        ("Bob", 3, None),
    ]
    assert repository.first_calls_on(MONDAY + timedelta(days=1)) == []


def test_picking_again_replaces_and_an_empty_pick_clears(repository: Repository) -> None:
    ada, bob, cy = people(repository, "Ada", "Bob", "Cy")
    repository.pick_first_calls(MONDAY, picks(MONDAY, [ada, bob], FRIDAY_EVENING))
    repository.pick_first_calls(MONDAY, picks(MONDAY, [cy], FRIDAY_EVENING))
    assert [f.who for f in repository.first_calls_on(MONDAY)] == ["Cy"]
    repository.pick_first_calls(MONDAY, [])
    assert repository.first_calls_on(MONDAY) == []


def test_the_first_sprint_uses_them_up(repository: Repository) -> None:
    ada, bob = people(repository, "Ada", "Bob")
    repository.pick_first_calls(MONDAY, picks(MONDAY, [ada, bob], FRIDAY_EVENING))
    start = datetime(2026, 11, 23, 9, 0, tzinfo=PARIS)
    sprint = Sprint(started_at=start, ends_at=start + timedelta(minutes=25), local_date=MONDAY)
    saved = repository.start_sprint(sprint, repository.first_calls_on(MONDAY))
    assert saved.id
    assert {f.sprint_id for f in repository.first_calls_on(MONDAY)} == {saved.id}
    # A new pick for the day leaves the used ones as the record of that sprint's start.
    repository.pick_first_calls(MONDAY, [])
    assert len(repository.first_calls_on(MONDAY)) == 2


def test_they_survive_a_fold_and_a_reopen(home: Path) -> None:
    with Workspace.open(home, write=True) as workspace:
        repository = Repository(workspace)
        (ada,) = people(repository, "Ada")
        repository.pick_first_calls(MONDAY, picks(MONDAY, [ada], FRIDAY_EVENING))
    with Workspace.open(home) as reader:
        assert [f.who for f in Repository(reader).first_calls_on(MONDAY)] == ["Ada"]


CHILD = textwrap.dedent(
    """
    import os, signal, sys
    from datetime import date, datetime
    from pathlib import Path
    from zoneinfo import ZoneInfo

    from prospect_tui.core.first_calls import picks
    from prospect_tui.core.model import Prospect
    from prospect_tui.store.repository import Repository
    from prospect_tui.store.workspace import Workspace

    workspace = Workspace.open(Path(sys.argv[1]), write=True)
    repository = Repository(workspace)
    chosen = [repository.save_prospect(Prospect(first_name=n)) for n in ("Ada", "Bob", "Cy")]
    now = datetime(2026, 11, 20, 17, 0, tzinfo=ZoneInfo("Europe/Paris"))
    repository.pick_first_calls(date(2026, 11, 23), picks(date(2026, 11, 23), chosen, now))
    print("picked", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


def test_kill_9_right_after_picking_keeps_the_picks(home: Path) -> None:
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(home)],
        capture_output=True,
        text=True,
        cwd=home.parent if home.parent.exists() else None,
        check=False,
    )
    assert child.stdout == "picked\n", child.stderr
    assert child.returncode == -signal.SIGKILL
    with Workspace.open(home, write=True) as workspace:
        stored = Repository(workspace).first_calls_on(MONDAY)
    assert [(f.who, f.rank) for f in stored] == [("Ada", 1), ("Bob", 2), ("Cy", 3)]
