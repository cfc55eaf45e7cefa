"""Fill unfinished translations of a Qt .ts file from a JSON map (English -> translation).

    .venv/bin/python tools/fill_translations.py resources/i18n/branchdesk_zh_CN.ts zh.json

Only messages marked unfinished whose source is in the map are filled; every
other message is left as it is. Prints what is still unfinished. Run lrelease
afterwards (tools/make_translations.sh does both steps for the main catalogue).
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def fill(ts: Path, mapping: dict[str, str]) -> list[str]:
    tree = ET.parse(ts)
    missing = []
    for msg in tree.getroot().iter("message"):
        tr = msg.find("translation")
        source = msg.findtext("source") or ""
        if tr is None or tr.get("type") != "unfinished":
            continue
        if source in mapping:
            tr.text = mapping[source]
            del tr.attrib["type"]
        else:
            missing.append(source)
    ET.indent(tree)
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
                  + ET.tostring(tree.getroot(), encoding="unicode") + "\n", encoding="utf-8")
    return missing


if __name__ == "__main__":
    left = fill(Path(sys.argv[1]), json.loads(Path(sys.argv[2]).read_text(encoding="utf-8")))
    for source in left:
        print(f"unfinished: {source}")
