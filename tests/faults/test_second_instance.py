"""A second ``prospect`` while one runs: one sentence, exit status 2, nothing changed."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from prospect_tui.core.clock import ManualClock
from prospect_tui.core.model import Prospect
from prospect_tui.store.repository import Repository
from prospect_tui.store.workspace import Workspace
from tests.conftest import fill_sample

CONSOLE_SCRIPT = Path(sys.executable).parent / "prospect"


def every_file(home: Path) -> dict[str, bytes]:
    return {str(p.relative_to(home)): p.read_bytes() for p in home.rglob("*") if p.is_file()}


@pytest.mark.parametrize("command", [[], ["import", "x.csv"], ["sample"], ["restore", "--yes"]])
def test_a_second_instance_is_one_sentence_and_changes_nothing(
    home: Path, clock: ManualClock, tmp_path: Path, command: list[str]
) -> None:
    fill_sample(home, clock, prospects=10, calls=20, weeks=1)
    (tmp_path / "x.csv").write_text("Name,Phone\nAda,+33142000000\n", encoding="utf-8")
    running = Workspace.open(home, write=True)  # the app, mid-sprint, with an unfolded call
    try:
        Repository(running).save_prospect(Prospect(first_name="Unfolded", phone=None))
        before = every_file(home)

        done = subprocess.run(
            [str(CONSOLE_SCRIPT), *command],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=tmp_path,
            env={**os.environ, "PROSPECT_HOME": str(home)},
            stdin=subprocess.DEVNULL,
        )

        assert done.returncode == 2, done.stderr
        assert done.stdout == ""
        sentence = done.stderr.strip()
        assert "already running" in sentence
        assert "\n" not in sentence and not re.search(r"Traceback|report", sentence)
        assert every_file(home) == before
    finally:
        running.close()
    with Workspace.open(home) as reopened:
        names = {p.first_name for p in Repository(reopened).prospects()}
        assert "Unfolded" in names and "Ada" not in names
