"""Messages to the customer's phone: consent and number (``subscribe``), the
outbox (``scan``, ``broadcast``, ``claim``/``record``), the gateways (the
bank's SMS platform over HTTP, a recording double) and the worker that sends
them in the background. No Qt, never inside a queue transaction."""

from app.notify.gateways import HttpGateway, Outgoing, RecordingGateway, SendFailed, build_gateway
from app.notify.outbox import broadcast, claim, pending_count, record, scan
from app.notify.subscribe import Subscription, subscribe
from app.notify.worker import NotifyReport, NotifyWorker

__all__ = ["HttpGateway", "NotifyReport", "NotifyWorker", "Outgoing", "RecordingGateway", "SendFailed",
           "Subscription", "broadcast", "build_gateway", "claim", "pending_count", "record", "scan", "subscribe"]
