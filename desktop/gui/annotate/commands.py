"""What the annotator does in the main window: label, relabel, delete, accept or reject
suggestions, link to the registry, annotate all occurrences, claims, details, undo.

A mixin of `MainWindow` (it uses the window's workspace, hub, view, panel and status bar); every
write goes through `MainWindow._run`, so through the hub.
"""

from __future__ import annotations

from desktop.core.model import DocStatus, DocumentMeta, MentionStatus
from desktop.gui import workers
from desktop.gui.dialogs.annotate_all import OccurrencesDialog
from desktop.gui.dialogs.claim_form import ClaimDialog
from desktop.gui.dialogs.registry_link import EntityDialog
from desktop.gui.i18n import tr


class AnnotateCommands:
    """The annotating actions of the main window."""

    def on_selection(self, start: int, end: int) -> None:
        if start < 0 or self.doc is None:
            self.panel.show_selection(None)
            return
        self.panel.show_selection(self.doc.text[start:end], start, end)

    def apply_label(self, label: str) -> None:
        """A label key: label the selected text, or relabel the selected mention."""
        if self.doc is None:
            return
        selection = self.view.selected_range()
        if selection is not None:
            start, end = selection
            self.view.clear_selection()
            change = self._run(
                lambda: self.workspace.create_mention(self.doc.id, start, end, label)
            )
            if change and change.mention_ids:
                self.on_mention_selected(change.mention_ids[0], from_view=True)
        elif isinstance(self.selected_mention, int):
            mention = self._mention(self.selected_mention)
            if mention is not None and mention.label != label:
                self._run(lambda: self.workspace.update_mention(mention.id, label=label))
            elif mention is not None and mention.status is MentionStatus.SUGGESTED:
                self.judge_selected(True)

    def _mention(self, mention_id):
        if self.doc is None:
            return None
        return next((m for m in self.doc.mentions if m.id == mention_id), None)

    def on_span_clicked(self, span_id) -> None:
        self.on_mention_selected(span_id, from_view=True)

    def on_mention_selected(self, mention_id, from_view: bool = False) -> None:
        if isinstance(mention_id, tuple) and mention_id[0] == "cue":
            mention_id = ("claim", mention_id[1])  # a cue stands for its claim
        self.selected_mention = mention_id
        self.view.set_selected_span(mention_id)
        if isinstance(mention_id, tuple):
            self.panel.select_claim(mention_id[1])
            claim = self._claim(mention_id[1])
            if claim is not None and self.doc is not None:
                self.panel.show_annotation(
                    self.doc.text[claim.start : claim.end], claim.start, claim.end
                )
            return
        if from_view:
            self.panel.select_mention(mention_id)
        mention = self._mention(mention_id) if isinstance(mention_id, int) else None
        if mention is not None and self.doc is not None:
            self.panel.show_annotation(
                self.doc.text[mention.start : mention.end], mention.start, mention.end
            )

    def _claim(self, claim_id):
        if self.doc is None:
            return None
        return next((c for c in self.doc.claims if c.id == claim_id), None)

    def new_claim(self) -> None:
        """S: the selection is the content of a new claim; the form opens with proposals."""
        if self.doc is None:
            return
        selection = self.view.selected_range(snap=True)
        if selection is None:
            self.statusBar().showMessage(tr("Select the content of the claim first."), 4000)
            return
        start, end = selection
        doc_id = self.doc.id
        proposal = self._run(lambda: self.workspace.propose_claim(doc_id, start, end))
        if proposal is None:  # refused or failed: the hub has said why
            return
        dialog = ClaimDialog(self.workspace, self.doc, start, end, proposal=proposal, parent=self)
        self.claim_dialog = dialog  # tests reach the open form here
        if not dialog.exec():
            return
        values = dialog.values()
        change = self._run(lambda: self.workspace.create_claim(self.doc.id, start, end, **values))
        if change is not None:
            self.view.clear_selection()
            new = max((c.id for c in self.doc.claims), default=None)
            if new is not None:
                self.on_mention_selected(("claim", new), from_view=True)

    def edit_claim(self, claim_id: int | None = None) -> None:
        if claim_id is None and isinstance(self.selected_mention, tuple):
            claim_id = self.selected_mention[1]
        claim = self._claim(claim_id)
        if claim is None:
            self.statusBar().showMessage(tr("Select a claim first."), 4000)
            return
        dialog = ClaimDialog(
            self.workspace, self.doc, claim.start, claim.end, claim=claim, parent=self
        )
        self.claim_dialog = dialog
        if dialog.exec():
            values = dialog.values()
            self._run(lambda: self.workspace.update_claim(claim.id, **values))

    def adjust_boundaries(self) -> None:
        """Ctrl+B: the selected mention or claim now covers the text selection (snapped)."""
        selection = self.view.selected_range()
        if selection is None or self.selected_mention is None:
            self.statusBar().showMessage(
                tr("Select an annotation, then select its new extent and press Ctrl+B."), 5000
            )
            return
        start, end = selection
        target = self.selected_mention
        self.view.clear_selection()
        if isinstance(target, tuple):
            self._run(lambda: self.workspace.update_claim(target[1], start=start, end=end))
        else:
            self._run(lambda: self.workspace.update_mention(target, start=start, end=end))

    def delete_selected(self) -> None:
        if isinstance(self.selected_mention, tuple):
            claim_id = self.selected_mention[1]
            self.selected_mention = None
            self._run(lambda: self.workspace.delete_claims([claim_id]))
            return
        if isinstance(self.selected_mention, int):
            mention_id = self.selected_mention
            self.selected_mention = None
            self._run(lambda: self.workspace.delete_mentions([mention_id]))

    def judge_selected(self, accept: bool) -> None:
        mention = self._mention(self.selected_mention)
        if mention is None or mention.status is not MentionStatus.SUGGESTED:
            return
        status = MentionStatus.ACCEPTED if accept else MentionStatus.REJECTED
        self._run(lambda: self.workspace.set_status_of_mentions([mention.id], status))
        # straight on to the next suggestion in text order (the first one after the last)
        pending = {m.id: m for m in self.doc.mentions if m.status is MentionStatus.SUGGESTED}
        ids = [i for i in self.panel.tree_model.suggestion_ids() if i in pending]
        after = [
            i for i in ids if (pending[i].start, -pending[i].end) > (mention.start, -mention.end)
        ]
        if ids:
            self.on_mention_selected((after or ids)[0], from_view=True)

    def judge_all(self, accept: bool) -> None:
        ids = self.panel.tree_model.suggestion_ids()
        status = MentionStatus.ACCEPTED if accept else MentionStatus.REJECTED
        self._run(lambda: self.workspace.set_status_of_mentions(ids, status))

    def step_annotation(self, step: int) -> None:
        if self.doc is None:
            return
        mentions = sorted(
            (m for m in self.doc.mentions if m.status is not MentionStatus.REJECTED),
            key=lambda m: (m.start, -m.end),
        )
        if not mentions:
            return
        ids = [m.id for m in mentions]
        if self.selected_mention in ids:
            i = (ids.index(self.selected_mention) + step) % len(ids)
        else:
            i = 0 if step > 0 else len(ids) - 1
        self.on_mention_selected(ids[i], from_view=True)

    def link_entity(self) -> None:
        mention = self._mention(self.selected_mention)
        if mention is None or self.doc is None:
            self.statusBar().showMessage(tr("Select a mention first."), 4000)
            return
        surface = self.doc.text[mention.start : mention.end]
        dialog = EntityDialog(self.workspace, surface, mention.label, self.labels, self)
        if not dialog.exec():
            return
        if dialog.chosen:
            self._run(lambda: self.workspace.update_mention(mention.id, entity=dialog.chosen))
        elif dialog.new_entity:
            name, type_, aliases = dialog.new_entity
            self._run(
                lambda: self.workspace.create_entity(name, type_, aliases, link_mention=mention.id)
            )

    def annotate_all(self) -> None:
        mention = self._mention(self.selected_mention)
        if mention is None or self.doc is None:
            self.statusBar().showMessage(tr("Select a mention first."), 4000)
            return
        surface = self.doc.text[mention.start : mention.end]
        dialog = OccurrencesDialog(surface, mention.label, self)
        if not dialog.exec():
            return
        self.find_and_suggest(
            dialog.query.text(),
            mention.label,
            mention.entity,
            document_id=self.doc.id if dialog.this_document.isChecked() else None,
            clitics=dialog.clitics.isChecked(),
        )

    def find_and_suggest(self, query, label, entity, *, document_id, clitics) -> workers.Job:
        workspace = self.workspace

        def work(progress, cancelled):
            found = workspace.find_occurrences(
                query,
                document_id=document_id,
                clitic_insensitive=clitics,
                progress=progress,
                cancelled=cancelled,
            )
            if cancelled():
                return None
            return workspace.add_suggestions(found, label, entity), len(found)

        def done(result):
            if result is None:
                return
            change, n = result
            self.hub.publish(change)
            self.statusBar().showMessage(
                tr("{n} suggestion(s) added: accept or reject them in the panel.").replace(
                    "{n}", str(n)
                ),
                8000,
            )
            ids = self.panel.tree_model.suggestion_ids()
            if ids:
                self.on_mention_selected(ids[0], from_view=True)

        return self.run_job(tr("Finding occurrences…"), work, done)

    def mark_done(self) -> None:
        self.set_status(DocStatus.DONE)

    def set_status(self, status: DocStatus) -> None:
        if self.doc is not None and status is not None:
            self._run(lambda: self.workspace.set_status(self.doc.id, status))

    def save_meta(self, meta: DocumentMeta) -> None:
        if self.doc is not None:
            self._run(lambda: self.workspace.update_meta(self.doc.id, meta))

    def undo(self) -> None:
        if self._run(self.workspace.undo) is None:
            self.refresh_undo()

    def redo(self) -> None:
        if self._run(self.workspace.redo) is None:
            self.refresh_undo()
