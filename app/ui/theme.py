"""Colours and the style sheet shared by the staff screens (greeter, teller)."""

from __future__ import annotations

from pathlib import Path

NAVY = "#0b2545"
BLUE = "#1f5fbf"
BLUE_DARK = "#174a96"
GOLD = "#ffc933"
RED = "#c0392b"
GREEN = "#1e8449"
INK = "#1b2430"
MUTED = "#5b6778"
LINE = "#d5dce6"
PAPER = "#f3f6fa"

CHEVRON = (Path(__file__).parent / "assets" / "chevron-down.svg").as_posix()

STAFF_QSS = f"""
QWidget {{ color: {INK}; }}
QWidget#screen {{ background: {PAPER}; }}
QFrame#card {{ background: white; border: 1px solid {LINE}; border-radius: 12px; }}
QFrame#header {{ background: {NAVY}; }}
QFrame#header QLabel {{ color: white; }}
QLabel#title {{ font-size: 22px; font-weight: 600; }}
QLabel#subtitle {{ color: #c8d6ea; font-size: 15px; }}
QLabel#section {{ font-size: 17px; font-weight: 600; color: {NAVY}; }}
QLabel#muted {{ color: {MUTED}; font-size: 14px; }}
QLabel#bigNumber {{ font-size: 96px; font-weight: 700; color: {NAVY}; }}
QLabel#scaledNumber {{ font-weight: 700; color: {NAVY}; }}
QLabel#figure {{ font-size: 26px; font-weight: 700; color: {NAVY}; }}
QPushButton {{
    background: white; border: 1px solid {LINE}; border-radius: 8px;
    padding: 8px 14px; font-size: 16px; min-height: 28px;
}}
QPushButton:hover {{ border-color: {BLUE}; }}
QPushButton:disabled {{ color: #9aa5b4; background: #eef1f5; }}
QPushButton#primary {{ background: {BLUE}; color: white; border: none; font-weight: 600; min-height: 44px; }}
QPushButton#primary:hover {{ background: {BLUE_DARK}; }}
QPushButton#primary:disabled {{ background: #9db5dc; color: #eef3fb; }}
QPushButton#primary[form="true"] {{ min-height: 22px; min-width: 96px; }}
QPushButton#danger {{ color: {RED}; }}
QPushButton#danger:disabled {{ color: #c9a7a3; }}
QPushButton#service {{
    background: white; border: 2px solid {LINE}; border-radius: 14px;
    padding: 10px 16px; text-align: left; font-size: 18px; min-height: 76px;
}}
QPushButton#service:checked {{ border: 3px solid {BLUE}; background: #eaf1fc; }}
QPushButton#toggle {{ border-radius: 19px; padding: 6px 10px; font-size: 15px; min-height: 24px; }}
QTabBar::tab {{ padding: 8px 18px; font-size: 16px; }}
QPushButton#toggle:checked {{ background: {NAVY}; color: white; border-color: {NAVY}; }}
QPushButton#key, QPushButton#keyPrimary {{ min-height: 44px; font-size: 17px; font-weight: 600; }}
QPushButton#keyPrimary {{ background: {BLUE}; color: white; border: none; }}
QPushButton#keyPrimary:hover {{ background: {BLUE_DARK}; }}
QPushButton#keyPrimary:disabled {{ background: #9db5dc; color: #eef3fb; }}
QLineEdit, QComboBox, QPlainTextEdit {{
    background: white; border: 1px solid {LINE}; border-radius: 8px; padding: 6px 10px; font-size: 16px;
}}
QAbstractSpinBox {{ font-size: 16px; min-height: 30px; }}
QComboBox::drop-down {{ border: none; width: 30px; }}
QComboBox::down-arrow {{ image: url("{CHEVRON}"); width: 12px; height: 8px; }}
QLineEdit:focus, QComboBox:focus, QPlainTextEdit:focus {{ border: 2px solid {BLUE}; }}
QLineEdit[invalid="true"] {{ border: 2px solid {RED}; }}
QTableWidget {{
    background: white; border: 1px solid {LINE}; border-radius: 8px; font-size: 16px;
    gridline-color: #eef1f5; selection-background-color: #dbe7fb; selection-color: {INK};
}}
QHeaderView::section {{
    background: #eef2f7; border: none; border-bottom: 1px solid {LINE}; padding: 6px; font-size: 14px;
    color: {MUTED};
}}
"""
