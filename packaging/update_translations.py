"""Add the window's new strings to `resources/translations/mizan_ar.ts` as unfinished entries.

Run after changing user-visible strings: `python packaging/update_translations.py`, then
translate the entries marked type="unfinished" (Qt Linguist opens the file, or any editor).
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.gui.i18n import CONTEXT, read_ts, ui_strings  # noqa: E402


def write_ts(path: Path, table: dict[str, str], language: str, wanted: set[str]) -> None:
    root = ET.Element("TS", version="2.1", language=language)
    context = ET.SubElement(root, "context")
    ET.SubElement(context, "name").text = CONTEXT
    for source in sorted(wanted | set(table)):
        message = ET.SubElement(context, "message")
        ET.SubElement(message, "source").text = source
        node = ET.SubElement(message, "translation")
        if source in table:
            node.text = table[source]
        else:
            node.set("type", "unfinished")
        if source not in wanted:
            node.set("type", "obsolete")
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )


def main() -> None:
    path = ROOT / "resources" / "translations" / "mizan_ar.ts"
    table = read_ts(path) if path.exists() else {}
    write_ts(path, table, "ar", ui_strings())


if __name__ == "__main__":
    main()
