"""The agreement view (Tools menu): the overall figures, span F1 per label as bars (the bar
chart of the statistics window), and the documents sorted by disagreement; activating a
document opens it in the curation window."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop.app.agreement import agreement
from desktop.app.statistics import Breakdown
from desktop.gui.i18n import isolate, tr
from desktop.gui.stats.chart import BarChart

EXACT, OVERLAP = "exact", "overlap"


def _num(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def figure(name: str, value: float | None) -> str:
    """A figure like "κ 0.79" kept in its order in a right-to-left line (two of them side by
    side were drawn as "α 0.79 · 0.79 κ")."""
    return isolate(f"{name} {_num(value)}")


def label_breakdown(report: dict) -> Breakdown:
    """Per label, in percent: exact span F1, and what overlapping spans add to it."""
    per_label = report["mentions"]["per_label"]
    values = {}
    for key, v in per_label.items():
        exact = round(100 * (v["span_f1_exact"] or 0))
        overlap = round(100 * (v["span_f1_overlap"] or 0))
        values[key] = {EXACT: exact, OVERLAP: max(0, overlap - exact)}
    return Breakdown(
        "agreement", "Span F1 per label (%)", "Label", tuple(per_label), (EXACT, OVERLAP), values
    )


class AgreementView(QDialog):
    #: a document's database id, to curate
    documentChosen = Signal(int)

    def __init__(self, workspace, parent=None, labels=None):
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle(tr("Agreement"))
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.PlainText)
        self.summary.setWordWrap(True)
        self.chart = BarChart()
        self.colors = {EXACT: "#4e79a7", OVERLAP: "#a0cbe8"}
        self.label_colors = {lb.key: lb.color for lb in labels.labels} if labels else {}
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [tr("Document"), tr("Disagreement"), tr("Annotators"), tr("Mentions")]
        )
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectRows)
        self.table.verticalHeader().hide()
        self.table.itemActivated.connect(self._activated)
        self.table.setToolTip(tr("Double-click a document to curate it"))
        # the chart keeps a bar's height per label and scrolls in a short window (at 1024x640
        # the last labels' bars were cut off)
        self.chart_area = QScrollArea()
        self.chart_area.setWidget(self.chart)
        self.chart_area.setWidgetResizable(True)
        self.chart_area.setFrameShape(QScrollArea.NoFrame)
        self.chart_area.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        split = QSplitter(Qt.Vertical)
        split.addWidget(self.chart_area)
        split.addWidget(self.table)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        layout.addWidget(buttons)
        self.resize(900, 700)
        self.report: dict | None = None
        self.refresh()

    def refresh(self) -> None:
        QApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            self.report = agreement(self.workspace.db)
        finally:
            QApplication.restoreOverrideCursor()
        self.show_report(self.report)

    def show_report(self, r: dict) -> None:
        names = ", ".join(isolate(n) for n in r["annotators"])
        if len(r["annotators"]) < 2 or not r["documents_compared"]:
            self.summary.setText(
                tr("Agreement needs two annotators who worked on the same documents.")
            )
        else:
            claims, clusters = r["claims"], r["clusters"]
            self.summary.setText(
                f"{tr('Annotators')}: {names} · {tr('Documents compared')}: "
                f"{r['documents_compared']}\n"
                f"{tr('Mentions')}: {tr('span F1 exact')} {_num(r['span_f1_exact'])} · "
                f"{tr('span F1 overlap')} {_num(r['span_f1_overlap'])} · "
                f"{figure('κ', r['kappa'])} · {figure('α', r['alpha'])}\n"
                f"{tr('Claims')}: {tr('span F1 exact')} {_num(claims['span_f1_exact'])} · "
                f"{tr('span F1 overlap')} {_num(claims['span_f1_overlap'])} · "
                f"{tr('Clusters')}: {figure('B³ F1', clusters['b3_f1'])}"
            )
        self.chart.set_breakdown(
            label_breakdown(r),
            colors=self.colors,
            names={EXACT: tr("exact"), OVERLAP: tr("overlap adds")},
        )
        self.chart.setMinimumHeight(self.chart.sizeHint().height())
        docs = r["documents"]
        titles = {d.id: d.meta.title for d in self.workspace.documents()}
        self.table.setRowCount(len(docs))
        for row, d in enumerate(docs):
            counts = ", ".join(f"{isolate(n)} {k}" for n, k in d["mentions"].items())
            cells = [
                isolate(titles.get(d["id"]) or d["document"]),
                f"{100 * d['disagreement']:.0f}%",
                ", ".join(isolate(n) for n in d["annotators"]),
                counts,
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 0:
                    item.setData(Qt.UserRole, d["id"])
                if col == 1:
                    item.setTextAlignment(Qt.AlignCenter)
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)

    def _activated(self, item: QTableWidgetItem) -> None:
        doc_id = self.table.item(item.row(), 0).data(Qt.UserRole)
        if doc_id is not None:
            self.documentChosen.emit(int(doc_id))
