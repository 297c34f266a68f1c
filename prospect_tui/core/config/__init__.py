"""``config.toml``: typed settings, every key optional, every bad value named.

The schema (:mod:`.schema`) holds each setting's default, range and help; the
reader (:mod:`.reader`) turns a file into a :class:`Config`, section by
section, checking each value (:mod:`.values`) or raising a :class:`ConfigError`
that names the key and its line (:mod:`.lines`), e.g. ``config.toml
line 7: [sprint] minutes must be a whole number from 1 to 180, not "abc".``
"""

from prospect_tui.core.config.reader import load_config, parse_config
from prospect_tui.core.config.schema import (
    CONFIG_FILE,
    Block,
    CallingSettings,
    Config,
    ConfigError,
    DaySettings,
    ExperimentSettings,
    GoalSettings,
    NotifySettings,
    Objection,
    SprintSettings,
    TimeWindow,
    Variant,
)

__all__ = [
    "CONFIG_FILE",
    "Block",
    "CallingSettings",
    "Config",
    "ConfigError",
    "DaySettings",
    "ExperimentSettings",
    "GoalSettings",
    "NotifySettings",
    "Objection",
    "SprintSettings",
    "TimeWindow",
    "Variant",
    "load_config",
    "parse_config",
]
