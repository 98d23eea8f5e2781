"""Search in the corpus list shows every matching document, and says when the other filters hide
some of the matches (it never stops at a fixed number without saying so)."""

from __future__ import annotations

import json

import pytest

from desktop.app.project import Project
from desktop.app.workspace import Workspace
from desktop.gui.annotate.corpus_panel import CorpusPanel

MANY = 1100  # more than the 1,000 the list used to stop at


@pytest.fixture
def panel(qtbot, tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as out:
        for i in range(MANY + 20):
            subject = "بوتين" if i < MANY else "الأسد"
            record = {
                "id": f"n{i}",
                "text": f"خبر رقم {i} عن {subject} وزيارته",
                "meta": {"outlet": "وكالة أ" if i % 2 else "وكالة ب"},
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    project = Project.open(str(tmp_path / "mizan.db"), "tester")
    project.import_paths([corpus])
    panel = CorpusPanel(Workspace(project))
    qtbot.addWidget(panel)
    yield panel
    project.close()


def test_every_match_is_listed_past_a_thousand(panel):
    panel.search.setText("بُوتين")
    panel.refresh()
    assert len(panel.ids()) == MANY
    assert panel.count.text() == f"{MANY} document(s)"
    panel.search.setText("الاسد")  # few matches: listed the same way
    panel.refresh()
    assert len(panel.ids()) == 20 and panel.count.text() == "20 document(s)"


def test_the_count_says_when_other_filters_hide_matches(panel):
    panel.outlet_box.setCurrentIndex(panel.outlet_box.findData("وكالة أ"))
    panel.search.setText("بوتين")
    panel.refresh()
    shown = panel.ids()
    assert len(shown) == MANY // 2
    assert panel.count.text() == f"{MANY // 2} of {MANY} matching documents"
    outlets = {row.meta.outlet for row in panel.model.rows}
    assert outlets == {"وكالة أ"}
    panel.search.setText("الاسد")
    panel.refresh()
    assert panel.count.text() == "10 of 20 matching documents"
