"""The review as the JSON object ``prospect review --format json`` prints, for scripts.

Its shape is a contract (see docs/contracts.md): rates are rounded to four
places and spans are in seconds.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from prospect_tui.core.experiments import Interval
from prospect_tui.core.model import to_iso
from prospect_tui.core.review import Review, VariantResult


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
        "objections": {
            o.name: {"raised": o.raised, "meetings": o.meetings, "callbacks": o.callbacks}
            for o in review.objections
        },
        "heatmap": [
            {"date": d.isoformat(), "completed_sprints": n, "goal_met": met}
            for d, n, met in review.heatmap
        ],
    }


def _seconds(span: timedelta | None) -> float | None:
    return None if span is None else round(span.total_seconds(), 1)


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
