"""Mentions read from the database are ordinary frozen `Mention` values, whichever way the
read path builds them (docs/benchmarks.md, "Opening the big article")."""

from __future__ import annotations

import dataclasses

import pytest

from desktop.app.project import Project
from desktop.app.workspace import Workspace
from desktop.core.model import Mention, MentionStatus

TEXT = "قال الرئيس بوتين في موسكو إن شركة غازبروم ستزيد الصادرات"


def test_mentions_read_back_after_reopen_are_frozen_mentions(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    db = str(tmp_path / "m.db")
    project = Project.open(db, "ali")
    project.import_paths([tmp_path / "a.txt"])
    ws = Workspace(project)
    did = ws.documents()[0].id
    start = TEXT.index("موسكو")
    ws.create_mention(did, start, start + len("موسكو"), "GPE")
    project.close()

    project = Project.open(db, "ali")
    try:
        (m,) = Workspace(project).document(did).mentions
    finally:
        project.close()
    assert type(m) is Mention
    assert (m.start, m.end, m.label, m.status, m.annotator, m.ext_id, m.document_id) == (
        start, start + 5, "GPE", MentionStatus.MANUAL, "ali", "m1", did,
    )  # fmt: skip
    assert m == Mention(start, start + 5, "GPE", annotator="ali", ext_id="m1", id=m.id,
                        document_id=did)  # fmt: skip
    assert hash(m) == hash(dataclasses.replace(m))
    assert repr(m).startswith("Mention(start=")
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.label = "PERS"  # type: ignore[misc]
