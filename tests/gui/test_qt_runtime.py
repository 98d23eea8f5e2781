"""docs/architecture.md, "The Qt runtime": the Qt runtime must not corrupt ``None``'s reference count.

PySide6 6.12.0 on CPython 3.11 decrements ``None``'s reference count on every call of a method
that returns void, and the interpreter aborts after a few thousand calls. The calls run in a
subprocess, so an abort shows up as a failed return code instead of killing pytest.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import PySide6

CALLS = 100_000

SCRIPT = textwrap.dedent(
    f"""
    import sys
    from PySide6.QtGui import QTextCursor, QTextDocument
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication([])
    label = QLabel()
    doc = QTextDocument("بوتين في موسكو " * 4)
    cursor = QTextCursor(doc)
    before = sys.getrefcount(None)
    for i in range({CALLS} // 2):
        label.setText("x")  # returns void
        cursor.setPosition(i % 40)  # returns void
    after = sys.getrefcount(None)
    print(before, after)
    """
)


def test_void_calls_do_not_corrupt_none_refcount():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    r = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=120
    )
    assert r.returncode == 0, f"interpreter died ({r.returncode}): {r.stderr[-2000:]}"
    before, after = map(int, r.stdout.split())
    assert before - after < 1_000, f"None's refcount dropped by {before - after} over {CALLS} calls"


def test_pyside_version_is_not_the_broken_one_on_python_311():
    if sys.version_info[:2] == (3, 11):
        assert PySide6.__version__ != "6.12.0", "PySide6 6.12.0 aborts on CPython 3.11"
    assert tuple(int(x) for x in PySide6.__version__.split(".")[:2]) >= (6, 11)
