"""Saving config.toml: checked first, atomic, 0600, never through a link, never over an edit."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from prospect_tui.core.config import ConfigError
from prospect_tui.sample.data import sample_config_toml
from prospect_tui.store.config_file import (
    merge_into_config,
    read_config_text,
    save_config_text,
)


def test_a_saved_config_is_private_and_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "new" / "config.toml"
    config = save_config_text(path, "[goal]\nsprints = 3\n", expected="")
    assert config.goal.sprints == 3
    assert read_config_text(path) == "[goal]\nsprints = 3\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["config.toml"]  # no temporary left


def test_a_text_that_does_not_read_is_never_written(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[goal]\nsprints = 2\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"line 2: \[goal\] sprints must be a whole number"):
        save_config_text(path, "[goal]\nsprints = 0\n")
    assert path.read_text(encoding="utf-8") == "[goal]\nsprints = 2\n"


def test_a_file_edited_meanwhile_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[goal]\nsprints = 4  # edited by hand\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="changed by something else"):
        save_config_text(path, "[goal]\nsprints = 3\n", expected="[goal]\nsprints = 2\n")
    assert "edited by hand" in path.read_text(encoding="utf-8")


def test_a_link_is_neither_followed_nor_replaced(tmp_path: Path) -> None:
    target = tmp_path / "dotfiles.toml"
    target.write_text("[goal]\nsprints = 2\n", encoding="utf-8")
    path = tmp_path / "config.toml"
    path.symlink_to(target)
    with pytest.raises(ConfigError, match="symbolic link"):
        read_config_text(path)
    with pytest.raises(ConfigError, match="symbolic link"):
        save_config_text(path, "[goal]\nsprints = 3\n")
    with pytest.raises(ConfigError, match="symbolic link"):
        merge_into_config(path, sample_config_toml())
    assert os.path.islink(path)
    assert target.read_text(encoding="utf-8") == "[goal]\nsprints = 2\n"


def test_the_sample_merges_into_an_existing_config(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("# mine\n[goal]\nsprints = 5\n", encoding="utf-8")
    config = merge_into_config(path, sample_config_toml())
    assert config.goal.sprints == 5 and config.goal.dials == 30
    assert config.blocks and config.activities and config.variants
    assert path.read_text(encoding="utf-8").startswith("# mine\n[goal]\nsprints = 5\n")
    again = path.read_text(encoding="utf-8")
    merge_into_config(path, sample_config_toml())  # nothing left to add: the file stays
    assert path.read_text(encoding="utf-8") == again
