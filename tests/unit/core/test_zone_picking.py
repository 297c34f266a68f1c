"""The time zone picked from a filtered list: which zones a typed text offers."""

from __future__ import annotations

import pytest

from prospect_tui.core.zone_picking import place_zones, zones_matching
from prospect_tui.core.zones import zone


@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("new york", "America/New_York"),
        ("New_York", "America/New_York"),
        ("paris", "Europe/Paris"),
        ("europe/lon", "Europe/London"),
        ("fr", "Europe/Paris"),  # a country code: its zone before names holding "fr"
        ("kolk", "Asia/Kolkata"),
        ("são paulo", "America/Sao_Paulo"),
    ],
)
def test_a_city_or_country_typed_any_way_offers_its_zone_first(typed: str, first: str) -> None:
    assert zones_matching(typed)[0] == first


def test_every_word_must_match() -> None:
    assert zones_matching("america york") == ["America/New_York"]
    assert zones_matching("europe york") == []


@pytest.mark.parametrize("hostile", ["Mars/Olympus", "[b]x[/b]", "$(rm -rf ~)", "../etc"])
def test_a_text_no_zone_holds_offers_nothing(hostile: str) -> None:
    assert zones_matching(hostile) == []


def test_nothing_typed_offers_the_first_zones_and_every_offer_is_a_real_place() -> None:
    assert len(zones_matching("", limit=10)) == 10
    assert len(place_zones()) > 300
    assert all(zone(name) is not None for name in place_zones())
    assert not any(name.startswith("Etc/") for name in place_zones())
