"""Qt item models over the workspace's plain data (no database access here)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPixmap, QStandardItem, QStandardItemModel

from desktop.core.model import DocStatus, Document, DocumentSummary, LabelSet, MentionStatus
from desktop.gui.i18n import N_, current_language, tr

ROOT = QModelIndex()
ID_ROLE = Qt.UserRole + 1
KIND_ROLE = Qt.UserRole + 2

STATUS_TEXT = {
    DocStatus.NOT_STARTED: N_("Not started"),
    DocStatus.IN_PROGRESS: N_("In progress"),
    DocStatus.DONE: N_("Done"),
}
STATUS_COLOR = {
    DocStatus.NOT_STARTED: "#9e9e9e",
    DocStatus.IN_PROGRESS: "#e6a23c",
    DocStatus.DONE: "#4caf50",
}


def swatch(color: str, size: int = 12) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


class RowsModel(QAbstractTableModel):
    """A table over a list of plain rows, one column per entry of COLUMNS (translated)."""

    COLUMNS: tuple[str, ...] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list = []

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent=ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=ROOT) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return tr(self.COLUMNS[section])
        return None


class CorpusModel(RowsModel):
    """The corpus list: title, outlet, date, progress (status colour + mentions)."""

    COLUMNS = (N_("Title"), N_("Outlet"), N_("Date"), N_("Progress"))

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[DocumentSummary] = []
        self._icons = {s: swatch(c, 10) for s, c in STATUS_COLOR.items()}

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        doc = self.rows[index.row()]
        col = index.column()
        if role == Qt.DisplayRole:
            if col == 0:
                return doc.meta.title or doc.external_id
            if col == 1:
                return doc.meta.outlet or doc.meta.original_source or "—"
            if col == 2:
                return doc.meta.published.isoformat() if doc.meta.published else "—"
            if col == 3:
                return str(doc.mentions)
        if role == Qt.DecorationRole and col == 3:
            return self._icons[doc.status]
        if role == Qt.ToolTipRole:
            meta = doc.meta
            lines = [meta.title or doc.external_id, doc.external_id, tr(STATUS_TEXT[doc.status])]
            if meta.outlet:
                lines.append(f"{tr('Outlet')}: {meta.outlet}")
            if meta.original_source:
                lines.append(f"{tr('Original source')}: {meta.original_source}")
            if meta.event:
                lines.append(f"{tr('Event')}: {meta.event}")
            lines.append(
                f"{tr('Mentions')}: {doc.mentions} · {tr('Claims')}: {doc.claims} · "
                f"{doc.length:,} {tr('characters')}"
            )
            return "\n".join(lines)
        if role == Qt.TextAlignmentRole and col == 0:
            return int(Qt.AlignRight | Qt.AlignVCenter) if doc.meta.language == "ar" else None
        if role == ID_ROLE:
            return doc.id
        return None

    def update_counts(self, doc: Document) -> None:
        row = self.row_of(doc.id)
        if row < 0:
            return
        mentions = sum(
            m.status in (MentionStatus.MANUAL, MentionStatus.ACCEPTED) for m in doc.mentions
        )
        self.rows[row] = replace(self.rows[row], mentions=mentions, claims=len(doc.claims))
        self.dataChanged.emit(self.index(row, 3), self.index(row, 3), [Qt.DisplayRole])

    def row_of(self, doc_id: int) -> int:
        for i, doc in enumerate(self.rows):
            if doc.id == doc_id:
                return i
        return -1


class MentionTreeModel(QStandardItemModel):
    """Mentions of one document grouped by label or by registry entity; suggestions apart."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setHorizontalHeaderLabels([tr("Annotation")])

    def populate(self, doc: Document, labels: LabelSet, group_by: str = "label") -> None:
        self.clear()
        self.setHorizontalHeaderLabels([tr("Annotation")])
        text = doc.text
        groups: dict[str, QStandardItem] = {}
        suggestions = QStandardItem(tr("Suggestions"))
        suggestions.setData("suggestions", KIND_ROLE)
        suggestions.setEditable(False)
        names = {k: e.name for k, e in doc.registry.items()}
        for m in sorted(doc.mentions, key=lambda m: (m.start, -m.end)):
            if m.status is MentionStatus.REJECTED:
                continue
            label = labels.get(m.label)
            color = label.color if label else "#dddddd"
            surface = " ".join(text[m.start : m.end].split())
            entity = names.get(m.entity) if m.entity else None
            item = QStandardItem(
                f"{surface}  — {entity}" if entity and group_by == "label" else surface
            )
            item.setData(m.id, ID_ROLE)
            item.setData("mention", KIND_ROLE)
            item.setEditable(False)
            item.setIcon(swatch(color))
            item.setToolTip(f"{m.label} [{m.start}, {m.end})" + (f"\n{entity}" if entity else ""))
            if m.status is MentionStatus.SUGGESTED:
                item.setForeground(QBrush(QColor("#555555")))
                suggestions.appendRow(item)
                continue
            if group_by == "entity":
                key = m.entity or ""
                title = names.get(key) or tr("(not linked)")
            else:
                key = m.label
                title = f"{m.label} · {label_name(labels, m.label)}"
            group = groups.get(key)
            if group is None:
                group = QStandardItem(title)
                group.setEditable(False)
                group.setData("group", KIND_ROLE)
                if group_by == "label":
                    group.setIcon(swatch(color))
                groups[key] = group
            group.appendRow(item)
        order = [lb.key for lb in labels.labels] if group_by == "label" else sorted(groups, key=str)
        for key in order + [k for k in groups if k not in order]:
            if key in groups:
                group = groups[key]
                group.setText(f"{group.text()}  ({group.rowCount()})")
                self.appendRow(group)
        if suggestions.rowCount():
            suggestions.setText(f"{suggestions.text()}  ({suggestions.rowCount()})")
            self.insertRow(0, suggestions)

    def index_of(self, mention_id) -> QModelIndex:
        for r in range(self.rowCount()):
            group = self.item(r)
            for c in range(group.rowCount()):
                child = group.child(c)
                if child.data(ID_ROLE) == mention_id:
                    return child.index()
        return QModelIndex()

    def suggestion_ids(self) -> list[int]:
        for r in range(self.rowCount()):
            group = self.item(r)
            if group.data(KIND_ROLE) == "suggestions":
                return [group.child(c).data(ID_ROLE) for c in range(group.rowCount())]
        return []


def label_name(labels: LabelSet, key: str) -> str:
    label = labels.get(key)
    if label is None:
        return key
    return label.name_ar if current_language() == "ar" else label.name_en
