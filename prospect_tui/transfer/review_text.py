"""The review as lines: the sections the review screen shows, as text or as Markdown.

:func:`sections` is what the review screen draws and what :func:`render_text`
prints for the terminal; :func:`render_markdown` is the same lines for a
mentor, written so that a prospect's name is never a link or emphasis.
"""

from __future__ import annotations

from datetime import date, timedelta, tzinfo

from prospect_tui.core.assignments import ADAPTIVE
from prospect_tui.core.categories import CATEGORIES
from prospect_tui.core.durations import duration
from prospect_tui.core.experiments import Interval
from prospect_tui.core.outcomes import OUTCOMES
from prospect_tui.core.reasons import ReasonKind
from prospect_tui.core.review import Review
from prospect_tui.core.review_view import more_connects
from prospect_tui.core.standing import P_BEST_TO_LEAD
from prospect_tui.core.tally import counted
from prospect_tui.core.visible import visible
from prospect_tui.transfer.review_objections import objection_lines, objection_table

NOT_ENOUGH = "not enough data yet"


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
    lines.append(_verdict(review))
    return lines


def _verdict(review: Review) -> str:
    """Which opener leads, or why none does yet."""
    experiment = review.experiment
    verdict = experiment.standing
    best = {a.name: a for a in verdict.arms}
    if len(verdict.arms) < 2:
        return "One variant alone: nothing to compare it with."
    if verdict.leader is not None:
        arm = best[verdict.leader]
        why = (
            f"P(best) {arm.p_best:.2f}"
            if arm.p_best > P_BEST_TO_LEAD
            else f"choosing it costs under {experiment.loss_threshold * 100:g} pts of meetings "
            "per connect"
        )
        return f"Leader: {verdict.leader} ({why})."
    if verdict.more_connects is None:
        return f"Leader: none — {NOT_ENOUGH}; no difference between them so far."
    return f"Leader: none — {NOT_ENOUGH}; {more_connects(verdict.more_connects)}."


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
    raised = objection_lines(review.objections)
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
        *([(f"Objections ({window})", raised)] if raised else []),
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
    """A report for a mentor or manager, read in a minute (the review screen saves it too).

    The window at a glance (goal days and streak), time against plan and the
    funnel as tables, where the openers stand, and why sprints stopped early
    under *Fear* and *Discipline* in the user's own words; a day's report adds
    tomorrow's callbacks. The hours, weekdays and heatmap stay on the screen.
    """
    out = [f"# {_markdown(_report_title(review))}", ""]
    out += [f"- {line}" for line in _summary(review)]
    out += ["", "## Time against plan", "", *_time_table(review)]
    if review.research_overrun:
        out += ["", "Research ran past its plan — it is the favourite hiding place."]
    out += ["", "## Funnel", "", *_funnel_table(review)]
    lab = review.experiment
    assignment = "adaptive assignment" if lab.assignment == ADAPTIVE else "fair rotation"
    out += [
        "",
        f"## Openers and offers: meetings per connect ({_window_name(lab.first, lab.last)}, "
        f"{assignment})",
        "",
        *_experiment_table(review),
    ]
    if review.objections:
        window = _window_name(lab.first, lab.last)
        out += ["", f"## Objections ({window})", ""]
        out += objection_table(review.objections, _markdown)
    out += ["", "## Why sprints stopped early", "", *_stopped_by_kind(review)]
    if review.days == 1:
        out += ["", "## Callbacks due tomorrow", "", *_callbacks(review, tz)]
    return "\n".join(out) + "\n"


def _dates(first: date, last: date) -> str:
    """``Friday 20 to Thursday 26 November 2026``, saying the month and year once."""
    if first.year != last.year:
        return f"{first:%A %d %B %Y} to {last:%A %d %B %Y}"
    if first.month != last.month:
        return f"{first:%A %d %B} to {last:%A %d %B %Y}"
    return f"{first:%A %d} to {last:%A %d %B %Y}"


def _report_title(review: Review) -> str:
    if review.days == 1:
        return f"Prospecting day: {review.day:%A %d %B %Y}"
    if review.days == 7:
        return f"Prospecting week: {_dates(review.first, review.day)}"
    return f"Prospecting, {counted(review.days, 'day')}: {_dates(review.first, review.day)}"


def _summary(review: Review) -> list[str]:
    t = review.tally
    if review.days == 1:
        met = "Goal met" if review.goal_met else "Goal not met"
        dials = counted(t.dials, "dial")
        goal = (
            f"**{met}**: {counted(review.sprints_completed, 'sprint')} "
            f"(goal {review.goal_sprints}), "
            + (f"{dials} (goal {review.goal_dials})" if review.goal_dials else dials)
        )
    else:
        met_days, working = review.goal_days
        goal = f"**Goal met on {met_days} of {counted(working, 'working day')}**"
    streak = review.streak
    lines = [
        goal,
        f"Streak: {counted(streak.current, 'working day')} (best {streak.best})",
        f"Sprints: {review.sprints_completed} completed, {review.sprints_abandoned} stopped early",
    ]
    if review.day_off:
        lines.append("A day off in the plan: it neither breaks nor extends the streak.")
    return lines


def _minutes(value: float) -> str:
    """Hours and minutes, never days: a week's calling reads as ``32h 05m``."""
    hours, minutes = divmod(round(value), 60)
    return f"{hours}h {minutes:02d}m" if hours else f"{minutes}m"


def _time_table(review: Review) -> list[str]:
    rows = ["| | spent | planned | of plan |", "|---|---:|---:|---:|"]
    for c in CATEGORIES:
        spent, planned = review.minutes[c], review.planned_minutes[c]
        share = _percent(spent / planned) if planned else "—"
        rows.append(f"| {c.label} | {_minutes(spent)} | {_minutes(planned)} | {share} |")
    return rows


def _funnel_table(review: Review) -> list[str]:
    t = review.tally
    connects = f"{t.connects:,}" + (
        f" ({_percent(t.connects / t.dials)} of dials)" if t.dials else ""
    )
    meetings = f"{t.meetings:,}" + (
        f" ({_percent(t.meetings / t.connects)} of connects)" if t.connects else ""
    )
    return [
        "| dials | connects | meetings |",
        "|---:|---:|---:|",
        f"| {t.dials:,} | {connects} | {meetings} |",
    ]


def _experiment_table(review: Review) -> list[str]:
    variants = review.experiment.variants
    if not variants:
        return ["No openers or offers configured."]
    rows = [
        "| opener and offer | connects | meetings per connect (95% interval) | chance it is best |",
        "|---|---:|---|---:|",
    ]
    for v in variants:
        rate = (
            f"{_percent(v.meeting.rate)} ({_percent(v.meeting.low)}–{_percent(v.meeting.high)})"
            if v.tally.connects
            else "no connect yet"
        )
        rows.append(
            f"| {_markdown(v.name)} | {v.tally.connects:,} | {rate} | {_percent(v.p_best)} |"
        )
    verdict = _markdown(_verdict(review))
    if review.experiment.standing.leader is not None:
        verdict = f"**{verdict}**"
    return [*rows, "", verdict]


_KIND_HEADINGS = ((ReasonKind.FEAR, "Fear"), (ReasonKind.DISCIPLINE, "Discipline"), (None, "Other"))


def _stopped_by_kind(review: Review) -> list[str]:
    if not review.stopped:
        return ["No sprint stopped early."]
    out: list[str] = []
    for kind, heading in _KIND_HEADINGS:
        reasons = [r for r in review.stopped if r.kind is kind]
        if not reasons:
            continue
        total = sum(r.count for r in reasons)
        out += [f"### {heading} ({total})", ""]
        out += [f"- {_markdown(r.label)}: {r.count}" for r in reasons]
        out.append("")
    return out[:-1]


def _callbacks(review: Review, tz: tzinfo) -> list[str]:
    lines = [
        f"- {f.due_at.astimezone(tz):%a %d %b %H:%M} ({f.due_at:%H:%M} their time): "
        + _markdown(f.who or "a prospect with no name")
        for f in review.callbacks_tomorrow
        if f.due_at
    ]
    return lines or ["None."]
