"""Screens in a 1024×640 window: the agreement view reaches every label's bar and keeps its
figures in order in Arabic; the number fields (export seed, reading size, offsets) are written
in 0-9 as every other number in the Arabic interface."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from desktop.gui.i18n import FSI, PDI, set_language
from desktop.gui.main import parse_size, render_view
from desktop.gui.stats.chart import BAR
from tests.gui.test_teams import team  # noqa: F401  (the fixture: two annotators on a document)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_agreement_chart_reaches_every_label_at_1024x640(qtbot, team, language):  # noqa: F811
    window, badr, did = team
    text = window.doc.text
    words, at = [], 0
    for word in text.split()[:120]:  # long words, each labelled alike by both annotators
        at = text.index(word, at)
        if len(word) > 3:
            words.append((at, at + len(word)))
        at += len(word)
    keys = [lb.key for lb in window.labels.labels]
    for (start, end), key in zip(words[2:], keys, strict=False):
        for ws in (window.workspace, badr):
            ws.create_mention(did, start, end, key)
    if language == "ar":
        window.set_ui_language("ar")
    try:
        render_view(window, "agreement", parse_size("1024x640"))
        view = window.agreement_view
        qtbot.addWidget(view)
        view.show()
        QApplication.processEvents()
        area, chart = view.chart_area, view.chart
        rows = len(chart.breakdown.rows)
        assert rows >= 18
        # the chart is as tall as all its bars; what the dialog cannot show scrolls into view
        assert chart.height() >= rows * BAR
        assert chart.height() >= chart.sizeHint().height()
        bar = area.verticalScrollBar()
        assert area.viewport().height() < chart.height()
        assert bar.maximum() == chart.height() - area.viewport().height()
        assert view.table.viewport().height() >= 3 * view.table.rowHeight(0)
        if language == "ar":  # κ and α each keep "name value" in a right-to-left line
            summary = view.summary.text()
            assert f"{FSI}κ " in summary and f"{FSI}α " in summary
            assert summary.count(PDI) >= 3
        view.close()
    finally:
        set_language(QApplication.instance(), "en")


def test_numbers_in_fields_are_written_in_0_9_in_arabic(qtbot, seeded_window):
    """The export seed read "٠" (a dot to most eyes) while every other number in the Arabic
    interface is written 0-9; the reading size read "١٥٫٠"."""
    from PySide6.QtWidgets import QDoubleSpinBox

    from desktop.gui.dialogs.export import ExportDialog
    from desktop.gui.dialogs.settings import SettingsDialog

    window = seeded_window
    window.set_ui_language("ar")
    try:
        export = ExportDialog(window.workspace, window)
        qtbot.addWidget(export)
        assert export.seed.text() == "0"
        settings = SettingsDialog(window.prefs, window)
        qtbot.addWidget(settings)
        sizes = [b.text() for b in settings.findChildren(QDoubleSpinBox)]
        assert sizes and all(t.replace(".", "").isascii() for t in sizes), sizes
        assert "15.0" in sizes
    finally:
        set_language(QApplication.instance(), "en")
