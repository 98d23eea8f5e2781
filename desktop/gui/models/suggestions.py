"""Suggested same-proposition pairs of the Compare window, best first, with their evidence."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor

from desktop.compare import Suggestion, extract_quantities
from desktop.compare.grid import speaker_of
from desktop.core.model import Claim, Document
from desktop.core.speakers import one_line
from desktop.gui.i18n import N_, isolate, tr
from desktop.gui.models.base import ROOT
from desktop.gui.models.cells import CELL_KIND_ROLE, SPEC_ROLE, Para, Run, text_runs
from desktop.gui.names import QUOTE_TYPES, speaker_text


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

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(self.COLUMNS[section])
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def claims(self, row: int) -> tuple[tuple[Document, Claim], tuple[Document, Claim]] | None:
        if not 0 <= row < len(self.items):
            return None
        s = self.items[row]
        a, b = self.refs.get((s.a.document, s.a.claim)), self.refs.get((s.b.document, s.b.claim))
        return (a, b) if a and b else None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        s = self.items[index.row()]
        col = index.column()
        if role == CELL_KIND_ROLE:
            return "claims"
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return f"{s.score:.2f}"
            if col in (1, 2):
                ref = s.a if col == 1 else s.b
                return one_line(ref.text)
            return "\n".join("".join(t for t, _ in runs) for _, _, runs in self._evidence(s))
        if role == SPEC_ROLE:
            if col == 0:
                return [("ui", "center", [(f"{s.score:.2f}", "score")])]
            if col in (1, 2):
                return self._claim_spec(s, col == 1)
            return self._evidence(s)
        if role == Qt.ItemDataRole.BackgroundRole:
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
            who = speaker_text(speaker_of(doc, claim), outlet=False)
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
