"""What the Undo and Redo menu items say after each edit: the next entry each would replay, read
without its operations (`history.undo_texts`)."""

from __future__ import annotations

import pytest

from desktop.app.workspace import Workspace
from tests.app.test_targeted_reads import doc_id
from tests.conftest import SPUTNIK, seed_text


@pytest.fixture
def ws(seeded):
    return Workspace(seeded)


def test_undo_and_redo_name_the_next_entry_of_this_annotator(ws):
    did = doc_id(ws)
    text = seed_text(SPUTNIK)
    assert (ws.undo_state().can_undo, ws.undo_state().can_redo) == (False, False)
    for word, label in (("موسكو", "GPE"), ("سبوتنيك", "ORG")):
        start = text.index(word)
        ws.create_mention(did, start, start + len(word), label)
    state = ws.undo_state()
    assert state.can_undo and not state.can_redo and state.undo_text.startswith("ORG")
    ws.undo()
    state = ws.undo_state()
    assert state.can_undo and state.undo_text.startswith("GPE")
    assert state.can_redo and state.redo_text.startswith("ORG")
    ws.undo()
    state = ws.undo_state()
    assert (state.can_undo, state.undo_text) == (False, "")
    assert state.can_redo and state.redo_text.startswith("GPE")  # the first to redo
