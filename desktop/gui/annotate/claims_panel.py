"""The claims of the whole corpus in one list, filtered by speaker, outlet, event, topic and
quote type; activating a row opens the claim in its article."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.filters import ClaimFilter
from desktop.gui.i18n import tr
from desktop.gui.models.corpus_claims import CorpusClaimsModel
from desktop.gui.names import QUOTE_TYPES


class ClaimsPanel(QWidget):
    claimActivated = Signal(int, int)  # document id, claim id

    def __init__(self, workspace, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.speaker = QComboBox()
        self.outlet = QComboBox()
        self.event_box = QComboBox()  # not "event": that would shadow QWidget.event()
        self.topic = QComboBox()
        self.quote_type = QComboBox()
        for combo in (self.speaker, self.outlet, self.event_box, self.topic, self.quote_type):
            combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(3)  # narrow panels leave the width to the article
        self.model = CorpusClaimsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        for col in (0, 2, 3, 4):
            header.setSectionResizeMode(col, QHeaderView.ResizeToContents)
        self.count = QLabel()
        self.count.setObjectName("muted")
        grid = QGridLayout()
        grid.addWidget(self.speaker, 0, 0)
        grid.addWidget(self.quote_type, 0, 1)
        grid.addWidget(self.topic, 0, 2)
        grid.addWidget(self.outlet, 1, 0)
        grid.addWidget(self.event_box, 1, 1, 1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(grid)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self.table.activated.connect(self._activated)
        self.table.doubleClicked.connect(self._activated)
        self.fill_filters()
        for combo in (self.speaker, self.outlet, self.event_box, self.topic, self.quote_type):
            combo.currentIndexChanged.connect(self.refresh)

    def fill_filters(self) -> None:
        outlets, events = self.workspace.outlets_and_events()
        choices = (
            (self.speaker, tr("All speakers"), [(n, k) for k, n in self.workspace.speakers()]),
            (self.outlet, tr("All outlets"), [(o, o) for o in outlets]),
            (self.event_box, tr("All events"), [(e, e) for e in events]),
            (self.topic, tr("All topics"), [(t, t) for t in self.workspace.topics()]),
            (self.quote_type, tr("All quote types"), [(tr(v), k) for k, v in QUOTE_TYPES.items()]),
        )
        for combo, everything, items in choices:
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, None)
            for text, data in items:
                combo.addItem(text, data)
            combo.setCurrentIndex(max(0, combo.findData(current)) if current else 0)
            combo.blockSignals(False)

    def current_filter(self) -> ClaimFilter:
        return ClaimFilter(
            speaker=self.speaker.currentData(),
            outlet=self.outlet.currentData(),
            event=self.event_box.currentData(),
            topic=self.topic.currentData(),
            quote_type=self.quote_type.currentData(),
        )

    def refresh(self) -> None:
        self.model.set_rows(self.workspace.claims(self.current_filter()))
        self.count.setText(tr("{n} claim(s)").replace("{n}", str(self.model.rowCount())))

    def _activated(self, index) -> None:
        if index.isValid():
            row = self.model.rows[index.row()]
            self.claimActivated.emit(row.document_id, row.id)
