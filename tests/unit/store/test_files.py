"""Store file operations: no links followed, unguessable temporary files, folders left as found."""

from __future__ import annotations

import errno
import os
import shutil
import stat
from pathlib import Path

import pytest

from prospect_tui.store.files import (
    TEMPORARY,
    atomic_write,
    open_private,
    private_dir,
    read_bytes,
    refuse_links,
    remove_temporaries,
    replace_file,
)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def test_private_dir_makes_missing_folders_0700(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        made = private_dir(tmp_path / "a" / "b")
    finally:
        os.umask(old)

    assert made == tmp_path / "a" / "b"
    assert mode(tmp_path / "a") == 0o700
    assert mode(tmp_path / "a" / "b") == 0o700


@pytest.mark.parametrize("shared", [0o1777, 0o2775, 0o500, 0o755])
def test_private_dir_never_changes_a_folder_it_did_not_make(tmp_path: Path, shared: int) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(shared)

    private_dir(folder)
    private_dir(folder / "inside")  # a new folder inside is made, the folder itself left

    assert mode(folder) == shared
    assert mode(folder / "inside") == 0o700


def test_atomic_write_leaves_an_existing_folder_as_it_was(tmp_path: Path) -> None:
    tmp_path.chmod(0o1777)

    atomic_write(tmp_path / "out.json", b"{}")

    assert mode(tmp_path) == 0o1777
    assert mode(tmp_path / "out.json") == 0o600


def test_replace_file_is_0600_and_makes_no_folder(tmp_path: Path) -> None:
    replace_file(tmp_path / "export.csv", b"a,b\r\n")

    assert (tmp_path / "export.csv").read_bytes() == b"a,b\r\n"
    assert mode(tmp_path / "export.csv") == 0o600
    with pytest.raises(FileNotFoundError):
        replace_file(tmp_path / "missing" / "export.csv", b"")
    assert not (tmp_path / "missing").exists()
    assert os.listdir(tmp_path) == ["export.csv"]


def test_a_planted_temporary_file_is_never_written_through(tmp_path: Path) -> None:
    """The old name ``.NAME.PID.tmp`` was predictable: a link planted there got the data."""
    victim = tmp_path / "victim"
    victim.write_bytes(b"precious")
    target = tmp_path / "out.json"
    (tmp_path / f".{target.name}.{os.getpid()}.tmp").symlink_to(victim)

    atomic_write(target, b"new")

    assert victim.read_bytes() == b"precious"
    assert target.read_bytes() == b"new"
    assert not target.is_symlink()


def test_temporary_names_are_unpredictable_and_match_the_cleanup_pattern(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []
    real_replace = os.replace

    def spy(source: str | Path, target: str | Path) -> None:
        seen.append(Path(source).name)
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", spy)
    for _ in range(2):
        atomic_write(tmp_path / "shard.json", b"{}")

    assert len(set(seen)) == 2
    assert all(TEMPORARY.match(name) and str(os.getpid()) not in name for name in seen)


def test_a_link_is_never_opened(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_bytes(b"precious")
    link = tmp_path / "journal.jsonl"
    link.symlink_to(victim)

    with pytest.raises(OSError) as reading:
        read_bytes(link)
    with pytest.raises(OSError) as writing:
        open_private(link, os.O_WRONLY | os.O_APPEND)

    assert reading.value.errno == writing.value.errno == errno.ELOOP
    assert reading.value.filename == str(link)
    assert victim.read_bytes() == b"precious"


def test_a_linked_folder_is_not_made_private(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o755)
    (tmp_path / "calls").symlink_to(elsewhere)

    assert private_dir(tmp_path / "calls") == tmp_path / "calls"
    assert mode(elsewhere) == 0o755


def test_private_dir_over_a_file_is_not_a_directory(tmp_path: Path) -> None:
    (tmp_path / "home").write_bytes(b"a file")

    with pytest.raises(NotADirectoryError):
        private_dir(tmp_path / "home")
    assert (tmp_path / "home").read_bytes() == b"a file"


@pytest.mark.parametrize(
    "link", ["calls", "journal.jsonl", "backups/prospects", "calls/2026-11.json"]
)
def test_refuse_links_finds_a_link_at_any_depth(tmp_path: Path, link: str) -> None:
    (tmp_path / "calls").mkdir()
    (tmp_path / "backups" / "activity").mkdir(parents=True)
    (tmp_path / "calls" / "2026-10.json").write_text("{}")
    refuse_links(tmp_path, ["calls", "journal.jsonl", "backups", "absent"])  # nothing linked yet

    target = tmp_path / "target"
    target.mkdir()
    (tmp_path / link).parent.mkdir(parents=True, exist_ok=True)
    if (tmp_path / link).is_dir():
        shutil.rmtree(tmp_path / link)
    (tmp_path / link).symlink_to(target)

    with pytest.raises(OSError) as raised:
        refuse_links(tmp_path, ["calls", "journal.jsonl", "backups"])
    assert raised.value.errno == errno.ELOOP
    assert raised.value.filename == str(tmp_path / link)


def test_remove_temporaries_takes_only_the_stores_temporary_files(tmp_path: Path) -> None:
    stale = [".prospects.json.1234.tmp", ".journal.jsonl.0123456789abcdef.tmp"]
    kept = ["prospects.json", "notes.tmp", ".hidden", ".x.json.ZZZ.tmp"]
    for name in stale + kept:
        (tmp_path / name).write_text("x")
    victim = tmp_path / "victim"
    victim.write_text("precious")
    (tmp_path / ".calls.json.4321.tmp").symlink_to(victim)

    removed = remove_temporaries(tmp_path)

    assert sorted(p.name for p in removed) == sorted(stale)
    assert sorted(os.listdir(tmp_path)) == sorted([*kept, "victim", ".calls.json.4321.tmp"])
    assert victim.read_text() == "precious"
    assert remove_temporaries(tmp_path / "absent") == []
