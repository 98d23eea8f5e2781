"""The main window: corpus list, article view, annotation panel, status bar."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QFontDialog,
    QMainWindow,
    QMessageBox,
    QStatusBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import __version__
from desktop.app.resources import demo_corpus
from desktop.app.settings import Preferences
from desktop.app.workspace import Workspace
from desktop.core.changes import Change, ChangeKind
from desktop.core.model import DocStatus, Document
from desktop.gui import workers
from desktop.gui.annotate.annotation_panel import AnnotationPanel
from desktop.gui.annotate.commands import AnnotateCommands
from desktop.gui.annotate.corpus_panel import CorpusPanel
from desktop.gui.annotate.opening import DocumentOpening
from desktop.gui.article.view import ArticleView
from desktop.gui.descriptions import describe
from desktop.gui.dialogs.shortcuts import ShortcutsDialog
from desktop.gui.elided_label import ElidedLabel
from desktop.gui.hub import Hub
from desktop.gui.i18n import current_language, set_language, tr
from desktop.gui.menus import (
    make_actions,
    make_menus_and_toolbar,
    make_status_bar,
    remove_actions,
    set_menu_text,
)
from desktop.gui.places import Places
from desktop.gui.search_index import index_in_background
from desktop.gui.teams import install_teams
from desktop.gui.window_layout import MIN_ARTICLE_WIDTH, fit_docks, place_docks

if TYPE_CHECKING:  # built when its tab is first shown
    from desktop.gui.annotate.claims_panel import ClaimsPanel


class MainWindow(DocumentOpening, AnnotateCommands, QMainWindow):
    """The annotating window: corpus and claims lists, the article, the annotation panel."""

    #: File ▸ Open database chose this path; `desktop.gui.main` opens it in a new window.
    databaseChosen = Signal(str)

    def __init__(self, workspace: Workspace, settings: QSettings | None = None):
        super().__init__()
        self.workspace = workspace
        self.labels = workspace.labels
        self.settings = settings or QSettings()
        self.prefs = Preferences(self.settings)  # every preference is read through the option list
        self.places = Places(self, self.prefs, workspace.db.url)
        self.doc: Document | None = None
        self.doc_status = DocStatus.NOT_STARTED
        self.selected_mention: int | None = None
        self.job: workers.Job | None = None
        self.hub = Hub(self)
        self.hub.watch(workspace.project)  # a write waiting for another Mizan says so
        self.hub.waiting.connect(self.on_waiting)
        self.compare_window = None
        self._shown = False  # showEvent: the first show fits the panels before painting
        # Qt appends the application's display name ("… — Mizan") to the title itself
        self.setWindowTitle(workspace.db.display_name)

        # centre: header + article view; the article keeps a readable width, panels give way
        self.header = ElidedLabel()
        self.header.setObjectName("docHeader")
        self.view = ArticleView()
        self.view.set_reading_font(
            self.prefs.get("reading/family") or None,
            self.prefs.get("reading/size"),
        )
        self.view.snap_to_words = self.prefs.get("editing/snap")
        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.setSpacing(0)
        centre_layout.addWidget(self.header)
        centre_layout.addWidget(self.view, 1)
        centre.setMinimumWidth(MIN_ARTICLE_WIDTH)
        self.setCentralWidget(centre)
        self.corpus_dock = self._dock("corpus")
        self.panel_dock = self._dock("panel")
        self.hub.changed.connect(self.on_change)
        self.hub.failed.connect(self.on_failed)
        self._build()
        self.resize(1400, 860)
        self.resizeDocks([self.corpus_dock, self.panel_dock], [380, 340], Qt.Horizontal)

    # ------------------------------------------------------------------ construction

    def _build(self) -> None:
        """Everything that shows translated text: panels, actions, menus, toolbar, status bar.
        Built again when the interface language changes (`set_ui_language`)."""
        self.corpus = CorpusPanel(self.workspace)
        self._claims_panel: ClaimsPanel | None = None  # built when first shown (claims_panel)
        self._claims_page = QWidget()
        QVBoxLayout(self._claims_page).setContentsMargins(0, 0, 0, 0)
        self.left_tabs = QTabWidget()
        self.left_tabs.addTab(self.corpus, tr("Documents"))
        self.left_tabs.addTab(self._claims_page, tr("Claims"))
        self.left_tabs.currentChanged.connect(
            lambda i: self.claims_panel.refresh() if i == 1 else None
        )
        self.panel = AnnotationPanel(self.workspace, prefs=self.prefs)
        self.corpus_dock.setWindowTitle(tr("Corpus"))
        self.corpus_dock.setWidget(self.left_tabs)
        self.panel_dock.setWindowTitle(tr("Annotate"))
        self.panel_dock.setWidget(self.panel)
        place_docks(self)
        make_actions(self)
        make_menus_and_toolbar(self)
        make_status_bar(self)
        self._connect()
        self.corpus.refresh()
        self.refresh_undo()
        install_teams(self)  # annotators, agreement, curation, live refresh (gui/teams)

    def _dock(self, name: str) -> QDockWidget:
        dock = QDockWidget(self)
        dock.setObjectName(name)
        dock.setFeatures(
            QDockWidget.DockWidgetMovable
            | QDockWidget.DockWidgetFloatable
            | QDockWidget.DockWidgetClosable
        )
        return dock

    def restoreState(self, state, version: int = 0) -> bool:
        """A saved layout keeps its panel widths, but the panels go to the sides of the current
        interface language (the corpus where reading starts)."""
        ok = super().restoreState(state, version) if state is not None else False
        place_docks(self, keep_sizes=True)
        return ok

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        QTimer.singleShot(0, lambda: fit_docks(self))

    def showEvent(self, event) -> None:
        """At the first show the panels get their widths before the first paint (the resize
        that comes with it would fit them only after, in a second layout and paint)."""
        super().showEvent(event)
        if not self._shown:
            self._shown = True
            fit_docks(self)

    @property
    def claims_panel(self) -> ClaimsPanel:
        """The claims of the whole corpus, built the first time its tab is shown (or it is
        used): filling its filters reads every claim's speaker and topic, which the start
        does not need."""
        if self._claims_panel is None:
            from desktop.gui.annotate.claims_panel import ClaimsPanel

            self._claims_panel = ClaimsPanel(self.workspace)
            self._claims_panel.claimActivated.connect(self.open_claim)
            self._claims_page.layout().addWidget(self._claims_panel)
        return self._claims_panel

    def _connect(self) -> None:
        self.corpus.documentActivated.connect(self.open_document)
        self.view.selectionChangedRange.connect(self.on_selection)
        self.view.spanClicked.connect(self.on_span_clicked)
        self.panel.labelChosen.connect(self.apply_label)
        self.panel.mentionSelected.connect(self.on_mention_selected)
        self.panel.claimActivated.connect(lambda claim_id: self.edit_claim(claim_id))
        self.panel.compareClaim.connect(self.compare_claim)
        self.panel.other_outlets.candidateActivated.connect(self.open_claim)
        self.panel.metaEdited.connect(self.save_meta)
        self.panel.statusChosen.connect(self.set_status)
        self.panel.accept_all.clicked.connect(lambda: self.judge_all(True))
        self.panel.reject_all.clicked.connect(lambda: self.judge_all(False))

    # ------------------------------------------------------------------ documents

    def open_claim(self, doc_id: int, claim_id: int) -> None:
        """Show a claim in its article (from the claims list or the compare window)."""
        self.open_document(doc_id)
        claim = self._claim(claim_id)
        if claim is not None:
            self.on_mention_selected(("claim", claim_id), from_view=True)
            self.view.scroll_to(claim.start)
            self.panel.setCurrentIndex(1)
            self.raise_()
            self.activateWindow()

    def export_dataset(self) -> None:
        # imported when used: formats and alignment stay off the start-up path
        from desktop.gui.dialogs.export import ExportDialog, summary

        dialog = ExportDialog(self.workspace, self)
        self.export_dialog = dialog
        # the last format and place are offered again (they used to reset every time)
        fmt, path = self.prefs.get("export/format"), self.prefs.get("export/path")
        if fmt and dialog.format.findData(fmt) >= 0:
            dialog.format.setCurrentIndex(dialog.format.findData(fmt))
        if path:
            dialog.path.setText(str(path))
            dialog.path.setProperty("auto", False)
        accepted = dialog.exec()
        self.prefs.set("export/format", dialog.format.currentData())
        if dialog.path.text().strip():
            self.prefs.set("export/path", dialog.path.text().strip())
        if accepted and dialog.result is not None:
            self.statusBar().showMessage(tr("Exported") + ": " + summary(dialog.result), 10000)

    def open_compare(self) -> None:
        from desktop.gui.compare.window import CompareWindow

        if self.compare_window is not None and self.compare_window.isVisible():
            self.compare_window.raise_()
            self.compare_window.activateWindow()
            return
        window = CompareWindow(self.workspace, self, hub=self.hub)
        window.setWindowFlag(Qt.Window)
        window.openClaim.connect(self.open_claim)
        window.fit_to_screen(self)
        window.show()
        self.compare_window = window

    def compare_claim(self, claim_id: int) -> None:
        """ "Compare this claim across outlets": the Compare window on the claim's event (or its
        candidates' documents) with the claim selected."""
        from desktop.gui.annotate.other_outlets import compare_claim

        if self.doc is not None:
            self.open_compare()
            shown = self.panel.other_outlets
            found = shown.found if shown.claim_id == claim_id and shown.job is None else None
            compare_claim(self.compare_window, self.doc, claim_id, found)

    def step_document(self, step: int) -> None:
        ids = self.corpus.ids()
        if not ids:
            return
        if self.doc is None or self.doc.id not in ids:
            self.open_document(ids[0])
            return
        i = ids.index(self.doc.id) + step
        if 0 <= i < len(ids):
            self.open_document(ids[i])

    # ------------------------------------------------------------------ changes

    def _run(self, fn):
        """Run one use case through the hub: a refusal is shown, a Change reaches every window."""
        return self.hub.run(fn, self)

    def on_failed(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)
        self.status_saved.setText(tr("Not saved"))

    def on_waiting(self, _message: str) -> None:
        """Another Mizan holds the database: the write waits (up to a minute), then the
        outcome replaces this. Painted at once, since the GUI thread itself may be waiting."""
        text = tr("Waiting for another Mizan…")
        self.status_saved.setText(text)
        self.statusBar().showMessage(text)
        self.statusBar().repaint()

    def on_change(self, change: Change) -> None:
        """Show what `change` changed: the article and lists of the open document update in place
        for mentions and claims; details, the corpus and the registry reload what they show."""
        self.status_saved.setText(tr("All changes saved"))
        kinds = change.kinds
        doc = self.doc
        mine = doc is not None and doc.id in change.document_ids
        if doc is not None and (
            ChangeKind.ENTITY in kinds or (mine and kinds & {ChangeKind.META, ChangeKind.CORPUS})
        ):
            self._load(
                doc.id, reset_view=False, meta=bool(kinds & {ChangeKind.META, ChangeKind.CORPUS})
            )
        elif mine and kinds & {ChangeKind.MENTION, ChangeKind.CLAIM}:
            self.update_annotations(change)
        if kinds & {ChangeKind.CORPUS, ChangeKind.META}:
            self.corpus.fill_filters()
        if (
            kinds & {ChangeKind.CLAIM, ChangeKind.META, ChangeKind.ENTITY}
            and self.left_tabs.currentIndex() == 1
        ):
            self.claims_panel.fill_filters()
            self.claims_panel.refresh()
        if kinds & {ChangeKind.CORPUS, ChangeKind.STATUS, ChangeKind.META} or (
            change.is_undo_or_redo
        ):
            self.corpus.refresh()
            if self.doc is not None:
                summary = next((d for d in self.corpus.model.rows if d.id == self.doc.id), None)
                if summary is not None:
                    self.doc_status = summary.status
                    self._update_counts()
                    self.panel.meta_status.setCurrentIndex(
                        self.panel.meta_status.findData(summary.status.value)
                    )
        elif ChangeKind.MENTION in kinds and self.doc is not None and self._rest_for is None:
            self.corpus.model.update_counts(self.doc)  # no query: counts come from the document
        elsewhere = self.doc is not None and self.doc.id not in change.document_ids
        if elsewhere and change.document_ids and change.is_undo_or_redo:
            self.open_document(next(iter(change.document_ids)))  # show where it happened
        self.refresh_undo()
        self.statusBar().showMessage(describe(change.description), 3000)

    def refresh_undo(self) -> None:
        state = self.workspace.undo_state()
        self.act_undo.setEnabled(state.can_undo)
        self.act_redo.setEnabled(state.can_redo)
        # the menu says what will be undone, in the interface language; the toolbar button keeps
        # its short text (`iconText`), so the buttons after it do not move
        for action, verb, what in (
            (self.act_undo, tr("Undo"), state.undo_text),
            (self.act_redo, tr("Redo"), state.redo_text),
        ):
            text = f"{verb} {describe(what)}".strip() if what else verb
            set_menu_text(action, text)
            action.setToolTip(text)

    # ------------------------------------------------------------------ long work

    def run_job(self, title: str, fn, on_done) -> workers.Job:
        job = workers.Job(fn)
        self.job = job
        self.progress.setRange(0, 0)
        self.progress.setFormat(title)
        self.progress.show()
        self.cancel_button.show()
        self.statusBar().showMessage(title)

        def finish():
            self.progress.hide()
            self.cancel_button.hide()
            self.job = None

        def on_progress(done, total):
            self.progress.setRange(0, max(total, 1))
            self.progress.setValue(done)

        job.signals.progress.connect(on_progress)
        job.signals.finished.connect(lambda result: (finish(), on_done(result)))
        job.signals.failed.connect(
            lambda message: (finish(), QMessageBox.warning(self, tr("Mizan"), message))
        )
        job.signals.cancelled.connect(
            lambda: (finish(), self.statusBar().showMessage(tr("Cancelled"), 4000))
        )
        return workers.start(job)

    def cancel_job(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def import_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            tr("Import articles"),
            "",
            tr("Articles and annotated data (*.txt *.jsonl);;All files (*)"),
        )
        if paths:
            self.import_paths(paths)

    def import_paths(self, paths) -> workers.Job:
        project = self.workspace.project

        def work(progress, cancelled):
            return project.import_paths(paths, progress=progress, cancelled=cancelled)

        def done(report):
            self.corpus.fill_filters()
            self.corpus.refresh()
            message = report.summary()
            for line in (report.skipped + report.warnings)[:8]:
                message += "\n• " + line
            self.statusBar().showMessage(report.summary(), 8000)
            if report.skipped or report.warnings:
                QMessageBox.information(self, tr("Import"), message)
            if self.doc is None:
                self.open_first_document()
            index_in_background(self)

        return self.run_job(tr("Importing…"), work, done)

    def offer_demo(self) -> None:
        """First start on an empty database: offer the five sample articles."""
        if self.corpus.ids():
            return
        answer = QMessageBox.question(
            self,
            tr("Welcome to Mizan"),
            tr(
                "This database is empty. Load the demo corpus — five Arabic articles on "
                "Russian–Syrian summits from several outlets — to try Mizan?"
            ),
        )
        if answer == QMessageBox.Yes:
            self.import_paths([demo_corpus()])

    def open_database(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            tr("Open or create a database"),
            "",
            tr("Mizan database (*.db);;All files (*)"),
            options=QFileDialog.DontConfirmOverwrite,
        )
        if path:
            self.databaseChosen.emit(path)

    # ------------------------------------------------------------------ view / help

    def focus_search(self) -> None:
        self.corpus.search.setFocus()
        self.corpus.search.selectAll()

    def choose_font(self) -> None:
        ok, font = QFontDialog.getFont(self.view.font(), self, tr("Reading font"))
        if ok:
            self.view.set_reading_font(font.family(), font.pointSizeF())
            self.prefs.set("reading/family", font.family())
            self.prefs.set("reading/size", font.pointSizeF())

    def set_ui_language(self, language: str) -> None:
        """Switch the interface language now: every panel, menu and dock is built again in the
        new language and the docks move to its sides; the open document stays open."""
        self.prefs.set("ui/language", language)
        if language == current_language():
            self.act_ui_en.setChecked(language == "en")
            self.act_ui_ar.setChecked(language == "ar")
            return
        self.panel.flush_meta()
        doc_id = self.doc.id if self.doc is not None else None
        compare = self.compare_window is not None and self.compare_window.isVisible()
        if compare:
            self.compare_window.close()
            self.compare_window = None
        set_language(QApplication.instance(), language)
        remove_actions(self)
        self.setStatusBar(QStatusBar())
        for widget in (self.left_tabs, self.panel):
            widget.hide()
            widget.deleteLater()
        self.doc = None
        self.selected_mention = None
        self._build()
        if doc_id is not None:
            self.open_document(doc_id)
        if compare:
            self.open_compare()

    def show_shortcuts(self) -> None:
        ShortcutsDialog(self.labels, self).exec()

    def about(self) -> None:
        QMessageBox.about(
            self,
            tr("About Mizan"),
            f"{tr('Mizan')} {__version__}\n"
            + tr("Annotate Arabic news articles and weigh what different outlets report."),
        )

    def closeEvent(self, event) -> None:
        if self.job is not None:
            self.job.cancel()
        self.panel.flush_meta()
        if self.doc is not None:
            self.places.leaving(self.doc.id)
        self.prefs.set("window/geometry", self.saveGeometry())
        self.prefs.set("window/state", self.saveState())
        super().closeEvent(event)
