"""The Compare window's grid: one column per document, one row per cluster (rows built by
`desktop.compare.grid`), then the claims in no cluster."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor

from desktop.compare.grid import CellClaim, Row, build_rows, document_heading
from desktop.core.model import ClaimCluster, Document
from desktop.core.speakers import one_line
from desktop.gui.i18n import isolate, tr
from desktop.gui.models.base import ROOT
from desktop.gui.models.cells import (
    CELL_KIND_ROLE,
    SPEC_ROLE,
    Para,
    Run,
    plain_tip,
    rtl_text,
    text_runs,
)
from desktop.gui.names import POLARITIES, QUOTE_TYPES, RELATION_TEXT, speaker_text


class CompareGridModel(QAbstractTableModel):
    """One column per document, one row per cluster, then the claims in no cluster."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.docs: list[Document] = []
        self.rows: list[Row] = []
        self.headings: list[str] = []
        self.generation = 0

    def set_data(self, docs: list[Document], clusters: list[ClaimCluster]) -> None:
        self.beginResetModel()
        self.generation += 1
        self.docs = docs
        self.headings = [document_heading(d) for d in docs]
        self.rows = build_rows(docs, clusters)
        self.endResetModel()

    # --- Qt interface
    def rowCount(self, parent=ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=ROOT) -> int:
        return 0 if parent.isValid() else len(self.docs)

    def section_row(self) -> int:
        return next((i for i, r in enumerate(self.rows) if r.kind == "section"), -1)

    def cell(self, index: QModelIndex) -> list[CellClaim]:
        if not index.isValid() or index.row() >= len(self.rows):
            return []
        return self.rows[index.row()].cells[index.column()]

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal:
            if section >= len(self.docs):
                return None
            doc = self.docs[section]
            if role == Qt.ItemDataRole.DisplayRole:
                when = doc.meta.published.isoformat() if doc.meta.published else tr("no date")
                return f"{self.headings[section]}\n\u2066{when}\u2069"
            if role == Qt.ItemDataRole.ToolTipRole:
                n = sum(1 for r in self.rows if r.kind == "cluster" and r.cells[section])
                lines = [
                    doc.meta.title or doc.external_id,
                    doc.external_id,
                    tr("{n} claim(s), in {k} cluster(s)")
                    .replace("{n}", str(len(doc.claims)))
                    .replace("{k}", str(n)),
                ]
                if doc.meta.original_source:
                    lines.append(f"{tr('Original source')}: {doc.meta.original_source}")
                return plain_tip("\n".join(lines))
            return None
        if section >= len(self.rows):
            return None
        row = self.rows[section]
        if role == Qt.ItemDataRole.DisplayRole:
            if row.kind != "cluster":
                return ""
            return "\n".join([row.cluster.label, *(c.badge for c in row.conflicts)])
        if role == SPEC_ROLE:
            return self._header_spec(row)
        if role == Qt.ItemDataRole.BackgroundRole:
            if row.kind != "cluster":
                return QColor("#ecebe7") if row.kind == "section" else QColor("#f7f6f3")
            if row.conflicts:
                return QColor("#fde7e5")
            if sum(bool(c) for c in row.cells) < len(row.cells):
                return QColor("#fff3e0")
            return QColor("#f4f2ee")
        if role == Qt.ItemDataRole.ToolTipRole and row.kind == "cluster":
            lines = [row.cluster.label]
            for c in row.conflicts:
                lines.append(f"{c.kind}: {c.a_text} ({c.a_outlet}) ≠ {c.b_text} ({c.b_outlet})")
            lines.append(tr("Double-click to rename; right-click for cluster actions."))
            return plain_tip("\n".join(lines))
        return None

    def _header_spec(self, row: Row) -> list[Para]:
        if row.kind == "section":
            return []
        if row.kind == "single":
            return [("ui", "start", [(tr("not in a cluster"), "muted")])]
        label = row.cluster.label
        spec: list[Para] = [
            ("auto", "start", [(label, "label-rtl" if rtl_text(label) else "label")])
        ]
        n, total = sum(bool(c) for c in row.cells), len(row.cells)
        count = tr("reported by {n} of {k}").replace("{n}", str(n)).replace("{k}", str(total))
        spec.append(("ui", "start", [(count, "partial" if n < total else "complete")]))
        for conflict in row.conflicts:
            spec.append(("ui", "start", [(f" {conflict.badge} ", "badge")]))
        return spec

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        cell = row.cells[index.column()]
        if role == CELL_KIND_ROLE:
            if row.kind == "section":
                return "section"
            if cell:
                return "claims"
            return "missing" if row.kind == "cluster" else "blank"
        if role == Qt.ItemDataRole.DisplayRole:
            if row.kind == "section":
                return tr("Not in any cluster: claims only this outlet carries so far")
            if not cell:
                return tr("— not reported —") if row.kind == "cluster" else ""
            return "\n".join(one_line(cc.text) for cc in cell)
        if role == SPEC_ROLE:
            return self._cell_spec(row, cell)
        if role == Qt.ItemDataRole.BackgroundRole:
            if row.kind == "section":
                return QColor("#ecebe7")
            if row.kind == "single":
                return QColor("#fcfcfb") if cell else QColor("#f7f7f5")
            return QColor("#fff7f6") if row.conflicts and cell else QColor("#ffffff")
        if role == Qt.ItemDataRole.ToolTipRole and cell:
            return tr(
                "Double-click to open in the article; right-click for relation and cluster actions."
            )
        return None

    def _cell_spec(self, row: Row, cell: list[CellClaim]) -> list[Para]:
        if row.kind == "section":
            return [
                (
                    "ui",
                    "start",
                    [(tr("Not in any cluster: claims only this outlet carries so far"), "section")],
                )
            ]
        if not cell:
            return (
                [("ui", "center", [(tr("— not reported —"), "missing")])]
                if row.kind == "cluster"
                else []
            )
        spec: list[Para] = []
        for k, cc in enumerate(cell):
            meta: list[Run] = []
            if cc.relation is not None:
                meta.append((f" {tr(RELATION_TEXT[cc.relation])} ", "tag:" + cc.relation.value))
                meta.append(("  ", "muted"))
            who = speaker_text(cc.speaker, outlet=False)
            if who:
                meta.append((isolate(who), "speaker"))
                meta.append((" · ", "muted"))
            meta.append((tr(QUOTE_TYPES[cc.claim.quote_type.value]), "muted"))
            if cc.claim.polarity.value != "asserted":
                meta.append((" · " + tr(POLARITIES[cc.claim.polarity.value]), "muted"))
            spec.append(("ui", "gap" if k else "start", meta))
            spec.append(("rtl", "start", text_runs(cc.text, cc.marks)))
        return spec

    def claim_paragraphs(self, index: QModelIndex) -> list[int]:
        """Paragraph (block) number where each claim of the cell starts."""
        return [2 * k for k in range(len(self.cell(index)))]
