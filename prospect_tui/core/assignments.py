"""How a call is given its variant: the names ``[experiments] assignment`` accepts.

A sprint records the one it used, so the review can tell evidence gathered in
fair rotation from evidence gathered adaptively.
"""

from __future__ import annotations

FAIR = "fair"
"""Fair rotation: the variant with the fewest dials today goes next."""
ADAPTIVE = "adaptive"
"""Thompson sampling on each variant's posterior of meetings per connect."""
ASSIGNMENTS: tuple[str, ...] = (FAIR, ADAPTIVE)
