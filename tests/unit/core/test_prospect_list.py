"""The prospects list: search every word, sort by each column, keep edits in place."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from prospect_tui.core.config import TimeWindow
from prospect_tui.core.model import Prospect, Status
from prospect_tui.core.prospect_list import Roster, SortBy, row

NOW = datetime(2026, 11, 19, 15, 30, tzinfo=ZoneInfo("Europe/Paris"))


def people() -> list[Prospect]:
    return [
        Prospect(
            id=1,
            first_name="Ada",
            last_name="Zeller",
            company="Bluepeak",
            attempts=3,
            phone="+14155550101",
            timezone="America/Los_Angeles",
            tags=["vip"],
        ),
        Prospect(
            id=2,
            first_name="Bo",
            last_name="Adams",
            company="Atlas",
            attempts=0,
            phone="+442079460002",
            timezone="Europe/London",
            status=Status.CALLBACK,
            next_action_at=NOW + timedelta(hours=2),
            priority=2,
        ),
        Prospect(
            id=3,
            first_name="Cy",
            last_name="Moss",
            company="Atlas Foods",
            attempts=1,
            timezone=None,
            notes="met at the webinar",
        ),
    ]


def test_sorted_by_last_name_at_first() -> None:
    roster = Roster.of(people(), NOW)
    assert [p.id for p in roster.view] == [2, 3, 1]


def test_every_word_must_match_somewhere() -> None:
    roster = Roster.of(people(), NOW)
    roster.search("atlas", NOW)
    assert {p.id for p in roster.view} == {2, 3}
    roster.search("atlas webinar", NOW)
    assert [p.id for p in roster.view] == [3]
    roster.search("VIP", NOW)
    assert [p.id for p in roster.view] == [1]
    roster.search("+1415", NOW)
    assert [p.id for p in roster.view] == [1]
    roster.search("", NOW)
    assert len(roster.view) == 3


def test_each_column_sorts() -> None:
    roster = Roster.of(people(), NOW)
    roster.sort_by(SortBy.ATTEMPTS, NOW)
    assert [p.id for p in roster.view] == [2, 3, 1]
    roster.sort_by(SortBy.ATTEMPTS, NOW, descending=True)
    assert [p.id for p in roster.view] == [1, 3, 2]
    roster.sort_by(SortBy.LOCAL_TIME, NOW)
    assert [p.id for p in roster.view] == [1, 2, 3]  # LA's clock is earlier than London's
    roster.sort_by(SortBy.NEXT_ACTION, NOW)
    assert roster.view[0].id == 2
    roster.sort_by(SortBy.PRIORITY, NOW)
    assert roster.view[0].id == 2


def test_next_sort_cycles_through_every_column() -> None:
    roster = Roster.of(people(), NOW)
    seen = [roster.next_sort(NOW) for _ in SortBy]
    assert seen[-1] is SortBy.NAME and set(seen) == set(SortBy)


def test_next_sort_only_visits_the_columns_on_screen() -> None:
    roster = Roster.of(people(), NOW)
    shown = (SortBy.NAME, SortBy.LOCAL_TIME, SortBy.STATUS)
    seen = [roster.next_sort(NOW, shown) for _ in range(4)]
    assert seen == [SortBy.LOCAL_TIME, SortBy.STATUS, SortBy.NAME, SortBy.LOCAL_TIME]


def test_next_sort_leaves_a_column_no_longer_shown() -> None:
    roster = Roster.of(people(), NOW)
    roster.sort_by(SortBy.PRIORITY, NOW)
    assert roster.next_sort(NOW, (SortBy.NAME, SortBy.COMPANY)) is SortBy.NAME


def test_a_city_is_searched_too() -> None:
    roster = Roster.of([*people(), Prospect(id=4, first_name="Di", city="Lyon")], NOW)
    roster.search("lyon", NOW)
    assert [p.id for p in roster.view] == [4]


def test_an_edit_stays_in_place_and_is_searchable() -> None:
    roster = Roster.of(people(), NOW)
    edited = Prospect(id=3, first_name="Cy", last_name="Moss", company="Orbit Labs")
    roster.replace(edited, NOW)
    assert [p.id for p in roster.view] == [2, 3, 1]
    roster.search("orbit", NOW)
    assert [p.id for p in roster.view] == [3]


WINDOW = TimeWindow(time(8), time(21))


def test_the_callable_mark_follows_their_clock_and_the_window() -> None:
    los_angeles, london, unknown = people()  # 06:30 and 14:30 their time
    assert row(london, NOW, WINDOW).callable is True
    assert row(los_angeles, NOW, WINDOW).callable is False
    assert row(los_angeles, NOW, TimeWindow(time(6), time(7))).callable is True
    assert row(unknown, NOW, WINDOW).callable is None  # no zone, no mark


def test_no_green_mark_for_someone_who_must_not_be_called_or_has_no_number() -> None:
    _, london, _ = people()
    for status in (Status.DO_NOT_CALL, Status.WRONG_NUMBER, Status.MEETING, Status.NOT_INTERESTED):
        assert row(replace(london, status=status), NOW, WINDOW).callable is False
    assert row(replace(london, phone=None), NOW, WINDOW).callable is False


def test_the_mark_changes_when_their_window_opens() -> None:
    los_angeles = people()[0]
    opening = NOW + timedelta(hours=1, minutes=30)  # 08:00 in Los Angeles
    assert row(los_angeles, opening - timedelta(minutes=1), WINDOW).callable is False
    assert row(los_angeles, opening, WINDOW).callable is True


def test_row_shows_their_time_or_zone_unknown() -> None:
    first, _, unknown = people()
    assert row(first, NOW).local == "Thu 06:30"
    assert row(unknown, NOW).local == "zone unknown"
    assert row(unknown, NOW).phone == "no number"


def test_their_time_ascending_is_the_earliest_clock_first() -> None:
    roster = Roster.of(people(), NOW)
    roster.sort_by(SortBy.LOCAL_TIME, NOW)
    # 06:30 in Los Angeles, 14:30 in London; an unknown zone has no clock to sort by.
    assert [p.id for p in roster.view] == [1, 2, 3]
    shown = [row(p, NOW).local for p in roster.view[:2]]
    assert shown == sorted(shown, key=lambda s: s.split()[1])
    roster.sort_by(SortBy.LOCAL_TIME, NOW, descending=True)
    assert [p.id for p in roster.view][-2:] == [2, 1]


def test_next_sort_cycles_in_the_order_the_columns_are_shown() -> None:
    roster = Roster.of(people(), NOW)
    shown = (SortBy.NAME, SortBy.LOCAL_TIME, SortBy.COMPANY, SortBy.PRIORITY, SortBy.STATUS)
    seen = [roster.next_sort(NOW, shown) for _ in range(5)]
    assert seen == [*shown[1:], SortBy.NAME]


def test_the_search_finds_the_city_not_the_time_zone_behind_it() -> None:
    paris = ZoneInfo("Europe/Paris").key
    found = [
        Prospect(id=1, first_name="In", last_name="Paris", city="Paris", timezone=paris),
        Prospect(id=2, first_name="In", last_name="Lyon", city="Lyon", timezone=paris),
        Prospect(id=3, first_name="Al", city="Austin", timezone="America/Chicago"),
        Prospect(id=4, first_name="Bea", company="American Rail", timezone="America/New_York"),
    ]
    roster = Roster.of(found, NOW)
    roster.search("paris", NOW)
    assert [p.id for p in roster.view] == [1]
    roster.search("america", NOW)
    assert [p.id for p in roster.view] == [4]  # the company says so; a zone id is not shown
    roster.search("lyon", NOW)
    assert [p.id for p in roster.view] == [2]


@settings(deadline=None, max_examples=200)
@given(
    st.lists(
        st.tuples(
            st.text(alphabet="aAbßSsΣς\x00 é", max_size=4),
            st.text(alphabet="aAbßSsΣς\x00 é", max_size=4),
        ),
        max_size=8,
    ),
    st.booleans(),
)
def test_the_name_sort_orders_by_last_then_first_name_whatever_they_hold(
    names: list[tuple[str, str]], descending: bool
) -> None:
    prospects = [
        Prospect(id=n, first_name=first, last_name=last)
        for n, (first, last) in enumerate(names, start=1)
    ]
    roster = Roster.of(prospects, NOW)
    roster.sort_by(SortBy.NAME, NOW, descending)
    # Ties keep the stored order, in either direction, as a stable sort does.
    expected = sorted(
        prospects,
        key=lambda p: (p.last_name.casefold(), p.first_name.casefold()),
        reverse=descending,
    )
    assert [p.id for p in roster.view] == [p.id for p in expected]
