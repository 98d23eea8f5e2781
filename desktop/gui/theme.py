"""Light and dark themes: the application palette, the style sheet, and readable label colours.

The article, lists and tables are "paper" in both themes (a light page with dark ink): label
colours are pastel highlights designed for black text, and a dark page would need a second set
of them. The dark theme darkens everything around the page (menus, tool bars, docks, panels,
dialogs). Where a label colour is drawn on the chrome itself (chart bars, swatches),
:func:`readable_on` shifts its lightness until it stands out from that background (WCAG 2
contrast of at least 3:1 for graphics, 4.5:1 for text).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication


@dataclass(frozen=True)
class Theme:
    name: str
    window: str  # chrome background
    window_text: str
    button: str
    paper: str  # article, lists, inputs
    alternate: str
    ink: str
    muted: str
    highlight: str
    highlight_text: str
    header: str  # the document header above the article
    header_text: str
    dock_title: str
    error: str


LIGHT = Theme(
    "light",
    window="#f3f1ec",
    window_text="#1b1b1b",
    button="#f7f6f2",
    paper="#fdfcf8",
    alternate="#f6f4ef",
    ink="#1b1b1b",
    muted="#5f5f5f",
    highlight="#dce8f5",
    highlight_text="#111111",
    header="#f6f4ef",
    header_text="#333333",
    dock_title="#efece6",
    error="#b00020",
)
DARK = Theme(
    "dark",
    window="#26282b",
    window_text="#e8e6e1",
    button="#33363a",
    paper="#fdfcf8",
    alternate="#f1efe9",
    ink="#1b1b1b",
    muted="#a9a7a2",
    highlight="#3d5a80",
    highlight_text="#ffffff",
    header="#fdfcf8",
    header_text="#333333",
    dock_title="#1d1f21",
    error="#ff8a80",
)
THEMES = {t.name: t for t in (LIGHT, DARK)}

_current = LIGHT
_native_style: str | None = None


def current_theme() -> Theme:
    return _current


def style_sheet(theme: Theme) -> str:
    t = theme
    return f"""
QLabel#docHeader {{ padding: 10px 16px; font-size: 15px; background: {t.header};
                   border-bottom: 1px solid #e0dcd2; color: {t.header_text}; }}
QLabel#muted {{ color: {t.muted}; }}
QLabel#error {{ color: {t.error}; }}
QLabel#selection {{ font-size: 15px; padding: 4px; background: {t.paper}; color: {t.ink};
                   border: 1px solid #e5e1d8; border-radius: 4px; }}
QTableView {{ selection-background-color: #dce8f5; selection-color: #111; }}
QTreeView {{ selection-background-color: #dce8f5; selection-color: #111; }}
QDockWidget::title {{ padding: 4px 8px; background: {t.dock_title}; }}
QStatusBar QLabel {{ padding: 0 8px; }}
"""


def palette(theme: Theme) -> QPalette:
    t = theme
    pal = QPalette()
    R = QPalette.ColorRole
    for role, color in (
        (R.Window, t.window),
        (R.WindowText, t.window_text),
        (R.Button, t.button),
        (R.ButtonText, t.window_text),
        (R.Base, t.paper),
        (R.AlternateBase, t.alternate),
        (R.Text, t.ink),
        (R.ToolTipBase, t.paper),
        (R.ToolTipText, t.ink),
        (R.PlaceholderText, "#8a8a8a"),
        (R.Highlight, t.highlight),
        (R.HighlightedText, t.highlight_text),
        (R.BrightText, "#ffffff"),
        (R.Link, "#1a5fb4" if t.name == "light" else "#8ab4f8"),
    ):
        pal.setColor(role, QColor(color))
    for role in (R.WindowText, R.ButtonText, R.Text):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor("#8a8a8a"))
    return pal


def apply_theme(app: QApplication, name: str) -> Theme:
    """Give the whole application the theme ``name`` ("light" or "dark")."""
    global _current, _native_style
    theme = THEMES.get(name, LIGHT)
    if _native_style is None:
        _native_style = app.style().name()
    if theme is not _current or theme.name == "dark":
        # native styles ignore a dark palette on some desktops: Fusion follows it everywhere
        app.setStyle("Fusion" if theme.name == "dark" else _native_style)
    _current = theme
    app.setPalette(palette(theme))
    app.setStyleSheet(style_sheet(theme))
    return theme


# ---------------------------------------------------------------------------- contrast


def luminance(color: QColor | str) -> float:
    """WCAG 2 relative luminance."""
    c = QColor(color)

    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast(a: QColor | str, b: QColor | str) -> float:
    """WCAG 2 contrast ratio, from 1 (same) to 21 (black on white)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def readable_on(color: QColor | str, background: QColor | str, ratio: float = 3.0) -> QColor:
    """``color`` with its hue kept and its lightness moved (darker on a light background,
    lighter on a dark one) until it has ``ratio`` contrast with ``background``."""
    c = QColor(color)
    if not c.isValid():
        c = QColor("#c0c0c0")
    if contrast(c, background) >= ratio:
        return c
    h, s, lightness, _ = c.getHslF()
    h = max(h, 0.0)  # grey has hue -1
    step = -0.02 if luminance(background) > 0.18 else 0.02
    while 0.0 <= lightness <= 1.0:
        lightness += step
        candidate = QColor.fromHslF(h, s, min(1.0, max(0.0, lightness)))
        if contrast(candidate, background) >= ratio:
            return candidate
    return QColor("#000000" if step < 0 else "#ffffff")


def text_on(background: QColor | str) -> QColor:
    """Black or white, whichever reads better on ``background``."""
    return QColor("#1b1b1b") if contrast("#1b1b1b", background) >= 4.5 else QColor("#ffffff")
