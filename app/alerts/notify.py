"""Alerts to a manager's phone: the seam for a notification gateway, and a
configured HTTP webhook until one exists.

A new alert is marked ``pending`` when a way out is configured; ``deliver_pending``
claims pending alerts (a lease, so two PCs never send one twice at once),
sends each and records ``sent``, or retries later (1, 2, 4, 8 minutes) and
records ``failed`` after the fifth attempt. An alert cleared before it could
be sent is ``skipped``: its moment has passed. Delivery is at least once:
each message carries a stable idempotency key (``alert-{uuid}``), so a
receiver that deduplicates sees each alert once.

The seam: a gateway (app/notify, issue 16) calls ``register_gateway(factory)``
with a function of the branch settings that returns a ``Notifier`` (or None
when it is not set up); the first gateway that answers wins over the webhook.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import or_, select

from app.errors import DomainError
from app.store.engine import Database
from app.store.models_alerts import Alert

log = logging.getLogger("branchdesk.alerts")
MAX_ATTEMPTS = 5
LEASE = dt.timedelta(minutes=2)  # a PC that claimed a message and died frees it after this
TIMEOUT_S = 10.0


class NotifyFailed(DomainError):
    code = "notify_failed"


@dataclass(frozen=True)
class AlertMessage:
    """What goes out: no personal data (numbers, codes and counts only)."""

    alert: str  # the alert's uuid
    idempotency_key: str
    rule: str
    level: str
    branch_code: str
    branch_name: str
    raised_at: dt.datetime
    text_zh: str
    text_en: str
    figures: dict[str, Any]

    def json(self) -> dict[str, Any]:
        return {"alert": self.alert, "idempotency_key": self.idempotency_key, "rule": self.rule,
                "level": self.level, "branch_code": self.branch_code, "branch_name": self.branch_name,
                "raised_at": self.raised_at.isoformat(), "text": f"{self.text_zh} / {self.text_en}",
                "text_zh": self.text_zh, "text_en": self.text_en, "figures": self.figures}


class Notifier(Protocol):
    name: str

    def send(self, message: AlertMessage) -> None:
        """Deliver or raise ``NotifyFailed`` with one sentence."""


GatewayFactory = Callable[[Mapping[str, Any]], "Notifier | None"]
_GATEWAYS: list[GatewayFactory] = []


def register_gateway(factory: GatewayFactory) -> None:
    """Let a notification gateway carry alerts (it wins over the webhook)."""
    if factory not in _GATEWAYS:
        _GATEWAYS.append(factory)


def unregister_gateway(factory: GatewayFactory) -> None:
    if factory in _GATEWAYS:
        _GATEWAYS.remove(factory)


class WebhookNotifier:
    """POSTs each alert as JSON to a configured address."""

    name = "webhook"

    def __init__(self, url: str, timeout_s: float = TIMEOUT_S) -> None:
        self.url, self.timeout_s = url, timeout_s

    def send(self, message: AlertMessage) -> None:
        body = json.dumps(message.json(), ensure_ascii=False).encode("utf-8")
        req = urllib.request.Request(self.url, data=body, method="POST", headers={
            "Content-Type": "application/json; charset=utf-8", "Idempotency-Key": message.idempotency_key,
            "User-Agent": "BranchDesk-alerts"})
        try:
            with urllib.request.urlopen(req, timeout=self.timeout_s) as resp:  # noqa: S310 (configured http(s) URL)
                resp.read(1024)
        except urllib.error.HTTPError as exc:
            raise NotifyFailed(f"The alert webhook answered HTTP {exc.code}.") from None
        except (urllib.error.URLError, OSError, TimeoutError) as exc:
            reason = getattr(exc, "reason", exc)
            raise NotifyFailed(f"The alert webhook could not be reached ({reason}).") from None


def notifier_from_settings(values: Mapping[str, Any]) -> Notifier | None:
    for factory in list(_GATEWAYS):
        try:
            found = factory(values)
        except Exception:  # a broken gateway must not stop the alerts
            log.exception("notification gateway failed to start")
            continue
        if found is not None:
            return found
    url = str(values.get("alerts.webhook_url") or "").strip()
    return WebhookNotifier(url) if url else None


def notifier_configured(values: Mapping[str, Any]) -> bool:
    return notifier_from_settings(values) is not None


@dataclass(frozen=True)
class Delivery:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    skipped: int = 0


def _backoff(attempts: int) -> dt.timedelta:
    return dt.timedelta(minutes=2 ** max(0, attempts - 1))


def deliver_pending(db: Database, *, notifier: Notifier | None = None, now: dt.datetime | None = None,
                    limit: int = 20) -> Delivery:
    """Send the alerts waiting to go out (blocking: call it off the GUI thread)."""
    from app.alerts.facts import alert_settings
    from app.alerts.service import alert_view
    from app.alerts.texts import alert_text
    from app.queue.day import moment
    from app.reports.query import setting_values

    def due(at: dt.datetime):  # type: ignore[no-untyped-def]
        return select(Alert).where(or_(
            (Alert.notify_state == "pending") & (Alert.notify_after.is_(None) | (Alert.notify_after <= at)),
            (Alert.notify_state == "sending") & (Alert.notify_after <= at),
        )).order_by(Alert.id).limit(limit)

    with db.read() as s:  # most checks find nothing to send: no write transaction for them
        at = moment(s, now).now
        if s.scalar(due(at).with_only_columns(Alert.id)) is None:
            return Delivery()
        values = alert_settings(s)
    notifier = notifier or notifier_from_settings(values)
    if notifier is None:
        return Delivery()
    with db.write() as s:
        at = moment(s, now).now
        branch = setting_values(s, "branch.code", "branch.name_zh")
        rows = list(s.scalars(due(at)))
        claimed = []
        for a in rows:
            if a.state == "cleared":
                a.notify_state = "skipped"
                continue
            a.notify_state, a.notify_after = "sending", at + LEASE
            a.notify_attempts += 1
            view = alert_view(a)
            claimed.append((a.id, a.notify_attempts, AlertMessage(
                a.uuid, f"alert-{a.uuid}", a.rule, a.level, str(branch.get("branch.code") or ""),
                str(branch.get("branch.name_zh") or ""), a.raised_at, alert_text(view, "zh_CN"),
                alert_text(view, "en"), dict(a.figures or {}))))
        skipped = len(rows) - len(claimed)
    sent = retried = failed = 0
    for alert_id, attempts, message in claimed:
        error = None
        try:
            notifier.send(message)
        except NotifyFailed as exc:
            error = exc.message
        except Exception as exc:  # an unexpected fault of a gateway: retried like any failure
            log.exception("alert notification failed")
            error = f"The alert could not be sent ({type(exc).__name__})."
        with db.write() as s:
            a = s.get(Alert, alert_id)
            if a is None:
                continue
            if error is None:
                a.notify_state, a.notified_at, a.notify_error = "sent", moment(s, now).now, None
                sent += 1
            elif attempts >= MAX_ATTEMPTS:
                a.notify_state, a.notify_error = "failed", error[:300]
                failed += 1
                log.warning("alert %s not sent after %d attempts: %s", a.uuid, attempts, error)
            else:
                a.notify_state, a.notify_after, a.notify_error = "pending", at + _backoff(attempts), error[:300]
                retried += 1
    return Delivery(sent, retried, failed, skipped)
