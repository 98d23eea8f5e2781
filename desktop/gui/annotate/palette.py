"""The label palette of the annotation panel: one small chip per label, its key inside, in rows
that fill the panel's width; the palette folds away under its header (the choice is kept).

In a 1024×640 window the panel is about 250 pixels wide: the chips are a little smaller than the
interface font so that the 21 labels take five or six rows and the mention list keeps the height.
The label keys work whether the palette is shown or folded (they are the window's shortcuts).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QLayout, QSizePolicy, QStyle, QToolButton, QVBoxLayout, QWidget

from desktop.core.model import LabelSet
from desktop.gui.i18n import current_language, tr

CHIP_FONT_SCALE = 0.85  # of the interface font: five or six rows at 1024×640
SPACING = 3


class RowsLayout(QLayout):
    """Rows of widgets wrapped to the width; each full row is stretched to the width (a grid
    that uses the panel's width), the last row keeps the widgets' own widths; right to left in
    an RTL interface."""

    def __init__(self, parent=None, spacing: int = SPACING):
        super().__init__(parent)
        self._items = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item) -> None:  # Qt overrides keep their names
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int):
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int):
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _rows(self, width: int) -> list[list]:
        rows: list[list] = [[]]
        used = 0
        for item in self._items:
            if item.widget() is not None and item.widget().isHidden():
                continue
            w = item.sizeHint().width()
            if rows[-1] and used + self._spacing + w > width:
                rows.append([])
                used = 0
            used += (self._spacing if rows[-1] else 0) + w
            rows[-1].append(item)
        return [row for row in rows if row]

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        """Lay the items out in `rect` (when `move`) and return the height they need."""
        rows = self._rows(rect.width())
        y = rect.y()
        direction = self.parentWidget().layoutDirection() if self.parentWidget() else None
        for n, row in enumerate(rows):
            height = max(item.sizeHint().height() for item in row)
            if move:
                widths = [item.sizeHint().width() for item in row]
                spare = rect.width() - sum(widths) - self._spacing * (len(row) - 1)
                if n < len(rows) - 1 and spare > 0:  # a full row reaches the right edge
                    share, rest = divmod(spare, len(row))
                    widths = [w + share + (1 if i < rest else 0) for i, w in enumerate(widths)]
                x = rect.x()
                for item, w in zip(row, widths, strict=True):
                    place = QRect(QPoint(x, y), QSize(min(w, rect.width()), height))
                    if direction is not None:
                        place = QStyle.visualRect(direction, rect, place)
                    item.setGeometry(place)
                    x += w + self._spacing
            y += height + self._spacing
        return max(0, y - self._spacing - rect.y())


def chip_font(interface: QFont, arabic: bool) -> tuple[QFont, int]:
    """The chips' font and height. English chips show the label keys in the system's Latin font;
    Arabic chips keep the interface font (Noto Sans Arabic), whose line height makes room for
    stacked marks the label names do not have, so the chip is as tall as the names' ink."""
    font = QFont(interface) if arabic else QFontDatabase.systemFont(QFontDatabase.GeneralFont)
    font.setPointSizeF(max(7.0, interface.pointSizeF() * CHIP_FONT_SCALE))
    latin = QFont(QFontDatabase.systemFont(QFontDatabase.GeneralFont))
    latin.setPointSizeF(font.pointSizeF())
    height = QFontMetrics(latin).height() + 4
    if arabic:
        ink = QFontMetrics(font).tightBoundingRect("شخص كيان جيوسياسي لغة منتج موقع إلكتروني")
        height = max(height, ink.height() + 6)
    return font, height


def chip_text(name: str, shortcut: str | None) -> str:
    return f"{name} {shortcut}" if shortcut else name


class LabelPalette(QWidget):
    """A header that folds the palette, and one chip per label (name and key)."""

    labelChosen = Signal(str)
    #: the palette was folded (False) or opened (True) by the user
    toggled = Signal(bool)

    def __init__(self, labels: LabelSet, shown: bool = True, parent=None):
        super().__init__(parent)
        arabic = current_language() == "ar"
        font, height = chip_font(self.font(), arabic)
        self.header = QToolButton()
        self.header.setObjectName("paletteHeader")
        self.header.setToolButtonStyle(Qt.ToolButtonTextOnly)
        self.header.setAutoRaise(True)
        self.header.setCheckable(True)
        # a heading, not a pressed button (a checked tool button is drawn sunken)
        self.header.setStyleSheet("QToolButton#paletteHeader { border: none; padding: 0px; }")
        self.header.setToolTip(
            tr("Show or hide the label palette (the label keys work either way)")
        )
        self.header.setFont(font)
        self.header.setFixedHeight(height + 4)
        self.chips = QWidget()
        self.chips.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Preferred)
        rows = RowsLayout(self.chips)
        self.buttons: dict[str, QToolButton] = {}
        for lb in labels.labels:
            button = QToolButton()
            button.setFont(font)
            button.setFixedHeight(height)
            button.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
            button.setText(chip_text(lb.name_ar if arabic else lb.key, lb.shortcut))
            key = f"  [{lb.shortcut}]" if lb.shortcut else ""
            button.setToolTip(f"{lb.name_en} · {lb.name_ar}{key}")
            button.setStyleSheet(
                f"QToolButton {{ background: {lb.color}; border: 1px solid #b0b0b0;"
                f" border-radius: 3px; padding: 0px 2px; color: #222; }}"
                f"QToolButton:hover {{ border-color: #555; }}"
            )
            button.clicked.connect(lambda _=False, key=lb.key: self.labelChosen.emit(key))
            rows.addWidget(button)
            self.buttons[lb.key] = button
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.header, 0, Qt.AlignLeading)
        layout.addWidget(self.chips)
        self.header.toggled.connect(self._show)
        self.header.setChecked(shown)
        self._show(shown, user=False)

    def _show(self, shown: bool, user: bool = True) -> None:
        self.header.setText(f"{'▾' if shown else self._closed_arrow()} {tr('Labels')}")
        self.chips.setVisible(shown)
        if user:
            self.toggled.emit(shown)

    def _closed_arrow(self) -> str:
        return "◂" if self.layoutDirection() == Qt.RightToLeft else "▸"

    def is_shown(self) -> bool:
        return self.header.isChecked()
