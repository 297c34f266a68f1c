"""A stand-in for a desktop's notification service, on a private session bus.

Owns ``org.freedesktop.Notifications`` (what ``notify-send`` and every desktop
notification library talk to) and appends each notification it receives to a
JSON-lines file. Started by the notification tests inside ``dbus-run-session``.
"""

from __future__ import annotations

import json
import sys

from jeepney import HeaderFields, MessageType, new_error, new_method_return
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import open_dbus_connection

NAME = "org.freedesktop.Notifications"


def serve(record: str, ready: str) -> None:
    """Answer notification calls until killed, recording each Notify."""
    connection = open_dbus_connection(bus="SESSION")
    connection.send_and_get_reply(message_bus.RequestName(NAME))
    with open(ready, "w", encoding="utf-8") as flag:
        flag.write("ready\n")
    sent = 0
    while True:
        message = connection.receive()
        if message.header.message_type != MessageType.method_call:
            continue
        member = message.header.fields.get(HeaderFields.member)
        if member == "Notify":
            app, _, _, summary, body, *_ = message.body
            sent += 1
            with open(record, "a", encoding="utf-8") as out:
                out.write(json.dumps({"app": app, "summary": summary, "body": body}) + "\n")
            connection.send(new_method_return(message, "u", (sent,)))
        elif member == "GetServerInformation":
            connection.send(new_method_return(message, "ssss", ("fake", "tests", "1", "1.2")))
        elif member == "GetCapabilities":
            # Like GNOME, KDE, dunst and mako: the body is read as markup.
            connection.send(new_method_return(message, "as", (["body", "body-markup"],)))
        else:
            connection.send(new_error(message, "org.freedesktop.DBus.Error.UnknownMethod"))


if __name__ == "__main__":
    serve(sys.argv[1], sys.argv[2])
