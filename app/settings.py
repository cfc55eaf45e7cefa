"""Branch settings: one typed model, one set of defaults, one check per key.

Branch settings live in the database (``settings`` table, key -> JSON value)
so every PC of the branch shares them; this PC's own settings (which database,
screen role, monitor) are in its settings file (app/ops/settings_file.py).
Every key a branch can set is declared here once, with its default and its
check; ``BranchSettings`` is the typed view the core reads (the closing time
is parsed here and nowhere else). The ``printer.*`` keys are one group,
checked together by app/devices/config.py.

Every change, from the admin screen, the CLI or head office, goes through
``change_settings``: one transaction, one ``SettingsChanged`` event that the
running screens act on.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.errors import InvalidInput
from app.settings_checks import (  # the checks each key uses
    Check,
    _address,
    _any_json,
    _bool,
    _branch_code,
    _capacity,
    _choice,
    _formats,
    _hhmm,
    _http_url,
    _int,
    _json_template,
    _kind_days,
    _number,
    _sslmode,
    _template,
    _text,
    _timezone,
)

@dataclass(frozen=True)
class Spec:
    default: Any
    check: Check
    means: str  # one line for docs and the admin screen


SPECS: dict[str, Spec] = {
    # The branch
    "branch.code": Spec("BR001", _branch_code, "the branch's code at head office"),
    "branch.name_zh": Spec("示范银行 城中支行", _text(60, required=True, printed=True), "the branch's name in Chinese"),
    "branch.name_en": Spec("Demo Bank, City Centre Branch", _text(80, required=True, printed=True),
                           "the branch's name in English"),
    "branch.timezone": Spec("Asia/Shanghai", _timezone, "the time zone that decides the business date"),
    "branch.closing_time": Spec("17:00", _hhmm(), "when the branch closes to customers"),
    # The business day
    "day.last_ticket_time": Spec("", _hhmm(optional=True),
                                 "after this time the greeter confirms each ticket (empty: no limit)"),
    "day.auto_close_delay_min": Spec(60, _int(0, 480, " minutes"),
                                     "minutes after closing time at which the day closes itself"),
    # Windows follow their teller
    "window.leave_state": Spec("closed", _choice("closed", "paused"),
                               "what a window becomes when its teller leaves it"),
    "window.leave_rule": Spec("requeue", _choice("requeue", "no_show"),
                              "a called customer left at a window: back to the head of the queue, or no-show"),
    "window.unattended_after_min": Spec(3, _int(1, 60, " minutes"),
                                        "a window whose teller's app is silent this long is unattended"),
    # The queue
    "queue.priority_ratio": Spec(2, _int(0, 10), "priority calls in a row while normal customers wait"),
    "queue.promote_after_min": Spec(45, _int(0, 240, " minutes"), "waits longer than this are called first"),
    # Lobby and tickets
    "lobby.notice": Spec("", _text(500), "the notice on the lobby display (Chinese)"),
    "lobby.notice_en": Spec("", _text(500), "the notice on the lobby display in English"),
    "lobby.announce_repeat": Spec(2, _int(1, 5), "how often each call is spoken"),
    "ticket.footer_zh": Spec("过号请重新取号", _text(60, printed=True), "the ticket's footer in Chinese"),
    "ticket.footer_en": Spec("Please take a new ticket if your number has passed", _text(80, printed=True),
                             "the ticket's footer in English"),
    "ui.language": Spec("zh_CN", _choice("zh_CN", "en"), "the screens' language"),
    # Complaints
    "complaints.ack_hours": Spec(24, _int(1, 240, " hours"), "hours to acknowledge a complaint"),
    "complaints.resolve_days": Spec({}, _kind_days, "working days to answer, per kind"),
    "complaints.monthly_target": Spec(200, _int(1, 100000), "cases a month the analysis compares with"),
    # Reports
    "reports.folder": Spec("", _text(500), "where the daily reports are written (empty: the data folder)"),
    "reports.auto_print": Spec(False, _bool, "print the daily report when the day closes"),
    "reports.formats": Spec(["pdf", "csv"], _formats, "formats of the daily report files"),
    # Head-office sync
    "sync.enabled": Spec(True, _bool, "push to head office"),
    "sync.hq_url": Spec("", _address, "head office's database address, without password"),
    "sync.branch_code": Spec("", _text(16), "the branch's code at head office (empty: branch.code)"),
    "sync.sslmode": Spec("prefer", _sslmode, "TLS to head office"),
    "sync.sslrootcert": Spec("", _text(500), "head office's CA certificate file"),
    "sync.password_file": Spec("", _text(500), "the 0600 file with the branch role's password"),
    "sync.batch_size": Spec(1000, _int(1, 100000), "events per push"),
    "sync.interval_s": Spec(30.0, _number(1, 86400, " seconds"), "seconds between rounds when caught up"),
    "sync.timeout_s": Spec(30.0, _number(1, 600, " seconds"), "time limit of each step of a push"),
    # Personal data (app/privacy/retention.py: a daily job and 'branchdesk privacy purge')
    "privacy.ticket_retention_days": Spec(
        30, _int(1, 365, " days"),
        "days after its business day that a ticket's customer name, phone and need are erased; "
        "backups older than this are deleted too"),
    "privacy.complaint_retention_days": Spec(
        1095, _int(30, 3650, " days"),
        "days after a case is closed that its customer's name, contact, words, notes and answer are erased "
        "(1095 days = 3 years: complaint files are kept that long for disputes and regulators' reviews); "
        "the case's figures stay"),
    # The phone page (app/web): its address as phones reach it goes in each ticket's QR code
    "web.public_url": Spec("", _http_url, "the phone page's address as customers' phones reach it, such as "
                           "https://q.bank.cn/BR001 (empty: tickets carry no QR code)"),
    "web.poll_s": Spec(5, _int(2, 60, " seconds"), "how often an open phone page asks for news"),
    "web.rate_per_min": Spec(120, _int(10, 6000, " requests"), "requests a minute one address may make"),
    "web.trust_forwarded": Spec(False, _bool, "take the address from the gateway's X-Forwarded-For header"),
    # Messages to a customer's phone (app/notify)
    "notify.gateway": Spec("none", _choice("none", "http", "recording"),
                           "how messages are sent: none, the bank's SMS platform over HTTP, or recorded only"),
    "notify.ahead": Spec(5, _int(1, 30), "people ahead at which the customer gets a message"),
    "notify.daily_cap": Spec(10, _int(1, 100), "messages one phone number gets a day at most"),
    "notify.http_url": Spec("", _http_url, "the SMS platform's address (http adapter)"),
    "notify.http_format": Spec("json", _choice("json", "form"), "the request body: JSON or a web form"),
    "notify.http_template": Spec({"phone": "{phone}", "text": "{text}", "message_id": "{message_id}"},
                                 _json_template, "the request's fields, with {phone} {text} {message_id} "
                                 "{kind} {branch}"),
    "notify.http_signature_header": Spec("X-BranchDesk-Signature", _text(60),
                                         "the header carrying the body's HMAC-SHA256 (empty: unsigned)"),
    "notify.http_secret_file": Spec("", _text(500), "the 0600 file with the signing secret"),
    "notify.http_timeout_s": Spec(5.0, _number(0.5, 60, " seconds"), "time limit of one send"),
    "notify.text_ahead_zh": Spec("【{branch}】您的号码{number}前面还有{ahead}人，约{wait}分钟，请回到大厅等候。",
                                 _template("branch", "number", "service", "ahead", "wait"),
                                 "the message when few people are ahead, in Chinese"),
    "notify.text_ahead_en": Spec("[{branch}] Ticket {number}: {ahead} ahead, about {wait} min. "
                                 "Please come back to the lobby.",
                                 _template("branch", "number", "service", "ahead", "wait"),
                                 "the message when few people are ahead, in English"),
    "notify.text_called_zh": Spec("【{branch}】请{number}号到{window}号窗口办理。",
                                  _template("branch", "number", "service", "window"),
                                  "the message when the ticket is called, in Chinese"),
    "notify.text_called_en": Spec("[{branch}] Ticket {number}, please go to window {window}.",
                                  _template("branch", "number", "service", "window"),
                                  "the message when the ticket is called, in English"),
    # Appointments (app/appointments)
    "appointments.slot_min": Spec(30, _int(5, 240, " minutes"), "the length of an appointment slot"),
    "appointments.first_slot": Spec("09:00", _hhmm(), "the first slot of the day"),
    "appointments.capacity": Spec({"*": 2}, _capacity, "appointments per slot: * for every service, a code, "
                                  "or CODE@HH:MM for one slot time"),
    "appointments.early_min": Spec(15, _int(0, 120, " minutes"), "how early a customer may check in "
                                   "for an appointment ticket"),
    "appointments.late_min": Spec(10, _int(0, 120, " minutes"), "how late a customer may check in "
                                  "for an appointment ticket (later: a no-show)"),
    # Alerts (app/alerts/rules.py): each rule on or off, with its threshold
    "alerts.wait_over_target": Spec(True, _bool, "alert when a customer has waited past the service's target"),
    "alerts.wait_over_target_factor": Spec(1.0, _number(1, 10, " times the target"),
                                           "how many times the target a wait must pass before the alert"),
    "alerts.queue_length": Spec(True, _bool, "alert when too many people wait for one service"),
    "alerts.queue_length_max": Spec(15, _int(1, 1000, " people"), "people waiting for one service that raise it"),
    "alerts.no_window": Spec(True, _bool, "alert when people wait for a service no open window serves"),
    "alerts.window_idle": Spec(True, _bool, "alert when a window is paused or unattended while people wait"),
    "alerts.window_idle_min": Spec(10, _int(1, 480, " minutes"), "minutes paused or unattended that raise it"),
    "alerts.complaint_due": Spec(True, _bool, "alert when a complaint is due for acknowledgement or answer"),
    "alerts.complaint_due_hours": Spec(4, _int(1, 240, " hours"), "hours before a deadline that raise it"),
    "alerts.printer": Spec(True, _bool, "alert when the ticket printer is out of paper or offline"),
    "alerts.sync_failing": Spec(True, _bool, "alert when head-office sync keeps failing"),
    "alerts.sync_failing_min": Spec(30, _int(1, 1440, " minutes"), "minutes of failing sync that raise it"),
    "alerts.low_rating": Spec(True, _bool, "alert when a customer rates a service 2 or lower"),
    "alerts.sound": Spec(True, _bool, "the manager screen plays a sound for a new alert"),
    "alerts.webhook_url": Spec("", _http_url, "an HTTP address each new alert is posted to (empty: none)"),
    # Staffing advice (app/reports/staffing.py)
    "staffing.within_target_goal": Spec(80, _int(50, 99, " %"), "the share of customers to serve within target"),
    "staffing.history_weeks": Spec(4, _int(1, 26, " weeks"), "weeks of arrivals the advice learns from"),
    # Devices (printer.* is one group: app/devices/config.py)
    "serial.devices": Spec([], _any_json, "serial keypads and window displays"),
}

GROUPS = ("printer.",)  # prefixes checked as a whole by their own layer


def defaults() -> dict[str, Any]:
    return {key: spec.default for key, spec in SPECS.items()}


def check_json(key: str, value: Any) -> None:
    """Refuse what strict JSON cannot hold: NaN, infinities, lone surrogates, huge ints."""
    if isinstance(value, float) and not math.isfinite(value):
        raise InvalidInput(f"Setting {key} must be a finite number.", field=key)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2**53:
        raise InvalidInput(f"Setting {key} is out of range.", field=key)
    if isinstance(value, str) and any(0xD800 <= ord(c) <= 0xDFFF for c in value):
        raise InvalidInput(f"Setting {key} holds characters that cannot be stored.", field=key)
    if isinstance(value, dict):
        for k, v in value.items():
            check_json(key, k)
            check_json(key, v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            check_json(key, v)


def clean(key: str, value: Any) -> Any:
    """The cleaned value of one setting, or InvalidInput naming the key."""
    check_json(key, value)
    spec = SPECS.get(key)
    if spec is not None:
        return spec.check(key, value)
    if key.startswith(GROUPS):
        return value.strip() if isinstance(value, str) else value
    raise InvalidInput(f"There is no branch setting {key!r}.", field=key)


def clean_all(values: Mapping[str, Any], current: Mapping[str, Any]) -> dict[str, Any]:
    """Check several settings together (``current``: what is stored now)."""
    cleaned = {key: clean(key, value) for key, value in values.items()}
    merged = {**current, **cleaned}
    if "day.last_ticket_time" in cleaned or "branch.closing_time" in cleaned:
        last = merged.get("day.last_ticket_time") or ""
        if last and last > merged.get("branch.closing_time", "17:00"):
            raise InvalidInput("The last-ticket time must not be after the closing time.",
                               field="day.last_ticket_time")
    if any(k.startswith("printer.") for k in cleaned):
        from app.devices.config import PrinterConfigError, printer_config

        try:
            printer_config(merged)
        except PrinterConfigError as exc:
            raise InvalidInput(exc.message, field="printer") from None
    if "serial.devices" in cleaned:
        from app.devices.serial_devices import serial_specs

        try:
            serial_specs(cleaned)
        except InvalidInput as exc:
            raise InvalidInput(exc.message, field="serial.devices") from None
    return cleaned


def value_of(values: Mapping[str, Any], key: str) -> Any:
    """The cleaned value of ``key`` among stored ``values``; one that no longer
    passes its check (or is absent) is the default, never a crash."""
    try:
        return clean(key, values.get(key, SPECS[key].default))
    except InvalidInput:
        return SPECS[key].default


def parse_hhmm(text: str) -> dt.time:
    hours, minutes = str(text).split(":")
    return dt.time(int(hours), int(minutes))


@dataclass(frozen=True)
class BranchSettings:
    """The typed view of the settings the core reads on its hot paths."""

    timezone: str
    closing_time: dt.time
    last_ticket_time: dt.time | None
    auto_close_delay: dt.timedelta
    leave_state: str
    leave_rule: str
    unattended_after: dt.timedelta
    priority_ratio: int
    promote_after: dt.timedelta | None

    @classmethod
    def from_values(cls, values: Mapping[str, Any]) -> BranchSettings:
        """From stored values (merged over the defaults); a stored value that no
        longer passes its check falls back to the default, never to a crash."""
        def get(key: str) -> Any:
            return value_of(values, key)

        last = get("day.last_ticket_time")
        promote = get("queue.promote_after_min")
        return cls(
            timezone=get("branch.timezone"),
            closing_time=parse_hhmm(get("branch.closing_time")),
            last_ticket_time=parse_hhmm(last) if last else None,
            auto_close_delay=dt.timedelta(minutes=get("day.auto_close_delay_min")),
            leave_state=get("window.leave_state"),
            leave_rule=get("window.leave_rule"),
            unattended_after=dt.timedelta(minutes=get("window.unattended_after_min")),
            priority_ratio=get("queue.priority_ratio"),
            promote_after=dt.timedelta(minutes=promote) if promote else None,
        )

    def closes_at(self, day: dt.date) -> dt.datetime:
        """When ``day`` closes itself: closing time plus the delay."""
        return dt.datetime.combine(day, self.closing_time) + self.auto_close_delay


DEFAULT = BranchSettings.from_values(defaults())


# --- stored settings: read, and change with one event -------------------------

def stored_values(s) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """The defaults with every stored value over them, read in session ``s``."""
    from sqlalchemy import select

    from app.store.models import Setting

    values = defaults()
    values.update({key: value for key, value in s.execute(select(Setting.key, Setting.value))})
    return values


def get_settings(db) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Every branch setting in force (defaults with the stored values over them)."""
    with db.read() as s:
        return stored_values(s)


SOURCES = ("admin", "cli", "setup", "head_office", "machine")


def change_settings(db, values: Mapping[str, Any], *, actor, now: dt.datetime | None = None,  # type: ignore[no-untyped-def]
                    source: str = "admin") -> dict[str, Any]:
    """Check and store branch settings in one transaction with one
    ``SettingsChanged`` event, which every running screen acts on."""
    from app.staff.roles import require

    require(actor, "settings.manage")
    with db.write() as s:
        cleaned = clean_all(values, stored_values(s))
        store_in(s, cleaned, now=now, staff_id=actor.staff_id, source=source)
    return cleaned


def store_in(s, values: Mapping[str, Any], *, now: dt.datetime | None, staff_id: int | None,  # type: ignore[no-untyped-def]
             source: str, keys: tuple[str, ...] = (), extra: Mapping[str, Any] | None = None,
             scope: str = "branch", store: bool = True) -> None:
    """Store cleaned ``values`` and append the one ``SettingsChanged`` event
    (``keys`` names other things that changed with them, such as the
    catalogue pulled from head office)."""
    from app.events import EventType
    from app.queue.day import moment
    from app.store.events import record_event
    from app.store.models import Setting

    at = moment(s, now).now
    if store:
        for key, value in values.items():
            s.merge(Setting(key=key, value=value, updated_at=at))
    shown = {k: v for k, v in values.items() if not _secret(k)}
    record_event(s, EventType.SETTINGS_CHANGED, at, staff_id=staff_id, payload={
        "scope": scope, "source": source, "values": shown, "keys": sorted({*values, *keys}), **(extra or {}),
    })


def _secret(key: str) -> bool:
    return "password" in key or "webhook" in key  # a webhook address often carries its token
