"""Screenshots of the team views (`mizan --screenshot OUT.png --view agreement|curation`)."""

from __future__ import annotations

from desktop.gui.teams import open_agreement, open_curation


def view_agreement(window):
    return open_agreement(window)


def view_curation(window):
    doc = window.doc
    if doc is None:
        ids = window.corpus.ids()
        window.open_document(ids[0])
        doc = window.doc
    return open_curation(window, doc.id)
