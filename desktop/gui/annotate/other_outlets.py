""" "In other outlets": the selected claim's candidates in other documents, with the figures and
dates that conflict, before anyone builds a cluster.

The candidates come from `Workspace.claim_candidates` (the alignment engine, top 3 per other
document, strong tier first), computed in the thread pool so that moving through the claims list
never waits for it. Everything is plain text (article text is never rich text).
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.gui import workers
from desktop.gui.i18n import isolate, tr

CANDIDATE_ROLE = Qt.UserRole + 1  # (document id, claim id) of the candidate


def candidate_text(s) -> str:
    """One candidate (``s.b``; ``s.a`` is the selected claim) as shown: outlet, score and tier;
    its wording; each conflict, the selected claim's figure first."""
    tier = tr("strong") if s.evidence.get("tier") == "strong" else tr("weaker")
    other = s.b
    lines = [f"{isolate(other.outlet or other.document)} · {s.score:.2f} · {tier}"]
    lines.append("«" + " ".join(other.text.split())[:160] + "»")
    lines.extend(f"⚠ {c.a_text} ≠ {c.b_text}" for c in s.conflicts)
    return "\n".join(lines)


class OtherOutletsView(QWidget):
    """The selected claim's candidates in other outlets; activating one opens it, the button
    opens the Compare window on the claim."""

    candidateActivated = Signal(int, int)  # document id, claim id
    compareRequested = Signal(int)  # claim id

    def __init__(self, workspace, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.claim_id: int | None = None
        self.job: workers.Job | None = None
        self._generation = 0
        self.found: list = []  # (document id, claim id, Suggestion) of the shown claim
        title = QLabel(tr("In other outlets"))
        title.setObjectName("sectionTitle")
        self.status = QLabel(tr("Select a claim to see how other outlets report it."))
        self.status.setObjectName("muted")
        self.status.setWordWrap(True)
        self.list = QListWidget()
        self.list.setLayoutDirection(Qt.RightToLeft)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.itemActivated.connect(self._activated)
        self.compare_button = QPushButton(tr("Compare across outlets"))
        self.compare_button.setToolTip(tr("Open the Compare window on this claim (Ctrl+Shift+C)"))
        self.compare_button.setEnabled(False)
        self.compare_button.clicked.connect(
            lambda: self.claim_id is not None and self.compareRequested.emit(self.claim_id)
        )
        top = QHBoxLayout()
        top.addWidget(title, 1)
        top.addWidget(self.compare_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.list, 1)

    def clear(self) -> None:
        self._generation += 1
        self._cancel()
        self.claim_id = None
        self.found = []
        self.list.clear()
        self.compare_button.setEnabled(False)
        self.status.setText(tr("Select a claim to see how other outlets report it."))

    def show_claim(self, claim_id: int) -> None:
        """Find the claim's candidates in the thread pool; the list fills when they are ready."""
        self._generation += 1
        generation = self._generation
        self._cancel()
        self.claim_id = claim_id
        self.found = []
        self.list.clear()
        self.compare_button.setEnabled(True)
        self.status.setText(tr("Looking in other outlets…"))
        workspace = self.workspace

        def work(_progress, cancelled):
            found = workspace.claim_candidates(claim_id)
            return generation, (None if cancelled() else found)

        job = workers.Job(work)
        job.signals.finished.connect(self._finished)
        job.signals.failed.connect(self._failed)
        self.job = job
        workers.start(job)

    def _cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.job = None

    def _failed(self, message: str) -> None:
        self.job = None
        self.status.setText(message)

    def _finished(self, result) -> None:
        generation, found = result
        if generation != self._generation or found is None:
            return
        self.job = None
        self.found = found
        self.list.clear()
        for doc_id, claim_id, s in found:
            item = QListWidgetItem(candidate_text(s))
            item.setData(CANDIDATE_ROLE, (doc_id, claim_id))
            item.setToolTip(" ".join(s.b.text.split()))
            self.list.addItem(item)
        conflicting = sum(1 for *_, s in found if s.conflicts)
        if not found:
            self.status.setText(tr("No candidate in other outlets."))
        else:
            text = tr("{n} candidate(s) in other outlets").replace("{n}", str(len(found)))
            if conflicting:
                text += " · " + tr("{n} with conflicting figures").replace("{n}", str(conflicting))
            self.status.setText(text)

    def _activated(self, item: QListWidgetItem) -> None:
        doc_id, claim_id = item.data(CANDIDATE_ROLE)
        self.candidateActivated.emit(doc_id, claim_id)

    def cancel(self) -> None:
        self._cancel()


def compare_claim(window, doc, claim_id: int, found=None) -> bool:
    """Show `claim_id` (a claim of `doc`) in the Compare `window`: the documents of `doc`'s
    event, or, without an event, `doc` and the documents of the claim's candidates (`found`, as
    `Workspace.claim_candidates` gives them, else asked for), with the claim's cell selected.
    Whether the cell was found."""
    if doc.meta.event:
        window.show_event(doc.meta.event)
    else:
        if found is None:
            found = window.workspace.claim_candidates(claim_id)
        window.show_documents([doc.id, *(doc_id for doc_id, _, _ in found)])
    window.tabs.setCurrentIndex(0)
    model, table = window.claims_model, window.claims_table
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            if any(cc.claim.id == claim_id for cc in model.cell(index)):
                table.selectionModel().setCurrentIndex(index, QItemSelectionModel.ClearAndSelect)
                table.scrollTo(index)
                return True
    return False
