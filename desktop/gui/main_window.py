"""The main window: corpus list, article view, annotation panel, status bar."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QItemSelectionModel, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStyle,
    QTableView,
    QTabWidget,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.app.resources import seeds_dir
from desktop.app.workspace import Change, Workspace, shorten
from desktop.core.errors import MizanError
from desktop.core.filters import CorpusFilter
from desktop.core.model import DocStatus, Document, DocumentMeta, MentionStatus
from desktop.gui import workers
from desktop.gui.article_view import ArticleView, ViewSpan
from desktop.gui.claims_panel import ClaimsPanel
from desktop.gui.dialogs import (
    POLARITIES,
    QUOTE_TYPES,
    ClaimDialog,
    EntityDialog,
    OccurrencesDialog,
    ShortcutsDialog,
)
from desktop.gui.i18n import current_language, isolate, tr
from desktop.gui.models import (
    ID_ROLE,
    KIND_ROLE,
    STATUS_TEXT,
    CorpusModel,
    MentionTreeModel,
    label_name,
)

CLAIM_COLOR = "#7e57c2"
CUE_COLOR = "#5e35b1"


def speaker_of(claim, text: str, mentions: dict, names: dict) -> str:
    source = claim.source
    if source is None:
        return tr("(no source)")
    if source.kind.value == "outlet":
        return tr("The outlet itself")
    if source.kind.value == "unnamed":
        return tr("Unnamed sources")
    if source.kind.value == "entity":
        return names.get(source.entity, source.entity or "")
    mention = mentions.get(source.mention)
    if mention is None:
        return "?"
    return names.get(mention.entity) or " ".join(text[mention.start : mention.end].split())


class CorpusPanel(QWidget):
    """Search and filters above the list of documents."""

    documentActivated = Signal(int)

    def __init__(self, workspace: Workspace, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Search all articles (Arabic-aware)…"))
        self.search.setClearButtonEnabled(True)
        self.outlet_box = QComboBox()
        self.event_box = QComboBox()
        self.status_box = QComboBox()
        for combo in (self.outlet_box, self.event_box, self.status_box):
            combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
        self.status_box.addItem(tr("Any status"), None)
        for status in DocStatus:  # item data: plain strings (enum objects crash PySide here)
            self.status_box.addItem(tr(STATUS_TEXT[status]), status.value)
        self.model = CorpusModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeToContents)
        self.count = QLabel()
        self.count.setObjectName("muted")

        filters = QGridLayout()
        filters.addWidget(self.outlet_box, 0, 0)
        filters.addWidget(self.event_box, 0, 1)
        filters.addWidget(self.status_box, 0, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)

        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._timer.start)
        for combo in (self.outlet_box, self.event_box, self.status_box):
            combo.currentIndexChanged.connect(self.refresh)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.fill_filters()

    def fill_filters(self) -> None:
        outlets, events = self.workspace.outlets_and_events()
        for combo, values, everything in (
            (self.outlet_box, outlets, tr("All outlets")),
            (self.event_box, events, tr("All events")),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, None)
            for value in values:
                combo.addItem(value, value)
            index = combo.findData(current) if current else 0
            combo.setCurrentIndex(max(0, index))
            combo.blockSignals(False)

    def current_filter(self) -> CorpusFilter:
        query = self.search.text().strip()
        ids = tuple(self.workspace.search(query)) if query else None
        return CorpusFilter(
            outlet=self.outlet_box.currentData(),
            event=self.event_box.currentData(),
            status=DocStatus(self.status_box.currentData())
            if self.status_box.currentData()
            else None,
            document_ids=ids,
        )

    def refresh(self) -> None:
        selected = self.selected_id()
        self.model.set_rows(self.workspace.documents(self.current_filter()))
        n = self.model.rowCount()
        self.count.setText(tr("{n} document(s)").replace("{n}", str(n)))
        if selected is not None:
            self.select(selected, emit=False)

    def selected_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def select(self, doc_id: int, *, emit: bool = True) -> None:
        row = self.model.row_of(doc_id)
        if row < 0:
            return
        selection = self.table.selectionModel()
        selection.blockSignals(not emit)
        selection.setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows,
        )
        selection.blockSignals(False)
        self.table.scrollTo(self.model.index(row, 0))

    def ids(self) -> list[int]:
        return [doc.id for doc in self.model.rows]

    def _row_changed(self, current, _previous) -> None:
        if current.isValid():
            self.documentActivated.emit(current.data(ID_ROLE))


class AnnotationPanel(QTabWidget):
    """Selection and label palette, the document's annotations, and its metadata."""

    labelChosen = Signal(str)
    mentionSelected = Signal(object)
    claimActivated = Signal(int)
    metaEdited = Signal(object)
    statusChosen = Signal(object)

    def __init__(self, workspace: Workspace, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.labels = workspace.labels

        # --- annotations tab
        page = QWidget()
        self.selection_text = QLabel(tr("Select text in the article to annotate it."))
        self.selection_text.setWordWrap(True)
        self.selection_text.setTextFormat(Qt.PlainText)
        self.selection_text.setObjectName("selection")
        self.selection_offsets = QLabel()
        self.selection_offsets.setObjectName("muted")
        palette = QGridLayout()
        palette.setSpacing(3)
        self.label_buttons: dict[str, QToolButton] = {}
        for i, lb in enumerate(self.labels.labels):
            button = QToolButton()
            name = lb.name_ar if current_language() == "ar" else lb.key
            button.setText(f"{name}  {lb.shortcut}" if lb.shortcut else name)
            button.setToolTip(f"{lb.name_en} · {lb.name_ar}  [{lb.shortcut}]")
            button.setStyleSheet(
                f"QToolButton {{ background: {lb.color}; border: 1px solid #b0b0b0;"
                f" border-radius: 3px; padding: 2px 4px; color: #222; }}"
                f"QToolButton:hover {{ border-color: #555; }}"
            )
            button.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
            button.clicked.connect(lambda _=False, key=lb.key: self.labelChosen.emit(key))
            palette.addWidget(button, i // 4, i % 4)
            self.label_buttons[lb.key] = button
        self.group_by = QComboBox()
        self.group_by.addItem(tr("Group by label"), "label")
        self.group_by.addItem(tr("Group by entity"), "entity")
        self.tree_model = MentionTreeModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.tree_model)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setLayoutDirection(Qt.RightToLeft)
        self.tree.selectionModel().currentChanged.connect(self._tree_current)
        self.accept_all = QPushButton(tr("Accept all suggestions"))
        self.reject_all = QPushButton(tr("Reject all"))
        suggestion_row = QHBoxLayout()
        suggestion_row.addWidget(self.accept_all)
        suggestion_row.addWidget(self.reject_all)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.selection_text)
        layout.addWidget(self.selection_offsets)
        layout.addLayout(palette)
        layout.addWidget(self.group_by)
        layout.addWidget(self.tree, 1)
        layout.addLayout(suggestion_row)
        self.addTab(page, tr("Annotations"))

        # --- claims of this document, in text order
        claims_page = QWidget()
        self.claim_list = QListWidget()
        self.claim_list.setLayoutDirection(Qt.RightToLeft)
        self.claim_list.setWordWrap(True)
        self.claim_list.setAlternatingRowColors(True)
        self.claim_list.currentItemChanged.connect(self._claim_current)
        self.claim_list.itemActivated.connect(
            lambda item: self.claimActivated.emit(item.data(Qt.UserRole))
        )
        hint = QLabel(tr("Select the content of a claim and press S."))
        hint.setObjectName("muted")
        hint.setWordWrap(True)
        claims_layout = QVBoxLayout(claims_page)
        claims_layout.setContentsMargins(6, 6, 6, 6)
        claims_layout.addWidget(hint)
        claims_layout.addWidget(self.claim_list, 1)
        self.addTab(claims_page, tr("Claims"))

        # --- document tab
        meta_page = QWidget()
        form = QFormLayout(meta_page)
        self.meta_title = QLineEdit()
        self.meta_outlet = QComboBox(editable=True)
        self.meta_source = QLineEdit()
        self.meta_event = QComboBox(editable=True)
        self.meta_url = QLineEdit()
        self.meta_published = QLineEdit()
        self.meta_published.setPlaceholderText("YYYY-MM-DD")
        self.meta_notes = QPlainTextEdit()
        self.meta_notes.setTabChangesFocus(True)
        self.meta_status = QComboBox()
        for status in DocStatus:
            self.meta_status.addItem(tr(STATUS_TEXT[status]), status.value)
        self.meta_id = QLabel()
        self.meta_id.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.meta_id.setObjectName("muted")
        self.meta_save = QPushButton(tr("Save details"))
        self.meta_error = QLabel()
        self.meta_error.setObjectName("error")
        form.addRow(tr("Title"), self.meta_title)
        form.addRow(tr("Outlet"), self.meta_outlet)
        form.addRow(tr("Original source"), self.meta_source)
        form.addRow(tr("Event"), self.meta_event)
        form.addRow(tr("URL"), self.meta_url)
        form.addRow(tr("Published"), self.meta_published)
        form.addRow(tr("Notes"), self.meta_notes)
        form.addRow(tr("Status"), self.meta_status)
        form.addRow(tr("Document"), self.meta_id)
        form.addRow(self.meta_error)
        form.addRow(self.meta_save)
        self.addTab(meta_page, tr("Document"))

        self.meta_save.clicked.connect(self._emit_meta)
        self.meta_status.activated.connect(
            lambda _i: self.statusChosen.emit(DocStatus(self.meta_status.currentData()))
        )
        self.group_by.currentIndexChanged.connect(lambda _i: self.show_document(self._doc))
        self._doc: Document | None = None

    # ----- selection
    def show_selection(self, text: str | None, start: int = -1, end: int = -1) -> None:
        if text is None:
            self.selection_text.setText(tr("Select text in the article to annotate it."))
            self.selection_offsets.setText("")
        else:
            self.selection_text.setText(f"«{text}»")
            self.selection_offsets.setText(
                tr("will be stored as [{start}, {end}) · {n} characters")
                .replace("{start}", str(start))
                .replace("{end}", str(end))
                .replace("{n}", str(end - start))
            )

    # ----- document
    def show_document(self, doc: Document | None) -> None:
        self._doc = doc
        if doc is None:
            self.tree_model.clear()
            return
        self.tree_model.populate(doc, self.labels, self.group_by.currentData())
        self.tree.expandAll()
        has_suggestions = bool(self.tree_model.suggestion_ids())
        self.accept_all.setEnabled(has_suggestions)
        self.reject_all.setEnabled(has_suggestions)

    def show_claims(self, doc: Document) -> None:
        self.claim_list.blockSignals(True)
        self.claim_list.clear()
        names = {k: e.name for k, e in doc.registry.items()}
        mentions = {m.ext_id: m for m in doc.mentions}
        for c in sorted(doc.claims, key=lambda c: (c.start, c.end)):
            who = speaker_of(c, doc.text, mentions, names)
            kind = f"{tr(QUOTE_TYPES[c.quote_type.value])} · {tr(POLARITIES[c.polarity.value])}"
            item = QListWidgetItem(f"{who} · {kind}\n«{shorten(doc.text[c.start : c.end], 140)}»")
            item.setData(Qt.UserRole, c.id)
            item.setToolTip(" ".join(doc.text[c.start : c.end].split()))
            self.claim_list.addItem(item)
        self.setTabText(1, f"{tr('Claims')} ({len(doc.claims)})")
        self.claim_list.blockSignals(False)

    def select_claim(self, claim_id) -> None:
        self.claim_list.blockSignals(True)
        self.claim_list.clearSelection()
        for i in range(self.claim_list.count()):
            if self.claim_list.item(i).data(Qt.UserRole) == claim_id:
                self.claim_list.setCurrentRow(i)
        self.claim_list.blockSignals(False)

    def _claim_current(self, current, _previous) -> None:
        if current is not None:
            self.mentionSelected.emit(("claim", current.data(Qt.UserRole)))

    def show_meta(self, doc: Document, status: DocStatus, outlets, events) -> None:
        meta = doc.meta
        self.meta_error.setText("")
        self.meta_title.setText(meta.title or "")
        for combo, values, value in (
            (self.meta_outlet, outlets, meta.outlet),
            (self.meta_event, events, meta.event),
        ):
            combo.clear()
            combo.addItems(values)
            combo.setCurrentText(value or "")
        self.meta_source.setText(meta.original_source or "")
        self.meta_url.setText(meta.url or "")
        self.meta_published.setText(meta.published.isoformat() if meta.published else "")
        self.meta_notes.setPlainText(meta.notes or "")
        self.meta_status.setCurrentIndex(self.meta_status.findData(status.value))
        self.meta_id.setText(
            f"{doc.external_id} · {len(doc.text):,} · {doc.meta.source_file or ''}"
        )

    def _emit_meta(self) -> None:
        if self._doc is None:
            return
        published = self.meta_published.text().strip()
        try:
            when = date.fromisoformat(published) if published else None
        except ValueError:
            self.meta_error.setText(tr("Published must be a date like 2023-03-15."))
            return
        self.meta_error.setText("")
        self.metaEdited.emit(
            DocumentMeta(
                outlet=self.meta_outlet.currentText().strip() or None,
                original_source=self.meta_source.text().strip() or None,
                title=self.meta_title.text().strip() or None,
                url=self.meta_url.text().strip() or None,
                published=when,
                event=self.meta_event.currentText().strip() or None,
                source_file=self._doc.meta.source_file,
                notes=self.meta_notes.toPlainText().strip() or None,
                language=self._doc.meta.language,
            )
        )

    def select_mention(self, mention_id) -> None:
        index = self.tree_model.index_of(mention_id) if mention_id is not None else None
        self.tree.selectionModel().blockSignals(True)
        if index is not None and index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)
        else:
            self.tree.clearSelection()
        self.tree.selectionModel().blockSignals(False)

    def _tree_current(self, current, _previous) -> None:
        if current.isValid() and current.data(KIND_ROLE) == "mention":
            self.mentionSelected.emit(current.data(ID_ROLE))


class MainWindow(QMainWindow):
    def __init__(self, workspace: Workspace, settings: QSettings | None = None):
        super().__init__()
        self.workspace = workspace
        self.labels = workspace.labels
        self.settings = settings or QSettings()
        self.doc: Document | None = None
        self.doc_status = DocStatus.NOT_STARTED
        self.selected_mention: int | None = None
        self.job: workers.Job | None = None
        self.setWindowTitle(f"{tr('Mizan')} — {workspace.db.display_name}")

        # centre: header + article view
        self.header = QLabel()
        self.header.setObjectName("docHeader")
        self.header.setTextFormat(Qt.PlainText)
        self.header.setWordWrap(True)
        self.view = ArticleView()
        self.view.set_reading_font(
            self.settings.value("reading/family", None) or None,
            float(self.settings.value("reading/size", 15)),
        )
        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.setSpacing(0)
        centre_layout.addWidget(self.header)
        centre_layout.addWidget(self.view, 1)
        self.setCentralWidget(centre)

        self.corpus = CorpusPanel(workspace)
        self.claims_panel = ClaimsPanel(workspace)
        self.left_tabs = QTabWidget()
        self.left_tabs.addTab(self.corpus, tr("Documents"))
        self.left_tabs.addTab(self.claims_panel, tr("Claims"))
        self.left_tabs.currentChanged.connect(
            lambda i: self.claims_panel.refresh() if i == 1 else None
        )
        self.panel = AnnotationPanel(workspace)
        # the corpus list sits where reading starts: left in English, right in Arabic
        start, end = (Qt.RightDockWidgetArea, Qt.LeftDockWidgetArea)
        if current_language() != "ar":
            start, end = end, start
        self.corpus_dock = self._dock(tr("Corpus"), self.left_tabs, start, "corpus")
        self.panel_dock = self._dock(tr("Annotate"), self.panel, end, "panel")

        self._make_actions()
        self._make_menus_and_toolbar()
        self._make_status_bar()
        self._connect()
        self.corpus.refresh()
        self.refresh_undo()
        self.resize(1400, 860)
        self.resizeDocks([self.corpus_dock, self.panel_dock], [380, 340], Qt.Horizontal)

    # ------------------------------------------------------------------ construction

    def _dock(self, title: str, widget: QWidget, area, name: str) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetMovable | QDockWidget.DockWidgetFloatable)
        self.addDockWidget(area, dock)
        return dock

    def _action(self, text: str, slot, shortcut=None, icon=None, context=None) -> QAction:
        action = QAction(tr(text), self)
        if shortcut is not None:
            if isinstance(shortcut, (list, tuple)):
                action.setShortcuts([QKeySequence(s) for s in shortcut])
            else:
                action.setShortcut(QKeySequence(shortcut))
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        if context is not None:
            action.setShortcutContext(context)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        S = QStyle.StandardPixmap
        self.act_import = self._action(
            "Import articles…", self.import_files, "Ctrl+I", S.SP_DialogOpenButton
        )
        self.act_open = self._action("Open database…", self.open_database, QKeySequence.Open)
        self.act_export = self._action("Export dataset…", self.export_dataset, "Ctrl+E")
        self.act_compare = self._action("Compare outlets…", self.open_compare, "Ctrl+K")
        self.act_quit = self._action("Quit", self.close, QKeySequence.Quit)
        self.act_undo = self._action("Undo", self.undo, QKeySequence.Undo, S.SP_ArrowBack)
        self.act_redo = self._action(
            "Redo", self.redo, ["Ctrl+Shift+Z", "Ctrl+Y"], S.SP_ArrowForward
        )
        self.act_delete = self._action(
            "Delete annotation", self.delete_selected, QKeySequence.Delete
        )
        self.act_link = self._action("Link to registry entity…", self.link_entity, "Ctrl+L")
        self.act_bounds = self._action(
            "Set the selected annotation's boundaries to the text selection",
            self.adjust_boundaries,
            "Ctrl+B",
        )
        self.act_all = self._action(
            "Annotate all occurrences…",
            self.annotate_all,
            "Ctrl+Shift+A",
            S.SP_FileDialogContentsView,
        )
        self.act_accept = self._action(
            "Accept suggestion", lambda: self.judge_selected(True), "Ctrl+Return"
        )
        self.act_reject = self._action(
            "Reject suggestion", lambda: self.judge_selected(False), "Ctrl+Backspace"
        )
        self.act_done = self._action("Mark document done", self.mark_done, "Ctrl+D")
        self.act_next_doc = self._action(
            "Next document",
            lambda: self.step_document(1),
            ["Ctrl+PgDown", "Alt+Down"],
            S.SP_ArrowDown,
        )
        self.act_prev_doc = self._action(
            "Previous document",
            lambda: self.step_document(-1),
            ["Ctrl+PgUp", "Alt+Up"],
            S.SP_ArrowUp,
        )
        self.act_next_ann = self._action("Next annotation", lambda: self.step_annotation(1), "F8")
        self.act_prev_ann = self._action(
            "Previous annotation", lambda: self.step_annotation(-1), "Shift+F8"
        )
        self.act_zoom_in = self._action(
            "Zoom in", self.view.zoom_in, [QKeySequence.ZoomIn, "Ctrl+="]
        )
        self.act_zoom_out = self._action("Zoom out", self.view.zoom_out, QKeySequence.ZoomOut)
        self.act_zoom_reset = self._action("Reset zoom", self.view.reset_zoom, "Ctrl+0")
        self.act_font = self._action("Reading font…", self.choose_font)
        self.act_search = self._action("Search the corpus", self.focus_search, QKeySequence.Find)
        self.act_help = self._action(
            "Keyboard shortcuts", self.show_shortcuts, QKeySequence.HelpContents
        )
        self.act_about = self._action("About Mizan", self.about)
        self.act_snap = QAction(tr("Snap selections to whole words"), self, checkable=True)
        self.act_snap.setChecked(True)
        self.act_snap.toggled.connect(lambda on: setattr(self.view, "snap_to_words", on))
        self.act_ui_en = QAction("English", self, checkable=True)
        self.act_ui_ar = QAction("العربية", self, checkable=True)
        (self.act_ui_ar if current_language() == "ar" else self.act_ui_en).setChecked(True)
        self.act_ui_en.triggered.connect(lambda: self.set_ui_language("en"))
        self.act_ui_ar.triggered.connect(lambda: self.set_ui_language("ar"))

        self.act_claim = self._action("New claim from the selection…", self.new_claim)
        self.act_edit_claim = self._action("Edit claim…", self.edit_claim)
        # label keys work where the annotator is looking: the article and the mention list
        self.label_shortcuts: list[QShortcut] = []
        claim_key = QShortcut(QKeySequence("S"), self.view)
        claim_key.setContext(Qt.WidgetWithChildrenShortcut)
        claim_key.activated.connect(self.new_claim)
        self.label_shortcuts.append(claim_key)
        for lb in self.labels.labels:
            if not lb.shortcut:
                continue
            for target in (self.view, self.panel.tree):
                shortcut = QShortcut(QKeySequence(lb.shortcut), target)
                shortcut.setContext(Qt.WidgetWithChildrenShortcut)
                shortcut.activated.connect(lambda key=lb.key: self.apply_label(key))
                self.label_shortcuts.append(shortcut)

    def _make_menus_and_toolbar(self) -> None:
        bar = self.menuBar()
        m = bar.addMenu(tr("&File"))
        m.addActions([self.act_import, self.act_export, self.act_open])
        m.addSeparator()
        m.addAction(self.act_quit)
        m = bar.addMenu(tr("&Edit"))
        m.addActions([self.act_undo, self.act_redo])
        m.addSeparator()
        m.addActions(
            [self.act_delete, self.act_link, self.act_all, self.act_accept, self.act_reject]
        )
        m.addSeparator()
        m.addActions([self.act_done, self.act_snap])
        m = bar.addMenu(tr("&View"))
        m.addActions([self.act_zoom_in, self.act_zoom_out, self.act_zoom_reset, self.act_font])
        lang = m.addMenu(tr("Interface language"))
        lang.addActions([self.act_ui_en, self.act_ui_ar])
        m = bar.addMenu(tr("&Go"))
        m.addActions(
            [
                self.act_next_doc,
                self.act_prev_doc,
                self.act_next_ann,
                self.act_prev_ann,
                self.act_search,
            ]
        )
        m = bar.addMenu(tr("&Tools"))
        m.addAction(self.act_compare)
        m = bar.addMenu(tr("&Help"))
        m.addActions([self.act_help, self.act_about])

        tools = self.addToolBar(tr("Main"))
        tools.setObjectName("main-toolbar")
        tools.setMovable(False)
        tools.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        tools.addActions([self.act_import])
        tools.addSeparator()
        tools.addActions([self.act_undo, self.act_redo])
        tools.addSeparator()
        tools.addActions([self.act_prev_doc, self.act_next_doc])
        tools.addSeparator()
        tools.addActions([self.act_all, self.act_compare, self.act_export])
        tools.addSeparator()
        tools.addActions([self.act_zoom_out, self.act_zoom_in])

    def _make_status_bar(self) -> None:
        status = self.statusBar()
        self.status_annotator = QLabel(f"{tr('Annotator')}: {self.workspace.annotator}")
        self.status_saved = QLabel(tr("All changes saved"))
        self.status_counts = QLabel()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        self.cancel_button = QPushButton(tr("Cancel"))
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel_job)
        status.addWidget(self.status_annotator)
        status.addWidget(self.status_counts)
        status.addPermanentWidget(self.progress)
        status.addPermanentWidget(self.cancel_button)
        status.addPermanentWidget(self.status_saved)

    def _connect(self) -> None:
        self.corpus.documentActivated.connect(self.open_document)
        self.claims_panel.claimActivated.connect(self.open_claim)
        self.view.selectionChangedRange.connect(self.on_selection)
        self.view.spanClicked.connect(self.on_span_clicked)
        self.panel.labelChosen.connect(self.apply_label)
        self.panel.mentionSelected.connect(self.on_mention_selected)
        self.panel.claimActivated.connect(lambda claim_id: self.edit_claim(claim_id))
        self.panel.metaEdited.connect(self.save_meta)
        self.panel.statusChosen.connect(self.set_status)
        self.panel.accept_all.clicked.connect(lambda: self.judge_all(True))
        self.panel.reject_all.clicked.connect(lambda: self.judge_all(False))

    # ------------------------------------------------------------------ documents

    def open_document(self, doc_id: int) -> None:
        if self.doc is not None and self.doc.id == doc_id:
            return
        self.selected_mention = None
        self._load(doc_id, reset_view=True)
        self.corpus.select(doc_id, emit=False)
        self.settings.setValue("last/document", doc_id)

    def open_first_document(self) -> None:
        last = self.settings.value("last/document", None)
        ids = self.corpus.ids()
        if last is not None and int(last) in ids:
            self.open_document(int(last))
        elif ids:
            self.open_document(ids[0])

    def _load(self, doc_id: int, *, reset_view: bool, meta: bool | None = None) -> None:
        doc = self.workspace.document(doc_id)
        self.doc = doc
        summary = next((d for d in self.corpus.model.rows if d.id == doc_id), None)
        self.doc_status = summary.status if summary else DocStatus.NOT_STARTED
        spans = self.view_spans(doc)
        if reset_view:
            self.view.set_article(doc.text, spans)
        else:
            self.view.set_spans(spans)
        self.view.set_selected_span(self.selected_mention)
        self.panel.show_document(doc)
        self.panel.show_claims(doc)
        self.panel.select_mention(self.selected_mention)
        if reset_view if meta is None else meta:
            outlets, events = self.workspace.outlets_and_events()
            self.panel.show_meta(doc, self.doc_status, outlets, events)
            self._update_header()
        self._update_counts()

    def _update_header(self) -> None:
        doc = self.doc
        if doc is None:
            self.header.setText("")
            return
        meta = doc.meta
        summary = next((d for d in self.corpus.model.rows if d.id == doc.id), None)
        title = meta.title or (summary.meta.title if summary else None) or doc.external_id
        source = isolate(meta.outlet) if meta.outlet else ""
        if meta.original_source:
            via = f"{tr('via')} {isolate(meta.original_source)}"
            source = f"{source} ({via})" if source else via
        bits = [source.strip(), meta.published.isoformat() if meta.published else "", meta.event]
        # each piece is a bidi isolate, so Arabic and Latin pieces keep their own order
        self.header.setText(isolate(title) + "\n" + "  ·  ".join(isolate(b) for b in bits if b))
        rtl = meta.language in ("ar", "fa", "ur", "he")
        self.header.setLayoutDirection(Qt.RightToLeft if rtl else Qt.LeftToRight)
        self.header.setAlignment((Qt.AlignRight if rtl else Qt.AlignLeft) | Qt.AlignAbsolute)

    def _update_counts(self) -> None:
        if self.doc is None:
            self.status_counts.setText("")
            return
        mentions = [
            m
            for m in self.doc.mentions
            if m.status in (MentionStatus.MANUAL, MentionStatus.ACCEPTED)
        ]
        suggested = sum(m.status is MentionStatus.SUGGESTED for m in self.doc.mentions)
        text = (
            f"{tr('Mentions')}: {len(mentions)} · {tr('Claims')}: {len(self.doc.claims)}"
            f" · {tr(STATUS_TEXT[self.doc_status])}"
        )
        if suggested:
            text += f" · {tr('Suggestions')}: {suggested}"
        self.status_counts.setText(text)

    def view_spans(self, doc: Document) -> list[ViewSpan]:
        names = {k: e.name for k, e in doc.registry.items()}
        spans: list[ViewSpan] = []
        for m in doc.mentions:
            if m.status is MentionStatus.REJECTED:
                continue
            label = self.labels.get(m.label)
            entity = names.get(m.entity) if m.entity else None
            tip = f"{m.label} · {label_name(self.labels, m.label)}"
            if entity:
                tip += f" → {entity}"
            kind = "suggestion" if m.status is MentionStatus.SUGGESTED else "mention"
            if kind == "suggestion":
                tip += f" ({tr('suggestion')})"
            spans.append(
                ViewSpan(
                    m.id, m.start, m.end, kind, label.color if label else "#dddddd", m.label, tip
                )
            )
        for c in doc.claims:
            spans.append(
                ViewSpan(
                    ("claim", c.id),
                    c.start,
                    c.end,
                    "claim",
                    CLAIM_COLOR,
                    "CLAIM",
                    f"{tr('Claim')} · {c.quote_type.value} · {c.polarity.value}",
                )
            )
            if c.cue:
                spans.append(
                    ViewSpan(
                        ("cue", c.id),
                        c.cue.start,
                        c.cue.end,
                        "cue",
                        CUE_COLOR,
                        "CUE",
                        tr("Reporting cue"),
                    )
                )
        return spans

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
        from desktop.gui.export_dialog import ExportDialog, summary

        dialog = ExportDialog(self.workspace, self)
        self.export_dialog = dialog
        if dialog.exec() and dialog.result is not None:
            self.statusBar().showMessage(tr("Exported") + ": " + summary(dialog.result), 10000)

    def open_compare(self) -> None:
        from desktop.gui.compare_view import CompareWindow

        window = CompareWindow(self.workspace, self)
        window.setWindowFlag(Qt.Window)
        window.openClaim.connect(self.open_claim)
        window.changed.connect(self.apply)  # edits there (and their undo) refresh this window
        window.resize(1400, 820)
        window.show()
        self.compare_window = window

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

    # ------------------------------------------------------------------ annotating

    def on_selection(self, start: int, end: int) -> None:
        if start < 0 or self.doc is None:
            self.panel.show_selection(None)
            return
        self.panel.show_selection(self.doc.text[start:end], start, end)

    def apply_label(self, label: str) -> None:
        """A label key: label the selected text, or relabel the selected mention."""
        if self.doc is None:
            return
        selection = self.view.selected_range()
        if selection is not None:
            start, end = selection
            change = self._run(
                lambda: self.workspace.create_mention(self.doc.id, start, end, label)
            )
            if change and change.mention_ids:
                self.selected_mention = change.mention_ids[0]
                self.view.clear_selection()
                self.apply(change)
        elif isinstance(self.selected_mention, int):
            mention = self._mention(self.selected_mention)
            if mention is not None and mention.label != label:
                self.apply(
                    self._run(lambda: self.workspace.update_mention(mention.id, label=label))
                )
            elif mention is not None and mention.status is MentionStatus.SUGGESTED:
                self.judge_selected(True)

    def _mention(self, mention_id):
        if self.doc is None:
            return None
        return next((m for m in self.doc.mentions if m.id == mention_id), None)

    def on_span_clicked(self, span_id) -> None:
        self.on_mention_selected(span_id, from_view=True)

    def on_mention_selected(self, mention_id, from_view: bool = False) -> None:
        if isinstance(mention_id, tuple) and mention_id[0] == "cue":
            mention_id = ("claim", mention_id[1])  # a cue stands for its claim
        self.selected_mention = mention_id
        self.view.set_selected_span(mention_id)
        if isinstance(mention_id, tuple):
            self.panel.select_claim(mention_id[1])
            claim = self._claim(mention_id[1])
            if claim is not None and self.doc is not None:
                self.panel.show_selection(
                    self.doc.text[claim.start : claim.end], claim.start, claim.end
                )
            return
        if from_view:
            self.panel.select_mention(mention_id)
        mention = self._mention(mention_id) if isinstance(mention_id, int) else None
        if mention is not None and self.doc is not None:
            self.panel.show_selection(
                self.doc.text[mention.start : mention.end], mention.start, mention.end
            )

    def _claim(self, claim_id):
        if self.doc is None:
            return None
        return next((c for c in self.doc.claims if c.id == claim_id), None)

    def new_claim(self) -> None:
        """S: the selection is the content of a new claim; the form opens with proposals."""
        if self.doc is None:
            return
        selection = self.view.selected_range(snap=True)
        if selection is None:
            self.statusBar().showMessage(tr("Select the content of the claim first."), 4000)
            return
        start, end = selection
        proposal = self.workspace.propose_claim(self.doc.id, start, end)
        dialog = ClaimDialog(self.workspace, self.doc, start, end, proposal=proposal, parent=self)
        self.claim_dialog = dialog  # tests reach the open form here
        if not dialog.exec():
            return
        values = dialog.values()
        change = self._run(lambda: self.workspace.create_claim(self.doc.id, start, end, **values))
        if change is not None:
            self.view.clear_selection()
            self.apply(change)
            new = max((c.id for c in self.doc.claims), default=None)
            if new is not None:
                self.on_mention_selected(("claim", new), from_view=True)

    def edit_claim(self, claim_id: int | None = None) -> None:
        if claim_id is None and isinstance(self.selected_mention, tuple):
            claim_id = self.selected_mention[1]
        claim = self._claim(claim_id)
        if claim is None:
            self.statusBar().showMessage(tr("Select a claim first."), 4000)
            return
        dialog = ClaimDialog(
            self.workspace, self.doc, claim.start, claim.end, claim=claim, parent=self
        )
        self.claim_dialog = dialog
        if dialog.exec():
            values = dialog.values()
            self.apply(self._run(lambda: self.workspace.update_claim(claim.id, **values)))

    def adjust_boundaries(self) -> None:
        """Ctrl+B: the selected mention or claim now covers the text selection (snapped)."""
        selection = self.view.selected_range()
        if selection is None or self.selected_mention is None:
            self.statusBar().showMessage(
                tr("Select an annotation, then select its new extent and press Ctrl+B."), 5000
            )
            return
        start, end = selection
        target = self.selected_mention
        if isinstance(target, tuple):
            change = self._run(lambda: self.workspace.update_claim(target[1], start=start, end=end))
        else:
            change = self._run(lambda: self.workspace.update_mention(target, start=start, end=end))
        self.view.clear_selection()
        self.apply(change)

    def delete_selected(self) -> None:
        if isinstance(self.selected_mention, tuple):
            claim_id = self.selected_mention[1]
            self.selected_mention = None
            self.apply(self._run(lambda: self.workspace.delete_claims([claim_id])))
            return
        if isinstance(self.selected_mention, int):
            change = self._run(lambda: self.workspace.delete_mentions([self.selected_mention]))
            self.selected_mention = None
            self.apply(change)

    def judge_selected(self, accept: bool) -> None:
        mention = self._mention(self.selected_mention)
        if mention is None or mention.status is not MentionStatus.SUGGESTED:
            return
        status = MentionStatus.ACCEPTED if accept else MentionStatus.REJECTED
        change = self._run(lambda: self.workspace.set_status_of_mentions([mention.id], status))
        self.apply(change)
        ids = self.panel.tree_model.suggestion_ids()
        if ids:  # straight on to the next suggestion
            self.on_mention_selected(ids[0], from_view=True)

    def judge_all(self, accept: bool) -> None:
        ids = self.panel.tree_model.suggestion_ids()
        status = MentionStatus.ACCEPTED if accept else MentionStatus.REJECTED
        self.apply(self._run(lambda: self.workspace.set_status_of_mentions(ids, status)))

    def step_annotation(self, step: int) -> None:
        if self.doc is None:
            return
        mentions = sorted(
            (m for m in self.doc.mentions if m.status is not MentionStatus.REJECTED),
            key=lambda m: (m.start, -m.end),
        )
        if not mentions:
            return
        ids = [m.id for m in mentions]
        if self.selected_mention in ids:
            i = (ids.index(self.selected_mention) + step) % len(ids)
        else:
            i = 0 if step > 0 else len(ids) - 1
        self.on_mention_selected(ids[i], from_view=True)

    def link_entity(self) -> None:
        mention = self._mention(self.selected_mention)
        if mention is None or self.doc is None:
            self.statusBar().showMessage(tr("Select a mention first."), 4000)
            return
        surface = self.doc.text[mention.start : mention.end]
        dialog = EntityDialog(self.workspace, surface, mention.label, self.labels, self)
        if not dialog.exec():
            return
        if dialog.chosen:
            self.apply(
                self._run(lambda: self.workspace.update_mention(mention.id, entity=dialog.chosen))
            )
        elif dialog.new_entity:
            name, type_, aliases = dialog.new_entity
            result = self._run(
                lambda: self.workspace.create_entity(name, type_, aliases, link_mention=mention.id)
            )
            if result:
                self.apply(result[1])

    def annotate_all(self) -> None:
        mention = self._mention(self.selected_mention)
        if mention is None or self.doc is None:
            self.statusBar().showMessage(tr("Select a mention first."), 4000)
            return
        surface = self.doc.text[mention.start : mention.end]
        dialog = OccurrencesDialog(surface, mention.label, self)
        if not dialog.exec():
            return
        self.find_and_suggest(
            dialog.query.text(),
            mention.label,
            mention.entity,
            document_id=self.doc.id if dialog.this_document.isChecked() else None,
            clitics=dialog.clitics.isChecked(),
        )

    def find_and_suggest(self, query, label, entity, *, document_id, clitics) -> workers.Job:
        workspace = self.workspace

        def work(progress, cancelled):
            found = workspace.find_occurrences(
                query,
                document_id=document_id,
                clitic_insensitive=clitics,
                progress=progress,
                cancelled=cancelled,
            )
            if cancelled():
                return None
            return workspace.add_suggestions(found, label, entity), len(found)

        def done(result):
            if result is None:
                return
            change, n = result
            self.apply(change)
            self.statusBar().showMessage(
                tr("{n} suggestion(s) added: accept or reject them in the panel.").replace(
                    "{n}", str(n)
                ),
                8000,
            )
            ids = self.panel.tree_model.suggestion_ids()
            if ids:
                self.on_mention_selected(ids[0], from_view=True)

        return self.run_job(tr("Finding occurrences…"), work, done)

    def mark_done(self) -> None:
        self.set_status(DocStatus.DONE)

    def set_status(self, status: DocStatus) -> None:
        if self.doc is not None and status is not None:
            self.apply(self._run(lambda: self.workspace.set_status(self.doc.id, status)))

    def save_meta(self, meta: DocumentMeta) -> None:
        if self.doc is not None:
            self.apply(self._run(lambda: self.workspace.update_meta(self.doc.id, meta)))

    def undo(self) -> None:
        self.apply(self._run(self.workspace.undo))

    def redo(self) -> None:
        self.apply(self._run(self.workspace.redo))

    # ------------------------------------------------------------------ applying changes

    def _run(self, fn):
        """Run one action; a refusal (MizanError) is shown, never raised into Qt."""
        try:
            result = fn()
        except MizanError as exc:
            self.statusBar().showMessage(str(exc), 8000)
            QMessageBox.warning(self, tr("Mizan"), str(exc))
            return None
        self.status_saved.setText(tr("All changes saved"))
        return result

    def apply(self, change: Change | None) -> None:
        if change is None:
            self.refresh_undo()
            return
        if self.doc is not None and (
            self.doc.id in change.document_ids or "entity" in change.kinds
        ):
            self._load(self.doc.id, reset_view=False, meta=bool(change.kinds & {"meta", "corpus"}))
        if change.kinds & {"corpus", "meta"}:
            self.corpus.fill_filters()
        if change.kinds & {"claim", "meta", "entity"} and self.left_tabs.currentIndex() == 1:
            self.claims_panel.fill_filters()
            self.claims_panel.refresh()
        if change.kinds & {"corpus", "status", "meta"} or change.description.startswith(
            ("undo", "redo")
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
        elif "mention" in change.kinds and self.doc is not None:
            self.corpus.model.update_counts(self.doc)  # no query: counts come from the document
        if self.doc is not None and change.document_ids and self.doc.id not in change.document_ids:
            other = next(iter(change.document_ids))
            if change.description.startswith(("undo", "redo")):
                self.open_document(other)  # show where the undone change happened
        self.refresh_undo()
        self.statusBar().showMessage(change.description, 3000)

    def refresh_undo(self) -> None:
        state = self.workspace.undo_state()
        self.act_undo.setEnabled(state.can_undo)
        self.act_redo.setEnabled(state.can_redo)
        # the descriptions come from the use cases in English: spell them out in the English UI,
        # keep them to the tooltip in others
        english = current_language() == "en"
        for action, verb, what in (
            (self.act_undo, tr("Undo"), state.undo_text),
            (self.act_redo, tr("Redo"), state.redo_text),
        ):
            action.setText(f"{verb} {what}".strip() if english else verb)
            action.setToolTip(f"{verb} {what}".strip())

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
            self.import_paths([seeds_dir()])

    def open_database(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            tr("Open or create a database"),
            "",
            tr("Mizan database (*.db);;All files (*)"),
            options=QFileDialog.DontConfirmOverwrite,
        )
        if path:
            from desktop.gui.main import reopen

            reopen(self, path)

    # ------------------------------------------------------------------ view / help

    def focus_search(self) -> None:
        self.corpus.search.setFocus()
        self.corpus.search.selectAll()

    def choose_font(self) -> None:
        from PySide6.QtWidgets import QFontDialog

        ok, font = QFontDialog.getFont(self.view.font(), self, tr("Reading font"))
        if ok:
            self.view.set_reading_font(font.family(), font.pointSizeF())
            self.settings.setValue("reading/family", font.family())
            self.settings.setValue("reading/size", font.pointSizeF())

    def set_ui_language(self, language: str) -> None:
        self.settings.setValue("ui/language", language)
        self.act_ui_en.setChecked(language == "en")
        self.act_ui_ar.setChecked(language == "ar")
        QMessageBox.information(
            self,
            tr("Interface language"),
            tr("The new language applies the next time Mizan starts."),
        )

    def show_shortcuts(self) -> None:
        ShortcutsDialog(self.labels, self).exec()

    def about(self) -> None:
        from desktop import __version__

        QMessageBox.about(
            self,
            tr("About Mizan"),
            f"{tr('Mizan')} {__version__}\n"
            + tr("Annotate Arabic news articles and weigh what different outlets report."),
        )

    def closeEvent(self, event) -> None:
        if self.job is not None:
            self.job.cancel()
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        super().closeEvent(event)
