"""Annotating a claim through the window: the form proposes cue, source and quote type."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer

from desktop.core.model import Polarity, QuoteType, SourceKind
from tests.conftest import SPUTNIK, seed_text
from tests.gui.test_main_window import make_window, open_doc, press, select_with_cursor

QUOTE = "أقترح تنفيذ عملنا اليوم على مرحلتين"
QUOTE_END = "في تعاوننا"


def when_form_opens(window, action):
    """Run `action` once the claim form is open and modal (exec() blocks the test otherwise)."""

    def poll():
        form = getattr(window, "claim_dialog", None)
        if form is not None and form.isVisible():
            action()
        else:
            QTimer.singleShot(20, poll)

    window.claim_dialog = None
    QTimer.singleShot(20, poll)


def stored_claims(db_path, doc_id):
    from desktop.app.project import Project
    from desktop.app.workspace import Workspace

    project = Project.open(str(db_path), "reader")
    try:
        return Workspace(project).document(doc_id).claims
    finally:
        project.close()


def test_quoted_claim_in_the_sputnik_seed_with_proposals_undo_and_restart(
    qtbot, seeded, db_path, settings
):
    window = make_window(qtbot, db_path, settings)
    doc_id = open_doc(window, SPUTNIK)
    text = seed_text(SPUTNIK)
    start, end = text.index(QUOTE), text.index(QUOTE_END) + len(QUOTE_END)
    putin = text.rfind("بوتين", 0, start)  # the speaker named just before the quote
    select_with_cursor(window.view, putin, putin + 5)
    press(qtbot, window, Qt.Key_P)
    (speaker,) = window.doc.mentions

    select_with_cursor(window.view, start, end)
    seen = {}

    def check_and_save():
        form = window.claim_dialog
        seen["cue"] = form.cue.currentText()
        seen["source"] = form.source.currentData()
        seen["quote_type"] = form.quote_type.currentData()
        seen["reasons"] = form.reasons.text()
        form.topics.setText("summit, bilateral")
        form.accept()

    when_form_opens(window, check_and_save)
    press(qtbot, window, Qt.Key_S)
    assert seen["cue"].startswith("وأشار")
    assert seen["source"] == {"mention": speaker.ext_id}
    assert seen["quote_type"] == "direct"
    assert "quotation marks" in seen["reasons"]

    def check(claims):
        (c,) = claims
        assert (c.start, c.end, text[c.start : c.end]) == (start, end, text[start:end])
        assert text[c.cue.start : c.cue.end] == "وأشار"
        assert c.source.kind is SourceKind.MENTION and c.source.mention == speaker.ext_id
        assert (c.quote_type, c.polarity) == (QuoteType.DIRECT, Polarity.ASSERTED)
        assert sorted(c.topics) == ["bilateral", "summit"]
        assert c.annotator == "tester"

    check(stored_claims(db_path, doc_id))
    assert window.panel.claim_list.count() == 1
    assert any(s.kind == "claim" for s in window.view.spans)
    assert any(s.kind == "cue" for s in window.view.spans)

    press(qtbot, window, Qt.Key_Z, Qt.ControlModifier)
    assert stored_claims(db_path, doc_id) == ()
    assert window.panel.claim_list.count() == 0
    press(qtbot, window, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    check(stored_claims(db_path, doc_id))

    window.close()
    window.workspace.project.close()
    again = make_window(qtbot, db_path, settings)
    open_doc(again, SPUTNIK)
    check(again.doc.claims)
    assert again.panel.claim_list.count() == 1
    again.close()
    again.workspace.project.close()


def test_edit_and_delete_a_claim_from_the_panel(qtbot, seeded, db_path, settings):
    window = make_window(qtbot, db_path, settings)
    doc_id = open_doc(window, SPUTNIK)
    change = window.workspace.create_claim(doc_id, 0, 20)
    window.hub.publish(change)  # a change made elsewhere reaches the window through the hub
    item = window.panel.claim_list.item(0)
    window.panel.claim_list.setCurrentItem(item)
    assert window.selected_mention == ("claim", window.doc.claims[0].id)

    def set_denied():
        form = window.claim_dialog
        form.polarity.setCurrentIndex(form.polarity.findData("denied"))
        form.accept()

    when_form_opens(window, set_denied)
    window.edit_claim()
    assert window.doc.claims[0].polarity is Polarity.DENIED
    press(qtbot, window, Qt.Key_Delete)
    assert window.doc.claims == ()
    window.close()
    window.workspace.project.close()
