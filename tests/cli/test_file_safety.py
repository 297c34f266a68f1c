"""The workspace's files belong to the user: no command writes into the folder but the
store, no link is followed, one writer whatever happens to the lock file, and a folder
that cannot be used is one sentence and exit status 2.

Tests run as root in CI, where permission bits block nothing: a read-only folder is
simulated by the error the system would give (``EACCES``), and what is checked about
real permission bits (that they are left alone) holds for root as well.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from prospect_tui.__main__ import main
from prospect_tui.core.clock import ManualClock
from prospect_tui.store import journal as journal_file
from prospect_tui.store.errors import StoreLocked, StoreUnavailable, StoreWriteFailed
from prospect_tui.store.lock import LOCK_FILE
from prospect_tui.store.workspace import Workspace
from tests.conftest import fill_sample

P = ("prospects", "prospects")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``prospect ARGV`` in this process: (exit status, stdout, stderr)."""
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def refused(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """Run a command that must fail as bad input; its one line on stderr."""
    code, out, err = run(capsys, *argv)
    assert code == 2, err
    assert out == ""
    assert "Traceback" not in err and "please report" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    return lines[0]


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every file (its bytes) and link (its target) under ``folder``."""
    if not os.path.lexists(folder):
        return {}
    found: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[name] = os.readlink(path)
        elif path.is_file():
            found[name] = path.read_bytes()
    return found


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def running(sample_home: Path) -> Any:
    """The app, as far as the files see it: a writer holding the lock with unfolded calls."""
    writer = Workspace.open(sample_home, write=True)
    for n in range(6):
        writer.table(*P).insert({"shown": n})
    yield writer
    writer.close()


# -- 9. no command writes into the workspace folder ---------------------------------------


@pytest.mark.parametrize(
    "target",
    [
        "{home}/journal.jsonl",
        "{home}/prospects.json",
        "{home}/calls/export.csv",
        "{home}/calls/../journal.jsonl",
        "{home}/new.csv",
        "{link}/journal.jsonl",
    ],
)
def test_export_never_writes_inside_the_workspace(
    capsys: pytest.CaptureFixture[str], running: Workspace, tmp_path: Path, target: str
) -> None:
    home = running.data_dir
    (tmp_path / "link").symlink_to(home)
    before = snapshot(home)

    line = refused(
        capsys, "export", "calls", "-o", target.format(home=home, link=tmp_path / "link")
    )

    assert "inside the workspace folder" in line
    assert snapshot(home) == before
    running.table(*P).insert({"shown": 6})  # the writer carries on, its journal intact
    with Workspace.open(home) as reader:
        assert sorted(d["shown"] for d in reader.table(*P) if "shown" in d) == list(range(7))


def test_export_never_writes_inside_the_config_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PROSPECT_HOME", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    config = tmp_path / "config" / "prospect"
    config.mkdir(parents=True)

    line = refused(capsys, "export", "prospects", "-o", str(config / "config.toml"))

    assert str(config) in line
    assert list(config.iterdir()) == []


# -- 10. an export file is 0600 and its folder is left as it is --------------------------


@pytest.mark.parametrize("shared", [0o1777, 0o2775, 0o755])
def test_export_leaves_its_folder_as_it_was(
    capsys: pytest.CaptureFixture[str], sample_home: Path, tmp_path: Path, shared: int
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(shared)
    (folder / "someone-elses.txt").write_text("theirs")

    code, _, err = run(capsys, "export", "prospects", "-o", str(folder / "prospects.csv"))

    assert code == 0, err
    assert mode(folder) == shared
    assert mode(folder / "prospects.csv") == 0o600
    assert sorted(os.listdir(folder)) == ["prospects.csv", "someone-elses.txt"]


def test_export_replaces_a_link_instead_of_writing_through_it(
    capsys: pytest.CaptureFixture[str], sample_home: Path, tmp_path: Path
) -> None:
    victim = tmp_path / "victim"
    victim.write_text("precious")
    (tmp_path / "out.csv").symlink_to(victim)

    assert run(capsys, "export", "prospects", "-o", str(tmp_path / "out.csv"))[0] == 0

    assert victim.read_text() == "precious"
    assert not (tmp_path / "out.csv").is_symlink()


# -- 11. links in the workspace are refused -----------------------------------------------


@pytest.mark.parametrize(
    ("link", "argv"),
    [
        (journal_file.JOURNAL_FILE, ("sample",)),
        (journal_file.JOURNAL_FILE, ("export", "prospects")),
        (LOCK_FILE, ("sample",)),
        ("prospects.json", ("export", "prospects")),
        ("calls", ("export", "calls")),
        ("calls", ("sample",)),
        ("backups", ("sample",)),
    ],
)
def test_a_workspace_whose_files_are_links_is_refused(
    capsys: pytest.CaptureFixture[str], home: Path, tmp_path: Path, link: str, argv: tuple[str]
) -> None:
    home.mkdir()
    victim = tmp_path / "victim"
    if link in ("calls", "backups"):
        victim.mkdir()
    else:
        victim.write_bytes(b"precious")
    (home / link).symlink_to(victim)
    before = snapshot(tmp_path)

    line = refused(capsys, *argv)

    assert line.startswith(f"{home / link} is a symbolic link"), line
    assert snapshot(tmp_path) == before


def test_a_workspace_folder_that_is_a_link_is_used(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The top folder may point elsewhere (a synced folder); only what is inside is checked."""
    real = tmp_path / "synced"
    real.mkdir(mode=0o755)
    monkeypatch.setenv("PROSPECT_HOME", str(tmp_path / "link"))
    (tmp_path / "link").symlink_to(real)

    assert run(capsys, "sample", "--prospects", "5")[0] == 0

    assert (real / "prospects.json").is_file()
    assert mode(real) == 0o755


def test_a_linked_journal_never_gets_calls_appended(home: Path, tmp_path: Path) -> None:
    home.mkdir()
    victim = tmp_path / "victim"
    victim.write_bytes(b"precious")
    (home / journal_file.JOURNAL_FILE).symlink_to(victim)

    with pytest.raises(StoreUnavailable):
        Workspace.open(home, write=True)

    assert victim.read_bytes() == b"precious"
    (home / journal_file.JOURNAL_FILE).unlink()
    Workspace.open(home, write=True).close()  # the failed open let go of the lock


# -- 12. one writer, whatever happens to the lock file ------------------------------------


def test_deleting_the_lock_file_does_not_let_a_second_writer_in(running: Workspace) -> None:
    home = running.data_dir
    (home / LOCK_FILE).unlink()

    with pytest.raises(StoreLocked) as raised:
        Workspace.open(home, write=True)

    assert "already running" in str(raised.value)
    running.table(*P).insert({"shown": 6})
    running.close(fold=False)
    with Workspace.open(home) as reader:
        assert sorted(d["shown"] for d in reader.table(*P) if "shown" in d) == list(range(7))


def test_a_deleted_journal_is_written_back_before_the_next_call(running: Workspace) -> None:
    """Every call shown is stored: the writer's open descriptor still holds the lines."""
    journal = running.journal_path
    journal.unlink()

    running.table(*P).insert({"shown": 6})

    assert journal.is_file() and mode(journal) == 0o600
    with Workspace.open(running.data_dir) as reader:  # what a kill -9 now would leave
        assert sorted(d["shown"] for d in reader.table(*P) if "shown" in d) == list(range(7))


def test_a_replaced_journal_stops_the_writer_instead_of_writing_into_the_void(
    running: Workspace,
) -> None:
    journal = running.journal_path
    replacement = journal.with_name("other")
    replacement.write_bytes(journal_file.encode({"journal": 1, "base": 0}))
    replacement.replace(journal)
    before = journal.read_bytes()

    with pytest.raises(StoreWriteFailed) as raised:
        running.table(*P).insert({"shown": 6})

    assert journal.read_bytes() == before
    assert "quit Prospect" in str(raised.value)
    assert len(running.table(*P).search(lambda d: "shown" in d)) == 6  # taken back in memory
    running.close()  # the fold keeps everything the screen showed
    with Workspace.open(running.data_dir) as reader:
        assert sorted(d["shown"] for d in reader.table(*P) if "shown" in d) == list(range(6))


# -- 16. an unusable folder is one sentence, exit 2 ----------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ("sample",),
        ("export", "prospects"),
        ("review", "--format", "json"),
        ("restore",),
    ],
)
def test_prospect_home_that_is_a_file(
    capsys: pytest.CaptureFixture[str], home: Path, argv: tuple[str]
) -> None:
    home.write_bytes(b"not a folder")

    line = refused(capsys, *argv)

    assert f"{home} is a file, not a folder" in line
    assert home.read_bytes() == b"not a folder"


def test_a_full_disk_on_a_new_workspace(
    capsys: pytest.CaptureFixture[str], home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", full)
    line = refused(capsys, "sample")
    monkeypatch.undo()

    assert "disk is full" in line
    assert not home.exists()  # nothing changed: not even an empty folder is left


def test_a_full_disk_writing_the_first_journal(
    capsys: pytest.CaptureFixture[str], home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_fsync = os.fsync

    def full(fd: int) -> None:
        if os.fstat(fd).st_size:  # the pid is written; the journal's header cannot be
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", full)
    line = refused(capsys, "sample")
    monkeypatch.undo()

    assert "disk is full" in line
    assert not home.exists()


def deny_writes_under(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``folder`` behave as read-only, as it would for anyone but root."""
    real_open, real_mkdir = os.open, os.mkdir
    writing = os.O_WRONLY | os.O_RDWR | os.O_CREAT

    def under(path: Any) -> bool:
        return Path(os.fsdecode(path)).is_relative_to(folder)

    def guarded_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & writing and under(path):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fsdecode(path))
        return real_open(path, flags, *args, **kwargs)

    def guarded_mkdir(path: Any, *args: Any, **kwargs: Any) -> None:
        if under(path):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fsdecode(path))
        real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded_open)
    monkeypatch.setattr(os, "mkdir", guarded_mkdir)


def test_a_read_only_folder_is_one_sentence(
    capsys: pytest.CaptureFixture[str], home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home.mkdir()
    deny_writes_under(home, monkeypatch)

    line = refused(capsys, "sample")
    monkeypatch.undo()

    assert "Permission denied" in line and str(home) in line
    assert list(home.iterdir()) == []


def test_read_only_files_are_one_sentence(
    capsys: pytest.CaptureFixture[str],
    sample_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    csv = tmp_path / "new.csv"
    csv.write_text("first_name,last_name,phone\nNew,Person,+14155550199\n")
    with Workspace.open(sample_home, write=True) as ws:
        ws.table(*P).insert({"priority": 1})  # a valid prospect: the import reads them all
        ws.close(fold=False)
    before = snapshot(sample_home)
    deny_writes_under(sample_home, monkeypatch)

    line = refused(capsys, "import", str(csv))
    monkeypatch.undo()

    assert "Permission denied" in line
    assert snapshot(sample_home) == before


# -- 17. folders the user made read-only stay so; crash leftovers go -----------------------


def test_a_folder_the_user_made_read_only_stays_read_only(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    home.mkdir()
    home.chmod(0o555)

    code, _, err = run(capsys, "sample", "--prospects", "5")

    if os.geteuid() == 0:  # root writes anyway; the folder must still not be chmodded
        assert code == 0, err
    else:
        assert code == 2 and len(err.splitlines()) == 1
    assert mode(home) == 0o555
    home.chmod(0o700)


def test_temporary_files_left_by_a_crash_are_removed_by_the_next_writer(
    home: Path, clock: ManualClock
) -> None:
    fill_sample(home, clock, prospects=10, calls=20)
    stale = [
        home / ".prospects.json.4242.tmp",
        home / ".journal.jsonl.0123456789abcdef.tmp",
        home / "calls" / ".2026-11.json.fedcba9876543210.tmp",
    ]
    for path in stale:
        path.write_bytes(b"half written")
    mine = home / "notes.tmp"
    mine.write_bytes(b"the user's")

    Workspace.open(home).close()  # a reader never removes anything
    assert all(path.exists() for path in stale)
    Workspace.open(home, write=True).close()

    assert not any(path.exists() for path in stale)
    assert mine.read_bytes() == b"the user's"
