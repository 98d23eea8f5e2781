"""Where the main window's panels go and how wide they are.

The article wins the space: it keeps at least `MIN_ARTICLE_WIDTH` pixels and about half of the
window, and the two panels share the rest in proportion to their widths; a panel can be closed
(View ▸ Panels) to give the article everything. The corpus panel sits where reading starts: on
the left in the English interface, on the right in the Arabic one, whatever layout was saved.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication

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


def restore_geometry(window, geometry, state=None) -> None:
    """Restore a saved window geometry (and dock state), if any, then fit the window into the
    screen it opens on: a geometry saved on a larger screen, or the default size, would run off
    a small one."""
    if geometry is not None:
        window.restoreGeometry(geometry)
        if state is not None:
            window.restoreState(state)
    fit_to_screen(window)
    # once shown, the window manager's frame is known: fit again with it
    QTimer.singleShot(300, window, lambda: fit_to_screen(window))


def fit_to_screen(window) -> None:
    """Shrink and move `window` so that it lies inside its screen's available geometry."""
    if window.isMaximized() or window.isFullScreen():
        return
    screen = QGuiApplication.screenAt(window.geometry().center()) or window.screen()
    if screen is None:
        return
    room = screen.availableGeometry()
    frame = window.frameGeometry()
    inner = window.geometry()
    extra_w, extra_h = frame.width() - inner.width(), frame.height() - inner.height()
    width = min(inner.width(), room.width() - extra_w)
    height = min(inner.height(), room.height() - extra_h)
    if (width, height) != (inner.width(), inner.height()):
        window.resize(width, height)
    x = min(max(frame.x(), room.x()), room.right() + 1 - (width + extra_w))
    y = min(max(frame.y(), room.y()), room.bottom() + 1 - (height + extra_h))
    if (x, y) != (frame.x(), frame.y()):
        window.move(x, y)
