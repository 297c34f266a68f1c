"""The review's renderers, together: JSON for scripts, text for the terminal, Markdown for a mentor.

:func:`render` is what ``prospect review --format`` calls; the review screen
shows :func:`sections`, the same lines the text renderer prints.
"""

from __future__ import annotations

import json
from datetime import date, timedelta, tzinfo
from typing import Any, Literal

from prospect_tui.core.assignments import ADAPTIVE
from prospect_tui.core.categories import CATEGORIES
from prospect_tui.core.config import Config
from prospect_tui.core.durations import duration
from prospect_tui.core.experiments import Interval
from prospect_tui.core.model import to_iso
from prospect_tui.core.outcomes import OUTCOMES
from prospect_tui.core.review import (
    Review,
    VariantResult,
    build_review,
    experiment_start,
    window_start,
)
from prospect_tui.core.standing import P_BEST_TO_LEAD
from prospect_tui.core.tally import counted
from prospect_tui.core.visible import visible
from prospect_tui.store.repository import Repository

NOT_ENOUGH = "not enough data yet"


def review_window(repository: Repository, day: date, days: int | None) -> date:
    """The first day of the review of ``days`` days ending on ``day`` (None: all the history)."""
    if days is None:
        earliest = repository.first_call_day()
        return min(earliest, day) if earliest is not None else day
    return window_start(day, days)


def day_review(
    repository: Repository,
    day: date,
    config: Config,
    tz: tzinfo,
    *,
    today: date,
    days: int | None = 1,
) -> Review:
    """The review of ``day`` as it stood at its end (or now, if ``day`` is ``today``).

    With ``days`` (None: every day since the first call) the counts are those of
    the window of days ending on ``day``; see :mod:`prospect_tui.core.review`.
    """
    first = review_window(repository, day, days)
    lab_first = experiment_start(day, first, config)
    lab = repository.call_stats(lab_first, day)
    # Callbacks are looked up around tomorrow; at the very end of the calendar
    # there is no tomorrow (and no follow-up can be due in it).
    last_day = date.max - timedelta(days=2)
    return build_review(
        day,
        calls=repository.calls_on(day),
        sprints=repository.sprints_between(first, day),
        completed_by_day=repository.completed_sprints_by_day(),
        dials_by_day=repository.dials_by_day(),
        today=today,
        time_entries=repository.time_entries_between(first, day),
        followups=(
            repository.open_followups_due_around(day + timedelta(days=1)) if day <= last_day else []
        ),
        config=config,
        tz=tz,
        first=first,
        # A window longer than a day is the experiment window too: one count serves both.
        window_stats=lab if lab_first == first else None,
        experiment_stats=lab,
        sprints_by_assignment=repository.sprint_assignments(lab_first, day),
        nudges=repository.nudges_on(day),
    )


def _span(span: timedelta | None) -> str:
    return "—" if span is None else duration(span)


def _percent(value: float) -> str:
    return f"{value * 100:.0f}%"


def heatmap_rows(review: Review) -> list[str]:
    """Twelve weeks, one row per weekday: █ goal met, ▒ some, · none."""
    rows = []
    for weekday, name in enumerate(("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")):
        cells = [
            ("█" if met else "▒" if n else "·")
            for d, n, met in review.heatmap
            if d.weekday() == weekday
        ]
        rows.append(f"{name} {' '.join(cells)}")
    return rows


def _interval(interval: Interval) -> str:
    return f"{_percent(interval.rate)} (95% {_percent(interval.low)}–{_percent(interval.high)})"


def _first_dial(review: Review, tz: tzinfo, today: bool) -> str:
    first = review.first_dial_at
    if first is None:
        return "No dials today." if today else "No dials that day."
    line = f"First dial {first.astimezone(tz):%H:%M}"
    late = review.time_to_first_dial
    if late is None:
        line += " (no calling block was planned)"
    elif late < timedelta(0):
        line += f", {duration(-late)} before the calling block began"
    else:
        line += f", {duration(late)} after the calling block began"
    if review.longest_gap is None:
        return line + "; one dial, no gap"
    line += (
        f"; longest gap between dials {duration(review.longest_gap)} "
        "(breaks between sprints included)"
    )
    if review.longest_gap_in_sprint is not None:
        line += f", {duration(review.longest_gap_in_sprint)} within a sprint"
    return line


def _window_name(first: date, last: date) -> str:
    days = (last - first).days + 1
    return "that day" if days == 1 else f"{counted(days, 'day')} from {first:%d %b %Y}"


def _experiment_lines(review: Review) -> list[str]:
    experiment = review.experiment
    lines = []
    for v in experiment.variants:
        t = v.tally
        if not t.connects:
            lines.append(f"{v.name}: {counted(t.dials, 'dial')}, no connect yet")
            continue
        lines.append(
            f"{v.name}: {counted(t.connects, 'connect')}, meetings {_interval(v.meeting)}, "
            f"not interested {_percent(v.not_interested.rate)}; "
            f"P(best) {v.p_best:.2f}, expected loss {v.expected_loss * 100:.1f} pts"
        )
    if not lines:
        return ["no variants configured"]
    verdict = experiment.standing
    best = {a.name: a for a in verdict.arms}
    if len(verdict.arms) < 2:
        lines.append("One variant alone: nothing to compare it with.")
    elif verdict.leader is not None:
        arm = best[verdict.leader]
        why = (
            f"P(best) {arm.p_best:.2f}"
            if arm.p_best > P_BEST_TO_LEAD
            else f"choosing it costs under {experiment.loss_threshold * 100:g} pts of meetings "
            "per connect"
        )
        lines.append(f"Leader: {verdict.leader} ({why}).")
    elif verdict.more_connects is None:
        lines.append(f"Leader: none — {NOT_ENOUGH}; no difference between them so far.")
    else:
        lines.append(
            f"Leader: none — {NOT_ENOUGH}; about {verdict.more_connects:,} more connects "
            "at these rates."
        )
    return lines


def sections(review: Review, tz: tzinfo) -> list[tuple[str, list[str]]]:
    """The review's sections as (title, lines), shared by both renderers."""
    t = review.tally
    met = "goal met" if review.goal_met else "goal not met"
    if review.days == 1:
        title = f"Review of {review.day:%A %d %B %Y}"
        day = [
            f"Sprints {review.sprints_completed} of {review.goal_sprints} ({met}), "
            f"{review.sprints_abandoned} abandoned",
            f"Dials {t.dials} of {review.goal_dials} · Connects {t.connects} · "
            f"Meetings {t.meetings}",
        ]
    else:
        title = (
            f"Review of {counted(review.days, 'day')}, {review.first:%A %d %B %Y} "
            f"to {review.day:%A %d %B %Y}"
        )
        met_days, working = review.goal_days
        day = [
            f"Sprints {review.sprints_completed} completed, {review.sprints_abandoned} abandoned; "
            f"goal met on {met_days} of {counted(working, 'working day')}",
            f"Dials {t.dials} · Connects {t.connects} · Meetings {t.meetings}",
        ]
    day.append(
        f"Streak {counted(review.streak.current, 'working day')} (best {review.streak.best})"
    )
    if review.day_off:
        day.append("A day off in your plan: it neither breaks nor extends the streak.")
    if review.drifts:
        times = "once" if review.drifts == 1 else f"{review.drifts} times"
        day.append(f"Drifted from a sprint {times}: nudged back to the queue")
    if t.dials:
        day.append(
            f"Funnel: {counted(t.dials, 'dial')} → {counted(t.connects, 'connect')} "
            f"({_percent(t.connects / t.dials)}) → {counted(t.meetings, 'meeting')}"
            + (f" ({_percent(t.meetings / t.connects)} of connects)" if t.connects else "")
        )
    first_dial = _first_dial(review, tz, review.is_today)
    day.append(first_dial if review.days == 1 else f"{review.day:%a %d %b}: {first_dial}")
    outcomes = [f"{o.label}: {review.outcomes[o.id]}" for o in OUTCOMES if review.outcomes[o.id]]
    time = [
        f"{c.label}: {duration(timedelta(minutes=review.minutes[c]))} of "
        f"{duration(timedelta(minutes=review.planned_minutes[c]))} planned"
        for c in CATEGORIES
    ]
    if review.research_overrun:
        time.append("Research ran past its plan — it is the favourite hiding place.")
    stops = [f"{reason.label}: {reason.count}" for reason in review.stopped]
    stops += review.advice
    lab = review.experiment
    window = f"{_window_name(lab.first, lab.last)}"
    hours = [
        f"{h.hour:02d}:00  {h.connects} of {counted(h.dials, 'dial')} connected, "
        f"{_interval(h.interval)}"
        for h in review.by_hour
    ]
    weekdays = [
        f"{w.name.capitalize()}  {w.connects} of {counted(w.dials, 'dial')} connected, "
        f"{_interval(w.interval)}"
        for w in review.by_weekday
    ]
    lengths = [
        f"{r.band.label}: {counted(r.tally.dials, 'call')}, "
        f"{counted(r.tally.connects, 'connect')}, {counted(r.tally.meetings, 'meeting')}"
        for r in review.by_length
        if r.tally.dials
    ]
    assignment = "adaptive assignment" if lab.assignment == ADAPTIVE else "fair rotation"
    callbacks = [
        f"{f.due_at.astimezone(tz):%a %d %b %H:%M} ({f.due_at:%H:%M} their time) "
        f"{f.who or f'prospect {f.prospect_id}'}"
        for f in review.callbacks_tomorrow
        if f.due_at
    ]
    return [
        (title, day),
        ("Outcomes", outcomes or ["none"]),
        ("Time", time),
        ("Stopped early", stops or ["no sprint abandoned"]),
        (f"Connect rate by the prospect's hour ({window})", hours or ["no calls"]),
        (f"Connect rate by weekday ({window})", weekdays or ["no calls"]),
        (f"Call length and outcome ({window})", lengths or ["no calls"]),
        (
            f"Openers and offers: meetings per connect ({window}, {assignment})",
            _experiment_lines(review),
        ),
        ("Callbacks due tomorrow", callbacks or ["none"]),
        ("Last twelve weeks", heatmap_rows(review)),
        ("Tomorrow", ["Write down tomorrow's first three calls before you close the day."]),
    ]


def render_text(review: Review, tz: tzinfo) -> str:
    """Plain text for the terminal; names show their control characters as symbols."""
    out = []
    for title, lines in sections(review, tz):
        out.append(visible(title))
        out += [f"  {visible(line)}" for line in lines]
        out.append("")
    return "\n".join(out)


_MARKDOWN = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>#|~"})


def _markdown(line: str) -> str:
    """``line`` as Markdown that shows it as written: a name is never a link or emphasis."""
    return visible(line).translate(_MARKDOWN)


def render_markdown(review: Review, tz: tzinfo) -> str:
    """Markdown to send to a mentor or manager."""
    (title, first), *rest = sections(review, tz)
    out = [f"# {_markdown(title)}", "", *[f"- {_markdown(line)}" for line in first], ""]
    for heading, lines in rest:
        out.append(f"## {_markdown(heading)}")
        out.append("")
        if heading == "Last twelve weeks":
            out += ["```", *(visible(line) for line in lines), "```"]
        else:
            out += [f"- {_markdown(line)}" for line in lines]
        out.append("")
    return "\n".join(out)


Format = Literal["text", "json", "markdown"]
FORMATS: tuple[Format, ...] = ("text", "json", "markdown")


def render(review: Review, format: Format, tz: tzinfo) -> str:
    """The review in ``format``, as ``prospect review`` prints it (ending in a newline)."""
    if format == "json":
        return json.dumps(review_document(review), ensure_ascii=False, indent=2) + "\n"
    if format == "markdown":
        return render_markdown(review, tz)
    return render_text(review, tz)


def _rates(prefix: str, interval: Interval) -> dict[str, float]:
    return {
        f"{prefix}_rate": round(interval.rate, 4),
        f"{prefix}_rate_low": round(interval.low, 4),
        f"{prefix}_rate_high": round(interval.high, 4),
    }


def _variant(v: VariantResult) -> dict[str, Any]:
    return {
        "name": v.name,
        "dials": v.tally.dials,
        "connects": v.tally.connects,
        "meetings": v.tally.meetings,
        **_rates("connect", v.connect),
        **_rates("meeting", v.meeting),
        **_rates("not_interested", v.not_interested),
        "p_best": round(v.p_best, 4),
        "expected_loss": round(v.expected_loss, 4),
        "enough_data": v.meeting.enough,
    }


def review_document(review: Review) -> dict[str, Any]:
    """The JSON object ``prospect review --format json`` prints (see docs/contracts.md)."""
    tally = review.tally
    experiment = review.experiment
    return {
        "date": review.day.isoformat(),
        "days": review.days,
        "from": review.first.isoformat(),
        "dials": tally.dials,
        "connects": tally.connects,
        "meetings": tally.meetings,
        "outcomes": review.outcomes,
        "minutes": {c.value: v for c, v in review.minutes.items()},
        "planned_minutes": {c.value: v for c, v in review.planned_minutes.items()},
        "sprints": {"completed": review.sprints_completed, "abandoned": review.sprints_abandoned},
        "goal": {
            "sprints": review.goal_sprints,
            "dials": review.goal_dials,
            "met": review.goal_met,
        },
        "goal_days": {"met": review.goal_days[0], "working": review.goal_days[1]},
        "streak": {"current": review.streak.current, "best": review.streak.best},
        "day_off": review.day_off,
        "drifts": review.drifts,
        "first_dial_at": to_iso(review.first_dial_at),
        "time_to_first_dial_s": _seconds(review.time_to_first_dial),
        "longest_gap_s": _seconds(review.longest_gap),
        "longest_gap_in_sprint_s": _seconds(review.longest_gap_in_sprint),
        "abandon_reasons": review.abandon_reasons,
        "abandon_kinds": {kind.value: n for kind, n in review.abandon_kinds.items()},
        "stopped": [
            {
                "reason": r.id,
                "label": r.label,
                "kind": r.kind.value if r.kind else None,
                "count": r.count,
            }
            for r in review.stopped
        ],
        "advice": review.advice,
        "connect_rate_by_hour": [
            {
                "hour": h.hour,
                "dials": h.dials,
                "connects": h.connects,
                **_rates("connect", h.interval),
            }
            for h in review.by_hour
        ],
        "by_weekday": [
            {
                "weekday": w.name,
                "dials": w.dials,
                "connects": w.connects,
                **_rates("connect", w.interval),
            }
            for w in review.by_weekday
        ],
        "by_length": [
            {
                "length": r.band.id,
                "label": r.band.label,
                "dials": r.tally.dials,
                "connects": r.tally.connects,
                "meetings": r.tally.meetings,
                "outcomes": {o: r.outcomes.get(o, 0) for o in review.outcomes},
            }
            for r in review.by_length
        ],
        "variants": [_variant(v) for v in review.variants],
        "experiment": {
            "window_days": experiment.days,
            "from": experiment.first.isoformat(),
            "leader": experiment.standing.leader,
            "more_connects": experiment.standing.more_connects,
            "loss_threshold": experiment.loss_threshold,
            "assignment": experiment.assignment,
            "sprints_by_assignment": experiment.sprints_by_assignment,
            "variants": [_variant(v) for v in experiment.variants],
        },
        "callbacks_due_next_day": [
            {"prospect_id": f.prospect_id, "name": f.who, "due_at": to_iso(f.due_at)}
            for f in review.callbacks_tomorrow
        ],
        "research_over_plan": review.research_overrun,
        "connects_per_dial": round(tally.connects / tally.dials, 4) if tally.dials else 0.0,
        "meetings_per_connect": (
            round(tally.meetings / tally.connects, 4) if tally.connects else 0.0
        ),
        "heatmap": [
            {"date": d.isoformat(), "completed_sprints": n, "goal_met": met}
            for d, n, met in review.heatmap
        ],
    }


def _seconds(span: timedelta | None) -> float | None:
    return None if span is None else round(span.total_seconds(), 1)
