"""When Qt breaks an article into other lines than the offsets map expects, the view never goes
on with wrong offsets: it reloads the text with every line-breaking character replaced one for
one, and when even that disagrees it shows nothing and raises a clear error, which the window
reports (docs/architecture.md, "The change flow")."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.app.project import Project
from desktop.app.workspace import Workspace
from desktop.core.errors import MizanError
from desktop.gui.article import view as view_module
from desktop.gui.article.view import ArticleView, ViewSpan
from desktop.gui.main_window import MainWindow
from desktop.text import Utf16Map

# "\r\n" is one line break to Qt but two characters of the stored text
TEXT = "قال بوتين\r\nإن موسكو مستعدة"


def shown_at(view: ArticleView, start: int, end: int) -> str:
    """The characters Qt holds where the stored offsets [start, end) point."""
    to16 = Utf16Map(view.text).to_utf16
    shown = view.document().toPlainText()
    return shown[to16(start) : to16(end)]


@pytest.fixture
def unmapped(monkeypatch):
    """A Qt line break the normal mapping does not know about (here: a carriage return)."""
    monkeypatch.setattr(view_module, "qt_text", lambda text: text)


def test_a_line_break_the_map_missed_reloads_the_article_with_exact_offsets(qtbot, unmapped):
    view = ArticleView()
    qtbot.addWidget(view)
    moscow = TEXT.index("موسكو")
    view.set_article(TEXT, [ViewSpan(1, moscow, moscow + 5, "mention", "#3366cc", "GPE")])
    assert view.text == TEXT
    assert len(view.document().toPlainText()) == len(TEXT)
    assert shown_at(view, moscow, moscow + 5) == "موسكو"
    view.select_range(moscow, moscow + 5)
    assert view.selected_range() == (moscow, moscow + 5)


def test_when_no_reload_can_keep_offsets_the_view_shows_nothing_and_says_why(
    qtbot, unmapped, monkeypatch
):
    monkeypatch.setattr(view_module, "qt_text_strict", lambda text: text)
    view = ArticleView()
    qtbot.addWidget(view)
    with pytest.raises(MizanError, match="offsets"):
        view.set_article(TEXT, [ViewSpan(1, 0, 3, "mention", "#cc3333", "PERS")])
    assert view.text == "" and view.document().toPlainText() == ""


def test_the_window_reports_an_article_it_cannot_show_exactly(
    qtbot, db_path, tmp_path, settings, unmapped, monkeypatch
):
    monkeypatch.setattr(view_module, "qt_text_strict", lambda text: text)
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    article = tmp_path / "crlf.jsonl"
    article.write_text('{"id": "crlf", "text": "قال بوتين\\u2029إن موسكو"}\n', encoding="utf-8")
    project = Project.open(str(db_path), "tester")
    project.import_paths([article])
    monkeypatch.setattr(view_module, "block_starts", lambda text: [0])  # Qt finds 2 lines
    window = MainWindow(Workspace(project), settings)
    qtbot.addWidget(window)
    window.open_first_document()
    assert len(shown) == 1 and "offsets" in shown[0]
    assert window.view.text == ""
    window.close()
    project.close()
