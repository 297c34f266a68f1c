"""``prospect export time`` and ``prospect export followups``: every figure of the review can
be checked from the exports."""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from prospect_tui.core.categories import Category
from prospect_tui.core.model import FollowUp
from prospect_tui.core.time_entries import entries_for
from prospect_tui.store.repository import Repository
from prospect_tui.store.workspace import Workspace
from tests.cli.test_commands import export_json, run

PARIS = ZoneInfo("Europe/Paris")


def test_exported_time_adds_up_to_the_reviews_minutes(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    code, _, err = run(capsys, "sample", "--prospects", "40", "--calls", "300", "--weeks", "2")
    assert code == 0, err
    # Research across midnight: it lands on two days, in the export and the review alike.
    late = datetime(2026, 11, 10, 23, 30, tzinfo=PARIS)
    with Workspace.open(home, write=True) as opened:
        Repository(opened).save_time_entries(
            entries_for(Category.RESEARCH, late, late + timedelta(hours=1), PARIS)
        )
    exported = export_json(capsys, "time")
    assert exported
    assert set(exported[0]) == {
        "id",
        "category",
        "started_at",
        "ended_at",
        "seconds",
        "local_date",
        "sprint_id",
    }
    by_day: dict[str, dict[str, float]] = defaultdict(lambda: dict.fromkeys(Category, 0.0))
    for entry in exported:
        by_day[str(entry["local_date"])][str(entry["category"])] += float(entry["seconds"]) / 60
    assert {"2026-11-10", "2026-11-11"} <= set(by_day)
    assert len(by_day) >= 5
    for day, minutes in by_day.items():
        code, out, err = run(capsys, "review", "--date", day, "--format", "json")
        assert code == 0, err
        review = json.loads(out)
        assert review["minutes"] == {c: round(v, 1) for c, v in minutes.items()}, day


def test_followups_export_as_json_and_spreadsheet_safe_csv(
    capsys: pytest.CaptureFixture[str], home: Path, tmp_path: Path
) -> None:
    at = datetime(2026, 11, 19, 9, 30, tzinfo=PARIS)
    with Workspace.open(home, write=True) as opened:
        repository = Repository(opened)
        repository.save_followup(
            FollowUp(
                prospect_id=1, kind="callback", who='=HYPERLINK("x")', due_at=at, created_at=at
            )
        )
        repository.save_followup(
            FollowUp(
                prospect_id=2,
                kind="meeting",
                who="Ada",
                created_at=at,
                done_at=at + timedelta(hours=1),
                resolution="proposal_sent",
                note="Agenda: pricing for 40 seats",
            )
        )
    exported = export_json(capsys, "followups")
    assert [(f["who"], f["done_at"], f["resolution"], f["note"]) for f in exported] == [
        ('=HYPERLINK("x")', None, "", ""),
        (
            "Ada",
            (at + timedelta(hours=1)).isoformat(),
            "proposal_sent",
            "Agenda: pricing for 40 seats",
        ),
    ]
    target = tmp_path / "followups.csv"
    code, _, err = run(capsys, "export", "followups", "-o", str(target))
    assert code == 0, err
    assert err.strip() == f"Exported 2 follow-ups to {target}."
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert [r["who"] for r in rows] == ['\'=HYPERLINK("x")', "Ada"]
    assert rows[1]["resolution"] == "proposal_sent"
    assert rows[1]["note"] == "Agenda: pricing for 40 seats"
    assert target.stat().st_mode & 0o777 == 0o600
