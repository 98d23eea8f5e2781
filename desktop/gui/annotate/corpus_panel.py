"""Search and filters above the list of documents."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.app.workspace import Workspace
from desktop.core.filters import CorpusFilter
from desktop.core.model import DocStatus
from desktop.gui.i18n import tr
from desktop.gui.models.base import ID_ROLE
from desktop.gui.models.corpus import CorpusModel
from desktop.gui.names import STATUS_TEXT

OUTLET_WIDTH = 110  # pixels at most for the outlet column: the title gets the rest
FIT_ROWS = 50  # rows a column is fitted to: a screenful, those in view first


class CorpusPanel(QWidget):
    """Search and filters above the list of documents."""

    documentActivated = Signal(int)
    #: Search hits up to this many are filtered in the database query, more in Python.
    HITS_IN_QUERY = 500

    def __init__(self, workspace: Workspace, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self._quiet = False
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Search all articles (Arabic-aware)…"))
        self.search.setClearButtonEnabled(True)
        self.outlet_box = QComboBox()
        self.event_box = QComboBox()
        self.status_box = QComboBox()
        for combo in (self.outlet_box, self.event_box, self.status_box):
            combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(3)  # a narrow panel leaves the width to the article
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
        # every column in view without a horizontal scrollbar: date and progress at their
        # content's width, the outlet up to OUTLET_WIDTH, the title elided in what is left
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(24)
        # columns fit the rows in view and around them, not 1,000 rows of a large corpus: each
        # fit asks every row it measures for its text, several times while the window starts
        header.setResizeContentsPrecision(FIT_ROWS)
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        header.setSectionResizeMode(1, QHeaderView.Interactive)
        for col in (2, 3):
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
        self.table.viewport().installEventFilter(self)  # columns refitted as the panel resizes
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
        """The filters as chosen; the search hits (`self.hits`) go into the query when few, and
        are matched against the listed rows in `refresh` when many (a database caps the
        parameters of one statement)."""
        query = self.search.text().strip()
        self.hits = self.workspace.search_hits(query) if query else None
        ids = None
        if self.hits is not None and len(self.hits.ids) <= self.HITS_IN_QUERY:
            ids = tuple(self.hits.ids)
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
        rows = self.workspace.documents(self.current_filter())
        hits = self.hits
        if hits is not None and len(hits.ids) > self.HITS_IN_QUERY:
            wanted = set(hits.ids)
            rows = [row for row in rows if row.id in wanted]
        self.model.set_rows(rows)
        self._fit_columns()
        n = self.model.rowCount()
        if hits is not None and n < hits.total:  # the outlet, event or status hides matches
            text = tr("{n} of {m} matching documents").replace("{m}", str(hits.total))
        else:
            text = tr("{n} document(s)")
        self.count.setText(text.replace("{n}", str(n)))
        if selected is not None:
            self.select(selected, emit=False)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Resize:
            self._fit_columns()
        return super().eventFilter(watched, event)

    def _fit_columns(self) -> None:
        """The outlet column up to its content (at most OUTLET_WIDTH and a third of what date
        and progress leave); the title stretches over the rest."""
        header = self.table.horizontalHeader()
        content = self.table.sizeHintForColumn(1) if self.model.rowCount() else 0
        wanted = max(header.sectionSizeHint(1), min(content, OUTLET_WIDTH))
        left = self.table.viewport().width() - header.sectionSize(2) - header.sectionSize(3)
        width = max(header.minimumSectionSize(), min(wanted, left // 3))
        if header.sectionSize(1) != width:
            header.resizeSection(1, width)

    def selected_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def select(self, doc_id: int, *, emit: bool = True) -> None:
        row = self.model.row_of(doc_id)
        if row < 0:
            return
        # the selection model's signals stay on (the table repaints the old and new rows);
        # only the activation is held back when not wanted
        self._quiet = not emit
        try:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows,
            )
        finally:
            self._quiet = False
        self.table.scrollTo(self.model.index(row, 0))

    def ids(self) -> list[int]:
        return [doc.id for doc in self.model.rows]

    def _row_changed(self, current, _previous) -> None:
        if current.isValid() and not self._quiet:
            self.documentActivated.emit(current.data(ID_ROLE))
