"""The watch on an SQLite file (`desktop/storage/watch.py`): one's own edits marked as seen are
never reported, another writer's edits are, with their documents only, also when they land
between one's own edit and the next poll; a closed watch reads through a session instead."""

from __future__ import annotations

import sqlite3

from desktop.app.live import ExternalChanges
from desktop.app.project import Project
from desktop.app.workspace import Workspace
from desktop.core.changes import Origin


def two_workspaces(tmp_path):
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(f"قال بوتين في موسكو {name}", encoding="utf-8")
    url = str(tmp_path / "watch.db")
    first = Workspace(Project.open(url, "ali"))
    first.project.import_paths([tmp_path / "a.txt", tmp_path / "b.txt"])
    second = Workspace(Project.open(url, "badr"))  # another process: its own engine
    a, b = (d.id for d in first.documents())
    return first, second, a, b


def test_another_writer_between_ones_own_edit_and_the_poll_is_reported_alone(tmp_path):
    first, second, a, b = two_workspaces(tmp_path)
    watcher = ExternalChanges(second.db)
    second.create_mention(a, 4, 9, "PERS")
    watcher.seen()
    first.create_mention(b, 4, 9, "PERS")  # before the window's next poll
    change = watcher.poll()
    assert change.origin is Origin.EXTERNAL and change.document_ids == {b}
    assert watcher.poll() is None
    first.project.close()
    second.project.close()


def test_a_commit_by_any_other_connection_is_noticed(tmp_path):
    first, second, a, _b = two_workspaces(tmp_path)
    watcher = ExternalChanges(second.db)
    assert watcher.poll() is None
    first.project.close()
    # a writer that is not Mizan's engine at all: a plain sqlite3 connection
    with sqlite3.connect(tmp_path / "watch.db") as con:
        con.execute("UPDATE mention SET label = label")  # no row: nothing to report
        con.execute(
            'INSERT INTO mention (document_id, ext_id, start, "end", label, status,'
            " created_at, updated_at) VALUES (?, 'x1', 4, 9, 'PERS', 'manual',"
            " '2026-01-01 00:00:00', '2026-01-01 00:00:00')",
            (a,),
        )
    assert watcher.poll().document_ids == {a}
    assert watcher.poll() is None
    second.project.close()


def test_a_closed_watch_still_answers_through_a_session(tmp_path):
    first, second, a, _b = two_workspaces(tmp_path)
    watcher = ExternalChanges(second.db)
    watcher.close()
    first.create_mention(a, 4, 9, "PERS")
    assert watcher.poll().document_ids == {a}
    assert watcher.poll() is None
    first.project.close()
    second.project.close()
