"""Where the main window's panels go and how wide they are.

The article wins the space: it keeps at least `MIN_ARTICLE_WIDTH` pixels and about half of the
window, and the two panels share the rest in proportion to their widths; a panel can be closed
(View ▸ Panels) to give the article everything. The corpus panel sits where reading starts: on
the left in the English interface, on the right in the Arabic one, whatever layout was saved.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.gui.i18n import current_language

MIN_ARTICLE_WIDTH = 360  # pixels: a few words per line of 15-point Arabic text
ARTICLE_SHARE = 0.5  # of the window's width: the panels share the other half
MIN_PANEL_WIDTH = 170
PANEL_WIDTHS = (380, 340)  # corpus, annotation panel: their widths in a large window


def dock_sides() -> tuple[Qt.DockWidgetArea, Qt.DockWidgetArea]:
    """(corpus side, annotation panel side) for the interface language."""
    if current_language() == "ar":
        return Qt.RightDockWidgetArea, Qt.LeftDockWidgetArea
    return Qt.LeftDockWidgetArea, Qt.RightDockWidgetArea


def place_docks(window, *, keep_sizes: bool = False) -> None:
    """Put the corpus and annotation docks on the sides of the current language."""
    start, end = dock_sides()
    docks = ((window.corpus_dock, start), (window.panel_dock, end))
    widths = [d.width() for d, _ in docks]
    for dock, area in docks:
        if dock.isFloating() or window.dockWidgetArea(dock) == area:
            continue
        visible = dock.isVisible() or not window.isVisible()
        window.addDockWidget(area, dock)
        dock.setVisible(visible)
    for dock, _ in docks:
        dock.setMinimumWidth(MIN_PANEL_WIDTH)
    if keep_sizes:
        window.resizeDocks([d for d, _ in docks], widths, Qt.Horizontal)


def fit_docks(window) -> None:
    """Give the docked panels their share of the window's width (the article keeps the rest):
    about a quarter each, no more than `PANEL_WIDTHS`, no less than `MIN_PANEL_WIDTH`."""
    docks = [
        (d, most)
        for d, most in zip((window.corpus_dock, window.panel_dock), PANEL_WIDTHS, strict=True)
        if d.isVisible() and not d.isFloating()
    ]
    if not docks:
        return
    total = window.width()
    budget = total - max(MIN_ARTICLE_WIDTH, int(total * ARTICLE_SHARE))
    share = max(MIN_PANEL_WIDTH, budget // len(docks))
    widths = [min(most, share) for _, most in docks]
    if any(abs(d.width() - w) > 4 for (d, _), w in zip(docks, widths, strict=True)):
        window.resizeDocks([d for d, _ in docks], widths, Qt.Horizontal)
