"""A Chinese-capable font for the whole app, readable at arm's length."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from desk.platform.paths import resources_dir

# First match wins: Windows, macOS, then common Linux CJK fonts.
PREFERRED_FAMILIES = (
    "Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC",
    "Source Han Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Droid Sans Fallback",
)
BASE_POINT_SIZE = 13


def load_shipped_fonts() -> list[str]:
    """Fonts dropped into resources/fonts (none are shipped by default) become available."""
    families: list[str] = []
    folder = resources_dir() / "fonts"
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() in (".ttf", ".otf", ".ttc"):
                font_id = QFontDatabase.addApplicationFont(str(path))
                families += QFontDatabase.applicationFontFamilies(font_id)
    return families


def chinese_family() -> str | None:
    available = set(QFontDatabase.families())
    for family in (*load_shipped_fonts(), *PREFERRED_FAMILIES):
        if family in available:
            return family
    for family in QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        return family
    return None


def apply_app_font(app: QApplication) -> QFont:
    font = QFont(app.font())
    family = chinese_family()
    if family:
        font.setFamilies([family])
    font.setPointSize(BASE_POINT_SIZE)
    app.setFont(font)
    return font
