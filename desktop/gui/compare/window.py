"""The Compare window: what several outlets report about one event, side by side.

Three tabs over the chosen documents (an event, or any set of documents):

* **Claims across outlets** — one column per document, one row per claim cluster (the same
  proposition reported by several outlets), built by `desktop.compare.grid`; an outlet that did
  not report the proposition gets a hatched "not reported" cell, a row whose members carry
  different figures or dates of one kind gets a conflict badge. Two cells selected with
  Ctrl+click are compared word by word below (`claims_tab.py`).
* **Suggestions** — likely same-proposition pairs, best first (`suggestions_tab.py`).
* **Naming** — for each registry entity, the forms each outlet used for it, with counts.

The window listens to the hub: a change made here or in the main window to its documents'
claims, clusters or details refreshes it, so it never goes stale. Document text is always shown
as plain text and right-to-left, whatever the interface language.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.app.workspace import Workspace
from desktop.compare import naming_table
from desktop.core.changes import Change, ChangeKind
from desktop.core.model import Document
from desktop.gui.compare.claims_tab import ClaimsTab
from desktop.gui.compare.delegate import CellDelegate, cell_table
from desktop.gui.compare.documents_dialog import DocumentsDialog
from desktop.gui.compare.suggestions_tab import SuggestionsTab
from desktop.gui.hub import Hub
from desktop.gui.i18n import isolate, tr
from desktop.gui.models.naming import NamingModel


class CompareWindow(QWidget):
    """Compare what several outlets report: claims side by side, suggestions, naming."""

    #: (document id, claim id): show this claim in its article (the main window opens it).
    openClaim = Signal(int, int)
    #: The suggestions of the current documents are shown (after a refresh).
    suggestionsReady = Signal()

    #: Up to this many claims, suggestions are computed at once (the seeds take ~40 ms);
    #: above it, in the thread pool.
    SYNC_CLAIMS = 400

    def __init__(self, workspace: Workspace, parent=None, *, hub: Hub | None = None):
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setWindowTitle(tr("Compare outlets"))  # Qt appends " — Mizan" itself
        self.workspace = workspace
        # the main window's hub, so edits here and there reach both; alone, a hub of its own
        self.hub = hub if hub is not None else Hub(self)
        self.docs: list[Document] = []
        self.event: str | None = None
        self._ids: list[int] = []
        self.documents_dialog: DocumentsDialog | None = None

        self._make_top_bar()
        self.claims_tab = ClaimsTab(workspace, self.hub)
        self.suggestions_tab = SuggestionsTab(workspace, self.hub)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.claims_tab, tr("Claims across outlets"))
        self.tabs.addTab(self.suggestions_tab, tr("Suggestions"))
        self.tabs.addTab(self._make_naming_tab(), tr("Naming"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(self.top_bar)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.summary)
        self._make_actions()
        self.resize(1400, 820)
        self.claims_tab.openClaim.connect(self.openClaim)
        self.suggestions_tab.ready.connect(self._suggestions_ready)
        self.hub.changed.connect(self.on_change)

        self._fill_events()
        clustered = self._clustered_documents()
        default = self._default_event(clustered)
        if default is not None:
            self.show_event(default)
        elif clustered and len(clustered) <= self.DEFAULT_COLUMNS:
            self.show_documents(clustered)
        else:
            self.refresh()

    # ------------------------------------------------------------------ construction

    def _make_top_bar(self) -> None:
        self.event_box = QComboBox()
        self.event_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.event_box.setMinimumContentsLength(30)
        self.choose_button = QPushButton(tr("Choose documents…"))
        self.refresh_button = QPushButton(tr("Refresh"))
        self.refresh_button.setToolTip(tr("Reload claims, clusters and suggestions (F5)"))
        self.undo_button = QToolButton()
        self.undo_button.setText(tr("Undo"))
        self.redo_button = QToolButton()
        self.redo_button.setText(tr("Redo"))
        self.summary = QLabel()
        self.summary.setObjectName("muted")
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.top_bar = QHBoxLayout()
        self.top_bar.addWidget(QLabel(tr("Event")))
        self.top_bar.addWidget(self.event_box)
        self.top_bar.addWidget(self.choose_button)
        self.top_bar.addWidget(self.refresh_button)
        self.top_bar.addStretch(1)
        self.top_bar.addWidget(self.undo_button)
        self.top_bar.addWidget(self.redo_button)
        self.event_box.currentIndexChanged.connect(self._event_chosen)
        self.choose_button.clicked.connect(self.choose_documents)
        self.refresh_button.clicked.connect(self.refresh)
        self.undo_button.clicked.connect(self.undo)
        self.redo_button.clicked.connect(self.redo)

    #: The tabs' widgets and actions, reachable from the window as before the split.
    _FROM_CLAIMS_TAB = frozenset(
        (
            "claims_model",
            "claims_table",
            "claims_delegate",
            "row_header",
            "relation_button",
            "remove_button",
            "new_cluster_button",
            "rename_button",
            "delete_button",
            "merge_button",
            "diff_view",
            "diff_caption",
            "claims_hint",
            "selected_cells",
            "selected_claims",
            "selected_clusters",
            "show_diff",
            "claim_at",
            "cell_menu",
            "set_relation",
            "remove_from_cluster",
            "move_to_cluster",
            "new_cluster",
            "rename_cluster",
            "delete_cluster",
            "merge_clusters",
        )
    )
    _FROM_SUGGESTIONS_TAB = frozenset(
        (
            "suggestions_model",
            "suggestions_table",
            "suggestions_delegate",
            "suggestions_status",
            "suggestions_progress",
            "label_edit",
            "accept_button",
            "reject_button",
            "select_suggestion",
            "current_suggestion",
            "accept_suggestion",
            "reject_suggestion",
        )
    )

    def __getattr__(self, name: str):
        # only called for names the window itself does not have
        if name in CompareWindow._FROM_CLAIMS_TAB:
            return getattr(self.claims_tab, name)
        if name in CompareWindow._FROM_SUGGESTIONS_TAB:
            return getattr(self.suggestions_tab, name)
        raise AttributeError(name)

    @property
    def diff_ops(self) -> list[tuple[str, str, str]]:
        return self.claims_tab.diff_ops

    def _make_naming_tab(self) -> QWidget:
        page = QWidget()
        self.naming_model = NamingModel(self)
        self.naming_view = QTableView()
        self.naming_delegate = CellDelegate(self.naming_view, 12.5)
        self.naming_view.setModel(self.naming_model)
        cell_table(self.naming_view, self.naming_delegate)
        self.naming_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.naming_view.horizontalHeader().setMinimumSectionSize(200)
        self.naming_view.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.naming_view.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        hint = QLabel(
            tr(
                "Forms of linked mentions only (link a mention to a registry entity to count it). "
                "Forms that only some outlets use are in bold."
            )
        )
        hint.setObjectName("muted")
        hint.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(4, 6, 4, 4)
        layout.addWidget(hint)
        layout.addWidget(self.naming_view, 1)
        return page

    def _make_actions(self) -> None:
        self.act_undo = QAction(tr("Undo"), self)
        self.act_undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.act_redo = QAction(tr("Redo"), self)
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.act_refresh = QAction(tr("Refresh"), self)
        self.act_refresh.setShortcut(QKeySequence.StandardKey.Refresh)
        self.act_close = QAction(tr("Close"), self)
        self.act_close.setShortcut(QKeySequence.StandardKey.Close)
        for action, slot in (
            (self.act_undo, self.undo),
            (self.act_redo, self.redo),
            (self.act_refresh, self.refresh),
            (self.act_close, self.close),
        ):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _c=False, s=slot: s())
            self.addAction(action)

    def fit_to_screen(self, near: QWidget | None = None) -> None:
        """Open on the screen of `near` (the main window), inside its free area: at most
        1400 × 820, never larger than 92% of the screen."""
        screen = (near.screen() if near is not None else None) or self.screen()
        free = screen.availableGeometry()
        width = min(1400, int(free.width() * 0.92))
        height = min(820, int(free.height() * 0.92))
        self.resize(width, height)
        frame = self.frameGeometry()
        frame.moveCenter(free.center())
        self.move(frame.topLeft())

    # ------------------------------------------------------------------ choosing documents

    def _summaries(self):
        return self.workspace.documents()

    def _fill_events(self) -> None:
        summaries = self._summaries()
        counts: dict[str, int] = {}
        for d in summaries:
            if d.meta.event:
                counts[d.meta.event] = counts.get(d.meta.event, 0) + 1
        self._event_counts = counts
        _, events = self.workspace.outlets_and_events()
        self.event_box.blockSignals(True)
        self.event_box.clear()
        self.event_box.addItem(self._chosen_text(), None)
        for event in events:
            n = counts.get(event, 0)
            self.event_box.addItem(f"{isolate(event)} ({n})", event)
        index = self.event_box.findData(self.event) if self.event else 0
        self.event_box.setCurrentIndex(max(0, index))
        self.event_box.blockSignals(False)

    def _chosen_text(self) -> str:
        if self.event is None and self._ids:
            return tr("Chosen documents ({n})").replace("{n}", str(len(self._ids)))
        return tr("Pick an event…")

    #: Opening on the documents of clusters that span several events shows at most this many.
    DEFAULT_COLUMNS = 6

    def _clustered_documents(self) -> list[int]:
        """The documents holding members of the stored claim clusters, in corpus order."""
        clusters = self.workspace.clusters()
        wanted = {m.document for c in clusters for m in c.members}
        return [d.id for d in self._summaries() if d.external_id in wanted]

    def _default_event(self, clustered: list[int] | None = None) -> str | None:
        """What Compare opens on: the event of the clustered documents when they share one,
        None (the clustered documents themselves) when they span a few events, else the event
        most documents report (ties: the first by name), so a first look shows clusters."""
        counts = getattr(self, "_event_counts", {})
        if clustered:
            events = {d.id: d.meta.event for d in self._summaries()}
            shared = {events.get(i) for i in clustered}
            if len(shared) == 1 and None not in shared:
                return shared.pop()
            if len(clustered) <= self.DEFAULT_COLUMNS:
                return None
            mine: dict[str, int] = {}
            for i in clustered:
                if events.get(i):
                    mine[events[i]] = mine.get(events[i], 0) + 1
            counts = mine or counts
        if not counts:
            return None
        return min(counts, key=lambda e: (-counts[e], e))

    def _event_chosen(self, index: int) -> None:
        event = self.event_box.itemData(index)
        if event:
            self.show_event(event)

    def show_event(self, event: str) -> None:
        """Compare the documents whose event is `event`."""
        self.event = event
        self._ids = [d.id for d in self._summaries() if d.meta.event == event]
        self.event_box.blockSignals(True)
        self.event_box.setCurrentIndex(max(0, self.event_box.findData(event)))
        self.event_box.setItemText(0, self._chosen_text())
        self.event_box.blockSignals(False)
        self.refresh()

    def show_documents(self, doc_ids: Iterable[int]) -> None:
        """Compare exactly these documents."""
        self.event = None
        self._ids = list(dict.fromkeys(doc_ids))
        self.event_box.blockSignals(True)
        self.event_box.setItemText(0, self._chosen_text())
        self.event_box.setCurrentIndex(0)
        self.event_box.blockSignals(False)
        self.refresh()

    def document_ids(self) -> list[int]:
        return [d.id for d in self.docs]

    def choose_documents(self) -> DocumentsDialog:
        """Open the checkable list of all documents; comparing starts when it is accepted."""
        dialog = DocumentsDialog(self._summaries(), self._ids, self)
        self.documents_dialog = dialog
        dialog.accepted.connect(lambda: self.show_documents(dialog.chosen()))
        dialog.open()
        return dialog

    # ------------------------------------------------------------------ loading

    def refresh(self) -> None:
        """Reload everything shown from the database."""
        if self.event is not None:
            self._ids = [d.id for d in self._summaries() if d.meta.event == self.event]
        self._fill_events()
        docs = self.workspace.documents_with_claims(self._ids) if self._ids else []
        docs.sort(key=lambda d: (d.meta.published is None, d.meta.published or 0, d.external_id))
        self.docs = docs
        clusters = self.workspace.clusters(self._ids) if self._ids else []
        self.claims_tab.set_data(docs, clusters)
        outlets = list(dict.fromkeys(d.meta.outlet or d.external_id for d in docs))
        self.naming_delegate.clear_cache()
        self.naming_model.set_rows(naming_table(docs), outlets)
        self.naming_view.resizeRowsToContents()
        self.suggestions_tab.load(docs, clusters, self.SYNC_CLAIMS)
        self._update_summary()
        self._refresh_undo()

    def affects(self, change: Change) -> bool:
        """Whether `change` alters what this window shows: its documents' claims, mentions (the
        speakers) or details, any cluster (a rename names no document), the registry, the
        corpus (an event gains or loses documents)."""
        kinds = change.kinds
        if kinds & {ChangeKind.CLUSTER, ChangeKind.ENTITY, ChangeKind.CORPUS, ChangeKind.META}:
            return True
        if kinds & {ChangeKind.CLAIM, ChangeKind.MENTION}:
            return not change.document_ids or bool(change.document_ids & set(self._ids))
        return False

    def on_change(self, change: Change) -> None:
        """The hub's Change, made here or in another window: stay live."""
        if self.affects(change):
            self.refresh()
        else:
            self._refresh_undo()

    def _suggestions_ready(self, n: int) -> None:
        self.tabs.setTabText(1, f"{tr('Suggestions')} ({n})" if n else tr("Suggestions"))
        self._update_summary()
        self.suggestionsReady.emit()

    def _update_summary(self) -> None:
        rows = self.claims_model.rows
        clusters = sum(r.kind == "cluster" for r in rows)
        conflicts = sum(bool(r.conflicts) for r in rows)
        loose = sum(len(cell) for r in rows if r.kind == "single" for cell in r.cells)
        parts = [
            tr("{n} document(s)").replace("{n}", str(len(self.docs))),
            tr("{n} cluster(s)").replace("{n}", str(clusters)),
            tr("{n} claim(s) in no cluster").replace("{n}", str(loose)),
            tr("{n} suggestion(s)").replace("{n}", str(len(self.suggestions_model.items))),
        ]
        if conflicts:
            parts.append(tr("{n} conflict(s)").replace("{n}", str(conflicts)))
        self.summary.setText(" · ".join(parts))

    # ------------------------------------------------------------------ undo

    def undo(self) -> None:
        if self.hub.run(self.workspace.undo, self) is None:
            self._refresh_undo()

    def redo(self) -> None:
        if self.hub.run(self.workspace.redo, self) is None:
            self._refresh_undo()

    def _refresh_undo(self) -> None:
        state = self.workspace.undo_state()
        self.undo_button.setEnabled(state.can_undo)
        self.redo_button.setEnabled(state.can_redo)
        self.act_undo.setEnabled(state.can_undo)
        self.act_redo.setEnabled(state.can_redo)
        self.undo_button.setToolTip(f"{tr('Undo')} {state.undo_text} (Ctrl+Z)".strip())
        self.redo_button.setToolTip(f"{tr('Redo')} {state.redo_text} (Ctrl+Shift+Z)".strip())

    def keyPressEvent(self, event) -> None:
        """Escape closes the window (a key the tables and editors inside leave unused)."""
        if event.key() == Qt.Key.Key_Escape and not event.modifiers():
            self.close()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event) -> None:
        self.suggestions_tab.cancel()
        super().closeEvent(event)
