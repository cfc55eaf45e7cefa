"""Real HTTP servers on 127.0.0.1 for tests and benchmarks: any ASGI app under
uvicorn in a thread, and a fake SMS platform (the bank's, as the HTTP
adapter meets it: it answers, refuses, goes down, deduplicates when told)."""

from __future__ import annotations

import hashlib
import hmac
import json
import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerThread:
    """``with ServerThread(app) as srv: srv.url`` - uvicorn serving ``app`` until the block ends."""

    def __init__(self, app: Any, port: int | None = None) -> None:
        self.port = port or free_port()
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="error",
                                                    lifespan="off", access_log=False))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> ServerThread:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)

    def __enter__(self) -> ServerThread:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


@dataclass
class FakeSms:
    """The SMS platform: ``received`` holds what it accepted (after dedupe),
    ``requests`` every request; ``down`` answers 503, ``refuse`` 400;
    ``dedupe`` drops a repeated Idempotency-Key as already sent."""

    secret: bytes | None = None
    dedupe: bool = False
    down: bool = False
    refuse: bool = False
    received: list[dict[str, Any]] = field(default_factory=list)
    requests: int = 0
    bad_signatures: int = 0
    _keys: set[str] = field(default_factory=set)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def app(self) -> Starlette:
        async def send(request: Request) -> Response:
            body = await request.body()
            with self._lock:
                self.requests += 1
                if self.down:
                    return JSONResponse({"error": "maintenance"}, status_code=503)
                if self.secret is not None:
                    want = hmac.new(self.secret, body, hashlib.sha256).hexdigest()
                    if request.headers.get("x-branchdesk-signature") != want:
                        self.bad_signatures += 1
                        return JSONResponse({"error": "signature"}, status_code=401)
                if self.refuse:
                    return JSONResponse({"error": "invalid number"}, status_code=400)
                key = request.headers.get("idempotency-key", "")
                if self.dedupe and key in self._keys:
                    return JSONResponse({"status": "duplicate"})
                self._keys.add(key)
                fields = json.loads(body) if body.startswith(b"{") else dict(
                    x.split("=", 1) for x in body.decode().split("&"))
                self.received.append({"key": key, **fields})
            return JSONResponse({"status": "queued"})

        return Starlette(routes=[Route("/sms", send, methods=["POST"])])

    def texts_to(self, phone: str) -> list[str]:
        with self._lock:
            return [r.get("text", "") for r in self.received if r.get("phone") == phone]
