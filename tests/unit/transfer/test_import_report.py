"""One import report: the dialog shows the command's lines, only fewer of the skipped rows."""

from __future__ import annotations

from datetime import UTC, datetime

from prospect_tui.transfer.csv_import import plan_import
from prospect_tui.transfer.import_report import Tone, report, report_text

NOW = datetime(2026, 11, 19, 15, 30, tzinfo=UTC)


def test_the_dialog_caps_the_rows_the_command_lists_in_full() -> None:
    rows = "".join(f"Nobody {n},not a phone {n}\n" for n in range(5))
    data = f"name,phone\n{rows}Ada Lovelace,+33 6 12 34 56 70\n".encode()
    plan = plan_import(data, [], list_name=None, now=NOW)
    full = report(plan, dry_run=True)
    capped = report(plan, dry_run=True, problems_shown=2)
    assert full[0].tone is Tone.TITLE and full[0].text.startswith("Dry run: would import 1")
    assert report_text(plan, dry_run=True) == "".join(f"{line.text}\n" for line in full)
    assert len(plan.problems) == 5
    assert [line.text for line in capped[1:3]] == [str(p) for p in plan.problems[:2]]
    assert capped[3].text.startswith("… and 3 more") and capped[3].tone is Tone.NOTE
    assert [line.text for line in capped[4:]] == [line.text for line in full[6:]]
