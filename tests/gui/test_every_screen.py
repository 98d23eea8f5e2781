"""Every window and dialog of `mizan --screenshot --view …`, in both interface languages: the
layout follows the language, and in Arabic no user-visible string is left in English (labels,
buttons, menus, actions, tooltips, tab and table headers, window titles)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabWidget,
    QWidget,
)

from desktop.app.project import Project
from desktop.app.workspace import Workspace
from desktop.gui.i18n import set_language
from desktop.gui.main import VIEWS, make_window, parse_size, render_view
from desktop.gui.theme import DARK, LIGHT, apply_theme, contrast, readable_on

ARABIC = re.compile(r"[\u0600-\u06ff]")
LATIN = re.compile(r"[A-Za-z]")
# what may stay Latin in the Arabic interface: proper names, label keys, file formats and
# extensions, key names, the database path and the annotator's name
ALLOWED = re.compile(
    r"^(?:"
    r"Mizan|English|العربية|Ctrl\+.*|Shift\+.*|Alt\+.*|F\d+|[A-Z]|[A-Z]{2,9}(\s+\S+)?"
    r"|jsonl|conll|spacy|brat|xmi|csv|parquet|JSONL|CoNLL|spaCy|XMI|CSV|Parquet"
    r"|.*\.(db|ini|jsonl|csv|png|svg|txt)|tester|.*/.*|[\d\s.,:%×/()\-–]+"
    r"|YYYY-MM-DD|\w*\d\w*"  # a date format; identifiers from the data (document ids)
    r"|\w*\d\w*"  # identifiers from the data (document ids)
    r")$"
)


def visible_strings(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) of everything the user can read in ``root`` and its children."""
    found: list[tuple[str, str]] = [("title", root.windowTitle())]
    for w in [root, *root.findChildren(QWidget)]:
        name = type(w).__name__
        if isinstance(w, QLabel):
            found.append((name, w.text()))
        if isinstance(w, QAbstractButton):
            found.append((name, w.text()))
        if isinstance(w, QGroupBox):
            found.append((name, w.title()))
        if isinstance(w, QLineEdit):
            found.append((name + " placeholder", w.placeholderText()))
        if isinstance(w, QTabWidget):
            found += [(name, w.tabText(i)) for i in range(w.count())]
        if isinstance(w, QMenu):
            found.append((name, w.title()))
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            try:
                columns = model.columnCount(QModelIndex())
            except TypeError:  # list models hide columnCount
                columns = 1
            for col in range(columns):
                found.append(("header", str(model.headerData(col, Qt.Horizontal) or "")))
        found.append((name + " tooltip", w.toolTip()))
        for action in w.actions():
            found.append(("action", action.text()))
            found.append(("action tooltip", action.toolTip()))
    return [(where, t) for where, t in found if t]


def untranslated(strings: list[tuple[str, str]]) -> list[tuple[str, str]]:
    bad = []
    for where, text in strings:
        plain = re.sub(r"<[^>]+>|&(?=\w)|[\u2066-\u2069\u200e\u200f]", "", text).strip()
        if not LATIN.search(plain) or ARABIC.search(plain):
            continue
        if ALLOWED.match(plain):
            continue
        bad.append((where, plain))
    return bad


@pytest.fixture(params=["en", "ar"])
def language(request, qapp):
    set_language(qapp, request.param)
    yield request.param
    set_language(qapp, "en")


@pytest.mark.parametrize("view", sorted(VIEWS))
def test_every_view_opens_in_both_languages(qtbot, language, view, seeded, db_path, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat)
    window = make_window(Workspace(Project.open(str(db_path), "tester")), settings=settings)
    qtbot.addWidget(window)
    image = render_view(window, view, parse_size("1024x640"))
    assert image.width() == 1024 or view in ("compare", "statistics")
    shown = VIEWS[view]
    widget = window if view == "annotate" else None
    if widget is None:  # the view's widget: the newest top-level window besides the main one
        from PySide6.QtWidgets import QApplication

        widget = shown(window)
        qtbot.addWidget(widget)
        widget.show()
        QApplication.processEvents()
    expected = Qt.RightToLeft if language == "ar" else Qt.LeftToRight
    assert widget.layoutDirection() == expected
    if language == "ar":
        assert untranslated(visible_strings(widget)) == []
        if view == "annotate":
            for menu in window.menuBar().findChildren(QMenu):
                assert untranslated([("menu", a.text()) for a in menu.actions()]) == []
    widget.close()
    window.close()
    window.workspace.project.close()


def test_an_unknown_view_is_a_clear_error(qtbot, seeded, db_path, tmp_path):
    from desktop.core.errors import MizanError

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat)
    window = make_window(Workspace(Project.open(str(db_path), "tester")), settings=settings)
    qtbot.addWidget(window)
    with pytest.raises(MizanError, match="unknown view .*agreement.*curation"):
        render_view(window, "nosuch", parse_size("1024x640"))
    window.workspace.project.close()


def test_the_walker_finds_an_english_string_left_in_the_arabic_interface(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    label = QLabel("Save table", widget)
    label.setToolTip("PERS")
    assert untranslated(visible_strings(widget)) == [("QLabel", "Save table")]


def test_label_colours_stay_readable_in_both_themes(qapp, seeded):
    """Highlights are pastel under dark ink on the article's paper in both themes; where label
    colours are drawn on the window itself (chart bars) they are shifted to stand out."""
    labels = Workspace(seeded).labels
    try:
        for theme in (LIGHT, DARK):
            assert contrast(theme.ink, theme.paper) >= 7
            assert contrast(theme.window_text, theme.window) >= 7
            assert contrast(theme.muted, theme.window) >= 4.5
            for lb in labels.labels:
                assert contrast(lb.color, theme.ink) >= 4.5, (theme.name, lb.key)
                bar = readable_on(lb.color, theme.window, 3.0)
                assert contrast(bar, theme.window) >= 3.0, (theme.name, lb.key)
        apply_theme(qapp, "dark")
        assert qapp.palette().window().color().name() == DARK.window
    finally:
        apply_theme(qapp, "light")


def test_a_screenshot_copies_what_the_window_painted(qtbot, seeded, db_path, tmp_path):
    """Offscreen, `render_view` copies the window's backing store instead of drawing the
    window again: the pixels are the window's, the same as drawing it again but for a few
    anti-aliased edges."""
    from PySide6.QtGui import QImage

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat)
    window = make_window(Workspace(Project.open(str(db_path), "tester")), settings=settings)
    qtbot.addWidget(window)
    shot = render_view(window, "annotate", parse_size("1024x640")).toImage()
    drawn = window.grab().toImage()
    shot = shot.convertToFormat(QImage.Format.Format_RGB32)
    drawn = drawn.convertToFormat(QImage.Format.Format_RGB32)
    assert shot.size() == drawn.size() == parse_size("1024x640")
    same = sum(
        shot.pixel(x, y) == drawn.pixel(x, y)
        for y in range(0, shot.height(), 4)
        for x in range(0, shot.width(), 4)
    )
    assert same / ((shot.width() // 4) * (shot.height() // 4)) > 0.995
    colours = {shot.pixel(x, 300) for x in range(0, shot.width(), 8)}
    assert len(colours) > 3  # the article, panels and docks, not one flat colour
    window.close()
    window.workspace.project.close()
