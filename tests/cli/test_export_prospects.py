"""``prospect export prospects`` read once from the stored documents: byte for byte the file
that decoding every prospect and encoding it back wrote."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

from prospect_tui.core.clock import ManualClock
from prospect_tui.core.model import Prospect
from prospect_tui.store.layout import PROSPECTS
from prospect_tui.store.repository import Repository
from prospect_tui.store.workspace import Workspace
from prospect_tui.transfer.export import (
    COLUMNS,
    csv_cell,
    documents,
    extra_columns,
    neutralise,
    write_csv,
    write_json,
)
from tests.cli.test_commands import run
from tests.conftest import fill_sample

HOSTILE: list[dict[str, Any]] = [
    {
        "first_name": '=HYPERLINK("http://x","y")',
        "last_name": 'Zel"ler, \\ é',
        "company": "+33 1 23",
        "phone": "+1 415 555",
        "notes": 'Said "no"\r\nthen, "maybe"',
        "tags": ["=cmd", "-x", "ok"],
        "status": "callback",
        "last_outcome": "callback",
        "priority": -3,
        "last_called_at": "2026-08-17T14:28:22-00:00",
        "next_action_at": "2026-08-17T14:28:22Z",
        "created_at": "2026-08-17 14:28:22.250000+05:30",
        "updated_at": "2026-08-17T14:28+05:30",
        "extra": {"=Owner": "@SUM(1)", "Lead Source": "\tcmd"},
    },
    {"phone": "+442079460092", "timezone": None, "country": "GB", "email": "-a@b"},
    {"phone": "+14155550123", "extra": {"Region Code": "-1", "Owner ☎": "𝄞"}},
    {"phone": "+4402079460092", "first_name": "\r", "list": "@list"},
    {"phone": "=1+1", "status": "do_not_call", "attempts": 12},
]


def _workspace(home: Path, clock: ManualClock, *, first: bool) -> None:
    """The sample with hostile prospects after it; or (``first``) hostile prospects alone,
    after one without extras, so extra columns come to light only after rows lacking them."""
    if not first:
        fill_sample(home, clock, prospects=40, calls=80, weeks=2)
    with Workspace.open(home, write=True) as ws:
        table = ws.table(PROSPECTS, Prospect.TABLE)
        if first:
            table.insert({"first_name": "Before any extra"})
        for doc in HOSTILE * (1 if not first else 10):
            table.insert(doc)


def _decoded_csv(repository: Repository) -> bytes:
    """The CSV an export wrote by decoding each prospect, every cell by :func:`csv_cell`."""
    extra = extra_columns(repository.prospect_extras())
    columns = COLUMNS["prospects"]
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralise(c) for c in (*columns, *extra)])
    for doc in documents(repository.iter_prospects()):
        cells = [csv_cell(column, doc.get(column)) for column in columns]
        writer.writerow(cells + [csv_cell("", doc["extra"].get(key)) for key in extra])
    return out.getvalue().encode("utf-8-sig")


@pytest.mark.parametrize("first", [False, True])
def test_the_export_is_what_decoding_every_prospect_wrote(
    capsys: pytest.CaptureFixture[str],
    home: Path,
    clock: ManualClock,
    tmp_path: Path,
    first: bool,
) -> None:
    _workspace(home, clock, first=first)
    with Workspace.open(home) as ws:
        repository = Repository(ws)
        expected_csv = _decoded_csv(repository)
        json_out = io.StringIO()
        write_json(documents(repository.iter_prospects()), json_out)
    assert expected_csv.count(b"\r\n") > 45  # every row, and the notes' line breaks

    target = tmp_path / "out.csv"
    assert run(capsys, "export", "prospects", "-o", str(target))[0] == 0
    assert target.read_bytes() == expected_csv
    code, out, _ = run(capsys, "export", "prospects")
    assert code == 0 and out.encode() == expected_csv.removeprefix("\ufeff".encode())
    target = tmp_path / "out.json"
    assert run(capsys, "export", "prospects", "-o", str(target))[0] == 0
    assert target.read_text(encoding="utf-8") == json_out.getvalue()


def test_rows_made_before_an_extra_column_came_to_light_get_its_empty_cells() -> None:
    docs = [
        {"id": 1, "first_name": "A"},
        {"id": 2, "extra": {"x": "1"}},
        {"id": 3, "extra": {"y": "2", "z": "3"}},
        {"id": 4, "extra": {"x": '"q", r\r\n'}},
        {"id": 5, "notes": "a\r\nb", "extra": {}},
        {"id": 6, "extra": {"w": "4"}},
    ]
    found = io.StringIO(newline="")
    assert write_csv("prospects", docs, found) == len(docs)
    known = io.StringIO(newline="")
    write_csv("prospects", docs, known, extra_columns(doc.get("extra") or {} for doc in docs))
    assert found.getvalue() == known.getvalue()
    assert found.getvalue().splitlines()[0].endswith(",x,y,z,w")
