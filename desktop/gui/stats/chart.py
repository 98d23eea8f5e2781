"""A stacked horizontal bar chart drawn with QPainter (QtCharts is not part of PySide6's
essentials): one bar per row of a breakdown, one coloured segment per column, a legend on top.
The same painting goes to the screen, a PNG and an SVG."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter, QPen
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.app.statistics import Breakdown
from desktop.gui.theme import current_theme, readable_on, text_on

# categorical colours for columns that are not labels (speakers, quote types, progress)
SERIES = (
    "#4e79a7",
    "#f28e2b",
    "#59a14f",
    "#e15759",
    "#76b7b2",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#bab0ac",
)
OTHER = "…"
MAX_SERIES = 10  # more columns than this are summed into one "…" segment
BAR, GAP, PAD = 22.0, 8.0, 12.0


class BarChart(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.breakdown: Breakdown | None = None
        self.colors: dict[str, str] = {}
        self.names: dict[str, str] = {}  # shown names of columns (translated)
        self.row_names: dict[str, str] = {}
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(120)

    def set_breakdown(self, breakdown: Breakdown, colors=None, names=None, rows=None) -> None:
        self.breakdown = breakdown
        self.colors = dict(colors or {})
        self.names = dict(names or {})
        self.row_names = dict(rows or {})
        self.updateGeometry()
        self.update()

    # ------------------------------------------------------------------ data

    def series(self) -> list[str]:
        columns = list(self.breakdown.columns) if self.breakdown else []
        return columns if len(columns) <= MAX_SERIES else [*columns[: MAX_SERIES - 1], OTHER]

    def segments(self, row: str) -> list[tuple[str, int]]:
        b = self.breakdown
        shown = self.series()
        out = [(c, b.value(row, c)) for c in shown if c != OTHER]
        if OTHER in shown:
            out.append((OTHER, sum(b.value(row, c) for c in b.columns[MAX_SERIES - 1 :])))
        return out

    def color(self, column: str, index: int, background: QColor) -> QColor:
        base = self.colors.get(column) or SERIES[index % len(SERIES)]
        return readable_on(base, background, 3.0)

    def sizeHint(self) -> QSize:
        rows = len(self.breakdown.rows) if self.breakdown else 3
        return QSize(640, int(3 * PAD + 48 + rows * (BAR + GAP)))

    # ------------------------------------------------------------------ painting

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        self.paint(painter, QSize(self.width(), self.height()))
        painter.end()

    def paint(self, painter: QPainter, size: QSize) -> None:
        theme = current_theme()
        background = QColor(theme.window)
        ink = QColor(theme.window_text)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(QRectF(0, 0, size.width(), size.height()), background)
        b = self.breakdown
        if b is None:
            return
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        width = float(size.width())

        def x(pos: float, w: float = 0.0) -> float:
            """Mirror horizontal positions in a right-to-left interface."""
            return width - pos - w if rtl else pos

        font = self.font()
        painter.setFont(font)
        fm = QFontMetricsF(font)
        series = self.series()
        # legend
        lx, ly = PAD, PAD
        for i, column in enumerate(series):
            name = self.names.get(column, column)
            w = 14 + 6 + fm.horizontalAdvance(name) + 16
            if lx + w > width - PAD and lx > PAD:
                lx, ly = PAD, ly + fm.height() + 6
            painter.fillRect(
                QRectF(x(lx, 14), ly + 2, 14, fm.height() - 4), self.color(column, i, background)
            )
            painter.setPen(ink)
            painter.drawText(
                QRectF(x(lx + 20, w - 20), ly, w - 20, fm.height()),
                (Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft)
                | Qt.AlignmentFlag.AlignVCenter,
                name,
            )
            lx += w
        top = ly + fm.height() + PAD
        if not b.rows:
            return
        shown_rows = [self.row_names.get(r, r) for r in b.rows]
        label_w = min(width * 0.35, max(fm.horizontalAdvance(r) for r in shown_rows) + PAD)
        totals = {r: sum(v for _, v in self.segments(r)) for r in b.rows}
        biggest = max(totals.values()) or 1
        number_w = fm.horizontalAdvance(str(biggest)) + PAD
        span = max(10.0, width - 2 * PAD - label_w - number_w)
        for n, row in enumerate(b.rows):
            y = top + n * (BAR + GAP)
            painter.setPen(ink)
            painter.drawText(
                QRectF(x(PAD, label_w - PAD), y, label_w - PAD, BAR),
                (Qt.AlignmentFlag.AlignLeft if rtl else Qt.AlignmentFlag.AlignRight)
                | Qt.AlignmentFlag.AlignVCenter,
                self.row_names.get(row, row),
            )
            pos = PAD + label_w
            for i, (column, value) in enumerate(self.segments(row)):
                if not value:
                    continue
                w = span * value / biggest
                rect = QRectF(x(pos, w), y, w, BAR)
                fill = self.color(
                    column, series.index(column) if column in series else i, background
                )
                painter.fillRect(rect, fill)
                painter.setPen(QPen(background, 1))
                painter.drawRect(rect)
                label = str(value)
                if fm.horizontalAdvance(label) + 4 < w:
                    painter.setPen(text_on(fill))
                    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)
                pos += w
            painter.setPen(ink)
            painter.drawText(
                QRectF(x(pos + 4, number_w), y, number_w, BAR),
                (Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft)
                | Qt.AlignmentFlag.AlignVCenter,
                str(totals[row]),
            )

    # ------------------------------------------------------------------ export

    def export_size(self) -> QSize:
        hint = self.sizeHint()
        return QSize(max(self.width(), 800), max(self.height(), hint.height()))

    def png_bytes(self, scale: float = 2.0) -> bytes:
        """The chart as a PNG (twice the screen resolution, for documents and slides)."""
        size = self.export_size()
        image = QImage(size * scale, QImage.Format.Format_ARGB32)
        image.setDevicePixelRatio(scale)
        painter = QPainter(image)
        self.paint(painter, size)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        buffer.close()
        return bytes(data)

    def svg_bytes(self, title: str = "") -> bytes:
        size = self.export_size()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        generator = QSvgGenerator()
        generator.setOutputDevice(buffer)
        generator.setSize(size)
        generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
        generator.setTitle(title)
        painter = QPainter(generator)
        self.paint(painter, size)
        painter.end()
        buffer.close()
        return bytes(data)
