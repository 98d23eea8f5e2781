"""The mentions of one document, grouped by label or by registry entity; suggestions apart.

Built once per document (`populate`); an edit then moves only its own rows (`update`): a new or
changed mention is put in its group at its place in text order, a deleted one is taken out, and
the group counts follow. A group makes rows for its first mentions only and the rest as the tree
asks for them (`fetchMore`, when it is scrolled to), so a 50,000-mention article opens without
building 50,000 items (docs/benchmarks.md).
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Iterable, Mapping

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QTreeView

from desktop.core.model import Document, LabelSet, Mention, MentionStatus
from desktop.gui.i18n import tr
from desktop.gui.models.base import ID_ROLE, KIND_ROLE, swatch
from desktop.gui.names import label_name
from desktop.text import keyword_in_context

ORDER_ROLE = Qt.ItemDataRole.UserRole + 3  # a mention row's place in text order: (start, -end, id)
TITLE_ROLE = Qt.ItemDataRole.UserRole + 4  # a group's title without its count
KEY_ROLE = Qt.ItemDataRole.UserRole + 5  # a group's key: a label, an entity key, or "" (not linked)
SUGGESTIONS = "suggestions"
CHUNK = 200  # rows a group makes at a time


def _order(m: Mention) -> tuple:
    return (m.start, -m.end, m.id or 0)


class MentionTreeModel(QStandardItemModel):
    """Mentions of one document grouped by label or by registry entity; suggestions apart."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setHorizontalHeaderLabels([tr("Annotation")])
        self._items: dict[int, QStandardItem] = {}
        self._labels = LabelSet("empty", ())
        self._group_by = "label"
        # mentions of each group not made into rows yet: the tail of the group in text order
        self._pending: dict[str, list[Mention]] = {}
        self._pending_key: dict[int, str] = {}  # mention id -> its group, for pending ones
        self._text = ""
        self._names: dict[str, str] = {}
        self._view: QTreeView | None = None
        self._check_posted = False

    def follow(self, view: QTreeView) -> None:
        """Make a group's further rows only when its last made row comes near `view`'s visible
        part. Qt asks every open group for more at each layout of the tree (every edit); without
        a view to look at, every such request is granted."""
        self._view = view
        view.verticalScrollBar().valueChanged.connect(self._fetch_visible)
        view.expanded.connect(self._post_check)

    def clear(self) -> None:
        super().clear()
        self._items, self._pending, self._pending_key = {}, {}, {}

    def populate(self, doc: Document, labels: LabelSet, group_by: str = "label") -> None:
        self.clear()
        self.setHorizontalHeaderLabels([tr("Annotation")])
        self._labels, self._group_by = labels, group_by
        self._text = doc.text
        self._names = names = {k: e.name for k, e in doc.registry.items()}
        members: dict[str, list[Mention]] = {}
        first: dict[str, Mention] = {}
        by_entity = self._group_by == "entity"
        rejected, suggested = MentionStatus.REJECTED, MentionStatus.SUGGESTED
        for m in sorted(doc.mentions, key=_order):  # the group key inlined: once per mention
            status = m.status
            if status is rejected:
                continue
            other = (m.entity or "") if by_entity else m.label
            key = SUGGESTIONS if status is suggested else other
            group = members.get(key)
            if group is None:
                group = members[key] = []
                first[key] = m
            group.append(m)
        for key, group in members.items():
            self._pending[key] = group
            self._pending_key.update((m.id, key) for m in group)
            item = self._new_group(key, self._group_of(first[key], names)[1], first[key])
            self._make_rows(item, CHUNK)
            self._retitle(item)

    def update(self, doc: Document, removed: Iterable[int], mentions: Iterable[Mention]) -> None:
        """Take out the rows of `removed` and put `mentions` (new or changed) in place."""
        self._text = doc.text
        self._names = names = {k: e.name for k, e in doc.registry.items()}
        groups = self._groups()
        for mention_id in removed:
            self._take_out(mention_id)
        for m in mentions:
            self._take_out(m.id)
            if m.status is MentionStatus.REJECTED:
                continue
            key, title = self._group_of(m, names)
            group = groups.get(key)
            if group is None:
                group = groups[key] = self._new_group(key, title, m)
            pending = self._pending.get(key)
            if pending and _order(m) > _order(pending[0]):
                insort(pending, m, key=_order)  # among the rows not made yet
                self._pending_key[m.id] = key
                continue
            item = self._item(m, doc.text, names)
            _insert_sorted(group, item)
            self._items[m.id] = item
        for group in list(groups.values()):
            if group.rowCount() == 0 and not self._pending.get(group.data(KEY_ROLE)):
                self.removeRow(group.row())
            else:
                self._retitle(group)

    def _take_out(self, mention_id: int) -> None:
        item = self._items.pop(mention_id, None)
        if item is not None:
            item.parent().removeRow(item.row())
            return
        key = self._pending_key.pop(mention_id, None)
        if key is not None:
            pending = self._pending[key]
            pending[:] = [m for m in pending if m.id != mention_id]

    def _retitle(self, group: QStandardItem) -> None:
        n = group.rowCount() + len(self._pending.get(group.data(KEY_ROLE)) or ())
        group.setText(f"{group.data(TITLE_ROLE)}  ({n})")

    def _make_rows(self, group: QStandardItem, n: int) -> None:
        """Make rows for the next `n` pending mentions of `group`, appended in text order."""
        pending = self._pending.get(group.data(KEY_ROLE))
        if not pending:
            return
        batch, pending[:n] = pending[:n], []
        items = [self._item(m, self._text, self._names) for m in batch]
        for m, item in zip(batch, items, strict=True):
            self._items[m.id] = item
            self._pending_key.pop(m.id, None)
        group.appendRows(items)

    def canFetchMore(self, parent: QModelIndex) -> bool:  # a Qt override keeps its name
        if not parent.isValid() or parent.parent().isValid():
            return False
        return bool(self._pending.get(parent.data(KEY_ROLE)))

    def fetchMore(self, parent: QModelIndex) -> None:  # a Qt override keeps its name
        if not self.canFetchMore(parent):
            return
        if self._view is None:
            self._make_rows(self.itemFromIndex(parent), CHUNK)
        else:  # asked in the middle of the tree's layout: look at the view once it is done
            self._post_check()

    def _post_check(self, *_) -> None:
        if not self._check_posted:
            self._check_posted = True
            QTimer.singleShot(0, self._fetch_visible)

    def _fetch_visible(self, *_) -> None:
        """Make more rows for each open group whose last row is within a screen of the view."""
        self._check_posted = False
        view = self._view
        if view is None:
            return
        reach = 2 * view.viewport().height()
        for r in range(self.rowCount()):
            group = self.item(r)
            if not self._pending.get(group.data(KEY_ROLE)) or not view.isExpanded(group.index()):
                continue
            n = group.rowCount()
            rect = view.visualRect(self.index(n - 1, 0, group.index())) if n else None
            if rect is None or (rect.isValid() and 0 <= rect.top() < reach):
                self._make_rows(group, CHUNK)

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
            # nine rows of «بوتين» cannot be judged: show each one's words around it, its paragraph
            line = text.count("\n", 0, m.start) + 1
            kwic = keyword_in_context(text, m.start, m.end, words=3).line("[{}]")
            item.setText(f"{tr('¶{n}').replace('{n}', str(line))} · {kwic}")
            item.setToolTip(f"{item.toolTip()}\n{surface}" + (f" — {entity}" if entity else ""))
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
        key = self._pending_key.get(mention_id)
        if key is not None:  # its row is not made yet: make the group's rows up to it
            group = self._groups()[key]
            at = next(i for i, m in enumerate(self._pending[key]) if m.id == mention_id)
            self._make_rows(group, at + 1)
        item = self._items.get(mention_id)
        return item.index() if item is not None else QModelIndex()

    def suggestion_ids(self) -> list[int]:
        for r in range(self.rowCount()):
            group = self.item(r)
            if group.data(KIND_ROLE) == SUGGESTIONS:
                made = [group.child(c).data(ID_ROLE) for c in range(group.rowCount())]
                return made + [m.id for m in self._pending.get(SUGGESTIONS, ())]
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
