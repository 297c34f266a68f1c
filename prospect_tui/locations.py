"""Where Prospect keeps its files.

``PROSPECT_HOME`` puts data and config in one folder (tests and scripts
always set it); otherwise the platform's user data and config folders.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

HOME_VARIABLE = "PROSPECT_HOME"
APP_NAME = "prospect"
LOG_FILE = "prospect.log"


@dataclass(frozen=True, slots=True)
class Locations:
    """The folders of one workspace."""

    data_dir: Path
    """The store, its journal, backups and the lock."""
    config_dir: Path
    """``config.toml``."""

    @property
    def config_file(self) -> Path:
        """The user's ``config.toml``."""
        return self.config_dir / "config.toml"

    @property
    def log_file(self) -> Path:
        """Where a bug's traceback is kept for a report."""
        return self.data_dir / LOG_FILE


def locations(environ: dict[str, str] | None = None) -> Locations:
    """The folders to use, honouring ``PROSPECT_HOME``."""
    env = os.environ if environ is None else environ
    home = env.get(HOME_VARIABLE, "").strip()
    if home:
        root = Path(home).expanduser()
        return Locations(data_dir=root, config_dir=root)
    import platformdirs  # imported here: only needed without PROSPECT_HOME

    return Locations(
        data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
    )
