"""Lookups and small helpers shared by the queue service functions."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from types import SimpleNamespace
from typing import TypeVar

from sqlalchemy import Select, String, Update, and_, bindparam, case, cast, func, or_, select, text, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.queue.day import ACTIVE, Moment
from app.queue.errors import InvalidTicketState, TimeRunsBackwards, UnknownService, UnknownTicket, UnknownWindow
from app.queue.policy import PolicyConfig
from app.queue.views import TicketView, ticket_view
from app.settings import BranchSettings
from app.store.lean import Lean, Record, written_list
from app.store.locks import lock_on_postgresql
from app.store.models import Service, Ticket, Window, WindowService

WAITING = ("waiting", "transferred")
AT_WINDOW = ("called", "serving")
# A finish that says nothing about how long the service took (the day closed on
# it, or its teller left): counted as served, left out of service-time figures
# (the reports') and of the service times the estimate learns from.
ARTIFICIAL_ENDS = frozenset({"day_closed", "window_left"})
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)
__all__ = ["ACTIVE", "AT_WINDOW", "WAITING"]


def service_by_code(s: Session, code: str) -> Service:
    svc = s.scalar(select(Service).where(Service.code == (code or "").strip().upper()))
    if svc is None:
        raise UnknownService(f"There is no service with code {code!r}.", code=code)
    return svc


def window_by_number(s: Session, number: int, *, lock: bool = False) -> Window:
    q = select(Window).where(Window.number == number)
    q = lock_on_postgresql(s, q, lock)
    win = s.scalar(q)
    if win is None:
        raise UnknownWindow(f"There is no window number {number}.", window=number)
    return win


def ticket_by_ref(s: Session, ref: str | int, today: dt.date, *, lock: bool = False) -> Ticket:
    """A ticket by uuid, database id, or today's number (the active one first)."""
    def run(q: Select) -> Ticket | None:  # type: ignore[type-arg]
        return s.scalar(lock_on_postgresql(s, q, lock))

    text = str(ref).strip()
    if _UUID.match(text):
        t = run(select(Ticket).where(Ticket.uuid == text.lower()))
    elif isinstance(ref, int) or text.isdigit():
        t = run(select(Ticket).where(Ticket.id == int(text)))
    else:
        t = _first_by_number(select(Ticket), today, text, run)
    if t is None:
        raise UnknownTicket(f"There is no ticket {text!r} today.", ticket=text)
    return t


# Every status a ticket takes: issued waiting, transferred, called, serving;
# ended done, no_show, cancelled, expired (the property tests hold every
# stored ticket to this list).
TICKET_STATUSES = ("waiting", "transferred", "called", "serving", "done", "no_show", "cancelled", "expired")
_NUMBER = re.compile(r"^([A-Z]{1,2})[0-9]+$")  # a service's prefix (check_prefix) and digits
_Found = TypeVar("_Found")


def _number_params(today: dt.date, text: str) -> dict[str, object] | None:
    """``_by_number``'s parameters for ``text`` (A023, a023), or None when no
    ticket can be numbered so."""
    number = text.upper()
    shape = _NUMBER.match(number)
    return None if shape is None else {"day": today, "prefix": shape.group(1), "number": number}


def _first_by_number(q: Select, today: dt.date, text: str,  # type: ignore[type-arg]
                     run: Callable[[Select], _Found | None]) -> _Found | None:  # type: ignore[type-arg]
    """Today's ticket numbered ``text``: the active one, else the latest
    lap's. Found by a seek per status in the (day, prefix, status, number)
    index, whatever the day's count (by the day alone it read every ticket
    of the day)."""
    params = _number_params(today, text)
    return None if params is None else run(_by_number(q).params(**params))


def _by_number(q: Select) -> Select:  # type: ignore[type-arg]
    """``q`` for today's number (lists written in: one compiled statement)."""
    t = _T.c
    return (q.where(t.business_date == bindparam("day", type_=t.business_date.type), t.prefix == bindparam("prefix"),
                    text(f"tickets.status IN ({written_list(TICKET_STATUSES)})"), t.number == bindparam("number"))
            .order_by(text(f"tickets.status IN ({written_list(ACTIVE)}) DESC"), t.seq.desc()).limit(1))


_T, _S, _W = Ticket.__table__, Service.__table__, Window.__table__
_TICKET_ROW = (select(_T, _S.c.code.label("svc_code"), _S.c.name_zh.label("svc_name_zh"),
                      _S.c.name_en.label("svc_name_en"))
               .join(_S, _S.c.id == _T.c.service_id).where(_T.c.id == bindparam("tid")))
_TICKET_ROW_ANY = (select(_T, _S.c.code.label("svc_code"), _S.c.name_zh.label("svc_name_zh"),
                          _S.c.name_en.label("svc_name_en")).join(_S, _S.c.id == _T.c.service_id))
# A ticket's row by uuid, id or today's number, as is and locked (PostgreSQL).
_ROW_BY = {(kind, locked): Lean(q.with_for_update(of=_T) if locked else q)
           for kind, q in (("uuid", _TICKET_ROW_ANY.where(_T.c.uuid == bindparam("uuid"))),
                           ("id", _TICKET_ROW),
                           ("number", _by_number(_TICKET_ROW_ANY)))
           for locked in (False, True)}
_RELEASE = Lean(update(_W).where(_W.c.id == bindparam("wid"), _W.c.current_ticket_id == bindparam("tid")).values(
    current_ticket_id=None))
_TICKET_ROW_LEAN = Lean(_TICKET_ROW)
_WINDOW_ROW = select(_W.c.id, _W.c.number, _W.c.state, _W.c.staff_id, _W.c.current_ticket_id,
                     _W.c.priority_streak).where(_W.c.number == bindparam("num"))
_WS = WindowService.__table__
# The window's services as "position:service_id" pairs in one text (parsed and
# ordered in Python: an aggregate's order is not promised on SQLite 3.40).
_SERVICES_OF_WINDOW = (
    select(func.aggregate_strings(cast(_WS.c.position, String) + ":" + cast(_WS.c.service_id, String), ","))
    .where(_WS.c.window_id == _W.c.id).scalar_subquery().label("service_pairs"))
# The ticket at the window, read with the window (columns "cur_<name>", as ticket_row's).
_CUR, _CUR_SVC = _T.alias("cur"), _S.alias("cur_svc")
_CUR_COLUMNS = [c.label(f"cur_{c.name}") for c in _CUR.c] + [
    _CUR_SVC.c.code.label("cur_svc_code"), _CUR_SVC.c.name_zh.label("cur_svc_name_zh"),
    _CUR_SVC.c.name_en.label("cur_svc_name_en")]
_CUR_NAMES = tuple(c.name[len("cur_"):] for c in _CUR_COLUMNS)


def _window_query(services: bool, current: bool, lock: bool) -> Select:  # type: ignore[type-arg]
    q = _WINDOW_ROW.add_columns(_SERVICES_OF_WINDOW) if services else _WINDOW_ROW
    if current:
        q = q.add_columns(*_CUR_COLUMNS).select_from(
            _W.outerjoin(_CUR, _CUR.c.id == _W.c.current_ticket_id).outerjoin(_CUR_SVC, _CUR_SVC.c.id == _CUR.c.service_id))
    return q.with_for_update(of=_W) if lock else q


# (with services, with the current ticket, locked): each built once (a statement
# built per call has its cache key computed per call)
_WINDOW_ROWS = {(services, current, lock): Lean(_window_query(services, current, lock))
                for services in (False, True) for current in (False, True) for lock in (False, True)}
_UPDATE_TICKET = update(_T).where(_T.c.id == bindparam("b_id"), _T.c.version == bindparam("b_version"))
_UPDATE_WINDOW = update(_W).where(_W.c.id == bindparam("b_id"))


class TicketRow(SimpleNamespace):
    """A ticket's columns (and its service's code and names) as plain values:
    what the lean hot paths read and change with Core statements."""

    @property
    def service(self) -> SimpleNamespace:
        return SimpleNamespace(code=self.svc_code, name_zh=self.svc_name_zh, name_en=self.svc_name_en)


def ticket_row(s: Session, ticket_id: int) -> TicketRow | None:
    """One ticket with its service's names (one indexed query)."""
    r = _TICKET_ROW_LEAN.first(s, {"tid": ticket_id})
    return None if r is None else TicketRow(**vars(r))


def ticket_rows_query() -> Select:  # type: ignore[type-arg]
    """A query of ticket rows with their service's names (to be filtered)."""
    return _TICKET_ROW_ANY


def ticket_row_by_ref(s: Session, ref: str | int, today: dt.date, *, lock: bool = False) -> TicketRow:
    """``ticket_by_ref`` as a plain row (locked on PostgreSQL with ``lock``):
    fixed statements on the driver's cursor."""
    locked = lock and s.get_bind().dialect.name == "postgresql"
    text = str(ref).strip()
    if _UUID.match(text):
        r = _ROW_BY[("uuid", locked)].first(s, {"uuid": text.lower()})
    elif isinstance(ref, int) or text.isdigit():
        r = _ROW_BY[("id", locked)].first(s, {"tid": int(text)})
    else:
        params = _number_params(today, text)
        r = None if params is None else _ROW_BY[("number", locked)].first(s, params)
    if r is None:
        raise UnknownTicket(f"There is no ticket {text!r} today.", ticket=text)
    return TicketRow(**vars(r))


def release_window(s: Session, t: TicketRow) -> None:
    """The window holding ``t`` lets it go (it is transferred, cancelled...)."""
    if t.window_id is not None:
        _RELEASE.run(s, {"wid": t.window_id, "tid": t.id}).close()


def window_row(s: Session, number: int, *, lock: bool = False, services: bool = False,
               current: bool = False) -> Record:
    """A window's calling state (locked on PostgreSQL with ``lock``), in one query;
    with ``services`` also its services in its order (``service_order(win)``), with
    ``current`` also the ticket at it (``current_ticket(win)``)."""
    q = _WINDOW_ROWS[services, current, lock and s.get_bind().dialect.name == "postgresql"]
    win = q.first(s, {"num": number})
    if win is None:
        raise UnknownWindow(f"There is no window number {number}.", window=number)
    return win


# Every window with the ticket at it (read by window_views: columns as window_row's).
WINDOWS_WITH_CURRENT = (
    select(_W, _SERVICES_OF_WINDOW, *_CUR_COLUMNS)
    .select_from(_W.outerjoin(_CUR, _CUR.c.id == _W.c.current_ticket_id)
                 .outerjoin(_CUR_SVC, _CUR_SVC.c.id == _CUR.c.service_id)))


def current_ticket(s: Session, win: Record) -> TicketRow | None:
    """The ticket ``win`` points at: from the window's own row when it was read
    with ``current=True``, else by its id (one query)."""
    if win.current_ticket_id is None:
        return None
    m = win._mapping
    if "cur_id" not in m:
        return ticket_row(s, win.current_ticket_id)
    if m["cur_id"] is None:
        return None
    return TicketRow(**{name: m[f"cur_{name}"] for name in _CUR_NAMES})


def service_order(win: Record) -> list[int]:
    """The service ids of a window read with ``window_row(..., services=True)``, in its order."""
    pairs = (p.split(":") for p in (win.service_pairs or "").split(",") if p)
    return [int(sid) for _pos, sid in sorted((int(pos), sid) for pos, sid in pairs)]


def change_ticket(s: Session, t: TicketRow, **values: object) -> None:
    """Write ``values`` to ticket ``t`` (and to ``t``), its version bumped;
    refused as the ORM would if another transaction changed it meanwhile."""
    values["version"] = t.version + 1
    done = _update_of(_UPDATE_TICKET, tuple(values)).rowcount(
        s, {"b_id": t.id, "b_version": t.version, **{f"v_{k}": v for k, v in values.items()}})
    if done != 1:
        raise StaleDataError(f"Ticket {t.number} was changed by another transaction.")
    for key, value in values.items():
        setattr(t, key, value)


_PAIRS: dict[tuple[tuple[str, ...], tuple[str, ...]], Lean] = {}


def change_two_tickets(s: Session, a: TicketRow, a_values: dict[str, object], b: TicketRow,
                       b_values: dict[str, object]) -> None:
    """``change_ticket`` for two tickets in one statement (a keypad's Next: the
    finish of one ticket and the call of the next), each with its own version
    check; refused if either was changed by another transaction meanwhile."""
    names_a, names_b = tuple(sorted(a_values)), tuple(sorted(b_values))
    stmt = _PAIRS.get((names_a, names_b))
    if stmt is None:
        is_a = _T.c.id == bindparam("a_id")
        values: dict[str, object] = {
            c: case((is_a, bindparam(f"a_{c}", type_=_T.c[c].type) if c in a_values else _T.c[c]),
                    else_=bindparam(f"b_{c}", type_=_T.c[c].type) if c in b_values else _T.c[c])
            for c in sorted(set(names_a) | set(names_b))}
        values["version"] = _T.c.version + 1
        stmt = _PAIRS[(names_a, names_b)] = Lean(update(_T).where(or_(
            and_(_T.c.id == bindparam("a_id"), _T.c.version == bindparam("a_version")),
            and_(_T.c.id == bindparam("b_id"), _T.c.version == bindparam("b_version")))).values(values))
    done = stmt.rowcount(s, {"a_id": a.id, "a_version": a.version, "b_id": b.id, "b_version": b.version,
                             **{f"a_{k}": v for k, v in a_values.items()},
                             **{f"b_{k}": v for k, v in b_values.items()}})
    if done != 2:
        raise StaleDataError(f"Ticket {a.number} or {b.number} was changed by another transaction.")
    for t, changed in ((a, a_values), (b, b_values)):
        for key, value in changed.items():
            setattr(t, key, value)
        t.version += 1


def change_window(s: Session, window_id: int, **values: object) -> None:
    _update_of(_UPDATE_WINDOW, tuple(values)).run(
        s, {"b_id": window_id, **{f"v_{k}": v for k, v in values.items()}}).close()


_UPDATES: dict[tuple[object, tuple[str, ...]], Lean] = {}


def _update_of(base: Update, columns: tuple[str, ...]) -> Lean:
    """``base`` setting ``columns`` from parameters ``v_<column>``, built once per
    set of columns (building a statement costs more than running it)."""
    stmt = _UPDATES.get((base, columns))
    if stmt is None:
        stmt = _UPDATES[(base, columns)] = Lean(base.values({c: bindparam(f"v_{c}") for c in columns}))
    return stmt


def row_view(s: Session, t: TicketRow | Ticket, numbers: dict[int, int] | None = None) -> TicketView:
    """The view of a ticket (a row or an ORM object); its windows' numbers
    looked up only if not given."""
    if numbers is None:
        numbers = window_numbers(s) if t.window_id is not None or t.target_window_id is not None else {}
    return ticket_view(t, numbers)  # type: ignore[arg-type]


_WINDOW_NUMBERS = Lean(select(_W.c.id, _W.c.number))


def window_numbers(s: Session) -> dict[int, int]:
    """Every window's number by its id (a branch has a few dozen at most)."""
    return dict(_WINDOW_NUMBERS.tuples(s))


def view(s: Session, t: Ticket) -> TicketView:
    return row_view(s, t)


def policy_config(cfg: BranchSettings) -> PolicyConfig:
    return PolicyConfig(priority_ratio=cfg.priority_ratio, promote_after=cfg.promote_after)


def last_change(t: Ticket) -> dt.datetime:
    """The latest of a ticket's own times."""
    return max(x for x in (t.issued_at, t.queued_at, t.first_called_at, t.called_at, t.started_at,
                           t.finished_at, t.transferred_at) if x is not None)


def forward(t: Ticket, m: Moment, action: str) -> dt.datetime:
    """The time of an action on ``t``: its times never run backwards.

    A given time (``--at``, a replay) before the ticket's last change is
    refused; the database's clock, should it ever step back, is held at it.
    """
    last = last_change(t)
    if m.now >= last:
        return m.now
    if m.explicit:
        raise TimeRunsBackwards(
            f"Ticket {t.number} cannot be {action} at {m.now:%Y-%m-%d %H:%M:%S}: "
            f"that is before its last change at {last:%Y-%m-%d %H:%M:%S}.",
            ticket=t.number, at=m.now.isoformat(), last=last.isoformat(),
        )
    return last


def require_state(t: Ticket, allowed: tuple[str, ...], action: str) -> None:
    if t.status not in allowed:
        raise InvalidTicketState(
            f"Ticket {t.number} is {t.status.replace('_', '-')}, so it cannot be {action}.",
            ticket=t.number, status=t.status, action=action,
        )

