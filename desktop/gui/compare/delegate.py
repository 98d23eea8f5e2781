"""Drawing the Compare window's cells: paragraphs of styled runs in a QTextDocument built by
plain-text insertions, so document text is never interpreted as HTML."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QPainter,
    QPen,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QTableView,
)

from desktop.gui.fonts import reading_font
from desktop.gui.i18n import current_language
from desktop.gui.models.cells import (
    CELL_KIND_ROLE,
    CONFLICT_COLOR,
    PARTIAL_COLOR,
    SPEC_ROLE,
    Para,
    rtl_text,
)
from desktop.gui.names import RELATION_COLOR


class CellDelegate(QStyledItemDelegate):
    """Draws SPEC_ROLE paragraphs with a QTextDocument built by plain-text insertions."""

    MAX_HEIGHT = 420
    MARGIN = 6

    def __init__(self, view: QTableView, text_size: float = 13.0):
        super().__init__(view)
        self.view = view
        self.reading = reading_font(None, text_size)
        self.ui = QFont(QApplication.font())
        self.small = QFont(self.ui)
        self.small.setPointSizeF(max(7.0, self.ui.pointSizeF() - 1))
        self._formats = self._make_formats()
        self._cache: dict[tuple, QTextDocument] = {}

    def _make_formats(self) -> dict[str, QTextCharFormat]:
        def fmt(font, color="#1f1f1f", bg=None, bold=False, italic=False, strike=False):
            f = QTextCharFormat()
            f.setFont(font)
            f.setForeground(QColor(color))
            if bg:
                f.setBackground(QColor(bg))
            if bold:
                f.setFontWeight(QFont.Weight.Bold)
            f.setFontItalic(italic)
            f.setFontStrikeOut(strike)
            return f

        formats = {
            "text": fmt(self.reading),
            "conflict": fmt(self.reading, CONFLICT_COLOR, "#ffd9d6", bold=True),
            "muted": fmt(self.small, "#6b6b6b"),
            "speaker": fmt(self.small, "#333333", bold=True),
            "label": fmt(self.ui, "#202020", bold=True),
            "label-rtl": fmt(self.reading, "#202020", bold=True),
            "missing": fmt(self.small, "#8a8a8a", italic=True),
            "section": fmt(self.ui, "#4a4a4a", bold=True),
            "badge": fmt(self.small, "#ffffff", CONFLICT_COLOR, bold=True),
            "partial": fmt(self.small, PARTIAL_COLOR, bold=True),
            "complete": fmt(self.small, "#2e7d32"),
            "score": fmt(self.ui, "#202020", bold=True),
            "control": fmt(self.small, "#d50000", "#ffebee", bold=True),
            "form": fmt(self.reading),
            "form-distinct": fmt(self.reading, "#00695c", bold=True),
            "count": fmt(self.small, "#6b6b6b"),
        }
        for relation, color in RELATION_COLOR.items():
            formats["tag:" + relation.value] = fmt(self.small, "#ffffff", color, bold=True)
        return formats

    def formats(self) -> dict[str, QTextCharFormat]:
        return self._formats

    def clear_cache(self) -> None:
        self._cache.clear()

    def build(self, spec: list[Para], width: int) -> QTextDocument:
        doc = QTextDocument()
        doc.setUndoRedoEnabled(False)
        doc.setDocumentMargin(self.MARGIN)
        doc.setDefaultFont(self.ui)
        ui_rtl = current_language() == "ar"
        cursor = QTextCursor(doc)
        for i, (direction, align, runs) in enumerate(spec):
            if direction == "rtl":
                rtl = True
            elif direction == "auto":
                rtl = rtl_text("".join(t for t, _ in runs))
            else:
                rtl = ui_rtl
            block = QTextBlockFormat()
            block.setLayoutDirection(
                Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
            )
            if align == "center":
                block.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            else:
                block.setAlignment(
                    (Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft)
                    | Qt.AlignmentFlag.AlignAbsolute
                )
            if align == "gap":  # a claim after another one in the same cell
                block.setTopMargin(8)
            if i == 0:
                cursor.setBlockFormat(block)
            else:
                cursor.insertBlock(block)
            for text, style in runs:
                cursor.insertText(text, self._formats.get(style, self._formats["text"]))
        doc.setTextWidth(max(40, width))
        return doc

    def document(self, index: QModelIndex, width: int) -> QTextDocument | None:
        spec = index.data(SPEC_ROLE)
        if not spec:
            return None
        model = index.model()
        key = (id(model), getattr(model, "generation", 0), index.row(), index.column(), width)
        doc = self._cache.get(key)
        if doc is None:
            if len(self._cache) > 4000:
                self._cache.clear()
            doc = self._cache[key] = self.build(spec, width)
        return doc

    def _width(self, index: QModelIndex) -> int:
        row, col = index.row(), index.column()
        span = self.view.columnSpan(row, col)
        return sum(self.view.columnWidth(c) for c in range(col, col + max(1, span)))

    def sizeHint(self, option, index) -> QSize:
        width = self._width(index)
        doc = self.document(index, width)
        if doc is None:
            return QSize(width, 28)
        return QSize(width, min(self.MAX_HEIGHT, int(doc.size().height()) + 2))

    def paint(self, painter: QPainter, option, index: QModelIndex) -> None:
        painter.save()
        rect = option.rect
        kind = index.data(CELL_KIND_ROLE)
        if kind == "missing":
            painter.fillRect(rect, QColor("#f1f1f1"))
            painter.fillRect(rect, QBrush(QColor("#d9d9d9"), Qt.BrushStyle.BDiagPattern))
        else:
            background = index.data(Qt.ItemDataRole.BackgroundRole)
            if background is not None:
                painter.fillRect(rect, background)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.fillRect(rect, QColor(74, 144, 217, 45))
        doc = self.document(index, rect.width())
        if doc is not None:
            height = doc.size().height()
            top = rect.top()
            if kind in ("missing", "empty") and height < rect.height():
                top += int((rect.height() - height) / 2)
            painter.translate(rect.left(), top)
            clip = QRectF(0, 0, rect.width(), rect.bottom() - top + 1)
            painter.setClipRect(clip)
            doc.drawContents(painter, clip)
            painter.setClipping(False)
            painter.translate(-rect.left(), -top)
        if selected:
            painter.setPen(QPen(QColor("#2f6fb6"), 2))
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
        painter.restore()


def cell_table(view: QTableView, delegate: CellDelegate) -> None:
    view.setItemDelegate(delegate)
    view.setWordWrap(True)
    view.setShowGrid(True)
    view.setGridStyle(Qt.PenStyle.SolidLine)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    view.setStyleSheet("QTableView { gridline-color: #dedbd4; }")
