"""The corpus-wide claims list: one row per claim, with speaker, outlet and date."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.core.model import ClaimRow
from desktop.gui.i18n import N_, tr
from desktop.gui.models.base import RowsModel
from desktop.gui.names import QUOTE_TYPES


class CorpusClaimsModel(RowsModel):
    COLUMNS = (N_("Speaker"), N_("Claim"), N_("Type"), N_("Outlet"), N_("Date"))
    rows: list[ClaimRow]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return tr(row.speaker) if row.speaker.startswith("(") else row.speaker or "—"
            if col == 1:
                text = " ".join(row.text.split())
                return text if len(text) <= 90 else text[:89] + "…"
            if col == 2:
                return tr(QUOTE_TYPES[row.quote_type])
            if col == 3:
                return row.outlet or row.document
            if col == 4:
                return row.published.isoformat() if row.published else "—"
        if role == Qt.ItemDataRole.ToolTipRole:
            topics = ", ".join(row.topics)
            return " ".join(row.text.split()) + (f"\n[{topics}]" if topics else "")
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (0, 1):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
