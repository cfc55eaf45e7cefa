"""Shared by the privacy tests: a branch with one account per role, known
personal values, and a look at the raw bytes of files as ``strings`` would."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import app.complaints as cp
import app.queue as q
from app.staff.roles import Actor
from tests.integration.complaints.complaint_support import ROLES, make_branch  # noqa: F401

# What a customer told the branch: none of it may appear in a file as it is.
NAME, PHONE, NEED = "欧阳晓燕", "13912348765", "想咨询住房贷款提前还款的违约金"
C_NAME, C_PHONE, C_EMAIL = "司马长风", "13698761234", "sima.changfeng@example.com"
CONTENT = "柜员态度恶劣并且泄露了我的账户余额"
NOTE, ANSWER, REASON = "已调取三号窗口监控录像", "经核实向客户致歉并退还手续费", "需要外部鉴定机构出具报告"
SECRETS = (NAME, PHONE, NEED, C_NAME, C_PHONE, C_EMAIL, CONTENT, NOTE, ANSWER, REASON)


def actor(db, username: str) -> Actor:  # type: ignore[no-untyped-def]
    from app.staff.accounts import actor_for

    return actor_for(db, username)


def personal_day(db, now: dt.datetime) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """A ticket and a complaint carrying every kind of personal value; their refs."""
    t = q.issue_ticket(db, service="A", customer_name=NAME, customer_phone=PHONE, need_note=NEED,
                       actor=actor(db, "greeter1"), now=now).ticket
    officer, boss = actor(db, "officer"), actor(db, "boss")
    c = cp.intake_complaint(db, kind="complaint", channel="counter", content=CONTENT, customer_name=C_NAME,
                            customer_phone=C_PHONE, customer_email=C_EMAIL, actor=officer, now=now)
    later = now + dt.timedelta(minutes=5)
    cp.acknowledge(db, c.reference, note=NOTE, actor=officer, now=later)
    cp.start_handling(db, c.reference, actor=officer, now=later)
    cp.extend_limit(db, c.reference, reason=REASON, actor=boss, now=later)
    cp.resolve_case(db, c.reference, resolution=ANSWER, actor=officer, now=later)
    return t.uuid, c.reference


def leaked(data: bytes, values: tuple[str, ...] = SECRETS) -> list[str]:
    """The values found in ``data``, in UTF-8 or UTF-16 (what ``strings`` would show)."""
    return [v for v in values if v.encode("utf-8") in data or v.encode("utf-16-le") in data]


def file_bytes(*paths: Path) -> bytes:
    return b"".join(p.read_bytes() for p in paths if p.exists())


def sqlite_files(url: str) -> tuple[Path, Path]:
    path = Path(url[len("sqlite:///"):])
    return path, path.with_name(path.name + "-wal")
