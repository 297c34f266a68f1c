"""A file that still parses as JSON but holds a record that is not valid is damage.

A flipped bit can leave valid JSON: a status Prospect does not know, a field
renamed, a date that does not read. Readers and writers refuse it in one
sentence naming the file and the record, and ``prospect restore`` finds it and
brings back the last good copy with every change since, as it does for a file
that does not parse at all.
"""

from __future__ import annotations

import json
import random
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from prospect_tui.core.clock import ManualClock
from prospect_tui.store import journal as journal_file
from tests.cli.test_commands import export_json, one_line, run, snapshot
from tests.cli.test_restore_command import work_in_sessions
from tests.conftest import FROZEN, fill_sample

REVIEWED = FROZEN.date().isoformat()


def replace_last(old: bytes, new: bytes) -> Callable[[Path], None]:
    def damage(path: Path) -> None:
        data = path.read_bytes()
        at = data.rindex(old)
        path.write_bytes(data[:at] + new + data[at + len(old) :])

    damage.__name__ = f"{old.decode()} -> {new.decode()}"
    return damage


PROSPECT_DAMAGE = [
    replace_last(b'"do_not_call"', b'"do_not_caml"'),  # an unknown status
    replace_last(b'"updated_at"', b'"5pdated_at"'),  # an unknown field, no longer dropped
    replace_last(b'"attempts": ', b'"attempts": 0.'),  # a fraction where a count belongs
    replace_last(b'"created_at": "20', b'"created_at": "2x'),  # an instant that does not read
]
CALL_DAMAGE = [
    replace_last(b'"ended_at"', b'"en$ed_at"'),  # a required field gone
    replace_last(b'"outcome": "no_answer"', b'"outcome": "no_answeR"'),  # an unknown outcome
    replace_last(b'"local_date": "2026-11-', b'"local_date": "2026-13-'),  # a day that is not
]


def compact(path: Path) -> None:
    """Write ``path`` with ", " and ": " separators so the damage above finds its text."""
    data = json.loads(path.read_bytes())
    path.write_text(json.dumps(data, ensure_ascii=False))


@pytest.mark.parametrize(
    ("file", "damage"),
    [("prospects.json", d) for d in PROSPECT_DAMAGE]
    + [("calls/2026-11.json", d) for d in CALL_DAMAGE],
    ids=lambda value: getattr(value, "__name__", value),
)
def test_a_record_that_is_not_valid_is_damage_and_restore_brings_the_file_back(
    capsys: pytest.CaptureFixture[str],
    sample_home: Path,
    clock: ManualClock,
    file: str,
    damage: Callable[[Path], None],
) -> None:
    work_in_sessions(sample_home, clock)
    prospects, calls = export_json(capsys, "prospects"), export_json(capsys, "calls")
    path = sample_home / file
    before = path.read_bytes()
    compact(path)  # the same records, written by hand: still valid, still read
    assert export_json(capsys, "prospects") == prospects
    damage(path)
    assert json.loads(path.read_bytes())  # still valid JSON
    assert path.read_bytes() != before

    kind = "prospects" if file == "prospects.json" else "calls"
    code, out, err = run(capsys, "export", kind)
    assert code == 2, err
    line = one_line(err)
    assert f"{path} is damaged (record " in line
    assert "`prospect restore`" in line
    assert "please report" not in line
    # The review reads only the days it shows: refused if the record is among them.
    code, out, err = run(capsys, "review", "--date", REVIEWED)
    assert code in (0, 2), err
    if code == 2:
        assert f"{path} is damaged (record " in one_line(err)
    csv = path.parent / "new.csv"
    csv.write_text("first_name,phone\nNew,+14155550199\n")
    if kind == "prospects":  # a writer reads every prospect before it adds one
        untouched = snapshot(sample_home)
        code, _, err = run(capsys, "import", str(csv))
        assert code == 2
        assert f"{path} is damaged (record " in one_line(err)
        assert {k: v for k, v in snapshot(sample_home).items() if not k.startswith("damaged/")} == (
            {k: v for k, v in untouched.items() if not k.startswith("damaged/")}
        )
    csv.unlink()

    code, out, err = run(capsys, "restore", "--yes")

    assert code == 0, err
    assert f"{Path(file).name} was restored" in out
    assert export_json(capsys, "prospects") == prospects
    assert export_json(capsys, "calls") == calls


def test_a_hand_edited_file_whose_records_stay_valid_keeps_working(
    capsys: pytest.CaptureFixture[str], sample_home: Path, clock: ManualClock
) -> None:
    work_in_sessions(sample_home, clock)
    path = sample_home / "prospects.json"
    data = json.loads(path.read_bytes())
    data["prospects"]["7"]["notes"] = "Edited by hand."
    data["prospects"]["7"]["attempts"] = 9
    data["prospects"]["7"]["id"] = 7  # an id repeated in the document is ignored
    path.write_text(json.dumps(data, indent=2))

    by_id = {p["id"]: p for p in export_json(capsys, "prospects")}

    assert (by_id[7]["notes"], by_id[7]["attempts"]) == ("Edited by hand.", 9)
    code, out, _ = run(capsys, "restore")
    assert (code, out) == (0, "Every data file reads cleanly; nothing needed restoring.\n")


def test_a_journal_change_holding_a_record_that_is_not_valid_is_damage_of_the_journal(
    capsys: pytest.CaptureFixture[str], sample_home: Path, clock: ManualClock
) -> None:
    work_in_sessions(sample_home, clock)  # its last session left changes in the journal
    path = sample_home / journal_file.JOURNAL_FILE
    lines = path.read_bytes().splitlines(keepends=True)
    last = json.loads(lines[-1][9:])
    put = next(op for op in last["ops"] if op[2] == "prospects")
    put[4]["status"] = "do_not_caII"  # edited by hand, the checksum written again to match
    lines[-1] = journal_file.encode(last)
    path.write_bytes(b"".join(lines))

    code, _, err = run(capsys, "export", "prospects")

    assert code == 2
    line = one_line(err)
    assert f"{path} is damaged" in line and "`prospect restore`" in line

    code, out, err = run(capsys, "restore", "--yes")

    assert code == 0, err
    assert "Cannot be recovered: the last saved changes to" in out
    assert "journal.jsonl keeps its" in out
    assert export_json(capsys, "prospects")  # reads again


# -- a seeded fuzz: every flip is refused (2) or read as a valid variant (0) ----------------


FUZZ_FILES = ["prospects.json", "activity.json", "calls/2026-11.json"]


@pytest.fixture(scope="module")
def small_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("fuzz") / "home"
    fill_sample(home, ManualClock(FROZEN), prospects=4, calls=6, weeks=1)
    return home


def test_single_bit_flips_are_refused_or_read_never_a_crash(
    capsys: pytest.CaptureFixture[str],
    small_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    home = tmp_path / "flipped"
    monkeypatch.setenv("PROSPECT_HOME", str(home))
    shutil.copytree(small_home, home)
    originals = {kind: export_json(capsys, kind) for kind in ("prospects", "calls")}
    shutil.rmtree(home)
    rng = random.Random(7)
    outcomes: dict[int, int] = {}
    for n in range(240):
        file = FUZZ_FILES[n % len(FUZZ_FILES)]
        shutil.copytree(small_home, home)
        path = home / file
        data = bytearray(path.read_bytes())
        data[rng.randrange(len(data))] ^= 1 << rng.randrange(7)
        path.write_bytes(bytes(data))
        for argv in (
            ("export", "prospects", "--format", "json"),
            ("export", "calls", "--format", "json"),
            ("review", "--date", REVIEWED),
        ):
            code, out, err = run(capsys, *argv)
            assert code in (0, 2), (file, bytes(data), err)
            outcomes[code] = outcomes.get(code, 0) + 1
            if code == 2:
                assert "please report" not in one_line(err)
            elif argv[0] == "export":
                shown = json.loads(out)
                # The same records, or the same ones with a valid value changed.
                assert [r["id"] for r in shown] == [r["id"] for r in originals[argv[1]]] or (
                    shown == originals[argv[1]]
                )
                assert len(shown) == len(originals[argv[1]])
        shutil.rmtree(home)
    assert outcomes.get(2) and outcomes.get(0)  # both kinds of flip were met


@pytest.mark.parametrize(
    "op",
    [
        ["bogus", "prospects", "prospects", 1],
        ["put", "prospects", "prospects", 1],
        ["put", "prospects", "prospects", 0, {}],
    ],
)
def test_a_journal_op_that_is_not_an_op_is_damage_of_the_journal(
    capsys: pytest.CaptureFixture[str], sample_home: Path, clock: ManualClock, op: list[object]
) -> None:
    work_in_sessions(sample_home, clock)
    path = sample_home / journal_file.JOURNAL_FILE
    lines = path.read_bytes().splitlines(keepends=True)
    last = json.loads(lines[-1][9:])
    last["ops"].append(op)  # edited by hand, the checksum written again to match
    lines[-1] = journal_file.encode(last)
    path.write_bytes(b"".join(lines))

    code, _, err = run(capsys, "export", "prospects")

    assert code == 2
    assert f"{path} is damaged" in one_line(err)
    code, _, err = run(capsys, "restore", "--yes")
    assert code == 0, err
    assert export_json(capsys, "prospects")
