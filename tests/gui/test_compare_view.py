"""The Compare window on the annotated seeds: outlets side by side, suggestions, conflicts, naming."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from desktop.app.workspace import Workspace
from desktop.core.model import Claim, ClaimSource, Document, DocumentMeta, Relation, SourceKind
from desktop.formats.jsonl import write_jsonl
from desktop.gui.compare.window import CompareWindow
from desktop.gui.i18n import set_language
from desktop.gui.models.cells import CELL_KIND_ROLE as KIND_ROLE
from desktop.gui.models.cells import SPEC_ROLE
from tests.compare import MANIFEST, seed_corpus

SUMMIT_2023 = "Putin-Assad summit, Moscow, 15 March 2023"
FIRST_VISIT = "وفي 7 يناير / كانون الثاني 2020، زار بوتين دمشق لأول مرة"


def import_documents(project, tmp_path, docs) -> Workspace:
    path = tmp_path / "compare.jsonl"
    with path.open("w", encoding="utf-8") as out:
        write_jsonl(docs, out)
    report = project.import_paths([path])
    assert not report.skipped, report.skipped
    return Workspace(project)


@pytest.fixture
def ws(project, tmp_path):
    """The annotated seeds (tests/compare), with the publication dates of the manifest."""
    docs = []
    for doc in seed_corpus():
        entry = MANIFEST[doc.external_id + ".txt"]
        published = date.fromisoformat(entry["published"])
        docs.append(replace(doc, meta=replace(doc.meta, published=published)))
    return import_documents(project, tmp_path, docs)


@pytest.fixture
def window(qtbot, ws):
    w = CompareWindow(ws)
    qtbot.addWidget(w)
    w.resize(1400, 800)
    w.show()
    qtbot.waitExposed(w)
    return w


def doc_ids(ws) -> dict[str, int]:
    return {d.external_id[:3]: d.id for d in ws.documents()}


def claim_db_id(ws, prefix: str, ext: str) -> int:
    doc = ws.document(doc_ids(ws)[prefix])
    return next(c.id for c in doc.claims if c.ext_id == ext)


def pick_event(window, event: str) -> None:
    index = window.event_box.findData(event)
    assert index > 0, [window.event_box.itemText(i) for i in range(window.event_box.count())]
    window.event_box.setCurrentIndex(0)  # as a user would, even if the event was shown already
    window.event_box.setCurrentIndex(index)
    assert window.event == event


def headers(model) -> list[str]:
    return [model.headerData(c, Qt.Horizontal) for c in range(model.columnCount())]


def suggestion_texts(window) -> list[tuple[str, str]]:
    m = window.suggestions_model
    return [(m.index(r, 1).data(), m.index(r, 2).data()) for r in range(m.rowCount())]


def click_row(qtbot, view, row: int, column: int = 1, modifier=Qt.NoModifier) -> None:
    index = view.model().index(row, column)
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, modifier, view.visualRect(index).center())


def cluster_rows(window):
    return [(r, row) for r, row in enumerate(window.claims_model.rows) if row.kind == "cluster"]


def row_with(window, *needles: str) -> int:
    """The cluster row whose cells show every one of these texts."""
    m = window.claims_model
    for r, _row in cluster_rows(window):
        shown = " | ".join(m.index(r, c).data() for c in range(m.columnCount()))
        if all(n in shown for n in needles):
            return r
    raise AssertionError(f"no cluster row shows {needles}")


def accept_growth_pair(qtbot, window) -> int:
    texts = suggestion_texts(window)
    row = next(i for i, (a, b) in enumerate(texts) if "7 بالمائة" in a and "7٪" in b)
    click_row(qtbot, window.suggestions_table, row)
    qtbot.keyClick(window.suggestions_table, Qt.Key_Return)
    return row_with(window, "7 بالمائة", "7٪")


# ------------------------------------------------------------------------------------ tests


def test_an_event_shows_its_outlets_and_the_shared_figure_is_suggested_first(qtbot, window, ws):
    pick_event(window, SUMMIT_2023)
    ids = doc_ids(ws)
    assert window.document_ids() == [ids["000"], ids["002"]]
    assert headers(window.claims_model) == [
        "العربي الجديد\n\u20662023-03-15\u2069",
        "سبوتنيك\n\u20662023-03-15\u2069",
    ]
    # the strong tier: each claim's best match in the other outlet (the whole registry is
    # evidence, so more pairs reach it than the 4 of the single-threshold engine)
    assert window.tabs.tabText(1) == "Suggestions (6)"
    # claims only one outlet carries are listed, per document, under their own heading
    m = window.claims_model
    section = m.section_row()
    assert m.index(section, 0).data().startswith("Not in any cluster")
    assert window.claims_table.columnSpan(section, 0) == 2

    window.tabs.setCurrentIndex(1)
    # first the arrival: both outlets' "yesterday, Tuesday" resolve to one date against their
    # publication date; then the 7% growth, Araby vs Sputnik
    a, b = suggestion_texts(window)[0]
    assert "ووصل بشار الأسد" in a and "ووصل الرئيس السوري بشار الأسد" in b
    assert "same figures: 2023-03-14" in window.suggestions_model.index(0, 3).data()
    a, b = suggestion_texts(window)[1]
    assert "7 بالمائة" in a and "7٪" in b
    assert "7%" in window.suggestions_model.index(1, 3).data().split("same figures:")[1]
    click_row(qtbot, window.suggestions_table, 1)
    label = window.label_edit.text()
    assert label == "العلاقات بين الجانبين تتطور، كما ازداد…"  # the first six words of claim A

    r = accept_growth_pair(qtbot, window)
    assert all(m.index(r, c).data(KIND_ROLE) == "claims" for c in range(2))
    assert m.headerData(r, Qt.Vertical) == label
    assert "7 بالمائة" in m.index(r, 0).data() and "7٪" in m.index(r, 1).data()
    assert not any("7 بالمائة" in a and "7٪" in b for a, b in suggestion_texts(window))
    assert window.tabs.tabText(1) == "Suggestions (5)"
    assert "1 cluster(s)" in window.summary.text()


def test_a_cluster_one_outlet_reports_shows_the_gap(qtbot, window, ws):
    pick_event(window, SUMMIT_2023)
    m = window.claims_model
    # the Sputnik-only sentence about the 7% increase, in the list of claims in no cluster
    r = next(
        r
        for r, row in enumerate(m.rows)
        if row.kind == "single" and "سُجلت زيادة" in m.index(r, 1).data()
    )
    click_row(qtbot, window.claims_table, r, 1)
    window.new_cluster(label="Sputnik only")
    r = row_with(window, "سُجلت زيادة")
    assert m.headerData(r, Qt.Vertical) == "Sputnik only"
    empty = m.index(r, 0)
    assert empty.data(KIND_ROLE) == "missing"
    assert empty.data() == "— not reported —"
    header = [t for _d, _a, runs in m.headerData(r, Qt.Vertical, SPEC_ROLE) for t, _s in runs]
    assert "reported by 1 of 2" in header


def test_two_outlets_dating_one_visit_differently_get_a_conflict_badge(qtbot, window, ws):
    ids = doc_ids(ws)
    qtbot.mouseClick(window.choose_button, Qt.LeftButton)
    dialog = window.documents_dialog
    qtbot.waitUntil(dialog.isVisible)
    for prefix in ("000", "002", "003"):
        wanted = Qt.Checked if prefix in ("002", "003") else Qt.Unchecked
        dialog.item_of(prefix).setCheckState(wanted)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)
    assert window.document_ids() == [ids["003"], ids["002"]]  # oldest first
    assert window.event_box.currentText() == "Chosen documents (2)"

    texts = suggestion_texts(window)
    row = next(i for i, (a, b) in enumerate(texts) if FIRST_VISIT in a and "17 يناير 2020" in b)
    assert "⚠ 2020-01-07 ≠ 2020-01-17" in window.suggestions_model.index(row, 3).data()
    window.tabs.setCurrentIndex(1)
    click_row(qtbot, window.suggestions_table, row)
    qtbot.mouseClick(window.accept_button, Qt.LeftButton)

    r = row_with(window, FIRST_VISIT, "17 يناير 2020")
    m = window.claims_model
    assert m.headerData(r, Qt.Vertical).endswith("⚠ 2020-01-07 ≠ 2020-01-17")
    badges = [
        t
        for _d, _a, runs in m.headerData(r, Qt.Vertical, SPEC_ROLE)
        for t, s in runs
        if s == "badge"
    ]
    assert badges == [" ⚠ 2020-01-07 ≠ 2020-01-17 "]
    # the two dates are marked in the wording of both cells
    marked = [
        t
        for c in range(2)
        for _d, _a, runs in m.index(r, c).data(SPEC_ROLE)
        for t, style in runs
        if style == "conflict"
    ]
    assert "17 يناير 2020" in marked and "7 يناير / كانون الثاني 2020" in marked
    assert "1 conflict(s)" in window.summary.text()


def test_word_diff_of_two_cells_and_double_click_opens_the_claim(qtbot, window, ws):
    pick_event(window, SUMMIT_2023)
    r = accept_growth_pair(qtbot, window)
    window.tabs.setCurrentIndex(0)
    table = window.claims_table
    click_row(qtbot, table, r, 0)
    assert window.diff_ops == []
    click_row(qtbot, table, r, 1, Qt.ControlModifier)
    ops = {op for op, _a, _b in window.diff_ops}
    assert {"equal", "replace"} <= ops
    shown = window.diff_view.toPlainText()
    assert "النمو" in shown and "7٪" in shown and "بالمائة" in shown
    styles = set()
    block = window.diff_view.document().begin()
    while block.isValid():
        assert block.blockFormat().layoutDirection() == Qt.RightToLeft
        it = block.begin()
        while not it.atEnd():
            f = it.fragment().charFormat()
            styles.add("del" if f.fontStrikeOut() else "ins" if f.fontUnderline() else "same")
            it += 1
        block = block.next()
    assert styles == {"del", "ins", "same"}
    assert "% of the words in common" in window.diff_caption.text()

    cell = table.model().index(r, 1)
    with qtbot.waitSignal(window.openClaim) as opened:
        qtbot.mouseDClick(table.viewport(), Qt.LeftButton, pos=table.visualRect(cell).center())
    assert opened.args == [doc_ids(ws)["002"], claim_db_id(ws, "002", "c1")]


def test_relation_remove_rename_merge_delete_and_undo_from_the_keyboard(qtbot, window, ws):
    pick_event(window, SUMMIT_2023)
    r = accept_growth_pair(qtbot, window)
    m = window.claims_model
    table = window.claims_table
    menu = window.cell_menu(m.index(r, 1))
    relation = next(a.menu() for a in menu.actions() if a.text() == "Relation")
    next(a for a in relation.actions() if a.text() == "reframes").trigger()
    r = row_with(window, "7٪")
    (cc,) = m.rows[r].cells[1]
    assert cc.relation is Relation.REFRAMES
    tags = [t for _d, _a, runs in m.index(r, 1).data(SPEC_ROLE) for t, s in runs if "tag:" in s]
    assert tags == [" reframes "]

    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(table, Qt.Key_Z, Qt.ControlModifier)  # undo the relation
    assert m.rows[row_with(window, "7٪")].cells[1][0].relation is Relation.AGREES
    qtbot.keyClick(table, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)  # and redo it
    assert m.rows[row_with(window, "7٪")].cells[1][0].relation is Relation.REFRAMES

    # the second pair of the event, then merge both rows into one cluster
    window.tabs.setCurrentIndex(1)
    click_row(qtbot, window.suggestions_table, 0)
    qtbot.keyClick(window.suggestions_table, Qt.Key_Return)
    assert len(cluster_rows(window)) == 2
    window.tabs.setCurrentIndex(0)
    (r1, _), (r2, _) = cluster_rows(window)
    click_row(qtbot, table, r1, 0)
    click_row(qtbot, table, r2, 0, Qt.ControlModifier)
    assert window.merge_button.isEnabled()
    qtbot.mouseClick(window.merge_button, Qt.LeftButton)
    ((r, row),) = cluster_rows(window)
    assert [len(cell) for cell in row.cells] == [2, 2]

    window.rename_cluster(row.cluster, label="the summit")
    ((r, row),) = cluster_rows(window)
    assert m.headerData(r, Qt.Vertical) == "the summit"
    click_row(qtbot, table, r, 1)
    qtbot.keyClick(table, Qt.Key_Delete)  # remove the selected claims from the cluster
    ((r, row),) = cluster_rows(window)
    assert [len(cell) for cell in row.cells] == [2, 0]
    window.delete_cluster(row.cluster)
    assert cluster_rows(window) == []
    for _ in range(3):  # delete, remove, rename
        window.undo()
    ((r, row),) = cluster_rows(window)
    assert [len(cell) for cell in row.cells] == [2, 2]


def test_reject_with_delete_is_remembered_and_undone(qtbot, window, ws):
    pick_event(window, SUMMIT_2023)
    window.tabs.setCurrentIndex(1)
    before = suggestion_texts(window)
    click_row(qtbot, window.suggestions_table, 1)
    qtbot.keyClick(window.suggestions_table, Qt.Key_Delete)
    assert suggestion_texts(window) == [before[0], *before[2:]]
    window.refresh()
    assert suggestion_texts(window) == [before[0], *before[2:]]
    window.undo()
    assert suggestion_texts(window) == before


def test_naming_tab_shows_each_outlets_forms(window):
    pick_event(window, SUMMIT_2023)
    m = window.naming_model
    assert m.outlets == ["العربي الجديد", "سبوتنيك"]
    r = next(i for i, row in enumerate(m.rows) if row.entity == "assad")
    araby, sputnik = m.index(r, 0).data(), m.index(r, 1).data()
    assert "رئيس النظام السوري بشار الأسد ×1" in araby
    assert "الرئيس السوري بشار الأسد ×1" in sputnik
    assert "رئيس النظام" not in sputnik
    assert araby != sputnik
    # forms only one outlet uses stand out
    styles = {t: s for _d, _a, runs in m.index(r, 0).data(SPEC_ROLE) for t, s in runs}
    assert styles["رئيس النظام السوري بشار الأسد"] == "form-distinct"
    assert styles["الأسد"] == "form"


def test_document_text_stays_plain_and_right_to_left(qtbot, project, tmp_path):
    text = "قال الوزير <b>إن</b> التجارة \u202enمت\u202c بنسبة 5%."
    doc = Document(
        "html_001",
        text,
        meta=DocumentMeta(outlet="Test <i>outlet</i>", event="E"),
        claims=(Claim(0, len(text), source=ClaimSource(SourceKind.OUTLET), ext_id="c1"),),
    )
    other = replace(
        doc, external_id="html_002", text=text + " ", meta=replace(doc.meta, outlet="B")
    )
    ws = import_documents(project, tmp_path, [doc, other])
    w = CompareWindow(ws)
    qtbot.addWidget(w)
    w.show()
    w.show_event("E")
    m = w.claims_model
    index = m.index(m.section_row() + 1, 0)
    shown = w.claims_delegate.document(index, 400)
    assert "<b>إن</b>" in shown.toPlainText()  # never interpreted as HTML
    assert "⟨U+202E⟩" in shown.toPlainText()  # a bidi override is made visible
    body = shown.lastBlock()
    assert body.blockFormat().layoutDirection() == Qt.RightToLeft
    assert m.headerData(0, Qt.Horizontal).startswith("Test <i>outlet</i>")


def test_suggestions_for_many_claims_run_off_the_gui_thread(qtbot, window, ws):
    window.SYNC_CLAIMS = 0
    with qtbot.waitSignal(window.suggestionsReady, timeout=10_000):
        window.refresh_button.click()
        assert not window.suggestions_progress.isHidden()
        assert window.suggestions_status.text() == "Finding suggestions…"
    assert len(window.suggestions_model.items) == 6  # the strong tier (weaker ones hidden)
    assert window.suggestions_progress.isHidden()


def test_weaker_candidates_follow_the_strong_ones_one_key_away(qtbot, window, ws):
    pick_event(window, SUMMIT_2023)
    window.tabs.setCurrentIndex(1)
    tab = window.suggestions_tab
    m = window.suggestions_model
    assert m.rowCount() == 6
    assert tab.suggestions_status.text() == (
        "6 suggested pair(s), best first. 3 weaker candidate(s) hidden."
    )
    window.activateWindow()
    tab.suggestions_table.setFocus()
    qtbot.keyClick(tab.suggestions_table, Qt.Key_W, Qt.ControlModifier | Qt.ShiftModifier)
    assert tab.show_weaker.isChecked()
    assert m.rowCount() == 9 and window.tabs.tabText(1) == "Suggestions (9)"
    assert [s.evidence["tier"] for s in m.items] == ["strong"] * 6 + ["weaker"] * 3
    assert "3 weaker candidate(s) after them." in tab.suggestions_status.text()
    # a weaker pair is rejected like any other: Delete, remembered
    weaker = m.items[6]
    click_row(qtbot, tab.suggestions_table, 6)
    qtbot.keyClick(tab.suggestions_table, Qt.Key_Delete)
    qtbot.waitUntil(lambda: m.rowCount() == 8)
    assert weaker.pair not in [s.pair for s in m.items]
    qtbot.mouseClick(tab.show_weaker, Qt.LeftButton)
    assert not tab.show_weaker.isChecked() and m.rowCount() == 6


def test_no_documents_chosen_says_what_to_do(window):
    window.show_documents([])
    assert window.claims_model.columnCount() == 0
    assert window.claims_hint.isVisibleTo(window)
    assert "at least two" in window.claims_hint.text()
    assert not window.accept_button.isEnabled()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_window_in_both_languages_with_screenshots(qtbot, qapp, ws, language, tmp_path):
    set_language(qapp, language)
    try:
        w = CompareWindow(ws)
        qtbot.addWidget(w)
        w.resize(1400, 800)
        w.show()
        qtbot.waitExposed(w)
        pick_event(w, SUMMIT_2023)
        w.select_suggestion(0)
        w.accept_suggestion()
        expected = Qt.RightToLeft if language == "ar" else Qt.LeftToRight
        assert w.layoutDirection() == expected
        assert w.claims_table.layoutDirection() == expected
        arabic = any("\u0600" <= ch <= "\u06ff" for ch in w.windowTitle())
        assert arabic == (language == "ar")
        tab = w.tabs.tabText(0)
        assert tab == ("الادعاءات عبر المنابر" if language == "ar" else "Claims across outlets")
        # the claim text is right-to-left whatever the interface language
        m = w.claims_model
        (r, _row), *_ = cluster_rows(w)
        doc = w.claims_delegate.document(m.index(r, 0), 300)
        assert doc.lastBlock().blockFormat().layoutDirection() == Qt.RightToLeft
        qtbot.wait(100)  # row heights follow the column widths
        image = w.grab()
        assert image.width() >= 1400 and not image.isNull()
        assert image.save(str(tmp_path / f"compare-{language}.png"))
    finally:
        set_language(qapp, "en")
