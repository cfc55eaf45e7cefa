"""A fake ESC/POS printer for tests: answers DLE EOT like a real one, over TCP
(network printer, or a serial printer via ``socket://``) or a pty."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable

OK = 0x12


class Responder:
    """Collects what is printed and answers DLE EOT n with the status bits set."""

    def __init__(self) -> None:
        self.received = bytearray()
        self.printer, self.cause, self.paper = OK, OK, OK
        self.silent = False
        self._tail = b""

    def paper_out(self) -> None:
        self.printer, self.cause, self.paper = OK | 0x08, OK | 0x20, OK | 0x60

    def paper_loaded(self) -> None:
        self.printer, self.cause, self.paper = OK, OK, OK

    def feed(self, chunk: bytes) -> bytes:
        self.received += chunk
        data, replies = self._tail + chunk, bytearray()
        i = 0
        while (i := data.find(b"\x10\x04", i)) != -1 and i + 2 < len(data):
            n = data[i + 2]
            replies += bytes([{1: self.printer, 2: self.cause, 4: self.paper}.get(n, OK)])
            i += 3
        self._tail = data[-2:]
        return b"" if self.silent else bytes(replies)


class TcpPrinter:
    """A network printer on 127.0.0.1; ``blackhole`` accepts and never reads."""

    def __init__(self, *, blackhole: bool = False) -> None:
        self.responder = Responder()
        self.blackhole = blackhole
        self.server = socket.socket()
        if blackhole:  # a tiny receive window: writes stall once it is full
            self.server.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(4)
        self.port = self.server.getsockname()[1]
        self.drop_after: int | None = None  # close the connection after this many bytes
        self._conns: list[socket.socket] = []
        self._stop = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            self._conns.append(conn)
            if not self.blackhole:
                threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        seen = 0
        while True:
            try:
                chunk = conn.recv(4096)
            except OSError:
                return
            if not chunk:
                return
            seen += len(chunk)
            if self.drop_after is not None and seen >= self.drop_after:
                conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                conn.close()  # RST: the cable pulled mid-ticket
                self.drop_after = None
                return
            reply = self.responder.feed(chunk)
            if reply:
                conn.sendall(reply)

    def close(self) -> None:
        self._stop.set()
        self.server.close()
        for c in self._conns:
            c.close()


class PtyPrinter:
    """The printer end of a socat pty pair: reads the port and answers."""

    def __init__(self, path: str) -> None:
        import serial

        self.responder = Responder()
        self.on_data: Callable[[], None] | None = None  # e.g. kill socat: the cable pulled mid-ticket
        self.port = serial.serial_for_url(path, timeout=0.05)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                chunk = self.port.read(4096)
            except Exception:
                return
            if chunk and self.on_data is not None and b"\x1b@" in chunk:
                self.on_data()
                return
            reply = self.responder.feed(chunk) if chunk else b""
            if reply:
                self.port.write(reply)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(1)
        self.port.close()
