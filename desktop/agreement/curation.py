"""What a curator has to decide on one document: the spans every annotator agrees on (merged
into the curated layer without asking) and each disagreement, as a region of the text with
every annotator's version of it.

A mention is agreed when every annotator has the same start, end, label and entity link; a claim
when every annotator has the same start and end, source, quote type and polarity. The remaining
spans are grouped into regions of overlapping spans, and each region is one disagreement:

* ``missing``   some annotator marked nothing there;
* ``label``     the same boundaries, another label;
* ``entity``    the same boundaries and label, another registry entity;
* ``boundary``  overlapping spans with other boundaries;
* ``attribute`` (claims) the same boundaries, another source, quote type or polarity.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desktop.core.model import Claim, Document, Mention, MentionStatus, SourceKind

__all__ = ["CurationPlan", "Disagreement", "Version", "plan_curation"]

REVIEWED = (MentionStatus.MANUAL, MentionStatus.ACCEPTED)


@dataclass(frozen=True)
class _Span:
    start: int
    end: int


@dataclass(frozen=True)
class Version:
    """One annotator's spans in a region (none: they marked nothing there)."""

    annotator: str
    mentions: tuple[Mention, ...] = ()
    claims: tuple[Claim, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.mentions and not self.claims


@dataclass(frozen=True)
class Disagreement:
    key: str  # "mention:120-131": stable while the region's spans stay where they are
    layer: str  # "mention" or "claim"
    kind: str  # missing, label, entity, boundary, attribute
    start: int
    end: int
    versions: tuple[Version, ...]  # one per annotator, in the plan's order
    resolved: bool  # the curated layer has something in this region


@dataclass(frozen=True)
class CurationPlan:
    annotators: tuple[str, ...]
    agreed_mentions: tuple[Mention, ...]  # agreed by all and not yet in the curated layer
    agreed_claims: tuple[Claim, ...]
    disagreements: tuple[Disagreement, ...]  # in text order

    @property
    def open(self) -> list[Disagreement]:
        return [d for d in self.disagreements if not d.resolved]


def plan_curation(
    doc: Document,
    annotators: Sequence[str],
    curated: str,
    dropped: Sequence[tuple[int, int]] = (),
) -> CurationPlan:
    """The plan for ``doc`` (read with every layer) between ``annotators``; ``curated`` names the
    curated layer, whose spans mark regions as resolved and agreed spans as merged; ``dropped``
    are the (start, end) claim regions the curator dropped, resolved with no claim."""
    names = tuple(a for a in annotators if a != curated)
    spans_by_ext = {m.ext_id: (m.start, m.end) for m in doc.mentions if m.ext_id}
    reviewed = [m for m in doc.mentions if m.status in REVIEWED]
    mine = {n: [m for m in reviewed if m.annotator == n] for n in names}
    theirs = {n: [c for c in doc.claims if c.annotator == n] for n in names}
    cur_mentions = [m for m in doc.mentions if m.annotator == curated]  # rejected: a drop
    cur_claims = [c for c in doc.claims if c.annotator == curated]

    def claim_key(c: Claim) -> tuple:
        src = c.source
        if src is None:
            who: tuple = ("none",)
        elif src.kind is SourceKind.MENTION:
            who = ("span", spans_by_ext.get(src.mention))
        elif src.kind is SourceKind.ENTITY:
            who = ("entity", src.entity)
        else:
            who = (src.kind.value,)
        return (c.start, c.end, who, c.quote_type, c.polarity)

    def mention_key(m: Mention) -> tuple:
        return (m.start, m.end, m.label, m.entity)

    agreed_m, rest_m = _agreed(names, mine, mention_key)
    agreed_c, rest_c = _agreed(names, theirs, claim_key)
    have_m = {mention_key(m) for m in cur_mentions if m.status in REVIEWED}
    have_c = {claim_key(c) for c in cur_claims}
    regions = [
        *_regions("mention", names, rest_m, cur_mentions),
        *_regions("claim", names, rest_c, [*cur_claims, *(_Span(a, b) for a, b in dropped)]),
    ]
    regions.sort(key=lambda d: (d.start, d.end, d.layer))
    return CurationPlan(
        names,
        tuple(m for m in agreed_m if mention_key(m) not in have_m),
        tuple(c for c in agreed_c if claim_key(c) not in have_c),
        tuple(regions),
    )


def _agreed(names, layers: dict[str, list], key) -> tuple[list, dict[str, list]]:
    """Spans whose key every annotator has (one copy, the first annotator's), and the rest."""
    if not names:
        return [], {}
    keys = [{key(x) for x in layers[n]} for n in names]
    common = set.intersection(*keys) if keys else set()
    agreed = [x for x in layers[names[0]] if key(x) in common]
    seen: set = set()
    unique = []
    for x in agreed:
        if key(x) not in seen:
            seen.add(key(x))
            unique.append(x)
    rest = {n: [x for x in layers[n] if key(x) not in common] for n in names}
    return unique, rest


def _regions(layer: str, names, rest: dict[str, list], curated: list) -> list[Disagreement]:
    items = sorted(
        ((x.start, x.end, n, x) for n in names for x in rest.get(n, ())),
        key=lambda t: (t[0], -t[1]),
    )
    groups: list[list] = []
    end = -1
    for item in items:
        if groups and item[0] < end:
            groups[-1].append(item)
            end = max(end, item[1])
        else:
            groups.append([item])
            end = item[1]
    out = []
    for group in groups:
        start, stop = group[0][0], max(i[1] for i in group)
        per = {n: tuple(i[3] for i in group if i[2] == n) for n in names}
        if layer == "mention":
            versions = tuple(Version(n, mentions=per[n]) for n in names)
        else:
            versions = tuple(Version(n, claims=per[n]) for n in names)
        resolved = any(c.start < stop and start < c.end for c in curated)
        out.append(
            Disagreement(
                f"{layer}:{start}-{stop}",
                layer,
                _kind(layer, per),
                start,
                stop,
                versions,
                resolved,
            )
        )
    return out


def _kind(layer: str, per: dict[str, tuple]) -> str:
    if any(not spans for spans in per.values()):
        return "missing"
    bounds = {tuple((x.start, x.end) for x in spans) for spans in per.values()}
    if len(bounds) > 1:
        return "boundary"
    if layer == "claim":
        return "attribute"
    labels = {tuple(x.label for x in spans) for spans in per.values()}
    return "label" if len(labels) > 1 else "entity"
