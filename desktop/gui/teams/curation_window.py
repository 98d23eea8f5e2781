"""The curation window: the annotators' versions of each disputed region side by side with the
curated layer, one row per disagreement, each decided with one key.

Keys: 1–9 take that annotator's version, D drops the region, E edits it (a mention's label and
bounds; a claim's bounds, quote type, polarity and whose speaker), M merges the spans everyone
agrees on, Ctrl+Z / Ctrl+Shift+Z undo and redo the curated layer. Below the table, the words
around the selected region, the region marked.
The window writes through a `Workspace` opened as the annotator `curation`, and every decision
goes through the main window's hub, so the article and lists update like for any edit.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.app.curation import CURATION, DROP, ClaimEdit, Edit
from desktop.app.project import Project
from desktop.app.workspace import Workspace
from desktop.core.changes import Change
from desktop.core.model import Polarity, QuoteType, SourceKind
from desktop.core.speakers import Speaker
from desktop.gui.i18n import N_, isolate, tr
from desktop.gui.models.cells import plain_tip
from desktop.gui.names import POLARITIES, QUOTE_TYPES, speaker_text
from desktop.text.offsets import cp_to_utf16

#: characters of context shown on each side of the selected region (cut at a line break)
CONTEXT = 240

KIND_TEXT = {
    "missing": N_("missing"),
    "label": N_("label"),
    "entity": N_("entity link"),
    "boundary": N_("boundary"),
    "attribute": N_("claim attribute"),
}


def describe(version, text: str, spans: Mapping[str, tuple[int, int]] | None = None) -> str:
    """One annotator's version of a region, on one line ("—" when they marked nothing);
    `spans` places the mentions that sources name (by their ext id)."""
    parts = []
    for m in version.mentions:
        link = f" → {m.entity}" if m.entity else ""
        parts.append(f"{m.label} «{isolate(text[m.start : m.end])}»{link}")
    for c in version.claims:
        parts.append(claim_text(c, text, spans or {}))
    return "; ".join(parts) or "—"


def claim_text(c, text: str, spans: Mapping[str, tuple[int, int]]) -> str:
    """A claim's attributes as the other windows name them: quote type, polarity, source."""
    source = _source_text(c, text, spans)
    quote = tr(QUOTE_TYPES.get(c.quote_type.value, c.quote_type.value))
    return f"{quote}, {tr(POLARITIES.get(c.polarity.value, c.polarity.value))}, {source}"


def _source_text(c, text: str, spans: Mapping[str, tuple[int, int]]) -> str:
    src = c.source
    if src is not None and src.kind is SourceKind.MENTION and src.mention in spans:
        start, end = spans[src.mention]
        return f"«{isolate(text[start:end])}»"
    if src is not None and src.kind is SourceKind.ENTITY and src.entity:
        return src.entity
    return speaker_text(Speaker(None if src is None else src.kind)) or "—"


def version_tip(version, text: str, spans: Mapping[str, tuple[int, int]]) -> str:
    """The whole version, one span a line, each claim with the words it covers (the table's
    cell is cut to its width)."""
    lines = [describe(type(version)(version.annotator, mentions=(m,)), text)
             for m in version.mentions]  # fmt: skip
    lines += [f"«{isolate(' '.join(text[c.start : c.end].split()))}»\n{claim_text(c, text, spans)}"
              for c in version.claims]  # fmt: skip
    return "\n".join(lines) or "—"


class EditDialog(QDialog):
    """The curator's own span for a region: label and bounds."""

    def __init__(self, labels, start: int, end: int, length: int, label: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Edit span"))
        form = QFormLayout(self)
        self.label = QComboBox()
        for lb in labels.labels:
            self.label.addItem(lb.key, lb.key)
        self.label.setCurrentIndex(max(0, self.label.findData(label)))
        self.start, self.end = QSpinBox(), QSpinBox()
        for box, value in ((self.start, start), (self.end, end)):
            box.setLocale(QLocale.c())  # offsets in 0-9, as in the panel's [start, end)
            box.setRange(0, length)
            box.setValue(value)
        form.addRow(tr("Label"), self.label)
        form.addRow(tr("Start"), self.start)
        form.addRow(tr("End"), self.end)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def edit(self) -> Edit:
        return Edit(self.start.value(), self.end.value(), self.label.currentData())


class ClaimEditDialog(QDialog):
    """The curator's own claim for a region: bounds, quote type, polarity, and whose speaker
    (the versions' sources, by annotator)."""

    def __init__(self, found, text: str, spans, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Edit claim"))
        form = QFormLayout(self)
        base = next(c for v in found.versions for c in v.claims)
        self.start, self.end = QSpinBox(), QSpinBox()
        for box, value in ((self.start, base.start), (self.end, base.end)):
            box.setLocale(QLocale.c())  # offsets in 0-9, as in the panel's [start, end)
            box.setRange(0, len(text))
            box.setValue(value)
        self.quote, self.polarity = QComboBox(), QComboBox()
        for box, names, value in (
            (self.quote, QUOTE_TYPES, base.quote_type),
            (self.polarity, POLARITIES, base.polarity),
        ):
            for key, name in names.items():
                box.addItem(tr(name), key)
            box.setCurrentIndex(max(0, box.findData(value.value)))
        self.speaker = QComboBox()
        for v in found.versions:
            if v.claims:
                c = v.claims[0]
                self.speaker.addItem(f"{isolate(v.annotator)}: {_source_text(c, text, spans)}",
                                     v.annotator)  # fmt: skip
        form.addRow(tr("Start"), self.start)
        form.addRow(tr("End"), self.end)
        form.addRow(tr("Quote type"), self.quote)
        form.addRow(tr("Polarity"), self.polarity)
        form.addRow(tr("Speaker"), self.speaker)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def edit(self) -> ClaimEdit:
        return ClaimEdit(
            self.start.value(),
            self.end.value(),
            QuoteType(self.quote.currentData()),
            Polarity(self.polarity.currentData()),
            self.speaker.currentData(),
        )


class CurationWindow(QWidget):
    def __init__(self, window, doc_id: int):
        super().__init__(window, Qt.Window)
        self.window_ = window
        self.hub = window.hub
        self.labels = window.labels
        main = window.workspace
        self.curator = Workspace(Project(main.db, CURATION))
        self.doc_id = doc_id
        self.setWindowTitle(tr("Curation"))
        self.title = QLabel()
        self.title.setTextFormat(Qt.PlainText)
        self.title.setLayoutDirection(Qt.RightToLeft)
        self.counts = QLabel()
        self.merge_button = QPushButton(tr("Merge agreed spans"))
        self.merge_button.clicked.connect(self.merge)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.counts)
        top.addWidget(self.merge_button)
        self.table = QTableWidget()
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectRows)
        self.table.setSelectionMode(QTableWidget.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.currentCellChanged.connect(lambda *_: self.show_context())
        self.context = QPlainTextEdit()
        self.context.setReadOnly(True)
        self.context.setFocusPolicy(Qt.NoFocus)  # the keys stay with the table
        option = self.context.document().defaultTextOption()  # the article reads right to left
        option.setTextDirection(Qt.RightToLeft)
        option.setAlignment(Qt.AlignRight | Qt.AlignAbsolute)
        self.context.document().setDefaultTextOption(option)
        lines = self.context.fontMetrics().lineSpacing()
        self.context.setFixedHeight(4 * lines + 12)
        self.help = QLabel()
        self.help.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.context)
        layout.addWidget(self.help)
        for key, slot in (
            ("D", lambda: self.decide(DROP)),
            ("E", self.edit),
            ("M", self.merge),
            (QKeySequence.Undo, lambda: self.hub.run(self.curator.undo, self)),
            (QKeySequence.Redo, lambda: self.hub.run(self.curator.redo, self)),
        ):
            QShortcut(QKeySequence(key), self, activated=slot)
        for n in range(1, 10):
            QShortcut(QKeySequence(str(n)), self, activated=lambda n=n: self.take(n))
        self.hub.changed.connect(self.on_change)
        self.resize(1100, 600)
        self.plan = None
        self.refresh()

    # ------------------------------------------------------------------ showing

    def refresh(self) -> None:
        keep = self.current_key()
        doc, plan = self.curator.curation(self.doc_id)
        self.doc, self.plan = doc, plan
        self.title.setText(isolate(doc.meta.title or doc.external_id))
        names = list(plan.annotators)
        self.table.setColumnCount(3 + len(names))
        headers = [tr("Text"), tr("Disagreement")]
        headers += [f"{n}: {isolate(name)}" for n, name in enumerate(names, start=1)]
        headers.append(tr("Curated"))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(plan.disagreements))
        curated = [m for m in doc.mentions if m.annotator == CURATION]
        curated_claims = [c for c in doc.claims if c.annotator == CURATION]
        spans = {m.ext_id: (m.start, m.end) for m in doc.mentions if m.ext_id}
        for row, d in enumerate(plan.disagreements):
            mine = [
                x
                for x in (curated if d.layer == "mention" else curated_claims)
                if x.start < d.end and d.start < x.end
            ]
            dropped = all(
                getattr(x, "status", None) is not None and x.status.value == "rejected"
                for x in mine
            )  # a dropped claim region has no curated claim
            shown = tr("dropped") if dropped else _curated_text(mine, doc.text, spans)
            cells = [
                " ".join(doc.text[d.start : d.end].split()),
                tr(KIND_TEXT[d.kind]),
                *(describe(v, doc.text, spans) for v in d.versions),
                shown if d.resolved else "",
            ]
            tips = [cells[0], cells[1], *(version_tip(v, doc.text, spans) for v in d.versions)]
            tips.append(cells[-1])
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.UserRole, d.key)
                if tips[col]:
                    item.setToolTip(plain_tip(tips[col]))
                if col == 0:  # the article's words read right to left
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                if not d.resolved:
                    font = item.font()
                    font.setBold(col == 1)
                    item.setFont(font)
                self.table.setItem(row, col, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeToContents)
        left = len(plan.open)
        self.counts.setText(
            f"{tr('Open')}: {left} / {len(plan.disagreements)} · "
            f"{tr('Agreed, not merged')}: {len(plan.agreed_mentions) + len(plan.agreed_claims)}"
        )
        self.merge_button.setEnabled(bool(plan.agreed_mentions or plan.agreed_claims))
        keys = "  ".join(f"{n} = {isolate(name)}" for n, name in enumerate(names, start=1))
        self.help.setText(
            f"{tr('Keys')}: {keys}  D = {tr('drop')}  E = {tr('edit')}  "
            f"M = {tr('merge agreed spans')}"
        )
        self.select(keep)
        self.show_context()

    def current(self):
        key = self.current_key()
        plan = self.plan.disagreements if self.plan is not None else ()
        return next((d for d in plan if d.key == key), None)

    def show_context(self) -> None:
        """The words around the selected region (to the line breaks, at most `CONTEXT`
        characters each side), the region marked."""
        d = self.current()
        if d is None:
            self.context.clear()
            return
        text = self.doc.text
        lo = max(d.start - CONTEXT, text.rfind("\n", 0, d.start) + 1)
        hi = text.find("\n", d.end)
        hi = min(d.end + CONTEXT, len(text) if hi < 0 else hi)
        shown = text[lo:hi]
        self.context.setPlainText(shown)
        mark = QTextEdit.ExtraSelection()
        mark.cursor = QTextCursor(self.context.document())
        mark.cursor.setPosition(cp_to_utf16(shown, d.start - lo))
        mark.cursor.setPosition(cp_to_utf16(shown, d.end - lo), QTextCursor.KeepAnchor)
        mark.format.setBackground(QColor("#ffe08a"))
        mark.format.setForeground(QColor("#1a1a1a"))
        self.context.setExtraSelections([mark])
        at = QTextCursor(self.context.document())  # no selection: the mark keeps its colour
        at.setPosition(mark.cursor.selectionStart())
        self.context.setTextCursor(at)
        self.context.ensureCursorVisible()

    def current_key(self) -> str | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return None if item is None else item.data(Qt.UserRole)

    def select(self, key: str | None) -> None:
        """The row of `key` when it is still open, else the first open one."""
        if self.plan is None or not self.plan.disagreements:
            return
        keys = [d.key for d in self.plan.disagreements]
        open_rows = [i for i, d in enumerate(self.plan.disagreements) if not d.resolved]
        row = keys.index(key) if key in keys else (open_rows[0] if open_rows else 0)
        self.table.setCurrentCell(row, 0)  # selectRow misses the current cell right to left

    def on_change(self, change: Change) -> None:
        if self.doc_id in change.document_ids and self.isVisible():
            self.refresh()

    # ------------------------------------------------------------------ deciding

    def _run(self, fn) -> None:
        key = self.current_key()
        if self.hub.run(fn, self) is not None:
            self._next_after(key)

    def _next_after(self, key: str | None) -> None:
        """After a decision, go to the next open disagreement."""
        keys = [d.key for d in self.plan.disagreements]
        start = keys.index(key) + 1 if key in keys else 0
        for i in list(range(start, len(keys))) + list(range(0, start)):
            if not self.plan.disagreements[i].resolved:
                self.table.setCurrentCell(i, 0)  # selectRow misses the current cell right to left
                return

    def decide(self, choice) -> None:
        key = self.current_key()
        if key is not None:
            self._run(lambda: self.curator.resolve(self.doc_id, key, choice))

    def take(self, n: int) -> None:
        if self.plan is not None and 1 <= n <= len(self.plan.annotators):
            self.decide(self.plan.annotators[n - 1])

    def edit(self) -> None:
        key = self.current_key()
        found = next((d for d in self.plan.disagreements if d.key == key), None)
        if found is None:
            return
        if found.layer == "claim":
            spans = {m.ext_id: (m.start, m.end) for m in self.doc.mentions if m.ext_id}
            dialog = ClaimEditDialog(found, self.doc.text, spans, self)
            if dialog.exec() == QDialog.Accepted:
                self.decide(dialog.edit())
            return
        label = next((m.label for v in found.versions for m in v.mentions), "")
        dialog = EditDialog(self.labels, found.start, found.end, len(self.doc.text), label, self)
        if dialog.exec() == QDialog.Accepted:
            self.decide(dialog.edit())

    def merge(self) -> None:
        self._run(lambda: self.curator.merge_agreed(self.doc_id))


def _curated_text(items, text: str, spans: Mapping[str, tuple[int, int]]) -> str:
    parts = []
    for x in items:
        if hasattr(x, "label"):
            parts.append(f"{x.label} «{isolate(text[x.start : x.end])}»")
        else:
            parts.append(claim_text(x, text, spans))
    return "; ".join(parts) or "—"
