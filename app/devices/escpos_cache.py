"""One cache for python-escpos's printer profiles.

At import python-escpos reads its profiles (capabilities.json, about 1 MB)
with a pure-Python YAML parser, about 0.3 s, and keeps the result in a
pickle in a *new* temporary folder each time (``mkdtemp()``): the cache never
hits, and every process that imports it leaves a folder behind in /tmp (or
%TEMP%). ``prepare`` points it at one folder in this account's cache,
filled from the JSON file (JSON is YAML, and ``json`` reads it in about a
millisecond), written under a temporary name and renamed, so two processes
starting together never read half a file.
"""

from __future__ import annotations

import importlib.util
import json
import os
import pickle
import platform
from pathlib import Path

from app.errors import DomainError

ENV = "ESCPOS_CAPABILITIES_PICKLE_DIR"


def prepare() -> Path | None:
    """Set $ESCPOS_CAPABILITIES_PICKLE_DIR to a filled cache folder (before
    escpos is imported); None when it was set already or cannot be made."""
    if os.environ.get(ENV):
        return None
    try:
        spec = importlib.util.find_spec("escpos")
        if spec is None or not spec.submodule_search_locations:
            return None
        source = Path(list(spec.submodule_search_locations)[0]) / "capabilities.json"
        folder = _cache_folder()
        target = folder / f"{platform.python_version()}.capabilities.pickle"
        if not target.is_file() or target.stat().st_mtime < source.stat().st_mtime:
            folder.mkdir(parents=True, exist_ok=True)
            data = json.loads(source.read_text(encoding="utf-8"))
            tmp = folder / f".{target.name}.{os.getpid()}"
            tmp.write_bytes(pickle.dumps(data, protocol=2))
            os.replace(tmp, target)
    except (OSError, ValueError, DomainError):  # python-escpos then reads the file itself, as before
        return None
    os.environ[ENV] = str(folder)
    return folder


def _cache_folder() -> Path:
    """The machine's data folder on an installed copy (nothing in an account's
    folders), else this account's cache."""
    from app.paths import folders

    f = folders()
    if f.per_machine:  # made by the installer with the group's rights: never made here
        if not f.data.is_dir():
            raise FileNotFoundError(f.data)
        return f.data / "cache" / "escpos"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("BranchDesk", "BranchDesk")) / "escpos"
