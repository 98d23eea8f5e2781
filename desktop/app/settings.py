"""Where the database lives, who is annotating, and the user's preferences.

Every preference is one :class:`Option` in :data:`OPTIONS` (name, type, default, where it is
shown, label): the settings dialog is built from that list and every reader goes through
:class:`Preferences`, so no window reads a settings key by its string. The store is anything
with QSettings' ``value(key, default)`` / ``setValue(key, value)`` / ``remove(key)`` methods
(the window passes a ``QSettings``; this layer never imports Qt).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

APP_NAME = "mizan"
ENV_DB = "MIZAN_DB"
ENV_ANNOTATOR = "MIZAN_ANNOTATOR"


def default_db_path() -> Path:
    import platformdirs  # when used: most starts name their database (`--db`, the settings)

    return platformdirs.user_data_path(APP_NAME, appauthor=False) / "mizan.db"


def resolve_db(value: str | None, preferred: str | None = None) -> str:
    """`--db` wins, then `MIZAN_DB`, then the preferred database of the settings, then the file
    in the user data directory."""
    return value or os.environ.get(ENV_DB) or preferred or str(default_db_path())


def resolve_annotator(value: str | None, preferred: str | None = None) -> str:
    if value:
        return value
    if os.environ.get(ENV_ANNOTATOR):
        return os.environ[ENV_ANNOTATOR]
    if preferred:
        return preferred
    import getpass  # when used: the window and scripts name their annotator

    try:
        return getpass.getuser() or "annotator"
    except (KeyError, OSError):  # no login name (containers)
        return "annotator"


# ---------------------------------------------------------------------------- the options

#: where an option is shown: a page of the settings dialog, or "hidden" (kept by the window)
GENERAL, READING, HIDDEN = "General", "Reading", "hidden"


@dataclass(frozen=True)
class Option:
    """One preference. ``kind`` is str, int, float, bool, "choice", "font", "path" or "list";
    ``choices`` are (value, English label) pairs for "choice"."""

    name: str
    kind: Any
    default: Any
    shown: str
    label: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    minimum: float | None = None
    maximum: float | None = None


OPTIONS: tuple[Option, ...] = (
    Option("annotator", str, "", GENERAL, "Annotator name"),
    Option("database/default", "path", "", GENERAL, "Default database"),
    Option(
        "ui/language",
        "choice",
        "",
        GENERAL,
        "Interface language",
        (("", "System language"), ("en", "English"), ("ar", "Arabic")),
    ),
    Option("ui/theme", "choice", "light", GENERAL, "Theme", (("light", "Light"), ("dark", "Dark"))),
    Option("reading/family", "font", "", READING, "Article font"),
    Option("reading/size", float, 15.0, READING, "Article font size", minimum=8, maximum=48),
    Option("editing/snap", bool, True, READING, "Snap selections to whole words"),
    Option("database/recent", "list", [], HIDDEN),
    Option("window/geometry", bytes, None, HIDDEN),
    Option("window/state", bytes, None, HIDDEN),
    Option("places", "json", {}, HIDDEN),
    Option("export/format", str, "", HIDDEN),
    Option("export/path", str, "", HIDDEN),
    Option("welcome/shown", bool, False, HIDDEN),
    Option("panel/palette", bool, True, HIDDEN),  # the label palette open (or folded)
)
OPTION = {o.name: o for o in OPTIONS}

RECENT_LIMIT = 8
PLACES_LIMIT = 30  # databases remembered
SCROLL_LIMIT = 200  # documents per database whose scroll position is kept


def _coerce(option: Option, raw: Any) -> Any:
    """A stored value as the option's type (INI files give strings back; bad values fall back
    to the default rather than stopping the window)."""
    if raw is None:
        return option.default
    kind = option.kind
    try:
        if kind is bool:
            return raw if isinstance(raw, bool) else str(raw).lower() in ("true", "1", "yes")
        if kind in (int, float):
            value = kind(raw)
            if option.minimum is not None:
                value = max(kind(option.minimum), value)
            if option.maximum is not None:
                value = min(kind(option.maximum), value)
            return value
        if kind in ("list", "json"):
            value = json.loads(raw) if isinstance(raw, str) else raw
            expected = list if kind == "list" else dict
            return value if isinstance(value, expected) else option.default
        if kind == "choice":
            return raw if raw in {v for v, _ in option.choices} else option.default
        if kind is bytes:
            return raw
        return str(raw)
    except (TypeError, ValueError):
        return option.default


class Preferences:
    """Typed access to the options of :data:`OPTIONS` over a key-value store."""

    def __init__(self, store):
        self.store = store

    def get(self, name: str) -> Any:
        option = OPTION[name]
        return _coerce(option, self.store.value(name, None))

    def set(self, name: str, value: Any) -> None:
        option = OPTION[name]
        if value is None or (value == "" and option.kind is not str):
            self.store.remove(name)
        elif option.kind in ("list", "json"):
            self.store.setValue(name, json.dumps(value, ensure_ascii=False))
        else:
            self.store.setValue(name, value)

    def reset(self, name: str) -> None:
        self.store.remove(name)

    # ------------------------------------------------------------------ recent databases

    def recent_databases(self) -> list[str]:
        return [p for p in self.get("database/recent") if isinstance(p, str)]

    def add_recent(self, path: str) -> None:
        """Put ``path`` first in File ▸ Open recent."""
        recent = [p for p in self.recent_databases() if p != path]
        self.set("database/recent", [path, *recent][:RECENT_LIMIT])

    def forget_database(self, path: str) -> None:
        self.set("database/recent", [p for p in self.recent_databases() if p != path])
        places = self.get("places")
        places.pop(_place_key(path), None)
        self.set("places", places)

    # ------------------------------------------------------------------ where the user was

    def last_document(self, database: str) -> int | None:
        place = self.get("places").get(_place_key(database)) or {}
        doc = place.get("document")
        return doc if isinstance(doc, int) else None

    def scroll_position(self, database: str, document: int) -> int | None:
        place = self.get("places").get(_place_key(database)) or {}
        value = (place.get("scroll") or {}).get(str(document))
        return value if isinstance(value, int) else None

    def remember(self, database: str, document: int, scroll: int | None = None) -> None:
        """The open document of ``database`` (and how far it was scrolled)."""
        places = self.get("places")
        key = _place_key(database)
        place = places.pop(key, None) or {}
        place["document"] = document
        if scroll is not None:
            scrolls = {k: v for k, v in (place.get("scroll") or {}).items() if k != str(document)}
            scrolls[str(document)] = int(scroll)
            place["scroll"] = dict(list(scrolls.items())[-SCROLL_LIMIT:])
        places[key] = place  # most recent last
        self.set("places", dict(list(places.items())[-PLACES_LIMIT:]))


def _place_key(database: str) -> str:
    """A short stable key per database (a path or URL; never stored in clear, it may hold a
    user name)."""
    return hashlib.sha256(database.encode("utf-8")).hexdigest()[:16]


def database_exists(database: str) -> bool:
    """A recent database is still there: an SQLite file exists; a URL is assumed reachable."""
    if "://" in database:
        return True
    return Path(database).is_file()
