"""The layering rule of DESIGN.md, kept true by walking every import.

Only app/ui may import Qt (PySide6, qasync); everything below it must run on a
machine without a display. app/ui never talks SQL: screens go through services.
"""

from __future__ import annotations

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app"
QT = ("PySide6", "qasync", "shiboken6")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _modules() -> list[Path]:
    return sorted(p for p in APP.rglob("*.py") if "__pycache__" not in p.parts)


def test_core_never_imports_qt():
    offenders = []
    for path in _modules():
        rel = path.relative_to(APP.parent).as_posix()
        if rel.startswith("app/ui/"):
            continue
        bad = {n for n in _imports(path) if n.split(".")[0] in QT}
        if bad:
            offenders.append(f"{rel}: {sorted(bad)}")
    assert offenders == [], "Qt imported outside app/ui:\n" + "\n".join(offenders)


def test_screens_never_import_sqlalchemy():
    offenders = []
    for path in _modules():
        rel = path.relative_to(APP.parent).as_posix()
        if not rel.startswith("app/ui/"):
            continue
        bad = {n for n in _imports(path) if n.split(".")[0] == "sqlalchemy"}
        if bad:
            offenders.append(rel)
    assert offenders == [], "app/ui talks to the database directly: " + ", ".join(offenders)


def test_every_package_has_modules():
    # The walk above must actually see the code it guards.
    assert len(_modules()) > 20
    assert (APP / "queue" / "calling.py") in _modules()
