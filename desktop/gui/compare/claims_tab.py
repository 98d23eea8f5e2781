"""The Compare window's first tab: claims across outlets, one row per cluster, with the cluster
actions (relation, remove, move, new, rename, delete, merge) and a word diff of two cells."""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QModelIndex, QPoint, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QTextBlockFormat, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.app.workspace import Workspace, shorten
from desktop.compare import word_diff
from desktop.compare.grid import CellClaim, default_label, document_heading
from desktop.core.model import ClaimCluster, Document, Relation
from desktop.gui.compare.delegate import CellDelegate, cell_table
from desktop.gui.compare.row_header import RowHeader
from desktop.gui.compare.tables import ClaimsTable
from desktop.gui.hub import Hub
from desktop.gui.i18n import isolate, tr
from desktop.gui.models.cells import CONFLICT_COLOR
from desktop.gui.models.compare_grid import CompareGridModel
from desktop.gui.names import RELATION_COLOR, RELATION_TEXT


class ClaimsTab(QWidget):
    """Clusters × documents; every action is one undoable step through the hub."""

    #: (document id, claim id): show this claim in its article.
    openClaim = Signal(int, int)

    def __init__(self, workspace: Workspace, hub: Hub, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.hub = hub
        self.diff_ops: list[tuple[str, str, str]] = []
        page = self
        self.claims_model = CompareGridModel(self)
        self.claims_table = ClaimsTable()
        self.claims_delegate = CellDelegate(self.claims_table)
        self.row_header = RowHeader(self.claims_delegate, self.claims_table)
        self.claims_table.setVerticalHeader(self.row_header)
        self.claims_table.setModel(self.claims_model)
        cell_table(self.claims_table, self.claims_delegate)
        self.claims_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.claims_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.claims_table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.claims_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(220)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.row_header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.row_header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

        self.relation_button = QToolButton()
        self.relation_button.setText(tr("Relation"))
        self.relation_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        relation_menu = QMenu(self.relation_button)
        self.relation_actions: dict[Relation, QAction] = {}
        for relation, text in RELATION_TEXT.items():
            action = relation_menu.addAction(tr(text))
            action.triggered.connect(lambda _c=False, r=relation: self.set_relation(r))
            self.relation_actions[relation] = action
        self.relation_button.setMenu(relation_menu)
        self.remove_button = QPushButton(tr("Remove from cluster"))
        self.new_cluster_button = QPushButton(tr("New cluster…"))
        self.new_cluster_button.setToolTip(tr("Put the selected claims in a new cluster"))
        self.rename_button = QPushButton(tr("Rename cluster…"))
        self.delete_button = QPushButton(tr("Delete cluster"))
        self.merge_button = QPushButton(tr("Merge clusters"))
        self.merge_button.setToolTip(tr("Select cells in two or more cluster rows"))
        legend = QLabel()
        legend.setTextFormat(Qt.TextFormat.RichText)  # our own fixed strings only
        legend.setText(
            " ".join(
                f"<span style='background:{RELATION_COLOR[r]}; color:white'>&nbsp;"
                f"{html.escape(tr(t))}&nbsp;</span>"
                for r, t in RELATION_TEXT.items()
            )
            + f" &nbsp;<span style='background:{CONFLICT_COLOR}; color:white'>&nbsp;⚠ "
            + html.escape(tr("conflicting figures"))
            + "&nbsp;</span>"
        )
        bar = QHBoxLayout()
        for w in (
            self.relation_button,
            self.remove_button,
            self.new_cluster_button,
            self.rename_button,
            self.delete_button,
            self.merge_button,
        ):
            bar.addWidget(w)
        legend.setSizePolicy(
            QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred
        )  # clipped when narrow
        legend.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        bar.addWidget(legend, 1)

        self.diff_caption = QLabel(
            tr("Ctrl+click two cells to compare their wording word by word.")
        )
        self.diff_caption.setObjectName("muted")
        self.diff_caption.setTextFormat(Qt.TextFormat.PlainText)
        self.diff_view = QTextEdit()
        self.diff_view.setReadOnly(True)
        self.diff_view.setAcceptRichText(False)
        self.diff_view.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        diff_box = QGroupBox(tr("Word differences"))
        diff_layout = QVBoxLayout(diff_box)
        diff_layout.setContentsMargins(6, 4, 6, 6)
        diff_layout.addWidget(self.diff_caption)
        diff_layout.addWidget(self.diff_view, 1)

        self.claims_hint = QLabel()
        self.claims_hint.setObjectName("muted")
        self.claims_hint.setWordWrap(True)
        self.claims_hint.hide()
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.claims_table)
        splitter.addWidget(diff_box)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([540, 170])
        layout = QVBoxLayout(page)
        layout.setContentsMargins(4, 6, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.claims_hint)
        layout.addWidget(splitter, 1)

        self._rows_timer = QTimer(self, singleShot=True, interval=60)
        self._rows_timer.timeout.connect(self._fit_rows)
        header.sectionResized.connect(lambda *_: self._rows_timer.start())
        self.claims_table.selectionModel().selectionChanged.connect(self._claims_selection)
        self.claims_table.doubleClicked.connect(self._cell_double_clicked)
        self.claims_table.customContextMenuRequested.connect(self._cell_menu)
        self.row_header.customContextMenuRequested.connect(self._header_menu)
        self.row_header.sectionDoubleClicked.connect(self._header_double_clicked)
        self.remove_button.clicked.connect(self.remove_from_cluster)
        self.new_cluster_button.clicked.connect(lambda: self.new_cluster())
        self.rename_button.clicked.connect(lambda: self.rename_cluster())
        self.delete_button.clicked.connect(self.delete_cluster)
        self.merge_button.clicked.connect(self.merge_clusters)
        self.claims_table.deletePressed.connect(self.remove_from_cluster)

    def set_data(self, docs: list[Document], clusters: list[ClaimCluster]) -> None:
        self.claims_delegate.clear_cache()
        self.row_header.reset_cache()
        self.claims_table.clearSpans()
        self.claims_model.set_data(docs, clusters)
        section = self.claims_model.section_row()
        if section >= 0 and len(docs) > 1:
            self.claims_table.setSpan(section, 0, 1, len(docs))
        self._fit_rows()
        self._claims_selection()
        if len(docs) < 2:
            self.claims_hint.setText(
                tr("Pick an event or choose documents to compare: at least two are needed.")
            )
            self.claims_hint.show()
        else:
            self.claims_hint.hide()

    def _run(self, fn):
        return self.hub.run(fn, self.window())

    def _fit_rows(self) -> None:
        self.claims_delegate.clear_cache()
        self.claims_table.resizeRowsToContents()

    def selected_cells(self) -> list[QModelIndex]:
        """Selected cells that hold claims, in table order."""
        indexes = self.claims_table.selectionModel().selectedIndexes()
        cells = [i for i in indexes if self.claims_model.cell(i)]
        return sorted(cells, key=lambda i: (i.row(), i.column()))

    def selected_claims(self) -> list[CellClaim]:
        return [cc for index in self.selected_cells() for cc in self.claims_model.cell(index)]

    def selected_clusters(self) -> list[ClaimCluster]:
        rows = sorted({i.row() for i in self.claims_table.selectionModel().selectedIndexes()})
        current = self.claims_table.currentIndex()
        if not rows and current.isValid():
            rows = [current.row()]
        out = []
        for r in rows:
            row = self.claims_model.rows[r] if r < len(self.claims_model.rows) else None
            if row is not None and row.kind == "cluster":
                out.append(row.cluster)
        return out

    def _claims_selection(self, *_args) -> None:
        claims = self.selected_claims()
        clustered = [cc for cc in claims if cc.relation is not None]
        clusters = self.selected_clusters()
        self.relation_button.setEnabled(bool(clustered))
        self.remove_button.setEnabled(bool(clustered))
        self.new_cluster_button.setEnabled(bool(claims))
        self.rename_button.setEnabled(len(clusters) == 1)
        self.delete_button.setEnabled(len(clusters) == 1)
        self.merge_button.setEnabled(len(clusters) >= 2)
        self.row_header.viewport().update()
        cells = self.selected_cells()
        if len(cells) == 2:
            a = self.claims_model.cell(cells[0])[0]
            b = self.claims_model.cell(cells[1])[0]
            self.show_diff(a, b)
        elif not cells or len(cells) != 2:
            self.diff_ops = []
            self.diff_view.clear()
            self.diff_caption.setText(
                tr("Ctrl+click two cells to compare their wording word by word.")
            )

    def show_diff(self, a: CellClaim, b: CellClaim) -> None:
        """Word-level diff of two wordings: A with what B lacks struck out, B with what it adds."""
        ops = word_diff(a.text, b.text)
        self.diff_ops = ops
        fmts = self.claims_delegate.formats()
        base = QTextCharFormat(fmts["text"])
        removed = QTextCharFormat(base)
        removed.setBackground(QColor("#ffd7d5"))
        removed.setForeground(QColor("#a01010"))
        removed.setFontStrikeOut(True)
        added = QTextCharFormat(base)
        added.setBackground(QColor("#d4f5d4"))
        added.setForeground(QColor("#0b6b0b"))
        added.setFontUnderline(True)
        tag = QTextCharFormat(fmts["speaker"])
        self.diff_view.clear()
        cursor = QTextCursor(self.diff_view.document())
        block = QTextBlockFormat()
        block.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        block.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        block.setBottomMargin(4)
        for k, (side, heading, other) in enumerate(((a, "A", removed), (b, "B", added))):
            if k:
                cursor.insertBlock(block)
            else:
                cursor.setBlockFormat(block)
            cursor.insertText(f"{heading} · {isolate(document_heading(side.doc))}:  ", tag)
            for op, a_text, b_text in ops:
                piece = re.sub(r"\s+", " ", a_text if side is a else b_text)
                if not piece:
                    continue
                cursor.insertText(piece, base if op == "equal" else other)
                if op != "equal" and not piece.endswith(" "):
                    cursor.insertText(" ", base)
        same = sum(len(x.split()) for op, x, _ in ops if op == "equal")
        total = max(len(a.text.split()), len(b.text.split()), 1)
        self.diff_caption.setText(
            tr(
                "A: {a} · B: {b} · {n}% of the words in common · struck out: only in A, "
                "underlined: only in B"
            )
            .replace("{a}", isolate(document_heading(a.doc)))
            .replace("{b}", isolate(document_heading(b.doc)))
            .replace("{n}", str(round(100 * same / total)))
        )

    def claim_at(self, index: QModelIndex, pos: QPoint | None = None) -> CellClaim | None:
        """The claim of a cell under `pos` (viewport coordinates), else its first claim."""
        cell = self.claims_model.cell(index)
        if not cell:
            return None
        if pos is None or len(cell) == 1:
            return cell[0]
        rect = self.claims_table.visualRect(index)
        doc = self.claims_delegate.document(index, rect.width())
        if doc is None:
            return cell[0]
        local = QPointF(pos - rect.topLeft())
        position = doc.documentLayout().hitTest(local, Qt.HitTestAccuracy.FuzzyHit)
        block = doc.findBlock(max(0, position)).blockNumber()
        starts = self.claims_model.claim_paragraphs(index)
        k = max((i for i, s in enumerate(starts) if s <= block), default=0)
        return cell[k]

    def _cell_double_clicked(self, index: QModelIndex) -> None:
        cc = self.claim_at(index, self.claims_table.last_click)
        if cc is not None:
            self.openClaim.emit(cc.doc.id, cc.claim.id)

    def _cell_menu(self, pos: QPoint) -> None:
        index = self.claims_table.indexAt(pos)
        menu = self.cell_menu(index, pos)
        if not menu.isEmpty():
            menu.exec(self.claims_table.viewport().mapToGlobal(pos))

    def cell_menu(self, index: QModelIndex, pos: QPoint | None = None) -> QMenu:
        """The context menu of a cell (tests read it without showing it)."""
        menu = QMenu(self)
        cell = self.claims_model.cell(index)
        row = self.claims_model.rows[index.row()] if index.isValid() else None
        clusters = [r.cluster for r in self.claims_model.rows if r.kind == "cluster"]
        if cell:
            under = self.claim_at(index, pos) or cell[0]
            menu.addAction(
                tr("Open in the article"),
                lambda: self.openClaim.emit(under.doc.id, under.claim.id),
            )
            for cc in cell:
                target = menu
                if len(cell) > 1:
                    target = menu.addMenu(f"«{shorten(cc.text, 40)}»")
                if cc.relation is not None:
                    sub = target.addMenu(tr("Relation"))
                    for relation, text in RELATION_TEXT.items():
                        action = sub.addAction(tr(text))
                        action.setCheckable(True)
                        action.setChecked(relation is cc.relation)
                        action.triggered.connect(
                            lambda _c=False, c=cc, r=relation: self.set_relation(r, [c])
                        )
                    target.addAction(
                        tr("Remove from cluster"), lambda c=cc: self.remove_from_cluster([c])
                    )
                own = row.cluster.id if row is not None and row.cluster is not None else None
                others = [k for k in clusters if k.id != own]
                if others:
                    title = (
                        tr("Move to cluster") if cc.relation is not None else tr("Add to cluster")
                    )
                    sub = target.addMenu(title)
                    for k in others:
                        sub.addAction(
                            shorten(k.label, 50),
                            lambda c=cc, kid=k.id: self.move_to_cluster(c, kid),
                        )
            menu.addSeparator()
        if self.selected_claims() or cell:
            menu.addAction(tr("New cluster from the selected claims…"), lambda: self.new_cluster())
        if row is not None and row.kind == "cluster":
            self._add_cluster_actions(menu, row.cluster)
        return menu

    def _add_cluster_actions(self, menu: QMenu, cluster: ClaimCluster) -> None:
        menu.addSeparator()
        menu.addAction(tr("Rename cluster…"), lambda: self.rename_cluster(cluster))
        menu.addAction(tr("Delete cluster"), lambda: self.delete_cluster(cluster))
        if len(self.selected_clusters()) >= 2:
            menu.addAction(tr("Merge clusters"), self.merge_clusters)

    def _header_menu(self, pos: QPoint) -> None:
        r = self.row_header.logicalIndexAt(pos)
        if not 0 <= r < len(self.claims_model.rows) or self.claims_model.rows[r].kind != "cluster":
            return
        menu = QMenu(self)
        self._add_cluster_actions(menu, self.claims_model.rows[r].cluster)
        menu.exec(self.row_header.viewport().mapToGlobal(pos))

    def _header_double_clicked(self, r: int) -> None:
        if 0 <= r < len(self.claims_model.rows) and self.claims_model.rows[r].kind == "cluster":
            self.rename_cluster(self.claims_model.rows[r].cluster)

    # --- actions on clusters (each one undoable step)

    def set_relation(self, relation: Relation, claims: list[CellClaim] | None = None) -> None:
        claims = [cc for cc in (claims or self.selected_claims()) if cc.relation is not None]
        for cc in claims:
            change = self._run(lambda c=cc: self.workspace.set_relation(c.claim.id, relation))
            if change is None:
                break

    def remove_from_cluster(self, claims: list[CellClaim] | None = None) -> None:
        claims = [cc for cc in (claims or self.selected_claims()) if cc.relation is not None]
        for cc in claims:
            if self._run(lambda c=cc: self.workspace.move_to_cluster(c.claim.id, None)) is None:
                break

    def move_to_cluster(self, cc: CellClaim, cluster_id: int) -> None:
        self._run(lambda: self.workspace.move_to_cluster(cc.claim.id, cluster_id))

    def new_cluster(self, label: str | None = None) -> None:
        claims = self.selected_claims()
        if not claims:
            return
        if label is None:
            label, ok = QInputDialog.getText(
                self, tr("New cluster"), tr("Label"), text=default_label(claims[0].text)
            )
            if not ok:
                return
        ids = [cc.claim.id for cc in claims]
        self._run(lambda: self.workspace.create_cluster(ids, label))

    def rename_cluster(self, cluster: ClaimCluster | None = None, label: str | None = None) -> None:
        if cluster is None:
            chosen = self.selected_clusters()
            if len(chosen) != 1:
                return
            cluster = chosen[0]
        if label is None:
            label, ok = QInputDialog.getText(
                self, tr("Rename cluster"), tr("Label"), text=cluster.label
            )
            if not ok:
                return
        self._run(lambda: self.workspace.rename_cluster(cluster.id, label))

    def delete_cluster(self, cluster: ClaimCluster | None = None) -> None:
        if cluster is None:
            chosen = self.selected_clusters()
            if len(chosen) != 1:
                return
            cluster = chosen[0]
        self._run(lambda: self.workspace.delete_cluster(cluster.id))

    def merge_clusters(self) -> None:
        chosen = self.selected_clusters()
        if len(chosen) < 2:
            return
        keep = chosen[0]
        for other in chosen[1:]:
            if self._run(lambda o=other: self.workspace.merge_clusters(keep.id, o.id)) is None:
                break
