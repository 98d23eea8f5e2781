"""The Compare window: what several outlets report about one event, side by side.

Three tabs over the chosen documents (an event, or any set of documents):

* **Claims across outlets** — one column per document, one row per claim cluster (the same
  proposition reported by several outlets). Each cell shows that document's wording with speaker,
  quote type and the member's relation to the cluster; an outlet that did not report the
  proposition gets a hatched "not reported" cell, and a row whose members carry different figures
  or dates of one kind gets a conflict badge ("⚠ 2020-01-07 ≠ 2020-01-17"). Claims in no cluster
  follow, per document. Two cells selected with Ctrl+click are compared word by word below.
* **Suggestions** — likely same-proposition pairs, best first, with their evidence; Enter accepts
  (into a new or existing cluster), Delete rejects (remembered).
* **Naming** — for each registry entity, the forms each outlet used for it, with counts.

Document text is always shown as plain text (QTextCursor insertions, never HTML) and always
right-to-left, whatever the interface language.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QBrush,
    QColor,
    QFont,
    QKeySequence,
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
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QTableView,
    QTabWidget,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.app.workspace import Change, Workspace, shorten
from desktop.compare import (
    NamingRow,
    Quantity,
    Suggestion,
    compare_quantities,
    extract_quantities,
    naming_table,
    word_diff,
)
from desktop.compare import claim_id as span_id
from desktop.core.errors import MizanError
from desktop.core.model import Claim, ClaimCluster, Document, Relation
from desktop.gui import workers
from desktop.gui.dialogs import POLARITIES, QUOTE_TYPES
from desktop.gui.fonts import reading_font
from desktop.gui.i18n import N_, current_language, isolate, tr
from desktop.text.bidi import OVERRIDE_CONTROLS

ROOT = QModelIndex()
SPEC_ROLE = Qt.UserRole + 20  # how the delegate draws a cell: a list of paragraphs
KIND_ROLE = Qt.UserRole + 21  # "claims" | "missing" | "blank" | "section" | "empty"

RELATION_TEXT = {
    Relation.AGREES: N_("agrees"),
    Relation.CONTRADICTS: N_("contradicts"),
    Relation.ADDS_DETAIL: N_("adds detail"),
    Relation.REFRAMES: N_("reframes"),
}
RELATION_COLOR = {
    Relation.AGREES: "#2e7d32",
    Relation.CONTRADICTS: "#c62828",
    Relation.ADDS_DETAIL: "#1565c0",
    Relation.REFRAMES: "#8e24aa",
}
CONFLICT_COLOR = "#c62828"
PARTIAL_COLOR = "#b25e00"
_ARABIC = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_LATIN = re.compile("[A-Za-z]")
_CONTROLS = re.compile("([" + "".join(sorted(OVERRIDE_CONTROLS)) + "])")

# A cell is drawn from paragraphs: (direction, alignment, runs), run = (text, style).
# direction: "rtl" (document text), "ui" (follows the interface) or "auto" (first strong letter);
# alignment: "start" or "center". Styles are keys of CellDelegate.formats().
Run = tuple[str, str]
Para = tuple[str, str, list[Run]]


def _rtl_text(text: str) -> bool:
    a, b = _ARABIC.search(text), _LATIN.search(text)
    return a is not None and (b is None or a.start() < b.start())


def _one_line(text: str) -> str:
    return " ".join(text.split())


def default_label(text: str, words: int = 6) -> str:
    """A cluster label from a claim's wording: its first few words."""
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def _plain_tip(text: str) -> str:
    """A tooltip that Qt cannot mistake for rich text (document text is never HTML)."""
    return "<p style='white-space:pre-wrap'>" + html.escape(text) + "</p>"


def text_runs(text: str, marks: Iterable[tuple[int, int]] = (), style: str = "text") -> list[Run]:
    """Runs of a claim's wording: `marks` (offsets into `text`) styled "conflict", bidi override
    controls made visible, whitespace collapsed."""
    cuts: list[tuple[int, int, str]] = []
    pos = 0
    for start, end in sorted(marks):
        if start < pos:
            continue
        cuts.append((pos, start, style))
        cuts.append((start, end, "conflict"))
        pos = end
    cuts.append((pos, len(text), style))
    runs: list[Run] = []
    for start, end, st in cuts:
        piece = re.sub(r"\s+", " ", text[start:end])
        if not piece:
            continue
        for part in _CONTROLS.split(piece):
            if not part:
                continue
            if part in OVERRIDE_CONTROLS:
                runs.append((f"⟨U+{ord(part):04X}⟩", "control"))
            else:
                runs.append((part, st))
    if runs:  # no stray space at either end of the wording
        runs[0] = (runs[0][0].lstrip(), runs[0][1])
        runs[-1] = (runs[-1][0].rstrip(), runs[-1][1])
    return runs


def document_heading(doc) -> str:
    """A document's column name: its outlet, else the original source, else its external id."""
    return doc.meta.outlet or doc.meta.original_source or doc.external_id


def speaker_name(claim: Claim, doc: Document) -> str | None:
    """Who the claim is attributed to, or None when the outlet asserts it itself."""
    source = claim.source
    if source is None:
        return tr("(no source)")
    kind = source.kind.value
    if kind == "outlet":
        return None
    if kind == "unnamed":
        return tr("Unnamed sources")
    if kind == "entity":
        entity = doc.registry.get(source.entity or "")
        return entity.name if entity else (source.entity or "?")
    mention = next((m for m in doc.mentions if m.ext_id == source.mention), None)
    if mention is None:
        return "?"
    entity = doc.registry.get(mention.entity or "")
    return entity.name if entity else _one_line(doc.text[mention.start : mention.end])


# ---------------------------------------------------------------------------------- conflicts


def quantity_conflicts(qa: list[Quantity], qb: list[Quantity]) -> list[tuple[Quantity, Quantity]]:
    """Figures of one kind that differ between two wordings, paired as suggest_alignments pairs
    them: compatible values first (they are shared, not conflicts), then the closest values of
    one kind; each figure is used once."""
    cross = []
    for i, x in enumerate(qa):
        for j, y in enumerate(qb):
            strength, compatible = compare_quantities(x, y)
            if compatible or x.kind == y.kind:
                cross.append((-(strength + compatible), i, j, compatible))
    cross.sort()
    used_a: set[int] = set()
    used_b: set[int] = set()
    out = []
    for _, i, j, compatible in cross:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        if not compatible:
            out.append((qa[i], qb[j]))
    return out


@dataclass
class CellClaim:
    """One claim shown in a cell."""

    doc: Document
    claim: Claim
    relation: Relation | None = None  # None: not in a cluster
    marks: list[tuple[int, int]] = field(default_factory=list)  # conflicting figures, in wording

    @property
    def text(self) -> str:
        return self.doc.text[self.claim.start : self.claim.end]


@dataclass
class RowConflict:
    kind: str
    a: str  # normalised values, `a` from the left-most document
    b: str
    a_text: str
    b_text: str
    a_outlet: str
    b_outlet: str

    @property
    def badge(self) -> str:
        low, high = sorted((self.a, self.b))
        return f"⚠ {low} ≠ {high}"


@dataclass
class Row:
    kind: str  # "cluster" | "section" | "single"
    cells: list[list[CellClaim]]
    cluster: ClaimCluster | None = None
    conflicts: list[RowConflict] = field(default_factory=list)


def find_conflicts(cells: list[list[CellClaim]], headings: list[str]) -> list[RowConflict]:
    """Conflicting figures between members of one cluster (in different documents); marks the
    conflicting figures in the members' wording."""
    members = [
        (col, cc, extract_quantities(cc.text)) for col, cell in enumerate(cells) for cc in cell
    ]
    found: dict[tuple, RowConflict] = {}
    for i, (col_a, a, qa) in enumerate(members):
        for col_b, b, qb in members[i + 1 :]:
            if col_a == col_b or not qa or not qb:
                continue
            for x, y in quantity_conflicts(qa, qb):
                a.marks.append((x.start, x.end))
                b.marks.append((y.start, y.end))
                key = (x.kind, frozenset((x.value, y.value)))
                if key not in found:
                    found[key] = RowConflict(
                        x.kind, x.value, y.value, x.text, y.text, headings[col_a], headings[col_b]
                    )
    for cell in cells:
        for cc in cell:
            cc.marks = sorted(set(cc.marks))
    return list(found.values())


# ---------------------------------------------------------------------------------- drawing


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
                f.setFontWeight(QFont.Bold)
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
                rtl = _rtl_text("".join(t for t, _ in runs))
            else:
                rtl = ui_rtl
            block = QTextBlockFormat()
            block.setLayoutDirection(Qt.RightToLeft if rtl else Qt.LeftToRight)
            if align == "center":
                block.setAlignment(Qt.AlignHCenter)
            else:
                block.setAlignment((Qt.AlignRight if rtl else Qt.AlignLeft) | Qt.AlignAbsolute)
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
        kind = index.data(KIND_ROLE)
        if kind == "missing":
            painter.fillRect(rect, QColor("#f1f1f1"))
            painter.fillRect(rect, QBrush(QColor("#d9d9d9"), Qt.BDiagPattern))
        else:
            background = index.data(Qt.BackgroundRole)
            if background is not None:
                painter.fillRect(rect, background)
        selected = bool(option.state & QStyle.State_Selected)
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


class RowHeader(QHeaderView):
    """The claims table's row header: cluster label, how many outlets report it, conflicts."""

    WIDTH = 220

    def __init__(self, delegate: CellDelegate, parent=None):
        super().__init__(Qt.Vertical, parent)
        self.delegate = delegate
        self.setSectionsClickable(True)
        self.setHighlightSections(True)
        self._cache: dict[tuple, QTextDocument] = {}

    def _doc(self, logical: int) -> QTextDocument | None:
        model = self.model()
        if model is None:
            return None
        spec = model.headerData(logical, Qt.Vertical, SPEC_ROLE)
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
        background = model.headerData(logical, Qt.Vertical, Qt.BackgroundRole)
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


# ---------------------------------------------------------------------------------- models


class ClaimsModel(QAbstractTableModel):
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
        col_of = {d.external_id: i for i, d in enumerate(docs)}
        claims = {(d.external_id, c.ext_id): (d, c) for d in docs for c in d.claims}
        by_id = {c.id: (d, c) for d in docs for c in d.claims}
        clustered: set[int] = set()
        rows: list[Row] = []
        for cluster in clusters:
            cells: list[list[CellClaim]] = [[] for _ in docs]
            for m in cluster.members:
                found = by_id.get(m.claim_id) or claims.get((m.document, m.claim))
                if found is None or m.document not in col_of:
                    continue
                doc, claim = found
                clustered.add(claim.id)
                cells[col_of[m.document]].append(CellClaim(doc, claim, m.relation))
            if not any(cells):
                continue
            for cell in cells:
                cell.sort(key=lambda cc: cc.claim.start)
            rows.append(Row("cluster", cells, cluster, find_conflicts(cells, self.headings)))
        # reading order: by the first document that reports the cluster, then by position there
        rows.sort(
            key=lambda r: min(
                (col, cell[0].claim.start) for col, cell in enumerate(r.cells) if cell
            )
        )
        loose = [
            [
                CellClaim(d, c)
                for c in sorted(d.claims, key=lambda c: c.start)
                if c.id not in clustered
            ]
            for d in docs
        ]
        depth = max((len(x) for x in loose), default=0)
        if depth:
            rows.append(Row("section", [[] for _ in docs]))
            for k in range(depth):
                rows.append(Row("single", [[x[k]] if k < len(x) else [] for x in loose]))
        self.rows = rows
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

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal:
            if section >= len(self.docs):
                return None
            doc = self.docs[section]
            if role == Qt.DisplayRole:
                when = doc.meta.published.isoformat() if doc.meta.published else tr("no date")
                return f"{self.headings[section]}\n\u2066{when}\u2069"
            if role == Qt.ToolTipRole:
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
                return _plain_tip("\n".join(lines))
            return None
        if section >= len(self.rows):
            return None
        row = self.rows[section]
        if role == Qt.DisplayRole:
            if row.kind != "cluster":
                return ""
            return "\n".join([row.cluster.label, *(c.badge for c in row.conflicts)])
        if role == SPEC_ROLE:
            return self._header_spec(row)
        if role == Qt.BackgroundRole:
            if row.kind != "cluster":
                return QColor("#ecebe7") if row.kind == "section" else QColor("#f7f6f3")
            if row.conflicts:
                return QColor("#fde7e5")
            if sum(bool(c) for c in row.cells) < len(row.cells):
                return QColor("#fff3e0")
            return QColor("#f4f2ee")
        if role == Qt.ToolTipRole and row.kind == "cluster":
            lines = [row.cluster.label]
            for c in row.conflicts:
                lines.append(f"{c.kind}: {c.a_text} ({c.a_outlet}) ≠ {c.b_text} ({c.b_outlet})")
            lines.append(tr("Double-click to rename; right-click for cluster actions."))
            return _plain_tip("\n".join(lines))
        return None

    def _header_spec(self, row: Row) -> list[Para]:
        if row.kind == "section":
            return []
        if row.kind == "single":
            return [("ui", "start", [(tr("not in a cluster"), "muted")])]
        label = row.cluster.label
        spec: list[Para] = [
            ("auto", "start", [(label, "label-rtl" if _rtl_text(label) else "label")])
        ]
        n, total = sum(bool(c) for c in row.cells), len(row.cells)
        count = tr("reported by {n} of {k}").replace("{n}", str(n)).replace("{k}", str(total))
        spec.append(("ui", "start", [(count, "partial" if n < total else "complete")]))
        for conflict in row.conflicts:
            spec.append(("ui", "start", [(f" {conflict.badge} ", "badge")]))
        return spec

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        cell = row.cells[index.column()]
        if role == KIND_ROLE:
            if row.kind == "section":
                return "section"
            if cell:
                return "claims"
            return "missing" if row.kind == "cluster" else "blank"
        if role == Qt.DisplayRole:
            if row.kind == "section":
                return tr("Not in any cluster: claims only this outlet carries so far")
            if not cell:
                return tr("— not reported —") if row.kind == "cluster" else ""
            return "\n".join(_one_line(cc.text) for cc in cell)
        if role == SPEC_ROLE:
            return self._cell_spec(row, cell)
        if role == Qt.BackgroundRole:
            if row.kind == "section":
                return QColor("#ecebe7")
            if row.kind == "single":
                return QColor("#fcfcfb") if cell else QColor("#f7f7f5")
            return QColor("#fff7f6") if row.conflicts and cell else QColor("#ffffff")
        if role == Qt.ToolTipRole and cell:
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
            who = speaker_name(cc.claim, cc.doc)
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


class SuggestionsModel(QAbstractTableModel):
    COLUMNS = (N_("Score"), N_("Claim A"), N_("Claim B"), N_("Evidence"))

    def __init__(self, parent=None):
        super().__init__(parent)
        self.items: list[Suggestion] = []
        self.refs: dict[tuple[str, str], tuple[Document, Claim]] = {}
        self.cluster_of: dict[int, str] = {}  # claim id -> label of its cluster
        self.names: dict[str, str] = {}  # entity key -> name
        self.generation = 0

    def set_items(self, items, refs, cluster_of, names) -> None:
        self.beginResetModel()
        self.generation += 1
        self.items, self.refs, self.cluster_of, self.names = items, refs, cluster_of, names
        self.endResetModel()

    def rowCount(self, parent=ROOT) -> int:
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent=ROOT) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return tr(self.COLUMNS[section])
        if orientation == Qt.Vertical and role == Qt.DisplayRole:
            return str(section + 1)
        return None

    def claims(self, row: int) -> tuple[tuple[Document, Claim], tuple[Document, Claim]] | None:
        if not 0 <= row < len(self.items):
            return None
        s = self.items[row]
        a, b = self.refs.get((s.a.document, s.a.claim)), self.refs.get((s.b.document, s.b.claim))
        return (a, b) if a and b else None

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        s = self.items[index.row()]
        col = index.column()
        if role == KIND_ROLE:
            return "claims"
        if role == Qt.DisplayRole:
            if col == 0:
                return f"{s.score:.2f}"
            if col in (1, 2):
                ref = s.a if col == 1 else s.b
                return _one_line(ref.text)
            return "\n".join("".join(t for t, _ in runs) for _, _, runs in self._evidence(s))
        if role == SPEC_ROLE:
            if col == 0:
                return [("ui", "center", [(f"{s.score:.2f}", "score")])]
            if col in (1, 2):
                return self._claim_spec(s, col == 1)
            return self._evidence(s)
        if role == Qt.BackgroundRole:
            if col == 0:
                alpha = int(40 + 160 * max(0.0, min(1.0, s.score)))
                return QColor(76, 175, 80, alpha)
            if col == 3 and s.conflicts:
                return QColor("#fff3f2")
            return QColor("#ffffff")
        return None

    def _claim_spec(self, s: Suggestion, first: bool) -> list[Para]:
        ref = s.a if first else s.b
        found = self.refs.get((ref.document, ref.claim))
        head: list[Run] = [(isolate(ref.outlet or ref.document), "speaker")]
        marks: list[tuple[int, int]] = []
        if found is not None:
            doc, claim = found
            who = speaker_name(claim, doc)
            if who:
                head += [(" · ", "muted"), (isolate(who), "muted")]
            head += [(" · ", "muted"), (tr(QUOTE_TYPES[claim.quote_type.value]), "muted")]
            conflicts = {(c.a_text if first else c.b_text) for c in s.conflicts}
            for q in extract_quantities(ref.text):
                if q.text in conflicts:
                    marks.append((q.start, q.end))
        spec: list[Para] = [("ui", "start", head), ("rtl", "start", text_runs(ref.text, marks))]
        if found is not None and found[1].id in self.cluster_of:
            label = self.cluster_of[found[1].id]
            spec.append(
                (
                    "ui",
                    "start",
                    [(tr("in cluster «{label}»").replace("{label}", isolate(label)), "muted")],
                )
            )
        return spec

    def _evidence(self, s: Suggestion) -> list[Para]:
        ev = s.evidence
        spec: list[Para] = []
        for c in s.conflicts:
            low, high = sorted((c.a, c.b))
            spec.append(("ui", "start", [(f" ⚠ {low} ≠ {high} ", "badge")]))
            spec.append(("rtl", "start", [(f"{c.a_text} ≠ {c.b_text}", "conflict")]))
        similarity = tr("wording {n}").replace("{n}", f"{ev.get('text_similarity', 0):.2f}")
        spec.append(("ui", "start", [(similarity, "muted")]))
        entities = [self.names.get(k, k) for k in ev.get("shared_entities") or ()]
        if entities:
            spec.append(
                (
                    "ui",
                    "start",
                    [(tr("same names:") + " ", "muted"), ("، ".join(entities), "speaker")],
                )
            )
        if ev.get("shared_speaker"):
            who = self.names.get(ev["shared_speaker"], ev["shared_speaker"])
            spec.append(("ui", "start", [(tr("same speaker:") + " ", "muted"), (who, "speaker")]))
        figures = ev.get("shared_quantities") or ()
        if figures:
            spec.append(
                (
                    "ui",
                    "start",
                    [(tr("same figures:") + " ", "muted"), (" · ".join(figures), "speaker")],
                )
            )
        if ev.get("same_event"):
            spec.append(("ui", "start", [(tr("same event"), "muted")]))
        return spec


class NamingModel(QAbstractTableModel):
    """One row per registry entity, one column per outlet: the forms it used, with counts."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[NamingRow] = []
        self.outlets: list[str] = []
        self.generation = 0

    def set_rows(self, rows: list[NamingRow], outlets: list[str]) -> None:
        self.beginResetModel()
        self.generation += 1
        self.rows, self.outlets = rows, outlets
        self.endResetModel()

    def rowCount(self, parent=ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=ROOT) -> int:
        return 0 if parent.isValid() else len(self.outlets)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role != Qt.DisplayRole:
            return None
        if orientation == Qt.Horizontal:
            return self.outlets[section] if section < len(self.outlets) else None
        if section < len(self.rows):
            row = self.rows[section]
            return f"{row.name}\n{row.entity} · {row.total}"
        return None

    def forms(self, index: QModelIndex) -> list[tuple[str, int]]:
        row = self.rows[index.row()]
        return row.by_outlet.get(self.outlets[index.column()], [])

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        forms = self.forms(index)
        if role == KIND_ROLE:
            return "claims" if forms else "empty"
        if role == Qt.DisplayRole:
            return " · ".join(f"{form} ×{n}" for form, n in forms) if forms else "—"
        if role == SPEC_ROLE:
            if not forms:
                return [("ui", "center", [("—", "missing")])]
            row = self.rows[index.row()]
            used = [{f for f, _ in fs} for fs in row.by_outlet.values()]
            runs: list[Run] = []
            for k, (form, n) in enumerate(forms):
                if k:
                    runs.append((" · ", "count"))
                shared = len(used) > 1 and all(form in u for u in used)
                runs.append((form, "form" if shared or len(used) < 2 else "form-distinct"))
                runs.append((f" ×{n}", "count"))
            return [("rtl", "start", runs)]
        if role == Qt.BackgroundRole:
            return QColor("#ffffff") if forms else QColor("#f4f4f4")
        return None


# ---------------------------------------------------------------------------------- views


class ClaimsTable(QTableView):
    """The side-by-side table; remembers where a double-click landed (which claim of a cell)."""

    deletePressed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.last_click = QPoint()

    def mouseDoubleClickEvent(self, event) -> None:
        self.last_click = event.position().toPoint()
        super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key_Delete, Qt.Key_Backspace) and not event.modifiers():
            self.deletePressed.emit()
            return
        super().keyPressEvent(event)


class SuggestionsTable(QTableView):
    """The suggestions list: Enter accepts, Delete (or Backspace) rejects the current pair."""

    acceptPressed = Signal()
    rejectPressed = Signal()

    def keyPressEvent(self, event) -> None:
        plain = not (event.modifiers() & ~Qt.KeypadModifier)
        if plain and event.key() in (Qt.Key_Return, Qt.Key_Enter):
            self.acceptPressed.emit()
            return
        if plain and event.key() in (Qt.Key_Delete, Qt.Key_Backspace):
            self.rejectPressed.emit()
            return
        super().keyPressEvent(event)


def _cell_table(view: QTableView, delegate: CellDelegate) -> None:
    view.setItemDelegate(delegate)
    view.setWordWrap(True)
    view.setShowGrid(True)
    view.setGridStyle(Qt.SolidLine)
    view.setEditTriggers(QAbstractItemView.NoEditTriggers)
    view.setVerticalScrollMode(QAbstractItemView.ScrollPerPixel)
    view.setHorizontalScrollMode(QAbstractItemView.ScrollPerPixel)
    view.setStyleSheet("QTableView { gridline-color: #dedbd4; }")


class DocumentsDialog(QDialog):
    """Choose any set of documents to compare (a checkable, filterable list)."""

    def __init__(self, documents, chosen: Iterable[int], parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Choose documents to compare"))
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(tr("Filter by outlet, title or event…"))
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget()
        chosen = set(chosen)
        for doc in documents:
            meta = doc.meta
            when = meta.published.isoformat() if meta.published else "—"
            title = meta.title or doc.external_id
            item = QListWidgetItem(
                f"{isolate(document_heading(doc))} · {when} · {isolate(shorten(title, 70))}"
            )
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Checked if doc.id in chosen else Qt.Unchecked)
            item.setData(Qt.UserRole, doc.id)
            item.setData(Qt.UserRole + 1, doc.external_id)
            item.setToolTip(_plain_tip(f"{doc.external_id}\n{meta.event or ''}"))
            self.list.addItem(item)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Ok).setText(tr("Compare"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        hint = QLabel(tr("Tick two or more documents."))
        hint.setObjectName("muted")
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self.filter.textChanged.connect(self._filter)
        self.resize(620, 420)

    def _filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for i in range(self.list.count()):
            item = self.list.item(i)
            hay = (item.text() + " " + item.toolTip()).casefold()
            item.setHidden(bool(needle) and needle not in hay)

    def item_of(self, external_id_prefix: str) -> QListWidgetItem | None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            if str(item.data(Qt.UserRole + 1)).startswith(external_id_prefix):
                return item
        return None

    def chosen(self) -> list[int]:
        return [
            self.list.item(i).data(Qt.UserRole)
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.Checked
        ]


# ---------------------------------------------------------------------------------- the window


class CompareWindow(QWidget):
    """Compare what several outlets report: claims side by side, suggestions, naming."""

    #: (document id, claim id): show this claim in its article (the main window opens it).
    openClaim = Signal(int, int)
    #: A `Change` made here, so other windows can refresh.
    changed = Signal(object)
    #: The suggestions of the current documents are shown (after a refresh).
    suggestionsReady = Signal()

    #: Up to this many claims, suggestions are computed at once (the seeds take ~40 ms);
    #: above it, in the thread pool.
    SYNC_CLAIMS = 400

    def __init__(self, workspace: Workspace, parent=None):
        super().__init__(parent)
        self.setWindowFlag(Qt.Window, True)
        self.setWindowTitle(f"{tr('Compare outlets')} — {tr('Mizan')}")
        self.workspace = workspace
        self.docs: list[Document] = []
        self.event: str | None = None
        self._ids: list[int] = []
        self.diff_ops: list[tuple[str, str, str]] = []
        self.job: workers.Job | None = None
        self._generation = 0
        self.documents_dialog: DocumentsDialog | None = None

        self._make_top_bar()
        self.tabs = QTabWidget()
        self.tabs.addTab(self._make_claims_tab(), tr("Claims across outlets"))
        self.tabs.addTab(self._make_suggestions_tab(), tr("Suggestions"))
        self.tabs.addTab(self._make_naming_tab(), tr("Naming"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(self.top_bar)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.summary)
        self._make_actions()
        self.resize(1400, 820)

        self._fill_events()
        default = self._default_event()
        if default is not None:
            self.show_event(default)
        else:
            self.refresh()

    # ------------------------------------------------------------------ construction

    def _make_top_bar(self) -> None:
        self.event_box = QComboBox()
        self.event_box.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        self.event_box.setMinimumContentsLength(30)
        self.choose_button = QPushButton(tr("Choose documents…"))
        self.refresh_button = QPushButton(tr("Refresh"))
        self.refresh_button.setToolTip(tr("Reload claims, clusters and suggestions (F5)"))
        self.undo_button = QToolButton()
        self.undo_button.setText(tr("Undo"))
        self.redo_button = QToolButton()
        self.redo_button.setText(tr("Redo"))
        self.summary = QLabel()
        self.summary.setObjectName("muted")
        self.summary.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        self.top_bar = QHBoxLayout()
        self.top_bar.addWidget(QLabel(tr("Event")))
        self.top_bar.addWidget(self.event_box)
        self.top_bar.addWidget(self.choose_button)
        self.top_bar.addWidget(self.refresh_button)
        self.top_bar.addStretch(1)
        self.top_bar.addWidget(self.undo_button)
        self.top_bar.addWidget(self.redo_button)
        self.event_box.currentIndexChanged.connect(self._event_chosen)
        self.choose_button.clicked.connect(self.choose_documents)
        self.refresh_button.clicked.connect(self.refresh)
        self.undo_button.clicked.connect(self.undo)
        self.redo_button.clicked.connect(self.redo)

    def _make_claims_tab(self) -> QWidget:
        page = QWidget()
        self.claims_model = ClaimsModel(self)
        self.claims_table = ClaimsTable()
        self.claims_delegate = CellDelegate(self.claims_table)
        self.row_header = RowHeader(self.claims_delegate, self.claims_table)
        self.claims_table.setVerticalHeader(self.row_header)
        self.claims_table.setModel(self.claims_model)
        _cell_table(self.claims_table, self.claims_delegate)
        self.claims_table.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.claims_table.setSelectionBehavior(QAbstractItemView.SelectItems)
        self.claims_table.setContextMenuPolicy(Qt.CustomContextMenu)
        header = self.claims_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Stretch)
        header.setMinimumSectionSize(220)
        header.setDefaultAlignment(Qt.AlignCenter)
        self.row_header.setSectionResizeMode(QHeaderView.Interactive)
        self.row_header.setContextMenuPolicy(Qt.CustomContextMenu)

        self.relation_button = QToolButton()
        self.relation_button.setText(tr("Relation"))
        self.relation_button.setPopupMode(QToolButton.InstantPopup)
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
        legend.setTextFormat(Qt.RichText)  # our own fixed strings only
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
        legend.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)  # clipped when narrow
        legend.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        bar.addWidget(legend, 1)

        self.diff_caption = QLabel(
            tr("Ctrl+click two cells to compare their wording word by word.")
        )
        self.diff_caption.setObjectName("muted")
        self.diff_caption.setTextFormat(Qt.PlainText)
        self.diff_view = QTextEdit()
        self.diff_view.setReadOnly(True)
        self.diff_view.setAcceptRichText(False)
        self.diff_view.setLayoutDirection(Qt.RightToLeft)
        diff_box = QGroupBox(tr("Word differences"))
        diff_layout = QVBoxLayout(diff_box)
        diff_layout.setContentsMargins(6, 4, 6, 6)
        diff_layout.addWidget(self.diff_caption)
        diff_layout.addWidget(self.diff_view, 1)

        self.claims_hint = QLabel()
        self.claims_hint.setObjectName("muted")
        self.claims_hint.setWordWrap(True)
        self.claims_hint.hide()
        splitter = QSplitter(Qt.Vertical)
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
        return page

    def _make_suggestions_tab(self) -> QWidget:
        page = QWidget()
        self.suggestions_model = SuggestionsModel(self)
        self.suggestions_table = SuggestionsTable()
        self.suggestions_delegate = CellDelegate(self.suggestions_table, 12.5)
        self.suggestions_table.setModel(self.suggestions_model)
        _cell_table(self.suggestions_table, self.suggestions_delegate)
        self.suggestions_table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.suggestions_table.setSelectionBehavior(QAbstractItemView.SelectRows)
        header = self.suggestions_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.Fixed)
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        header.setSectionResizeMode(2, QHeaderView.Stretch)
        header.setSectionResizeMode(3, QHeaderView.Interactive)
        header.resizeSection(0, 64)
        header.resizeSection(3, 280)
        self.suggestions_table.verticalHeader().setSectionResizeMode(QHeaderView.Interactive)

        self.suggestions_status = QLabel()
        self.suggestions_status.setObjectName("muted")
        self.suggestions_status.setWordWrap(True)
        self.suggestions_progress = QProgressBar()
        self.suggestions_progress.setRange(0, 0)
        self.suggestions_progress.setMaximumWidth(200)
        self.suggestions_progress.hide()
        self.label_edit = QLineEdit()
        self.label_edit.setPlaceholderText(tr("Label of the new cluster"))
        self.accept_button = QPushButton(tr("Accept"))
        self.accept_button.setToolTip(tr("Put both claims in one cluster (Enter)"))
        self.reject_button = QPushButton(tr("Reject"))
        self.reject_button.setToolTip(tr("Not the same proposition; never suggest again (Delete)"))
        hint = QLabel(tr("Enter accepts, Delete rejects the selected suggestion."))
        hint.setObjectName("muted")
        bar = QHBoxLayout()
        bar.addWidget(QLabel(tr("Cluster label")))
        bar.addWidget(self.label_edit, 1)
        bar.addWidget(self.accept_button)
        bar.addWidget(self.reject_button)
        top = QHBoxLayout()
        top.addWidget(self.suggestions_status, 1)
        top.addWidget(self.suggestions_progress)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(4, 6, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.suggestions_table, 1)
        layout.addLayout(bar)
        layout.addWidget(hint)

        self._suggestion_rows_timer = QTimer(self, singleShot=True, interval=60)
        self._suggestion_rows_timer.timeout.connect(self.suggestions_table.resizeRowsToContents)
        header.sectionResized.connect(lambda *_: self._suggestion_rows_timer.start())
        self.suggestions_table.selectionModel().currentRowChanged.connect(self._suggestion_current)
        self.accept_button.clicked.connect(lambda: self.accept_suggestion())
        self.reject_button.clicked.connect(self.reject_suggestion)
        self.label_edit.returnPressed.connect(lambda: self.accept_suggestion())
        self.suggestions_table.acceptPressed.connect(lambda: self.accept_suggestion())
        self.suggestions_table.rejectPressed.connect(self.reject_suggestion)
        return page

    def _make_naming_tab(self) -> QWidget:
        page = QWidget()
        self.naming_model = NamingModel(self)
        self.naming_view = QTableView()
        self.naming_delegate = CellDelegate(self.naming_view, 12.5)
        self.naming_view.setModel(self.naming_model)
        _cell_table(self.naming_view, self.naming_delegate)
        self.naming_view.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.naming_view.horizontalHeader().setMinimumSectionSize(200)
        self.naming_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.naming_view.verticalHeader().setDefaultAlignment(Qt.AlignCenter)
        hint = QLabel(
            tr(
                "Forms of linked mentions only (link a mention to a registry entity to count it). "
                "Forms that only some outlets use are in bold."
            )
        )
        hint.setObjectName("muted")
        hint.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(4, 6, 4, 4)
        layout.addWidget(hint)
        layout.addWidget(self.naming_view, 1)
        return page

    def _make_actions(self) -> None:
        self.act_undo = QAction(tr("Undo"), self)
        self.act_undo.setShortcut(QKeySequence.Undo)
        self.act_redo = QAction(tr("Redo"), self)
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.act_refresh = QAction(tr("Refresh"), self)
        self.act_refresh.setShortcut(QKeySequence.Refresh)
        for action, slot in (
            (self.act_undo, self.undo),
            (self.act_redo, self.redo),
            (self.act_refresh, self.refresh),
        ):
            action.setShortcutContext(Qt.WindowShortcut)
            action.triggered.connect(lambda _c=False, s=slot: s())
            self.addAction(action)

    # ------------------------------------------------------------------ choosing documents

    def _summaries(self):
        return self.workspace.documents()

    def _fill_events(self) -> None:
        summaries = self._summaries()
        counts: dict[str, int] = {}
        for d in summaries:
            if d.meta.event:
                counts[d.meta.event] = counts.get(d.meta.event, 0) + 1
        self._event_counts = counts
        _, events = self.workspace.outlets_and_events()
        self.event_box.blockSignals(True)
        self.event_box.clear()
        self.event_box.addItem(self._chosen_text(), None)
        for event in events:
            n = counts.get(event, 0)
            self.event_box.addItem(f"{isolate(event)} ({n})", event)
        index = self.event_box.findData(self.event) if self.event else 0
        self.event_box.setCurrentIndex(max(0, index))
        self.event_box.blockSignals(False)

    def _chosen_text(self) -> str:
        if self.event is None and self._ids:
            return tr("Chosen documents ({n})").replace("{n}", str(len(self._ids)))
        return tr("Pick an event…")

    def _default_event(self) -> str | None:
        """The event most documents report (ties: the first by name)."""
        counts = getattr(self, "_event_counts", {})
        if not counts:
            return None
        return min(counts, key=lambda e: (-counts[e], e))

    def _event_chosen(self, index: int) -> None:
        event = self.event_box.itemData(index)
        if event:
            self.show_event(event)

    def show_event(self, event: str) -> None:
        """Compare the documents whose event is `event`."""
        self.event = event
        self._ids = [d.id for d in self._summaries() if d.meta.event == event]
        self.event_box.blockSignals(True)
        self.event_box.setCurrentIndex(max(0, self.event_box.findData(event)))
        self.event_box.setItemText(0, self._chosen_text())
        self.event_box.blockSignals(False)
        self.refresh()

    def show_documents(self, doc_ids: Iterable[int]) -> None:
        """Compare exactly these documents."""
        self.event = None
        self._ids = list(dict.fromkeys(doc_ids))
        self.event_box.blockSignals(True)
        self.event_box.setItemText(0, self._chosen_text())
        self.event_box.setCurrentIndex(0)
        self.event_box.blockSignals(False)
        self.refresh()

    def document_ids(self) -> list[int]:
        return [d.id for d in self.docs]

    def choose_documents(self) -> DocumentsDialog:
        """Open the checkable list of all documents; comparing starts when it is accepted."""
        dialog = DocumentsDialog(self._summaries(), self._ids, self)
        self.documents_dialog = dialog
        dialog.accepted.connect(lambda: self.show_documents(dialog.chosen()))
        dialog.open()
        return dialog

    # ------------------------------------------------------------------ loading

    def refresh(self) -> None:
        """Reload everything shown from the database (after changes made elsewhere, too)."""
        if self.event is not None:
            self._ids = [d.id for d in self._summaries() if d.meta.event == self.event]
        self._fill_events()
        docs = self.workspace.documents_with_claims(self._ids) if self._ids else []
        docs.sort(key=lambda d: (d.meta.published is None, d.meta.published or 0, d.external_id))
        self.docs = docs
        clusters = self.workspace.clusters(self._ids) if self._ids else []
        self.claims_delegate.clear_cache()
        self.row_header.reset_cache()
        self.claims_table.clearSpans()
        self.claims_model.set_data(docs, clusters)
        section = self.claims_model.section_row()
        if section >= 0 and len(docs) > 1:
            self.claims_table.setSpan(section, 0, 1, len(docs))
        self._fit_rows()
        self._claims_selection()

        self._refs = {
            (d.external_id, span_id(c, i)): (d, c) for d in docs for i, c in enumerate(d.claims)
        }
        self._names = {k: e.name for d in docs for k, e in d.registry.items()}
        self._cluster_of = {
            m.claim_id: cluster.label for cluster in clusters for m in cluster.members
        }
        outlets = list(dict.fromkeys(d.meta.outlet or d.external_id for d in docs))
        self.naming_delegate.clear_cache()
        self.naming_model.set_rows(naming_table(docs), outlets)
        self.naming_view.resizeRowsToContents()

        if len(docs) < 2:
            self.claims_hint.setText(
                tr("Pick an event or choose documents to compare: at least two are needed.")
            )
            self.claims_hint.show()
        else:
            self.claims_hint.hide()
        self._load_suggestions()
        self._update_summary()
        self._refresh_undo()

    def _fit_rows(self) -> None:
        self.claims_delegate.clear_cache()
        self.claims_table.resizeRowsToContents()

    def _load_suggestions(self) -> None:
        self._generation += 1
        generation = self._generation
        ids = [d.id for d in self.docs]
        if self.job is not None:
            self.job.cancel()
            self.job = None
        if len(ids) < 2:
            self._show_suggestions(generation, [])
            return
        n = sum(len(d.claims) for d in self.docs)
        if n <= self.SYNC_CLAIMS:
            self._show_suggestions(generation, self.workspace.suggestions(ids))
            return
        workspace = self.workspace

        def work(_progress, cancelled):
            found = workspace.suggestions(ids)
            return generation, (None if cancelled() else found)

        self.suggestions_status.setText(tr("Finding suggestions…"))
        self.suggestions_progress.show()
        job = workers.Job(work)
        job.signals.finished.connect(self._suggestions_finished)
        job.signals.failed.connect(self._suggestions_failed)
        self.job = job
        workers.start(job)

    def _suggestions_finished(self, result) -> None:
        generation, found = result
        if generation == self._generation and found is not None:
            self.job = None
            self.suggestions_progress.hide()
            self._show_suggestions(generation, found)

    def _suggestions_failed(self, message: str) -> None:
        self.job = None
        self.suggestions_progress.hide()
        self.suggestions_status.setText(message)

    def _show_suggestions(self, generation: int, found: list[Suggestion]) -> None:
        if generation != self._generation:
            return
        keep = self.suggestions_table.currentIndex().row()
        self.suggestions_delegate.clear_cache()
        self.suggestions_model.set_items(found, self._refs, self._cluster_of, self._names)
        self.suggestions_table.resizeRowsToContents()
        if found:
            self.select_suggestion(min(max(keep, 0), len(found) - 1))
            self.suggestions_status.setText(
                tr("{n} suggested pair(s), best first.").replace("{n}", str(len(found)))
            )
        else:
            self.label_edit.clear()
            self.suggestions_status.setText(
                tr("No suggestions: annotate claims in these documents, or all were handled.")
                if len(self.docs) > 1
                else tr("Pick an event or choose documents to compare: at least two are needed.")
            )
        self.accept_button.setEnabled(bool(found))
        self.reject_button.setEnabled(bool(found))
        n = len(found)
        self.tabs.setTabText(1, f"{tr('Suggestions')} ({n})" if n else tr("Suggestions"))
        self._update_summary()
        self.suggestionsReady.emit()

    def _update_summary(self) -> None:
        rows = self.claims_model.rows
        clusters = sum(r.kind == "cluster" for r in rows)
        conflicts = sum(bool(r.conflicts) for r in rows)
        loose = sum(len(cell) for r in rows if r.kind == "single" for cell in r.cells)
        parts = [
            tr("{n} document(s)").replace("{n}", str(len(self.docs))),
            tr("{n} cluster(s)").replace("{n}", str(clusters)),
            tr("{n} claim(s) in no cluster").replace("{n}", str(loose)),
            tr("{n} suggestion(s)").replace("{n}", str(len(self.suggestions_model.items))),
        ]
        if conflicts:
            parts.append(tr("{n} conflict(s)").replace("{n}", str(conflicts)))
        self.summary.setText(" · ".join(parts))

    # ------------------------------------------------------------------ claims tab

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
        block.setLayoutDirection(Qt.RightToLeft)
        block.setAlignment(Qt.AlignRight | Qt.AlignAbsolute)
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
        position = doc.documentLayout().hitTest(local, Qt.FuzzyHit)
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
        self._after(bool(claims))

    def remove_from_cluster(self, claims: list[CellClaim] | None = None) -> None:
        claims = [cc for cc in (claims or self.selected_claims()) if cc.relation is not None]
        for cc in claims:
            if self._run(lambda c=cc: self.workspace.move_to_cluster(c.claim.id, None)) is None:
                break
        self._after(bool(claims))

    def move_to_cluster(self, cc: CellClaim, cluster_id: int) -> None:
        self._run(lambda: self.workspace.move_to_cluster(cc.claim.id, cluster_id))
        self._after(True)

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
        self._after(True)

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
        self._after(True)

    def delete_cluster(self, cluster: ClaimCluster | None = None) -> None:
        if cluster is None:
            chosen = self.selected_clusters()
            if len(chosen) != 1:
                return
            cluster = chosen[0]
        self._run(lambda: self.workspace.delete_cluster(cluster.id))
        self._after(True)

    def merge_clusters(self) -> None:
        chosen = self.selected_clusters()
        if len(chosen) < 2:
            return
        keep = chosen[0]
        for other in chosen[1:]:
            if self._run(lambda o=other: self.workspace.merge_clusters(keep.id, o.id)) is None:
                break
        self._after(True)

    # ------------------------------------------------------------------ suggestions tab

    def select_suggestion(self, row: int) -> None:
        index = self.suggestions_model.index(row, 1)
        if index.isValid():
            # not QTableView.selectRow: with a right-to-left layout it may pick no column at all
            self.suggestions_table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows
            )
            self.suggestions_table.scrollTo(index)
            self._suggestion_current(index, QModelIndex())

    def current_suggestion(self) -> Suggestion | None:
        row = self.suggestions_table.currentIndex().row()
        items = self.suggestions_model.items
        return items[row] if 0 <= row < len(items) else None

    def _suggestion_current(self, current: QModelIndex, _previous) -> None:
        if current.isValid():
            s = self.suggestions_model.items[current.row()]
            self.label_edit.setText(default_label(s.a.text))

    def accept_suggestion(self, label: str | None = None) -> None:
        """Put the selected pair in one cluster, labelled `label` or the label field's text."""
        row = self.suggestions_table.currentIndex().row()
        pair = self.suggestions_model.claims(row)
        if pair is None:
            return
        (_, a), (_, b) = pair
        s = self.suggestions_model.items[row]
        label = (label if label is not None else self.label_edit.text()).strip()
        label = label or default_label(s.a.text)
        self._run(lambda: self.workspace.accept_suggestion(a.id, b.id, label))
        self._after(True)
        self.suggestions_table.setFocus()

    def reject_suggestion(self) -> None:
        row = self.suggestions_table.currentIndex().row()
        pair = self.suggestions_model.claims(row)
        if pair is None:
            return
        (_, a), (_, b) = pair
        self._run(lambda: self.workspace.reject_suggestion(a.id, b.id))
        self._after(True)
        self.suggestions_table.setFocus()

    # ------------------------------------------------------------------ undo and changes

    def undo(self) -> None:
        self._run(self.workspace.undo)
        self._after(True)

    def redo(self) -> None:
        self._run(self.workspace.redo)
        self._after(True)

    def _run(self, fn) -> Change | None:
        """Run one action; a refusal (MizanError) is shown, never raised into Qt."""
        try:
            change = fn()
        except MizanError as exc:
            QMessageBox.warning(self, tr("Mizan"), str(exc))
            return None
        if change is not None:
            self.changed.emit(change)
        return change

    def _after(self, did_something: bool) -> None:
        if did_something:
            self.refresh()

    def _refresh_undo(self) -> None:
        state = self.workspace.undo_state()
        self.undo_button.setEnabled(state.can_undo)
        self.redo_button.setEnabled(state.can_redo)
        self.act_undo.setEnabled(state.can_undo)
        self.act_redo.setEnabled(state.can_redo)
        self.undo_button.setToolTip(f"{tr('Undo')} {state.undo_text} (Ctrl+Z)".strip())
        self.redo_button.setToolTip(f"{tr('Redo')} {state.redo_text} (Ctrl+Shift+Z)".strip())

    def closeEvent(self, event) -> None:
        if self.job is not None:
            self.job.cancel()
        super().closeEvent(event)
