"""After each edit the status bar and the document's corpus row show the same, current counts
(they share one count of the document's mentions)."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt

from tests.gui.test_main_window import press, select_with_cursor, window  # noqa: F401


def _shown(w) -> tuple[int, int]:
    bar = int(re.search(r"Mentions: (\d+)", w.status_counts.text()).group(1))
    model = w.corpus.model
    row = int(model.index(model.row_of(w.doc.id), 3).data().split()[0])
    return bar, row


def test_a_label_key_and_its_deletion_update_both_counts(qtbot, window):  # noqa: F811
    window.open_first_document()
    before = len(window.doc.mentions)
    assert _shown(window) == (before, before)
    taken = {(m.start, m.end) for m in window.doc.mentions}
    start, end = next(
        m.span() for m in re.finditer(r"\w{3,}", window.doc.text) if m.span() not in taken
    )
    select_with_cursor(window.view, start, end)
    press(qtbot, window, Qt.Key_P)
    assert _shown(window) == (before + 1, before + 1)
    press(qtbot, window, Qt.Key_Delete)
    assert _shown(window) == (before, before)
