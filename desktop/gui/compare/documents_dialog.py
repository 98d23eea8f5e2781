"""Choose any set of documents to compare."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from desktop.app.workspace import shorten
from desktop.compare.grid import document_heading
from desktop.gui.i18n import isolate, tr
from desktop.gui.models.cells import plain_tip


class DocumentsDialog(QDialog):
    """Choose any set of documents to compare (a checkable, filterable list)."""

    def __init__(self, documents, chosen: Iterable[int], parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Choose documents to compare"))
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(tr("Filter by outlet, title or event…"))
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget()
        chosen = set(chosen)
        for doc in documents:
            meta = doc.meta
            when = meta.published.isoformat() if meta.published else "—"
            title = meta.title or doc.external_id
            item = QListWidgetItem(
                f"{isolate(document_heading(doc))} · {when} · {isolate(shorten(title, 70))}"
            )
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if doc.id in chosen else Qt.CheckState.Unchecked
            )
            item.setData(Qt.ItemDataRole.UserRole, doc.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, doc.external_id)
            item.setToolTip(plain_tip(f"{doc.external_id}\n{meta.event or ''}"))
            self.list.addItem(item)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Compare"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        hint = QLabel(tr("Tick two or more documents."))
        hint.setObjectName("muted")
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self.filter.textChanged.connect(self._filter)
        self.resize(620, 420)

    def _filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for i in range(self.list.count()):
            item = self.list.item(i)
            hay = (item.text() + " " + item.toolTip()).casefold()
            item.setHidden(bool(needle) and needle not in hay)

    def item_of(self, external_id_prefix: str) -> QListWidgetItem | None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            if str(item.data(Qt.ItemDataRole.UserRole + 1)).startswith(external_id_prefix):
                return item
        return None

    def chosen(self) -> list[int]:
        return [
            self.list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]
