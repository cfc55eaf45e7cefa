"""The machine-level settings file (settings.toml): which database, language,
screen role, log level, lobby monitor, head-office sync, backups. (The printer
and the serial keypads/displays are branch settings in the database:
app/devices/config.py, app/devices/serial_devices.py.)

Branch settings (services, notice text, priority ratio...) live in the
database; this file holds only what differs from one PC to the next. It is
read with ``tomllib`` and written with the tiny writer below (flat tables of
strings, numbers and booleans), so a hand edit stays readable. Every value is
checked on load; a wrong one gives one sentence naming the key.
"""

from __future__ import annotations

import os
import re
import tempfile
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.errors import DomainError

FILE_NAME = "settings.toml"
LANGUAGES = ("zh_CN", "en")
SCREEN_ROLES = ("", "greeter", "teller", "lobby", "complaints", "manager", "admin")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


class SettingsFileError(DomainError):
    """The settings file cannot be read or holds a wrong value."""

    code = "settings_file"


def settings_path() -> Path:
    """$BRANCHDESK_CONFIG, else settings.toml in the machine's or this
    account's configuration folder (app/paths.py)."""
    env = os.environ.get("BRANCHDESK_CONFIG")
    if env:
        return Path(env).expanduser()
    from app.paths import folders

    return folders().config / FILE_NAME


# --- validators: each returns True when the value is acceptable -------------

def _db_url(v: object) -> bool:
    if not isinstance(v, str):
        return False
    if v == "":
        return True  # empty: the embedded SQLite file
    return bool(re.match(r"^(sqlite:///.+|postgres(ql)?(\+psycopg)?://[^\s]+)$", v))


def _one_of(values: tuple[str, ...]) -> Callable[[object], bool]:
    return lambda v: isinstance(v, str) and v in values


def _int_range(lo: int, hi: int) -> Callable[[object], bool]:
    return lambda v: isinstance(v, int) and not isinstance(v, bool) and lo <= v <= hi


def _text(max_len: int) -> Callable[[object], bool]:
    return lambda v: isinstance(v, str) and len(v) <= max_len and "\n" not in v


def _bool(v: object) -> bool:
    return isinstance(v, bool)


@dataclass(frozen=True)
class Key:
    default: Any
    valid: Callable[[object], bool]
    means: str  # "is not a valid database address" completes the sentence


SCHEMA: dict[str, Key] = {
    "database.url": Key("", _db_url, "is not a valid database address (empty, sqlite:///PATH or postgresql://...)"),
    "ui.language": Key("zh_CN", _one_of(LANGUAGES), f"must be one of {', '.join(LANGUAGES)}"),
    "ui.screen_role": Key("", _one_of(SCREEN_ROLES), "must be greeter, teller, lobby, complaints, manager, admin or empty"),
    "ui.lobby_monitor": Key(0, _int_range(0, 16), "must be a monitor number from 0 to 16"),
    "ui.teller_window": Key(0, _int_range(0, 999), "must be a window number from 0 to 999"),
    "logging.level": Key("INFO", _one_of(LOG_LEVELS), f"must be one of {', '.join(LOG_LEVELS)}"),
    "logging.keep_files": Key(5, _int_range(1, 50), "must be a whole number from 1 to 50"),
    "sync.enabled": Key(False, _bool, "must be true or false"),
    "sync.hq_url": Key("", lambda v: v == "" or _db_url(v), "is not a valid database address"),
    "sync.interval_min": Key(5, _int_range(1, 1440), "must be a number of minutes from 1 to 1440"),
    "backup.folder": Key("", _text(500), "must be a folder path"),
    "backup.keep": Key(14, _int_range(1, 365), "must be a whole number from 1 to 365"),
}


def defaults() -> dict[str, Any]:
    return {k: key.default for k, key in SCHEMA.items()}


def check_value(name: str, value: object, file_label: str = FILE_NAME) -> None:
    """Raise SettingsFileError naming the key when ``value`` is not valid."""
    key = SCHEMA.get(name)
    if key is None:
        raise SettingsFileError(f"{file_label}: key '{name}' is unknown.", key=name)
    if not key.valid(value):
        raise SettingsFileError(f"{file_label}: key '{name}' {key.means}.", key=name)


def parse(text: str, file_label: str = FILE_NAME) -> dict[str, Any]:
    """Settings from TOML text, merged over the defaults and validated."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsFileError(f"{file_label}: the file is not valid TOML ({exc}).") from None
    values = defaults()
    for table, items in raw.items():
        if not isinstance(items, dict):
            raise SettingsFileError(f"{file_label}: key '{table}' must be a [section], not a value.", key=table)
        for k, v in items.items():
            name = f"{table}.{k}"
            check_value(name, v, file_label)
            values[name] = v
    return values


def load(path: Path | None = None) -> dict[str, Any]:
    """The settings in force: the file's values over the defaults (no file: defaults)."""
    path = path or settings_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return defaults()
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsFileError(f"{path.name}: the file cannot be read ({exc}).") from None
    return parse(text, path.name)


def exists(path: Path | None = None) -> bool:
    return (path or settings_path()).is_file()


def _toml_value(v: object) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    s = str(v).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{s}"'


def dumps(values: dict[str, Any]) -> str:
    """TOML text for ``values`` (validated first), one [table] per prefix."""
    tables: dict[str, list[str]] = {}
    for name in SCHEMA:
        value = values.get(name, SCHEMA[name].default)
        check_value(name, value)
        table, key = name.split(".", 1)
        tables.setdefault(table, []).append(f"{key} = {_toml_value(value)}")
    parts = ["# BranchDesk machine settings. Branch settings live in the database.\n"]
    for table, lines in tables.items():
        parts.append(f"[{table}]\n" + "\n".join(lines) + "\n")
    return "\n".join(parts)


def save(values: dict[str, Any], path: Path | None = None) -> Path:
    """Write the settings atomically (temporary file, then rename). On a
    per-machine install the file is 0640: its group (the BranchDesk group,
    inherited from the folder) reads it, nobody else does."""
    from app.paths import folders

    path = path or settings_path()
    text = dumps(values)
    path.parent.mkdir(parents=True, exist_ok=True)
    # A unique temporary name: another account of the group may have left one.
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".settings-", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    if folders().per_machine:  # it names the database: the BranchDesk group's only, else the owner's
        from app.privacy.keys import restrict_to_group

        restrict_to_group(Path(tmp), 0o640, 0o640)  # the folder's group where BranchDesk's is not ours
    else:
        os.chmod(tmp, 0o600)
    os.replace(tmp, path)
    return path
