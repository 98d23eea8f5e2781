"""The selected claim "in other outlets" (its candidates and their conflicts, before any
cluster), "Compare this claim across outlets", and a Compare window that stays live."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.core.model import ClaimSource, SourceKind

ITALIANI, SPUTNIK = "003_6acceb298fece1cb", "002_b056ffaf7079958c"


@pytest.fixture
def window(annotated_window):
    return annotated_window


def doc_id(window, external_id: str) -> int:
    return next(d.id for d in window.workspace.documents() if d.external_id == external_id)


def select_claim(window, text: str) -> int:
    """Click the claim of the open document whose wording starts with `text`; its id."""
    panel = window.panel
    panel.setCurrentIndex(1)
    for i in range(panel.claim_list.count()):
        item = panel.claim_list.item(i)
        if text in item.text():
            panel.claim_list.setCurrentItem(item)
            return item.data(Qt.UserRole)
    raise AssertionError(f"no claim shows {text!r}")


def test_a_claim_shows_its_candidates_in_other_outlets_with_the_date_conflict(qtbot, window):
    assert window.workspace.clusters() == []  # nobody built a cluster
    window.open_document(doc_id(window, ITALIANI))
    select_claim(window, "يعود آخر اجتماع")
    view = window.panel.other_outlets
    qtbot.waitUntil(lambda: view.list.count() > 0 and view.job is None, timeout=10_000)
    rows = [view.list.item(i).text() for i in range(view.list.count())]
    visit = next(r for r in rows if "زار بوتين دمشق لأول مرة" in r)
    assert visit.startswith("\u2068سبوتنيك\u2069 · ")
    # the selected claim's date first, the candidate's second
    assert "⚠ 17 يناير 2020 ≠ 7 يناير / كانون الثاني 2020" in visit
    assert "with conflicting figures" in view.status.text()
    # activating a candidate opens it in its article
    item = next(
        view.list.item(i)
        for i in range(view.list.count())
        if "زار بوتين دمشق" in view.list.item(i).text()
    )
    view.list.itemActivated.emit(item)
    assert window.doc.external_id == SPUTNIK


def test_compare_this_claim_across_outlets_selects_it_in_the_compare_window(qtbot, window):
    window.open_document(doc_id(window, SPUTNIK))
    claim_id = select_claim(window, "سُجلت زيادة")
    (action,) = [a for a in window.panel.claim_list.actions() if "across outlets" in a.text()]
    assert action.shortcut().toString() == "Ctrl+Shift+C"
    action.trigger()
    compare = window.compare_window
    assert compare is not None and compare.isVisible()
    assert compare.event == "Putin-Assad summit, Moscow, 15 March 2023"
    assert compare.tabs.currentIndex() == 0
    current = compare.claims_table.currentIndex()
    assert [cc.claim.id for cc in compare.claims_model.cell(current)] == [claim_id]
    assert "سُجلت زيادة" in current.data()


def test_an_open_compare_window_shows_a_claim_made_in_the_main_window(qtbot, window):
    window.open_compare()
    compare = window.compare_window
    compare.show_event("Putin-Assad summit, Moscow, 15 March 2023")
    shown = " ".join(
        compare.claims_model.index(r, c).data() or ""
        for r in range(compare.claims_model.rowCount())
        for c in range(compare.claims_model.columnCount())
    )
    doc = window.workspace.document(doc_id(window, SPUTNIK))
    start = doc.text.index("وأشار بوتين إلى أنه في العام المقبل")  # no claim there yet
    end = doc.text.index("الدبلوماسية", start) + len("الدبلوماسية")
    wording = doc.text[start:end]
    assert wording not in shown
    window.open_document(doc.id)
    window.hub.run(
        lambda: window.workspace.create_claim(
            doc.id, start, end, source=ClaimSource(SourceKind.OUTLET)
        ),
        window,
    )
    shown = " ".join(
        compare.claims_model.index(r, c).data() or ""
        for r in range(compare.claims_model.rowCount())
        for c in range(compare.claims_model.columnCount())
    )
    assert " ".join(wording.split())[:40] in " ".join(shown.split())
