"""The claims table's row header: cluster label, how many outlets report it, conflicts."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QTextDocument
from PySide6.QtWidgets import QHeaderView

from desktop.gui.compare.delegate import CellDelegate
from desktop.gui.models.cells import SPEC_ROLE

ROOT = QModelIndex()


class RowHeader(QHeaderView):
    """The claims table's row header: cluster label, how many outlets report it, conflicts."""

    WIDTH = 220

    def __init__(self, delegate: CellDelegate, parent=None):
        super().__init__(Qt.Orientation.Vertical, parent)
        self.delegate = delegate
        self.setSectionsClickable(True)
        self.setHighlightSections(True)
        self._cache: dict[tuple, QTextDocument] = {}

    def _doc(self, logical: int) -> QTextDocument | None:
        model = self.model()
        if model is None:
            return None
        spec = model.headerData(logical, Qt.Orientation.Vertical, SPEC_ROLE)
        if not spec:
            return None
        key = (getattr(model, "generation", 0), logical)
        doc = self._cache.get(key)
        if doc is None:
            if len(self._cache) > 2000:
                self._cache.clear()
            doc = self._cache[key] = self.delegate.build(spec, self.WIDTH)
        return doc

    def sizeHint(self) -> QSize:
        return QSize(self.WIDTH, super().sizeHint().height())

    def sectionSizeFromContents(self, logical: int) -> QSize:
        doc = self._doc(logical)
        if doc is None:
            return QSize(self.WIDTH, 24)
        return QSize(self.WIDTH, int(doc.size().height()) + 4)

    def paintSection(self, painter: QPainter, rect: QRect, logical: int) -> None:
        model = self.model()
        if model is None or not rect.isValid():
            return
        painter.save()
        background = model.headerData(
            logical, Qt.Orientation.Vertical, Qt.ItemDataRole.BackgroundRole
        )
        painter.fillRect(rect, background if background is not None else QColor("#f4f2ee"))
        selection = self.selectionModel()
        if selection is not None and selection.rowIntersectsSelection(logical, ROOT):
            painter.fillRect(rect, QColor(74, 144, 217, 45))
        painter.setPen(QColor("#d4d0c8"))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        doc = self._doc(logical)
        if doc is not None:
            painter.translate(rect.topLeft())
            clip = QRectF(0, 0, rect.width(), rect.height())
            painter.setClipRect(clip)
            doc.drawContents(painter, clip)
        painter.restore()

    def reset_cache(self) -> None:
        self._cache.clear()
