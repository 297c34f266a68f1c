"""How names are compared: a CSV header, a country, a region, a status, a zone alias.

One function, so every lookup by name agrees on what counts as the same name.
"""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """``"Nouvelle-Écosse"`` → ``"nouvelleecosse"``, ``" Country/Region "`` → ``"countryregion"``.

    Case, accents, spaces and punctuation do not matter; letters and digits do.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum())
