"""How the sample's calls go: the odds of each outcome, how long it takes, what was objected."""

from __future__ import annotations

from itertools import accumulate

from prospect_tui.core.outcomes import OUTCOMES, Effect

# Base chance of each outcome on a cold dial; connects come to about 10 %.
BASE_RATES = {
    "no_answer": 0.52,
    "voicemail": 0.22,
    "gatekeeper": 0.11,
    "not_interested": 0.055,
    "callback": 0.035,
    "meeting": 0.02,
    "wrong_number": 0.03,
    "do_not_call": 0.01,
}
SECONDS = {
    "no_answer": (18, 35),
    "voicemail": (30, 65),
    "gatekeeper": (40, 120),
    "not_interested": (40, 150),
    "callback": (90, 300),
    "meeting": (180, 540),
    "wrong_number": (10, 30),
    "do_not_call": (15, 60),
}

OBJECTION_ODDS: dict[str, tuple[float, dict[str, int]]] = {
    "not_interested": (
        0.75,
        {"not interested": 4, "we already use X": 3, "no budget": 3, "send me an email": 2},
    ),
    "callback": (0.6, {"call me later": 5, "send me an email": 3, "no budget": 1}),
    "meeting": (0.4, {"we already use X": 3, "send me an email": 2, "no budget": 2}),
}
"""By outcome: the chance an objection was raised, and how likely each sample one is."""


def cumulative_odds(connect_boost: float, early: bool, reached: bool) -> list[float]:
    """The outcomes' cumulative weights (as ``random.choices`` adds them up) on one dial."""
    weights = [BASE_RATES[o.id] * (connect_boost if o.connected else 1.0) for o in OUTCOMES]
    if early:
        # A number already reached is not wrong, and an early call back must not
        # end in do-not-call: a small sample would run out of people to call.
        weights = [
            0.0 if o.effect in (Effect.BAD_DATA, Effect.NEVER) else w
            for o, w in zip(OUTCOMES, weights, strict=True)
        ]
    elif reached:
        # Called again months later: a number that reached them before is not wrong.
        weights = [
            0.0 if o.effect is Effect.BAD_DATA else w
            for o, w in zip(OUTCOMES, weights, strict=True)
        ]
    return list(accumulate(weights))
