"""The first-run welcome: what Mizan is for, the ways to start (demo corpus, a database,
importing articles) and the few keys worth knowing on day one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from desktop.gui.i18n import N_, tr

#: (keys, what they do) — a short subset of the full list in Help ▸ Keyboard shortcuts (F1)
CHEAT_SHEET = (
    (N_("Label keys (P, O, G …)"), N_("mark the selected words with a label")),
    ("S", N_("a claim from the selected words")),
    (N_("Ctrl+Z / Ctrl+Shift+Z"), N_("undo / redo")),
    (N_("Ctrl+PgDown / Ctrl+PgUp"), N_("next / previous document")),
    (N_("Ctrl+K"), N_("compare what outlets report")),
    (N_("Ctrl+E"), N_("export a dataset")),
    (N_("F1"), N_("every keyboard shortcut")),
)

DEMO, OPEN, IMPORT = "demo", "open", "import"


class WelcomeDialog(QDialog):
    """:attr:`choice` is ``"demo"``, ``"open"``, ``"import"`` or None (just close)."""

    def __init__(self, parent=None, *, show_again: bool = False):
        super().__init__(parent)
        self.choice: str | None = None
        self.setWindowTitle(tr("Welcome to Mizan"))
        title = QLabel(tr("Welcome to Mizan"))
        title.setObjectName("welcomeTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        about = QLabel(
            tr(
                "Mizan helps you annotate Arabic news articles: mark people, places and "
                "organisations, record who claimed what, link names to one registry, and "
                "compare how different outlets report the same event. Your work is saved as "
                "you go and can be exported as a dataset."
            )
        )
        about.setWordWrap(True)
        about.setTextFormat(Qt.PlainText)

        self.demo_button = QPushButton(tr("Open the demo corpus"))
        self.open_button = QPushButton(tr("Open or create a database…"))
        self.import_button = QPushButton(tr("Import articles…"))
        hints = (
            tr(
                "Five Arabic articles on one event from several outlets, with annotated claims "
                "and clusters across outlets (one with a date conflict), to try Mizan."
            ),
            tr("A database holds a corpus and everyone's annotations (one file)."),
            tr("Plain-text articles (.txt) or annotated data (.jsonl, brat, XMI …)."),
        )
        start = QGridLayout()
        for row, (button, hint) in enumerate(
            zip((self.demo_button, self.open_button, self.import_button), hints, strict=True)
        ):
            hint_label = QLabel(hint)
            hint_label.setObjectName("muted")
            hint_label.setWordWrap(True)
            # a wrapped hint must never be squeezed below its height for the column's width
            hint_label.setMinimumHeight(hint_label.heightForWidth(420))
            start.addWidget(button, row, 0, Qt.AlignTop)
            start.addWidget(hint_label, row, 1, Qt.AlignTop)
        start.setColumnStretch(1, 1)
        for button, choice in (
            (self.demo_button, DEMO),
            (self.open_button, OPEN),
            (self.import_button, IMPORT),
        ):
            button.clicked.connect(lambda _=False, c=choice: self._choose(c))

        keys_title = QLabel(tr("Keys to know"))
        bold = keys_title.font()
        bold.setBold(True)
        keys_title.setFont(bold)
        keys = QGridLayout()
        keys.setHorizontalSpacing(16)
        for row, (key, what) in enumerate(CHEAT_SHEET):
            key_label = QLabel(tr(key))
            key_label.setObjectName("key")
            if not any("\u0600" <= ch <= "\u06ff" for ch in key_label.text()):
                key_label.setLayoutDirection(Qt.LeftToRight)  # key names read left to right
            keys.addWidget(key_label, row, 0)
            keys.addWidget(QLabel(tr(what)), row, 1)
        keys.setColumnStretch(1, 1)

        self.show_again = QCheckBox(tr("Show this window when Mizan starts"))
        self.show_again.setChecked(show_again)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(about)
        layout.addSpacing(8)
        layout.addLayout(start)
        layout.addSpacing(8)
        layout.addWidget(keys_title)
        layout.addLayout(keys)
        layout.addStretch(1)
        layout.addWidget(self.show_again)
        layout.addWidget(buttons)
        self.resize(680, max(520, self.sizeHint().height()))

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()


def show_welcome(window, *, first_run: bool = False) -> str | None:
    """Help ▸ Welcome (and the first start): show the dialog and do what was chosen."""
    from desktop.app.resources import demo_corpus

    prefs = window.prefs
    dialog = WelcomeDialog(window, show_again=not prefs.get("welcome/shown") and not first_run)
    window.welcome_dialog = dialog
    dialog.exec()
    prefs.set("welcome/shown", not dialog.show_again.isChecked())
    if dialog.choice == DEMO:
        window.import_paths([demo_corpus()])
    elif dialog.choice == OPEN:
        window.open_database()
    elif dialog.choice == IMPORT:
        window.import_files()
    return dialog.choice
