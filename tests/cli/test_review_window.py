"""``prospect review --days N | --all``: a window's counts, checked against the exported calls."""

from __future__ import annotations

import json
import math
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from random import Random
from typing import Any

import pytest

from prospect_tui.core.clock import ManualClock
from tests.cli.test_commands import one_line, run
from tests.conftest import fill_sample

# The outcome table of docs/contracts.md, written out again: the recomputation
# must not lean on the code it checks.
CONNECTED = {"not_interested", "callback", "meeting", "do_not_call"}
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def wilson(k: int, n: int) -> tuple[float, float]:
    if n == 0:
        return 0.0, 1.0
    z, p = 1.959963984540054, k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    margin = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - margin), min(1.0, centre + margin)


def band(seconds: float) -> str:
    if seconds < 60:
        return "under_1_min"
    if seconds < 180:
        return "1_3_min"
    return "3_5_min" if seconds < 300 else "over_5_min"


def document(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    code, out, err = run(capsys, *argv)
    assert (code, err) == (0, ""), err
    return json.loads(out)


@pytest.fixture
def history(home: Path, clock: ManualClock) -> date:
    """Eight weeks of sample calls ending on the clock's day (a Thursday)."""
    fill_sample(home, clock, prospects=80, calls=2400, weeks=8)
    return clock.now().date()


def test_days_28_agrees_with_a_recomputation_from_export_calls(
    capsys: pytest.CaptureFixture[str], history: date
) -> None:
    review = document(
        capsys, "review", "--date", history.isoformat(), "--days", "28", "--format", "json"
    )
    first = history - timedelta(days=27)
    calls = [
        c
        for c in document(capsys, "export", "calls", "--format", "json")
        if first.isoformat() <= c["local_date"] <= history.isoformat()
    ]
    assert len(calls) > 500  # a window worth checking

    assert (review["days"], review["from"]) == (28, first.isoformat())
    assert review["dials"] == len(calls)
    assert review["connects"] == sum(c["outcome"] in CONNECTED for c in calls)
    assert review["meetings"] == sum(c["outcome"] == "meeting" for c in calls)
    assert {k: v for k, v in review["outcomes"].items() if v} == dict(
        Counter(c["outcome"] for c in calls)
    )

    experiment = review["experiment"]
    assert (experiment["window_days"], experiment["from"]) == (28, first.isoformat())
    assert experiment["variants"] == review["variants"]  # a window of days is the experiment's
    names = sorted({c["variant"] for c in calls if c["variant"]})
    assert sorted(v["name"] for v in review["variants"]) == names
    posteriors = {}
    for variant in review["variants"]:
        mine = [c for c in calls if c["variant"] == variant["name"]]
        connects = [c for c in mine if c["outcome"] in CONNECTED]
        meetings = sum(c["outcome"] == "meeting" for c in connects)
        refused = sum(c["outcome"] == "not_interested" for c in connects)
        assert (variant["dials"], variant["connects"], variant["meetings"]) == (
            len(mine),
            len(connects),
            meetings,
        )
        low, high = wilson(meetings, len(connects))
        assert variant["meeting_rate"] == pytest.approx(meetings / len(connects), abs=1e-4)
        assert variant["meeting_rate_low"] == pytest.approx(low, abs=1e-4)
        assert variant["meeting_rate_high"] == pytest.approx(high, abs=1e-4)
        assert variant["not_interested_rate"] == pytest.approx(refused / len(connects), abs=1e-4)
        posteriors[variant["name"]] = (1 + meetings, 1 + len(connects) - meetings)
    # The probability of being best, by a seeded simulation of the posteriors.
    rng, draws, wins = Random(5), 20_000, Counter[str]()
    for _ in range(draws):
        sampled = {name: rng.betavariate(a, b) for name, (a, b) in posteriors.items()}
        wins[max(sampled, key=lambda name: sampled[name])] += 1
    for variant in review["variants"]:
        assert variant["p_best"] == pytest.approx(wins[variant["name"]] / draws, abs=0.015)

    hours: dict[int, list[int]] = {}
    for c in calls:
        counts = hours.setdefault(c["local_hour"], [0, 0])
        counts[0] += 1
        counts[1] += c["outcome"] in CONNECTED
    assert [(h["hour"], h["dials"], h["connects"]) for h in review["connect_rate_by_hour"]] == [
        (hour, dials, connects) for hour, (dials, connects) in sorted(hours.items())
    ]
    weekdays: dict[str, list[int]] = {}
    for c in calls:
        counts = weekdays.setdefault(
            WEEKDAYS[date.fromisoformat(c["local_date"]).weekday()], [0, 0]
        )
        counts[0] += 1
        counts[1] += c["outcome"] in CONNECTED
    assert {w["weekday"]: [w["dials"], w["connects"]] for w in review["by_weekday"]} == weekdays
    lengths = Counter((band(c["duration_s"]), c["outcome"]) for c in calls)
    for row in review["by_length"]:
        for outcome, n in row["outcomes"].items():
            assert n == lengths[(row["length"], outcome)], (row["length"], outcome)


def test_one_day_keeps_the_days_counts_and_looks_at_28_days_for_experiments(
    capsys: pytest.CaptureFixture[str], history: date
) -> None:
    day = document(capsys, "review", "--date", history.isoformat(), "--format", "json")
    also = document(
        capsys, "review", "--date", history.isoformat(), "--days", "1", "--format", "json"
    )
    assert day == also
    todays = [
        c
        for c in document(capsys, "export", "calls", "--format", "json")
        if c["local_date"] == history.isoformat()
    ]
    assert (day["days"], day["from"], day["dials"]) == (1, history.isoformat(), len(todays))
    assert sum(v["dials"] for v in day["variants"]) == sum(bool(c["variant"]) for c in todays)
    month = document(
        capsys, "review", "--date", history.isoformat(), "--days", "28", "--format", "json"
    )
    assert day["experiment"] == month["experiment"]
    assert day["connect_rate_by_hour"] == month["connect_rate_by_hour"]
    assert day["goal"]["met"] == (day["sprints"]["completed"] >= 2 and len(todays) >= 30)


def test_all_reviews_every_day_since_the_first_call(
    capsys: pytest.CaptureFixture[str], history: date
) -> None:
    calls = document(capsys, "export", "calls", "--format", "json")
    everything = document(
        capsys, "review", "--date", history.isoformat(), "--all", "--format", "json"
    )
    first = min(c["local_date"] for c in calls)
    assert everything["from"] == first
    assert everything["days"] == (history - date.fromisoformat(first)).days + 1
    assert everything["dials"] == len(calls)
    code, out, err = run(capsys, "review", "--date", history.isoformat(), "--all")
    assert (code, err) == (0, "")
    assert f"Review of {everything['days']} days" in out


def test_a_window_reads_as_a_window_in_text(
    capsys: pytest.CaptureFixture[str], history: date
) -> None:
    code, out, err = run(capsys, "review", "--date", history.isoformat(), "--days", "7")
    assert (code, err) == (0, "")
    assert out.startswith("Review of 7 days, Friday 13 November 2026 to Thursday 19 November 2026")
    assert "goal met on" in out and "of 5 working days" in out
    assert "Connect rate by weekday (7 days from 13 Nov 2026)" in out


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--days", "0"], "'0' is not a whole number of days from 1 to 36,500"),
        (["--days", "seven"], "'seven' is not a whole number of days"),
        (["--days", "-7"], "'-7' is not a whole number of days"),
        (["--days", "36501"], "'36501' is not a whole number of days"),
        (["--days", "7", "--all"], "not allowed with argument --days"),
    ],
)
def test_a_bad_window_is_one_sentence_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], home: Path, argv: list[str], words: str
) -> None:
    code, out, err = run(capsys, "review", *argv)
    assert (code, out) == (2, "")
    assert words in one_line(err)
    assert not home.exists()


@pytest.mark.parametrize("day", ["0001-01-01", "0001-01-20", "9999-12-31"])
@pytest.mark.parametrize("window", [["--days", "28"], ["--days", "36500"], ["--all"]])
def test_a_window_at_the_ends_of_the_calendar(
    capsys: pytest.CaptureFixture[str], home: Path, day: str, window: list[str]
) -> None:
    review = document(capsys, "review", "--date", day, *window, "--format", "json")
    assert review["date"] == day
    assert date.fromisoformat(review["from"]) <= date.fromisoformat(day)
    assert review["dials"] == 0


@pytest.mark.parametrize(
    ("field", "bad"),
    [
        # Each edit changes the file's size, as a hand edit does: a file the size
        # its fold left it is read from its head and the lines of the day.
        ("outcome", '"no_answered"'),
        ("variant", "7"),
        ("local_hour", '"nine"'),
        ("duration_s", '"long"'),
        ("local_date", "20261112"),
    ],
)
def test_a_call_in_the_window_that_does_not_read_is_damage(
    capsys: pytest.CaptureFixture[str], home: Path, history: date, field: str, bad: str
) -> None:
    # A call of the window, not of the reviewed day: only the window's counting reads it.
    shard = home / "calls" / f"{history:%Y-%m}.json"
    lines = shard.read_text(encoding="utf-8").split("\n")
    days = [(history - timedelta(days=n)).isoformat() for n in range(1, 10)]
    at = next(
        i for i, line in enumerate(lines) if any(f'"local_date": "{d}"' in line for d in days)
    )
    record = json.loads("{" + lines[at].strip().rstrip(",") + "}")
    key = next(iter(record))
    record[key][field] = json.loads(bad)
    lines[at] = f"  {json.dumps(record)[1:-1]}" + ("," if lines[at].rstrip().endswith(",") else "")
    shard.write_text("\n".join(lines), encoding="utf-8")

    code, out, err = run(capsys, "review", "--date", history.isoformat(), "--format", "json")
    assert (code, out) == (2, "")
    assert f"record {key} of calls" in one_line(err)
    assert list((home / "damaged").iterdir())
