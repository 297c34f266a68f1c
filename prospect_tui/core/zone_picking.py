"""Picking a prospect's time zone from a list filtered by what is typed.

Nobody should have to type ``America/Argentina/Buenos_Aires``: a city, part
of one, or a country code finds it.
"""

from __future__ import annotations

from functools import cache

from prospect_tui.core.folding import fold
from prospect_tui.core.zones import country_of_zone, place_zones

__all__ = ["place_zones", "zones_matching"]


def zones_matching(query: str, limit: int = 50) -> list[str]:
    """The place zones holding every word of ``query``, best first, at most ``limit``.

    ``new york`` finds ``America/New_York``. A zone of the country the query
    names by code (``fr``) comes first, then one whose city starts with the
    query, then the rest in name order.
    """
    words = [fold(word) for word in query.replace("/", " ").replace("_", " ").split()]
    words = [word for word in words if word]
    if not words:
        return list(place_zones()[:limit])
    found: list[tuple[int, str]] = []
    for name in place_zones():
        country, city, text = _zone_search_text(name)
        if all(word in text for word in words):
            rank = 0 if words == [country] else 1 if city.startswith(words[0]) else 2
            found.append((rank, name))
    return [name for _, name in sorted(found)[:limit]]


@cache
def _zone_search_text(name: str) -> tuple[str, str, str]:
    """(country code, city, everything) of a zone, folded for :func:`zones_matching`."""
    country = (country_of_zone(name) or "").casefold()
    city = fold(name.rsplit("/", 1)[-1])
    return country, city, f"{' '.join(fold(part) for part in name.split('/'))} {country}"
