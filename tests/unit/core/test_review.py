"""The end-of-day review: counts, time, reasons, variants, callbacks, JSON shape."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from prospect_tui.core.categories import Category
from prospect_tui.core.config import Block, Config, ExperimentSettings, Variant
from prospect_tui.core.experiments import wilson
from prospect_tui.core.model import Call, FollowUp, Sprint, SprintStatus, TimeEntry
from prospect_tui.core.outcomes import OUTCOME_IDS
from prospect_tui.core.review import build_review
from prospect_tui.transfer.review_json import review_document
from prospect_tui.transfer.review_text import render_markdown, render_text

PARIS = ZoneInfo("Europe/Paris")
DAY = date(2026, 11, 19)  # a Thursday
AT = datetime(2026, 11, 19, 9, 0, tzinfo=PARIS)


def call(
    n: int, outcome: str, minute: int, variant: str | None = "a", hour: int = 9, day: date = DAY
) -> Call:
    start = AT + timedelta(minutes=minute)
    return Call(
        id=n,
        prospect_id=n,
        sprint_id=1,
        started_at=start,
        ended_at=start + timedelta(seconds=40),
        outcome=outcome,
        variant=variant,
        local_hour=hour,
        local_date=day,
    )


def sprint(
    n: int,
    status: SprintStatus,
    reason: str | None = None,
    kind: str | None = None,
    day: date = DAY,
) -> Sprint:
    return Sprint(
        id=n,
        started_at=AT,
        ends_at=AT + timedelta(minutes=25),
        status=status,
        reason=reason,
        reason_kind=kind,
        local_date=day,
    )


CONFIG = replace(
    Config(),
    variants=(Variant("a", "Hi"), Variant("b", "Hello")),
    blocks=(
        Block(Category.CALLING, ("thu",), datetime(2026, 1, 1, 9, 0).time(), 60),
        Block(Category.RESEARCH, ("thu",), datetime(2026, 1, 1, 8, 30).time(), 20),
    ),
)


def review(**overrides):  # type: ignore[no-untyped-def]
    values = dict(
        calls=[
            call(1, "no_answer", 3),
            call(2, "voicemail", 4),
            call(3, "meeting", 30, "b", 10),
            call(4, "callback", 31, "b", 10),
            call(5, "no_answer", 90, day=DAY - timedelta(1)),
        ],
        sprints=[
            sprint(1, SprintStatus.COMPLETED),
            sprint(2, SprintStatus.ABANDONED, "tired", "discipline"),
            sprint(3, SprintStatus.ABANDONED, "rejection", "fear"),
            sprint(4, SprintStatus.ABANDONED, "distracted", "discipline"),
        ],
        completed_by_day={DAY - timedelta(1): 2, DAY - timedelta(2): 2, DAY: 1},
        dials_by_day={DAY - timedelta(1): 30, DAY - timedelta(2): 30, DAY: 4},
        today=DAY,
        time_entries=[
            TimeEntry(
                category=Category.RESEARCH, started_at=AT, ended_at=AT, seconds=1800, local_date=DAY
            ),
            TimeEntry(
                category=Category.CALLING, started_at=AT, ended_at=AT, seconds=1500, local_date=DAY
            ),
        ],
        followups=[
            FollowUp(
                prospect_id=4,
                kind="callback",
                who="Ada Lovelace",
                created_at=AT,
                due_at=datetime(2026, 11, 20, 10, 0, tzinfo=PARIS),
            ),
            FollowUp(
                prospect_id=9,
                kind="callback",
                who="Not tomorrow",
                created_at=AT,
                due_at=datetime(2026, 11, 22, 10, 0, tzinfo=PARIS),
            ),
            FollowUp(
                prospect_id=8,
                kind="callback",
                who="Done",
                created_at=AT,
                due_at=datetime(2026, 11, 20, 11, 0, tzinfo=PARIS),
                done_at=AT,
            ),
        ],
        config=CONFIG,
        tz=PARIS,
    )
    values.update(overrides)
    return build_review(DAY, **values)


def test_counts_are_the_days_only() -> None:
    r = review()
    assert (r.tally.dials, r.tally.connects, r.tally.meetings) == (4, 2, 1)
    assert r.outcomes == {
        o: {"no_answer": 1, "voicemail": 1, "meeting": 1, "callback": 1}.get(o, 0)
        for o in OUTCOME_IDS
    }
    assert (r.sprints_completed, r.sprints_abandoned) == (1, 3)
    assert not r.goal_met
    assert (r.streak.current, r.streak.best) == (2, 2)  # today is still in progress


def test_time_against_the_plan_and_research_overrun() -> None:
    r = review()
    assert r.minutes[Category.RESEARCH] == 30 and r.planned_minutes[Category.RESEARCH] == 20
    assert r.minutes[Category.CALLING] == 25 and r.planned_minutes[Category.CALLING] == 60
    assert r.research_overrun


def test_first_dial_and_longest_gap() -> None:
    r = review()
    assert r.first_dial_at == AT + timedelta(minutes=3)
    assert r.time_to_first_dial == timedelta(minutes=3)  # the 09:00 calling block
    assert r.longest_gap == timedelta(minutes=26, seconds=-40)


def test_reasons_are_grouped_by_kind_with_the_advice_that_fits() -> None:
    r = review()
    assert r.abandon_reasons == {"tired": 1, "rejection": 1, "distracted": 1}
    assert r.abandon_kinds["discipline"] == 2 and r.abandon_kinds["fear"] == 1  # type: ignore[index]
    assert "structure" in r.advice[0] and "rehearse" in r.advice[1]


def test_variants_with_wilson_intervals() -> None:
    r = review()
    a, b = r.variants
    assert (a.name, a.tally.dials, a.tally.connects) == ("a", 2, 0)
    assert (b.name, b.tally.dials, b.tally.connects, b.tally.meetings) == ("b", 2, 2, 1)
    expected = wilson(2, 2)
    assert (b.connect.low, b.connect.high) == (expected.low, expected.high)
    assert not b.connect.enough


def test_connect_rate_by_the_prospects_hour_over_the_experiment_window() -> None:
    r = review()  # the day before's call is within the last 28 days
    assert [(h.hour, h.dials, h.connects) for h in r.by_hour] == [(9, 3, 0), (10, 2, 2)]
    short = review(config=replace(CONFIG, experiments=ExperimentSettings(window_days=1)))
    assert [(h.hour, h.dials, h.connects) for h in short.by_hour] == [(9, 2, 0), (10, 2, 2)]


def test_callbacks_due_tomorrow_are_open_and_tomorrows() -> None:
    assert [f.who for f in review().callbacks_tomorrow] == ["Ada Lovelace"]


def test_the_json_document_has_every_field_of_product_md() -> None:
    doc = review_document(review())
    for key in (
        "date",
        "dials",
        "connects",
        "meetings",
        "outcomes",
        "minutes",
        "planned_minutes",
        "sprints",
        "goal",
        "streak",
        "first_dial_at",
        "abandon_reasons",
        "variants",
        "callbacks_due_next_day",
    ):
        assert key in doc, key
    assert doc["date"] == "2026-11-19"
    assert set(doc["outcomes"]) == set(OUTCOME_IDS)
    assert (
        set(doc["minutes"]) == set(doc["planned_minutes"]) == {"research", "calling", "follow_up"}
    )
    assert doc["sprints"] == {"completed": 1, "abandoned": 3}
    assert doc["goal"] == {"sprints": 2, "dials": 30, "met": False}
    variant = doc["variants"][1]
    assert set(variant) >= {
        "name",
        "dials",
        "connects",
        "meetings",
        "connect_rate",
        "connect_rate_low",
        "connect_rate_high",
    }
    assert variant["connect_rate_low"] <= variant["connect_rate"] <= variant["connect_rate_high"]
    assert doc["callbacks_due_next_day"][0]["name"] == "Ada Lovelace"
    assert doc["first_dial_at"] == "2026-11-19T09:03:00+01:00"


def test_an_empty_day_reads_cleanly() -> None:
    r = review(calls=[], sprints=[], time_entries=[], followups=[], completed_by_day={})
    doc = review_document(r)
    assert doc["dials"] == 0 and doc["first_dial_at"] is None
    assert "No dials today." in render_text(r, PARIS)


@pytest.mark.parametrize("render", [render_text, render_markdown])
def test_reports_say_not_enough_data_and_name_the_day(render) -> None:  # type: ignore[no-untyped-def]
    text = render(review(), PARIS)
    assert "Thursday 19 November 2026" in text
    assert "not enough data yet" in text
    assert "Ada Lovelace" in text
    assert "favourite hiding place" in text


HOSTILE = "Bob [ex-Google](http://x.test) *CEO* <b>\x1b[31m"


def hostile_review():  # type: ignore[no-untyped-def]
    followup = FollowUp(
        prospect_id=4,
        kind="callback",
        who=HOSTILE,
        created_at=AT,
        due_at=datetime(2026, 11, 20, 10, 0, tzinfo=PARIS),
    )
    return review(followups=[followup])


def test_the_text_review_sends_no_terminal_code_from_a_name() -> None:
    text = render_text(hostile_review(), PARIS)
    assert "\x1b" not in text
    assert "Bob [ex-Google](http://x.test) *CEO* <b>␛[31m" in text


def test_the_markdown_review_shows_a_name_as_written_not_as_markdown() -> None:
    markdown = render_markdown(hostile_review(), PARIS)
    assert "\x1b" not in markdown
    assert r"Bob \[ex-Google\](http://x.test) \*CEO\* \<b\>␛\[31m" in markdown


# -- smaller truths --------------------------------------------------------------------------


def test_reasons_print_as_their_labels_and_other_as_the_users_words() -> None:
    sprints = [
        sprint(1, SprintStatus.ABANDONED, "tired", "discipline"),
        sprint(2, SprintStatus.ABANDONED, "no_dials", "discipline"),
        replace(
            sprint(3, SprintStatus.ABANDONED, "other", "fear"), reason_text="the boss [b]x[/b]"
        ),
    ]
    text = render_text(review(sprints=sprints), PARIS)
    assert "Too tired: 1" in text
    assert "Ended without a dial: 1" in text
    assert "Something else — “the boss [b]x[/b]”: 1" in text
    assert "tired: 1" not in text.replace("Too tired: 1", "")
    assert review_document(review(sprints=sprints))["abandon_reasons"] == {
        "tired": 1,
        "no_dials": 1,
        "other": 1,
    }


def test_no_calling_block_planned_is_said_not_zero_minutes_after_it() -> None:
    r = review(config=replace(CONFIG, blocks=()))
    assert r.time_to_first_dial is None
    text = render_text(r, PARIS)
    assert "after the calling block began" not in text
    assert "First dial 09:03 (no calling block was planned)" in text


def test_a_first_dial_before_the_block_says_how_long_before() -> None:
    early = [call(1, "no_answer", -20), call(2, "no_answer", 5)]
    r = review(calls=early)
    assert r.time_to_first_dial == timedelta(minutes=-20)
    assert "First dial 08:40, 20m before the calling block began" in render_text(r, PARIS)
    assert review_document(r)["time_to_first_dial_s"] == -1200.0


def test_the_first_dial_is_measured_from_the_block_it_fell_in() -> None:
    config = replace(
        CONFIG,
        blocks=(
            *CONFIG.blocks,
            Block(Category.CALLING, ("thu",), datetime(2026, 1, 1, 14, 0).time(), 60),
        ),
    )
    r = review(calls=[call(1, "no_answer", 5 * 60 + 10)], config=config)  # 14:10
    assert r.time_to_first_dial == timedelta(minutes=10)


def test_callbacks_show_the_day_and_the_prospects_time() -> None:
    london = ZoneInfo("Europe/London")
    followup = FollowUp(
        prospect_id=4,
        kind="callback",
        who="Ada Lovelace",
        created_at=AT,
        due_at=datetime(2026, 11, 20, 9, 0, tzinfo=london),  # read on her clock
    )
    text = render_text(review(followups=[followup]), PARIS)
    assert "Fri 20 Nov 10:00 (09:00 their time) Ada Lovelace" in text


def test_one_is_singular() -> None:
    r = review(
        calls=[call(1, "meeting", 3)],
        completed_by_day={DAY - timedelta(1): 2, DAY: 1},
        dials_by_day={DAY - timedelta(1): 30, DAY: 1},
    )
    text = render_text(r, PARIS)
    assert "Streak 1 working day (best 1)" in text
    assert "1 dial → 1 connect" in text
    assert "1 dials" not in text and "1 working days" not in text and "1 connects" not in text


def test_a_past_day_without_dials_does_not_say_today() -> None:
    r = review(calls=[], today=DAY + timedelta(days=3))
    text = render_text(r, PARIS)
    assert "No dials that day." in text
    assert "today" not in text.split("Callbacks")[0].lower()


def test_a_variant_without_dials_has_the_whole_range_as_its_interval() -> None:
    doc = review_document(review(calls=[call(1, "no_answer", 3, "b")]))
    a = next(v for v in doc["variants"] if v["name"] == "a")
    assert a["dials"] == 0
    assert (a["connect_rate_low"], a["connect_rate_high"]) == (0.0, 1.0)
    assert (a["meeting_rate_low"], a["meeting_rate_high"]) == (0.0, 1.0)


def test_the_longest_gap_says_breaks_are_counted_and_gives_the_one_within_a_sprint() -> None:
    calls = [
        call(1, "no_answer", 0),
        call(2, "no_answer", 10),
        replace(call(3, "no_answer", 60), sprint_id=2),
        replace(call(4, "no_answer", 62), sprint_id=2),
    ]
    r = review(calls=calls)
    assert r.longest_gap == timedelta(minutes=50, seconds=-40)
    assert r.longest_gap_in_sprint == timedelta(minutes=10, seconds=-40)
    text = render_text(r, PARIS)
    assert "longest gap between dials 49m (breaks between sprints included)" in text
    assert "9m within a sprint" in text
    assert review_document(r)["longest_gap_in_sprint_s"] == 560.0


def test_drifts_are_the_days_drift_nudges_only() -> None:
    from prospect_tui.core.model import SentNudge

    def sent(kind: str, day: date, key: str) -> SentNudge:
        return SentNudge(key=key, kind=kind, local_date=day, sent_at=AT)

    nudges = [
        sent("drift", DAY, "drift:1:a"),
        sent("drift", DAY, "drift:1:b"),
        sent("block_late", DAY, "block_late:x"),
        sent("drift", DAY - timedelta(days=1), "drift:0:a"),
    ]
    assert review(nudges=nudges).drifts == 2
    assert review().drifts == 0
