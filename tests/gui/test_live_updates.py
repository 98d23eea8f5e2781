"""Changes reach every window through the hub: the article updates in place, Compare stays live."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.text import Utf16Map
from tests.conftest import SPUTNIK, seed_text
from tests.gui.test_main_window import make_window, open_doc, press, select_with_cursor


def painted_background(view, start: int, end: int) -> set[str]:
    """Background colours the highlighter gave to the characters [start, end) of the article."""
    u16 = Utf16Map(view.text)
    a, b = u16.to_utf16(start), u16.to_utf16(end)
    block = view.document().findBlock(a)
    base = block.position()
    colours = set()
    for r in block.layout().formats():
        lo, hi = base + r.start, base + r.start + r.length
        if lo < b and a < hi and r.format.background().style() != Qt.NoBrush:
            colours.add(r.format.background().color().name())
    return colours


def highlighted_text(view, span_id) -> str | None:
    span = next((s for s in view.spans if s.id == span_id), None)
    return None if span is None else view.text[span.start : span.end]


class Calls:
    """Counts the calls of some methods of one object, still calling them."""

    def __init__(self, monkeypatch, obj, *names):
        self.counts = dict.fromkeys(names, 0)
        for name in names:
            original = getattr(obj, name)

            def counted(*args, _name=name, _original=original, **kwargs):
                self.counts[_name] += 1
                return _original(*args, **kwargs)

            monkeypatch.setattr(obj, name, counted)


def test_mention_edits_update_the_article_in_place(qtbot, seeded, db_path, settings, monkeypatch):
    window = make_window(qtbot, db_path, settings)
    open_doc(window, SPUTNIK)
    view, tree = window.view, window.panel.tree_model
    reloads = Calls(monkeypatch, view, "set_article", "set_spans")
    rebuilds = Calls(monkeypatch, tree, "populate")
    reads = Calls(monkeypatch, window.workspace, "document")
    text = seed_text(SPUTNIK)
    start = text.index("موسكو")
    end = start + len("موسكو")
    assert painted_background(view, start, end) == set()

    select_with_cursor(view, start, end)
    press(qtbot, window, Qt.Key_G)  # GPE
    (m,) = window.doc.mentions
    assert highlighted_text(view, m.id) == "موسكو"
    assert len(painted_background(view, start, end)) == 1  # the selected shade
    view.set_selected_span(None)
    gpe = painted_background(view, start, end)  # the label's own shade
    assert len(gpe) == 1
    assert "GPE" in tree.itemFromIndex(tree.index_of(m.id).parent()).text()

    press(qtbot, window, Qt.Key_L)  # relabel the selected mention: GPE -> LOC
    assert window.doc.mentions[0].label == "LOC"
    assert highlighted_text(view, m.id) == "موسكو"
    view.set_selected_span(None)
    loc = painted_background(view, start, end)
    assert len(loc) == 1 and loc != gpe
    assert "LOC" in tree.itemFromIndex(tree.index_of(m.id).parent()).text()
    assert [tree.item(r).text().split("·")[0].strip() for r in range(tree.rowCount())] == ["LOC"]

    before = reads.counts["document"]
    press(qtbot, window, Qt.Key_Delete)
    assert reads.counts["document"] == before  # a deletion needs no read at all
    assert window.doc.mentions == ()
    assert highlighted_text(view, m.id) is None
    assert painted_background(view, start, end) == set()
    assert not tree.index_of(m.id).isValid() and tree.rowCount() == 0

    window.undo()  # the deletion: the LOC mention is back
    assert highlighted_text(view, m.id) == "موسكو"
    assert painted_background(view, start, end) == loc
    assert tree.index_of(m.id).isValid()
    window.redo()  # deleted again
    assert highlighted_text(view, m.id) is None
    assert painted_background(view, start, end) == set()
    window.undo()
    window.undo()  # the relabel
    assert painted_background(view, start, end) == gpe
    before = reads.counts["document"]
    window.undo()  # the creation: arrives as a removed mention
    assert reads.counts["document"] == before
    assert window.doc.mentions == () and painted_background(view, start, end) == set()
    window.redo()
    assert highlighted_text(view, m.id) == "موسكو"
    assert painted_background(view, start, end) == gpe

    assert reloads.counts == {"set_article": 0, "set_spans": 0}
    assert rebuilds.counts == {"populate": 0}
    assert window.corpus.model.rows[window.corpus.model.row_of(window.doc.id)].mentions == 1
    window.close()
    window.workspace.project.close()


def test_a_failed_write_is_not_reported_as_saved(qtbot, seeded, db_path, settings, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    window = make_window(qtbot, db_path, settings)
    doc_id = open_doc(window, SPUTNIK)
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    assert window._run(lambda: window.workspace.create_mention(doc_id, 5, 2, "PERS")) is None
    assert shown and "outside the text" in shown[0]
    assert window.status_saved.text() == "Not saved"
    assert window.doc.mentions == ()
    window.close()
    window.workspace.project.close()


def test_the_compare_window_shows_claims_and_clusters_made_in_the_main_window(
    qtbot, seeded, db_path, settings
):
    window = make_window(qtbot, db_path, settings)
    ids = window.corpus.ids()[:2]
    window.open_compare()
    compare = window.compare_window
    compare.show_documents(ids)
    model = compare.claims_model
    assert model.rows == []

    def shown() -> list[str]:
        return [
            model.index(r, c).data()
            for r in range(model.rowCount())
            for c in range(model.columnCount())
        ]

    ws = window.workspace
    texts = [ws.document(i).text for i in ids]
    a = window._run(lambda: ws.create_claim(ids[0], 0, 20)).claim_ids[0]
    b = window._run(lambda: ws.create_claim(ids[1], 0, 20)).claim_ids[0]
    assert " ".join(texts[0][:20].split()) in shown()  # no F5: the window followed
    assert " ".join(texts[1][:20].split()) in shown()

    window._run(lambda: ws.create_cluster([a, b], "live cluster"))
    (row,) = [r for r in model.rows if r.kind == "cluster"]
    assert row.cluster.label == "live cluster"
    assert [len(cell) for cell in row.cells] == [1, 1]

    window.open_document(ids[0])
    window.on_mention_selected(("claim", a), from_view=True)
    press(qtbot, window, Qt.Key_Delete)  # delete the claim in the main window
    assert " ".join(texts[0][:20].split()) not in shown()
    window.undo()
    assert " ".join(texts[0][:20].split()) in shown()
    compare.close()
    window.close()
    window.workspace.project.close()
