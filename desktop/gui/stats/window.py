"""The statistics window: the totals and breakdowns of `mizan stats`, each as a bar chart and a
table, exportable as PNG, SVG and CSV or copied to the clipboard (tab-separated, for pasting
into a spreadsheet). It reads `desktop.app.statistics`, the same function as the command line,
so the two always agree."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.app.statistics import TOTALS, Breakdown, breakdowns, statistics, write_csv
from desktop.core.errors import MizanError
from desktop.formats.atomic import atomic_file
from desktop.gui.i18n import N_, current_language, isolate, tr
from desktop.gui.names import QUOTE_TYPES
from desktop.gui.stats.chart import BarChart

TITLES = {
    "Labels per outlet": N_("Labels per outlet"),
    "Claims per speaker per outlet": N_("Claims per speaker per outlet"),
    "Quote types per outlet": N_("Quote types per outlet"),
    "Progress per annotator": N_("Progress per annotator"),
}
TOTAL_NAMES = {
    "documents": N_("Documents"),
    "mentions": N_("Mentions"),
    "suggestions": N_("Suggestions"),
    "claims": N_("Claims"),
    "entities": N_("Entities"),
    "clusters": N_("Clusters"),
}
ROW_TITLES = {"outlet": N_("Outlet"), "annotator": N_("Annotator")}
PROGRESS = {
    "done": N_("Done"),
    "in_progress": N_("In progress"),
    "not_started": N_("Not started"),
    "mentions": N_("Mentions"),
    "claims": N_("Claims"),
}
PROGRESS_COLORS = {
    "done": "#4caf50",
    "in_progress": "#e6a23c",
    "not_started": "#9e9e9e",
    "mentions": "#4e79a7",
    "claims": "#b07aa1",
}
SPECIAL = {"(none)": N_("(none)"), "(outlet)": N_("(the outlet)"), "…": N_("others")}


class BreakdownPage(QWidget):
    """One breakdown: its chart above its table, with the export buttons."""

    def __init__(self, window: StatisticsWindow, breakdown: Breakdown):
        super().__init__()
        self.window_ = window
        self.breakdown = breakdown
        self.chart = BarChart()
        self.table = QTableWidget()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        buttons = QHBoxLayout()
        self.copy_button = QPushButton(tr("Copy table"))
        self.csv_button = QPushButton(tr("Save table as CSV…"))
        self.png_button = QPushButton(tr("Save chart as PNG…"))
        self.svg_button = QPushButton(tr("Save chart as SVG…"))
        for button in (self.copy_button, self.csv_button, self.png_button, self.svg_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.copy_button.clicked.connect(self.copy)
        self.csv_button.clicked.connect(lambda: self.save("csv"))
        self.png_button.clicked.connect(lambda: self.save("png"))
        self.svg_button.clicked.connect(lambda: self.save("svg"))
        QShortcut(QKeySequence.StandardKey.Copy, self.table, self.copy)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.chart)
        splitter.addWidget(self.table)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.empty = QLabel(tr("Nothing to count yet."))
        self.empty.setObjectName("muted")
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.show_breakdown(breakdown)

    def show_breakdown(self, breakdown: Breakdown) -> None:
        self.breakdown = breakdown
        names = {c: self.window_.column_name(breakdown, c) for c in breakdown.columns}
        names["…"] = tr(SPECIAL["…"])
        self.chart.set_breakdown(
            breakdown,
            colors=self.window_.column_colors(breakdown),
            names=names,
            rows={r: tr(SPECIAL[r]) for r in breakdown.rows if r in SPECIAL},
        )
        self.empty.setVisible(not breakdown.rows)
        rows = breakdown.rows
        self.table.clear()
        self.table.setColumnCount(1 + len(breakdown.columns))
        self.table.setRowCount(len(rows))
        self.table.setHorizontalHeaderLabels(
            [tr(ROW_TITLES.get(breakdown.row_title, breakdown.row_title))]
            + [names[c] for c in breakdown.columns]
        )
        for r, row in enumerate(rows):
            item = QTableWidgetItem(tr(SPECIAL[row]) if row in SPECIAL else row)
            self.table.setItem(r, 0, item)
            for c, column in enumerate(breakdown.columns, start=1):
                cell = QTableWidgetItem(str(breakdown.value(row, column)))
                cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(r, c, cell)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)

    def shown_table(self) -> list[list[str]]:
        """The table as the user sees it (translated headers), for the clipboard."""
        t = self.table
        out = [[t.horizontalHeaderItem(c).text() for c in range(t.columnCount())]]
        for r in range(t.rowCount()):
            out.append([t.item(r, c).text() for c in range(t.columnCount())])
        return out

    def copy(self) -> None:
        text = "\n".join("\t".join(row) for row in self.shown_table())
        QApplication.clipboard().setText(text)
        self.window_.status.setText(tr("Table copied"))

    def save(self, kind: str) -> None:
        filters = {
            "csv": tr("CSV table (*.csv)"),
            "png": tr("PNG image (*.png)"),
            "svg": tr("SVG image (*.svg)"),
        }
        name = f"{self.breakdown.key}.{kind}"
        path, _ = QFileDialog.getSaveFileName(
            self, tr("Save"), str(self.window_.last_folder / name), filters[kind]
        )
        if path:
            self.save_to(kind, Path(path))

    def save_to(self, kind: str, path: Path) -> None:
        try:
            if kind == "csv":
                write_csv(self.breakdown, path)
            else:
                title = tr(TITLES.get(self.breakdown.title, self.breakdown.title))
                data = self.chart.png_bytes() if kind == "png" else self.chart.svg_bytes(title)
                with atomic_file(path, "wb") as handle:
                    handle.write(data)
        except (MizanError, OSError) as exc:
            QMessageBox.warning(self, tr("Save"), str(exc))
            return
        self.window_.last_folder = path.parent
        self.window_.status.setText(tr("Saved") + ": " + isolate(str(path)))


class StatisticsWindow(QWidget):
    """Tools ▸ Statistics. Updates itself from the hub's changes when one is given."""

    def __init__(self, workspace, parent=None, hub=None):
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle(tr("Statistics") + " — " + workspace.db.display_name)
        self.last_folder = Path.home()
        self.totals = QLabel()
        self.totals.setTextFormat(Qt.TextFormat.PlainText)
        self.totals.setWordWrap(True)
        self.tabs = QTabWidget()
        self.status = QLabel()
        self.status.setObjectName("muted")
        refresh = QPushButton(tr("Refresh"))
        refresh.clicked.connect(self.refresh)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(refresh)
        layout = QVBoxLayout(self)
        layout.addWidget(self.totals)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        self.pages: list[BreakdownPage] = []
        self.stats: dict = {}
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        self.refresh()
        if hub is not None:
            hub.changed.connect(lambda _change: self.refresh() if self.isVisible() else None)
        self.resize(980, 680)

    def refresh(self) -> None:
        self.stats = statistics(self.workspace.project)
        self.totals.setText(
            "   ·   ".join(f"{tr(TOTAL_NAMES[k])}: {self.stats[k]}" for k in TOTALS)
        )
        current = self.tabs.currentIndex()
        items = breakdowns(self.stats)
        if len(self.pages) != len(items):
            self.tabs.clear()
            self.pages = [BreakdownPage(self, b) for b in items]
            for page, b in zip(self.pages, items, strict=True):
                self.tabs.addTab(page, tr(TITLES.get(b.title, b.title)))
        else:
            for page, b in zip(self.pages, items, strict=True):
                page.show_breakdown(b)
        if current >= 0:
            self.tabs.setCurrentIndex(current)

    def column_name(self, breakdown: Breakdown, column: str) -> str:
        if column in SPECIAL:
            return tr(SPECIAL[column])
        if breakdown.key == "mentions_by_outlet_label":
            label = self.workspace.labels.get(column)
            if label is not None and current_language() == "ar":
                return label.name_ar
            return column
        if breakdown.key == "claims_by_outlet_quote_type":
            return tr(QUOTE_TYPES.get(column, column))
        if breakdown.key == "progress_by_annotator":
            return tr(PROGRESS.get(column, column))
        return column

    def column_colors(self, breakdown: Breakdown) -> dict[str, str]:
        if breakdown.key == "mentions_by_outlet_label":
            return {lb.key: lb.color for lb in self.workspace.labels.labels}
        if breakdown.key == "progress_by_annotator":
            return PROGRESS_COLORS
        return {}


def open_statistics(window) -> StatisticsWindow:
    """Tools ▸ Statistics: one window per main window, raised when already open."""
    stats = getattr(window, "statistics_window", None)
    if stats is None:
        stats = StatisticsWindow(window.workspace, window, hub=window.hub)
        stats.setWindowFlag(Qt.WindowType.Window)
        window.statistics_window = stats
    else:
        stats.refresh()
    stats.show()
    stats.raise_()
    stats.activateWindow()
    return stats
