"""Sync settings (branch ``settings`` table) and the branch role's password.

The head-office URL is stored WITHOUT a password. The password lives in the
OS keyring when the optional ``keyring`` package has a working backend,
otherwise in a file readable by the service account only (mode 0600); a file
that group or others can read is refused, not used.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from app.sync.errors import PasswordUnavailable, SyncNotConfigured

KEYRING_SERVICE = "BranchDesk head office"
SSLMODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")

# Settings keys (branch settings table) -> SyncConfig field.
KEYS = {
    "sync.enabled": "enabled",
    "sync.hq_url": "hq_url",
    "sync.branch_code": "branch_code",
    "sync.sslmode": "sslmode",
    "sync.sslrootcert": "sslrootcert",
    "sync.password_file": "password_file",
    "sync.batch_size": "batch_size",
    "sync.interval_s": "interval_s",
    "sync.timeout_s": "timeout_s",
}


@dataclass(frozen=True)
class SyncConfig:
    hq_url: str | None = None  # postgresql://role@host:port/dbname, no password
    branch_code: str | None = None
    sslmode: str = "prefer"
    sslrootcert: str | None = None
    password_file: str | None = None
    batch_size: int = 1000
    interval_s: float = 30.0  # between rounds when everything is pushed
    timeout_s: float = 30.0  # connect, statement and watchdog budget
    backoff_cap_s: float = 300.0
    password: str | None = None  # only injected by tests and tools, never stored
    enabled: bool = True  # the PC's settings file may switch sync off

    @property
    def configured(self) -> bool:
        return bool(self.hq_url and self.branch_code)

    def require_configured(self) -> None:
        if not self.enabled:
            raise SyncNotConfigured("Sync is switched off on this PC (sync.enabled in its settings file).")
        if not self.configured:
            raise SyncNotConfigured(
                "Sync is not set up: run 'branchdesk sync configure --hq-url ... --branch-code ...'."
            )

    @property
    def role(self) -> str:
        return urlsplit(_libpq_url(self.hq_url or "")).username or ""

    def describe_target(self) -> str:
        parts = urlsplit(_libpq_url(self.hq_url or ""))
        return f"{parts.hostname}:{parts.port or 5432}{parts.path}"


def load_config(settings: dict[str, object], **overrides: object) -> SyncConfig:
    """A SyncConfig from the branch settings (``get_settings(db)``)."""
    values: dict[str, object] = {}
    for key, name in KEYS.items():
        if settings.get(key) not in (None, ""):
            values[name] = settings[key]
    if "branch_code" not in values and settings.get("branch.code"):
        values["branch_code"] = settings["branch.code"]
    for name in ("batch_size",):
        if name in values:
            values[name] = int(values[name])  # type: ignore[arg-type]
    if "enabled" in values:
        values["enabled"] = values["enabled"] not in (False, "false", "0", 0)
    for name in ("interval_s", "timeout_s"):
        if name in values:
            values[name] = float(values[name])  # type: ignore[arg-type]
    cfg = SyncConfig(**values)  # type: ignore[arg-type]
    return replace(cfg, **overrides) if overrides else cfg


def strip_password(url: str) -> tuple[str, str | None]:
    """(url without password, the password it carried or None): in
    ``user:password@`` or a ``password=`` parameter (app/privacy/credentials.py)."""
    from app.privacy.credentials import split_password

    return split_password(_libpq_url(url))


def _libpq_url(url: str) -> str:
    for prefix in ("postgresql+psycopg://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql://" + url[len(prefix):]
    return url


def conninfo_kwargs(cfg: SyncConfig, password: str | None) -> dict[str, object]:
    """libpq parameters: TLS passed through, and every wait bounded."""
    timeout_ms = int(cfg.timeout_s * 1000)
    kw: dict[str, object] = {
        "conninfo": _libpq_url(cfg.hq_url or ""),
        "connect_timeout": max(2, int(cfg.timeout_s)),
        "options": f"-c statement_timeout={timeout_ms} -c lock_timeout={timeout_ms} "
                   f"-c idle_in_transaction_session_timeout={timeout_ms * 2}",
        "application_name": f"branchdesk-sync-{cfg.branch_code or ''}",
        "sslmode": cfg.sslmode,
        # A dead peer is noticed by the kernel too, not only by our watchdog.
        "keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 5, "keepalives_count": 3,
        "tcp_user_timeout": timeout_ms,
    }
    if cfg.sslrootcert:
        kw["sslrootcert"] = cfg.sslrootcert
    if password is not None:
        kw["password"] = password
    return kw


# --- the password -------------------------------------------------------

def default_password_file(branch_code: str) -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir("BranchDesk", "BranchDesk")) / f"hq-password-{branch_code.lower()}"


def _keyring():  # type: ignore[no-untyped-def]
    """The keyring module when installed with a usable backend, else None."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:  # a broken backend is the same as none
        return None
    # The "fail" and "null" backends (no keyring daemon) have priority <= 0.
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
        return None
    return keyring


def read_password_file(path: Path) -> str:
    """The password in ``path``; refused if group or others may read it."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise PasswordUnavailable(f"The head-office password file {path} does not exist.") from None
    if os.name == "posix" and st.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise PasswordUnavailable(
            f"The password file {path} can be read by other accounts; run 'chmod 600 {path}' first."
        )
    text = path.read_text(encoding="utf-8").strip()
    if not text:
        raise PasswordUnavailable(f"The head-office password file {path} is empty.")
    return text


def write_password_file(path: Path, password: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(password + "\n")
    os.chmod(path, 0o600)  # also when the file existed with looser rights


def password_place(cfg: SyncConfig) -> Path | None:
    """The file the password will go to (None: the keyring takes it)."""
    if not cfg.password_file and _keyring() is not None:
        return None
    return Path(cfg.password_file) if cfg.password_file else default_password_file(cfg.branch_code or "branch")


def probe_password_place(cfg: SyncConfig) -> None:
    """PasswordUnavailable unless the password can be kept where it will go
    (checked before anything is written: a configure writes all or nothing)."""
    from app.privacy.credentials import probe_writable

    path = password_place(cfg)
    if path is None:
        return
    try:
        probe_writable(path.parent)
    except OSError as exc:
        raise PasswordUnavailable(f"The head-office password cannot be kept in {path.parent} "
                                  f"({exc.strerror or exc}); nothing was changed.") from None


def store_password(cfg: SyncConfig, password: str) -> str:
    """Keep the password in the keyring, else a 0600 file; say where."""
    kr = _keyring() if not cfg.password_file else None
    if kr is not None:
        try:
            kr.set_password(KEYRING_SERVICE, f"{cfg.role}@{cfg.describe_target()}", password)
            return "the system keyring"
        except Exception:  # locked or absent keyring: fall back to the file
            pass
    path = Path(cfg.password_file) if cfg.password_file else default_password_file(cfg.branch_code or "branch")
    write_password_file(path, password)
    return str(path)


def find_password(cfg: SyncConfig) -> str:
    """The branch role's password: injected, keyring, or the 0600 file."""
    if cfg.password is not None:
        return cfg.password
    if not cfg.password_file:
        kr = _keyring()
        if kr is not None:
            try:
                found = kr.get_password(KEYRING_SERVICE, f"{cfg.role}@{cfg.describe_target()}")
            except Exception:
                found = None
            if found:
                return found
    path = Path(cfg.password_file) if cfg.password_file else default_password_file(cfg.branch_code or "branch")
    return read_password_file(path)
