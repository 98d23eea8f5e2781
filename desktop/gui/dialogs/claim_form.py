"""The claim form."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)

from desktop.app.workspace import cue_lexicon
from desktop.core.attribution import REASONS, find_cues, source_candidates
from desktop.core.model import ClaimSource, Polarity, QuoteType, SourceKind, Span
from desktop.gui.i18n import tr
from desktop.gui.names import POLARITIES, QUOTE_TYPES
from desktop.text import keyword_in_context


class ClaimDialog(QDialog):
    """The claim form: content, source, cue, quote type, polarity, topics, note.

    Opens filled with the proposal (nearest cue, speaker, quote type from quotation marks) and
    says why each field was proposed; the annotator confirms or changes it. Possible sources are
    listed in text order with the words around them (`desktop.core.attribution`), never as
    offsets; a mention inside another quotation is marked as such.
    """

    def __init__(
        self, workspace, doc, start: int, end: int, proposal=None, claim=None, parent=None
    ):
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
        doc_mentions = {m.ext_id: m for m in doc.mentions}

        # source: the possible speakers in text order, each with the words around it
        self.source = QComboBox()
        self.source.setMinimumContentsLength(40)
        self.source.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.source.addItem(tr("(not set)"), None)
        self.source.addItem(tr("The outlet itself"), ClaimSource(SourceKind.OUTLET).to_json())
        self.source.addItem(tr("Unnamed sources"), ClaimSource(SourceKind.UNNAMED).to_json())
        candidates = proposal.candidates if proposal is not None else ()
        if not candidates:
            candidates = source_candidates(text, start, end, doc.mentions)
        listed = set()
        for c in candidates:
            who = c.text + (f" → {names[c.entity]}" if c.entity in names else "")
            where = tr("in another quotation") if c.in_quotation else c.label
            self.source.addItem(f"{who} ({where}) · {c.context}", {"mention": c.mention})
            listed.add(c.mention)
        current = claim.source.mention if claim is not None and claim.source else None
        if current and current not in listed and current in doc_mentions:  # beyond the reach
            m = doc_mentions[current]
            kwic = keyword_in_context(text, m.start, m.end).line()
            self.source.addItem(
                f"{text[m.start : m.end]} ({m.label}) · {kwic}", {"mention": current}
            )
        for entity in workspace.entities("", limit=200):
            self.source.addItem(f"{entity.name}  ({tr('registry')})", {"entity": entity.key})

        # cue: the cues found before and inside the content
        self.cue = QComboBox()
        self.cue.addItem(tr("(no cue)"), None)

        lo = max(0, start - 300)
        for cue in reversed(find_cues(text, lo, end, cue_lexicon())):
            kwic = keyword_in_context(text, cue.start, cue.end, words=3).line()
            self.cue.addItem(f"{text[cue.start : cue.end]} · {kwic}", [cue.start, cue.end])

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
