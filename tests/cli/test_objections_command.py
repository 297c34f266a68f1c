"""Objections on the command line: ``export calls`` carries them, ``review`` counts them."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from prospect_tui.core.model import Call, Prospect
from prospect_tui.store.repository import Repository
from prospect_tui.store.workspace import Workspace
from tests.cli.test_commands import export_json, run

PARIS = ZoneInfo("Europe/Paris")


def test_the_review_counts_what_export_calls_says_was_raised(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    assert run(capsys, "sample", "--prospects", "60", "--calls", "600", "--weeks", "4")[0] == 0
    calls = export_json(capsys, "calls")
    assert all(isinstance(c["objections"], list) for c in calls)
    assert any(c["objections"] for c in calls), "the sample tags some calls"
    code, out, err = run(capsys, "review", "--format", "json")
    assert code == 0, err
    review = json.loads(out)

    # Counted again from the export, over the experiment window the review names.
    first, last = review["experiment"]["from"], review["date"]
    expected: dict[str, dict[str, int]] = {}
    for call in calls:
        if not first <= str(call["local_date"]) <= last:
            continue
        for name in call["objections"]:  # type: ignore[union-attr]
            row = expected.setdefault(name, {"raised": 0, "meetings": 0, "callbacks": 0})
            row["raised"] += 1
            row["meetings"] += call["outcome"] == "meeting"
            row["callbacks"] += call["outcome"] == "callback"
    assert expected
    # The sample's config lists all five: one never raised would still be there, at zero.
    assert list(review["objections"]) == [
        "not interested",
        "send me an email",
        "we already use X",
        "no budget",
        "call me later",
    ]
    shown = {name: row for name, row in review["objections"].items() if row["raised"]}
    assert shown == expected

    code, text, _ = run(capsys, "review")
    assert code == 0 and "Objections (28 days from" in text
    code, markdown, _ = run(capsys, "review", "--format", "markdown")
    assert code == 0 and "| objection | raised | still a meeting | still a callback |" in markdown


def test_export_calls_joins_objections_in_one_spreadsheet_safe_cell(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    day = date(2026, 11, 19)
    at = datetime(2026, 11, 19, 10, tzinfo=PARIS)
    with Workspace.open(home, write=True) as workspace:
        repository = Repository(workspace)
        ada = repository.save_prospect(Prospect(first_name="Ada", created_at=at))
        raised = ['=HYPERLINK("x")', "[b]no budget[/b]"]
        for objections in (raised, []):
            repository.log_call(
                Call(
                    prospect_id=ada.id,
                    started_at=at,
                    ended_at=at + timedelta(seconds=90),
                    outcome="not_interested",
                    local_date=day,
                    objections=list(objections),
                ),
                ada,
            )
    code, out, err = run(capsys, "export", "calls")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["objections"] for r in rows] == ['\'=HYPERLINK("x"); [b]no budget[/b]', ""]
    assert [c["objections"] for c in export_json(capsys, "calls")] == [raised, []]
