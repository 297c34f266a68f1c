"""The review's renderers, together: JSON for scripts, text for the terminal, Markdown for a mentor.

:func:`render` is what ``prospect review --format`` calls; the review screen
shows :func:`sections`, the same lines the text renderer prints.
"""

from __future__ import annotations

import json
from datetime import date, timedelta, tzinfo
from typing import Any, Literal

from prospect_tui.core.categories import CATEGORIES
from prospect_tui.core.config import Config
from prospect_tui.core.durations import duration
from prospect_tui.core.experiments import ENOUGH_DIALS
from prospect_tui.core.model import to_iso
from prospect_tui.core.outcomes import OUTCOMES
from prospect_tui.core.review import Review, build_review
from prospect_tui.core.visible import visible
from prospect_tui.store.repository import Repository

NOT_ENOUGH = f"not enough data yet (under {ENOUGH_DIALS} dials)"


def day_review(
    repository: Repository, day: date, config: Config, tz: tzinfo, *, today: date
) -> Review:
    """The review of ``day`` as it stood at its end (or now, if ``day`` is ``today``)."""
    # Callbacks are looked up around tomorrow; at the very end of the calendar
    # there is no tomorrow (and no follow-up can be due in it).
    last_day = date.max - timedelta(days=2)
    return build_review(
        day,
        calls=repository.calls_on(day),
        sprints=repository.sprints_on(day),
        completed_by_day=repository.completed_sprints_by_day(),
        dials_by_day=repository.dials_by_day(),
        today=today,
        time_entries=repository.time_entries_on(day),
        followups=(
            repository.open_followups_due_around(day + timedelta(days=1)) if day <= last_day else []
        ),
        config=config,
        tz=tz,
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


def sections(review: Review, tz: tzinfo) -> list[tuple[str, list[str]]]:
    """The review's sections as (title, lines), shared by both renderers."""
    t = review.tally
    met = "goal met" if review.goal_met else "goal not met"
    day = [
        f"Sprints {review.sprints_completed} of {review.goal_sprints} ({met}), "
        f"{review.sprints_abandoned} abandoned",
        f"Dials {t.dials} of {review.goal_dials} · Connects {t.connects} · Meetings {t.meetings}",
        f"Streak {review.streak.current} working days (best {review.streak.best})",
    ]
    if review.drifts:
        times = "once" if review.drifts == 1 else f"{review.drifts} times"
        day.append(f"Drifted from a sprint {times}: nudged back to the queue")
    if t.dials:
        day.append(
            f"Funnel: {t.dials} dials → {t.connects} connects "
            f"({_percent(t.connects / t.dials)}) → {t.meetings} meetings"
            + (f" ({_percent(t.meetings / t.connects)} of connects)" if t.connects else "")
        )
    first = review.first_dial_at
    day.append(
        f"First dial {first.astimezone(tz):%H:%M}, {_span(review.time_to_first_dial)} "
        f"after the calling block began; longest gap between dials "
        f"{_span(review.longest_gap)}"
        if first
        else "No dials today."
    )
    outcomes = [f"{o.label}: {review.outcomes[o.id]}" for o in OUTCOMES if review.outcomes[o.id]]
    time = [
        f"{c.label}: {duration(timedelta(minutes=review.minutes[c]))} of "
        f"{duration(timedelta(minutes=review.planned_minutes[c]))} planned"
        for c in CATEGORIES
    ]
    if review.research_overrun:
        time.append("Research ran past its plan — it is the favourite hiding place.")
    stops = [f"{reason}: {count}" for reason, count in sorted(review.abandon_reasons.items())]
    stops += review.advice
    hours = [
        f"{h.hour:02d}:00  {h.connects}/{h.dials} connects ({_percent(h.rate)})"
        for h in review.by_hour
    ]
    variants = []
    for v in review.variants:
        if not v.connect.enough:
            variants.append(f"{v.name}: {v.tally.dials} dials — {NOT_ENOUGH}")
        else:
            variants.append(
                f"{v.name}: {v.tally.dials} dials, connect {_percent(v.connect.rate)} "
                f"(95% {_percent(v.connect.low)}–{_percent(v.connect.high)}), "
                f"meetings {_percent(v.meeting.rate)}"
            )
    callbacks = [
        f"{f.due_at.astimezone(tz):%H:%M} {f.who or f'prospect {f.prospect_id}'}"
        for f in review.callbacks_tomorrow
        if f.due_at
    ]
    return [
        (f"Review of {review.day:%A %d %B %Y}", day),
        ("Outcomes", outcomes or ["none"]),
        ("Time", time),
        ("Stopped early", stops or ["no sprint abandoned"]),
        ("Connect rate by the prospect's hour", hours or ["no calls"]),
        ("Openers and offers", variants or ["no variants configured"]),
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


def review_document(review: Review) -> dict[str, Any]:
    """The JSON object ``prospect review --format json`` prints (see docs/contracts.md)."""
    tally = review.tally
    return {
        "date": review.day.isoformat(),
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
        "streak": {"current": review.streak.current, "best": review.streak.best},
        "drifts": review.drifts,
        "first_dial_at": to_iso(review.first_dial_at),
        "time_to_first_dial_s": _seconds(review.time_to_first_dial),
        "longest_gap_s": _seconds(review.longest_gap),
        "abandon_reasons": review.abandon_reasons,
        "abandon_kinds": {kind.value: n for kind, n in review.abandon_kinds.items()},
        "advice": review.advice,
        "connect_rate_by_hour": [
            {
                "hour": h.hour,
                "dials": h.dials,
                "connects": h.connects,
                "connect_rate": round(h.rate, 4),
            }
            for h in review.by_hour
        ],
        "variants": [
            {
                "name": v.name,
                "dials": v.tally.dials,
                "connects": v.tally.connects,
                "meetings": v.tally.meetings,
                "connect_rate": round(v.connect.rate, 4),
                "connect_rate_low": round(v.connect.low, 4),
                "connect_rate_high": round(v.connect.high, 4),
                "meeting_rate": round(v.meeting.rate, 4),
                "enough_data": v.connect.enough,
            }
            for v in review.variants
        ],
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
