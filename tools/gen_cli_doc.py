"""Regenerate the command reference in docs/cli.md from the command registry.

    .venv/bin/python tools/gen_cli_doc.py          # rewrite the generated block
    .venv/bin/python tools/gen_cli_doc.py --check  # exit 1 if docs/cli.md is stale

Only the text between the BEGIN/END markers is generated; everything else in
docs/cli.md is written by hand. A feature that registers new commands runs
this script and commits the result.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DOC = ROOT / "docs" / "cli.md"
BEGIN = "<!-- BEGIN GENERATED COMMANDS (tools/gen_cli_doc.py) -->"
END = "<!-- END GENERATED COMMANDS -->"

TYPE_NAMES = {"int": "integer", "str": "text", "float": "number", "parse_date": "date (YYYY-MM-DD)",
              "parse_at": "time (ISO-8601)", "reference": "id (integer) or text"}


def _type_name(arg) -> str:  # type: ignore[no-untyped-def]
    if arg.action == "store_true":
        return "flag"
    name = getattr(arg.type, "__name__", str(arg.type))
    return TYPE_NAMES.get(name, name)


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def render() -> str:
    from app.cli import load_commands

    commands = load_commands()
    out = [BEGIN, "", "| command | what it does | in batch |", "| --- | --- | --- |"]
    for name, cmd in sorted(commands.items()):
        anchor = "branchdesk-" + name.replace(" ", "-")
        out.append(f"| [`{name}`](#{anchor}) | {_cell(cmd.help)} | {'yes' if cmd.batchable else 'no'} |")
    for name, cmd in sorted(commands.items()):
        out += ["", f"### branchdesk {name}", "", f"{cmd.help[:1].upper()}{cmd.help[1:]}.".replace("..", "."), ""]
        out.append(f"Defined in `{cmd.handler.__module__}`; "
                   + ("usable in `branchdesk batch`." if cmd.batchable else "not usable in `branchdesk batch`."))
        if not cmd.args:
            out += ["", "No options besides the common ones."]
            continue
        out += ["", "| option | batch field | type | required | default | meaning |",
                "| --- | --- | --- | --- | --- | --- |"]
        for a in cmd.args:
            positional = not a.flag.startswith("-")
            flag = a.flag if not positional else f"{a.flag.upper()} (positional)"
            default = "" if a.default in (None, False) else f"`{a.default}`"
            meaning = a.help + (f" One of: {', '.join(a.choices)}." if a.choices else "")
            out.append(f"| `{flag}` | `{a.dest}` | {_type_name(a)} | {'yes' if a.required or positional else 'no'} | "
                       f"{default} | {_cell(meaning)} |")
    out += ["", END]
    return "\n".join(out)


def updated(text: str) -> str:
    if BEGIN not in text or END not in text:
        raise SystemExit(f"{DOC} lacks the generated-block markers.")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return head + render() + tail


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--check", action="store_true", help="only report whether docs/cli.md is current")
    a = ap.parse_args()
    text = DOC.read_text(encoding="utf-8")
    new = updated(text)
    if a.check:
        if new != text:
            print("docs/cli.md is out of date; run: .venv/bin/python tools/gen_cli_doc.py", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
