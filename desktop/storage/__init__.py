"""Storage: SQLAlchemy models, engine set-up, repositories, Alembic migrations.

The rooms built on the ORM (documents, mentions, history …) are loaded when first used, not
when a use-case module names them: ``from desktop.storage import history`` at the top of an
`app` module gives a stand-in that imports the real module at its first attribute lookup. The
window's first paint reads an SQLite file through `Database.rows()` and SQL text
(`desktop/storage/listing.py`), so it never imports SQLAlchemy; the first write does
(docs/architecture.md, "Start-up rule").
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType
from typing import Any

#: Rooms that import SQLAlchemy and the models, loaded at first use.
_LATER = frozenset(
    "claims clusters documents edits history labels layers mentions registry search".split()
)


class _Later:
    """A storage room that is imported at its first attribute lookup."""

    __slots__ = ("_module", "_name")

    def __init__(self, name: str):
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attr: str) -> Any:
        module = self._module
        if module is None:
            module = self._module = import_module(self._name)
        return getattr(module, attr)

    def __repr__(self) -> str:
        return f"<storage room {self._name} ({'loaded' if self._module else 'not loaded'})>"


def __getattr__(name: str) -> Any:
    if name in _LATER:
        return _Later(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
