"""Passwords kept out of URLs, settings files, events, logs and messages.

A database or head-office address may arrive with a password in it
(``postgresql://role:secret@host/db`` or ``...?password=secret``). BranchDesk
stores the address without it and keeps the password in the credential
store: for the branch database a file in the configuration folder's
``credentials`` (0640 to the BranchDesk group where it exists, else 0600),
found again by the address it belongs to; for head office the sync's own
store (app/sync/config.py: the keyring where one works, else a 0600 file).
Every message and log line goes through ``redact_text``.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import tempfile
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from app.errors import DomainError

_NETLOC_PASSWORD = re.compile(r"(?P<head>[A-Za-z][A-Za-z0-9+.-]*://[^:/@\s]*):(?P<pw>[^@\s]*)@")
_PARAM_PASSWORD = re.compile(r"(?P<head>\b(?:password|sslpassword)\s*=\s*)(?P<pw>[^&\s'\"]+)", re.I)
_QUERY_KEYS = ("password", "sslpassword")


class CredentialError(DomainError):
    code = "credential_store"


def _libpq(url: str) -> str:
    for prefix in ("postgresql+psycopg://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql://" + url[len(prefix):]
    return url


def split_password(url: str) -> tuple[str, str | None]:
    """(the address without any password, the password it carried or None).

    Handles ``user:password@`` and a ``password=`` query parameter; the
    address keeps its scheme and everything else. ValueError for an address
    urllib cannot read (a bad port)."""
    parts = urlsplit(url)
    password = parts.password
    query = parse_qsl(parts.query, keep_blank_values=True)
    in_query = [v for k, v in query if k.lower() in _QUERY_KEYS]
    if password is None and not in_query:
        return url, None
    netloc = parts.netloc
    if parts.password is not None:
        host = parts.hostname or ""
        if ":" in host:
            host = f"[{host}]"
        netloc = f"{parts.username or ''}@{host}" + (f":{parts.port}" if parts.port else "")
    kept = urlencode([(k, v) for k, v in query if k.lower() not in _QUERY_KEYS])
    return urlunsplit(parts._replace(netloc=netloc, query=kept)), password if password is not None else in_query[0]


def redact_text(text: str) -> str:
    """``text`` with every password in an address or a ``password=`` shown as ***."""
    text = _NETLOC_PASSWORD.sub(lambda m: f"{m['head']}:***@", text)
    return _PARAM_PASSWORD.sub(lambda m: f"{m['head']}***", text)


# --- the branch database's password ----------------------------------------

def _folder() -> Path:
    from app.ops.settings_file import settings_path

    return settings_path().parent / "credentials"


def _file_for(url: str) -> Path:
    """The credential file of an address (without its password), by a hash of it."""
    clean, _ = split_password(_libpq(url))
    return _folder() / f"db-{hashlib.sha256(clean.encode()).hexdigest()[:16]}.password"


def probe_writable(folder: Path) -> None:
    """OSError unless a file can be written in ``folder`` (made if missing):
    checked before anything is written, so a command writes all or nothing."""
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".probe-")
    os.close(fd)
    os.unlink(tmp)


def probe_folder() -> None:
    """CredentialError unless a password could be kept (checked before a setup writes anything)."""
    folder = _folder()
    try:
        probe_writable(folder)
    except OSError as exc:
        raise CredentialError(f"The password cannot be kept in {folder}: {exc.strerror or exc}.") from None


def keep_database_password(url: str, password: str) -> Path:
    """Keep the branch database's password for ``url``; the file's path."""
    from app.privacy.keys import restrict_to_group

    path = _file_for(url)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".password-")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(password + "\n")
        restrict_to_group(Path(tmp), 0o640, 0o600)
        os.replace(tmp, path)
    except OSError as exc:
        raise CredentialError(f"The database password cannot be kept in {path.parent}: "
                              f"{exc.strerror or exc}.") from None
    return path


def database_password(url: str) -> str | None:
    """The kept password of the database at ``url`` (without one), or None.
    A file that others than its owner and group may read is not used."""
    path = _file_for(url)
    try:
        st = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return None
    if os.name == "posix" and st.st_mode & stat.S_IRWXO:
        raise CredentialError(f"The password file {path} can be read by anyone; run 'chmod 600 {path}' first.")
    return path.read_text(encoding="utf-8").strip() or None
