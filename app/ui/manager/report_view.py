"""The daily report on screen and on paper.

This build's PySide6 has no QtPdf, so the screen shows (and prints) the
report's figures as a rich-text document made from the very tables the PDF
and the CSV print, with the hourly chart drawn in as an image.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QSize, QUrl
from PySide6.QtGui import QIcon, QImage, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from app.reports import DailyReport
from app.reports import tables as T
from app.reports.stats import DEFINITIONS
from app.ui.manager.chart import HourlyChart

CHART_URL = QUrl("chart:hours")
_CSS = """
body { font-size: 10pt; }
h1 { font-size: 15pt; margin: 0; }
h2 { font-size: 11.5pt; color: #0b2545; margin-top: 14px; margin-bottom: 4px; }
table { border-collapse: collapse; }
th { background: #e8eef5; font-weight: normal; font-size: 8.5pt; padding: 3px 6px; }
td { padding: 2px 6px; font-size: 9pt; }
.note { color: #555; font-size: 8pt; }
"""


def _table_html(t: T.Table, *, numeric_from: int = 1) -> str:
    head = "".join(f"<th>{html.escape(c.zh)}<br>{html.escape(c.en)}</th>" for c in t.columns)
    rows = []
    for row in t.rows:
        cells = [T.cell(v) for v in row]
        if t.key == "summary":
            zh, en = T.SUMMARY_LABELS[row[0]]
            cells[0] = f"{zh} {en}"
        tds = "".join(
            f'<td align="{"right" if i >= numeric_from else "left"}">{html.escape(c)}</td>'
            for i, c in enumerate(cells)
        )
        rows.append(f"<tr>{tds}</tr>")
    return f'<table border="1" cellspacing="0" cellpadding="3"><tr>{head}</tr>{"".join(rows)}</table>'


def report_html(r: DailyReport, *, with_chart: bool = True) -> str:
    """The report's figures as HTML for QTextDocument (no personal data: none is in the report)."""
    b = r.branch
    parts = [
        f"<html><head><style>{_CSS}</style></head><body>",
        f"<h1>{html.escape(b.name_zh)} 每日等候时间报告</h1>",
        f"<p>{html.escape(b.name_en)} · Daily wait-time report · {r.business_date.isoformat()}<br>"
        f"生成时间 Generated {r.generated_at:%Y-%m-%d %H:%M}</p>",
    ]
    if not r.has_data:
        parts.append("<h2>当日没有取号记录。No tickets were issued on this business day.</h2>")
    for t in T.daily_tables(r):
        parts.append(f"<h2>{html.escape(t.zh)} {html.escape(t.en)}</h2>")
        if t.key == "hours" and with_chart and r.hours:
            parts.append(f'<p><img src="{CHART_URL.toString()}" width="640" height="240"></p>')
        parts.append(_table_html(t, numeric_from=2 if t.key in ("services", "windows") else 1))
    parts.append("<h2>定义 Definitions</h2><p class='note'>")
    parts.append("<br>".join(html.escape(line) for line in DEFINITIONS))
    parts.append("</p></body></html>")
    return "".join(parts)


def chart_image(r: DailyReport, size: QSize = QSize(1280, 480)) -> QImage:
    """The hourly chart rendered off screen (for the document and for printing)."""
    chart = HourlyChart()
    chart.resize(size)
    chart.set_hours(r.hours)
    image = QImage(size, QImage.Format.Format_ARGB32)
    image.fill(0xFFFFFFFF)
    chart.render(image)
    return image


def report_document(r: DailyReport) -> QTextDocument:
    doc = QTextDocument()
    doc.addResource(QTextDocument.ResourceType.ImageResource, CHART_URL, chart_image(r))
    doc.setHtml(report_html(r))
    return doc


class ReportDialog(QDialog):
    """Shows the daily report's figures; Print opens the system print dialog."""

    def __init__(self, report: DailyReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.setWindowTitle(self.tr("Daily report %1").replace("%1", report.business_date.isoformat()))
        self.resize(980, 760)
        lay = QVBoxLayout(self)
        self.view = QTextBrowser()
        self.view.setDocument(report_document(report))
        lay.addWidget(self.view)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)  # "关闭" from Qt's own translation
        buttons.button(QDialogButtonBox.StandardButton.Close).setIcon(QIcon())  # words, no ✗
        self.print_button = buttons.addButton(self.tr("Print..."), QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.clicked.connect(lambda: print_report(self, report))
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)


def print_report(parent: QWidget, report: DailyReport) -> bool:
    """The system print dialog, then the report's document on the chosen printer."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(f"BranchDesk daily report {report.business_date.isoformat()}")
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("ReportDialog", "Print the daily report"))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    if not _print_pdf_pages(printer, report):
        report_document(report).print_(printer)
    return True


def _print_pdf_pages(printer: QPrinter, report: DailyReport) -> bool:
    """Print the PDF itself, page by page, when this PySide6 has QtPdf (Addons
    builds differ); False means "not available here": print the figures instead."""
    try:
        from PySide6.QtCore import QBuffer, QByteArray, QIODevice
        from PySide6.QtGui import QPainter
        from PySide6.QtPdf import QPdfDocument
    except ImportError:
        return False
    from app.reports.pdf import to_pdf

    buffer = QBuffer()
    buffer.setData(QByteArray(to_pdf(report)))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    doc = QPdfDocument()
    doc.load(buffer)
    if doc.pageCount() == 0:
        return False
    painter = QPainter(printer)
    try:
        target = painter.viewport()
        for page in range(doc.pageCount()):
            if page:
                printer.newPage()
            image = doc.render(page, target.size())
            painter.drawImage(target, image)
    finally:
        painter.end()
    return True
