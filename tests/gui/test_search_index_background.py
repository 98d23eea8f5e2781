"""The window builds the search index of imported documents in the background: the status bar
shows it, and search finds the same documents before and after."""

from __future__ import annotations

from desktop.app.project import Project
from desktop.app.workspace import Workspace
from desktop.gui.main_window import MainWindow
from desktop.gui.search_index import SearchIndexer, index_in_background
from desktop.storage import search
from tests.conftest import SEEDS


def _pending(project: Project) -> int:
    with project.db.reading() as session:
        return search.pending_count(session)


def test_the_window_indexes_imported_documents_in_the_background(qtbot, tmp_path, settings):
    project = Project.open(str(tmp_path / "m.db"), "tester")
    project.import_paths([SEEDS])
    assert _pending(project) == 5  # the import returned before indexing
    window = MainWindow(Workspace(project), settings)
    qtbot.addWidget(window)
    window.show()
    before = window.workspace.search("بوتين", limit=100)
    assert before
    messages = []
    window.statusBar().messageChanged.connect(messages.append)
    indexer = index_in_background(window)
    qtbot.waitUntil(lambda: indexer.job is None, timeout=20_000)
    assert _pending(project) == 0
    assert any("Search index ready" in m for m in messages)
    assert window.workspace.search("بوتين", limit=100) == before
    assert window.findChildren(SearchIndexer) == [indexer]  # one indexer per window
    window.close()
    project.close()


def test_an_import_in_the_window_is_indexed_after_it(qtbot, tmp_path, settings):
    project = Project.open(str(tmp_path / "m.db"), "tester")
    window = MainWindow(Workspace(project), settings)
    qtbot.addWidget(window)
    job = window.import_paths([SEEDS])
    qtbot.waitUntil(lambda: window.job is None, timeout=20_000)
    assert job is not None and len(window.corpus.ids()) == 5
    indexer = window.findChild(SearchIndexer)
    assert indexer is not None
    qtbot.waitUntil(lambda: indexer.job is None and _pending(project) == 0, timeout=20_000)
    window.close()
    project.close()
