"""Teams in the window: each annotator sees their own layer (the others' on request, read-only),
switches from the window, reads the agreement view, curates with one key per decision, and
sees another process's edits within two seconds."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from desktop.app.project import Project
from desktop.app.workspace import Workspace
from desktop.gui import hub as hub_module
from desktop.gui.teams import open_agreement, open_curation
from tests.conftest import SPUTNIK, seed_text
from tests.gui.test_main_window import make_window, open_doc

TEXT = seed_text(SPUTNIK)


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


@pytest.fixture
def refusals(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(
        hub_module.QMessageBox, "warning", lambda parent, title, text: shown.append(text)
    )
    return shown


@pytest.fixture
def team(qtbot, seeded, db_path, settings):
    """tester's window on the Sputnik seed; badr (another process) marked it too."""
    window = make_window(qtbot, db_path, settings)
    did = open_doc(window, SPUTNIK)
    badr = Workspace(Project.open(str(db_path), "badr"))
    mine = window.workspace
    for ws, moscow in ((mine, "GPE"), (badr, "LOC")):
        ws.create_mention(did, *at("بوتين"), "PERS")
        ws.create_mention(did, *at("موسكو"), moscow)
    window.live_refresh.poll()  # both writes reach the window now rather than in a second
    yield window, badr, did
    for w in getattr(window, "curation_windows", {}).values():
        w.close()
    window.close()
    badr.project.close()
    window.workspace.project.close()


def shown_mentions(window) -> set[tuple[str, str, str]]:
    return {(m.annotator, TEXT[m.start : m.end], m.label) for m in window.doc.mentions}


def test_own_layer_by_default_others_on_request_and_read_only(qtbot, team, refusals):
    window, _, _ = team
    assert {a for a, _, _ in shown_mentions(window)} == {"tester"}
    assert window.status_annotator.text().endswith("tester")

    window.act_layers.setChecked(True)
    assert ("badr", "موسكو", "LOC") in shown_mentions(window)
    theirs = next(m for m in window.doc.mentions if m.annotator == "badr")
    window.hub.run(lambda: window.workspace.update_mention(theirs.id, label="ORG"), window)
    assert refusals and "read-only" in refusals[0]
    assert ("badr", "موسكو", "LOC") in shown_mentions(window)  # nothing was written

    window.act_layers.setChecked(False)
    assert {a for a, _, _ in shown_mentions(window)} == {"tester"}


def test_other_layers_drawn_apart_and_named_in_the_tooltip(qtbot, team):
    from PySide6.QtGui import QTextCharFormat

    window, _, _ = team
    view = window.view

    def look(word: str) -> tuple[QTextCharFormat, str]:
        start = TEXT.index(word) + 1  # inside the word
        block = view.document().findBlock(view._map.to_utf16(start))
        view._highlighter.ensure_block(block)
        pos = view._map.to_utf16(start) - block.position()
        found = next(
            QTextCharFormat(r.format)
            for r in block.layout().formats()
            if r.start <= pos < r.start + r.length
        )
        return found, view.tooltip_text(view.point_of(start))

    own_before, own_tip = look("موسكو")
    window.act_layers.setChecked(True)
    own_after, both_tips = look("موسكو")
    assert own_after.background() == own_before.background()  # own span unchanged
    assert "badr" not in own_tip
    assert own_after.underlineStyle() == QTextCharFormat.DashUnderline  # theirs under it
    assert any("LOC" in line and "badr" in line for line in both_tips.splitlines())
    assert any("GPE" in line and "badr" not in line for line in both_tips.splitlines())

    window.act_layers.setChecked(False)
    mine, tip = look("موسكو")
    assert mine.underlineStyle() != QTextCharFormat.DashUnderline and "badr" not in tip


def test_only_their_span_is_pale_and_dashed(qtbot, team):
    from PySide6.QtGui import QTextCharFormat

    window, badr, did = team
    badr.create_mention(did, *at("الروسي"), "NORP")
    window.live_refresh.poll()
    window.act_layers.setChecked(True)
    view = window.view
    start = TEXT.index("الروسي") + 1
    block = view.document().findBlock(view._map.to_utf16(start))
    view._highlighter.ensure_block(block)
    pos = view._map.to_utf16(start) - block.position()
    theirs = next(
        QTextCharFormat(r.format)
        for r in block.layout().formats()
        if r.start <= pos < r.start + r.length
    )
    assert theirs.underlineStyle() == QTextCharFormat.DashUnderline
    own = QColor(window.labels.get("NORP").color)
    assert theirs.background().color().lightness() > own.lightness()  # paler than a mention
    assert "badr" in view.tooltip_text(view.point_of(start))


def test_switching_annotator_from_the_window(qtbot, team):
    from desktop.gui.teams.annotators import switch_annotator

    window, _, _ = team
    assert switch_annotator(window, "badr")
    assert window.status_annotator.text().endswith("badr")
    assert {a for a, _, _ in shown_mentions(window)} == {"badr"}
    assert window.prefs.get("annotator") == "badr"  # remembered for the next start


def test_agreement_view_lists_documents_by_disagreement_and_opens_curation(qtbot, team):
    window, _, did = team
    view = open_agreement(window)
    qtbot.addWidget(view)
    assert "tester" in view.summary.text() and "badr" in view.summary.text()
    assert view.table.rowCount() == 1
    assert view.table.item(0, 1).text() == "50%"  # one of two spans differs
    assert view.chart.breakdown.rows == ("GPE", "LOC", "PERS")
    view.table.itemActivated.emit(view.table.item(0, 0))
    curation = window.curation_windows[did]
    assert curation.isVisible() and curation.doc_id == did


def key(qtbot, window, key, modifier=Qt.NoModifier):
    window.activateWindow()
    window.table.setFocus()
    QApplication.processEvents()
    qtbot.keyClick(window.table, key, modifier)


def test_curation_with_one_key_per_decision_and_undo(qtbot, team):
    window, _, did = team
    curation = open_curation(window, did)
    qtbot.addWidget(curation)
    qtbot.waitExposed(curation)
    table = curation.table
    assert table.rowCount() == 1
    assert "1: " in table.horizontalHeaderItem(2).text()  # annotators by name: 1 is badr
    assert "badr" in table.horizontalHeaderItem(2).text()
    assert "LOC" in table.item(0, 2).text() and "GPE" in table.item(0, 3).text()
    key(qtbot, curation, Qt.Key_M)  # merge what everyone agrees on (PERS)
    table.selectRow(0)
    key(qtbot, curation, Qt.Key_1)  # take badr's version
    doc, plan = curation.curator.curation(did)
    curated = {(TEXT[m.start : m.end], m.label) for m in doc.mentions if m.annotator == "curation"}
    assert curated == {("بوتين", "PERS"), ("موسكو", "LOC")}
    assert plan.open == []
    assert "LOC" in table.item(0, 4).text()
    key(qtbot, curation, Qt.Key_Z, Qt.ControlModifier)  # undo the take
    assert curation.plan.open and table.item(0, 4).text() == ""


def test_curation_names_claim_attributes_and_a_dropped_claim_stays_dropped(qtbot, team, db_path):
    from desktop.core.model import ClaimSource, Polarity, QuoteType, SourceKind
    from desktop.gui.i18n import set_language

    window, badr, did = team
    sentence = TEXT.index("قال الرئيس")
    span = (sentence, TEXT.index("\n", sentence) if "\n" in TEXT[sentence:] else len(TEXT))
    badr.create_claim(
        did,
        *span,
        source=ClaimSource(SourceKind.OUTLET),
        quote_type=QuoteType.INDIRECT,
        polarity=Polarity.HEDGED,
    )
    curation = open_curation(window, did)
    qtbot.addWidget(curation)
    rows = {curation.table.item(r, 0).text(): r for r in range(curation.table.rowCount())}
    row = next(r for text, r in rows.items() if text.startswith("قال الرئيس"))
    theirs = curation.table.item(row, 2).text()  # badr's column
    assert theirs == "indirect (paraphrase), hedged, The outlet itself"
    assert "hedged" in theirs and "Polarity.HEDGED" not in theirs
    set_language(QApplication.instance(), "ar")
    try:
        curation.refresh()
        arabic = curation.table.item(row, 2).text()
        assert "hedged" not in arabic and "indirect" not in arabic
    finally:
        set_language(QApplication.instance(), "en")
    curation.refresh()

    curation.table.selectRow(row)
    key(qtbot, curation, Qt.Key_D)  # drop: the curated layer has no claim here
    assert curation.table.item(row, 4).text() == "dropped"
    curation.close()
    window.curation_windows.clear()
    again = Workspace(Project.open(str(db_path), "curation"))  # after a restart
    try:
        _, plan = again.curation(did)
        assert [d for d in plan.open if d.layer == "claim"] == []
    finally:
        again.project.close()
    reopened = open_curation(window, did)
    qtbot.addWidget(reopened)
    row = next(
        r
        for r in range(reopened.table.rowCount())
        if reopened.table.item(r, 0).text().startswith("قال الرئيس")
    )
    assert reopened.table.item(row, 4).text() == "dropped"


def test_curation_in_arabic_starts_on_the_first_open_row_with_its_words_around_it(qtbot, team):
    from desktop.gui.i18n import set_language

    window, _, did = team
    set_language(QApplication.instance(), "ar")
    try:
        curation = open_curation(window, did)
        qtbot.addWidget(curation)
        qtbot.waitExposed(curation)
        assert curation.table.currentRow() == 0  # the keys act on a row from the start
        (region,) = curation.plan.open
        shown = curation.context.toPlainText()
        assert TEXT[region.start : region.end] in shown
        (mark,) = curation.context.extraSelections()
        assert mark.cursor.selectedText() == TEXT[region.start : region.end]
        key(qtbot, curation, Qt.Key_2)  # take tester's version (GPE); the agreed PERS comes too
        doc, plan = curation.curator.curation(did)
        assert plan.open == [] and plan.agreed_mentions == ()
        assert sorted(m.label for m in doc.mentions if m.annotator == "curation") == [
            "GPE",
            "PERS",
        ]
    finally:
        set_language(QApplication.instance(), "en")


def test_a_claim_region_is_edited_from_the_window_with_e(qtbot, team):
    from PySide6.QtCore import QTimer

    from desktop.core.model import ClaimSource, Polarity, SourceKind

    window, badr, did = team
    start = TEXT.index("قال الرئيس")
    end = TEXT.index("\n", start) if "\n" in TEXT[start:] else len(TEXT)
    badr.create_claim(did, start, end, source=ClaimSource(SourceKind.OUTLET))
    window.workspace.create_claim(did, start + 4, end, source=ClaimSource(SourceKind.UNNAMED))
    curation = open_curation(window, did)
    qtbot.addWidget(curation)
    qtbot.waitExposed(curation)
    row = next(r for r, d in enumerate(curation.plan.disagreements) if d.layer == "claim")
    words = " ".join(TEXT[start:end].split())
    assert words[:20] in curation.table.item(row, 2).toolTip()  # badr's claim, words and all
    # the words around a region read right to left in the English interface too
    assert curation.context.document().defaultTextOption().textDirection() == Qt.RightToLeft
    curation.table.setCurrentCell(row, 0)

    from desktop.gui.teams.curation_window import ClaimEditDialog

    def answer():
        shown = [d for d in curation.findChildren(ClaimEditDialog) if d.isVisible()]
        if not shown:  # not open yet: look again in a moment
            QTimer.singleShot(20, answer)
            return
        dialog = shown[0]
        dialog.polarity.setCurrentIndex(dialog.polarity.findData(Polarity.DENIED.value))
        dialog.speaker.setCurrentIndex(dialog.speaker.findData("badr"))
        dialog.accept()

    QTimer.singleShot(0, answer)
    key(qtbot, curation, Qt.Key_E)
    doc, plan = curation.curator.curation(did)
    (curated,) = [c for c in doc.claims if c.annotator == "curation"]
    assert curated.polarity is Polarity.DENIED and curated.source.kind is SourceKind.OUTLET
    assert [d for d in plan.open if d.layer == "claim"] == []
    key(qtbot, curation, Qt.Key_Z, Qt.ControlModifier)  # undone like every edit
    doc, _ = curation.curator.curation(did)
    assert [c for c in doc.claims if c.annotator == "curation"] == []


def test_another_process_edit_shows_within_two_seconds(qtbot, team, db_path):
    window, _, did = team
    other = Workspace(Project.open(str(db_path), "tester"))  # the same annotator elsewhere
    try:
        other.create_mention(did, *at("روسيا"), "GPE")
        qtbot.waitUntil(lambda: ("tester", "روسيا", "GPE") in shown_mentions(window), timeout=2000)
    finally:
        other.project.close()


def test_first_start_asks_who_is_annotating_and_remembers(qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QInputDialog

    from desktop.app.settings import Preferences, resolve_annotator
    from desktop.gui.teams.annotators import first_annotator

    monkeypatch.setenv("LOGNAME", "amal")
    monkeypatch.setenv("USER", "amal")
    prefs = Preferences(QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    seen: list[tuple[str, str]] = []

    def answer():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QInputDialog):
            QTimer.singleShot(20, answer)
            return
        seen.append((box.windowTitle(), box.textValue()))
        box.setTextValue("  Amal  Haddad ")
        box.accept()

    QTimer.singleShot(0, answer)
    assert first_annotator(prefs) == "Amal Haddad"
    assert seen == [("Who is annotating?", "amal")]  # prefilled with the login name
    again = Preferences(QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    assert again.get("annotator") == "Amal Haddad"
    assert resolve_annotator(None, again.get("annotator")) == "Amal Haddad"
    assert first_annotator(again) is None  # remembered: not asked again
    assert len(seen) == 1
