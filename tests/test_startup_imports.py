"""Start-up on a budget: the window and the read commands do not import what only an import, an
export format or the Compare window needs (docs/benchmarks.md, "Start-up")."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Loaded only when their feature is used.
LATER = (
    "desktop.app.importing",
    "desktop.storage.importing",
    "alembic",
    "spacy",
    "pyarrow",
    "cassis",
    "openpyxl",
    "desktop.compare.align",
    "desktop.gui.compare.window",
)


def loaded_after(code: str, tmp_path: Path) -> set[str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "PYTHONPATH": str(ROOT),
    }
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", probe], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def test_the_window_opens_a_current_database_without_import_or_export_machinery(
    seeded, db_path, tmp_path
):
    seeded.close()
    modules = loaded_after(
        "from desktop.gui.main import application, make_window, open_workspace\n"
        "app = application('en')\n"
        f"window = make_window(open_workspace({str(db_path)!r}, 'tester'))\n"
        "window.show()\n"
        "app.processEvents()\n"
        "assert window.doc is not None",
        tmp_path,
    )
    assert "desktop.gui.main_window" in modules  # the probe did open the window
    assert sorted(modules & set(LATER)) == []


def test_a_read_command_imports_no_importer(seeded, db_path, tmp_path):
    seeded.close()
    modules = loaded_after(
        "from desktop.cli import main\n"
        f"main(['--db', {str(db_path)!r}, '--annotator', 'tester', 'stats', '--json'])",
        tmp_path,
    )
    assert "desktop.storage.health" in modules
    assert sorted(modules & set(LATER)) == []


def test_the_read_commands_on_a_current_sqlite_file_import_no_sqlalchemy(seeded, db_path, tmp_path):
    """`stats`, `check`, `export` and `agreement` read a database at the newest revision with the
    standard sqlite3 module (docs/architecture.md, "Units of work and durability"); what they
    print and write is checked too, so a command that failed early cannot pass."""
    seeded.close()
    out = tmp_path / "corpus.jsonl"
    db = str(db_path)
    modules = loaded_after(
        "import contextlib, io, json\n"
        "from desktop.cli import main\n"
        "buf = io.StringIO()\n"
        "with contextlib.redirect_stdout(buf):\n"
        f"    assert main(['--db', {db!r}, 'stats', '--json']) == 0\n"
        f"    assert main(['--db', {db!r}, 'check']) == 0\n"
        f"    assert main(['--db', {db!r}, 'export', '--format', 'jsonl', '--out', {str(out)!r}])"
        " == 0\n"
        f"    assert main(['--db', {db!r}, 'agreement', '--json']) == 0\n"
        "lines = buf.getvalue().splitlines()\n"
        "assert json.loads(lines[0])['documents'] == 5, lines\n"
        "assert lines[1:3] == ['ok', 'jsonl: 5 documents'], lines\n"
        "assert isinstance(json.loads(lines[3]), dict), lines",
        tmp_path,
    )
    assert "desktop.storage.health" in modules and "desktop.storage.corpus" in modules
    assert sorted(m for m in modules if m.split(".")[0] == "sqlalchemy") == []
    assert len(out.read_text(encoding="utf-8").splitlines()) == 5


def test_an_import_into_a_current_sqlite_file_imports_no_sqlalchemy(seeded, db_path, tmp_path):
    """`mizan import` writes a current SQLite file through the standard sqlite3 module
    (desktop/storage/staging.py): new texts with spans, a registry entity, a cluster, and
    another annotator's layer on a stored text; the rows are read back afterwards."""
    seeded.close()
    text = "قال بوتين في موسكو إن المحادثات جيدة"
    claim = {"id": "c1", "start": 0, "end": 18, "source": {"mention": "m1"}}
    mention = {"id": "m1", "start": 4, "end": 9, "label": "PERS", "entity": "putin"}
    records = [
        {"id": "n1", "text": text, "entities": [mention], "claims": [claim],
         "registry": {"putin": {"name": "فلاديمير بوتين", "type": "PERS"}}},
        {"id": "n2", "text": text + " جدا", "claims": [{**claim, "source": {"outlet": True}}]},
        {"type": "cluster", "label": "talks",
         "members": [{"document": "n1", "claim": "c1"}, {"document": "n2", "claim": "c1"}]},
    ]  # fmt: skip
    first = tmp_path / "first.jsonl"
    first.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    layer = tmp_path / "layer.jsonl"
    layer.write_text(json.dumps({**records[0], "id": "x"}, ensure_ascii=False) + "\n", "utf-8")
    db = str(db_path)
    modules = loaded_after(
        "import contextlib, io\n"
        "from desktop.cli import main\n"
        "buf = io.StringIO()\n"
        "with contextlib.redirect_stdout(buf):\n"
        f"    assert main(['--db', {db!r}, '--annotator', 'amal', 'import', {str(first)!r}]) == 0\n"
        f"    assert main(['--db', {db!r}, '--annotator', 'badr', 'import', {str(layer)!r}]) == 0\n"
        "lines = buf.getvalue().splitlines()\n"
        "assert lines[0].startswith('imported 2 document(s), 1 mention(s), 2 claim(s), 1 claim "
        "cluster(s)'), lines\n"
        "assert 'added 1 annotator layer(s)' in lines[1], lines",
        tmp_path,
    )
    assert "desktop.storage.staging" in modules
    assert sorted(m for m in modules if m.split(".")[0] == "sqlalchemy") == []
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT count(*) FROM document").fetchone() == (7,)
        spans = con.execute(
            "SELECT a.name, m.ext_id, e.key FROM mention m JOIN annotator a ON a.id = "
            "m.annotator_id LEFT JOIN entity e ON e.id = m.entity_id ORDER BY a.name"
        ).fetchall()
        assert spans == [("amal", "m1", "putin"), ("badr", "m1@badr", "putin")]
        members = con.execute(
            "SELECT c.ext_id FROM cluster_member k JOIN claim c ON c.id = k.claim_id"
        ).fetchall()
        assert sorted(members) == [("c1",), ("c1",)]


def test_an_import_into_a_new_sqlite_file_imports_no_sqlalchemy(tmp_path):
    """A user's first `mizan import` makes the file (desktop/storage/schema.sql, the default
    label set as SQL text) and imports into it on the sqlite3 module; the rows are read back."""
    from desktop.app.resources import default_label_set
    from desktop.storage.database import HEAD_REVISION
    from tests.conftest import SEEDS

    db = tmp_path / "new folder" / "mizan.db"
    modules = loaded_after(
        "import contextlib, io\n"
        "from desktop.cli import main\n"
        "buf = io.StringIO()\n"
        "with contextlib.redirect_stdout(buf):\n"
        f"    assert main(['--db', {str(db)!r}, '--annotator', 'amal', 'import', {str(SEEDS)!r}])"
        " == 0\n"
        "assert buf.getvalue().startswith('imported 5 document(s)'), buf.getvalue()",
        tmp_path,
    )
    assert "desktop.storage.schema" in modules and "desktop.storage.staging" in modules
    assert sorted(m for m in modules if m.split(".")[0] == "sqlalchemy") == []
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (HEAD_REVISION,)
        ]
        assert con.execute("SELECT count(*) FROM document").fetchone() == (5,)
        keys = [r[0] for r in con.execute('SELECT "key" FROM label ORDER BY position')]
        assert keys == [label.key for label in default_label_set().labels]


def test_a_new_sqlite_file_is_made_without_sqlalchemy_and_the_window_works_on_it(tmp_path):
    """A first start on a new file: the file and its label set are made without SQLAlchemy;
    the window shows an empty corpus and the default labels, and a first import from it is
    listed."""
    db = tmp_path / "mizan.db"
    modules = loaded_after(
        "import sys, time\n"
        "from desktop.app.project import Project\n"
        "from desktop.app.resources import default_label_set\n"
        "from desktop.app.workspace import Workspace\n"
        "from desktop.gui.main import application, make_window\n"
        "from tests.conftest import SEEDS\n"
        "app = application('en')\n"
        f"project = Project.open({str(db)!r}, 'tester')\n"
        "assert 'sqlalchemy' not in sys.modules\n"
        "ws = Workspace(project)\n"
        "window = make_window(ws)\n"
        "window.show()\n"
        "app.processEvents()\n"
        "assert window.corpus.ids() == [] and window.doc is None\n"
        "assert window.labels == default_label_set(), window.labels\n"
        "window.import_paths([SEEDS])\n"
        "deadline = time.monotonic() + 60\n"
        "while window.job is not None and time.monotonic() < deadline:\n"
        "    app.processEvents()\n"
        "assert len(window.corpus.ids()) == 5, window.corpus.ids()\n"
        "window.close()\n"
        "ws.project.close()",
        tmp_path,
    )
    assert "desktop.gui.main_window" in modules


def test_the_windows_first_paint_on_a_current_sqlite_file_imports_no_sqlalchemy(
    seeded, db_path, tmp_path
):
    """`mizan --screenshot` of the main view reads the corpus list, its filters, the label set,
    the Undo text and the first article as SQL text (storage/listing.py); SQLAlchemy comes with
    the first write. The picture shows the seeds, so a window that failed early cannot pass."""
    from PySide6.QtGui import QImage

    seeded.close()
    shot = tmp_path / "main.png"
    modules = loaded_after(
        "from desktop.cli import main\n"
        f"assert main(['--db', {str(db_path)!r}, '--annotator', 'tester', '--screenshot',"
        f" {str(shot)!r}, '--size', '1024x640']) == 0",
        tmp_path,
    )
    assert "desktop.gui.main_window" in modules and "desktop.storage.listing" in modules
    assert sorted(m for m in modules if m.split(".")[0] == "sqlalchemy") == []
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1024, 640)


def test_the_first_write_of_a_lean_window_is_stored_and_listed(seeded, db_path, tmp_path):
    """The window opened without SQLAlchemy; the first status set loads it and is saved, and
    the corpus list read again shows it."""
    seeded.close()
    modules = loaded_after(
        "import sys\n"
        "from desktop.core.model import DocStatus\n"
        "from desktop.gui.main import application, make_window, open_workspace\n"
        "app = application('en')\n"
        f"window = make_window(open_workspace({str(db_path)!r}, 'tester'))\n"
        "window.show()\n"
        "app.processEvents()\n"
        "assert 'sqlalchemy' not in sys.modules\n"
        "ws = window.workspace\n"
        "doc = window.doc.id\n"
        "ws.set_status(doc, DocStatus.DONE)\n"
        "assert 'sqlalchemy' in sys.modules\n"
        "row = next(d for d in ws.documents() if d.id == doc)\n"
        "assert row.status is DocStatus.DONE, row\n"
        "assert ws.undo_state().undo_text == 'mark done', ws.undo_state()\n"
        "window.close()\n"
        "ws.project.close()",
        tmp_path,
    )
    assert "sqlalchemy" in modules


def test_the_window_loads_sqlalchemy_just_after_its_first_paint(seeded, db_path, tmp_path):
    """The interactive window paints first, then makes ready for writes (the models, the
    engine), so the first label key does not wait for the imports."""
    seeded.close()
    modules = loaded_after(
        "import sys, time\n"
        "from desktop.gui.main import (after_first_paint, after_start, application,"
        " make_window, open_workspace)\n"
        "app = application('en')\n"
        f"ws = open_workspace({str(db_path)!r}, 'tester')\n"
        "window = make_window(ws)\n"
        "seen = []\n"
        "after_first_paint(window, lambda: (seen.append('sqlalchemy' in sys.modules),"
        " after_start(window)))\n"
        "window.show()\n"
        "deadline = time.monotonic() + 20\n"
        "while not seen and time.monotonic() < deadline:\n"
        "    app.processEvents()\n"
        "assert seen == [False], seen\n"
        "window.close()\n"
        "ws.project.close()",
        tmp_path,
    )
    assert "sqlalchemy.orm" in modules and "desktop.storage.history" in modules


def test_a_first_start_screenshot_on_a_new_sqlite_file_imports_no_sqlalchemy(tmp_path):
    """`mizan --screenshot` on a path with no database yet: the file, its label set and the new
    annotator are written on sqlite3 (storage/listing.py `add_annotator`); the annotator's row
    carries its time as SQLAlchemy writes it, and the picture is the empty window."""
    from PySide6.QtGui import QImage

    db, shot = tmp_path / "new.db", tmp_path / "first.png"
    modules = loaded_after(
        "from desktop.cli import main\n"
        f"assert main(['--db', {str(db)!r}, '--annotator', 'amal', '--screenshot', {str(shot)!r},"
        " '--size', '1024x640']) == 0",
        tmp_path,
    )
    assert "desktop.gui.main_window" in modules
    assert sorted(m for m in modules if m.split(".")[0] == "sqlalchemy") == []
    assert QImage(str(shot)).width() == 1024
    with sqlite3.connect(db) as con:
        rows = con.execute("SELECT name, created_at FROM annotator").fetchall()
    assert [name for name, _ in rows] == ["amal"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}", rows[0][1]), rows
