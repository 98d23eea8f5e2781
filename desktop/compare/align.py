"""Suggested alignments: which claims in different documents state the same thing.

For every pair of claims from *different* documents that passes a cheap prefilter, the score is a
weighted blend (all parts in 0..1)::

    base  = 0.60 * text + 0.15 * entities + 0.10 * speaker + 0.15 * quantities
    score = min(1, base * 1.15)   if both documents have the same non-empty meta.event
            base                  otherwise

* ``text``: :func:`desktop.compare.similarity.text_similarity`, TF-IDF over character n-grams of
  lightly stemmed words, every quantity one token of its normalised value.
* ``entities``: registry entities linked by mentions inside each claim span, plus the claim's
  speaker entity. Each shared entity counts by its rarity ``r = log((N+1)/df) / log(N+1)`` over the
  N claims (df = claims that carry it), combined as a noisy-OR ``1 - prod(1 - r)``: in an event
  where every claim names Putin, sharing Putin says little; sharing Damascus says more.
* ``speaker``: the rarity of the shared speaker (same registry entity, or same bare name when the
  source mention is not linked), 0 when the speakers differ or are unknown.
* ``quantities``: noisy-OR of ``strength * rarity`` over quantities matched between the claims
  (:mod:`desktop.compare.figures`): the same value or compatible dates (``--03-15`` and
  ``2023-03-15``) have strength 1, a year and a date in it 0.5, two different dates in the same
  month 0.5 and in the same year 0.25 (they are still evidence that both claims talk about one
  event: the difference is reported as a conflict).

A pair is kept when ``score >= THRESHOLD`` (0.25), calibrated on claims annotated in the seeds:
outlets reporting the same proposition score 0.28-0.50 there (the 7% trade growth 0.50, the 7 vs
17 January 2020 visit 0.33), while unrelated claims of the same summit that merely share Putin,
Assad or Moscow stay at or below 0.22. Retellings that differ only in spelling, digits and month
names score 0.9 and more.

Conflicts: quantities of the same kind that do not match (7 January vs 17 January 2020) are paired
(closest first) and reported with both values; a quantity that the other claim shares is never a
conflict.

Speed: claims are indexed by their 4-grams, entities and quantity keys (features carried by more
than ``max(20, min(N/20, 100))`` of the N claims are left out of the index: they are too common to
tell claims apart); only pairs sharing at least ``_MIN_SHARED`` indexed features are scored, and
the shared-feature counts are tallied with ``collections.Counter`` (C speed). The text
similarity of all those pairs is computed in one numpy batch per claim, and the quantities of two
claims are matched once per pair of figure sets (retellings repeat the same figures).
``python -m benchmarks.alignment`` times 20 and 200 documents x 50 claims (docs/benchmarks.md).

Output is deterministic: sorted by score, then by the two claims' (document, start, end, claim
id); within a pair, ``a`` is the claim that sorts first. Scores do not depend on document order.
"""

from __future__ import annotations

import gc
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from desktop.core.model import Document, MentionStatus, RegistryEntity
from desktop.text import fold_key

from .figures import Conflict, compare_quantities, conflicts_of, match_quantities, quantity_keys
from .numbers import Quantity
from .quantities import claim_quantities
from .similarity import claim_grams, text_similarity
from .speakers import EntityFinder, claim_entities

__all__ = [
    "FLOOR",
    "THRESHOLD",
    "ClaimRef",
    "Conflict",
    "K",
    "Suggestion",
    "claim_id",
    "compare_quantities",
    "suggest_alignments",
]

THRESHOLD = 0.25  # the strong tier starts here
FLOOR = THRESHOLD / 2  # weaker candidates need at least half the evidence of a strong one
K = 3  # candidates kept per claim in each other document
W_TEXT, W_ENTITIES, W_SPEAKER, W_QUANTITIES = 0.60, 0.15, 0.10, 0.15
EVENT_BOOST = 1.15
_MIN_SHARED = 4  # indexed features two claims must share to be scored at all
_ENTITY_REPEAT = 3  # an entity or quantity counts as this many shared n-grams in the prefilter


@dataclass(frozen=True)
class ClaimRef:
    """One side of a suggestion: which claim, where, and what it says."""

    document: str  # the document's external id
    claim: str  # the claim's span id ("c1")
    start: int
    end: int
    text: str
    outlet: str | None

    def to_json(self) -> dict:
        return {
            "document": self.document,
            "claim": self.claim,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "outlet": self.outlet,
        }


@dataclass(frozen=True)
class Suggestion:
    """A proposed alignment of two claims from different documents, best first in a list."""

    a: ClaimRef
    b: ClaimRef
    score: float  # 0..1
    evidence: dict = field(hash=False)
    # {"text_similarity": float, "shared_entities": [keys], "shared_speaker": key | False,
    #  "shared_quantities": [values], "same_event": bool}
    conflicts: tuple[Conflict, ...] = ()

    def to_json(self) -> dict:
        """The item shape of ``mizan align --json``."""
        return {
            "score": self.score,
            "conflicts": [c.to_json() for c in self.conflicts],
            "evidence": self.evidence,
            "a": self.a.to_json(),
            "b": self.b.to_json(),
        }

    @property
    def pair(self) -> tuple[tuple[str, str], tuple[str, str]]:
        return (self.a.document, self.a.claim), (self.b.document, self.b.claim)


def claim_id(claim, index: int) -> str:
    """The claim's span id: its ext_id, else its database id, else its position ("c3")."""
    if claim.ext_id:
        return claim.ext_id
    if claim.id is not None:
        return str(claim.id)
    return f"c{index + 1}"


# --- preparation ---------------------------------------------------------------------------------


@dataclass
class _Claim:
    doc: int
    ref: ClaimRef
    event: str | None
    entities: frozenset[str]
    speaker: str | None  # "e:<key>" or "n:<folded bare name>"
    quantities: list[Quantity]
    grams: Counter
    features: list[str]
    sort_key: tuple = ()
    order: int = 0  # position of sort_key among all claims
    figures: tuple = ()  # (kind, value) of each quantity: the key of a quantity match


_LIVE = (MentionStatus.MANUAL, MentionStatus.ACCEPTED)


def _finder(documents: Sequence[Document], registry) -> EntityFinder:
    """Registry names and aliases (the given registry and every document's), and the names of
    unlinked live mentions anywhere in the corpus."""
    entities: dict[str, RegistryEntity] = {}
    for doc in documents:
        entities.update(doc.registry)
    if registry:
        values = registry.values() if isinstance(registry, Mapping) else registry
        entities.update({e.key: e for e in values})
    names = set()
    for doc in documents:
        for m in doc.mentions:
            if m.status in _LIVE and not m.entity:
                names.add(fold_key(doc.text[m.start + (m.prefix_len or 0) : m.end]))
    return EntityFinder([entities[k] for k in sorted(entities)], sorted(names))


def _prepare(documents: Sequence[Document], registry=None) -> list[_Claim]:
    claims: list[_Claim] = []
    finder = _finder(documents, registry)
    for di, doc in enumerate(documents):
        text = doc.text
        live = [m for m in doc.mentions if m.status in _LIVE]
        by_ext = {m.ext_id: m for m in live if m.ext_id}
        linked = sorted((m.start, m.end, "e:" + m.entity) for m in live if m.entity)
        found = finder.find(text) if finder and doc.claims else []
        for ci, c in enumerate(doc.claims):
            ctext = text[c.start : c.end]
            ref = ClaimRef(doc.external_id, claim_id(c, ci), c.start, c.end, ctext, doc.meta.outlet)
            keys, speaker, _ = claim_entities(text, c, found, by_ext, linked)
            ents = {k[2:] for k in keys}
            if speaker:
                ents.add(speaker[2:])
            quantities = claim_quantities(ctext, doc.meta.published)
            grams = claim_grams(ctext, quantities)
            feats = [g for g in grams if len(g) == 4]
            for e in sorted(ents):
                feats.extend(f"E:{e}#{k}" for k in range(_ENTITY_REPEAT))
            for q in quantities:
                for key in quantity_keys(q):
                    feats.extend(f"Q:{key}#{k}" for k in range(_ENTITY_REPEAT))
            claims.append(
                _Claim(
                    di,
                    ref,
                    doc.meta.event or None,
                    frozenset(ents),
                    speaker,
                    quantities,
                    grams,
                    list(dict.fromkeys(feats)),
                    (ref.document, ref.start, ref.end, ref.claim),
                    figures=tuple((q.kind, q.value) for q in quantities),
                )
            )
    for position, i in enumerate(sorted(range(len(claims)), key=lambda i: claims[i].sort_key)):
        claims[i].order = position
    return claims


def _rarity(df: int, n: int) -> float:
    return min(1.0, math.log((n + 1) / max(df, 1)) / math.log(n + 1)) if n > 0 else 0.0


def _candidates(claims: list[_Claim]) -> list[tuple[int, int]]:
    """Pairs of claims from different documents that share enough rare-ish indexed features,
    each as ``(i, j)`` with claim ``i`` sorting before claim ``j`` (``_Claim.order``)."""
    n = len(claims)
    df: Counter = Counter()
    for c in claims:
        df.update(c.features)
    cap = max(20, min(n // 20, 100))
    keep = {f for f, d in df.items() if 2 <= d <= cap}
    postings: dict[str, list[int]] = {}
    pairs: list[tuple[int, int]] = []
    # a short claim carries few features: ask for a share of them, not the full count
    need = [max(2, min(_MIN_SHARED, len(c.features) // 8)) for c in claims]
    order = [c.order for c in claims]
    by_doc: dict[int, list[int]] = {}
    for i, c in enumerate(claims):
        by_doc.setdefault(c.doc, []).append(i)
    for members in by_doc.values():
        for i in members:
            hits: list[int] = []
            for f in claims[i].features:
                p = postings.get(f)
                if p is not None:
                    hits.extend(p)
            if hits:
                mine, oi = need[i], order[i]
                pairs.extend(
                    (j, i) if order[j] < oi else (i, j)
                    for j, k in Counter(hits).items()
                    if k >= mine or k >= need[j]
                )
        for i in members:  # same-document claims never meet: add them after the whole document
            for f in claims[i].features:
                if f in keep:
                    postings.setdefault(f, []).append(i)
    return pairs


# --- scoring -------------------------------------------------------------------------------------


def _normalise_rejected(
    rejected: Iterable[tuple[tuple[str, str], tuple[str, str]]] | None,
) -> set[frozenset]:
    return {frozenset((tuple(a), tuple(b))) for a, b in (rejected or ())}


def suggest_alignments(
    documents: Sequence[Document],
    rejected: Iterable[tuple[tuple[str, str], tuple[str, str]]] | None = None,
    *,
    threshold: float = THRESHOLD,
    k: int = K,
    registry: Mapping[str, RegistryEntity] | Iterable[RegistryEntity] | None = None,
    around: str | None = None,
) -> list[Suggestion]:
    """Suggested cross-document claim alignments, best first.

    For every claim, its ``k`` best candidates in each other document are kept (a pair stays when
    it is in the top ``k`` of either side), then pairs below ``threshold`` are dropped: the default
    returns the strong tier; ``threshold=FLOOR`` adds the weaker candidates (``evidence["tier"]``).
    ``evidence["ranks"]`` is ``[rank of b among a's candidates in b's document, rank of a among
    b's candidates in a's document]`` (1 = best).

    ``rejected``: ``((doc_id, claim_id), (doc_id, claim_id))`` pairs (document external id, claim
    span id as in :func:`claim_id`) the annotator turned down; never suggested again, in either
    order (they keep their place in the ranking, so rejecting never changes the other pairs).
    ``registry``: every registry entity of the project, whose names are looked for in the claims'
    text (the documents' own ``registry`` is always used). ``around``: a document's external id;
    only pairs with a claim in that document are scored and returned (the same pairs, scores and
    ranks as without it, in a fraction of the time: "this claim in other outlets").
    See the module docstring.
    """
    with _no_gc():
        return _suggest(documents, rejected, threshold, k, registry, around)


@contextmanager
def _no_gc():
    """No cyclic garbage collection while the suggestions are built: hundreds of thousands of
    new objects (none in a reference cycle) would otherwise make the collector walk every claim's
    n-grams again and again (a quarter of the time at 200 documents x 50 claims)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _suggest(documents, rejected, threshold, k, registry, around) -> list[Suggestion]:
    claims = _prepare(documents, registry)
    if len(claims) < 2:
        return []
    skip = _normalise_rejected(rejected)
    n = len(claims)
    cut = min(threshold, FLOOR)

    counts: Counter = Counter()  # claims carrying each entity (E:), speaker (S:), quantity (Q:)
    for c in claims:
        counts.update("E:" + e for e in c.entities)
        if c.speaker:
            counts["S:" + c.speaker] += 1
        counts.update({"Q:" + k for q in c.quantities for k in quantity_keys(q)})
    rarity_cache: dict[str, float] = {}

    def rarity(key: str) -> float:
        r = rarity_cache.get(key)
        if r is None:
            r = rarity_cache[key] = _rarity(counts[key], n)
        return r

    # retellings repeat one set of figures and names: score each shared set once
    entity_score: dict[frozenset, float] = {}
    matched: dict[tuple, tuple[float, list[str], list[tuple[int, int]]]] = {}
    scored: list[tuple] = []
    pairs = _candidates(claims)
    if around is not None:
        pairs = [
            (i, j) for i, j in pairs if around in (claims[i].ref.document, claims[j].ref.document)
        ]
    similarity = text_similarity([c.grams for c in claims], pairs)
    for (i, j), text in zip(pairs, similarity, strict=True):
        a, b = claims[i], claims[j]
        ent = 0.0
        if a.entities and b.entities:
            shared = a.entities & b.entities
            if shared:
                ent = entity_score.get(shared, -1.0)
                if ent < 0:
                    miss = 1.0
                    for e in sorted(shared):
                        miss *= 1.0 - rarity("E:" + e)
                    ent = entity_score[shared] = 1.0 - miss
        same_speaker = a.speaker is not None and a.speaker == b.speaker
        spk = rarity(f"S:{a.speaker}") if same_speaker else 0.0
        same_event = a.event is not None and a.event == b.event
        base = W_TEXT * text + W_ENTITIES * ent + W_SPEAKER * spk
        boost = EVENT_BOOST if same_event else 1.0
        has_q = bool(a.quantities and b.quantities)
        if (base + (W_QUANTITIES if has_q else 0.0)) * boost < cut:
            continue  # cannot reach the cut whatever the quantities say
        match = None
        qty = 0.0
        if has_q:
            key = (a.figures, b.figures)
            match = matched.get(key)
            if match is None:
                match = matched[key] = match_quantities(a.quantities, b.quantities, rarity)
            qty = match[0]
        score = round(min(1.0, (base + W_QUANTITIES * qty) * boost), 4)
        if score >= cut:
            scored.append((score, i, j, text, same_event, match))

    ranks = _rank(claims, scored, k)
    out: list[tuple[tuple, Suggestion]] = []
    for score, i, j, text, same_event, match in scored:
        rank_ij, rank_ji = ranks.get((i, j), 0), ranks.get((j, i), 0)
        if score < threshold or not (rank_ij or rank_ji):
            continue
        a, b = claims[i], claims[j]  # a sorts first (see _candidates)
        if (
            skip
            and frozenset(((a.ref.document, a.ref.claim), (b.ref.document, b.ref.claim))) in skip
        ):
            continue
        same_speaker = a.speaker is not None and a.speaker == b.speaker
        evidence = {
            "text_similarity": round(text, 4),
            "shared_entities": sorted(a.entities & b.entities),
            "shared_speaker": a.speaker[2:] if same_speaker else False,  # type: ignore[index]
            "shared_quantities": list(match[1]) if match else [],
            "same_event": same_event,
            # one article states a proposition once: only a best match in a document is strong
            "tier": "strong" if score >= THRESHOLD and 1 in (rank_ij, rank_ji) else "weaker",
            "ranks": [rank_ij or None, rank_ji or None],
        }
        conflicts = conflicts_of(a.quantities, b.quantities, match[2]) if match and match[2] else ()
        out.append(
            ((-score, a.order, b.order), Suggestion(a.ref, b.ref, score, evidence, conflicts))
        )
    out.sort(key=lambda t: t[0])
    return [s for _, s in out]


def _rank(claims: list[_Claim], scored: list, k: int) -> dict[tuple[int, int], int]:
    """``{(i, j): rank}``: 1-based rank of claim j among claim i's candidates in j's document,
    for the top ``k`` only; ties broken by the claims' position, so the result is deterministic."""
    n_docs = max(c.doc for c in claims) + 1
    lists: dict[int, list[tuple[float, int, int]]] = {}  # key: claim * n_docs + document
    for score, i, j, *_ in scored:
        a, b = claims[i], claims[j]
        for key, item in (
            (i * n_docs + b.doc, (-score, b.order, j)),
            (j * n_docs + a.doc, (-score, a.order, i)),
        ):
            got = lists.get(key)
            if got is None:
                lists[key] = [item]
            else:
                got.append(item)
    ranks: dict[tuple[int, int], int] = {}
    for key, items in lists.items():
        i = key // n_docs
        if len(items) > 1:
            items.sort()
            for r, (_, _, j) in enumerate(items[:k], start=1):
                ranks[(i, j)] = r
        elif k > 0:
            ranks[(i, items[0][2])] = 1
    return ranks
