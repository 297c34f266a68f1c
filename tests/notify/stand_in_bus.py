"""A private session bus with a desktop notification service on it, in pure Python.

The notification tests need what a desktop has: a D-Bus session bus and,
on it, ``org.freedesktop.Notifications``. A real one (``dbus-run-session``
and a daemon) needs system packages; this stand-in needs only jeepney, which
the test extra installs. It listens on a Unix socket, answers the bus's own
methods that clients call (``Hello``, ``AddMatch``, ``GetNameOwner``…), and
plays the notification service itself, recording every ``Notify`` it is
sent. Whatever the machine sends notifications with — ``notify-send``
(GLib's D-Bus), dbus-python or Prospect's own jeepney client — reaches it
the same way it would reach a desktop.

It is one bus with a single service on it, not a message router: a client
can call the bus and the service, nothing else.
"""

from __future__ import annotations

import os
import socket
import threading
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from jeepney import HeaderFields, Message, MessageType, new_error, new_method_return
from jeepney.low_level import Parser

BUS = "org.freedesktop.DBus"
SERVICE = "org.freedesktop.Notifications"
SERVICE_OWNER = ":1.0"


@dataclass(frozen=True)
class Received:
    """One notification, as the service was sent it."""

    app: str
    summary: str
    body: str


@dataclass
class StandInSessionBus:
    """``with StandInSessionBus(folder) as bus:`` — ``bus.address`` is the session bus."""

    folder: Path
    markup: bool = True
    """Whether the service says it reads the body as markup (GNOME, KDE, dunst and mako do)."""
    received: list[Received] = field(default_factory=list)
    _clients: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.path = self.folder / "bus"
        self.address = f"unix:path={self.path}"
        self._guid = uuid.uuid4().hex
        self._listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)

    def __enter__(self) -> StandInSessionBus:
        self._listener.bind(os.fspath(self.path))
        self._listener.listen()
        threading.Thread(target=self._accept, daemon=True, name="stand-in-bus").start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._listener.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return  # closed
            with self._lock:
                self._clients += 1
                name = f":1.{self._clients}"
            threading.Thread(target=self._serve, args=(client, name), daemon=True).start()

    # -- one client ------------------------------------------------------------------

    def _serve(self, client: socket.socket, name: str) -> None:
        with client:
            try:
                rest = self._authenticate(client)
                if rest is None:
                    return
                parser = Parser()
                serial = 0
                data = rest
                while True:
                    for message in parser.feed(data):
                        for reply in self._answer(message, name):
                            serial += 1
                            client.sendall(reply.serialise(serial=serial))
                    data = client.recv(65536)
                    if not data:
                        return
            except OSError:
                return

    def _authenticate(self, client: socket.socket) -> bytes | None:
        """The SASL exchange before the binary protocol; returns the bytes after BEGIN."""
        buffer = b""
        while True:
            while b"\r\n" not in buffer:
                chunk = client.recv(4096)
                if not chunk:
                    return None
                buffer += chunk
            line, buffer = buffer.split(b"\r\n", 1)
            line = line.lstrip(b"\0")  # the credentials byte sent before the first line
            command, *args = line.decode("ascii", "replace").split(" ")
            if command == "AUTH" and args and args[0] in ("EXTERNAL", "ANONYMOUS"):
                # Without an initial response (GLib sends none) the client waits for DATA.
                answer = f"OK {self._guid}" if len(args) > 1 else "DATA"
            elif command == "DATA":
                answer = f"OK {self._guid}"
            elif command == "AUTH":
                answer = "REJECTED EXTERNAL ANONYMOUS"
            elif command == "NEGOTIATE_UNIX_FD":
                answer = "ERROR no file descriptors on this bus"
            elif command == "BEGIN":
                return buffer
            else:
                answer = "ERROR"
            client.sendall(answer.encode("ascii") + b"\r\n")

    def _answer(self, message: Message, name: str) -> list[Message]:
        header = message.header
        if header.message_type != MessageType.method_call:
            return []
        member = header.fields.get(HeaderFields.member)
        if header.fields.get(HeaderFields.destination) == BUS:
            return [_from(BUS, name, self._bus_method(message, member, name))]
        return [_from(SERVICE_OWNER, name, self._service_method(message, member))]

    def _bus_method(self, message: Message, member: object, name: str) -> Message:
        body = message.body
        if member == "Hello":
            return new_method_return(message, "s", (name,))
        if member in ("AddMatch", "RemoveMatch"):
            return new_method_return(message)
        if member == "GetNameOwner":
            if body[0] in (SERVICE, SERVICE_OWNER):
                return new_method_return(message, "s", (SERVICE_OWNER,))
            return new_error(message, f"{BUS}.Error.NameHasNoOwner", "s", ("no such name",))
        if member == "NameHasOwner":
            return new_method_return(message, "b", (body[0] in (SERVICE, SERVICE_OWNER),))
        if member == "StartServiceByName":
            return new_method_return(message, "u", (2,))  # already running
        if member == "GetId":
            return new_method_return(message, "s", (self._guid,))
        if member == "ListNames":
            return new_method_return(message, "as", ([BUS, SERVICE, SERVICE_OWNER, name],))
        return new_error(message, f"{BUS}.Error.UnknownMethod", "s", (str(member),))

    def _service_method(self, message: Message, member: object) -> Message:
        if member == "Notify":
            app, _replaces, _icon, summary, body, *_ = message.body
            with self._lock:
                self.received.append(Received(app, summary, body))
                number = len(self.received)
            return new_method_return(message, "u", (number,))
        if member == "GetServerInformation":
            return new_method_return(message, "ssss", ("stand-in", "tests", "1", "1.2"))
        if member == "GetCapabilities":
            capabilities = ["body", "body-markup"] if self.markup else ["body"]
            return new_method_return(message, "as", (capabilities,))
        if member == "CloseNotification":
            return new_method_return(message)
        return new_error(message, f"{BUS}.Error.UnknownMethod", "s", (str(member),))


def _from(sender: str, destination: str, reply: Message) -> Message:
    """A reply as the bus delivers it: from its sender, to the client that asked."""
    reply.header.fields[HeaderFields.sender] = sender
    reply.header.fields[HeaderFields.destination] = destination
    return reply
