"""The corpus list: one row per document."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from desktop.core.model import Document, DocumentSummary, MentionStatus
from desktop.gui.i18n import N_, tr
from desktop.gui.models.base import ID_ROLE, RowsModel, swatch
from desktop.gui.names import STATUS_COLOR, STATUS_TEXT

# Roles and alignment looked up once: PySide resolves a short name such as `Qt.DisplayRole` by
# searching the Qt namespace's enums, up to ~20 µs a time, and data() runs for every cell,
# role and paint (a corpus of 10,000 documents spent over a second in it at start-up)
DISPLAY, DECORATION, TOOLTIP, ALIGNMENT = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.DecorationRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.TextAlignmentRole,
)
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class CorpusModel(RowsModel):
    """The corpus list: title, outlet, date, progress (status colour + mentions)."""

    COLUMNS = (N_("Title"), N_("Outlet"), N_("Date"), N_("Progress"))

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[DocumentSummary] = []
        self._icons = {s: swatch(c, 10) for s, c in STATUS_COLOR.items()}
        self._counted: tuple = ((), (0, 0))  # the last mentions counted, and their counts

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        doc = self.rows[index.row()]
        col = index.column()
        if role == DISPLAY:
            if col == 0:
                return doc.meta.title or doc.external_id
            if col == 1:
                return doc.meta.outlet or doc.meta.original_source or "—"
            if col == 2:
                return doc.meta.published.isoformat() if doc.meta.published else "—"
            if col == 3:  # reviewed mentions, and the suggestions still to review
                if doc.suggestions:
                    return f"{doc.mentions} + {doc.suggestions}?"
                return str(doc.mentions)
        if role == DECORATION and col == 3:
            return self._icons[doc.status]
        if role == TOOLTIP:
            meta = doc.meta
            lines = [meta.title or doc.external_id, doc.external_id, tr(STATUS_TEXT[doc.status])]
            if meta.outlet:
                lines.append(f"{tr('Outlet')}: {meta.outlet}")
            if meta.original_source:
                lines.append(f"{tr('Original source')}: {meta.original_source}")
            if meta.event:
                lines.append(f"{tr('Event')}: {meta.event}")
            lines.append(
                f"{tr('Mentions')}: {doc.mentions} · {tr('Claims')}: {doc.claims} · "
                f"{doc.length:,} {tr('characters')}"
            )
            if doc.suggestions:
                lines.append(f"{tr('Suggestions to review')}: {doc.suggestions}")
            return "\n".join(lines)
        if role == ALIGNMENT and col == 0:
            return RIGHT if doc.meta.language == "ar" else None
        if role == ID_ROLE:
            return doc.id
        return None

    def update_counts(self, doc: Document) -> None:
        row = self.row_of(doc.id)
        if row < 0:
            return
        mentions, pending = self.mention_counts(doc)
        self.rows[row] = replace(
            self.rows[row], mentions=mentions, claims=len(doc.claims), suggestions=pending
        )
        self.dataChanged.emit(self.index(row, 3), self.index(row, 3), [Qt.ItemDataRole.DisplayRole])

    def mention_counts(self, doc: Document) -> tuple[int, int]:
        """(reviewed mentions, pending suggestions) of `doc`. The status bar and the corpus row
        both show them after each edit of an article that may hold 50,000 mentions: the last
        answer is kept, so they are counted once per edit."""
        if self._counted[0] is not doc.mentions:
            statuses = [m.status for m in doc.mentions]  # one pass, then counts in C
            reviewed = statuses.count(MentionStatus.MANUAL) + statuses.count(MentionStatus.ACCEPTED)
            self._counted = (doc.mentions, (reviewed, statuses.count(MentionStatus.SUGGESTED)))
        return self._counted[1]

    def count_edit(self, old: tuple, new: tuple, taken_out, put_in) -> None:
        """`new` is the mentions `old` less `taken_out` plus `put_in` (an edit): its counts come
        from those of `old` when they were the last counted, without a pass over all of them."""
        if self._counted[0] is not old:
            return
        reviewed, pending = self._counted[1]
        for sign, mentions in ((-1, taken_out), (1, put_in)):
            for m in mentions:
                if m.status is MentionStatus.MANUAL or m.status is MentionStatus.ACCEPTED:
                    reviewed += sign
                elif m.status is MentionStatus.SUGGESTED:
                    pending += sign
        self._counted = (new, (reviewed, pending))

    def row_of(self, doc_id: int) -> int:
        for i, doc in enumerate(self.rows):
            if doc.id == doc_id:
                return i
        return -1
