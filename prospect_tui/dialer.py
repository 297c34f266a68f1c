"""``t`` in a sprint: hand the number to the desktop's ``tel:`` handler, if there is one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from prospect_tui.core.phones import for_reading, is_e164


def _command(url: str) -> list[str] | None:
    if sys.platform == "darwin":
        return ["open", url]
    opener = shutil.which("xdg-open")
    return [opener, url] if opener else None


def dial(phone: str) -> str | None:
    """Open ``tel:<phone>``; returns a sentence for the user when that was not possible."""
    if not is_e164(phone):
        return f"{phone} is not a number a dialer can take; dial it by hand."
    url = f"tel:{phone}"
    readable = for_reading(phone)
    if os.name == "nt":  # pragma: no cover - Windows
        try:
            os.startfile(url)  # type: ignore[attr-defined]
        except OSError:
            return f"No app is set up for tel: links; dial {readable} by hand."
        return None
    command = _command(url)
    if command is None:
        return f"No tel: handler here (xdg-open is missing); dial {readable} by hand."
    try:
        result = subprocess.run(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return f"The tel: handler did not answer; dial {readable} by hand."
    if result.returncode != 0:
        return f"No app is set up for tel: links; dial {readable} by hand."
    return None
