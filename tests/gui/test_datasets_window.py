"""Export dialog and corpus-wide claims list, driven through the window."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QTimer


@pytest.fixture
def window(annotated_window):
    return annotated_window


def test_export_dialog_previews_counts_and_exports_off_the_gui_thread(qtbot, window, tmp_path):
    out = tmp_path / "claims.csv"

    def drive():
        dialog = window.export_dialog
        dialog.format.setCurrentIndex(dialog.format.findData("claims-csv"))
        dialog.event.setCurrentIndex(
            dialog.event.findData("Putin-Assad summit, Moscow, 15 March 2023")
        )
        assert dialog.preview.text().startswith("2 documents")
        dialog.path.setText(str(out))
        dialog.start()
        assert dialog.progress.isVisible()

    QTimer.singleShot(50, drive)
    window.export_dialog = None
    window.export_dataset()
    rows = out.read_text(encoding="utf-8-sig").splitlines()
    assert len(rows) == 1 + 11  # header + the claims of 000 and 002
    assert "Exported" in window.statusBar().currentMessage()


def test_export_dialog_rejects_a_bad_split_without_writing(qtbot, window, tmp_path):
    from desktop.gui.dialogs.export import ExportDialog

    dialog = ExportDialog(window.workspace, window)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(tmp_path / "x.jsonl"))
    dialog.split.setText("90/10")
    dialog.start()
    assert "--split" in dialog.error.text() or "80/10/10" in dialog.error.text()
    assert not (tmp_path / "x.jsonl").exists()
    dialog.split.setText("")
    dialog.start()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=20_000)
    records = [
        json.loads(x) for x in (tmp_path / "x.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert len(records) == 3


def test_claims_list_filters_and_opens_a_claim_in_its_article(qtbot, window):
    window.left_tabs.setCurrentIndex(1)
    panel = window.claims_panel
    assert panel.model.rowCount() == 14
    panel.speaker.setCurrentIndex(panel.speaker.findData("putin"))
    speakers = {r.speaker for r in panel.model.rows}
    assert speakers == {"فلاديمير بوتين"} and panel.model.rowCount() == 3
    panel.speaker.setCurrentIndex(0)
    panel.quote_type.setCurrentIndex(panel.quote_type.findData("outlet_assertion"))
    assert {r.quote_type for r in panel.model.rows} == {"outlet_assertion"}
    row = panel.model.rows[0]
    panel.table.doubleClicked.emit(panel.model.index(0, 1))
    assert window.doc.id == row.document_id
    assert window.selected_mention == ("claim", row.id)
    assert window.panel.claim_list.currentItem().data(0x0100) == row.id


def test_export_path_reads_left_to_right_in_the_arabic_interface(qtbot, window):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from desktop.gui.dialogs.export import ExportDialog
    from desktop.gui.i18n import set_language

    set_language(QApplication.instance(), "ar")
    try:
        dialog = ExportDialog(window.workspace, window)
        qtbot.addWidget(dialog)
        assert dialog.layoutDirection() == Qt.RightToLeft
        assert dialog.path.layoutDirection() == Qt.LeftToRight  # "/home/…" keeps its slash first
        assert dialog.path.text().startswith("/")
    finally:
        set_language(QApplication.instance(), "en")
