"""Naming comparison: for each registry entity, the surface forms each outlet used.

The same person is "الرئيس السوري بشار الأسد" in one outlet and "رئيس النظام السوري" in another;
the naming table puts those side by side. It is built from *linked* mentions only (a mention whose
``entity`` is set): a form the annotator has not tied to a registry entity is not evidence of how
an outlet names that entity. Unlinked descriptors (an OCC mention "رئيس النظام" with no link) are
therefore left out; link them to show them. Rejected and still-unreviewed suggested mentions are
left out too: only manual and accepted annotations count.

Surface forms drop the attached proclitic (``mention.prefix_len``: وبوتين counts as بوتين), and
forms that fold to the same key (harakat, tatweel, hamza forms) are merged under their most
frequent spelling, so a vowelled الأَسد is not a different name from الأسد.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from desktop.core.model import Document, Mention, MentionStatus
from desktop.text import fold_key, proclitic_length

__all__ = ["NamingRow", "naming_table"]

_LIVE = (MentionStatus.MANUAL, MentionStatus.ACCEPTED)


@dataclass(frozen=True)
class NamingRow:
    """One registry entity and, per outlet, the forms used for it with their counts."""

    entity: str  # registry key
    name: str  # canonical name (the key when no document's registry has it)
    # outlet (or the document's external id when it has no outlet) -> [(surface form, count)],
    # sorted by count descending, then form; outlets in the order they first appear in documents
    by_outlet: dict[str, list[tuple[str, int]]] = field(hash=False)

    @property
    def total(self) -> int:
        return sum(n for forms in self.by_outlet.values() for _, n in forms)


def _bare(text: str, m: Mention, bases: tuple[str, ...]) -> tuple[str, bool]:
    """The mention's surface form without its proclitic, and whether it may be a fused لل.

    Uses ``prefix_len``; when it was never recorded (None), tries the entity's registry name and
    aliases as bases (``proclitic_length("وبوتين", "بوتين") == 1``). A fused لل keeps its second
    lam in the base (``prefix_len`` of للرئيس is 1, leaving لرئيس); the caller puts the article
    back when that gives a name known for the entity (للبنان must stay لبنان)."""
    surface = text[m.start : m.end]
    cut = m.prefix_len
    if cut is None:
        cut = next((c for c in (proclitic_length(surface, base) for base in bases) if c), 0)
    bare = surface[cut:].strip()
    fused = bool(cut) and fold_key(bare).startswith("ل") and fold_key(surface[:cut]).endswith("ل")
    return bare, fused


def naming_table(
    documents: Sequence[Document], *, entities: Iterable[str] | None = None
) -> list[NamingRow]:
    """The naming comparison over ``documents``; rows by total mentions, then entity key.

    ``entities``: only these registry keys (default: every linked entity).
    """
    wanted = set(entities) if entities is not None else None
    names: dict[str, str] = {}
    bases: dict[str, tuple[str, ...]] = {}
    found: list[tuple[str, str, str, bool]] = []  # (entity, outlet, bare form, maybe fused)
    outlets: list[str] = []
    for doc in documents:
        for key, reg in doc.registry.items():
            names.setdefault(key, reg.name)
            bases.setdefault(key, (reg.name, *reg.aliases))
        outlet = doc.meta.outlet or doc.external_id
        if outlet not in outlets:
            outlets.append(outlet)
        for m in doc.mentions:
            if not m.entity or m.status not in _LIVE:
                continue
            if wanted is not None and m.entity not in wanted:
                continue
            bare, fused = _bare(doc.text, m, bases.get(m.entity, ()))
            found.append((m.entity, outlet, bare, fused))
    known: dict[str, set[str]] = {}  # entity -> folded names it goes by (registry and corpus)
    for entity, base_names in bases.items():
        known.setdefault(entity, set()).update(fold_key(x).strip() for x in base_names)
    for entity, _, bare, fused in found:
        if not fused:
            known.setdefault(entity, set()).add(fold_key(bare).strip())

    # entity -> outlet -> folded key -> Counter of spellings
    table: dict[str, dict[str, dict[str, Counter]]] = {}
    for entity, outlet, bare, fused in found:
        if fused and fold_key("ا" + bare).strip() in known.get(entity, ()):
            bare = "ا" + bare
        k = fold_key(bare).strip()
        if not k:
            continue
        by_key = table.setdefault(entity, {}).setdefault(outlet, {})
        by_key.setdefault(k, Counter())[bare] += 1
    rows = []
    for entity, per_outlet in table.items():
        by_outlet: dict[str, list[tuple[str, int]]] = {}
        for outlet in outlets:
            if outlet not in per_outlet:
                continue
            forms = []
            for spellings in per_outlet[outlet].values():
                # the most frequent spelling stands for the group; ties go to the smallest string
                best = min(spellings.items(), key=lambda kv: (-kv[1], kv[0]))[0]
                forms.append((best, sum(spellings.values())))
            forms.sort(key=lambda fc: (-fc[1], fc[0]))
            by_outlet[outlet] = forms
        rows.append(NamingRow(entity, names.get(entity, entity), by_outlet))
    rows.sort(key=lambda r: (-r.total, r.entity))
    return rows
