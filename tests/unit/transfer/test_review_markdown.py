"""``prospect review --days 7 --format markdown``: a week a manager reads in a minute."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from prospect_tui.core.model import SprintStatus
from prospect_tui.core.review import build_review
from prospect_tui.transfer.review_text import render_markdown
from tests.unit.core.test_review import CONFIG, DAY, PARIS, call, review, sprint

MONDAY = DAY - timedelta(days=3)


def week(**overrides):  # type: ignore[no-untyped-def]
    """The seven days ending on Thursday 19 November 2026, a reason in the user's words."""
    values = dict(
        calls=[
            call(1, "no_answer", 3),
            call(2, "meeting", 30, "b", 10),
            call(3, "callback", 31, "b", 10, day=MONDAY),
            call(4, "not_interested", 32, "a", 10, day=MONDAY),
        ],
        sprints=[
            sprint(1, SprintStatus.COMPLETED),
            sprint(2, SprintStatus.ABANDONED, "tired", "discipline", day=MONDAY),
            sprint(3, SprintStatus.ABANDONED, "rejection", "fear"),
            replace(
                sprint(4, SprintStatus.ABANDONED, "other", "fear", day=MONDAY),
                reason_text="the boss | [b]x[/b]",
            ),
            sprint(5, SprintStatus.ABANDONED, "no_dials", "discipline"),
        ],
        first=DAY - timedelta(days=6),
    )
    values.update(overrides)
    return review(**values)


def headings(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("#")]


def test_the_weekly_report_has_its_sections_in_order() -> None:
    markdown = render_markdown(week(), PARIS)
    assert headings(markdown) == [
        "# Prospecting week: Friday 13 to Thursday 19 November 2026",
        "## Time against plan",
        "## Funnel",
        "## Openers and offers: meetings per connect (7 days from 13 Nov 2026, fair rotation)",
        "## Why sprints stopped early",
        "### Fear (2)",
        "### Discipline (2)",
    ]
    lines = markdown.splitlines()
    assert lines[2].startswith("- **Goal met on ") and "working days**" in lines[2]
    assert lines[3].startswith("- Streak: ")
    assert lines[4] == "- Sprints: 1 completed, 4 stopped early"


def test_time_funnel_and_openers_are_tables_github_renders() -> None:
    lines = render_markdown(week(), PARIS).splitlines()
    for header, rule, rows in (
        ("| | spent | planned | of plan |", "|---|---:|---:|---:|", 3),
        ("| dials | connects | meetings |", "|---:|---:|---:|", 1),
        (
            "| opener and offer | connects | meetings per connect (95% interval) "
            "| chance it is best |",
            "|---|---:|---|---:|",
            2,
        ),
    ):
        at = lines.index(header)
        assert lines[at - 1] == ""  # a table needs a blank line before it
        assert lines[at + 1] == rule
        cells = header.count("|")
        body = lines[at + 2 : at + 2 + rows]
        assert all(
            row.startswith("| ") and row.count("|") - row.count("\\|") == cells for row in body
        )
        assert lines[at + 2 + rows] == ""
    assert "| Calling | 25m | 1h 00m | 42% |" in lines
    assert "| 4 | 3 (75% of dials) | 1 (33% of connects) |" in lines


def test_openers_stand_as_a_leader_or_as_how_many_more_connects() -> None:
    markdown = render_markdown(week(), PARIS)
    verdict = markdown.split("chance it is best |")[1].split("## Why")[0]
    assert re.search(r"not enough data yet; about [\d,]+ more connects", verdict)
    assert "| a | 1 | 0% (0%–79%) |" in markdown

    calls = [call(n, "meeting", n, "b", 10) for n in range(1, 60)]
    calls += [call(n, "not_interested", n, "a", 10) for n in range(60, 120)]
    led = render_markdown(week(calls=calls), PARIS)
    assert "**Leader: b (P(best) 1.00).**" in led


def test_reasons_are_grouped_under_fear_and_discipline_in_the_users_words() -> None:
    markdown = render_markdown(week(), PARIS)
    fear = markdown.split("### Fear (2)")[1].split("###")[0]
    discipline = markdown.split("### Discipline (2)")[1]
    assert "- Afraid of being rejected: 1" in fear
    # The user's words, as written: never a table cell, a link or markup.
    assert "- Something else — “the boss \\| \\[b\\]x\\[/b\\]”: 1" in fear
    assert "- Too tired: 1" in discipline
    assert "- Ended without a dial: 1" in discipline


def test_a_manager_reads_no_raw_id_and_no_trailing_space() -> None:
    markdown = render_markdown(week(), PARIS)
    for raw in ("no_dials", "not_interested", "no_answer", "rejection", "discipline", "sprint 1"):
        assert raw not in markdown, raw
    assert not [line for line in markdown.splitlines() if line != line.rstrip()]
    assert markdown.endswith("\n") and not markdown.endswith("\n\n")
    assert "\n\n\n" not in markdown
    assert "Callbacks due tomorrow" not in markdown  # a day's report, not a week's


def test_a_day_report_keeps_tomorrows_callbacks_and_an_empty_week_reads_cleanly() -> None:
    day = render_markdown(review(), PARIS)
    assert headings(day)[0] == "# Prospecting day: Thursday 19 November 2026"
    assert "## Callbacks due tomorrow" in day
    empty = build_review(
        DAY,
        calls=[],
        sprints=[],
        completed_by_day={},
        dials_by_day={},
        today=DAY,
        time_entries=[],
        followups=[],
        config=replace(CONFIG, variants=()),
        tz=PARIS,
        first=DAY - timedelta(days=6),
    )
    markdown = render_markdown(empty, PARIS)
    assert "| 0 | 0 | 0 |" in markdown
    assert "No openers or offers configured." in markdown
    assert "No sprint stopped early." in markdown
    assert date(2026, 11, 13).strftime("%A %d") in markdown
