from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings


@pytest.fixture
def settings(tmp_path):
    """Window settings in a throw-away file, never the user's."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)
