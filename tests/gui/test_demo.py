"""The first-run demo: the sample articles come with claims and clusters, so Compare shows what
Mizan is for (issue 13, point 11)."""

from __future__ import annotations

import json
import runpy

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from desktop.app.project import Project
from desktop.app.resources import demo_corpus
from desktop.app.workspace import Workspace
from desktop.gui.main_window import MainWindow
from tests.conftest import ROOT

FIRST_VISIT = "وفي 7 يناير / كانون الثاني 2020، زار بوتين دمشق لأول مرة"
BADGE = "⚠ 2020-01-07 ≠ 2020-01-17"


@pytest.fixture
def first_run(qtbot, db_path, tmp_path, monkeypatch):
    """A newcomer's first start on an empty database, answering yes to the demo."""
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **kw: QMessageBox.Yes)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat)
    window = MainWindow(Workspace(Project.open(str(db_path), "newcomer")), settings)
    qtbot.addWidget(window)
    window.resize(1600, 1000)
    window.show()
    window.offer_demo()
    qtbot.waitUntil(lambda: window.job is None and len(window.corpus.ids()) == 5, timeout=20_000)
    yield window
    if window.compare_window is not None:
        window.compare_window.close()
    window.close()
    window.workspace.project.close()


def test_first_run_demo_opens_compare_on_clusters_with_the_date_conflict(qtbot, first_run):
    window = first_run
    window.open_compare()
    compare = window.compare_window
    qtbot.waitExposed(compare)
    m = compare.claims_model
    clusters = [r for r, row in enumerate(m.rows) if row.kind == "cluster"]
    assert len(clusters) >= 2
    headings = [m.headerData(r, Qt.Vertical) for r in clusters]
    assert any(h.endswith(BADGE) for h in headings), headings
    conflict = next(r for r in clusters if m.headerData(r, Qt.Vertical).endswith(BADGE))
    shown = " | ".join(m.index(conflict, c).data() for c in range(m.columnCount()))
    assert FIRST_VISIT in shown and "17 يناير 2020" in shown
    assert "1 conflict(s)" in compare.summary.text()


def test_demo_claims_are_the_newcomers_own_and_undoable(qtbot, first_run):
    """The annotations carry no other annotator's name: they are the newcomer's to edit."""
    ws = first_run.workspace
    claims = ws.claims()
    assert len(claims) >= 8
    docs = {d.external_id[:3]: d.id for d in ws.documents()}
    doc = ws.document(docs["004"])
    denied = [c for c in doc.claims if c.polarity.value == "denied"]
    assert denied and {c.annotator for c in doc.claims} == {"newcomer"}
    quotes = {c.quote_type.value for c in ws.document(docs["002"]).claims}
    assert {"direct", "indirect", "outlet_assertion"} <= quotes


def test_importing_the_seeds_folder_still_gives_the_five_plain_articles(seeded):
    """The demo file's suffix keeps it out of a folder import of seeds/ (tests rely on that)."""
    ws = Workspace(seeded)
    assert len(ws.documents()) == 5
    assert ws.claims() == []


def test_the_shipped_demo_is_what_packaging_demo_builds(tmp_path):
    """Regenerate with `python packaging/demo.py` when this fails (a format or seed change)."""
    build = runpy.run_path(str(ROOT / "packaging" / "demo.py"))["build"]
    fresh = build(tmp_path / "demo.ndjson")
    assert fresh.read_bytes() == demo_corpus().read_bytes()
    records = [json.loads(line) for line in demo_corpus().read_text("utf-8").splitlines()]
    assert sum(r.get("type") == "cluster" for r in records) >= 2
