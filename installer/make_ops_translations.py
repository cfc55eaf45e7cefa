"""Refresh the setup/admin translations: collect every _t("...") string
(context "Setup") from app/ui/setup and app/ui/admin, merge them into
app/ui/setup/i18n/ops_zh_CN.ts keeping the translations already there, and
compile the .qm with pyside6-lrelease.

    .venv/bin/python installer/make_ops_translations.py [--seed zh.json]

Edit the .ts with pyside6-linguist (or by hand), then run this again.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "app/ui/setup", ROOT / "app/ui/admin"]
TS = ROOT / "app/ui/setup/i18n/ops_zh_CN.ts"
CONTEXT = "Setup"


def collect() -> list[str]:
    found: list[str] = []
    for folder in SOURCES:
        for path in sorted(folder.glob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_t"
                        and node.args and isinstance(node.args[0], ast.Constant)
                        and isinstance(node.args[0].value, str) and node.args[0].value not in found):
                    found.append(node.args[0].value)
    return found


def existing() -> dict[str, str]:
    if not TS.exists():
        return {}
    out = {}
    for msg in ET.parse(TS).getroot().iter("message"):
        tr = msg.find("translation")
        if tr is not None and tr.text:
            out[msg.findtext("source")] = tr.text
    return out


def write(sources: list[str], known: dict[str, str]) -> list[str]:
    ts = ET.Element("TS", version="2.1", language="zh_CN")
    ctx = ET.SubElement(ts, "context")
    ET.SubElement(ctx, "name").text = CONTEXT
    missing = []
    for src in sources:
        msg = ET.SubElement(ctx, "message")
        ET.SubElement(msg, "source").text = src
        tr = ET.SubElement(msg, "translation")
        if src in known:
            tr.text = known[src]
        else:
            tr.set("type", "unfinished")
            missing.append(src)
    ET.indent(ts)
    TS.parent.mkdir(parents=True, exist_ok=True)
    TS.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + ET.tostring(ts, encoding="unicode")
                  + "\n", encoding="utf-8")
    return missing


def main() -> int:
    known = existing()
    if len(sys.argv) == 3 and sys.argv[1] == "--seed":
        known.update(json.loads(Path(sys.argv[2]).read_text(encoding="utf-8")))
    missing = write(collect(), known)
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run([str(lrelease), str(TS), "-qm", str(TS.with_suffix(".qm"))], check=True)
    for src in missing:
        print(f"untranslated: {src}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
