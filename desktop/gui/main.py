"""Starting the window: application set-up, first start, screenshots for docs and bug reports."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.app.resources import resources_dir
from desktop.app.settings import resolve_annotator, resolve_db
from desktop.core.errors import MizanError
from desktop.gui.fonts import load_bundled_fonts, ui_font
from desktop.gui.i18n import default_language, set_language
from desktop.gui.main_window import MainWindow

STYLE = """
QLabel#docHeader { padding: 10px 16px; font-size: 15px; background: #f6f4ef;
                   border-bottom: 1px solid #e0dcd2; color: #333; }
QLabel#muted { color: #777; }
QLabel#error { color: #b00020; }
QLabel#selection { font-size: 15px; padding: 4px; background: #fbfaf7; border: 1px solid #e5e1d8;
                   border-radius: 4px; }
QTableView { selection-background-color: #dce8f5; selection-color: #111; }
QTreeView { selection-background-color: #dce8f5; selection-color: #111; }
QDockWidget::title { padding: 4px 8px; background: #efece6; }
QStatusBar QLabel { padding: 0 8px; }
"""


def application(language: str | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("mizan")
    app.setOrganizationName("mizan")
    app.setApplicationDisplayName("Mizan")
    load_bundled_fonts()
    app.setFont(ui_font())
    app.setStyleSheet(STYLE)
    icon = resources_dir() / "icons" / "mizan.svg"
    if icon.is_file():
        from PySide6.QtGui import QIcon

        app.setWindowIcon(QIcon(str(icon)))
    settings = QSettings()
    set_language(app, language or settings.value("ui/language", None) or default_language())
    return app


def open_workspace(db: str, annotator: str):
    from desktop.app.project import Project
    from desktop.app.workspace import Workspace

    return Workspace(Project.open(db, annotator))


def make_window(workspace, document: str | None = None):
    window = MainWindow(workspace)
    window.databaseChosen.connect(lambda path: reopen(window, path))
    if document:
        match = [
            d.id
            for d in window.corpus.model.rows
            if d.external_id == document or str(d.id) == document
        ]
        if not match:
            raise MizanError(f"no document {document!r} in {workspace.db.display_name}")
        window.open_document(match[0])
    else:
        window.open_first_document()
    return window


def screenshot(args) -> int:
    """Render the main window offscreen with a document open and write a PNG."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = application(args.ui_language or "en")
    try:
        workspace = open_workspace(resolve_db(args.db), resolve_annotator(args.annotator))
        window = make_window(workspace, args.document)
    except MizanError as exc:
        print(f"mizan: error: {exc}", file=sys.stderr)
        return 1
    window.resize(1500, 900)
    window.show()
    for _ in range(5):
        app.processEvents()
    out = Path(args.screenshot)
    if not window.grab().save(str(out)):
        print(f"mizan: error: {out}: cannot write the PNG", file=sys.stderr)
        return 1
    print(f"wrote {out}")
    window.close()
    workspace.project.close()
    return 0


def run(args) -> int:
    if getattr(args, "screenshot", None):
        return screenshot(args)
    app = application(getattr(args, "ui_language", None))
    try:
        workspace = open_workspace(resolve_db(args.db), resolve_annotator(args.annotator))
    except MizanError as exc:
        QMessageBox.critical(None, "Mizan", str(exc))
        return 1
    window = make_window(workspace, getattr(args, "document", None))
    settings = QSettings()
    geometry = settings.value("window/geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
        window.restoreState(settings.value("window/state"))
    window.show()
    QTimer.singleShot(0, window.offer_demo)
    code = app.exec()
    workspace.project.close()
    return code


def reopen(window, path: str) -> None:
    """Switch the window to another database (File ▸ Open database)."""
    try:
        workspace = open_workspace(path, window.workspace.annotator)
    except MizanError as exc:
        QMessageBox.warning(window, "Mizan", str(exc))
        return
    old = window.workspace
    new_window = make_window(workspace)
    new_window.setGeometry(window.geometry())
    new_window.show()
    new_window.setAttribute(Qt.WA_DeleteOnClose)
    window.close()
    old.project.close()
    QTimer.singleShot(0, new_window.offer_demo)
