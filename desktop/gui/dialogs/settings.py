"""The settings dialog, built from the option list of `desktop.app.settings` (one editor per
option shown; adding an option there adds it here)."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFontComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.app.settings import HIDDEN, OPTIONS, Option, Preferences
from desktop.gui.fonts import reading_font
from desktop.gui.i18n import N_, tr

# the dialog's pages and the option labels (their source strings live in desktop.app.settings,
# where this layer's translation scanner does not look: listed here so they are translated)
PAGES = {"General": N_("General"), "Reading": N_("Reading")}
LABELS = (
    N_("Annotator name"),
    N_("Default database"),
    N_("Interface language"),
    N_("System language"),
    N_("English"),
    N_("Arabic"),
    N_("Theme"),
    N_("Light"),
    N_("Dark"),
    N_("Article font"),
    N_("Article font size"),
    N_("Snap selections to whole words"),
)
RESTART = {"annotator", "database/default"}


class PathEdit(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setLayoutDirection(Qt.LeftToRight)  # a path reads left to right in Arabic too
        self.edit.setPlaceholderText(tr("the file in the user data folder"))
        browse = QPushButton(tr("Choose…"))
        browse.clicked.connect(self._browse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(browse)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            tr("Default database"),
            self.edit.text(),
            tr("Mizan database (*.db);;All files (*)"),
            options=QFileDialog.DontConfirmOverwrite,
        )
        if path:
            self.edit.setText(path)


class SettingsDialog(QDialog):
    """One tab per page of the option list; OK stores what changed (see :attr:`changed`)."""

    def __init__(self, prefs: Preferences, parent=None):
        super().__init__(parent)
        self.prefs = prefs
        self.setWindowTitle(tr("Settings"))
        self.editors: dict[str, QWidget] = {}
        self.changed: set[str] = set()
        tabs = QTabWidget()
        forms: dict[str, QFormLayout] = {}
        for option in OPTIONS:
            if option.shown == HIDDEN:
                continue
            if option.shown not in forms:
                page = QWidget()
                forms[option.shown] = QFormLayout(page)
                tabs.addTab(page, tr(PAGES.get(option.shown, option.shown)))
            editor = self._editor(option)
            self.editors[option.name] = editor
            forms[option.shown].addRow(tr(option.label), editor)
        self.note = QLabel(
            tr("The annotator name and the default database apply at the next start.")
        )
        self.note.setObjectName("muted")
        self.note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.Ok | QDialogButtonBox.Cancel | QDialogButtonBox.RestoreDefaults
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.RestoreDefaults).clicked.connect(self.restore_defaults)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs, 1)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.tabs = tabs
        for option in OPTIONS:
            if option.name in self.editors:
                self._show(option, prefs.get(option.name))
        self.resize(560, 360)

    # ------------------------------------------------------------------ editors

    def _editor(self, option: Option) -> QWidget:
        kind = option.kind
        if kind is bool:
            return QCheckBox()
        if kind in (int, float):
            box = QDoubleSpinBox() if kind is float else QSpinBox()
            box.setLocale(QLocale.c())  # 15.0 as the sizes are written elsewhere, not ١٥٫٠
            if kind is float:
                box.setDecimals(1)
                box.setSingleStep(0.5)
            box.setRange(option.minimum or 0, option.maximum or 10**6)
            return box
        if kind == "choice":
            box = QComboBox()
            for value, label in option.choices:
                box.addItem(tr(label), value)
            return box
        if kind == "font":
            box = QFontComboBox()
            box.setWritingSystem(QFontDatabase.WritingSystem.Arabic)
            return box
        if kind == "path":
            return PathEdit()
        edit = QLineEdit()
        if option.name == "annotator":
            edit.setPlaceholderText(tr("your login name"))
        return edit

    def _show(self, option: Option, value) -> None:
        editor = self.editors[option.name]
        kind = option.kind
        if kind is bool:
            editor.setChecked(bool(value))
        elif kind in (int, float):
            editor.setValue(value)
        elif kind == "choice":
            editor.setCurrentIndex(max(0, editor.findData(value)))
        elif kind == "font":
            editor.setCurrentFont(reading_font(value or None, None))
        elif kind == "path":
            editor.edit.setText(value or "")
        else:
            editor.setText(value or "")

    def value(self, option: Option):
        editor = self.editors[option.name]
        kind = option.kind
        if kind is bool:
            return editor.isChecked()
        if kind in (int, float):
            return kind(editor.value())
        if kind == "choice":
            return editor.currentData()
        if kind == "font":
            family = editor.currentFont().family()
            return "" if family == reading_font(None, None).family() else family
        if kind == "path":
            return editor.edit.text().strip()
        return editor.text().strip()

    def restore_defaults(self) -> None:
        for option in OPTIONS:
            if option.name in self.editors:
                self._show(option, option.default)

    def accept(self) -> None:
        for option in OPTIONS:
            if option.name not in self.editors:
                continue
            value = self.value(option)
            if value != self.prefs.get(option.name):
                self.prefs.set(option.name, value)
                self.changed.add(option.name)
        super().accept()


def edit_settings(window) -> set[str]:
    """Edit ▸ Settings: show the dialog and apply what changed to the open window at once
    (reading font, snapping, theme, language); the others apply at the next start."""
    from PySide6.QtWidgets import QApplication

    from desktop.gui.theme import apply_theme

    dialog = SettingsDialog(window.prefs, window)
    window.settings_dialog = dialog
    if not dialog.exec():
        return set()
    prefs, changed = window.prefs, dialog.changed
    if changed & {"reading/family", "reading/size"}:
        window.view.set_reading_font(prefs.get("reading/family") or None, prefs.get("reading/size"))
    if "editing/snap" in changed:
        window.act_snap.setChecked(prefs.get("editing/snap"))
    if "ui/theme" in changed:
        apply_theme(QApplication.instance(), prefs.get("ui/theme"))
    if "ui/language" in changed and prefs.get("ui/language"):
        window.set_ui_language(prefs.get("ui/language"))
    return changed
