"""Message gateways: the bank's SMS platform over HTTP, and a recording double.

A gateway sends one message or raises ``SendFailed`` (``retry`` says whether
trying again later may help). Every message carries its stable id: the HTTP
adapter sends it as the ``Idempotency-Key`` header (and as ``{message_id}``
in the body, if the template asks), so a platform that deduplicates turns a
resend after a crash into nothing. A platform that does not deduplicate may
receive a message twice after a crash between its answer and our record of
it: delivery is at least once (settled question 10, docs/notifications.md).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlencode

from app.errors import InvalidInput

log = logging.getLogger("branchdesk.notify")


@dataclass(frozen=True)
class Outgoing:
    message_id: str  # the outbox row's uuid: the idempotency key
    phone: str
    text: str
    kind: str  # ahead / called / broadcast
    branch: str = ""


class SendFailed(Exception):
    """One failed send: ``code`` names it (timeout, connection, http_503...), ``retry`` whether to try again."""

    def __init__(self, code: str, retry: bool, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code, self.retry, self.detail = code, retry, detail


class Gateway(Protocol):
    def send(self, msg: Outgoing) -> None: ...

    def close(self) -> None: ...


class RecordingGateway:
    """Records what would be sent (tests, the demo); optionally one JSON line per
    message in ``path``, with the phone number masked (the file is not sealed)."""

    def __init__(self, path: Path | None = None) -> None:
        self.sent: list[Outgoing] = []
        self.path = path
        self._lock = threading.Lock()

    def send(self, msg: Outgoing) -> None:
        with self._lock:
            self.sent.append(msg)
            if self.path is not None:
                from app.privacy.masking import mask_phone

                line = {**msg.__dict__, "phone": mask_phone(msg.phone)}
                with self.path.open("a", encoding="utf-8") as fh:
                    fh.write(json.dumps(line, ensure_ascii=False) + "\n")

    def close(self) -> None:
        pass


class HttpGateway:
    """POSTs each message to the platform's address, as JSON or a web form built
    from the template, signed with HMAC-SHA256 of the body when a secret is set."""

    def __init__(self, url: str, *, template: dict[str, str], fmt: str = "json", signature_header: str = "",
                 secret: bytes | None = None, timeout_s: float = 5.0, connections: int = 16) -> None:
        import httpx

        if not url:
            raise InvalidInput("Set notify.http_url: the SMS platform's address.", field="notify.http_url")
        self.url, self.template, self.fmt = url, dict(template), fmt
        self.signature_header, self.secret = signature_header, secret
        self.client = httpx.Client(timeout=timeout_s, limits=httpx.Limits(max_connections=connections,
                                                                           max_keepalive_connections=connections))

    def body(self, msg: Outgoing) -> tuple[bytes, str]:
        values = {"phone": msg.phone, "text": msg.text, "message_id": msg.message_id, "kind": msg.kind,
                  "branch": msg.branch}
        fields = {k: v.format(**values) for k, v in self.template.items()}
        if self.fmt == "form":
            return urlencode(fields).encode(), "application/x-www-form-urlencoded"
        return json.dumps(fields, ensure_ascii=False).encode(), "application/json; charset=utf-8"

    def headers(self, msg: Outgoing, body: bytes, content_type: str) -> dict[str, str]:
        headers = {"Content-Type": content_type, "Idempotency-Key": msg.message_id}
        if self.secret and self.signature_header:
            headers[self.signature_header] = hmac.new(self.secret, body, hashlib.sha256).hexdigest()
        return headers

    def send(self, msg: Outgoing) -> None:
        import httpx

        body, content_type = self.body(msg)
        try:
            r = self.client.post(self.url, content=body, headers=self.headers(msg, body, content_type))
        except httpx.TimeoutException as exc:
            raise SendFailed("timeout", True, str(exc)) from None
        except httpx.HTTPError as exc:
            raise SendFailed("connection", True, exc.__class__.__name__) from None
        if 200 <= r.status_code < 300:
            return
        retry = r.status_code in (408, 425, 429) or r.status_code >= 500
        raise SendFailed(f"http_{r.status_code}", retry, r.text[:100])

    def close(self) -> None:
        self.client.close()


def read_secret(path: str) -> bytes | None:
    """The signing secret from its file (None when no file is set)."""
    if not path:
        return None
    try:
        return Path(path).expanduser().read_bytes().strip() or None
    except OSError as exc:
        raise InvalidInput(f"Cannot read the signing secret file {path}: {exc.strerror}.",
                           field="notify.http_secret_file") from None


def build_gateway(settings: dict[str, Any]) -> Gateway | None:
    """The gateway the settings describe (None: messages are not sent)."""
    kind = settings.get("notify.gateway", "none")
    if kind == "recording":
        from app.paths import folders

        try:
            path: Path | None = folders().data / "messages.jsonl"
        except Exception:  # no data folder here: recorded in memory only
            path = None
        return RecordingGateway(path)
    if kind == "http":
        return HttpGateway(str(settings.get("notify.http_url") or ""),
                           template=dict(settings.get("notify.http_template") or {}),
                           fmt=str(settings.get("notify.http_format") or "json"),
                           signature_header=str(settings.get("notify.http_signature_header") or ""),
                           secret=read_secret(str(settings.get("notify.http_secret_file") or "")),
                           timeout_s=float(settings.get("notify.http_timeout_s") or 5.0))
    return None
