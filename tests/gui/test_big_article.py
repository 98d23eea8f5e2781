"""A long article with many mentions: the mention tree makes its rows as they are needed, an edit
reads back only its own rows, and the span index is updated in place (docs/benchmarks.md)."""

from __future__ import annotations

import json
import re

from PySide6.QtCore import Qt

from desktop.app.project import Project
from desktop.core.model import MentionStatus
from desktop.gui.article.span_index import SpanIndex, ViewSpan, block_starts
from desktop.gui.models.mention_tree import CHUNK, KEY_ROLE
from tests.gui.test_live_updates import Calls, highlighted_text, painted_background
from tests.gui.test_main_window import make_window, press, select_with_cursor, stored_mentions
from tests.support.corpus import big_article_record

N_MENTIONS = 20 * CHUNK


def big_db(db_path, tmp_path):
    record = big_article_record(150_000, N_MENTIONS)
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    project = Project.open(str(db_path), "tester")
    project.import_paths([path])
    project.close()
    return record


def test_a_big_article_lists_every_mention_and_a_label_key_reads_only_its_row(
    qtbot, db_path, tmp_path, settings, monkeypatch
):
    record = big_db(db_path, tmp_path)
    window = make_window(qtbot, db_path, settings, annotator="tester")
    window.open_first_document()
    doc, tree, view = window.doc, window.panel.tree_model, window.view
    assert len(doc.mentions) == N_MENTIONS
    titles = [tree.item(r).text() for r in range(tree.rowCount())]
    counts = [int(re.search(r"\((\d+)\)$", t).group(1)) for t in titles]
    assert sum(counts) == N_MENTIONS  # every mention counted in its group's title
    made = sum(tree.item(r).rowCount() for r in range(tree.rowCount()))
    assert made < N_MENTIONS  # rows of long groups are made later
    last = max(doc.mentions, key=lambda m: m.start)
    index = tree.index_of(last.id)  # a row not made yet is made when asked for
    assert index.isValid() and tree.itemFromIndex(index.parent()).data(KEY_ROLE) == last.label

    reads = Calls(monkeypatch, window.workspace, "document")
    words = [m.span() for m in re.finditer(r"\w+", doc.text[:3000])]
    taken = {(m.start, m.end) for m in doc.mentions}
    start, end = next(w for w in words if w not in taken)
    select_with_cursor(view, start, end)
    press(qtbot, window, Qt.Key_P)
    assert reads.counts["document"] == 0  # no whole-document read for one new mention
    (new,) = [m for m in window.doc.mentions if (m.start, m.end) == (start, end)]
    assert highlighted_text(view, new.id) == record["text"][start:end]
    assert painted_background(view, start, end)
    assert tree.index_of(new.id).isValid()
    assert window.doc.mentions == stored_mentions(db_path, doc.id)  # same rows, same order

    press(qtbot, window, Qt.Key_Delete)
    assert reads.counts["document"] == 0
    assert window.doc.mentions == stored_mentions(db_path, doc.id)
    assert not tree.index_of(new.id).isValid()
    assert all(m.status is not MentionStatus.REJECTED for m in window.doc.mentions)


def test_span_index_updated_in_place_equals_one_built_anew():
    text = "\n".join(["كلمة " * 40] * 30)
    starts = block_starts(text)
    spans = [ViewSpan(i, i * 7, i * 7 + 4, "mention", "#ff0000") for i in range(150)]
    spans.append(ViewSpan("long", 150, 500, "claim", "#00ff00"))  # runs over several blocks
    index = SpanIndex(spans, starts, len(text))
    added = [ViewSpan("new", 20, 26, "mention", "#0000ff"), ViewSpan("x", 198, 240, "cue", "#0")]
    gone = index.replace({3, 40, "long"}, added, starts, len(text))

    assert sorted(s.id for s in gone if isinstance(s.id, int)) == [3, 40]
    kept = [s for s in spans if s.id not in {3, 40, "long"}] + added
    fresh = SpanIndex(kept, starts, len(text))
    for n in range(len(starts)):
        assert index.block(n) == fresh.block(n)
    assert index.by_id == fresh.by_id and index.claims == fresh.claims == []
