"""The mentions of one document, grouped by label or by registry entity; suggestions apart.

Built once per document (`populate`); an edit then moves only its own rows (`update`): a new or
changed mention is put in its group at its place in text order, a deleted one is taken out, and
the group counts follow.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel

from desktop.core.model import Document, LabelSet, Mention, MentionStatus
from desktop.gui.i18n import tr
from desktop.gui.models.base import ID_ROLE, KIND_ROLE, swatch
from desktop.gui.names import label_name

ORDER_ROLE = Qt.UserRole + 3  # a mention row's place in text order: (start, -end, id)
TITLE_ROLE = Qt.UserRole + 4  # a group's title without its count
KEY_ROLE = Qt.UserRole + 5  # a group's key: a label, an entity key, or "" (not linked)
SUGGESTIONS = "suggestions"


class MentionTreeModel(QStandardItemModel):
    """Mentions of one document grouped by label or by registry entity; suggestions apart."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setHorizontalHeaderLabels([tr("Annotation")])
        self._items: dict[int, QStandardItem] = {}
        self._labels = LabelSet("empty", ())
        self._group_by = "label"

    def populate(self, doc: Document, labels: LabelSet, group_by: str = "label") -> None:
        self.clear()
        self.setHorizontalHeaderLabels([tr("Annotation")])
        self._items = {}
        self._labels, self._group_by = labels, group_by
        self.update(doc, (), sorted(doc.mentions, key=lambda m: (m.start, -m.end, m.id or 0)))

    def update(self, doc: Document, removed: Iterable[int], mentions: Iterable[Mention]) -> None:
        """Take out the rows of `removed` and put `mentions` (new or changed) in place."""
        for mention_id in removed:
            item = self._items.pop(mention_id, None)
            if item is not None:
                item.parent().removeRow(item.row())
        names = {k: e.name for k, e in doc.registry.items()}
        groups = self._groups()
        for m in mentions:
            old = self._items.pop(m.id, None)
            if old is not None:
                old.parent().removeRow(old.row())
            if m.status is MentionStatus.REJECTED:
                continue
            item = self._item(m, doc.text, names)
            key, title = self._group_of(m, names)
            group = groups.get(key)
            if group is None:
                group = groups[key] = self._new_group(key, title, m)
            _insert_sorted(group, item)
            self._items[m.id] = item
        for group in list(groups.values()):
            if group.rowCount() == 0:
                self.removeRow(group.row())
            else:
                group.setText(f"{group.data(TITLE_ROLE)}  ({group.rowCount()})")

    def _groups(self) -> dict[str, QStandardItem]:
        return {self.item(r).data(KEY_ROLE): self.item(r) for r in range(self.rowCount())}

    def _item(self, m: Mention, text: str, names: Mapping[str, str]) -> QStandardItem:
        label = self._labels.get(m.label)
        color = label.color if label else "#dddddd"
        surface = " ".join(text[m.start : m.end].split())
        entity = names.get(m.entity) if m.entity else None
        by_label = self._group_by == "label"
        item = QStandardItem(f"{surface}  — {entity}" if entity and by_label else surface)
        item.setData(m.id, ID_ROLE)
        item.setData("mention", KIND_ROLE)
        item.setData((m.start, -m.end, m.id), ORDER_ROLE)
        item.setEditable(False)
        item.setIcon(swatch(color))
        item.setToolTip(f"{m.label} [{m.start}, {m.end})" + (f"\n{entity}" if entity else ""))
        if m.status is MentionStatus.SUGGESTED:
            item.setForeground(QBrush(QColor("#555555")))
        return item

    def _group_of(self, m: Mention, names: Mapping[str, str]) -> tuple[str, str]:
        if m.status is MentionStatus.SUGGESTED:
            return SUGGESTIONS, tr("Suggestions")
        if self._group_by == "entity":
            key = m.entity or ""
            return key, names.get(key) or tr("(not linked)")
        return m.label, f"{m.label} · {label_name(self._labels, m.label)}"

    def _new_group(self, key: str, title: str, m: Mention) -> QStandardItem:
        group = QStandardItem(title)
        group.setEditable(False)
        group.setData(SUGGESTIONS if key == SUGGESTIONS else "group", KIND_ROLE)
        group.setData(key, KEY_ROLE)
        group.setData(title, TITLE_ROLE)
        if self._group_by == "label" and key != SUGGESTIONS:
            label = self._labels.get(m.label)
            group.setIcon(swatch(label.color if label else "#dddddd"))
        # suggestions first, then labels in label-set order (entities by key), unknown ones last
        order = [lb.key for lb in self._labels.labels] if self._group_by == "label" else []
        rank = self._rank(key, order)
        row = 0
        while row < self.rowCount() and self._rank(self.item(row).data(KEY_ROLE), order) <= rank:
            row += 1
        self.insertRow(row, group)
        return group

    def _rank(self, key: str, order: list[str]) -> tuple:
        if key == SUGGESTIONS:
            return (0,)
        if self._group_by == "label":
            return (1, order.index(key)) if key in order else (2, key)
        return (1, str(key))

    def index_of(self, mention_id) -> QModelIndex:
        item = self._items.get(mention_id)
        return item.index() if item is not None else QModelIndex()

    def suggestion_ids(self) -> list[int]:
        for r in range(self.rowCount()):
            group = self.item(r)
            if group.data(KIND_ROLE) == SUGGESTIONS:
                return [group.child(c).data(ID_ROLE) for c in range(group.rowCount())]
        return []


def _insert_sorted(group: QStandardItem, item: QStandardItem) -> None:
    """Insert `item` among `group`'s rows in text order (binary search on ORDER_ROLE)."""
    key = item.data(ORDER_ROLE)
    lo, hi = 0, group.rowCount()
    if hi == 0 or group.child(hi - 1).data(ORDER_ROLE) < key:  # in order: append (populate)
        group.appendRow(item)
        return
    while lo < hi:
        mid = (lo + hi) // 2
        if group.child(mid).data(ORDER_ROLE) < key:
            lo = mid + 1
        else:
            hi = mid
    group.insertRow(lo, item)
