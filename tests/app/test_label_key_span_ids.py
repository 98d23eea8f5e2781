"""A new mention's span id is the first free one after the document's span count, however the
count was last learnt: a label key reuses the count its own connection left when nothing was
written since (`storage.mentions.counted`), and counts again after any other write, its own
or another process's."""

from __future__ import annotations

import pytest

from desktop.app.project import Project
from desktop.app.workspace import Workspace

TEXT = "قال بوتين في موسكو إن روسيا والصين وقعتا اتفاقا في بكين أمس"


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "ids.db")
    return request.getfixturevalue("postgres_url")


def words(n: int) -> list[tuple[int, int]]:
    out, at = [], 0
    for word in TEXT.split()[:n]:
        at = TEXT.index(word, at)
        out.append((at, at + len(word)))
        at += len(word)
    return out


def ext_ids(ws: Workspace, doc_id: int) -> list[str]:
    return sorted(m.ext_id for m in ws.document(doc_id).mentions)


def made(ws: Workspace, doc_id: int, span: tuple[int, int]) -> str:
    ws.create_mention(doc_id, *span, "PERS")
    (m,) = [m for m in ws.document(doc_id).mentions if (m.start, m.end) == span]
    return m.ext_id


def test_span_ids_after_deletions_here_and_elsewhere(url, tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    first = Workspace(Project.open(url, "ali"))
    first.project.import_paths([tmp_path / "a.txt"])
    second = Workspace(Project.open(url, "ali"))  # another process: its own engine
    did = first.documents()[0].id
    spans = words(7)
    assert [made(first, did, s) for s in spans[:3]] == ["m1", "m2", "m3"]

    # another process deletes m2 and m3: one span left, so m2 is free again
    gone = [m.id for m in second.document(did).mentions if m.ext_id in ("m2", "m3")]
    second.delete_mentions(gone)
    assert made(first, did, spans[3]) == "m2"
    assert made(first, did, spans[4]) == "m3"

    # this workspace deletes m3 itself: two spans, m3 free
    (m3,) = [m.id for m in first.document(did).mentions if m.ext_id == "m3"]
    first.delete_mentions([m3])
    assert made(first, did, spans[5]) == "m3"

    # an undo here takes that m3 away again: two spans, m3 free
    first.undo()
    assert made(first, did, spans[6]) == "m3"
    assert ext_ids(second, did) == ["m1", "m2", "m3"]
    first.project.close()
    second.project.close()
