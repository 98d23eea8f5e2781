"""Where the user was: File ▸ Open recent, and per database the last document and how far each
document was scrolled (kept as the character at the top, so a new font size or window width
still shows the same words)."""

from __future__ import annotations

import os

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMenu, QMessageBox

from desktop.app.settings import Preferences, database_exists
from desktop.gui.i18n import isolate, tr


class Places:
    """Remembers the open document and scroll position of one window's database."""

    def __init__(self, window, prefs: Preferences, database: str):
        self.window = window
        self.prefs = prefs
        self.database = database

    def last_document(self) -> int | None:
        return self.prefs.last_document(self.database)

    def leaving(self, doc_id: int) -> None:
        """The document is about to be replaced (or the window closed): keep its position."""
        top = self.window.view._top_position()
        self.prefs.remember(self.database, doc_id, top or 0)

    def opened(self, doc_id: int) -> None:
        self.prefs.remember(self.database, doc_id)
        top = self.prefs.scroll_position(self.database, doc_id)
        if top:
            self.window.view.scroll_to_top(top)
            # the layout may not be final before the window is shown: once more when it is
            QTimer.singleShot(0, lambda: self._restore(doc_id, top))

    def _restore(self, doc_id: int, top: int) -> None:
        doc = self.window.doc
        if doc is not None and doc.id == doc_id:
            self.window.view.scroll_to_top(top)


def fill_recent_menu(menu: QMenu, prefs: Preferences, current: str | None, choose) -> None:
    """File ▸ Open recent: the remembered databases, the current one left out; ``choose(path)``
    opens one. A database that is gone is dropped from the list with a message."""
    menu.clear()
    paths = [p for p in prefs.recent_databases() if not same_database(p, current)]
    for path in paths:
        action = menu.addAction(isolate(path))
        action.setData(path)
        action.triggered.connect(lambda _=False, p=path: open_recent(menu, prefs, p, choose))
    if not paths:
        menu.addAction(tr("No recent databases")).setEnabled(False)
    else:
        menu.addSeparator()
        menu.addAction(tr("Clear the list")).triggered.connect(
            lambda: prefs.set("database/recent", [current] if current else [])
        )


def open_recent(parent, prefs: Preferences, path: str, choose) -> bool:
    if not database_exists(path):
        prefs.forget_database(path)
        QMessageBox.information(
            parent.window() if parent is not None else None,
            tr("Open recent"),
            tr("This database no longer exists and was removed from the list:") + "\n" + path,
        )
        return False
    choose(path)
    return True


def same_database(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    if "://" in a or "://" in b:
        return a == b
    return os.path.abspath(a) == os.path.abspath(b)
