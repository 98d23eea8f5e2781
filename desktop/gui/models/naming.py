"""The naming table of the Compare window: the forms each outlet used for a registry entity."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor

from desktop.compare import NamingRow
from desktop.gui.models.base import ROOT
from desktop.gui.models.cells import CELL_KIND_ROLE, SPEC_ROLE, Run


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

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.outlets[section] if section < len(self.outlets) else None
        if section < len(self.rows):
            row = self.rows[section]
            return f"{row.name}\n×{row.total}"  # the entity's name, never its registry key
        return None

    def forms(self, index: QModelIndex) -> list[tuple[str, int]]:
        row = self.rows[index.row()]
        return row.by_outlet.get(self.outlets[index.column()], [])

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        forms = self.forms(index)
        if role == CELL_KIND_ROLE:
            return "claims" if forms else "empty"
        if role == Qt.ItemDataRole.DisplayRole:
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
        if role == Qt.ItemDataRole.BackgroundRole:
            return QColor("#ffffff") if forms else QColor("#f4f4f4")
        return None
