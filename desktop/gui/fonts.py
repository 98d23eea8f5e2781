"""Fonts for reading Arabic: the bundled Noto Naskh Arabic / Noto Sans Arabic and the fallbacks.

The application ships Noto Naskh Arabic (reading) and Noto Sans Arabic (UI) in ``resources/fonts``
under the SIL Open Font License (``resources/fonts/OFL.txt``), so an article looks the same on every
machine. :func:`load_bundled_fonts` registers them with Qt once; :func:`reading_font` honours the
user's choice when that family is installed and otherwise takes the first available family of
:data:`READING_FAMILIES` (the order of docs/arabic.md, "Display").
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QGuiApplication

from desktop.app.resources import resources_dir

__all__ = [
    "DEFAULT_READING_SIZE",
    "READING_FAMILIES",
    "UI_FAMILIES",
    "actual_family",
    "available_family",
    "load_bundled_fonts",
    "reading_font",
    "ui_font",
]

#: Reading font preference: bundled Naskh first, then what each platform has that covers Arabic.
READING_FAMILIES: tuple[str, ...] = (
    "Noto Naskh Arabic",
    "Amiri",
    "Noto Sans Arabic",
    "Segoe UI",
    "Tahoma",
    "Geeza Pro",
    "DejaVu Sans",
)
#: UI font preference (labels, panels): a sans face is easier at small sizes.
UI_FAMILIES: tuple[str, ...] = (
    "Noto Sans Arabic",
    "Segoe UI",
    "Tahoma",
    "Geeza Pro",
    "Noto Naskh Arabic",
    "DejaVu Sans",
)
#: Point size of the reading font: Naskh has small letter bodies, so it needs more than UI text.
DEFAULT_READING_SIZE = 16.0

_BUNDLED = (
    "NotoNaskhArabic-Regular.ttf",
    "NotoNaskhArabic-Bold.ttf",
    "NotoSansArabic-Regular.ttf",
    "NotoSansArabic-Bold.ttf",
)
_loaded: list[str] | None = None


def load_bundled_fonts() -> list[str]:
    """Register the fonts in ``resources/fonts`` with Qt (once per process).

    Returns the family names that were registered. Missing or unreadable files are skipped: the
    reading font then falls back to a system family. Needs a QGuiApplication.
    """
    global _loaded
    if _loaded is not None:
        return list(_loaded)
    if QGuiApplication.instance() is None:
        return []  # Qt cannot register fonts yet; try again once the application exists
    families: list[str] = []
    try:
        folder = resources_dir() / "fonts"
    except FileNotFoundError:
        folder = None
    if folder is not None:
        for name in _BUNDLED:
            path = folder / name
            if not path.is_file():
                continue
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id < 0:
                continue
            for family in QFontDatabase.applicationFontFamilies(font_id):
                if family not in families:
                    families.append(family)
    _loaded = families
    return list(families)


def available_family(candidates: tuple[str, ...] | list[str]) -> str | None:
    """The first family of ``candidates`` that Qt can use, or None."""
    installed = {f.casefold() for f in QFontDatabase.families()}
    for family in candidates:
        if family and family.casefold() in installed:
            return family
    return None


def _font(family: str | None, size: float, preference: tuple[str, ...]) -> QFont:
    load_bundled_fonts()
    chosen = available_family([family]) if family else None
    if chosen is None:
        chosen = available_family(preference)
    font = QFont(chosen) if chosen else QFont()
    font.setPointSizeF(size)
    # Arabic needs shaping and kerning; never let Qt fake it with synthetic styles.
    font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    font.setKerning(True)
    return font


def reading_font(family: str | None = None, size: float | None = None) -> QFont:
    """The font articles are read in: ``family`` if installed, else READING_FAMILIES' first."""
    return _font(family, DEFAULT_READING_SIZE if size is None else float(size), READING_FAMILIES)


def ui_font(family: str | None = None, size: float | None = None) -> QFont:
    """A font for panels and labels with Arabic text (Noto Sans Arabic when bundled)."""
    base = QFont().pointSizeF()
    return _font(family, base if size is None or size <= 0 else float(size), UI_FAMILIES)


def actual_family(font: QFont) -> str:
    """The family Qt really uses for ``font`` (after fallback), for tests and the settings UI."""
    return QFontInfo(font).family()
