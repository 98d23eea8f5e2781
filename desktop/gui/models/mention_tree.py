"""The mentions of one document, grouped by label or by registry entity."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel

from desktop.core.model import Document, LabelSet, MentionStatus
from desktop.gui.i18n import tr
from desktop.gui.models.base import ID_ROLE, KIND_ROLE, swatch
from desktop.gui.names import label_name


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
