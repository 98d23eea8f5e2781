"""Working as a team: who is annotating (switch, status bar), the other annotators' layers,
the agreement view, the curation window, and live refresh from other writers.

`install_teams(window)` adds all of it to the main window; it runs again when the window
rebuilds its menus for another interface language.
"""

from __future__ import annotations

from PySide6.QtGui import QAction

from desktop.gui.i18n import tr
from desktop.gui.teams.annotators import choose_annotator, show_other_layers
from desktop.gui.teams.live import LiveRefresh

__all__ = ["install_teams", "open_agreement", "open_curation"]


def _menu_with(window, action):
    for entry in window.menuBar().actions():
        menu = entry.menu()
        if menu is not None and action in menu.actions():
            return menu
    return None


def install_teams(window) -> None:
    ws = window.workspace
    if getattr(window, "live_refresh", None) is None:
        ws.show_other_layers = False  # each annotator sees their own layer until asked
        window.live_refresh = LiveRefresh(ws, window.hub, window)
        window.curation_windows = {}
    window.act_annotator = QAction(tr("Switch annotator…"), window)
    window.act_annotator.triggered.connect(lambda: choose_annotator(window))
    window.act_layers = QAction(tr("Show other annotators' layers"), window, checkable=True)
    window.act_layers.setChecked(ws.show_other_layers)
    window.act_layers.toggled.connect(lambda on: show_other_layers(window, on))
    window.act_agreement = QAction(tr("Agreement…"), window)
    window.act_agreement.triggered.connect(lambda: open_agreement(window))
    window.act_curation = QAction(tr("Curate this document…"), window)
    window.act_curation.triggered.connect(
        lambda: open_curation(window, window.doc.id) if window.doc is not None else None
    )
    tools = _menu_with(window, window.act_compare)
    if tools is not None:
        tools.addSeparator()
        tools.addActions([window.act_agreement, window.act_curation])
    view = _menu_with(window, window.act_zoom_in)
    if view is not None:
        view.addSeparator()
        view.addAction(window.act_layers)
    edit = _menu_with(window, window.act_undo)
    if edit is not None:
        edit.addSeparator()
        edit.addAction(window.act_annotator)
    label = getattr(window, "status_annotator", None)
    if label is not None:
        label.setToolTip(tr("Switch annotator…"))


def open_agreement(window):
    from desktop.gui.teams.agreement_view import AgreementView

    view = AgreementView(window.workspace, window, window.labels)
    view.documentChosen.connect(lambda doc_id: open_curation(window, doc_id))
    view.show()
    window.agreement_view = view
    return view


def open_curation(window, doc_id: int):
    from desktop.gui.teams.curation_window import CurationWindow

    found = window.curation_windows.get(doc_id)
    if found is None:
        found = window.curation_windows[doc_id] = CurationWindow(window, doc_id)
    found.show()
    found.raise_()
    found.refresh()
    return found
