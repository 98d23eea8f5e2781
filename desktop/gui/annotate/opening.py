"""Opening a document in the main window and keeping it current after an edit: the article,
its spans, the mention tree, the claims list, the header and the counts.

A mixin of `MainWindow` (it uses the window's workspace, view, panel, corpus list and status
bar). A long article is painted first from the mentions around the place it opens at, and read
whole just after that paint (docs/benchmarks.md, "Opening the big article"); an edit updates
only the spans, blocks and rows it changed (docs/architecture.md, "The change flow").
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMessageBox

from desktop.core.changes import Change
from desktop.core.errors import MizanError
from desktop.core.model import DocStatus
from desktop.gui.article.edits import merge_annotations
from desktop.gui.article.gc_pause import paused_gc
from desktop.gui.article.spans import claim_span_ids, claim_spans, document_spans, mention_span
from desktop.gui.i18n import isolate, tr
from desktop.gui.names import STATUS_TEXT


class DocumentOpening:
    """The document-open and update paths of the main window."""

    #: An article with more mentions than this is painted first from the mentions around the
    #: place it opens at (that many characters before it, four times as many after), and read
    #: whole just after.
    LONG_ARTICLE = 5_000
    FIRST_SCREEN_CHARS = 5_000
    _rest_for: int | None = None  # the document whose first screen only is loaded

    def open_document(self, doc_id: int) -> None:
        if self.doc is not None and self.doc.id == doc_id:
            return
        self.panel.flush_meta()  # a detail being typed is saved before its document goes
        if self.doc is not None:
            self.places.leaving(self.doc.id)
        self.selected_mention = None
        self._load(doc_id, reset_view=True)
        self.corpus.select(doc_id, emit=False)
        self.places.opened(doc_id)

    def open_first_document(self) -> None:
        last = self.places.last_document()
        ids = self.corpus.ids()
        if last is not None and int(last) in ids:
            self.open_document(int(last))
        elif ids:
            self.open_document(ids[0])

    @paused_gc  # 50,000 mentions: no collections while they load (see gc_pause)
    def _load(self, doc_id: int, *, reset_view: bool, meta: bool | None = None) -> None:
        summary = next((d for d in self.corpus.model.rows if d.id == doc_id), None)
        self.doc_status = summary.status if summary else DocStatus.NOT_STARTED
        self._rest_for = None
        if (
            reset_view
            and summary is not None
            and summary.mentions + summary.suggestions > self.LONG_ARTICLE
            and self.isVisible()
        ):
            # a long article: its first screen is painted from the mentions around the place
            # it opens at, the rest is read just after that paint (`_load_rest`)
            top = self.prefs.scroll_position(self.places.database, doc_id) or 0
            lo = max(0, top - self.FIRST_SCREEN_CHARS)
            doc = self.workspace.document_part(doc_id, lo, top + 4 * self.FIRST_SCREEN_CHARS)
            self._rest_for = doc_id
            self.view.after_paint(self._load_rest)
            QTimer.singleShot(2000, self._load_rest)  # in case no paint comes (minimised)
        else:
            doc = self.workspace.document(doc_id)
        self.doc = doc
        spans = document_spans(doc, self.labels, self.workspace.annotator)
        if reset_view:
            try:
                self.view.set_article(doc.text, spans)
            except MizanError as exc:  # Qt would put the spans in the wrong places
                QMessageBox.warning(self, tr("Mizan"), f"{doc.external_id}: {exc}")
        else:
            self.view.set_spans(spans)
        self.view.set_selected_span(self.selected_mention)
        if self._rest_for is None:
            self.panel.show_document(doc)
        else:
            self.panel.show_document_later(doc)
        self.panel.show_claims(doc)
        self.panel.select_mention(self.selected_mention)
        if reset_view if meta is None else meta:
            outlets, events = self.workspace.outlets_and_events()
            self.panel.show_meta(doc, self.doc_status, outlets, events)
            self._update_header()
        self._update_counts()

    @property
    def loading_rest(self) -> bool:
        """Whether the open article's first screen is shown and the rest is still to be read."""
        return self._rest_for is not None

    @paused_gc
    def _load_rest(self) -> None:
        """The whole of a long article, once its first screen was painted (`_load`): every
        span, the mention tree, the counts. Edits made meanwhile are in what is read."""
        doc_id = self._rest_for
        if doc_id is None or self.doc is None or self.doc.id != doc_id:
            return
        self._rest_for = None
        doc = self.doc = self.workspace.document(doc_id)
        self.view.set_spans(document_spans(doc, self.labels, self.workspace.annotator))
        self.view.set_selected_span(self.selected_mention)
        self.panel.show_document(doc)
        if doc.claims:  # their speakers may be mentions outside the first screen
            self.panel.show_claims(doc)
        self.panel.select_mention(self.selected_mention)
        self.corpus.model.update_counts(doc)  # an edit made meanwhile counted nothing
        self._update_counts()

    def _update_header(self) -> None:
        doc = self.doc
        if doc is None:
            self.header.setText("")
            return
        meta = doc.meta
        summary = next((d for d in self.corpus.model.rows if d.id == doc.id), None)
        title = meta.title or (summary.meta.title if summary else None) or doc.external_id
        source = isolate(meta.outlet) if meta.outlet else ""
        if meta.original_source:
            via = f"{tr('via')} {isolate(meta.original_source)}"
            source = f"{source} ({via})" if source else via
        bits = [source.strip(), meta.published.isoformat() if meta.published else "", meta.event]
        # each piece is a bidi isolate, so Arabic and Latin pieces keep their own order; one line
        self.header.setText("  ·  ".join(isolate(b) for b in (title, *bits) if b))
        rtl = meta.language in ("ar", "fa", "ur", "he")
        self.header.setLayoutDirection(Qt.RightToLeft if rtl else Qt.LeftToRight)
        self.header.setAlignment((Qt.AlignRight if rtl else Qt.AlignLeft) | Qt.AlignAbsolute)

    def _update_counts(self) -> None:
        if self.doc is None or self._rest_for is not None:  # counted once the rest is read
            self.status_counts.setText("")
            return
        mentions, suggested = self.corpus.model.mention_counts(self.doc)  # the corpus row's too
        text = (
            f"{tr('Mentions')}: {mentions} · {tr('Claims')}: {len(self.doc.claims)}"
            f" · {tr(STATUS_TEXT[self.doc_status])}"
        )
        if suggested:
            text += f" · {tr('Suggestions')}: {suggested}"
        self.status_counts.setText(text)

    def update_annotations(self, change: Change) -> None:
        """Mentions or claims of the open document changed (an edit, its undo or redo): only
        their spans, their blocks of the article, their rows of the mention tree and the claims
        list change. Removals need no read; new and changed rows are read back once."""
        old = self.doc
        new, changed_m, gone_m, changed_c, gone_c, swapped = merge_annotations(
            self.workspace, old, change
        )
        self.doc = new
        self.corpus.model.count_edit(old.mentions, new.mentions, *swapped)
        names = {k: e.name for k, e in new.registry.items()}
        me = self.workspace.annotator
        added = [s for m in changed_m if (s := mention_span(m, self.labels, names, None, me))]
        for c in changed_c:
            added.extend(claim_spans(c, me))
        removed_ids = [*gone_m, *(m.id for m in changed_m)]
        removed_ids += claim_span_ids([*gone_c, *(c.id for c in changed_c)])
        self.view.update_spans(removed_ids, added)
        self.view.set_selected_span(self.selected_mention)
        if (changed_m or gone_m) and self._rest_for is None:  # else filled by `_load_rest`
            self.panel.update_mentions(new, gone_m, changed_m)
            self.panel.select_mention(self.selected_mention)
        if changed_c or gone_c:
            self.panel.show_claims(new)
            if isinstance(self.selected_mention, tuple):
                self.panel.select_claim(self.selected_mention[1])
        self._update_counts()
