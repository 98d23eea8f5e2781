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
similarity of all those pairs is computed in one numpy batch per claim; entity sets, speakers,
events and figure sets become integer ids, so every pair is scored, ranked and sorted in numpy
array operations, with the entities and quantities of two claims matched once per distinct pair of
sets (retellings repeat the same names and figures).
``python -m benchmarks.alignment`` times 20 and 200 documents x 50 claims (docs/benchmarks.md).

Output is deterministic: sorted by score, then by the two claims' (document, start, end, claim
id); within a pair, ``a`` is the claim that sorts first. Scores do not depend on document order.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from desktop.core.collector import collector_paused
from desktop.core.model import Document, MentionStatus, RegistryEntity
from desktop.text import fold_key

from .figures import Conflict, compare_quantities, conflicts_of, match_quantities, quantity_keys
from .numbers import Quantity
from .quantities import claim_quantities
from .similarity import claim_grams_and_4grams, text_similarity
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


_FEATURES: dict[tuple, tuple[list[Quantity], Counter, tuple[str, ...]]] = {}
_FEATURES_MAX = 100_000


def _text_features(text: str, published) -> tuple[list[Quantity], Counter, tuple[str, ...]]:
    """A claim's quantities, n-gram counts and 4-grams, which depend only on its text and the
    document's date: cached, since the open windows align the same claims again after every
    change (the results are shared, never modified)."""
    key = (text, published)
    got = _FEATURES.get(key)
    if got is None:
        quantities = claim_quantities(text, published)
        got = (quantities, *claim_grams_and_4grams(text, quantities))
        if len(_FEATURES) >= _FEATURES_MAX:
            _FEATURES.clear()
        _FEATURES[key] = got
    return got


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
            quantities, grams, gram4 = _text_features(ctext, doc.meta.published)
            feats = list(gram4)
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
    with collector_paused():  # none of the n-grams made is in a reference cycle
        return _suggest(documents, rejected, threshold, k, registry, around)


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

    pairs = _candidates(claims)
    if around is not None:
        pairs = [
            (i, j) for i, j in pairs if around in (claims[i].ref.document, claims[j].ref.document)
        ]
    if not pairs:
        return []
    text = np.array(text_similarity([c.grams for c in claims], pairs))
    pij = np.array(pairs, dtype=np.int64)
    pi, pj = pij[:, 0], pij[:, 1]
    f = _Features(claims, rarity)
    # retellings repeat one set of figures and names: each distinct pair of sets is scored once
    ent_u, ent_inv, shared_u = f.entity_scores(pi, pj)
    ent = ent_u[ent_inv]
    spk = np.where(f.same(f.speaker, pi, pj), f.speaker_rarity[f.speaker[pi]], 0.0)
    same_event = f.same(f.event, pi, pj)
    base = W_TEXT * text + W_ENTITIES * ent + W_SPEAKER * spk
    boost = np.where(same_event, EVENT_BOOST, 1.0)
    has_q = f.has_q[pi] & f.has_q[pj]
    # a pair that cannot reach the cut whatever the quantities say is not matched at all
    alive = (base + np.where(has_q, W_QUANTITIES, 0.0)) * boost >= cut
    qty, match_of, matches = f.quantity_scores(pi, pj, has_q & alive)
    raw = np.minimum(1.0, (base + W_QUANTITIES * qty) * boost)
    kept = np.flatnonzero(alive)
    score = np.zeros(len(pairs))
    score[kept] = [round(x, 4) for x in raw[kept].tolist()]
    kept = kept[score[kept] >= cut]
    rank_ij, rank_ji = _rank(claims, pi[kept], pj[kept], score[kept], k)

    show = (score[kept] >= threshold) & ((rank_ij > 0) | (rank_ji > 0))
    rows = kept[show]
    rank_ij, rank_ji = rank_ij[show], rank_ji[show]
    order = f.order
    # best first, then the two claims' positions (see the module docstring)
    by = np.lexsort((order[pj[rows]], order[pi[rows]], -score[rows]))
    out: list[Suggestion] = []
    rows_l, by_l = rows.tolist(), by.tolist()
    ri_l, rj_l = rank_ij.tolist(), rank_ji.tolist()
    pi_l, pj_l = pi.tolist(), pj.tolist()
    text_l, event_l, ent_l = text.tolist(), same_event.tolist(), ent_inv.tolist()
    match_l, score_l = match_of.tolist(), score.tolist()
    for r in by_l:
        p = rows_l[r]
        a, b = claims[pi_l[p]], claims[pj_l[p]]  # a sorts first (see _candidates)
        if (
            skip
            and frozenset(((a.ref.document, a.ref.claim), (b.ref.document, b.ref.claim))) in skip
        ):
            continue
        s, rank_a, rank_b = score_l[p], ri_l[r], rj_l[r]
        m = match_l[p]
        match = matches[m] if m >= 0 else None
        evidence = {
            "text_similarity": round(text_l[p], 4),
            "shared_entities": list(shared_u[ent_l[p]]),
            "shared_speaker": a.speaker[2:]  # type: ignore[index]
            if a.speaker is not None and a.speaker == b.speaker
            else False,
            "shared_quantities": list(match[1]) if match else [],
            "same_event": event_l[p],
            # one article states a proposition once: only a best match in a document is strong
            "tier": "strong" if s >= THRESHOLD and 1 in (rank_a, rank_b) else "weaker",
            "ranks": [rank_a or None, rank_b or None],
        }
        conflicts = conflicts_of(a.quantities, b.quantities, match[2]) if match and match[2] else ()
        out.append(_suggestion(a.ref, b.ref, s, evidence, conflicts))
    return out


_new = object.__new__


def _suggestion(a: ClaimRef, b: ClaimRef, score: float, evidence: dict, conflicts) -> Suggestion:
    """``Suggestion(a, b, score, evidence, conflicts)`` without the frozen dataclass's
    ``object.__setattr__`` per field: a third of the time, for the ~136,000 suggestions of
    200 documents x 50 claims (docs/benchmarks.md)."""
    s = _new(Suggestion)
    d = s.__dict__
    d["a"], d["b"], d["score"], d["evidence"], d["conflicts"] = a, b, score, evidence, conflicts
    return s


class _Features:
    """The claims' entity sets, speakers, events and figure sets as small integer ids (numpy
    arrays indexed by claim), so that every candidate pair is scored in a few array operations
    and each distinct pair of entity or figure sets once."""

    def __init__(self, claims: list[_Claim], rarity) -> None:
        self.claims, self.rarity = claims, rarity
        self.entity_sets: list[frozenset] = []
        self.figure_sets: list[int] = []  # a claim with each figure set (its quantities)
        ents: dict[frozenset, int] = {}
        figs: dict[tuple, int] = {}
        speakers: dict[str, int] = {}
        events: dict[str, int] = {}
        n = len(claims)
        self.entity = np.empty(n, dtype=np.int64)
        self.figures = np.empty(n, dtype=np.int64)
        self.speaker = np.full(n, -1, dtype=np.int64)
        self.event = np.full(n, -1, dtype=np.int64)
        for i, c in enumerate(claims):
            e = ents.get(c.entities)
            if e is None:
                e = ents[c.entities] = len(self.entity_sets)
                self.entity_sets.append(c.entities)
            self.entity[i] = e
            q = figs.get(c.figures)
            if q is None:
                q = figs[c.figures] = len(self.figure_sets)
                self.figure_sets.append(i)
            self.figures[i] = q
            if c.speaker is not None:
                self.speaker[i] = speakers.setdefault(c.speaker, len(speakers))
            if c.event is not None:
                self.event[i] = events.setdefault(c.event, len(events))
        # the last item answers the -1 of a claim without a speaker
        self.speaker_rarity = np.array([*(rarity("S:" + s) for s in speakers), 0.0])
        self.has_q = np.array([bool(c.quantities) for c in claims], dtype=bool)
        self.order = np.array([c.order for c in claims], dtype=np.int64)

    @staticmethod
    def same(ids: np.ndarray, pi: np.ndarray, pj: np.ndarray) -> np.ndarray:
        a = ids[pi]
        return (a >= 0) & (a == ids[pj])

    def entity_scores(self, pi, pj) -> tuple[np.ndarray, np.ndarray, list[tuple[str, ...]]]:
        """Per distinct pair of entity sets: the noisy-OR of the shared entities' rarity and
        the shared entities (sorted); with, per pair, the index of its distinct pair."""
        width = len(self.entity_sets)
        keys, inv = np.unique(self.entity[pi] * width + self.entity[pj], return_inverse=True)
        scores = np.zeros(len(keys))
        shared_u: list[tuple[str, ...]] = []
        for u, key in enumerate(keys.tolist()):
            shared = self.entity_sets[key // width] & self.entity_sets[key % width]
            shared_u.append(tuple(sorted(shared)))
            if shared:
                miss = 1.0
                for e in shared_u[-1]:
                    miss *= 1.0 - self.rarity("E:" + e)
                scores[u] = 1.0 - miss
        return scores, inv.reshape(-1), shared_u

    def quantity_scores(self, pi, pj, mask) -> tuple[np.ndarray, np.ndarray, list[tuple]]:
        """The quantity score of the pairs in ``mask`` (0 elsewhere), and per pair the index of
        its :func:`match_quantities` result in the returned list (-1: none)."""
        qty = np.zeros(len(pi))
        match_of = np.full(len(pi), -1, dtype=np.int64)
        idx = np.flatnonzero(mask)
        if not len(idx):
            return qty, match_of, []
        width = len(self.figure_sets)
        keys, inv = np.unique(
            self.figures[pi[idx]] * width + self.figures[pj[idx]], return_inverse=True
        )
        matches = []
        for key in keys.tolist():
            a = self.claims[self.figure_sets[key // width]]
            b = self.claims[self.figure_sets[key % width]]
            matches.append(match_quantities(a.quantities, b.quantities, self.rarity))
        inv = inv.reshape(-1)
        qty[idx] = np.array([m[0] for m in matches])[inv]
        match_of[idx] = inv
        return qty, match_of, matches


def _rank(claims: list[_Claim], si, sj, score, k: int) -> tuple[np.ndarray, np.ndarray]:
    """For each scored pair ``(si, sj)``: the 1-based rank of claim sj among claim si's
    candidates in sj's document, and of si among sj's in si's, 0 beyond the top ``k``; ties
    broken by the claims' position, so the result is deterministic."""
    m = len(si)
    if not m:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    n_docs = max(c.doc for c in claims) + 1
    doc = np.array([c.doc for c in claims], dtype=np.int64)
    order = np.array([c.order for c in claims], dtype=np.int64)
    owner = np.concatenate((si, sj))
    other = np.concatenate((sj, si))
    group = owner * n_docs + doc[other]  # a claim's candidates in one other document
    by = np.lexsort((order[other], -np.concatenate((score, score)), group))
    g = group[by]
    first = np.ones(len(g), dtype=bool)
    first[1:] = g[1:] != g[:-1]
    starts = np.flatnonzero(first)
    position = np.arange(len(g)) - np.repeat(starts, np.diff(np.append(starts, len(g))))
    rank = np.empty(len(g), dtype=np.int64)
    rank[by] = position + 1
    rank[rank > k] = 0
    return rank[:m], rank[m:]
