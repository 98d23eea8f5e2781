"""User-interface language: English source strings, Arabic from `resources/translations/*.ts`.

The `.ts` file (Qt Linguist's XML, kept in git) is read directly by a QTranslator subclass, so
there is no compiled `.qm` to build or to drift from its source. With Arabic the whole layout
mirrors (RightToLeft); article text is right-to-left whatever the UI language.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication

from desktop.app.resources import resources_dir

CONTEXT = "Mizan"
LANGUAGES = {"en": "English", "ar": "العربية"}


FSI, PDI = "\u2068", "\u2069"


def isolate(text: str) -> str:
    """Wrap text in a first-strong isolate so mixed Arabic/Latin pieces keep their own order."""
    return f"{FSI}{text}{PDI}"


def tr(text: str) -> str:
    """Translate a user-visible string (one context for the whole app keeps the .ts simple)."""
    return QCoreApplication.translate(CONTEXT, text)


def counted(n: int, one: str, many: str) -> str:
    """ "1 claim" / "2 claims": the English singular or plural template, translated, with {n}.

    Both templates are translated (Arabic counted nouns keep one form here); never "claim(s)"."""
    return tr(one if n == 1 else many).replace("{n}", str(n))


def N_(text: str) -> str:
    """Mark a string for translation where it is defined; `tr()` it where it is shown."""
    return text


def ui_strings() -> set[str]:
    """Every string the window translates: constants in tr(), N_() and _action() calls."""
    import ast

    from desktop.core.attribution import REASONS

    found: set[str] = set(REASONS.values())  # the claim form shows these
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name == "counted":  # counted(n, one, many): both templates are shown
                found.update(
                    a.value for a in node.args[1:3] if isinstance(getattr(a, "value", None), str)
                )
                continue
            # _action(window, text, …): its text is the second argument
            arg = node.args[1 if name == "_action" and len(node.args) > 1 else 0]
            if name in ("tr", "N_", "_action") and isinstance(getattr(arg, "value", None), str):
                found.add(arg.value)
    return found


def translations_dir() -> Path:
    return resources_dir() / "translations"


def read_ts(path: Path) -> dict[str, str]:
    """source -> translation for finished messages of a Qt Linguist .ts file (our own file)."""
    import xml.etree.ElementTree as ET  # when used: an English interface reads no .ts file

    table: dict[str, str] = {}
    root = ET.parse(path).getroot()
    for message in root.iter("message"):
        source = message.findtext("source")
        node = message.find("translation")
        if not source or node is None or node.get("type") in ("unfinished", "obsolete"):
            continue
        if node.text:
            table[source] = node.text
    return table


class TsTranslator(QTranslator):
    def __init__(self, table: dict[str, str], parent=None):
        super().__init__(parent)
        self.table = table

    def translate(self, context, source_text, disambiguation=None, n=-1):
        # PySide turns "" (and None) into an empty *translation*; the source text is the fallback
        return self.table.get(source_text, source_text)

    def isEmpty(self) -> bool:
        return not self.table


_installed: list[QTranslator] = []
_language = "en"


def current_language() -> str:
    return _language


def set_language(app: QApplication, language: str) -> None:
    """Install the translation for `language` ('en' or 'ar') and mirror the layout for Arabic."""
    global _installed, _language
    _language = language
    for translator in _installed:
        app.removeTranslator(translator)
    _installed = []
    if language != "en":
        path = translations_dir() / f"mizan_{language}.ts"
        if path.is_file():
            _installed.append(TsTranslator(read_ts(path), app))
        qt = QTranslator(app)  # Qt's own strings: OK/Cancel buttons, file dialogs
        if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.TranslationsPath)):
            _installed.append(qt)
        for translator in _installed:
            app.installTranslator(translator)
    rtl = language == "ar"
    app.setLayoutDirection(Qt.RightToLeft if rtl else Qt.LeftToRight)
    QLocale.setDefault(QLocale(QLocale.Arabic if rtl else QLocale.English))


def default_language() -> str:
    return "ar" if QLocale.system().language() == QLocale.Arabic else "en"
