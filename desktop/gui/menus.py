"""The main window's actions, menus, toolbar and status bar, with their shortcuts.

`_action` keeps its name: `desktop.gui.i18n.ui_strings` finds the strings to translate in its
calls.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStyle

from desktop.gui.annotate.review_keys import ReviewKeys
from desktop.gui.i18n import N_, current_language, tr

LRI, PDI = "\u2066", "\u2069"

#: Short toolbar texts, so that Compare and Export stay on the toolbar of a 1024-pixel window.
TOOLBAR_TEXT = {
    "act_import": N_("Import"),
    "act_undo": N_("Undo"),
    "act_redo": N_("Redo"),
    "act_prev_doc": N_("Previous"),
    "act_next_doc": N_("Next"),
    "act_all": N_("Annotate all"),
    "act_compare": N_("Compare"),
    "act_export": N_("Export"),
    "act_exact": N_("Exact characters"),
}


def set_menu_text(action: QAction, text: str) -> None:
    """Set a menu text. In a right-to-left interface the shortcut is written into the text,
    isolated left-to-right, so a menu shows "Ctrl+Z" and not "Z+Ctrl"."""
    seq = action.shortcut()
    if current_language() == "ar" and not seq.isEmpty():
        keys = seq.toString(QKeySequence.NativeText)
        text = f"{text}\t{LRI}{keys}{PDI}"
    action.setText(text)


def remove_actions(w) -> None:
    """Take down the actions, shortcuts, menus and toolbar (the language is changing)."""
    for shortcut in w.label_shortcuts:
        shortcut.setEnabled(False)
        shortcut.deleteLater()
    for action in w.actions():
        w.removeAction(action)
        action.deleteLater()
    for action in w.menuBar().actions():
        if action.menu() is not None:
            action.menu().deleteLater()
    w.menuBar().clear()
    w.removeToolBar(w.toolbar)
    w.toolbar.deleteLater()


def _action(w, text: str, slot, shortcut=None, icon=None, context=None) -> QAction:
    action = QAction(tr(text), w)
    if shortcut is not None:
        if isinstance(shortcut, (list, tuple)):
            action.setShortcuts([QKeySequence(s) for s in shortcut])
        else:
            action.setShortcut(QKeySequence(shortcut))
    action.setIconText(tr(text))
    set_menu_text(action, tr(text))
    if icon is not None:
        action.setIcon(w.style().standardIcon(icon))
    if context is not None:
        action.setShortcutContext(context)
    action.triggered.connect(lambda _checked=False: slot())
    w.addAction(action)
    return action


def _open(w, what: str) -> None:
    """Settings, statistics, welcome and Open recent, imported when first used."""
    if what == "settings":
        from desktop.gui.dialogs.settings import edit_settings

        edit_settings(w)
    elif what == "statistics":
        from desktop.gui.stats.window import open_statistics

        open_statistics(w)
    elif what == "welcome":
        from desktop.gui.dialogs.welcome import show_welcome

        show_welcome(w)
    else:
        from desktop.gui.places import fill_recent_menu

        db = w.workspace.db.display_name
        fill_recent_menu(w.recent_menu, w.prefs, db, w.databaseChosen.emit)


def make_actions(w) -> None:
    S = QStyle.StandardPixmap
    w.act_import = _action(w, "Import articles…", w.import_files, "Ctrl+I", S.SP_DialogOpenButton)
    w.act_open = _action(w, "Open database…", w.open_database, QKeySequence.Open)
    w.act_export = _action(w, "Export dataset…", w.export_dataset, "Ctrl+E", S.SP_DialogSaveButton)
    w.act_compare = _action(
        w, "Compare outlets…", w.open_compare, "Ctrl+K", S.SP_FileDialogDetailedView
    )
    w.act_quit = _action(w, "Quit", w.close, QKeySequence.Quit)
    w.act_undo = _action(w, "Undo", w.undo, QKeySequence.Undo, S.SP_ArrowBack)
    w.act_redo = _action(w, "Redo", w.redo, ["Ctrl+Shift+Z", "Ctrl+Y"], S.SP_ArrowForward)
    w.act_delete = _action(w, "Delete annotation", w.delete_selected, QKeySequence.Delete)
    w.act_link = _action(w, "Link to registry entity…", w.link_entity, "Ctrl+L")
    w.act_bounds = _action(
        w,
        "Set the selected annotation's boundaries to the text selection",
        w.adjust_boundaries,
        "Ctrl+B",
    )
    w.act_all = _action(
        w,
        "Annotate all occurrences…",
        w.annotate_all,
        "Ctrl+Shift+A",
        S.SP_FileDialogContentsView,
    )
    w.act_accept = _action(w, "Accept suggestion", lambda: w.judge_selected(True), "Ctrl+Return")
    w.act_reject = _action(
        w, "Reject suggestion", lambda: w.judge_selected(False), "Ctrl+Backspace"
    )
    w.act_done = _action(w, "Mark document done", w.mark_done, "Ctrl+D")
    w.act_next_doc = _action(
        w,
        "Next document",
        lambda: w.step_document(1),
        ["Ctrl+PgDown", "Alt+Down"],
        S.SP_ArrowDown,
    )
    w.act_prev_doc = _action(
        w,
        "Previous document",
        lambda: w.step_document(-1),
        ["Ctrl+PgUp", "Alt+Up"],
        S.SP_ArrowUp,
    )
    w.act_next_ann = _action(w, "Next annotation", lambda: w.step_annotation(1), "F8")
    w.act_prev_ann = _action(w, "Previous annotation", lambda: w.step_annotation(-1), "Shift+F8")
    w.act_zoom_in = _action(w, "Zoom in", w.view.zoom_in, [QKeySequence.ZoomIn, "Ctrl+="])
    w.act_zoom_out = _action(w, "Zoom out", w.view.zoom_out, QKeySequence.ZoomOut)
    w.act_zoom_reset = _action(w, "Reset zoom", w.view.reset_zoom, "Ctrl+0")
    w.act_font = _action(w, "Reading font…", w.choose_font)
    w.act_search = _action(w, "Search the corpus", w.focus_search, QKeySequence.Find)
    w.act_help = _action(w, "Keyboard shortcuts", w.show_shortcuts, QKeySequence.HelpContents)
    w.act_about = _action(w, "About Mizan", w.about)
    w.act_settings = _action(w, "Settings…", lambda: _open(w, "settings"), "Ctrl+,")
    w.act_stats = _action(w, "Statistics…", lambda: _open(w, "statistics"))
    w.act_welcome = _action(w, "Welcome", lambda: _open(w, "welcome"))
    w.act_snap = QAction(tr("Snap selections to whole words"), w, checkable=True)
    w.act_snap.setChecked(True)
    w.act_snap.setChecked(w.view.snap_to_words)
    w.act_snap.toggled.connect(lambda on: setattr(w.view, "snap_to_words", on))
    # exact characters without Alt (window managers take Alt+drag): a toggle and a key
    w.act_exact = _action(w, "Select exact characters", lambda: None, "Ctrl+Shift+X")
    w.act_exact.setCheckable(True)
    w.act_exact.setChecked(not w.view.snap_to_words)
    w.act_exact.toggled.connect(lambda on: w.act_snap.setChecked(not on))
    w.act_snap.toggled.connect(lambda on: w.act_exact.setChecked(not on))
    w.act_ui_en = QAction("English", w, checkable=True)
    w.act_ui_ar = QAction("العربية", w, checkable=True)
    (w.act_ui_ar if current_language() == "ar" else w.act_ui_en).setChecked(True)
    w.act_ui_en.triggered.connect(lambda: w.set_ui_language("en"))
    w.act_ui_ar.triggered.connect(lambda: w.set_ui_language("ar"))

    w.act_claim = _action(w, "New claim from the selection…", w.new_claim)
    w.act_edit_claim = _action(w, "Edit claim…", w.edit_claim)
    # label keys work where the annotator is looking: the article and the mention list
    w.label_shortcuts: list[QShortcut] = []
    claim_key = QShortcut(QKeySequence("S"), w.view)
    claim_key.setContext(Qt.WidgetWithChildrenShortcut)
    claim_key.activated.connect(w.new_claim)
    w.label_shortcuts.append(claim_key)
    for lb in w.labels.labels:
        if not lb.shortcut:
            continue
        for target in (w.view, w.panel.tree):
            shortcut = QShortcut(QKeySequence(lb.shortcut), target)
            shortcut.setContext(Qt.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda key=lb.key: w.apply_label(key))
            w.label_shortcuts.append(shortcut)
    # A / R / N review the suggestion that is the mention list's current row
    w.review_keys = ReviewKeys(w)


def make_menus_and_toolbar(w) -> None:
    bar = w.menuBar()
    m = bar.addMenu(tr("&File"))
    m.addActions([w.act_import, w.act_export, w.act_open])
    w.recent_menu = m.addMenu(tr("Open recent"))
    w.recent_menu.aboutToShow.connect(lambda: _open(w, "recent"))
    m.addAction(w.act_settings)
    m.addSeparator()
    m.addAction(w.act_quit)
    m = bar.addMenu(tr("&Edit"))
    m.addActions([w.act_undo, w.act_redo])
    m.addSeparator()
    m.addActions([w.act_delete, w.act_link, w.act_all, w.act_accept, w.act_reject])
    m.addSeparator()
    m.addActions([w.act_done, w.act_snap, w.act_exact])
    m = bar.addMenu(tr("&View"))
    m.addActions([w.act_zoom_in, w.act_zoom_out, w.act_zoom_reset, w.act_font])
    lang = m.addMenu(tr("Interface language"))
    lang.addActions([w.act_ui_en, w.act_ui_ar])
    panels = m.addMenu(tr("Panels"))
    for dock in (w.corpus_dock, w.panel_dock):
        toggle = dock.toggleViewAction()
        toggle.setText(dock.windowTitle())
        panels.addAction(toggle)
    m = bar.addMenu(tr("&Go"))
    m.addActions(
        [
            w.act_next_doc,
            w.act_prev_doc,
            w.act_next_ann,
            w.act_prev_ann,
            w.act_search,
        ]
    )
    m = bar.addMenu(tr("&Tools"))
    m.addAction(w.act_compare)
    m.addAction(w.act_stats)
    m = bar.addMenu(tr("&Help"))
    m.addActions([w.act_help, w.act_welcome, w.act_about])

    for name, text in TOOLBAR_TEXT.items():
        getattr(w, name).setIconText(tr(text))
    tools = w.addToolBar(tr("Main"))
    w.toolbar = tools
    tools.setObjectName("main-toolbar")
    tools.setMovable(False)
    tools.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
    tools.addActions([w.act_import])
    tools.addSeparator()
    tools.addActions([w.act_undo, w.act_redo])
    tools.addSeparator()
    tools.addActions([w.act_compare, w.act_export])
    tools.addSeparator()
    tools.addActions([w.act_prev_doc, w.act_next_doc])
    tools.addSeparator()
    tools.addActions([w.act_all, w.act_exact])
    tools.addSeparator()
    tools.addActions([w.act_zoom_out, w.act_zoom_in])


def make_status_bar(w) -> None:
    status = w.statusBar()
    w.status_annotator = QLabel(f"{tr('Annotator')}: {w.workspace.annotator}")
    w.status_saved = QLabel(tr("All changes saved"))
    w.status_counts = QLabel()
    w.progress = QProgressBar()
    w.progress.setMaximumWidth(220)
    w.progress.hide()
    w.cancel_button = QPushButton(tr("Cancel"))
    w.cancel_button.hide()
    w.cancel_button.clicked.connect(w.cancel_job)
    status.addWidget(w.status_annotator)
    status.addWidget(w.status_counts)
    status.addPermanentWidget(w.progress)
    status.addPermanentWidget(w.cancel_button)
    status.addPermanentWidget(w.status_saved)
