"""The child process that sends one notification through plyer.

``python -m prospect_tui.notify.plyer_child TITLE MESSAGE`` runs with every
standard stream pointed at ``/dev/null``. Two reasons: Textual draws the
screen on stderr, which plyer's ``notify-send`` backend inherits and would
scribble on when no notification service answers; and plyer discards
``notify-send``'s exit status, which this process recovers so the app knows to
try the next route. The text arrives as arguments, never through a shell.
"""

from __future__ import annotations

import html
import os
import subprocess
import sys

APP_NAME = "Prospect"


def in_flatpak() -> bool:
    """Whether plyer will use the Flatpak portal (it does when ``/app`` exists)."""
    return os.path.isdir("/app")


def body_for(message: str) -> str:
    """The notification body that shows ``message`` as written on this desktop.

    A freedesktop notification service (what plyer talks to on Linux, through
    notify-send or dbus-python) reads the body as markup: ``<b>`` turns bold
    and a bare ``&`` can blank the whole body. The Flatpak portal pastes the
    text into a GVariant literal, where a straight quote would end it. macOS
    and Windows take plain text.
    """
    if not sys.platform.startswith("linux"):
        return message
    if in_flatpak():
        return message.replace("'", "’")
    return html.escape(message, quote=False)


def main(argv: list[str]) -> int:
    """One notification through plyer; exit 1 if it did not go out."""
    title, message = argv[:2]
    exit_codes: list[int] = []
    real_call = subprocess.call

    def call(*args: object, **kwargs: object) -> int:
        code = real_call(*args, **kwargs)  # type: ignore[arg-type]
        exit_codes.append(code)
        return code

    subprocess.call = call  # type: ignore[assignment]  # plyer drops notify-send's status
    try:
        from plyer import notification

        notification.notify(
            title=title.replace("'", "’") if in_flatpak() else title,
            message=body_for(message),
            app_name=APP_NAME,
            timeout=10,
        )
    except Exception:  # noqa: BLE001 - any failure means "try the next route", said by the exit status
        return 1
    return 1 if any(exit_codes) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
