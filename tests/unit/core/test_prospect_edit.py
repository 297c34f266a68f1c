"""Checking a hand-edited prospect: country, phone, time zone, tags."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from prospect_tui.core.config import TimeWindow
from prospect_tui.core.model import Prospect, Status
from prospect_tui.core.prospect_edit import EditProblem, edited
from prospect_tui.core.queue import build

NOW = datetime(2026, 11, 19, 15, 30, tzinfo=ZoneInfo("Europe/Paris"))
BEFORE = Prospect(id=7, first_name="Ada", last_name="Byron", phone="+33612345678", extra={"k": "v"})


def values(**changes: str) -> dict[str, str]:
    typed = {
        "first_name": " Ada ",
        "last_name": "Byron",
        "title": "CTO",
        "company": "Analytical",
        "phone": "+33 6 12 34 56 78",
        "email": "ada@example.com",
        "country": "fr",
        "timezone": "Europe/Paris",
        "list": "Q4",
        "tags": "b, a, , b",
    }
    return {**typed, **changes}


def test_typed_values_are_trimmed_normalised_and_stamped() -> None:
    after = edited(BEFORE, values(), " called twice ", NOW)
    assert after.id == 7 and after.first_name == "Ada" and after.title == "CTO"
    assert after.phone == "+33612345678"
    assert after.country == "FR" and after.timezone == "Europe/Paris"
    assert after.tags == ["a", "b"]
    assert after.notes == "called twice"
    assert after.updated_at == NOW
    assert after.extra == {"k": "v"} and after.extra is not BEFORE.extra


def test_a_national_number_is_read_in_the_typed_country() -> None:
    assert edited(BEFORE, values(phone="06 12 34 56 78"), "", NOW).phone == "+33612345678"


def test_empty_optional_fields_clear_them() -> None:
    after = edited(BEFORE, values(phone=" ", country="", timezone=""), "", NOW)
    assert (after.phone, after.country, after.timezone) == (None, None, None)


@pytest.mark.parametrize("country", ["FRA", "1A", "F"])
def test_a_country_must_be_two_letters(country: str) -> None:
    with pytest.raises(EditProblem, match="two-letter code"):
        edited(BEFORE, values(country=country), "", NOW)


def test_an_unreadable_phone_is_refused_with_its_field() -> None:
    with pytest.raises(EditProblem, match=r"^Phone: "):
        edited(BEFORE, values(phone="12"), "", NOW)


@pytest.mark.parametrize("zone", ["Europe/Nowhere", "not a zone", "../etc"])
def test_a_time_zone_must_be_an_iana_name(zone: str) -> None:
    with pytest.raises(EditProblem, match="IANA name"):
        edited(BEFORE, values(timezone=zone), "", NOW)


WRONG = Prospect(
    id=8,
    first_name="Ada",
    last_name="Byron",
    phone="+33612345678",
    country="FR",
    timezone="Europe/Paris",
    status=Status.WRONG_NUMBER,
    last_outcome="wrong_number",
    attempts=2,
)
WINDOW = TimeWindow(time(8), time(21))


def test_a_new_number_for_a_wrong_number_puts_them_back_in_the_queue() -> None:
    assert build([WRONG], NOW, WINDOW).entries == []
    after = edited(WRONG, values(phone="+33 6 98 76 54 32"), "", NOW)
    assert after.status is Status.ATTEMPTED
    assert [entry.prospect.id for entry in build([after], NOW, WINDOW).entries] == [8]


def test_a_wrong_number_never_called_goes_back_as_new() -> None:
    never = replace(WRONG, attempts=0)
    assert edited(never, values(phone="+33 6 98 76 54 32"), "", NOW).status is Status.NEW


def test_an_edit_that_keeps_the_wrong_number_keeps_them_out_of_the_queue() -> None:
    # The same number typed another way is the same number: still wrong.
    after = edited(WRONG, values(phone="06 12 34 56 78", company="Renamed"), "", NOW)
    assert after.status is Status.WRONG_NUMBER
    assert build([after], NOW, WINDOW).entries == []


def test_a_new_number_leaves_any_other_status_alone() -> None:
    dnc = replace(WRONG, status=Status.DO_NOT_CALL)
    assert edited(dnc, values(phone="+33 6 98 76 54 32"), "", NOW).status is Status.DO_NOT_CALL
