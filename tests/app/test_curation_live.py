"""Another process's writes reach an open window: `ExternalChanges.poll` reports them with
origin EXTERNAL and the documents they touched, on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest

from desktop.app.live import ExternalChanges
from desktop.app.project import Project
from desktop.app.workspace import Workspace
from desktop.core.changes import ChangeKind, Origin


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "live.db")
    return request.getfixturevalue("postgres_url")


def test_a_second_workspace_sees_the_first_ones_edits_undo_and_imports(url, tmp_path):
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(f"قال بوتين في موسكو {name}", encoding="utf-8")
    first = Workspace(Project.open(url, "ali"))
    first.project.import_paths([tmp_path / "a.txt"])
    second = Workspace(Project.open(url, "badr"))  # another process: its own engine
    watcher = ExternalChanges(second.db)
    assert watcher.poll() is None  # nothing new

    did = first.documents()[0].id
    first.create_mention(did, 4, 9, "PERS")
    change = watcher.poll()
    assert change.origin is Origin.EXTERNAL and change.document_ids == {did}
    assert ChangeKind.MENTION in change.kinds
    assert [m.label for m in second.document(did).mentions] == ["PERS"]
    assert watcher.poll() is None  # reported once

    first.undo()
    assert watcher.poll().document_ids == {did}
    assert second.document(did).mentions == ()

    first.project.import_paths([tmp_path / "b.txt"])  # no history: seen by the new rows
    change = watcher.poll()
    assert ChangeKind.CORPUS in change.kinds
    assert len(second.documents()) == 2

    second.create_mention(did, 4, 9, "PERS")  # one's own write, marked as seen
    watcher.seen()
    assert watcher.poll() is None
    first.project.close()
    second.project.close()
