"""Annotate all occurrences: where to look for the other occurrences of a mention."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
)

from desktop.gui.i18n import tr


class OccurrencesDialog(QDialog):
    """Where to look for the other occurrences of a mention."""

    def __init__(self, surface: str, label: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Annotate all occurrences"))
        self.query = QLineEdit(surface)
        self.this_document = QRadioButton(tr("This document"))
        self.corpus = QRadioButton(tr("The whole corpus"))
        self.this_document.setChecked(True)
        self.clitics = QCheckBox(tr("Also with attached و ف ب ك ل (e.g. وبوتين)"))
        self.clitics.setChecked(True)
        explain = QLabel(
            tr(
                "Matches ignore diacritics, tatweel, hamza forms of alef, ى/ي and ة/ه. "
                "Each match becomes a suggestion labelled {label} for you to accept or reject."
            ).replace("{label}", label)
        )
        explain.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(tr("Find"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QFormLayout(self)
        layout.addRow(tr("Text"), self.query)
        layout.addRow(tr("Where"), self.this_document)
        layout.addRow("", self.corpus)
        layout.addRow("", self.clitics)
        layout.addRow(explain)
        layout.addRow(buttons)
        self.resize(460, 240)
