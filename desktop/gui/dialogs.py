"""Dialogs: link a mention to a registry entity, annotate all occurrences, keyboard help."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop.core.model import LabelSet, RegistryEntity
from desktop.gui.i18n import N_, tr


class EntityDialog(QDialog):
    """Pick a registry entity (folded search over names and aliases) or create one."""

    def __init__(self, workspace, surface: str, label: str, labels: LabelSet, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Link to registry entity"))
        self.workspace = workspace
        self.chosen: str | None = None  # an existing entity key
        self.new_entity: tuple[str, str, list[str]] | None = None  # name, type, aliases

        self.search = QLineEdit(surface)
        self.search.setPlaceholderText(tr("Search names and aliases…"))
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setLayoutDirection(Qt.RightToLeft)
        self.results.itemDoubleClicked.connect(lambda _item: self._pick())

        pick_box = QGroupBox(tr("Existing entity"))
        pick_layout = QVBoxLayout(pick_box)
        pick_layout.addWidget(self.search)
        pick_layout.addWidget(self.results)
        self.link_button = QPushButton(tr("Link"))
        self.link_button.clicked.connect(self._pick)
        pick_layout.addWidget(self.link_button, alignment=Qt.AlignRight)

        new_box = QGroupBox(tr("New entity from this mention"))
        form = QFormLayout(new_box)
        self.name = QLineEdit(surface)
        self.type = QComboBox()
        for lb in labels.labels:
            self.type.addItem(f"{lb.key} · {lb.name_en}", lb.key)
        self.type.setCurrentIndex(max(0, self.type.findData(label)))
        self.aliases = QLineEdit()
        self.aliases.setPlaceholderText(tr("other spellings, separated by ؛ or ;"))
        form.addRow(tr("Canonical name"), self.name)
        form.addRow(tr("Type"), self.type)
        form.addRow(tr("Aliases"), self.aliases)
        self.create_button = QPushButton(tr("Create and link"))
        self.create_button.clicked.connect(self._create)
        form.addRow(self.create_button)

        buttons = QDialogButtonBox(QDialogButtonBox.Cancel)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(pick_box, 3)
        row.addWidget(new_box, 2)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(720, 380)

        self._timer = QTimer(self, singleShot=True, interval=120)
        self._timer.timeout.connect(self._refresh)
        self.search.textChanged.connect(self._timer.start)
        self._refresh()

    def _refresh(self) -> None:
        self.results.clear()
        found: list[RegistryEntity] = self.workspace.entities(self.search.text())
        for entity in found:
            aliases = "، ".join(a for a in entity.aliases[:4])
            item = QListWidgetItem(
                f"{entity.name}  ({entity.type or '—'})" + (f" — {aliases}" if aliases else "")
            )
            item.setData(Qt.UserRole, entity.key)
            self.results.addItem(item)
        if found:
            self.results.setCurrentRow(0)
        self.link_button.setEnabled(bool(found))

    def _pick(self) -> None:
        item = self.results.currentItem()
        if item is not None:
            self.chosen = item.data(Qt.UserRole)
            self.accept()

    def _create(self) -> None:
        name = self.name.text().strip()
        if not name:
            self.name.setFocus()
            return
        aliases = [a.strip() for a in self.aliases.text().replace("؛", ";").split(";") if a.strip()]
        self.new_entity = (name, self.type.currentData(), aliases)
        self.accept()


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


SHORTCUTS = [
    (N_("Label the selection / relabel the selected mention"), N_("label keys (see palette)")),
    (N_("Exact characters instead of whole words"), N_("hold Alt while selecting")),
    (N_("Delete the selected annotation"), N_("Del")),
    (N_("Undo / redo"), N_("Ctrl+Z / Ctrl+Shift+Z")),
    (N_("Next / previous annotation"), N_("F8 / Shift+F8")),
    (N_("Next / previous document"), N_("Ctrl+PgDown / Ctrl+PgUp")),
    (N_("Link the mention to a registry entity"), N_("Ctrl+L")),
    (N_("Annotate all occurrences"), N_("Ctrl+Shift+A")),
    (N_("Accept / reject the selected suggestion"), N_("Ctrl+Return / Ctrl+Backspace")),
    (N_("Mark the document done"), N_("Ctrl+D")),
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
        rows = [(tr(a), tr(k)) for a, k in SHORTCUTS]
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
