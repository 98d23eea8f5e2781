"""The keyboard help."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop.core.model import LabelSet
from desktop.gui.i18n import N_, tr

SHORTCUTS = [
    (N_("Label the selection / relabel the selected mention"), N_("label keys (see palette)")),
    (
        N_("Exact characters instead of whole words"),
        N_("hold Ctrl while dragging (or Alt), or toggle Ctrl+Shift+X"),
    ),
    (N_("New claim from the selected content"), "S"),
    (N_("Edit the selected claim"), N_("Enter in the Claims tab")),
    (N_("Delete the selected annotation"), N_("Del")),
    (N_("Set its boundaries to the text selection"), N_("Ctrl+B")),
    (N_("Undo / redo"), N_("Ctrl+Z / Ctrl+Shift+Z")),
    (N_("Next / previous annotation"), N_("F8 / Shift+F8")),
    (N_("Next / previous document"), N_("Ctrl+PgDown / Ctrl+PgUp")),
    (N_("Link the mention to a registry entity"), N_("Ctrl+L")),
    (N_("Annotate all occurrences"), N_("Ctrl+Shift+A")),
    (N_("Accept / reject the selected suggestion"), N_("Ctrl+Return / Ctrl+Backspace")),
    (
        N_("In the mention list: accept / reject / next suggestion"),
        N_("A / R / N (when a suggestion is selected)"),
    ),
    (N_("Mark the document done"), N_("Ctrl+D")),
    (N_("Compare outlets"), N_("Ctrl+K")),
    (N_("Export dataset"), N_("Ctrl+E")),
    (N_("Search the corpus"), N_("Ctrl+F")),
    (N_("Zoom in / out / reset"), N_("Ctrl++ / Ctrl+- / Ctrl+0")),
    (N_("Import articles"), N_("Ctrl+I")),
    (N_("Open another database"), N_("Ctrl+O")),
    (N_("This help"), N_("F1")),
]


class ShortcutsDialog(QDialog):
    def __init__(self, labels: LabelSet, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Keyboard shortcuts"))
        rows = [(tr(a), tr(k)) for a, k in SHORTCUTS]  # keys like "S" need no translation
        rows += [
            (f"{lb.key} · {lb.name_en} · {lb.name_ar}", lb.shortcut or "") for lb in labels.labels
        ]
        table = QTableWidget(len(rows), 2)
        table.setHorizontalHeaderLabels([tr("Action"), tr("Keys")])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.NoEditTriggers)
        for r, (action, keys) in enumerate(rows):
            table.setItem(r, 0, QTableWidgetItem(action))
            table.setItem(r, 1, QTableWidgetItem(keys))
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.table = table
        self.resize(620, 640)
