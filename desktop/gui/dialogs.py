"""Dialogs: link a mention to a registry entity, annotate all occurrences, keyboard help."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop.core.attribution import REASONS
from desktop.core.model import LabelSet, RegistryEntity
from desktop.gui.i18n import N_, tr


class EntityDialog(QDialog):
    """Pick a registry entity (folded search over names and aliases) or create one."""

    def __init__(self, workspace, surface: str, label: str, labels: LabelSet, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Link to registry entity"))
        self.workspace = workspace
        self.chosen: str | None = None  # an existing entity key
        self.new_entity: tuple[str, str, list[str]] | None = None  # name, type, aliases

        self.search = QLineEdit(surface)
        self.search.setPlaceholderText(tr("Search names and aliases…"))
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setLayoutDirection(Qt.RightToLeft)
        self.results.itemDoubleClicked.connect(lambda _item: self._pick())

        pick_box = QGroupBox(tr("Existing entity"))
        pick_layout = QVBoxLayout(pick_box)
        pick_layout.addWidget(self.search)
        pick_layout.addWidget(self.results)
        self.link_button = QPushButton(tr("Link"))
        self.link_button.clicked.connect(self._pick)
        pick_layout.addWidget(self.link_button, alignment=Qt.AlignRight)

        new_box = QGroupBox(tr("New entity from this mention"))
        form = QFormLayout(new_box)
        self.name = QLineEdit(surface)
        self.type = QComboBox()
        for lb in labels.labels:
            self.type.addItem(f"{lb.key} · {lb.name_en}", lb.key)
        self.type.setCurrentIndex(max(0, self.type.findData(label)))
        self.aliases = QLineEdit()
        self.aliases.setPlaceholderText(tr("other spellings, separated by ؛ or ;"))
        form.addRow(tr("Canonical name"), self.name)
        form.addRow(tr("Type"), self.type)
        form.addRow(tr("Aliases"), self.aliases)
        self.create_button = QPushButton(tr("Create and link"))
        self.create_button.clicked.connect(self._create)
        form.addRow(self.create_button)

        buttons = QDialogButtonBox(QDialogButtonBox.Cancel)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(pick_box, 3)
        row.addWidget(new_box, 2)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(720, 380)

        self._timer = QTimer(self, singleShot=True, interval=120)
        self._timer.timeout.connect(self._refresh)
        self.search.textChanged.connect(self._timer.start)
        self._refresh()

    def _refresh(self) -> None:
        self.results.clear()
        found: list[RegistryEntity] = self.workspace.entities(self.search.text())
        for entity in found:
            aliases = "، ".join(a for a in entity.aliases[:4])
            item = QListWidgetItem(
                f"{entity.name}  ({entity.type or '—'})" + (f" — {aliases}" if aliases else "")
            )
            item.setData(Qt.UserRole, entity.key)
            self.results.addItem(item)
        if found:
            self.results.setCurrentRow(0)
        self.link_button.setEnabled(bool(found))

    def _pick(self) -> None:
        item = self.results.currentItem()
        if item is not None:
            self.chosen = item.data(Qt.UserRole)
            self.accept()

    def _create(self) -> None:
        name = self.name.text().strip()
        if not name:
            self.name.setFocus()
            return
        aliases = [a.strip() for a in self.aliases.text().replace("؛", ";").split(";") if a.strip()]
        self.new_entity = (name, self.type.currentData(), aliases)
        self.accept()


class OccurrencesDialog(QDialog):
    """Where to look for the other occurrences of a mention."""

    def __init__(self, surface: str, label: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Annotate all occurrences"))
        self.query = QLineEdit(surface)
        self.this_document = QRadioButton(tr("This document"))
        self.corpus = QRadioButton(tr("The whole corpus"))
        self.this_document.setChecked(True)
        self.clitics = QCheckBox(tr("Also with attached و ف ب ك ل (e.g. وبوتين)"))
        self.clitics.setChecked(True)
        explain = QLabel(
            tr(
                "Matches ignore diacritics, tatweel, hamza forms of alef, ى/ي and ة/ه. "
                "Each match becomes a suggestion labelled {label} for you to accept or reject."
            ).replace("{label}", label)
        )
        explain.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(tr("Find"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QFormLayout(self)
        layout.addRow(tr("Text"), self.query)
        layout.addRow(tr("Where"), self.this_document)
        layout.addRow("", self.corpus)
        layout.addRow("", self.clitics)
        layout.addRow(explain)
        layout.addRow(buttons)
        self.resize(460, 240)


SHORTCUTS = [
    (N_("Label the selection / relabel the selected mention"), N_("label keys (see palette)")),
    (N_("Exact characters instead of whole words"), N_("hold Alt while selecting")),
    (N_("New claim from the selected content"), "S"),
    (N_("Edit the selected claim"), N_("Enter in the Claims tab")),
    (N_("Delete the selected annotation"), N_("Del")),
    (N_("Set its boundaries to the text selection"), N_("Ctrl+B")),
    (N_("Undo / redo"), N_("Ctrl+Z / Ctrl+Shift+Z")),
    (N_("Next / previous annotation"), N_("F8 / Shift+F8")),
    (N_("Next / previous document"), N_("Ctrl+PgDown / Ctrl+PgUp")),
    (N_("Link the mention to a registry entity"), N_("Ctrl+L")),
    (N_("Annotate all occurrences"), N_("Ctrl+Shift+A")),
    (N_("Accept / reject the selected suggestion"), N_("Ctrl+Return / Ctrl+Backspace")),
    (N_("Mark the document done"), N_("Ctrl+D")),
    (N_("Compare outlets"), N_("Ctrl+K")),
    (N_("Export dataset"), N_("Ctrl+E")),
    (N_("Search the corpus"), N_("Ctrl+F")),
    (N_("Zoom in / out / reset"), N_("Ctrl++ / Ctrl+- / Ctrl+0")),
    (N_("Import articles"), N_("Ctrl+I")),
    (N_("Open another database"), N_("Ctrl+O")),
    (N_("This help"), N_("F1")),
]


class ShortcutsDialog(QDialog):
    def __init__(self, labels: LabelSet, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Keyboard shortcuts"))
        rows = [(tr(a), tr(k)) for a, k in SHORTCUTS]  # keys like "S" need no translation
        rows += [
            (f"{lb.key} · {lb.name_en} · {lb.name_ar}", lb.shortcut or "") for lb in labels.labels
        ]
        table = QTableWidget(len(rows), 2)
        table.setHorizontalHeaderLabels([tr("Action"), tr("Keys")])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.NoEditTriggers)
        for r, (action, keys) in enumerate(rows):
            table.setItem(r, 0, QTableWidgetItem(action))
            table.setItem(r, 1, QTableWidgetItem(keys))
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.table = table
        self.resize(620, 640)


class ClaimDialog(QDialog):
    """The claim form: content, source, cue, quote type, polarity, topics, note.

    Opens filled with the proposal (nearest cue, speaker, quote type from quotation marks) and
    says why each field was proposed; the annotator confirms or changes it.
    """

    def __init__(
        self, workspace, doc, start: int, end: int, proposal=None, claim=None, parent=None
    ):
        from PySide6.QtWidgets import QCompleter, QPlainTextEdit

        from desktop.core.model import ClaimSource, Polarity, QuoteType, SourceKind

        super().__init__(parent)
        self.setWindowTitle(tr("Claim") if claim is None else tr("Edit claim"))
        self.doc = doc
        self.start, self.end = start, end
        text = doc.text
        names = {k: e.name for k, e in doc.registry.items()}

        content = QPlainTextEdit()  # plain text, scrolls when the claim is long
        content.setReadOnly(True)
        content.setPlainText(" ".join(text[start:end].split()))
        content.setLayoutDirection(Qt.RightToLeft)
        option = content.document().defaultTextOption()
        option.setTextDirection(Qt.RightToLeft)
        option.setAlignment(Qt.AlignRight | Qt.AlignAbsolute)
        content.document().setDefaultTextOption(option)
        content.setMaximumHeight(96)
        offsets = QLabel(f"[{start}, {end})")
        offsets.setObjectName("muted")

        # source: mentions of this document (speakers first, nearest before the content first)
        self.source = QComboBox()
        self.source.addItem(tr("(not set)"), None)
        self.source.addItem(tr("The outlet itself"), ClaimSource(SourceKind.OUTLET).to_json())
        self.source.addItem(tr("Unnamed sources"), ClaimSource(SourceKind.UNNAMED).to_json())
        mentions = [m for m in doc.mentions if m.status.value in ("manual", "accepted")]
        mentions.sort(key=lambda m: (m.label != "PERS", abs(start - m.end)))
        for m in mentions[:60]:
            who = " ".join(text[m.start : m.end].split())
            if m.entity and m.entity in names:
                who += f" → {names[m.entity]}"
            self.source.addItem(f"{who}  ({m.label}, {m.start})", {"mention": m.ext_id})
        for entity in workspace.entities("", limit=200):
            self.source.addItem(f"{entity.name}  ({tr('registry')})", {"entity": entity.key})

        # cue: the cues found before and inside the content
        self.cue = QComboBox()
        self.cue.addItem(tr("(no cue)"), None)
        from desktop.app.workspace import cue_lexicon
        from desktop.core.attribution import find_cues

        lo = max(0, start - 300)
        for cue in reversed(find_cues(text, lo, end, cue_lexicon())):
            self.cue.addItem(f"{text[cue.start : cue.end]}  ({cue.start})", [cue.start, cue.end])

        self.quote_type = QComboBox()
        for qt in QuoteType:
            self.quote_type.addItem(tr(QUOTE_TYPES[qt.value]), qt.value)
        self.polarity = QComboBox()
        for pol in Polarity:
            self.polarity.addItem(tr(POLARITIES[pol.value]), pol.value)
        self.topics = QLineEdit()
        self.topics.setPlaceholderText(tr("comma-separated, e.g. trade, earthquake"))
        completer = QCompleter(workspace.topics(), self)
        completer.setCaseSensitivity(Qt.CaseInsensitive)
        self.topics.setCompleter(completer)
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(70)
        self.reasons = QLabel()
        self.reasons.setWordWrap(True)
        self.reasons.setObjectName("muted")
        self.reasons.setTextFormat(Qt.PlainText)

        if claim is not None:
            self._select(self.source, claim.source.to_json() if claim.source else None)
            self._select(self.cue, [claim.cue.start, claim.cue.end] if claim.cue else None)
            self._select(self.quote_type, claim.quote_type.value)
            self._select(self.polarity, claim.polarity.value)
            self.topics.setText(", ".join(claim.topics))
            self.note.setPlainText(claim.note or "")
        elif proposal is not None:
            self._select(self.source, proposal.source.to_json() if proposal.source else None)
            if proposal.cue is not None:
                self._select(self.cue, [proposal.cue.start, proposal.cue.end])
            self._select(self.quote_type, proposal.quote_type.value)
            self._select(self.polarity, proposal.polarity.value)
            reasons = [tr(REASONS[key]).format(**values) for key, values in proposal.reason_keys]
            self.reasons.setText(
                tr("Proposed — check before saving:") + "\n• " + "\n• ".join(reasons)
            )

        form = QFormLayout()
        form.addRow(tr("Content"), content)
        form.addRow("", offsets)
        form.addRow(tr("Source"), self.source)
        form.addRow(tr("Cue"), self.cue)
        form.addRow(tr("Quote type"), self.quote_type)
        form.addRow(tr("Polarity"), self.polarity)
        form.addRow(tr("Topics"), self.topics)
        form.addRow(tr("Note"), self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.reasons)
        layout.addWidget(buttons)
        self.resize(620, 480)

    @staticmethod
    def _select(combo: QComboBox, data) -> None:
        for i in range(combo.count()):
            if combo.itemData(i) == data:
                combo.setCurrentIndex(i)
                return

    def values(self) -> dict:
        """The form as keyword arguments for Workspace.create_claim / update_claim."""
        from desktop.core.model import ClaimSource, Polarity, QuoteType, SourceKind, Span

        source_json = self.source.currentData()
        source = None
        if source_json:
            ((kind, ref),) = source_json.items()
            kind = SourceKind(kind)
            source = ClaimSource(
                kind,
                mention=ref if kind is SourceKind.MENTION else None,
                entity=ref if kind is SourceKind.ENTITY else None,
            )
        cue = self.cue.currentData()
        return {
            "source": source,
            "cue": Span(cue[0], cue[1]) if cue else None,
            "quote_type": QuoteType(self.quote_type.currentData()),
            "polarity": Polarity(self.polarity.currentData()),
            "topics": [
                t.strip() for t in self.topics.text().replace("،", ",").split(",") if t.strip()
            ],
            "note": self.note.toPlainText().strip() or None,
        }


QUOTE_TYPES = {
    "direct": N_("direct quote"),
    "indirect": N_("indirect (paraphrase)"),
    "mixed": N_("mixed"),
    "outlet_assertion": N_("the outlet's own assertion"),
}
POLARITIES = {"asserted": N_("asserted"), "denied": N_("denied"), "hedged": N_("hedged")}
