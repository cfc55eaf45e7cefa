"""Translations (Qt .qm files) and the CJK font.

Chinese (zh_CN) is the default language; English is second. Source strings in
the code are English; resources/i18n/branchdesk_<lang>.qm hold the rest.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

log = logging.getLogger("branchdesk.ui")

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
I18N_DIR = RESOURCES / "i18n"
LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"

# Families tried in order: Windows, Debian (fonts-wqy-microhei), Noto, macOS.
CJK_FAMILIES = ["Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC", "PingFang SC", "SimHei"]
_SYSTEM_FONT_FILES = [
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "C:/Windows/Fonts/msyh.ttc",
]

_installed: list[QTranslator] = []
_qt_own: list[QTranslator] = []  # Qt's own texts (qtbase: file, print and message dialogs)
_secondary: dict[str, QTranslator] = {}


def normalise_language(lang: object) -> str:
    text = str(lang or "").replace("-", "_")
    if text.lower().startswith("en"):
        return "en"
    return DEFAULT_LANGUAGE


def load_translator(lang: str) -> QTranslator | None:
    """A translator for ``lang`` loaded from resources/i18n, or None."""
    tr = QTranslator()
    qm = I18N_DIR / f"branchdesk_{lang}.qm"
    if qm.exists() and tr.load(str(qm)):
        return tr
    log.warning("no translation file for %s at %s", lang, qm)
    return None


def install_language(lang: object) -> str:
    """Make ``lang`` the application language (removing the previous one)."""
    app = QCoreApplication.instance()
    code = normalise_language(lang)
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    tr = load_translator(code)
    if tr is not None:
        app.installTranslator(tr)
        _installed.append(tr)
    _install_qt_own(app, code)
    return code


def _install_qt_own(app: QCoreApplication, code: str) -> None:
    """Qt's own translations (qtbase), so its save, print and message dialogs
    and standard buttons speak the app's language (English needs none)."""
    for old in _qt_own:
        app.removeTranslator(old)
    _qt_own.clear()
    if code == "en":
        return
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    tr = QTranslator()
    if tr.load(QLocale(code), "qtbase", "_", folder):
        app.installTranslator(tr)
        _qt_own.append(tr)
    else:
        log.warning("Qt's own %s translation not found in %s: its dialogs speak English", code, folder)


def current_language() -> str:
    """The installed language (zh_CN when nothing was installed)."""
    if not _installed:
        return DEFAULT_LANGUAGE
    return "en" if _installed[0].language().startswith("en") else "zh_CN"


def branch_name(settings: dict) -> str:  # type: ignore[type-arg]
    """The branch's name in the screen language (Chinese when no English name is set)."""
    key = "branch.name_en" if current_language() == "en" else "branch.name_zh"
    return str(settings.get(key) or settings.get("branch.name_zh") or "")


def translate_in(lang: str, context: str, source: str) -> str:
    """``source`` translated into ``lang`` whatever the application language is
    (the lobby display shows Chinese and English at once)."""
    if lang == "en":
        tr = _secondary.get("en")
        if tr is None:
            return source
    else:
        if lang not in _secondary:
            loaded = load_translator(lang)
            if loaded is None:
                return source
            _secondary[lang] = loaded
        tr = _secondary[lang]
    return tr.translate(context, source) or source


def setup_fonts(app: QApplication) -> str | None:
    """Load a CJK font (resources/fonts, then the system) and make it the default."""
    for path in sorted((RESOURCES / "fonts").glob("*.tt[fc]")) + [Path(p) for p in _SYSTEM_FONT_FILES]:
        if path.exists():
            if QFontDatabase.addApplicationFont(str(path)) >= 0:
                break
    available = set(QFontDatabase.families())
    chosen = [f for f in CJK_FAMILIES if f in available]
    if not chosen:
        log.warning("no CJK font found: Chinese text may show as boxes")
        return None
    font = QFont(app.font())
    font.setFamilies(chosen + ["Sans Serif"])
    font.setPointSize(max(font.pointSize(), 11))
    app.setFont(font)
    return chosen[0]
