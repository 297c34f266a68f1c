"""Which column means what: CRM headers, Prospect's own export, names and countries."""

from __future__ import annotations

import pytest

from prospect_tui.transfer.columns import (
    GENERIC,
    HUBSPOT,
    PROSPECT,
    SALESFORCE,
    aliases,
    country_code,
    map_columns,
    split_name,
)
from prospect_tui.transfer.export import COLUMNS

HUBSPOT_HEADER = [
    "Record ID", "First Name", "Last Name", "Email", "Phone Number", "Mobile Phone Number",
    "Company Name", "Job Title", "Country/Region", "State/Region", "City", "Time Zone",
    "Contact owner", "Lifecycle Stage", "Lead Status", "Create Date",
]  # fmt: skip
SALESFORCE_HEADER = [
    "First Name", "Last Name", "Title", "Account Name", "Phone", "Mobile", "Email",
    "Mailing City", "Mailing State/Province", "Mailing Country", "Contact Owner", "Lead Source",
]  # fmt: skip


def test_no_header_means_two_fields() -> None:
    seen: dict[str, str] = {}
    for field, keys in aliases().items():
        for key in keys:
            assert seen.setdefault(key, field) == field, f"{key!r}: {seen[key]} and {field}"


def test_hubspot_export_is_recognised_and_mapped() -> None:
    columns = map_columns(HUBSPOT_HEADER)
    assert columns.source == HUBSPOT
    assert columns.fields == {
        "first_name": 1, "last_name": 2, "email": 3, "phone": 4, "mobile": 5, "company": 6,
        "title": 7, "country": 8, "region": 9, "city": 10, "timezone": 11,
    }  # fmt: skip
    assert dict(columns.extra) == {
        0: "Record ID", 12: "Contact owner", 13: "Lifecycle Stage", 14: "Lead Status",
        15: "Create Date",
    }  # fmt: skip
    assert columns.usable


def test_salesforce_report_is_recognised_and_mapped() -> None:
    columns = map_columns(SALESFORCE_HEADER)
    assert columns.source == SALESFORCE
    assert {name: SALESFORCE_HEADER[i] for name, i in columns.fields.items()} == {
        "first_name": "First Name", "last_name": "Last Name", "title": "Title",
        "company": "Account Name", "phone": "Phone", "mobile": "Mobile", "email": "Email",
        "city": "Mailing City", "region": "Mailing State/Province", "country": "Mailing Country",
    }  # fmt: skip


def test_case_and_spacing_of_headers_do_not_matter() -> None:
    columns = map_columns([" FIRST_NAME ", "last-name", "PHONE  NUMBER", "e-mail"])
    assert columns.fields == {"first_name": 0, "last_name": 1, "phone": 2, "email": 3}


def test_plain_file_with_a_single_name_column() -> None:
    columns = map_columns(["name", "phone", "cell", "company", "organisation", "notes"])
    assert columns.source == GENERIC
    assert columns.fields == {"full_name": 0, "phone": 1, "mobile": 2, "company": 3, "notes": 5}
    # A second column for a field already taken is kept, not lost.
    assert dict(columns.extra) == {4: "organisation"}


def test_the_better_alias_wins_whatever_the_column_order() -> None:
    columns = map_columns(["Account", "Email", "Name", "Company Name"])
    assert columns.fields["company"] == 3
    assert dict(columns.extra) == {0: "Account"}


def test_prospect_export_maps_by_its_own_names_only() -> None:
    header = [*COLUMNS["prospects"], "Phone Number", "Lead Source"]
    columns = map_columns(header)
    assert columns.source == PROSPECT
    assert columns.fields["phone"] == header.index("phone")
    # An extra column that looks like a known header stays extra: the round trip is exact.
    assert dict(columns.extra) == {len(header) - 2: "Phone Number", len(header) - 1: "Lead Source"}


def test_blank_and_repeated_headers_get_distinct_extra_keys() -> None:
    columns = map_columns(["Name", "Email", "", "Notes", "Source", "Source"])
    assert dict(columns.extra) == {2: "Column 3", 4: "Source", 5: "Source (2)"}


@pytest.mark.parametrize(
    ("header", "usable"),
    [
        (["Foo", "Bar"], False),
        (["First Name", "Company"], False),  # nobody to call or write to
        (["Phone", "Email"], False),  # nobody's name
        (["Last Name", "Email"], True),
        (["Full Name", "Mobile"], True),
    ],
)
def test_usable_needs_a_name_and_a_way_to_reach(header: list[str], usable: bool) -> None:
    assert map_columns(header).usable is usable


# -- names ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("full", "first", "last"),
    [
        ("Jane Doe", "Jane", "Doe"),
        ("  Jane   Doe  ", "Jane", "Doe"),
        ("Doe, Jane", "Jane", "Doe"),
        ("Mary Ann Smith", "Mary Ann", "Smith"),
        ("Dr. Mary Ann Smith Jr.", "Mary Ann", "Smith Jr."),
        ("Ludwig van Beethoven", "Ludwig", "van Beethoven"),
        ("Jean-Pierre de la Fontaine", "Jean-Pierre", "de la Fontaine"),
        ("Cher", "Cher", ""),
        ("Zoë Brontë", "Zoë", "Brontë"),
    ],
)
def test_a_full_name_splits_sensibly(full: str, first: str, last: str) -> None:
    assert split_name(full) == (first, last)


# -- countries -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("United States", "US"),
        ("USA", "US"),
        ("u.s.", "US"),
        ("United Kingdom", "GB"),
        ("UK", "GB"),
        ("GBR", "GB"),
        ("Deutschland", "DE"),
        ("germany", "DE"),
        ("DEU", "DE"),
        ("France", "FR"),
        ("fr", "FR"),
        ("España", "ES"),
        ("Schweiz", "CH"),
        ("Brasil", "BR"),
        ("Österreich", "AT"),
        ("Korea, Republic of", "KR"),
        ("CA", "CA"),
        ("Atlantis", None),
        ("", None),
        ("ZZ", None),
    ],
)
def test_country_names_and_codes_become_iso_alpha2(text: str, code: str | None) -> None:
    assert country_code(text) == code
