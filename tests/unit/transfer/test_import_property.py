"""Whatever bytes arrive, planning an import returns a plan or refuses the file — nothing else."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prospect_tui.core.model import Prospect
from prospect_tui.core.phones import is_e164
from prospect_tui.transfer.csv_import import FatalImportError, ImportPlan, plan_import

NOW = datetime(2026, 11, 19, 15, 30, tzinfo=ZoneInfo("Europe/Paris"))
EXISTING = [
    Prospect(id=1, first_name="Ava", phone="+14155550123", email="ava@example.com"),
    Prospect(id=2, first_name="Ben", email="ben@example.com"),
]
HEADERS = [
    "Record ID", "First Name", "Last Name", "Name", "Email", "Phone Number", "Mobile",
    "Country/Region", "State", "Time Zone", "Tags", "Notes", "Status", "Do Not Call",
    "Priority", "id", "attempts", "last_called_at", "Whatever",
]  # fmt: skip
CELLS = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        ["+1 415 555 0123", "0412 345 678", "(212) 555-0147", "ava@example.com", "Australia",
         "NSW", "US", "America/New_York", "(GMT-05:00) Eastern Time", "do_not_call", "1",
         "=SUM(A1)", "'=x", "vip; warm", "Doe, Jane", "2026-01-01T10:00:00+00:00", ""]
    ),
)  # fmt: skip


def check(data: bytes) -> None:
    """The property: a plan whose prospects are sound, or a one-sentence refusal."""
    try:
        plan = plan_import(data, list(EXISTING), list_name=None, now=NOW, name="in.csv")
    except FatalImportError as refused:
        assert str(refused).startswith("in.csv ")
        assert "\n" not in str(refused)
        return
    assert isinstance(plan, ImportPlan)
    for prospect in [*plan.new, *(u.after for u in plan.updates)]:
        assert prospect.name
        assert prospect.phone is None or is_e164(prospect.phone)
        assert prospect.phone or prospect.email
    assert plan.rows == (
        len(plan.skipped) + len(plan.new) + len(plan.updates) + plan.unchanged + plan.duplicates
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2_000))
def test_arbitrary_bytes(data: bytes) -> None:
    check(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    header=st.lists(st.sampled_from(HEADERS), min_size=1, max_size=8),
    rows=st.lists(st.lists(CELLS, max_size=9), max_size=6),
    delimiter=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
)
def test_csv_shaped_input(
    header: list[str], rows: list[list[str]], delimiter: str, encoding: str
) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    check(buffer.getvalue().encode(encoding, errors="replace"))
