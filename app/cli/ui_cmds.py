"""The desktop application: ``run`` (default with no arguments), ``demo``, ``screenshots``.

Qt is imported only inside the handlers, so the headless commands stay fast
and work without a display.
"""

from __future__ import annotations

import argparse

from app.cli.registry import Arg, Context, Outcome, UsageError, command

LANG = Arg("--language", str, choices=("zh_CN", "en"), help="screen language (default: setting ui.language)")


def _screens(text: str | None) -> list[str] | None:
    if not text:
        return None
    from app.ui.screens import SCREENS

    names = [n.strip() for n in text.split(",") if n.strip()]
    unknown = [n for n in names if n not in SCREENS]
    if unknown:
        raise UsageError(f"Unknown screen {unknown[0]!r}; screens are {', '.join(SCREENS)}.")
    return names


@command("run", Arg("--open", str, help="screens to open after login, e.g. greeter,lobby"),
         Arg("--screen", int, help="monitor number for the lobby display or the rating pad (0 = first)"),
         Arg("--lobby", action="store_true", help="only the lobby display (no login: it shows no personal data)"),
         Arg("--rating-pad", action="store_true",
             help="only the customer's rating pad of --window N (no login: it shows no personal data)"),
         Arg("--window", int, help="the teller window whose rating pad this is (with --rating-pad)"),
         LANG, help="start the desktop application (log in, then your screens)", needs_db=False, batchable=False,
         needs_display=True)
def run(ctx: Context, a: argparse.Namespace) -> Outcome:
    from app.ui.app import run as run_app

    if a.rating_pad and (a.window is None or a.window < 1):
        raise UsageError("The rating pad needs its window: run --rating-pad --window N (N = 1, 2, ...).")
    if a.window is not None and not a.rating_pad:
        raise UsageError("--window goes with --rating-pad.")
    if a.rating_pad and (a.lobby or a.open):
        raise UsageError("--rating-pad runs alone: leave out --lobby and --open.")
    code = run_app(ctx.db_url, screens=_screens(a.open), lobby_monitor=a.screen, lobby_only=a.lobby,
                   language=a.language, rating_pad=a.window if a.rating_pad else None)
    return Outcome({"exit_code": code}, "", code)


@command("demo", LANG, help="try BranchDesk in a minute: fresh demo database, greeter, teller and lobby side by side",
         needs_db=False, batchable=False, needs_display=True)
def demo(ctx: Context, a: argparse.Namespace) -> Outcome:
    from app.ui.demo import run_demo

    code = run_demo(ctx.db_url, language=a.language)
    return Outcome({"exit_code": code}, "", code)


@command("screenshots", Arg("--out", str, default="docs/screenshots", help="folder for the PNG files"),
         Arg("--sizes", str, help="comma list of screen sizes (default: 1024x768,1366x768,1920x1080,3840x2160)"),
         Arg("--day", str, help="the day the pictured morning falls on, YYYY-MM-DD (default: today)"),
         help="render every screen at every size to PNG in both languages (offscreen) and check each fits",
         needs_db=False, batchable=False)
def screenshots(ctx: Context, a: argparse.Namespace) -> Outcome:
    import datetime as dt

    from app.ui.screenshots import SIZES, render_all

    sizes = tuple(x.strip() for x in (a.sizes or ",".join(SIZES)).split(",") if x.strip())
    unknown = [x for x in sizes if x not in SIZES]
    if unknown:
        raise UsageError(f"Unknown size {unknown[0]!r}; sizes are {', '.join(SIZES)}.")
    try:
        day = dt.date.fromisoformat(a.day) if a.day else None
    except ValueError:
        raise UsageError(f"--day {a.day!r} is not a date like 2026-11-23.") from None
    results = render_all(a.out, sizes=sizes, day=day)
    files = [r["file"] for r in results if r["file"]]
    problems = [f"{r['size']} {r['screen']} {r['language']}: {p}" for r in results for p in r["problems"]]
    text = "\n".join(files + problems) + f"\n{len(files)} pictures, {len(problems)} layout problems"
    return Outcome({"files": files, "problems": problems}, text, 1 if problems else 0)
