"""Who is working: the chooser, switching from the window (remembered in the settings), and
the toggle that shows the other annotators' layers read-only."""

from __future__ import annotations

import os
from dataclasses import replace

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QVBoxLayout,
)

from desktop.app.annotators import check_name
from desktop.app.settings import ENV_ANNOTATOR, resolve_annotator
from desktop.core.changes import Change, ChangeKind
from desktop.core.errors import MizanError
from desktop.gui.i18n import tr


class AnnotatorDialog(QDialog):
    """Pick a known annotator or type a new name."""

    def __init__(self, workspace, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Switch annotator"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Who is annotating? Each annotator has their own layer.")))
        self.names = QComboBox()
        self.names.setEditable(True)
        for a in workspace.annotators():
            self.names.addItem(
                f"{a.name} — {a.mentions} {tr('mentions')}, {a.claims} {tr('claims')}", a.name
            )
        self.names.setCurrentIndex(max(0, self.names.findData(workspace.annotator)))
        self.names.setEditText(workspace.annotator)
        layout.addWidget(self.names)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def name(self) -> str:
        index = self.names.currentIndex()
        typed = self.names.currentText().strip()
        if index >= 0 and typed == self.names.itemText(index):
            return self.names.itemData(index)
        return typed


def first_annotator(prefs, parent=None) -> str | None:
    """On a first start (no annotator remembered, none in $MIZAN_ANNOTATOR) ask who is
    annotating, prefilled with the login name, and remember the answer. None when there was
    nothing to ask or the user cancelled (the login name is used and asked again next time)."""
    if prefs.get("annotator") or os.environ.get(ENV_ANNOTATOR):
        return None
    typed, ok = QInputDialog.getText(
        parent,
        tr("Who is annotating?"),
        tr("Who is annotating? Each annotator has their own layer."),
        text=resolve_annotator(None),
    )
    if not ok:
        return None
    try:
        name = check_name(typed)
    except MizanError:
        return None
    prefs.set("annotator", name)
    return name


def switch_annotator(window, name: str) -> bool:
    """Work as `name`: the open document, the corpus statuses and undo follow; remembered."""
    ws = window.workspace
    doc = window.doc
    docs = frozenset({doc.id}) if doc is not None else frozenset()
    result = window.hub.run(lambda: replace(ws.switch_annotator(name), document_ids=docs), window)
    if result is None:
        return False
    window.status_annotator.setText(f"{tr('Annotator')}: {ws.annotator}")
    window.prefs.set("annotator", ws.annotator)
    return True


def choose_annotator(window) -> None:
    dialog = AnnotatorDialog(window.workspace, window)
    if dialog.exec() == QDialog.Accepted and dialog.name() != window.workspace.annotator:
        switch_annotator(window, dialog.name())


def show_other_layers(window, on: bool) -> None:
    """Show (read-only) or hide the other annotators' spans in the open document."""
    window.workspace.show_other_layers = on
    doc = window.doc
    if doc is not None:  # the window reloads the document as after any change of its layers
        kinds = frozenset({ChangeKind.MENTION, ChangeKind.CLAIM, ChangeKind.META})
        what = "show other annotators" if on else "hide other annotators"
        window.hub.publish(Change(what, kinds=kinds, document_ids=frozenset({doc.id})))
