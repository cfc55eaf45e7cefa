"""Sync failures as one sentence a branch manager can act on."""

from __future__ import annotations

import socket

from app.errors import DomainError


class SyncError(DomainError):
    code = "sync_error"


class SyncNotConfigured(SyncError):
    code = "sync_not_configured"


class PasswordUnavailable(SyncError):
    code = "sync_password"


class HeadOfficeUnreachable(SyncError):
    code = "hq_unreachable"


def describe(exc: BaseException, *, where: str = "head office") -> str:
    """One sentence for the status bar and the log; never a traceback."""
    if isinstance(exc, DomainError):
        return exc.message
    text = (str(exc) or exc.__class__.__name__).strip()
    low = text.lower()
    if isinstance(exc, TimeoutError) or "timeout" in low or "timed out" in low:
        return f"The connection to {where} timed out; will retry."
    if "connection refused" in low:
        return f"{where.capitalize()} refused the connection (server down or wrong address); will retry."
    if "password authentication failed" in low or "no password supplied" in low:
        return f"{where.capitalize()} did not accept the branch password."
    if "row-level security" in low or "permission denied" in low:
        return f"{where.capitalize()} refused these rows for this branch (permission)."
    if isinstance(exc, socket.gaierror) or "could not translate host name" in low:
        return f"The address of {where} cannot be found; check the network."
    if "ssl" in low or "certificate" in low:
        return f"The secure connection to {where} failed: {_first_line(text)}."
    if ("server closed the connection" in low or "consuming input failed" in low
            or "connection" in low and ("lost" in low or "closed" in low or "reset" in low)):
        return f"The connection to {where} was lost; will retry."
    return f"Sync with {where} failed: {_first_line(text)}."


def _first_line(text: str) -> str:
    line = text.splitlines()[0].strip().rstrip(".") if text else "unknown error"
    return line[:200]
