"""Which opener variant the next call tries: fair rotation, or adaptive draws.

Fair rotation gives the card the variant with the fewest dials today;
adaptive assignment (Thompson sampling) draws on each variant's connects and
meetings over the experiment window. Both counts follow the sprint's calls as
they are logged and undone, so the next card is chosen on what is true now.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from random import Random

from prospect_tui.core.assignments import ADAPTIVE
from prospect_tui.core.config import Config, Variant
from prospect_tui.core.experiments import (
    Evidence,
    dials_per_variant,
    next_variant,
    thompson_variant,
)
from prospect_tui.core.model import Call, Sprint


@dataclass
class VariantChoice:
    """The variants, how a sprint assigns them, and the counts the assignment reads."""

    variants: Sequence[Variant]
    assignment: str
    """The sprint's ``[experiments] assignment``: fair or adaptive."""
    dials: Counter[str] = field(default_factory=Counter)
    """Dials per variant today, for fair assignment."""
    evidence: Evidence = field(default_factory=Evidence)
    """Connects and meetings per variant over the experiment window, for adaptive assignment."""
    rng: Random = field(default_factory=Random)
    """The draws of adaptive assignment (seeded in tests)."""

    @classmethod
    def of(
        cls,
        config: Config,
        sprint: Sprint,
        calls_today: Iterable[Call] = (),
        evidence: Evidence | None = None,
        rng: Random | None = None,
    ) -> VariantChoice:
        """The choice for ``sprint``, counting today's calls and the window's ``evidence``."""
        return cls(
            config.variants,
            sprint.assignment,
            dials_per_variant(calls_today),
            evidence or Evidence(),
            rng or Random(),
        )

    def pick(self) -> Variant | None:
        """The variant the next card tries; None when no variants are set up."""
        if self.assignment == ADAPTIVE:
            return thompson_variant(self.variants, self.evidence, self.rng)
        return next_variant(self.variants, self.dials)

    def named(self, name: str | None) -> Variant | None:
        """The variant called ``name``, if it is still set up."""
        return next((v for v in self.variants if v.name == name), None)

    def count(self, name: str, outcome_id: str, times: int = 1) -> None:
        """A call with variant ``name`` logged (``times=-1``: taken back)."""
        self.dials[name] += times
        self.evidence.count(name, outcome_id, times)

    def mark(self) -> tuple[Counter[str], Evidence]:
        """Copies of the counts, to :meth:`reset` to."""
        return Counter(self.dials), self.evidence.copy()

    def reset(self, mark: tuple[Counter[str], Evidence]) -> None:
        """Put the counts back as they were at ``mark``."""
        dials, evidence = mark
        self.dials, self.evidence = Counter(dials), evidence.copy()
