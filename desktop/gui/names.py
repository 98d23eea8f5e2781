"""How core values are named on screen: statuses, quote types, polarities, relations, speakers.

The values themselves live in `desktop.core`; only their translatable names live here, so every
window says them the same way.
"""

from __future__ import annotations

from desktop.core.model import DocStatus, LabelSet, Relation, SourceKind
from desktop.core.speakers import Speaker
from desktop.gui.i18n import N_, current_language, tr

STATUS_TEXT = {
    DocStatus.NOT_STARTED: N_("Not started"),
    DocStatus.IN_PROGRESS: N_("In progress"),
    DocStatus.DONE: N_("Done"),
}
STATUS_COLOR = {
    DocStatus.NOT_STARTED: "#9e9e9e",
    DocStatus.IN_PROGRESS: "#e6a23c",
    DocStatus.DONE: "#4caf50",
}
QUOTE_TYPES = {
    "direct": N_("direct quote"),
    "indirect": N_("indirect (paraphrase)"),
    "mixed": N_("mixed"),
    "outlet_assertion": N_("the outlet's own assertion"),
}
POLARITIES = {"asserted": N_("asserted"), "denied": N_("denied"), "hedged": N_("hedged")}
RELATION_TEXT = {
    Relation.AGREES: N_("agrees"),
    Relation.CONTRADICTS: N_("contradicts"),
    Relation.ADDS_DETAIL: N_("adds detail"),
    Relation.REFRAMES: N_("reframes"),
}
RELATION_COLOR = {
    Relation.AGREES: "#2e7d32",
    Relation.CONTRADICTS: "#c62828",
    Relation.ADDS_DETAIL: "#1565c0",
    Relation.REFRAMES: "#8e24aa",
}


def speaker_text(speaker: Speaker, *, outlet: bool = True) -> str | None:
    """The speaker as shown: its name, or a translated phrase for the kinds without one.

    With `outlet=False` the outlet itself gives None (the Compare window's columns already
    name the outlet)."""
    if speaker.kind is None:
        return tr("(no source)")
    if speaker.kind is SourceKind.OUTLET:
        return tr("The outlet itself") if outlet else None
    if speaker.kind is SourceKind.UNNAMED:
        return tr("Unnamed sources")
    return speaker.name


def label_name(labels: LabelSet, key: str) -> str:
    label = labels.get(key)
    if label is None:
        return key
    return label.name_ar if current_language() == "ar" else label.name_en
