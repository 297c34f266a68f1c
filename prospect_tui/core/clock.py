"""The one place that asks the operating system what time it is.

Everything else is handed a :class:`Clock` and asks it. Tests hand in a
:class:`ManualClock` and move it forward instead of sleeping; the app hands in
a :class:`SystemClock`. Timers store the instant they end and show
``end - clock.now()``, so a suspended laptop shows the true time on return.
"""

from __future__ import annotations

import io
import re
import struct
import time
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


class Clock(Protocol):
    """Tells the current instant in the user's time zone."""

    @property
    def tz(self) -> tzinfo:
        """The user's time zone: days and hours of the review follow it."""
        ...

    def now(self) -> datetime:
        """The current instant, timezone-aware, in :attr:`tz`."""
        ...

    def monotonic(self) -> float:
        """Seconds on a clock that stops while the machine sleeps and is never set.

        Beside :meth:`now` it tells a sleep from time that really ran: across a
        suspend the wall clock jumps and this one does not.
        """
        ...


def system_timezone() -> tzinfo:
    """The machine's local zone, with its daylight-saving rules where they can be found.

    ``TZ`` wins, as it does for every program: an IANA name (``Europe/Paris``,
    ``:Europe/Paris``), a zone file's path, or a POSIX rule such as
    ``UTC-14`` (fourteen hours *ahead* of UTC: POSIX counts west) or
    ``CET-1CEST,M3.5.0,M10.5.0/3``. Without ``TZ``, ``/etc/localtime``. The C
    library's current offset is the last resort (days then still have the
    right length, only DST changes are lost).
    """
    import os

    value = os.environ.get("TZ", "")
    if value:
        zone = zone_from_tz(value)
        if zone is not None:
            return zone
    else:
        try:
            target = os.path.realpath("/etc/localtime")
            marker = "zoneinfo/"
            if marker in target:
                return ZoneInfo(target.split(marker, 1)[1])
        except (OSError, ZoneInfoNotFoundError, ValueError):
            pass
    local = datetime.now(UTC).astimezone().tzinfo
    return local if local is not None else UTC


# Where a POSIX rule names a summer time but not when it applies, the C library
# takes the US rules (its "posixrules" default); so does Prospect.
_DEFAULT_DST_RULE = ",M3.2.0,M11.1.0"
_POSIX_DST_WITHOUT_RULE = re.compile(
    r"^(?:[A-Za-z]{3,}|<[^>]+>)[-+]?[\d:]+(?:[A-Za-z]{3,}|<[^>]+>)[-+\d:]*$"
)


def zone_from_tz(value: str) -> tzinfo | None:
    """The zone a ``TZ`` value names, or None if it names none.

    zoneinfo does not read POSIX rules by name, but a compiled zone file ends
    with one for the times after its last transition: a zone file with no
    transitions and ``value`` as that footer is exactly the POSIX zone.
    """
    name = value[1:] if value.startswith(":") else value
    if not name:
        return None
    try:
        if name.startswith("/"):
            with open(name, "rb") as file:
                return ZoneInfo.from_file(file, key=name)
        return ZoneInfo(name)
    except (OSError, ZoneInfoNotFoundError, ValueError):
        pass
    if _POSIX_DST_WITHOUT_RULE.match(name):
        name += _DEFAULT_DST_RULE
    try:
        return ZoneInfo.from_file(io.BytesIO(_posix_tzif(name)), key=value)
    except ValueError:
        return None


def _posix_tzif(rule: str) -> bytes:
    """A version-2 zone file (RFC 8536) with no transitions and ``rule`` as its footer."""
    # Counts: isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt. One local
    # time type (UTC, abbreviation "") that the footer overrides for every instant.
    block = b"TZif2" + bytes(15) + struct.pack(">6l", 0, 0, 0, 0, 1, 1)
    block += struct.pack(">lBB", 0, 0, 0) + b"\0"
    return block + block + b"\n" + rule.encode("ascii", "replace") + b"\n"


class SystemClock:
    """The real clock, reporting instants in the user's zone."""

    def __init__(self, tz: tzinfo | None = None) -> None:
        self._tz = tz if tz is not None else system_timezone()

    @classmethod
    def in_zone(cls, name: str | None) -> SystemClock:
        """The clock in the IANA zone ``name`` (``[days] timezone``), or the machine's."""
        return cls(ZoneInfo(name) if name else None)

    @property
    def tz(self) -> tzinfo:
        return self._tz

    def now(self) -> datetime:
        return datetime.now(self._tz)

    def monotonic(self) -> float:
        # CLOCK_MONOTONIC on Linux, mach_absolute_time on macOS: neither counts a suspend.
        return time.monotonic()


class ManualClock:
    """A clock that only moves when told to: for tests, screenshots, benchmarks."""

    def __init__(self, start: datetime, tz: tzinfo | None = None) -> None:
        if start.tzinfo is None:
            raise ValueError("ManualClock needs a timezone-aware start instant")
        self._tz = tz if tz is not None else start.tzinfo
        self._now = start.astimezone(self._tz)
        self._awake = 0.0

    @property
    def tz(self) -> tzinfo:
        return self._tz

    def now(self) -> datetime:
        return self._now

    def monotonic(self) -> float:
        return self._awake

    def advance(self, **delta: float) -> datetime:
        """Move forward by ``timedelta(**delta)``, e.g. ``advance(minutes=5)``, awake."""
        step = timedelta(**delta)
        self._now = shift(self._now, step)
        self._awake += max(step.total_seconds(), 0.0)
        return self._now

    def sleep(self, **delta: float) -> datetime:
        """Move forward as a suspended machine does: the wall clock only."""
        self._now = shift(self._now, timedelta(**delta))
        return self._now

    def set(self, instant: datetime) -> None:
        """Jump to ``instant`` (which may be in any zone), as a wall clock set by hand."""
        self._now = instant.astimezone(self._tz)


def shift(instant: datetime, delta: timedelta) -> datetime:
    """``instant + delta`` in elapsed time, in ``instant``'s zone.

    Python adds to an aware datetime on its wall clock, so 25 minutes from
    01:50 on the night clocks go back would land an hour off; this adds in UTC.
    """
    return (instant.astimezone(UTC) + delta).astimezone(instant.tzinfo)


def between(start: datetime, end: datetime) -> timedelta:
    """Elapsed time from ``start`` to ``end``, right across daylight-saving changes.

    Two datetimes sharing one ``ZoneInfo`` subtract as wall clocks in Python;
    converting to UTC first subtracts instants.
    """
    return end.astimezone(UTC) - start.astimezone(UTC)
