"""Annotate all occurrences: where to look for the other occurrences of a mention."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
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
        explain.setObjectName("muted")
        self.explain = explain
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(tr("Find"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(tr("Text"), self.query)
        form.addRow(tr("Where"), self.this_document)
        form.addRow("", self.corpus)
        form.addRow("", self.clitics)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(explain)  # the whole width, all its lines: the dialog grows to fit
        layout.addStretch(1)
        layout.addWidget(buttons)
        layout.setSizeConstraint(QLayout.SetMinimumSize)
        self.setMinimumWidth(480)
