"""Link a mention to a registry entity: pick one (folded search) or create one."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from desktop.core.model import LabelSet, RegistryEntity
from desktop.gui.i18n import tr


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
