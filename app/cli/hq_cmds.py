"""``branchdesk hq report|add-reader|screen``: head office's consolidated view,
read with a role that reads every branch and writes nothing."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.registry import Arg, Context, Outcome, UsageError, command, parse_date
from app.cli.sync_cmds import _hq_url
from app.hq.admin import add_reader
from app.hq.report import GOALS, build_hq_report
from app.reports.export import FORMATS, write_report
from app.reports.model import InvalidPeriod


def _goal(text: str) -> float:
    value = float(text)
    if not 1 <= value <= 100:
        raise ValueError(text)
    return value


@command("hq report", Arg("--from", parse_date, required=True, help="first business day, YYYY-MM-DD"),
         Arg("--to", parse_date, required=True, help="last business day, YYYY-MM-DD"),
         Arg("--format", str, choices=FORMATS, help="pdf, csv or json (default: from the -o file name)"),
         Arg("-o", str, help="file to write (csv and json go to standard output without it)"),
         Arg("--region", help="only the branches of this region (hq add-branch --region)"),
         Arg("--goal", _goal, help=f"within-target goal in percent (default {GOALS['within_target']:g})"),
         help="every branch's figures from head office's summaries: ranking, trend, missed targets "
              "(--db: a reader role, hq add-reader)", needs_db=False, batchable=False)
def hq_report(ctx: Context, a: argparse.Namespace) -> Outcome:
    from app.hq.render import render, to_json_data

    out = getattr(a, "o", None)
    fmt = a.format or (Path(out).suffix.lower().lstrip(".") if out else "")
    if fmt not in FORMATS:
        raise UsageError("Say which format to write with --format pdf, csv or json.")
    if out is None and fmt == "pdf":
        raise UsageError("A PDF report needs a file name: add -o report.pdf.")
    try:
        report = build_hq_report(_hq_url(ctx), getattr(a, "from"), a.to, region=a.region, as_of=ctx.at,
                                 goal_pct=a.goal if a.goal is not None else GOALS["within_target"])
    except InvalidPeriod as exc:
        raise UsageError(exc.message) from None
    if a.region is not None and not report.branches:
        raise UsageError(f"No branch is in region {a.region!r}; see hq add-branch --region.")
    data = {"branches": len(report.branches), "missed": [r.code for r in report.missed], "format": fmt,
            "path": None, "total": report.total}
    if out is None:
        text = render(report, fmt).decode("utf-8-sig")
        return Outcome(to_json_data(report) if fmt == "json" else data, text.rstrip("\n"))
    data["path"] = str(write_report(report, fmt, out, renderer=render))
    t = report.total
    return Outcome(data, f"Head-office report {report.date_from} to {report.date_to}: {len(report.branches)} "
                         f"branches, {t.issued} issued, {t.within_target_pct if t.within_target_pct is not None else '-'}"
                         f" % within target, {len(report.missed)} missed a target; written to {data['path']}.")


@command("hq add-reader", Arg("role", help="login role name, e.g. hq_reports"),
         Arg("--password", help="its password (default: generated and shown once)"),
         help="a login role that reads every branch and writes nothing (for hq report and hq screen)",
         needs_db=False, batchable=False)
def hq_add_reader(ctx: Context, a: argparse.Namespace) -> Outcome:
    acc = add_reader(_hq_url(ctx), a.role, password=a.password)
    text = f"Reader role {acc.role} {'added' if acc.created else 'updated'}: it reads every branch, writes nothing."
    if acc.password:
        text += f"\nIts password (shown once): {acc.password}"
    return Outcome(acc, text)


@command("hq screen", Arg("--region", help="only the branches of this region"),
         Arg("--language", choices=("zh_CN", "en")),
         help="head office's live per-branch tiles (--db: a reader role)", needs_db=False, batchable=False,
         needs_display=True)
def hq_screen(ctx: Context, a: argparse.Namespace) -> Outcome:
    from app.ui.hq.screen import run_hq_screen

    code = run_hq_screen(_hq_url(ctx), region=a.region, language=a.language, at=ctx.at)
    return Outcome({"exit_code": code}, "", exit_code=code)

