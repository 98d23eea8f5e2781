"""The annotation panel: selection and label palette, the document's mentions and claims, and
its details."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.app.settings import Preferences
from desktop.app.workspace import Workspace, shorten
from desktop.core.model import DocStatus, Document, DocumentMeta
from desktop.core.speakers import claim_speaker
from desktop.gui.annotate.other_outlets import OtherOutletsView
from desktop.gui.annotate.palette import LabelPalette
from desktop.gui.i18n import tr
from desktop.gui.models.base import ID_ROLE, KIND_ROLE
from desktop.gui.models.mention_tree import MentionTreeModel
from desktop.gui.names import POLARITIES, QUOTE_TYPES, STATUS_TEXT, speaker_text

SELECTION_CHARS = 90  # a longer selection is shown shortened in the middle


class AnnotationPanel(QTabWidget):
    """Selection and label palette, the document's annotations, and its metadata."""

    labelChosen = Signal(str)
    mentionSelected = Signal(object)
    claimActivated = Signal(int)
    compareClaim = Signal(int)  # claim id: "Compare this claim across outlets"
    metaEdited = Signal(object)
    statusChosen = Signal(object)

    def __init__(self, workspace: Workspace, parent=None, prefs: Preferences | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.prefs = prefs  # keeps whether the palette is folded
        self.labels = workspace.labels

        # --- annotations tab
        page = QWidget()
        # the hint is one small line; the boxed selection is shown only when there is one
        self.selection_hint = QLabel(tr("Select text in the article to annotate it."))
        self.selection_hint.setObjectName("muted")
        self.selection_hint.setWordWrap(True)
        self.selection_text = QLabel(tr("Select text in the article to annotate it."))
        self.selection_text.setWordWrap(True)
        self.selection_text.setTextFormat(Qt.PlainText)
        self.selection_text.setObjectName("selection")
        self.selection_text.hide()
        self.selection_offsets = QLabel()
        self.selection_offsets.setObjectName("muted")
        self.selection_offsets.setWordWrap(True)
        self.selection_offsets.hide()  # shown with a selection
        self.label_palette = LabelPalette(self.labels, shown=self._palette_shown())
        self.label_palette.labelChosen.connect(self.labelChosen)
        self.label_palette.toggled.connect(self._remember_palette)
        self.label_buttons: dict[str, QToolButton] = self.label_palette.buttons
        self.group_by = QComboBox()
        self.group_by.addItem(tr("Group by label"), "label")
        self.group_by.addItem(tr("Group by entity"), "entity")
        self.tree_model = MentionTreeModel(self)
        self.tree = MentionList()
        self.tree.setModel(self.tree_model)
        self.tree_model.follow(self.tree)  # rows of long groups are made as they scroll into view
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
        layout.addWidget(self.selection_hint)
        layout.addWidget(self.selection_text)
        layout.addWidget(self.selection_offsets)
        layout.addWidget(self.label_palette)
        layout.addWidget(self.group_by)
        layout.addWidget(self.tree, 1)
        layout.addLayout(suggestion_row)
        self.addTab(_scrolling(page), tr("Annotations"))

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
        self.other_outlets = OtherOutletsView(workspace)  # the selected claim elsewhere
        self.other_outlets.compareRequested.connect(self.compareClaim)
        claims_layout.addWidget(self.other_outlets, 1)
        self.claim_list.setContextMenuPolicy(Qt.ActionsContextMenu)
        compare = QAction(tr("Compare this claim across outlets"), self.claim_list)
        compare.setShortcut(QKeySequence("Ctrl+Shift+C"))
        compare.setShortcutContext(Qt.WidgetWithChildrenShortcut)
        compare.triggered.connect(self._compare_current_claim)
        self.claim_list.addAction(compare)
        self.addTab(claims_page, tr("Claims"))

        # --- document tab: each field is saved when it is left (an undoable step of its own)
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
        self.meta_error = QLabel()
        self.meta_error.setObjectName("error")
        self.meta_error.setWordWrap(True)
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
        hint = QLabel(tr("Each field is saved when you leave it; Ctrl+Z undoes it."))
        hint.setObjectName("muted")
        hint.setWordWrap(True)
        form.addRow(hint)
        self.addTab(_scrolling(meta_page), tr("Document"))

        for edit in (self.meta_title, self.meta_source, self.meta_url, self.meta_published):
            edit.editingFinished.connect(self._emit_meta)
        for combo in (self.meta_outlet, self.meta_event):
            combo.lineEdit().editingFinished.connect(self._emit_meta)
            combo.activated.connect(lambda _i: self._emit_meta())
        self.meta_notes.installEventFilter(self)
        self.meta_status.activated.connect(
            lambda _i: self.statusChosen.emit(DocStatus(self.meta_status.currentData()))
        )
        self.group_by.currentIndexChanged.connect(lambda _i: self.show_document(self._doc))
        self._doc: Document | None = None

    # ----- selection
    def show_selection(self, text: str | None, start: int = -1, end: int = -1) -> None:
        if text is None:
            self.selection_text.hide()
            self.selection_offsets.hide()
            self.selection_hint.show()
            self.selection_text.setText(tr("Select text in the article to annotate it."))
            self.selection_offsets.setText("")
        else:
            self._show_selected(text)
            self.selection_offsets.setText(
                tr("will be stored as [{start}, {end}) · {n} characters")
                .replace("{start}", str(start))
                .replace("{end}", str(end))
                .replace("{n}", str(end - start))
            )

    def show_annotation(self, text: str, start: int, end: int) -> None:
        """A selected mention or claim (not a text selection: a label key relabels it, S needs
        a new selection)."""
        self._show_selected(text)
        self.selection_offsets.setText(
            tr("selected annotation [{start}, {end}) · select text to make a new one")
            .replace("{start}", str(start))
            .replace("{end}", str(end))
        )

    def _show_selected(self, text: str) -> None:
        """A long selection is shortened in the middle (three lines at most in a narrow panel,
        so that the palette and the list do not move down); the whole text is its tooltip."""
        if len(text) > SELECTION_CHARS:
            half = SELECTION_CHARS // 2
            shown = f"{text[:half].rstrip()} … {text[-half:].lstrip()}"
        else:
            shown = text
        self.selection_text.setText(f"«{shown}»")
        self.selection_text.setToolTip(text if len(text) > SELECTION_CHARS else "")
        self.selection_text.show()
        self.selection_offsets.show()
        self.selection_hint.hide()

    def _palette_shown(self) -> bool:
        return bool(self.prefs.get("panel/palette")) if self.prefs is not None else True

    def _remember_palette(self, shown: bool) -> None:
        if self.prefs is not None:
            self.prefs.set("panel/palette", shown)

    # ----- document
    def show_document(self, doc: Document | None) -> None:
        self._doc = doc
        if doc is None:
            self.tree_model.clear()
            return
        self.tree_model.populate(doc, self.labels, self.group_by.currentData())
        self.tree.expandAll()
        self._suggestion_buttons()

    def show_document_later(self, doc: Document) -> None:
        """`doc` is open but only part of it is read: no rows until `show_document`."""
        self._doc = doc
        self.tree_model.clear()
        self._suggestion_buttons()

    def update_mentions(self, doc: Document, removed, mentions) -> None:
        """An edit: only these rows of the mention tree change."""
        self._doc = doc
        self.tree_model.update(doc, removed, mentions)
        for r in range(self.tree_model.rowCount()):  # a new group opens like the others
            if not self.tree.isExpanded(index := self.tree_model.index(r, 0)):
                self.tree.expand(index)  # (expanding again would make more rows each edit)
        self._suggestion_buttons()

    def _suggestion_buttons(self) -> None:
        """Shown only while the document has suggestions: the list gets their row otherwise."""
        has_suggestions = bool(self.tree_model.suggestion_ids())
        for button in (self.accept_all, self.reject_all):
            button.setEnabled(has_suggestions)
            button.setVisible(has_suggestions)

    def show_claims(self, doc: Document) -> None:
        self.claim_list.blockSignals(True)
        self.claim_list.clear()
        names = {k: e.name for k, e in doc.registry.items()}
        mentions = {m.ext_id: m for m in doc.mentions} if doc.claims else {}  # 50,000 of them
        for c in sorted(doc.claims, key=lambda c: (c.start, c.end)):
            who = speaker_text(claim_speaker(c.source, doc.text, mentions, names))
            kind = f"{tr(QUOTE_TYPES[c.quote_type.value])} · {tr(POLARITIES[c.polarity.value])}"
            item = QListWidgetItem(f"{who} · {kind}\n«{shorten(doc.text[c.start : c.end], 140)}»")
            item.setData(Qt.UserRole, c.id)
            item.setToolTip(" ".join(doc.text[c.start : c.end].split()))
            self.claim_list.addItem(item)
        self.setTabText(1, f"{tr('Claims')} ({len(doc.claims)})")
        self.claim_list.blockSignals(False)
        self.other_outlets.clear()

    def select_claim(self, claim_id) -> None:
        self.claim_list.blockSignals(True)
        self.claim_list.clearSelection()
        for i in range(self.claim_list.count()):
            if self.claim_list.item(i).data(Qt.UserRole) == claim_id:
                self.claim_list.setCurrentRow(i)
        self.claim_list.blockSignals(False)
        if claim_id is not None and claim_id != self.other_outlets.claim_id:
            self.other_outlets.show_claim(claim_id)

    def _claim_current(self, current, _previous) -> None:
        if current is not None:
            self.mentionSelected.emit(("claim", current.data(Qt.UserRole)))
            if current.data(Qt.UserRole) != self.other_outlets.claim_id:
                self.other_outlets.show_claim(current.data(Qt.UserRole))

    def _compare_current_claim(self) -> None:
        item = self.claim_list.currentItem()
        if item is not None:
            self.compareClaim.emit(item.data(Qt.UserRole))

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

    def eventFilter(self, watched, event) -> bool:
        if watched is self.meta_notes and event.type() == QEvent.FocusOut:
            self._emit_meta()
        return super().eventFilter(watched, event)

    def flush_meta(self) -> None:
        """Save the detail being typed (the document is about to change or the window close)."""
        focus = self.focusWidget()
        fields = (self.meta_title, self.meta_source, self.meta_url, self.meta_published)
        if focus is not None and (
            focus in fields
            or focus is self.meta_notes
            or focus in (self.meta_outlet.lineEdit(), self.meta_event.lineEdit())
        ):
            self._emit_meta()

    def _emit_meta(self) -> None:
        """Emit the details if a field differs from the stored ones (leaving a field unchanged
        records nothing)."""
        if self._doc is None:
            return
        published = self.meta_published.text().strip()
        try:
            when = date.fromisoformat(published) if published else None
        except ValueError:
            self.meta_error.setText(tr("Published must be a date like 2023-03-15."))
            return
        self.meta_error.setText("")
        meta = DocumentMeta(
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
        if meta != self._doc.meta:
            self.metaEdited.emit(meta)

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


class MentionList(QTreeView):
    """The mention list asks for a few rows only: the tab page scrolls at the height its layout
    prefers, so a list that asks for its default 192 pixels made the page scroll in a short
    window (the list inside it scrolling too); it takes the rest of the height instead."""

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), 4 * self.fontMetrics().height())


def _scrolling(page: QWidget) -> QScrollArea:
    """A tab page that scrolls in a short window instead of making the window taller."""
    area = QScrollArea()
    area.setWidget(page)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
    return area
