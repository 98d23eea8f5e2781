"""The Compare window's second tab: likely same-proposition pairs, best first, with their
evidence; Enter accepts (into a new or existing cluster), Delete rejects (remembered).

Every claim brings its best candidates in each other document (`Workspace.suggestions`, top 3).
The strong tier (the best match in a document, above the threshold) is listed first; the weaker
candidates follow when "Show weaker candidates" is on (Ctrl+Shift+W), so a pair the engine
scored low is still one key away."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.app.workspace import Workspace
from desktop.compare import Suggestion
from desktop.compare import claim_id as span_id
from desktop.compare.grid import default_label
from desktop.core.model import ClaimCluster, Document
from desktop.gui import workers
from desktop.gui.compare.delegate import CellDelegate, cell_table
from desktop.gui.compare.tables import SuggestionsTable
from desktop.gui.hub import Hub
from desktop.gui.i18n import tr
from desktop.gui.models.suggestions import SuggestionsModel


class SuggestionsTab(QWidget):
    """Suggested pairs; accepting or rejecting one is an undoable step through the hub."""

    #: The suggestions of the current documents are shown: how many.
    ready = Signal(int)

    def __init__(self, workspace: Workspace, hub: Hub, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.hub = hub
        self.job: workers.Job | None = None
        self.docs: list[Document] = []
        self._generation = 0
        self._refs: dict = {}
        self._cluster_of: dict[int, str] = {}
        self._names: dict[str, str] = {}
        self._found: list[Suggestion] = []  # every candidate, both tiers
        page = self
        self.suggestions_model = SuggestionsModel(self)
        self.suggestions_table = SuggestionsTable()
        self.suggestions_delegate = CellDelegate(self.suggestions_table, 12.5)
        self.suggestions_table.setModel(self.suggestions_model)
        cell_table(self.suggestions_table, self.suggestions_delegate)
        self.suggestions_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.suggestions_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.suggestions_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 64)
        header.resizeSection(3, 280)
        self.suggestions_table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Interactive
        )

        self.suggestions_status = QLabel()
        self.suggestions_status.setObjectName("muted")
        self.suggestions_status.setWordWrap(True)
        self.suggestions_progress = QProgressBar()
        self.suggestions_progress.setRange(0, 0)
        self.suggestions_progress.setMaximumWidth(200)
        self.suggestions_progress.hide()
        self.show_weaker = QCheckBox(tr("Show weaker candidates"))
        self.show_weaker.setToolTip(
            tr("List each claim's lower-ranked candidates after the strong ones (Ctrl+Shift+W)")
        )
        self.label_edit = QLineEdit()
        self.label_edit.setPlaceholderText(tr("Label of the new cluster"))
        self.accept_button = QPushButton(tr("Accept"))
        self.accept_button.setToolTip(tr("Put both claims in one cluster (Enter)"))
        self.reject_button = QPushButton(tr("Reject"))
        self.reject_button.setToolTip(tr("Not the same proposition; never suggest again (Delete)"))
        hint = QLabel(tr("Enter accepts, Delete rejects the selected suggestion."))
        hint.setObjectName("muted")
        bar = QHBoxLayout()
        bar.addWidget(QLabel(tr("Cluster label")))
        bar.addWidget(self.label_edit, 1)
        bar.addWidget(self.accept_button)
        bar.addWidget(self.reject_button)
        top = QHBoxLayout()
        top.addWidget(self.suggestions_status, 1)
        top.addWidget(self.show_weaker)
        top.addWidget(self.suggestions_progress)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(4, 6, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.suggestions_table, 1)
        layout.addLayout(bar)
        layout.addWidget(hint)

        self._suggestion_rows_timer = QTimer(self, singleShot=True, interval=60)
        self._suggestion_rows_timer.timeout.connect(self.suggestions_table.resizeRowsToContents)
        header.sectionResized.connect(lambda *_: self._suggestion_rows_timer.start())
        self.suggestions_table.selectionModel().currentRowChanged.connect(self._suggestion_current)
        self.accept_button.clicked.connect(lambda: self.accept_suggestion())
        self.reject_button.clicked.connect(self.reject_suggestion)
        self.label_edit.returnPressed.connect(lambda: self.accept_suggestion())
        self.suggestions_table.acceptPressed.connect(lambda: self.accept_suggestion())
        self.suggestions_table.rejectPressed.connect(self.reject_suggestion)
        self.show_weaker.toggled.connect(lambda _: self._show_suggestions(self._generation, None))
        toggle = QShortcut(QKeySequence("Ctrl+Shift+W"), self)
        toggle.activated.connect(self.show_weaker.toggle)

    def load(self, docs: list[Document], clusters: list[ClaimCluster], sync_claims: int) -> None:
        """Find the suggestions of `docs`: at once up to `sync_claims` claims, else in the
        thread pool."""
        self.docs = docs
        self._refs = {
            (d.external_id, span_id(c, i)): (d, c) for d in docs for i, c in enumerate(d.claims)
        }
        self._names = {k: e.name for d in docs for k, e in d.registry.items()}
        self._cluster_of = {
            m.claim_id: cluster.label for cluster in clusters for m in cluster.members
        }
        self._generation += 1
        generation = self._generation
        ids = [d.id for d in self.docs]
        if self.job is not None:
            self.job.cancel()
            self.job = None
        if len(ids) < 2:
            self._show_suggestions(generation, [])
            return
        n = sum(len(d.claims) for d in self.docs)
        if n <= sync_claims:
            self._show_suggestions(generation, self.workspace.suggestions(ids))
            return
        workspace = self.workspace

        def work(_progress, cancelled):
            found = workspace.suggestions(ids)
            return generation, (None if cancelled() else found)

        self.suggestions_status.setText(tr("Finding suggestions…"))
        self.suggestions_progress.show()
        job = workers.Job(work)
        job.signals.finished.connect(self._suggestions_finished)
        job.signals.failed.connect(self._suggestions_failed)
        self.job = job
        workers.start(job)

    def _suggestions_finished(self, result) -> None:
        generation, found = result
        if generation == self._generation and found is not None:
            self.job = None
            self.suggestions_progress.hide()
            self._show_suggestions(generation, found)

    def _suggestions_failed(self, message: str) -> None:
        self.job = None
        self.suggestions_progress.hide()
        self.suggestions_status.setText(message)

    def _show_suggestions(self, generation: int, found: list[Suggestion] | None) -> None:
        """Show `found` (None: the last result again, after the tier toggle): strong first."""
        if generation != self._generation:
            return
        if found is None:
            found = self._found
        self._found = found
        strong = [s for s in found if s.evidence.get("tier", "strong") == "strong"]
        weaker = [s for s in found if s.evidence.get("tier", "strong") != "strong"]
        found = strong + weaker if self.show_weaker.isChecked() else strong
        keep = self.suggestions_table.currentIndex().row()
        self.suggestions_delegate.clear_cache()
        self.suggestions_model.set_items(found, self._refs, self._cluster_of, self._names)
        self.suggestions_table.resizeRowsToContents()
        if found:
            self.select_suggestion(min(max(keep, 0), len(found) - 1))
            self.suggestions_status.setText(self._status(len(strong), len(weaker)))
        else:
            self.label_edit.clear()
            self.suggestions_status.setText(
                self._status(0, len(weaker))
                if weaker
                else tr("No suggestions: annotate claims in these documents, or all were handled.")
                if len(self.docs) > 1
                else tr("Pick an event or choose documents to compare: at least two are needed.")
            )
        self.accept_button.setEnabled(bool(found))
        self.reject_button.setEnabled(bool(found))
        self.ready.emit(len(found))

    def _status(self, strong: int, weaker: int) -> str:
        text = tr("{n} suggested pair(s), best first.").replace("{n}", str(strong))
        if weaker:
            shown = self.show_weaker.isChecked()
            more = (
                tr("{n} weaker candidate(s) after them.")
                if shown
                else tr("{n} weaker candidate(s) hidden.")
            )
            text += " " + more.replace("{n}", str(weaker))
        return text

    def select_suggestion(self, row: int) -> None:
        index = self.suggestions_model.index(row, 1)
        if index.isValid():
            # not QTableView.selectRow: with a right-to-left layout it may pick no column at all
            self.suggestions_table.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.suggestions_table.scrollTo(index)
            self._suggestion_current(index, QModelIndex())

    def current_suggestion(self) -> Suggestion | None:
        row = self.suggestions_table.currentIndex().row()
        items = self.suggestions_model.items
        return items[row] if 0 <= row < len(items) else None

    def _suggestion_current(self, current: QModelIndex, _previous) -> None:
        if current.isValid():
            s = self.suggestions_model.items[current.row()]
            self.label_edit.setText(default_label(s.a.text))

    def accept_suggestion(self, label: str | None = None) -> None:
        """Put the selected pair in one cluster, labelled `label` or the label field's text."""
        row = self.suggestions_table.currentIndex().row()
        pair = self.suggestions_model.claims(row)
        if pair is None:
            return
        (_, a), (_, b) = pair
        s = self.suggestions_model.items[row]
        label = (label if label is not None else self.label_edit.text()).strip()
        label = label or default_label(s.a.text)
        self.hub.run(lambda: self.workspace.accept_suggestion(a.id, b.id, label), self.window())
        self.suggestions_table.setFocus()

    def reject_suggestion(self) -> None:
        row = self.suggestions_table.currentIndex().row()
        pair = self.suggestions_model.claims(row)
        if pair is None:
            return
        (_, a), (_, b) = pair
        self.hub.run(lambda: self.workspace.reject_suggestion(a.id, b.id), self.window())
        self.suggestions_table.setFocus()

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
