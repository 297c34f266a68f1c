"""A notification straight to the desktop's notification service, over the session bus.

Where plyer has nothing to send through (no ``notify-send``, no dbus-python:
the usual minimal Linux), the desktop's notification service is still on the
session bus under ``org.freedesktop.Notifications``. jeepney speaks D-Bus in
pure Python — no C library, no system package, no child process — so the
notification goes out from a thread of the app itself.

The body is escaped only when the service says it reads markup
(``body-markup`` among its capabilities): there ``<b>`` would turn bold and a
bare ``&`` can blank the whole body, elsewhere the escape would show.
"""

from __future__ import annotations

import html
import os
from collections.abc import Mapping

SERVICE = "org.freedesktop.Notifications"
OBJECT_PATH = "/org/freedesktop/Notifications"
EXPIRE_MS = 10_000


def session_bus_address(environ: Mapping[str, str]) -> str | None:
    """Where this session's bus listens, or None where there is none (SSH, a container)."""
    address = environ.get("DBUS_SESSION_BUS_ADDRESS", "").strip()
    if address:
        return address
    runtime = environ.get("XDG_RUNTIME_DIR", "")
    socket = os.path.join(runtime, "bus") if runtime else ""
    return f"unix:path={socket}" if socket and os.path.exists(socket) else None


def send_over_bus(address: str, app_name: str, title: str, message: str, *, timeout: float) -> None:
    """Show one notification; raises (OSError, a D-Bus error, a timeout) if it did not."""
    # Imported here: the app reads this module when it starts, and sends rarely.
    from jeepney import DBusAddress, new_method_call
    from jeepney.io.blocking import open_dbus_connection
    from jeepney.wrappers import unwrap_msg

    service = DBusAddress(OBJECT_PATH, bus_name=SERVICE, interface=SERVICE)
    connection = open_dbus_connection(bus=address, auth_timeout=timeout)
    try:
        reply = connection.send_and_get_reply(
            new_method_call(service, "GetCapabilities"), timeout=timeout
        )
        (capabilities,) = unwrap_msg(reply)
        body = html.escape(message, quote=False) if "body-markup" in capabilities else message
        notify = new_method_call(
            service,
            "Notify",
            "susssasa{sv}i",
            (app_name, 0, "", title, body, [], {}, EXPIRE_MS),
        )
        unwrap_msg(connection.send_and_get_reply(notify, timeout=timeout))  # an error reply raises
    finally:
        connection.close()
