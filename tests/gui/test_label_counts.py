"""The counts of the status bar and the corpus row follow suggestions being added, accepted and
rejected: after an edit they are carried over from the counts before it (`CorpusModel.count_edit`),
and must equal a count of what is stored."""

from __future__ import annotations

import re

from desktop.app.mentions import Occurrence
from desktop.core.model import MentionStatus
from tests.gui.test_main_window import stored_mentions, window  # noqa: F401


def _shown(w) -> tuple[int, int, int]:
    text = w.status_counts.text()
    bar = int(re.search(r"Mentions: (\d+)", text).group(1))
    found = re.search(r"Suggestions: (\d+)", text)
    model = w.corpus.model
    row = int(model.index(model.row_of(w.doc.id), 3).data().split()[0])
    return bar, row, int(found.group(1)) if found else 0


def _stored(db_path, doc_id) -> tuple[int, int, int]:
    statuses = [m.status for m in stored_mentions(db_path, doc_id)]
    reviewed = statuses.count(MentionStatus.MANUAL) + statuses.count(MentionStatus.ACCEPTED)
    return reviewed, reviewed, statuses.count(MentionStatus.SUGGESTED)


def test_suggestions_added_accepted_and_rejected_keep_the_counts_right(
    qtbot,
    window,  # noqa: F811
    db_path,
):
    window.open_first_document()
    doc = window.doc
    taken = {(m.start, m.end) for m in doc.mentions}
    words = [w.span() for w in re.finditer(r"\w{3,}", doc.text) if w.span() not in taken][:3]
    found = [Occurrence(doc.id, a, b, doc.text[a:b]) for a, b in words]
    window._run(lambda: window.workspace.add_suggestions(found, "PERS"))
    assert _shown(window) == _stored(db_path, doc.id)
    assert _shown(window)[2] == 3

    pending = [m for m in window.doc.mentions if m.status is MentionStatus.SUGGESTED]
    first, second = pending[:2]
    window._run(lambda: window.workspace.set_status_of_mentions([first.id], MentionStatus.ACCEPTED))
    assert _shown(window) == _stored(db_path, doc.id)
    window._run(
        lambda: window.workspace.set_status_of_mentions([second.id], MentionStatus.REJECTED)
    )
    assert _shown(window) == _stored(db_path, doc.id)
    assert _shown(window)[2] == 1
