"""Starting the window: application set-up, the database to open, the first-run welcome, and
screenshots of any window or dialog for docs and bug reports (`mizan --screenshot`)."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

# The application layer is imported before Qt: once PySide6 is imported, its import hook reads
# the source of every module imported after it (looking for `from __feature__ import`). The
# first paint of a current SQLite file needs no SQLAlchemy (storage/listing.py); the window
# imports it just after that paint (`Workspace.prepare_writes`), a screenshot never.
import desktop.app.project
import desktop.app.workspace  # noqa: F401
from desktop.app.resources import resources_dir
from desktop.app.settings import (
    Preferences,
    database_exists,
    default_db_path,
    resolve_annotator,
    resolve_db,
)
from desktop.core.errors import MizanError

# isort: split
from PySide6.QtCore import QPoint, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from desktop.gui.fonts import load_bundled_fonts, ui_font
from desktop.gui.i18n import default_language, isolate, set_language, tr
from desktop.gui.main_window import MainWindow
from desktop.gui.search_index import index_in_background
from desktop.gui.teams.annotators import first_annotator
from desktop.gui.teams.views import view_agreement, view_curation
from desktop.gui.theme import apply_theme
from desktop.gui.window_layout import restore_geometry


def preferences(store=None) -> Preferences:
    return Preferences(store if store is not None else QSettings())


def application(language: str | None = None, prefs: Preferences | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("mizan")
    app.setOrganizationName("mizan")
    app.setApplicationDisplayName("Mizan")
    load_bundled_fonts()
    app.setFont(ui_font())
    prefs = prefs or preferences()
    apply_theme(app, prefs.get("ui/theme"))
    icon = resources_dir() / "icons" / "mizan.svg"
    if icon.is_file():
        from PySide6.QtGui import QIcon

        app.setWindowIcon(QIcon(str(icon)))
    set_language(app, language or prefs.get("ui/language") or default_language())
    return app


def open_workspace(db: str, annotator: str):
    from desktop.app.project import Project
    from desktop.app.workspace import Workspace

    return Workspace(Project.open(db, annotator))


def make_window(workspace, document: str | None = None, settings=None):
    window = MainWindow(workspace, settings)
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


def choose_database(args, prefs: Preferences) -> tuple[str, str | None]:
    """The database to open and, when the last one used has gone, its path (to say so):
    `--db`, `MIZAN_DB`, the default database of the settings, the last database opened."""
    gone = None
    last = None
    for path in prefs.recent_databases():
        if database_exists(path):
            last = path
            break
        prefs.forget_database(path)
        gone = gone or path
    return resolve_db(args.db, prefs.get("database/default") or last), gone


def confirm_new_database(db: str, parent: QWidget | None = None) -> bool:
    """A database file that does not exist yet is made only when the user says so: a mistyped
    `--db` would otherwise leave an empty database and its folders behind. The default
    database in the user data folder is made without asking (a first start)."""
    if db == ":memory:" or database_exists(db):
        return True
    path = Path(db).absolute()
    if path == default_db_path().absolute():
        return True
    box = QMessageBox(QMessageBox.Question, tr("Mizan"), "", QMessageBox.Cancel, parent)
    box.setText(tr("Create a new database at {path}?").replace("{path}", isolate(str(path))))
    box.setInformativeText(tr("No database exists at this path."))
    create = box.addButton(tr("Create"), QMessageBox.AcceptRole)
    box.setDefaultButton(QMessageBox.Cancel)
    box.exec()
    return box.clickedButton() is create


def remember_database(prefs: Preferences, path: str) -> None:
    prefs.add_recent(path if "://" in path else os.path.abspath(path))


# ---------------------------------------------------------------------------- screenshots


def _view_compare(window) -> QWidget:
    window.open_compare()
    return window.compare_window


def _view_statistics(window) -> QWidget:
    from desktop.gui.stats.window import open_statistics

    return open_statistics(window)


def _view_settings(window) -> QWidget:
    from desktop.gui.dialogs.settings import SettingsDialog

    return SettingsDialog(window.prefs, window)


def _view_welcome(window) -> QWidget:
    from desktop.gui.dialogs.welcome import WelcomeDialog

    return WelcomeDialog(window)


def _view_export(window) -> QWidget:
    from desktop.gui.dialogs.export import ExportDialog

    return ExportDialog(window.workspace, window)


#: `--screenshot --view NAME`: a function of the main window that builds the widget to render
#: (the main window itself, another window, or a dialog drawn over the main window). Another
#: screen registers itself with `register_view` (the agreement and curation views do).
VIEWS: dict[str, Callable[[MainWindow], QWidget]] = {
    "annotate": lambda window: window,
    "compare": _view_compare,
    "statistics": _view_statistics,
    "settings": _view_settings,
    "welcome": _view_welcome,
    "export": _view_export,
}


def register_view(name: str, build: Callable[[MainWindow], QWidget]) -> None:
    VIEWS[name] = build


register_view("agreement", view_agreement)
register_view("curation", view_curation)


def view_names() -> list[str]:
    return list(VIEWS)


def parse_size(text: str | None) -> QSize:
    if not text:
        return QSize(1500, 900)
    match = re.fullmatch(r"\s*(\d{3,5})\s*[xX×]\s*(\d{3,5})\s*", text)
    if not match:
        raise MizanError(f"--size {text!r}: expected WIDTHxHEIGHT, for example 1024x640")
    return QSize(int(match[1]), int(match[2]))


def render_view(window: MainWindow, view: str, size: QSize):
    """The screenshot of ``view`` on a screen of ``size``: windows are resized to it, dialogs are
    drawn centred over the main window."""
    if view not in VIEWS:
        raise MizanError(f"--view {view}: unknown view (choose from {', '.join(view_names())})")
    app = QApplication.instance()
    window.resize(size)
    window.show()
    widget = VIEWS[view](window)
    dialog = isinstance(widget, QDialog)
    if widget is not window:
        if dialog:
            hint = widget.sizeHint().expandedTo(widget.size())
            widget.resize(hint.boundedTo(size * 0.92))
        else:
            widget.resize(size)
        widget.show()
    for _ in range(8):
        app.processEvents()
    if not dialog:
        return _grab(widget)
    image = window.grab()
    painter = QPainter(image)
    painter.setOpacity(0.35)
    painter.fillRect(image.rect(), Qt.GlobalColor.black)
    painter.setOpacity(1.0)
    shot = widget.grab()
    at = QPoint((size.width() - shot.width()) // 2, (size.height() - shot.height()) // 2)
    painter.drawPixmap(at, shot)
    painter.end()
    widget.close()
    return image


def _grab(widget: QWidget):
    """The pixels of a shown top-level ``widget``. Offscreen, they are those its last paint left
    in the window's backing store, copied (a few milliseconds); `QWidget.grab` draws every child
    again (40 ms for the main window, a tenth of `mizan --screenshot`). On a real screen
    `grabWindow` would copy whatever covers the window, so the widget is drawn again there."""
    if QApplication.platformName() == "offscreen" and widget.isWindow():
        shot = widget.screen().grabWindow(widget.winId())
        if not shot.isNull() and shot.size() == widget.size() * widget.devicePixelRatioF():
            return shot
    return widget.grab()


def screenshot(args) -> int:
    """Render a window or dialog offscreen (`--view`, `--size`) and write a PNG."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    prefs = preferences()
    app = application(args.ui_language or "en", prefs)
    workspace = None
    try:
        size = parse_size(getattr(args, "size", None))
        view = getattr(args, "view", None) or "annotate"
        if view not in VIEWS:
            raise MizanError(f"--view {view}: unknown view (choose from {', '.join(view_names())})")
        workspace = open_workspace(resolve_db(args.db), resolve_annotator(args.annotator))
        window = make_window(workspace, args.document)
        image = render_view(window, view, size)
    except MizanError as exc:
        print(f"mizan: error: {exc}", file=sys.stderr)
        if workspace is not None:
            workspace.project.close()
        return 1
    out = Path(args.screenshot)
    # a PNG at quality 70 (zlib level 3): the same pixels, about the same size, written in two
    # thirds of the time of Qt's default level
    quality = 70 if out.suffix.lower() == ".png" else -1
    if not image.save(str(out), None, quality):
        print(f"mizan: error: {out}: cannot write the PNG", file=sys.stderr)
        return 1
    print(f"wrote {out}")
    for widget in app.topLevelWidgets():
        widget.close()
    workspace.project.close()
    return 0


# ---------------------------------------------------------------------------- the window


def run(args) -> int:
    if getattr(args, "screenshot", None):
        return screenshot(args)
    prefs = preferences()
    app = application(getattr(args, "ui_language", None), prefs)
    db, gone = choose_database(args, prefs)
    if not confirm_new_database(db):
        return 0  # the user did not want a new database: nothing was created
    if not args.annotator:
        first_annotator(prefs)  # a first start asks who is annotating (gui/teams)
    try:
        workspace = open_workspace(
            db, resolve_annotator(args.annotator, prefs.get("annotator") or None)
        )
    except MizanError as exc:
        QMessageBox.critical(None, "Mizan", str(exc))
        return 1
    try:  # reading the corpus of a damaged database, or an unknown --document
        window = make_window(workspace, getattr(args, "document", None), prefs.store)
    except MizanError as exc:
        workspace.project.close()
        QMessageBox.critical(None, "Mizan", str(exc))
        return 1
    remember_database(prefs, db)
    # the saved geometry and docks, fitted to the screen
    restore_geometry(window, prefs.get("window/geometry"), prefs.get("window/state"))
    window.show()
    QTimer.singleShot(0, lambda: first_start(window, gone))
    after_first_paint(window, lambda: after_start(window))
    code = app.exec()
    workspace.project.close()
    return code


def after_start(window) -> None:
    """What an interactive window does once its first screen is up: make ready for the first
    edit (SQLAlchemy, the models, the engine: `Workspace.prepare_writes`) and build the search
    index of documents that wait for it, in the background."""
    window.workspace.prepare_writes()
    index_in_background(window)


def after_first_paint(window, fn: Callable[[], object]) -> None:
    """Call `fn` once, just after the article's first paint has reached the screen, or after
    two seconds when no paint comes (a minimised window): what the first screen does not need
    (SQLAlchemy for the first write, the search index in a thread holding the GIL) waits."""
    done: list[bool] = []

    def once() -> None:
        if not done:
            done.append(True)
            fn()

    window.view.after_paint(once)
    QTimer.singleShot(2000, once)


def first_start(window, gone: str | None = None) -> None:
    """After the window shows: say which remembered database has gone, then welcome a new
    user (or, later, offer the demo corpus to an empty database)."""
    if gone:
        QMessageBox.information(
            window,
            tr("Open recent"),
            tr("This database no longer exists and was removed from the list:") + "\n" + gone,
        )
    if not window.prefs.get("welcome/shown"):
        from desktop.gui.dialogs.welcome import show_welcome

        show_welcome(window, first_run=True)
    else:
        window.offer_demo()


def reopen(window, path: str) -> None:
    """Switch the window to another database (File ▸ Open database, File ▸ Open recent)."""
    if not confirm_new_database(path, window):
        return
    try:
        workspace = open_workspace(path, window.workspace.annotator)
    except MizanError as exc:
        QMessageBox.warning(window, "Mizan", str(exc))
        return
    try:
        new_window = make_window(workspace, settings=window.settings)
    except MizanError as exc:  # a damaged database: the open window stays as it was
        workspace.project.close()
        QMessageBox.warning(window, "Mizan", str(exc))
        return
    remember_database(window.prefs, path)
    old = window.workspace
    new_window.setGeometry(window.geometry())
    new_window.show()
    new_window.setAttribute(Qt.WA_DeleteOnClose)
    after_first_paint(new_window, lambda: after_start(new_window))
    window.close()
    old.project.close()
    QTimer.singleShot(0, new_window.offer_demo)
