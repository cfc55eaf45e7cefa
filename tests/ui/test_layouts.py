"""Every screen holds at 1024x768, 1366x768, 1920x1080 and 3840x2160 (200 %
scaling), in Chinese and English: no label's or button's text cut (measured
with QFontMetrics), no widget running past its window, no window wider or
taller than its screen. Each size renders in a process whose offscreen
screen has that size (app/ui/screenshots.py)."""

from __future__ import annotations

import datetime as dt

from app.ui.screenshots import LANGUAGES, SIZES, render_all, shots


def test_every_screen_fits_every_size_in_both_languages(tmp_path):
    results = render_all(tmp_path, jobs=2, day=dt.date(2026, 11, 23))
    problems = [f"{r['size']} {r['screen']} {r['language']}: {p}" for r in results for p in r["problems"]]
    assert problems == []
    pictured = {(r["size"], r["screen"], r["language"]) for r in results}
    assert pictured == {(size, shot.name, lang) for size in SIZES for shot in shots() for lang in LANGUAGES}
    big = next(r["file"] for r in results if r["size"] == "3840x2160" and r["screen"] == "lobby")
    from PySide6.QtGui import QImage

    assert QImage(big).size().toTuple() == (3840, 2160)  # drawn at twice the pixels, laid out as 1920x1080
