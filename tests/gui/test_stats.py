"""Statistics: `mizan stats` (text and JSON) and the statistics window show the same counts;
reviewed mentions and pending suggestions are counted apart; charts save as PNG and SVG that
image readers open, tables copy to the clipboard and save as CSV."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from desktop.app.project import Project
from desktop.app.statistics import statistics
from desktop.app.workspace import Workspace
from desktop.core.model import ClaimSource, MentionStatus, QuoteType, SourceKind
from desktop.gui.main_window import MainWindow
from desktop.gui.stats.window import StatisticsWindow, open_statistics


def annotate_demo(db_path) -> dict:
    """Two annotators label words, accept a suggestion, leave one pending, record claims."""
    out = {}
    for annotator in ("amal", "badr"):
        ws = Workspace(Project.open(str(db_path), annotator))
        docs = ws.documents()
        for doc in docs[:3]:
            text = ws.document(doc.id).text
            start = text.index("بوتين")
            ws.create_mention(doc.id, start, start + len("بوتين"), "PERS")
            if annotator == "amal":
                at = text.index("موسكو")
                ws.create_mention(doc.id, at, at + len("موسكو"), "GPE")
        if annotator == "amal":
            first = ws.document(docs[0].id)
            at = first.text.index("سوريا")
            ws.create_mention(
                first.id, at, at + len("سوريا"), "GPE", status=MentionStatus.SUGGESTED
            )
            ws.create_mention(first.id, 0, 5, "ORG", status=MentionStatus.SUGGESTED)
            ws.set_status_of_mentions(
                [m.id for m in ws.document(first.id).mentions if m.label == "ORG"],
                MentionStatus.ACCEPTED,
            )
            ws.create_claim(
                first.id, 10, 40, source=ClaimSource(SourceKind.OUTLET), quote_type=QuoteType.DIRECT
            )
            ws.create_claim(first.id, 50, 80, source=ClaimSource(SourceKind.OUTLET))
            from desktop.core.model import DocStatus

            ws.set_status(first.id, DocStatus.DONE)
        ws.project.close()
    return out


@pytest.fixture
def annotated(seeded, db_path):
    annotate_demo(db_path)
    return db_path


def mizan(*args):
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args], capture_output=True, text=True, check=True
    ).stdout


def test_stats_counts_reviewed_mentions_and_pending_suggestions_apart(annotated):
    stats = json.loads(mizan("--db", str(annotated), "stats", "--json"))
    # amal: 3 PERS + 3 GPE + 1 accepted ORG; badr: 3 PERS; one suggestion still pending
    assert stats["mentions"] == 10
    assert stats["suggestions"] == 1
    assert stats["mentions_by_label"] == {"GPE": 3, "ORG": 1, "PERS": 6}
    assert sum(stats["mentions_by_label"].values()) == stats["mentions"]
    for key in ("documents", "claims", "entities", "clusters", "documents_by_outlet"):
        assert key in stats  # the keys scripts already read stay
    per_outlet = stats["mentions_by_outlet_label"]
    assert sum(sum(row.values()) for row in per_outlet.values()) == 10
    assert sum(sum(r.values()) for r in stats["claims_by_outlet_quote_type"].values()) == 2
    assert sum(sum(r.values()) for r in stats["claims_by_outlet_speaker"].values()) == 2
    progress = stats["progress_by_annotator"]
    assert progress["amal"]["done"] == 1
    assert progress["amal"]["mentions"] == 7 and progress["badr"]["mentions"] == 3
    assert progress["badr"]["claims"] == 0 and progress["amal"]["claims"] == 2


def test_stats_text_prints_the_same_breakdowns_as_json(annotated):
    stats = json.loads(mizan("--db", str(annotated), "stats", "--json"))
    text = mizan("--db", str(annotated), "stats")
    assert "mentions    10" in text and "suggestions 1" in text
    for title in (
        "labels per outlet:",
        "claims per speaker per outlet:",
        "quote types per outlet:",
        "progress per annotator:",
    ):
        assert title in text
    for outlet, row in stats["mentions_by_outlet_label"].items():
        line = next(ln for ln in text.splitlines() if ln.strip().startswith(outlet))
        assert str(row.get("PERS", 0)) in line.split()


def test_window_counts_agree_with_the_command_line(qtbot, annotated, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat)
    window = MainWindow(Workspace(Project.open(str(annotated), "amal")), settings)
    qtbot.addWidget(window)
    window.open_first_document()
    stats = json.loads(mizan("--db", str(annotated), "stats", "--json"))
    shown = open_statistics(window)
    assert f"Mentions: {stats['mentions']}" in shown.totals.text()
    assert f"Suggestions: {stats['suggestions']}" in shown.totals.text()
    # the status bar of the first document counts the same way (reviewed, then pending)
    doc = window.doc
    reviewed = sum(m.status in (MentionStatus.MANUAL, MentionStatus.ACCEPTED) for m in doc.mentions)
    assert f"Mentions: {reviewed}" in window.status_counts.text()
    assert "Suggestions: 1" in window.status_counts.text()
    labels = shown.pages[0]
    table = labels.shown_table()
    assert table[0][0] == "Outlet"
    total = sum(int(v) for row in table[1:] for v in row[1:])
    assert total == stats["mentions"]
    window.close()
    window.workspace.project.close()


def test_an_edit_updates_the_open_statistics_window(qtbot, annotated, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat)
    window = MainWindow(Workspace(Project.open(str(annotated), "amal")), settings)
    qtbot.addWidget(window)
    window.open_first_document()
    shown = open_statistics(window)
    assert "Claims: 2" in shown.totals.text()
    doc = window.doc
    window.hub.run(lambda: window.workspace.create_claim(doc.id, 100, 120), window)
    assert "Claims: 3" in shown.totals.text()
    window.close()
    window.workspace.project.close()


def test_chart_and_table_exports(qtbot, annotated, tmp_path):
    ws = Workspace(Project.open(str(annotated), "amal"))
    shown = StatisticsWindow(ws)
    qtbot.addWidget(shown)
    shown.show()
    page = shown.pages[0]
    page.save_to("png", tmp_path / "labels.png")
    image = QImage(str(tmp_path / "labels.png"))
    assert not image.isNull() and image.width() >= 800
    page.save_to("svg", tmp_path / "labels.svg")
    svg = ET.parse(tmp_path / "labels.svg").getroot()
    assert svg.tag.endswith("svg")
    texts = "".join(t.text or "" for t in svg.iter() if t.tag.endswith("text"))
    assert "PERS" in texts  # the legend names the labels
    page.save_to("csv", tmp_path / "labels.csv")
    with open(tmp_path / "labels.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    stats = statistics(ws.project)
    assert rows[0][0] == "outlet"
    pers = rows[0].index("PERS")
    assert sum(int(r[pers]) for r in rows[1:]) == stats["mentions_by_label"]["PERS"]
    page.copy()
    copied = QApplication.clipboard().text().splitlines()
    assert copied[0].split("\t")[0] == "Outlet"
    assert len(copied) == len(rows)
    shown.close()
    ws.project.close()
