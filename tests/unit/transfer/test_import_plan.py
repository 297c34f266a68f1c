"""Planning an import from real-looking files: names, E.164 phones, zones, skips, fatal files.

Each fixture in ``tests/fixtures/import/`` stands for one thing spreadsheets
and CRMs really write; the README there says which.
"""

from __future__ import annotations

import gc
import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from prospect_tui.core.model import Prospect, Status
from prospect_tui.transfer import import_pool
from prospect_tui.transfer.csv_import import FatalImportError, ImportPlan, Problem, plan_import

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "import"
NOW = datetime(2026, 11, 19, 15, 30, tzinfo=ZoneInfo("Europe/Paris"))


def plan_of(
    data: bytes | str, existing: list[Prospect] | None = None, **options: object
) -> ImportPlan:
    if isinstance(data, str):
        data = (FIXTURES / data).read_bytes()
    settings: dict[str, object] = {"list_name": None, "now": NOW, **options}
    return plan_import(data, existing or [], **settings)  # type: ignore[arg-type]


def people(plan: ImportPlan) -> dict[str, Prospect]:
    return {p.name: p for p in plan.new}


def is_one_sentence(text: str) -> bool:
    return "\n" not in text and text.endswith(".") and not re.search(r"[.!?]\s", text[:-1])


# -- the two CRMs of the DONE-WHEN -------------------------------------------------------------


def test_hubspot_all_contacts_export() -> None:
    plan = plan_of("hubspot_all_contacts.csv")
    assert (plan.source, plan.encoding, plan.delimiter) == ("HubSpot", "UTF-8", ",")
    assert plan.rows == 15  # on 16 lines: Chloé's message holds a line break
    found = {name: (p.phone, p.timezone) for name, p in people(plan).items()}
    assert found == {
        "Ava Kim": ("+14155550123", "America/Los_Angeles"),
        "Marcus Reed": ("+12125550147", "America/New_York"),  # national, read in the US
        "Olivia Brown": ("+61412345678", "Australia/Sydney"),  # mobile column, narrowed by state
        "Jack Wilson": ("+61412345679", "Australia/Melbourne"),
        "Chloé Martin": ("+33612345678", "Europe/Paris"),
        "Priya Shah": ("+12085550199", "America/Boise"),  # 208 spans two zones; Idaho says
        "Tom Baker": ("+12085550142", None),  # 208 and no state: zone unknown
        "Dana Scott": ("+12125550163", "America/Denver"),  # the Time Zone column wins
        "Lee Park": ("+14155550188", "America/New_York"),  # HubSpot's "(GMT-05:00) Eastern…"
        "Sam Invalid": (None, None),
        "Harry Jones": ("+447400123456", "Europe/London"),
    }
    chloe = people(plan)["Chloé Martin"]
    assert (chloe.company, chloe.title, chloe.country, chloe.region, chloe.city) == (
        "Lumière SAS", "Directrice", "FR", "Île-de-France", "Paris",
    )  # fmt: skip
    assert chloe.extra["Message"] == (
        'Met at VivaTech.\nCall back after the 15th, "urgent" — ask for the budget.'
    )
    assert chloe.extra["Record ID"] == "51005"
    assert "Postal Code" not in chloe.extra  # empty cells are not kept
    assert [str(p) for p in plan.problems] == [
        "line 12: Phone Number '12345' is not a valid number; imported without a phone number",
        "line 13: Phone Number '555' is not a valid number; no e-mail address",
        "line 14: same e-mail as line 2; merged into Ava Kim",
        "line 15: same phone number as line 3; merged into Marcus Reed",
        "line 17: no name",
    ]
    assert [p.line for p in plan.skipped] == [13, 17]
    assert plan.duplicates == 2
    assert plan.summary() == "Imported 11, updated 0, unchanged 0, skipped 2 (source: HubSpot)"
    assert people(plan)["Sam Invalid"].extra["Phone Number"] == "12345"  # kept, not as a phone
    assert plan.zone_unknown == 1


def test_salesforce_report_saved_as_windows_1252_with_semicolons() -> None:
    plan = plan_of("salesforce_report_cp1252.csv")
    assert (plan.source, plan.encoding, plan.delimiter) == ("Salesforce", "Windows-1252", ";")
    assert plan.rows == 5  # the report's footer is not a prospect
    assert plan.skipped == [] and plan.notices == []
    found = {name: (p.phone, p.timezone, p.country) for name, p in people(plan).items()}
    assert found == {
        "Hans Müller": ("+49301234567", "Europe/Berlin", "DE"),
        "Amélie Lefèvre": ("+33142685300", "Europe/Paris", "FR"),
        "Zoë Brontë": ("+442079460018", "Europe/London", "GB"),
        "Jürgen Groß": ("+41446681800", "Europe/Zurich", "CH"),
        "Ana García": ("+34612345678", "Europe/Madrid", "ES"),  # mobile only, not the Canaries
    }
    zoe = people(plan)["Zoë Brontë"]
    assert (zoe.company, zoe.title) == ("Zoë's Café – €uro Ltd", "Head of Ops")
    amelie = people(plan)["Amélie Lefèvre"]
    assert amelie.company == "Société Générale; Café"
    assert amelie.status is Status.DO_NOT_CALL  # Salesforce's Do Not Call box
    assert amelie.extra["Mobile"] == "06 12 34 56 79"  # the unused mobile is kept
    assert people(plan)["Hans Müller"].status is Status.NEW
    assert people(plan)["Hans Müller"].extra == {
        "Contact Owner": "Jane Admin",
        "Lead Source": "Web",
    }


# -- encodings, separators, line breaks ---------------------------------------------------------


def test_utf8_bom_and_crlf() -> None:
    plan = plan_of("bom_utf8_crlf.csv")
    assert plan.encoding == "UTF-8"
    assert {n: (p.phone, p.country, p.timezone) for n, p in people(plan).items()} == {
        "José Álvarez": ("+525512345678", "MX", "America/Mexico_City"),
        "Jane Doe": ("+15125550175", "US", "America/Chicago"),  # "Doe, Jane" in one column
    }


def test_tab_separated_with_generic_headers() -> None:
    plan = plan_of("tab_separated.csv")
    assert plan.delimiter == "\t"
    maya, li = people(plan)["Maya Cohen"], people(plan)["Li Wei"]
    assert (maya.phone, maya.company, maya.tags, maya.country) == (
        "+972547654321", "Shalom, Ltd", ["vip", "warm"], "IL",
    )  # fmt: skip
    assert (li.phone, li.country, li.timezone) == ("+8613912345678", "CN", "Asia/Shanghai")


def test_quoted_notes_over_several_lines_and_line_numbers_after_them() -> None:
    plan = plan_of("multiline_notes_crlf.csv")
    ines = people(plan)["Ines Ferreira"]
    assert ines.notes == 'Spoke on Monday.\r\nWants a demo, "next week".\r\nThird line.'
    assert ines.timezone == "Europe/Lisbon"
    # Ines's row takes lines 2-4, Kenji's line 5: the bad row is on line 6.
    assert [str(p) for p in plan.skipped] == [
        "line 6: phone '12' is not a valid number; no e-mail address"
    ]


# -- phones ----------------------------------------------------------------------------------


def test_national_numbers_are_read_in_each_rows_country() -> None:
    plan = plan_of("national_numbers.csv", default_country="FR")
    assert {n: p.phone for n, p in people(plan).items()} == {
        "Anna Schmidt": "+49891234567",
        "Jean Dupont": "+33142685300",
        "Oliver Smith": "+442079460018",
        "Mia Taylor": "+15125550175",
        "Noah Roy": "+16045550111",
        "Lena Berg": "+491712345678",
    }
    # Atlantis is no country: the default (France) cannot read a German number either.
    [skipped] = plan.skipped
    assert skipped.line == 8
    assert "'Atlantis' is not a country Prospect knows" in skipped.reason


def test_the_default_country_reads_numbers_of_rows_without_one() -> None:
    data = b"Name,Phone\nJean Dupont,01 42 68 53 00\n"
    assert plan_of(data, default_country="FR").new[0].phone == "+33142685300"
    [skipped] = plan_of(data).skipped
    assert "no country code" in skipped.reason


def test_invalid_and_duplicate_phones() -> None:
    plan = plan_of("invalid_and_duplicate_phones.csv")
    alice, bob = people(plan)["Alice Adams"], people(plan)["Bob Brown"]
    assert (alice.phone, alice.tags) == ("+16175550101", ["hot", "vip"])
    assert (bob.phone, bob.email, bob.extra) == (None, "bob@example.com", {"Phone": "not a number"})
    assert [str(p) for p in plan.problems] == [
        "line 3: Phone 'not a number' is not a phone number; imported without a phone number",
        "line 4: same phone number as line 2; merged into Alice Adams",
        "line 5: Phone '999' is not a valid number; no e-mail address",
        "line 6: same e-mail as line 2; merged into Alice Adams",
        "line 7: no phone number or e-mail address",
    ]
    assert (len(plan.new), plan.duplicates, len(plan.skipped)) == (2, 2, 2)


def test_the_mobile_stands_in_for_an_invalid_phone() -> None:
    data = b"First Name,Phone,Mobile,Country\nAva,123,+1 415 555 0123,US\n"
    plan = plan_of(data)
    assert plan.new[0].phone == "+14155550123"
    assert plan.new[0].extra == {"Phone": "123"}
    assert [str(p) for p in plan.notices] == [
        "line 2: Phone '123' is not a valid number; the Mobile column is used instead"
    ]


def test_a_cell_the_export_neutralised_reads_back_as_written() -> None:
    data = b"First Name,Phone,Notes,Formula\nAva,'+14155550123,'=SUM(A1),'@cmd\n"
    ava = plan_of(data).new[0]
    assert (ava.phone, ava.notes, ava.extra) == ("+14155550123", "=SUM(A1)", {"Formula": "@cmd"})


# -- zones -----------------------------------------------------------------------------------


def test_zones_from_numbers_states_and_explicit_columns() -> None:
    plan = plan_of("zones.csv")
    assert {n: p.timezone for n, p in people(plan).items()} == {
        "Sydney Mobile": "Australia/Sydney",
        "Perth Mobile": "Australia/Perth",
        "Unknown Mobile": None,
        "New York Desk": "America/New_York",
        "Chicago Desk": "America/Chicago",
        "Explicit Override": "Europe/Lisbon",
        "Bad Explicit": None,
        "London Mobile": "Europe/London",
    }
    assert people(plan)["Bad Explicit"].extra == {"time zone": "Mars/Olympus"}
    assert plan.zone_unknown == 2


def test_a_zone_nobody_knows_is_reported_on_its_line_not_replaced() -> None:
    # The file says where the person is; a guess from the number could put a
    # call at 3 a.m. their time, so the row is imported with no zone, and said so.
    plan = plan_of("zones.csv")
    assert [str(p) for p in plan.notices] == [
        "line 8: time zone 'Mars/Olympus' is not a known zone; imported without a time zone"
    ]
    assert people(plan)["Bad Explicit"].timezone is None


@pytest.mark.parametrize("cell", ["UTC", "GMT+2", "Etc/GMT+5", "(GMT+01:00)"])
def test_an_offset_says_no_place_so_the_number_gives_the_zone_unreported(cell: str) -> None:
    plan = plan_of(f"name,phone,time zone\nAva,+1 212 555 0100,{cell}\n".encode())
    assert plan.new[0].timezone == "America/New_York"
    assert plan.notices == []


# -- rows that cannot be imported, files that cannot ----------------------------------------------


def test_a_ten_megabyte_cell_skips_its_row_and_nothing_else() -> None:
    big = "n" * (10 * 1024 * 1024)
    data = f'Name,Phone,Notes\nAva Kim,+14155550123,"{big}"\nBen Ode,+14155550124,ok\n'.encode()
    plan = plan_of(data)
    assert [p.name for p in plan.new] == ["Ben Ode"]
    [skipped] = plan.skipped
    assert skipped.line == 2
    assert "'Notes' cell holds 10,485,760 characters" in skipped.reason


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("empty.csv", "empty.csv is empty."),
        ("not_csv.png", "not_csv.png holds binary data"),
        ("no_usable_column.csv", "no_usable_column.csv has no columns Prospect can use"),
    ],
)
def test_fatal_files(name: str, words: str) -> None:
    with pytest.raises(FatalImportError) as refused:
        plan_of(name, name=name)
    assert str(refused.value).startswith(words)
    assert is_one_sentence(str(refused.value))


def test_an_excel_workbook_is_refused_with_what_to_do() -> None:
    with pytest.raises(FatalImportError) as refused:
        plan_of(b"PK\x03\x04" + bytes(200), name="leads.xlsx")
    assert "leads.xlsx is an Excel workbook" in str(refused.value)
    assert is_one_sentence(str(refused.value))


def test_an_unclosed_quote_past_the_parser_limit_is_fatal() -> None:
    data = b'Name,Phone\nAva,+14155550123\nBen,"' + b"z" * (17 * 1024 * 1024)
    with pytest.raises(FatalImportError) as refused:
        plan_of(data, name="big.csv")
    assert "line 3" in str(refused.value)
    assert is_one_sentence(str(refused.value))


def test_header_only_file_plans_nothing() -> None:
    plan = plan_of(b"First Name,Email\r\n")
    assert (plan.rows, plan.new, plan.changes) == (0, [], False)


# -- progress and helpers ----------------------------------------------------------------------


def test_progress_reports_lines_up_to_the_total() -> None:
    lines = ["Name,Phone"] + [f"P{i} Q,+1415555{i:04d}" for i in range(4_500)]
    seen: list[tuple[int, int]] = []
    plan_of("\n".join(lines).encode(), progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (4_501, 4_501)
    assert [done for done, _total in seen] == sorted(done for done, _total in seen)
    assert len(seen) >= 3


def test_helper_processes_give_the_same_plan(monkeypatch: pytest.MonkeyPatch) -> None:
    alone = plan_of("hubspot_all_contacts.csv")
    monkeypatch.setattr(import_pool, "HELPERS_FROM", 0)
    monkeypatch.setattr(import_pool, "CHUNK", 2)
    monkeypatch.setattr(import_pool, "_helpers", lambda: 1)
    shared = plan_of("hubspot_all_contacts.csv")
    assert shared.new == alone.new
    assert shared.problems == alone.problems
    assert shared.duplicates == alone.duplicates


@pytest.mark.parametrize("helpers", [False, True])
def test_texts_rows_repeat_are_held_once(monkeypatch: pytest.MonkeyPatch, helpers: bool) -> None:
    if helpers:  # shipped back from a helper process: pickle keeps what is shared
        monkeypatch.setattr(import_pool, "HELPERS_FROM", 0)
        monkeypatch.setattr(import_pool, "CHUNK", 4)
        monkeypatch.setattr(import_pool, "_helpers", lambda: 1)
    rows = [f"P{i},Q,+1415555{i:04d},Acme Corp,Boston,owner@example.com" for i in range(4)]
    plan = plan_of("\n".join(["First Name,Last Name,Phone,Company,City,Owner", *rows]).encode())
    first, *others = plan.new
    for other in others:
        assert other.company is first.company and other.city is first.city
        assert other.last_name is first.last_name
        assert other.extra["Owner"] is first.extra["Owner"]


def test_problems_read_in_line_order() -> None:
    plan = ImportPlan("generic", "UTF-8", ",")
    plan.skipped = [Problem(9, "b"), Problem(2, "a")]
    plan.notices = [Problem(5, "c")]
    assert [p.line for p in plan.problems] == [2, 5, 9]


def test_garbage_collection_resumes_after_a_plan_even_a_refused_one() -> None:
    assert gc.isenabled()
    plan_of("zones.csv")
    assert gc.isenabled()
    with pytest.raises(FatalImportError):
        plan_of("empty.csv")
    assert gc.isenabled()


def test_the_numbers_read_are_let_go_once_the_plan_is_made() -> None:
    # Remembered only to spare reading a number twice in one file; kept, a large
    # file's were megabytes held through the write, the import's peak of memory.
    from prospect_tui.transfer.import_row import _read_number

    plan = plan_of("hubspot_all_contacts.csv")
    assert any(p.phone for p in plan.new)
    assert _read_number.cache_info().currsize == 0
