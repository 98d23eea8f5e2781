"""Opening a long article runs no garbage collection while it loads, leaves the collector on,
and what it loaded is kept out of later collections (desktop/gui/article/gc_pause.py)."""

from __future__ import annotations

import gc

from tests.gui.test_big_article import N_MENTIONS, big_db
from tests.gui.test_main_window import make_window


def test_opening_a_long_article_pauses_the_collector_and_freezes_what_it_loaded(
    qtbot, db_path, tmp_path, settings
):
    big_db(db_path, tmp_path)
    window = make_window(qtbot, db_path, settings, annotator="tester")
    runs: list[int] = []

    def count(phase, info):
        if phase == "start":
            runs.append(info["generation"])

    gc.callbacks.append(count)
    try:
        window.open_first_document()
    finally:
        gc.callbacks.remove(count)
        frozen = gc.get_freeze_count()
        gc.unfreeze()  # the other tests run with an ordinary collector
    assert len(window.doc.mentions) == N_MENTIONS
    assert runs == []  # thousands of objects made, not one collection
    assert gc.isenabled()
    assert frozen > 10 * N_MENTIONS
