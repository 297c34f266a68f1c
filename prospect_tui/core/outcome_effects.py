"""What an outcome key does: the call it logs and the prospect's next state.

Pure: given the prospect as it is, the outcome and the moments of the call,
:func:`log_outcome` returns a new :class:`Call`, a new :class:`Prospect` and
any :class:`FollowUp` — the repository writes all three in one journal line.
Prospect objects are shared with the screens, so this never mutates one.

Some outcomes ask a question once logged (who answered; when the meeting is):
the call is logged at the key, so nothing waits on the answer, and the
answer amends it (:func:`with_gatekeeper`, :func:`with_meeting`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, tzinfo

from prospect_tui.core.clock import between, shift
from prospect_tui.core.days import local_date
from prospect_tui.core.model import Call, FollowUp, Prospect, Status
from prospect_tui.core.outcomes import NURTURE_AFTER, Effect, outcome
from prospect_tui.core.zones import local_time


@dataclass(frozen=True, slots=True)
class Logged:
    """One logged call and everything it changed."""

    call: Call
    prospect: Prospect
    """The prospect after the call."""
    before: Prospect
    """The prospect before the call, for undo."""
    followup: FollowUp | None = None
    undoable: bool = True
    """False for calls logged before a restart: their prior state was not kept."""


class NeedsCallbackTime(ValueError):
    """A callback was logged without saying when."""


def log_outcome(
    prospect: Prospect,
    outcome_id: str,
    *,
    started_at: datetime,
    ended_at: datetime,
    user_tz: tzinfo,
    start_hour: int = 0,
    sprint_id: int | None = None,
    variant: str | None = None,
    notes: str = "",
    callback_at: datetime | None = None,
    objections: list[str] | None = None,
) -> Logged:
    """The call and the prospect's new state after ``outcome_id``."""
    rule = outcome(outcome_id)
    if rule.asks_when and callback_at is None:
        raise NeedsCallbackTime("a callback needs the time to call back")
    local = local_time(prospect, started_at)
    call = Call(
        prospect_id=prospect.id,
        sprint_id=sprint_id,
        started_at=started_at,
        ended_at=ended_at,
        duration_s=round(max(between(started_at, ended_at).total_seconds(), 0), 1),
        outcome=outcome_id,
        notes=notes,
        variant=variant,
        local_hour=None if local is None else local.hour,
        local_date=local_date(started_at, user_tz, start_hour),
        callback_at=callback_at if rule.asks_when else None,
        objections=list(objections or ()),
    )
    next_action: datetime | None = None
    if rule.effect is Effect.RETRY and rule.retry_after is not None:
        next_action = shift(ended_at, rule.retry_after)
    elif rule.effect is Effect.NURTURE:
        next_action = ended_at + NURTURE_AFTER
    elif rule.asks_when:
        next_action = callback_at
    after = replace(
        prospect,
        attempts=prospect.attempts + 1,
        status=Status.after(outcome_id),
        last_outcome=outcome_id,
        last_called_at=ended_at,
        next_action_at=next_action,
        updated_at=ended_at,
        tags=list(prospect.tags),
        extra=dict(prospect.extra),
    )
    followup = None
    if rule.makes_followup:
        followup = FollowUp(
            prospect_id=prospect.id,
            kind=outcome_id,
            who=prospect.name,
            # A meeting is due now until its time is given: a meeting whose time
            # never came (the question dismissed, the app killed) waits in follow-up.
            due_at=callback_at if rule.asks_when else ended_at,
            created_at=ended_at,
        )
    return Logged(call=call, prospect=after, before=prospect, followup=followup)


def one_line(text: str) -> str:
    """What the user typed as one line: spaces trimmed, line breaks and tabs made spaces."""
    return " ".join(text.split())


def with_gatekeeper(logged: Logged, who: str) -> Logged:
    """``logged`` with the name of whoever answered stored on its call."""
    return replace(logged, call=replace(logged.call, gatekeeper=one_line(who)))


def with_meeting(logged: Logged, at: datetime | None, note: str) -> Logged:
    """``logged`` with its meeting's follow-up due ``at`` (left due now without one), noted."""
    followup = logged.followup
    if followup is None:
        raise ValueError("only a call that made a follow-up has a meeting to amend")
    due = at if at is not None else followup.due_at
    return replace(logged, followup=replace(followup, due_at=due, note=one_line(note)))
