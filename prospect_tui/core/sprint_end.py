"""How a sprint ends: completed or abandoned, why, and the calling time it counts.

A sprint counts as completed only if it logged a dial; one asked to end as
completed without a dial is abandoned for :data:`~prospect_tui.core.reasons.NO_DIALS`.
A call still open when the time ran out is calling time too; pauses are not.
The calling time is split onto the user's days like any other tracked time
(:func:`~prospect_tui.core.time_entries.entries_for`): a sprint across midnight
counts for its start day, its minutes for the days they were spent on.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, tzinfo

from prospect_tui.core.categories import Category
from prospect_tui.core.clock import between
from prospect_tui.core.model import Sprint, SprintStatus, TimeEntry
from prospect_tui.core.reasons import BY_ID as REASONS
from prospect_tui.core.reasons import NO_DIALS, OTHER, ReasonKind
from prospect_tui.core.time_entries import entries_for
from prospect_tui.core.timer import Countdown


def end_sprint(
    sprint: Sprint,
    countdown: Countdown,
    now: datetime,
    status: SprintStatus,
    *,
    tz: tzinfo,
    start_hour: int,
    dials: int,
    last_call_closed_at: datetime | None,
    reason: str | None = None,
    reason_kind: str | None = None,
    reason_text: str = "",
) -> tuple[Sprint, list[TimeEntry]]:
    """``sprint`` ended at ``now`` as ``status``, and its calling time (pauses excluded),
    one entry per user's day it touched (``tz``, ``start_hour``).

    ``dials`` is how many calls it logged; ``last_call_closed_at`` when the
    call left on the card as time ran out was logged or skipped, if it was.
    """
    countdown = countdown.settled(now)
    if countdown.paused_at is not None:
        countdown = countdown.resume(now)
    # A call still open when the time ran out is calling time too.
    end = countdown.ends_at
    if last_call_closed_at is not None:
        end = max(end, last_call_closed_at)
    ended = min(now, end)
    if status is SprintStatus.COMPLETED and dials == 0:
        status, reason, reason_kind = SprintStatus.ABANDONED, NO_DIALS.id, NO_DIALS.kind.value
    if reason is not None and reason != OTHER and reason_kind is None:
        reason_kind = REASONS[reason].kind.value
    if reason_kind is not None:
        ReasonKind(reason_kind)  # refuse a kind that is not fear or discipline
    sprint = replace(
        sprint,
        ends_at=countdown.ends_at,
        paused_at=None,
        paused_s=countdown.paused.total_seconds(),
        ended_at=ended,
        status=status,
        reason=reason,
        reason_kind=reason_kind,
        reason_text=reason_text,
    )
    spent = max(between(sprint.started_at, ended).total_seconds() - sprint.paused_s, 0)
    entries = entries_for(
        Category.CALLING,
        sprint.started_at,
        ended,
        tz,
        start_hour,
        seconds=spent,
        sprint_id=sprint.id,
    )
    return sprint, entries
