"""Report charts drawn with reportlab.graphics (no matplotlib).

The combined chart (bars for counts, a line for the average wait on a right
axis) is what the hourly chart and the range trend chart both are.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect, String
from reportlab.lib import colors

BAR_COLOURS = (colors.HexColor("#8fb3d9"), colors.HexColor("#2e6da4"))
LINE_COLOUR = colors.HexColor("#d9480f")


def _nice_max(value: float) -> float:
    """A round axis maximum at or above ``value`` (1, 2, 5 x 10^n)."""
    if value <= 0:
        return 1
    exp = 10 ** math.floor(math.log10(value))
    for step in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if step * exp >= value:
            return step * exp
    return 10 * exp


def _legend(d: Drawing, x: float, y: float, items: Sequence[tuple[str, object, bool]], font: str) -> None:
    for label, colour, is_line in items:
        if is_line:
            d.add(Line(x, y + 3, x + 12, y + 3, strokeColor=colour, strokeWidth=2))
        else:
            d.add(Rect(x, y, 12, 7, fillColor=colour, strokeColor=None))
        d.add(String(x + 15, y, label, fontName=font, fontSize=7))
        x += 18 + 5.5 * len(label.encode("gbk", "replace")) + 6


def bars_and_line(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[int]]],
    line: tuple[str, Sequence[float | None]] | None,
    *,
    font: str,
    width: float = 480,
    height: float = 200,
    label_every: int = 1,
) -> Drawing:
    """Grouped bars (left axis) with an optional line (right axis, minutes)."""
    d = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 40, 40
    chart.width, chart.height = width - 90, height - 70
    data = [list(values) or [0] for _, values in series]
    chart.data = data
    top = _nice_max(max((max(v) for v in data), default=0))
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, top
    chart.valueAxis.valueStep = top / 5
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    shown = [lab if i % label_every == 0 else "" for i, lab in enumerate(labels)] or [""]
    chart.categoryAxis.categoryNames = shown
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 6 if len(labels) > 16 else 7
    if len(labels) > 16:
        chart.categoryAxis.labels.angle = 45
        chart.categoryAxis.labels.boxAnchor = "ne"
    chart.barSpacing = 0.5
    chart.groupSpacing = 2 if len(labels) > 40 else 5
    for i in range(len(data)):
        chart.bars[i].fillColor = BAR_COLOURS[i % len(BAR_COLOURS)]
        chart.bars[i].strokeColor = None
    d.add(chart)
    legend = [(name, BAR_COLOURS[i % len(BAR_COLOURS)], False) for i, (name, _) in enumerate(series)]
    if line is not None:
        _add_line(d, chart, line[1], font)
        legend.append((line[0], LINE_COLOUR, True))
    _legend(d, chart.x, height - 14, legend, font)
    return d


def _add_line(d: Drawing, chart: VerticalBarChart, values: Sequence[float | None], font: str) -> None:
    present = [v for v in values if v is not None]
    top = _nice_max(max(present, default=0))
    n = max(1, len(values))
    step = chart.width / n
    x_right = chart.x + chart.width
    d.add(Line(x_right, chart.y, x_right, chart.y + chart.height, strokeColor=LINE_COLOUR, strokeWidth=0.5))
    for k in range(6):
        y = chart.y + chart.height * k / 5
        d.add(Line(x_right, y, x_right + 3, y, strokeColor=LINE_COLOUR, strokeWidth=0.5))
        d.add(String(x_right + 5, y - 2.5, f"{top * k / 5:g}", fontName=font, fontSize=7, fillColor=LINE_COLOUR))
    points: list[float] = []
    for i, v in enumerate(values):
        if v is None:
            continue
        x = chart.x + step * (i + 0.5)
        y = chart.y + chart.height * v / top
        points += [x, y]
        if n <= 40:
            d.add(Circle(x, y, 1.8, fillColor=LINE_COLOUR, strokeColor=None))
    if len(points) >= 4:
        d.add(PolyLine(points, strokeColor=LINE_COLOUR, strokeWidth=1.5))


def histogram_chart(bins: Sequence[tuple[str, int]], *, font: str, label: str,
                    width: float = 480, height: float = 170) -> Drawing:
    """Bars of tickets per wait bin (minutes)."""
    return bars_and_line([b for b, _ in bins], [(label, [n for _, n in bins])], None,
                         font=font, width=width, height=height)
