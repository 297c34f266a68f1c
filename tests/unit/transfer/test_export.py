"""Exports: CSV a spreadsheet opens without running anything, and JSON arrays."""

from __future__ import annotations

import csv
import io
import json
import stat
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prospect_tui.core.model import Call, Prospect, Sprint, SprintStatus
from prospect_tui.locations import Locations
from prospect_tui.transfer.export import (
    COLUMNS,
    csv_cell,
    documents,
    extra_columns,
    neutralise,
    write_csv,
    write_json,
)
from prospect_tui.transfer.output import (
    OutputRefused,
    output_stream,
    workspace_holding,
    write_output,
)
from tests.conftest import PROSPECT_FIELDS

PARIS = ZoneInfo("Europe/Paris")
AT = datetime(2026, 11, 19, 9, 30, tzinfo=PARIS)


def _rows(kind: str, docs: list[dict[str, object]]) -> list[list[str]]:
    out = io.StringIO(newline="")
    assert write_csv(kind, docs, out) == len(docs)
    return list(csv.reader(io.StringIO(out.getvalue(), newline="")))


def _prospect(**changes: object) -> dict[str, object]:
    prospect = Prospect(
        id=1,
        first_name="Ava",
        last_name="Kim",
        company="Northwind",
        phone="+14155550123",
        timezone="America/Los_Angeles",
        tags=["cold", "referral"],
        list="Q4",
        extra={"Lead Source": "Event"},
    )
    for name, value in changes.items():
        setattr(prospect, name, value)
    return next(documents([prospect]))


# -- one cell ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["=SUM(A1:A9)", "+33 1 23", "-2+3", "@SUM(1)", "\tcmd", "\rcmd", '=HYPERLINK("x")'],
)
def test_formula_starts_are_neutralised(text: str) -> None:
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["", "Ava", "a=b", "Call at 10", "'quoted", " =x", "\ntext"])
def test_other_cells_are_left_alone(text: str) -> None:
    assert neutralise(text) == text


def test_a_valid_e164_phone_passes_untouched() -> None:
    assert csv_cell("phone", "+14155550123") == "+14155550123"
    assert csv_cell("phone", "+442079460123") == "+442079460123"


@pytest.mark.parametrize(
    "value",
    [
        "+1 415 555",
        "+1 415 555 0123",
        '=HYPERLINK("http://x","call")',
        "+1415555012",
        "-14155550123",
        "@14155550123",
        "+14155550123\t",
    ],
)
def test_anything_else_in_the_phone_column_is_neutralised(value: str) -> None:
    assert csv_cell("phone", value) == "'" + value


def test_e164_is_only_trusted_in_the_phone_column() -> None:
    assert csv_cell("notes", "+14155550123") == "'+14155550123"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (True, "true"),
        (False, "false"),
        (3, "3"),
        (2.5, "2.5"),
        (["cold", "referral"], "cold; referral"),
        ([], ""),
        (-4, "'-4"),
    ],
)
def test_values_as_cells(value: object, text: str) -> None:
    assert csv_cell("x", value) == text


def test_list_items_are_neutralised_as_a_cell() -> None:
    assert csv_cell("tags", ["=cmd", "ok"]) == "'=cmd; ok"


# -- whole files ------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(COLUMNS))
def test_the_header_row_comes_first(kind: str) -> None:
    rows = _rows(kind, [])
    assert rows == [list(COLUMNS[kind])]


def test_prospects_csv_keeps_extra_columns_at_the_end() -> None:
    docs = [
        _prospect(),
        _prospect(id=2, extra={"Lead Source": "Web", "Owner": "Sam"}),
        _prospect(id=3, extra={}),
    ]
    header, *rows = _rows("prospects", docs)
    assert header == [*COLUMNS["prospects"], "Lead Source", "Owner"]
    assert [row[-2:] for row in rows] == [["Event", ""], ["Web", "Sam"], ["", ""]]
    assert all(len(row) == len(header) for row in rows)


def test_extra_columns_and_their_names_are_neutralised() -> None:
    header, row = _rows("prospects", [_prospect(extra={"=cmd|' /C calc'!A0": "@SUM(1)"})])
    assert header[-1] == "'=cmd|' /C calc'!A0"
    assert row[-1] == "'@SUM(1)"


def test_prospects_csv_cells() -> None:
    header, row = _rows("prospects", [_prospect(first_name="=1+1", notes="-call back")])
    cells = dict(zip(header, row, strict=True))
    assert cells["phone"] == "+14155550123"
    assert cells["first_name"] == "'=1+1"
    assert cells["notes"] == "'-call back"
    assert cells["tags"] == "cold; referral"
    assert cells["id"] == "1"


@pytest.mark.parametrize("phone", ["+1 415 555", '=HYPERLINK("http://evil","x")'])
def test_a_bad_phone_in_a_prospect_is_neutralised(phone: str) -> None:
    header, row = _rows("prospects", [_prospect(phone=phone)])
    assert dict(zip(header, row, strict=True))["phone"] == "'" + phone


def test_a_cell_with_newlines_and_quotes_stays_one_cell() -> None:
    header, row = _rows("prospects", [_prospect(notes='Said "no"\r\nthen, "maybe"')])
    assert dict(zip(header, row, strict=True))["notes"] == 'Said "no"\r\nthen, "maybe"'


def test_calls_csv() -> None:
    call = Call(
        id=9,
        prospect_id=1,
        sprint_id=2,
        started_at=AT,
        ended_at=AT,
        duration_s=42.5,
        outcome="callback",
        notes="=2+2",
        variant="permission+audit",
        local_hour=3,
        local_date=date(2026, 11, 19),
    )
    header, row = _rows("calls", list(documents([call])))
    cells = dict(zip(header, row, strict=True))
    assert cells["notes"] == "'=2+2"
    assert cells["variant"] == "permission+audit"
    assert cells["started_at"] == "2026-11-19T09:30:00+01:00"
    assert cells["local_date"] == "2026-11-19"
    assert cells["callback_at"] == ""


def test_calls_say_who_answered_a_gatekeeper_call_in_csv_and_json() -> None:
    call = Call(
        id=10,
        prospect_id=1,
        started_at=AT,
        ended_at=AT,
        outcome="gatekeeper",
        local_date=date(2026, 11, 19),
        gatekeeper="=Sam, reception",
    )
    header, row = _rows("calls", list(documents([call])))
    assert dict(zip(header, row, strict=True))["gatekeeper"] == "'=Sam, reception"
    [doc] = _json([call])
    assert doc["gatekeeper"] == "=Sam, reception"


def test_csv_rows_end_in_crlf() -> None:
    out = io.StringIO(newline="")
    write_csv("sprints", [], out)
    assert out.getvalue().endswith("\r\n")


# -- JSON -------------------------------------------------------------------------------------

CALL_FIELDS = {
    "id",
    "prospect_id",
    "sprint_id",
    "started_at",
    "ended_at",
    "duration_s",
    "outcome",
    "notes",
    "variant",
    "local_date",
}
SPRINT_FIELDS = {"id", "started_at", "ended_at", "status", "reason"}


def _json(records: list[object]) -> list[dict[str, object]]:
    out = io.StringIO()
    count = write_json(documents(records), out)  # type: ignore[arg-type]
    data = json.loads(out.getvalue())
    assert isinstance(data, list)
    assert count == len(data)
    return data


def test_an_empty_export_is_an_empty_array() -> None:
    assert _json([]) == []


def test_prospects_json_has_the_documented_fields() -> None:
    prospect = Prospect(
        id=4, first_name="Léa", phone=None, timezone=None, extra={"Lead Source": "Event"}
    )
    [doc] = _json([prospect])
    assert set(doc) >= PROSPECT_FIELDS
    assert doc["id"] == 4
    assert doc["phone"] is None
    assert doc["timezone"] is None
    assert doc["status"] == "new"
    assert doc["extra"] == {"Lead Source": "Event"}
    assert doc["first_name"] == "Léa"


def test_calls_json_has_the_documented_fields() -> None:
    call = Call(
        id=9,
        prospect_id=1,
        sprint_id=None,
        started_at=AT,
        ended_at=AT,
        outcome="meeting",
        local_date=date(2026, 11, 19),
    )
    [doc] = _json([call])
    assert set(doc) >= CALL_FIELDS
    assert doc["started_at"] == "2026-11-19T09:30:00+01:00"
    assert datetime.fromisoformat(str(doc["ended_at"])).utcoffset() is not None
    assert doc["local_date"] == "2026-11-19"
    assert doc["sprint_id"] is None


def test_sprints_json_has_the_documented_fields() -> None:
    sprint = Sprint(
        id=2,
        started_at=AT,
        ends_at=AT,
        ended_at=AT,
        status=SprintStatus.ABANDONED,
        reason="tired",
        reason_kind="discipline",
        local_date=date(2026, 11, 19),
    )
    [doc] = _json([sprint])
    assert set(doc) >= SPRINT_FIELDS
    assert doc["status"] == "abandoned"
    assert doc["reason"] == "tired"


def test_json_is_one_object_per_line_in_order() -> None:
    prospects = [Prospect(id=n, first_name=f"P{n}") for n in (3, 1, 2)]
    out = io.StringIO()
    write_json(documents(prospects), out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "[" and lines[-1] == "]"
    assert [json.loads(line.rstrip(","))["id"] for line in lines[1:-1]] == [3, 1, 2]


def test_json_keeps_text_as_written() -> None:
    # JSON is not a spreadsheet: nothing is neutralised.
    [doc] = _json([Prospect(id=1, first_name="=1+1")])
    assert doc["first_name"] == "=1+1"


def test_documents_put_the_id_first() -> None:
    [doc] = documents([Prospect(id=5)])
    assert next(iter(doc)) == "id"


# -- where an export may be written ------------------------------------------------


@pytest.fixture
def where(tmp_path: Path) -> Locations:
    data = tmp_path / "data"
    data.mkdir()
    return Locations(data_dir=data, config_dir=tmp_path / "config")


@pytest.mark.parametrize(
    "target",
    ["data/journal.jsonl", "data/calls/2026-11.json", "out/../data/x.csv", "config/config.toml"],
)
def test_workspace_holding_finds_the_workspace_under_any_name(
    tmp_path: Path, where: Locations, target: str
) -> None:
    assert workspace_holding(tmp_path / target, where) in (where.data_dir, where.config_dir)


def test_workspace_holding_follows_links_to_the_workspace(tmp_path: Path, where: Locations) -> None:
    (tmp_path / "shortcut").symlink_to(where.data_dir)
    (tmp_path / "deep").mkdir()
    (tmp_path / "deep" / "up").symlink_to(tmp_path)

    assert workspace_holding(tmp_path / "shortcut" / "journal.jsonl", where) == where.data_dir
    assert workspace_holding(tmp_path / "deep" / "up" / "data" / "a.csv", where) == where.data_dir
    assert workspace_holding(tmp_path / "data-export.csv", where) is None
    assert workspace_holding(tmp_path / "deep" / "a.csv", where) is None


def test_write_output_refuses_the_workspace_and_writes_elsewhere(
    tmp_path: Path, where: Locations
) -> None:
    journal = where.data_dir / "journal.jsonl"
    journal.write_bytes(b"calls")

    with pytest.raises(OutputRefused, match="inside the workspace folder"):
        write_output(journal, b"export", where)
    write_output(tmp_path / "out.csv", b"export", where)

    assert journal.read_bytes() == b"calls"
    assert (tmp_path / "out.csv").read_bytes() == b"export"
    assert stat.S_IMODE((tmp_path / "out.csv").stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("target", "problem"), [("missing/out.csv", "does not exist"), ("data/..", "a folder")]
)
def test_write_output_says_what_is_wrong_with_the_path(
    tmp_path: Path, where: Locations, target: str, problem: str
) -> None:
    with pytest.raises(OutputRefused, match=problem):
        write_output(tmp_path / target, b"export", where)
    assert not (tmp_path / "missing").exists()


# -- streamed ---------------------------------------------------------------------------------


def test_rows_are_written_as_they_are_read_when_the_extra_columns_are_known() -> None:
    # 50,000 prospects or a million calls must never be held at once: each row is out
    # before the next record is asked for.
    out = io.StringIO(newline="")
    written_before: list[int] = []

    def docs():  # type: ignore[no-untyped-def]
        for n in range(1, 4):
            written_before.append(out.getvalue().count("\r\n"))
            yield _prospect(id=n, extra={"Owner": f"S{n}"})

    assert write_csv("prospects", docs(), out, extra_columns([{"Owner": "S1"}])) == 3
    assert written_before == [1, 2, 3]  # the header, then one more row each time
    header, *rows = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert header[-1] == "Owner" and [row[-1] for row in rows] == ["S1", "S2", "S3"]


def test_extra_columns_come_in_the_order_they_first_appear_without_the_fields() -> None:
    extras = [{"Owner": "a", "first_name": "x"}, {}, {"=Source": "b", "Owner": "c"}]
    assert extra_columns(extras) == ["Owner", "=Source"]


def test_a_stream_that_fails_leaves_the_file_as_it_was(tmp_path: Path, where: Locations) -> None:
    target = tmp_path / "out.csv"
    target.write_bytes(b"before")

    with pytest.raises(RuntimeError), output_stream(target, where, "utf-8") as out:
        out.write("half an export")
        raise RuntimeError("the store broke mid-way")

    assert target.read_bytes() == b"before"
    assert not any(p.name.endswith(".tmp") for p in tmp_path.iterdir())


def test_a_stream_replaces_the_file_when_it_ends(tmp_path: Path, where: Locations) -> None:
    target = tmp_path / "out.csv"
    target.write_bytes(b"before")

    with output_stream(target, where, "utf-8-sig") as out:
        out.write("a,b\r\n")

    assert target.read_bytes() == "a,b\r\n".encode("utf-8-sig")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert not any(p.name.endswith(".tmp") for p in tmp_path.iterdir())


# -- rows as the CSV writer writes them -----------------------------------------------------

CELL = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.floats(allow_nan=False, width=16),
    st.text(alphabet=st.sampled_from('a=+-@\t\r\n",;é \x00'), max_size=5),
    st.lists(st.text(alphabet="a=,-", max_size=3), max_size=2),
    st.sampled_from(["+14155550123", "+4402079460092", ""]),
)
EXTRA = st.dictionaries(st.sampled_from(["x", "=y", "z,"]), CELL, max_size=2)


def _written_by_the_csv_writer(kind: str, docs: list[dict[str, object]]) -> str:
    """The CSV of ``docs`` with every row given to ``csv.writer``, its cells by
    :func:`csv_cell`: what an export writes, however it writes it."""
    columns = COLUMNS[kind]
    extra = extra_columns(doc["extra"] for doc in docs) if kind == "prospects" else []
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralise(c) for c in (*columns, *extra)])
    for doc in docs:
        row = [csv_cell(column, doc.get(column)) for column in columns]
        bonus = doc.get("extra") or {}
        writer.writerow(row + [csv_cell("", bonus.get(key)) for key in extra])  # type: ignore[attr-defined]
    return out.getvalue()


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["prospects", "calls"]),
    st.lists(
        st.fixed_dictionaries(
            {"first_name": CELL, "phone": CELL, "tags": CELL, "priority": CELL, "extra": EXTRA}
        ),
        max_size=6,
    ),
)
def test_rows_are_the_lines_the_csv_writer_writes(kind: str, docs: list[dict[str, object]]) -> None:
    docs = [
        {**doc, "notes": doc["first_name"], "prospect_id": doc["priority"], "outcome": doc["phone"]}
        for doc in docs
    ]
    out = io.StringIO(newline="")
    write_csv(kind, docs, out)
    assert out.getvalue() == _written_by_the_csv_writer(kind, docs)
