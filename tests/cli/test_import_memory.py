"""`mizan --db :memory: import` imports into SQLite's in-memory database of that one command:
it reports what it imported and leaves no file named ``:memory:`` behind."""

from __future__ import annotations

from tests.cli.test_cli import mizan
from tests.conftest import SEEDS


def test_import_into_memory_reports_the_documents_and_writes_no_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = mizan("--db", ":memory:", "import", SEEDS, check=True)
    assert "imported 5 document(s)" in result.stdout
    assert list(tmp_path.iterdir()) == []
