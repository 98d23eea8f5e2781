"""Where the database lives and who is annotating, from flags, environment or defaults."""

from __future__ import annotations

import getpass
import os
from pathlib import Path

import platformdirs

APP_NAME = "mizan"
ENV_DB = "MIZAN_DB"
ENV_ANNOTATOR = "MIZAN_ANNOTATOR"


def default_db_path() -> Path:
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / "mizan.db"


def resolve_db(value: str | None) -> str:
    """`--db` wins, then `MIZAN_DB`, then the file in the user data directory."""
    return value or os.environ.get(ENV_DB) or str(default_db_path())


def resolve_annotator(value: str | None) -> str:
    if value:
        return value
    if os.environ.get(ENV_ANNOTATOR):
        return os.environ[ENV_ANNOTATOR]
    try:
        return getpass.getuser() or "annotator"
    except (KeyError, OSError):  # no login name (containers)
        return "annotator"
