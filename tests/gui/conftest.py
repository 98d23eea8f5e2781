from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings


@pytest.fixture
def settings(tmp_path):
    """Window settings in a throw-away file, never the user's."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)


@pytest.fixture
def seeded_window(qtbot, seeded, db_path, settings):
    """The main window on the five plain seed articles, closed (and back in English) after."""
    from PySide6.QtWidgets import QApplication

    from desktop.gui.i18n import set_language
    from tests.gui.test_main_window import make_window

    w = make_window(qtbot, db_path, settings)
    yield w
    w.close()
    w.workspace.project.close()
    set_language(QApplication.instance(), "en")


@pytest.fixture
def annotated_window(qtbot, db_path, tmp_path, settings):
    """The main window on the seeds with their annotated claims (tests/compare/seed_corpus)."""
    from desktop.app.project import Project
    from desktop.app.workspace import Workspace
    from desktop.formats.jsonl import write_jsonl
    from desktop.gui.main_window import MainWindow
    from tests.compare import seed_corpus

    src = tmp_path / "seeds.jsonl"
    with src.open("w", encoding="utf-8") as out:
        write_jsonl(seed_corpus(), out)
    project = Project.open(str(db_path), "tester")
    project.import_paths([src])
    w = MainWindow(Workspace(project), settings)
    qtbot.addWidget(w)
    w.show()
    yield w
    if w.compare_window is not None:
        w.compare_window.close()
    w.close()
    project.close()
