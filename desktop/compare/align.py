"""Suggested alignments: which claims in different documents state the same thing.

For every pair of claims from *different* documents that passes a cheap prefilter, the score is a
weighted blend (all parts in 0..1)::

    base  = 0.60 * text + 0.15 * entities + 0.10 * speaker + 0.15 * quantities
    score = min(1, base * 1.15)   if both documents have the same non-empty meta.event
            base                  otherwise

* ``text``: cosine of TF-IDF vectors over character 3-5-grams of the folded claim text
  (``desktop.text.fold_key``), word by word with the word's boundaries marked, after a light
  stemming (leading و, the article and its clitic forms وال بال كال فال لل, common suffixes) and
  without function words. Arabic morphology makes whole-word overlap weak (التجارة / التجاري /
  وللتجارة); shared n-grams of stems are not. Every quantity is replaced by one token of its
  normalised value, so ``7٪`` and ``سبعة بالمائة`` are the same text.
* ``entities``: registry entities linked by mentions inside each claim span, plus the claim's
  speaker entity. Each shared entity counts by its rarity ``r = log((N+1)/df) / log(N+1)`` over the
  N claims (df = claims that carry it), combined as a noisy-OR ``1 - prod(1 - r)``: in an event
  where every claim names Putin, sharing Putin says little; sharing Damascus says more.
* ``speaker``: the rarity of the shared speaker (same registry entity, or same bare name when the
  source mention is not linked), 0 when the speakers differ or are unknown.
* ``quantities``: noisy-OR of ``strength * rarity`` over quantities matched between the claims
  (:mod:`desktop.compare.numbers`): the same value or compatible dates (``--03-15`` and
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
the shared-feature counts are tallied with ``collections.Counter`` (C speed). 20 documents x 50
claims take well under a second (``desktop.compare.bench.measure_alignment``).

Output is deterministic: sorted by score, then by the two claims' (document, start, end, claim
id); within a pair, ``a`` is the claim that sorts first. Scores do not depend on document order.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from operator import mul

from desktop.core.model import Document, MentionStatus, RegistryEntity
from desktop.text import fold_key

from .numbers import Quantity, claim_quantities, date_fields
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
class Conflict:
    """Two figures of one kind that differ between the claims (both values kept)."""

    kind: str  # "number" | "percent" | "money" | "date" | "year"
    a: str  # normalised values
    b: str
    a_text: str  # surface forms
    b_text: str

    def to_json(self) -> dict:
        return {
            "kind": self.kind,
            "a": self.a,
            "b": self.b,
            "a_text": self.a_text,
            "b_text": self.b_text,
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


# --- text features -------------------------------------------------------------------------------

_STOP = {
    fold_key(w)
    for w in (
        "في من على إلى الى عن أن إن أنه إنه التي الذي الذين اللذين هذا هذه ذلك تلك هناك هنا مع "
        "أو ثم قد لقد كما حيث بين عند منذ خلال بعد قبل كل أي ما لا لم لن هو هي هم هما نحن أنا "
        "كان كانت يكون تكون وقد وقال قال أكد وأكد أشار وأشار أضاف وأضاف أوضح وأوضح بأن لأن "
        "ولا وهو وهي وفي ومن وعلى وإلى وأن وإن فإن كذلك أيضا أيضًا إنها أنها عليه فيه فيها "
        "به بها له لها"
    ).split()
}
_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")
_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")
_WORD = re.compile(r"\w+")
_GRAM_CACHE: dict[str, tuple[str, ...]] = {}
_STEM_CACHE: dict[str, str] = {}


def _stem(w: str) -> str:
    """Light stemming in the spirit of Larkey's light10: clitics and common suffixes off."""
    stem = _STEM_CACHE.get(w)
    if stem is None:
        stem = _light10(w)
        if len(_STEM_CACHE) < 200_000:
            _STEM_CACHE[w] = stem
    return stem


def _light10(w: str) -> str:
    if len(w) > 3 and w[0] == "و":
        w = w[1:]
    for p in _PREFIXES:
        if w.startswith(p) and len(w) - len(p) >= 2:
            w = w[len(p) :]
            break
    for s in _SUFFIXES:
        if len(w) - len(s) >= 3 and w.endswith(s):
            w = w[: -len(s)]
    return w


def _grams(token: str) -> tuple[str, ...]:
    """Character 3-5-grams of one stemmed token with its boundaries marked (cached)."""
    g = _GRAM_CACHE.get(token)
    if g is None:
        s = f" {token} "
        g = tuple(s[i : i + n] for n in (3, 4, 5) for i in range(len(s) - n + 1))
        if len(_GRAM_CACHE) < 200_000:
            _GRAM_CACHE[token] = g
    return g


def _tokens(text: str, quantities: list[Quantity]) -> list[str]:
    """Stemmed content tokens of a claim; each quantity becomes one token of its value."""
    parts: list[str] = []
    pos = 0
    for q in quantities:
        parts.append(text[pos : q.start])
        parts.append(" q" + re.sub(r"\W", "_", q.value) + " ")
        pos = q.end
    parts.append(text[pos:])
    out = []
    for w in _WORD.findall(fold_key("".join(parts))):
        if w in _STOP:
            continue
        out.append(w if w[0] == "q" or w.isdigit() else _stem(w))
    return out


# --- quantities ----------------------------------------------------------------------------------

_DATE_KINDS = ("date", "year")


@lru_cache(maxsize=4096)
def _date_ranges(value: str) -> tuple[tuple[int | None, int | None, int | None], ...]:
    """The (year, month, day) fields of a date value; both ends of a range."""
    return tuple(f for f in map(date_fields, value.split("/")) if f is not None)


def compare_quantities(a: Quantity, b: Quantity) -> tuple[float, bool]:
    """``(strength, compatible)`` of two quantities.

    Compatible means "the same figure, possibly less precise on one side": equal values, or dates
    whose known fields agree (``--03-15`` and ``2023-03-15``; ``2020`` and ``2020-01-07``). The
    strength says how much the pair suggests one story, compatible or not: 1 for compatible
    values of one kind, 0.5 for a year and a date in it or two different dates of one month, 0.25
    for two dates of one year, else 0.
    """
    if a.kind in _DATE_KINDS and b.kind in _DATE_KINDS:
        best = (0.0, False)
        for fa in _date_ranges(a.value):
            for fb in _date_ranges(b.value):
                known = [
                    (x, y) for x, y in zip(fa, fb, strict=True) if x is not None and y is not None
                ]
                if known and all(x == y for x, y in known):
                    cand = (1.0 if a.kind == b.kind else 0.5, True)
                elif fa[0] is not None and fa[0] == fb[0]:
                    cand = (0.5 if fa[1] is not None and fa[1] == fb[1] else 0.25, False)
                else:
                    cand = (0.0, False)
                best = max(best, cand, key=lambda t: (t[1], t[0]))
        return best
    return _compare_figures(a.kind, a.value, b.kind, b.value)


_FIGURE = {"ordinal": "number", "fraction": "percent"}


def _bounds(kind: str, value: str) -> tuple[float, float, str] | None:
    """``(low, high, unit)`` of a number, percent, fraction, money value or range."""
    number, _, unit = value.partition(" ")
    number = number.rstrip("%")
    try:
        lo, _, hi = number.partition("..")
        low = float(lo)
        high = float(hi) if hi else low
    except ValueError:
        return None
    if kind == "fraction":
        low, high = low * 100, high * 100
    return low, high, unit


def _gregorian(hijri: int) -> tuple[int, int]:
    """The two Gregorian years a Hijri year overlaps (a Hijri year is ~354 days)."""
    first = int((hijri - 1) * 0.970229 + 622.54)
    return first, first + 1


def _compare_figures(ka: str, va: str, kb: str, vb: str) -> tuple[float, bool]:
    if "hijri" in (ka, kb):
        if ka == kb:
            return (1.0, True) if va == vb else (0.0, False)
        h, other = (va, vb) if ka == "hijri" else (vb, va)
        fields = date_fields(other) if (kb if ka == "hijri" else ka) in _DATE_KINDS else None
        if fields and fields[0] is not None and h.isdigit():
            return (0.5, True) if fields[0] in _gregorian(int(h)) else (0.0, False)
        return 0.0, False
    fa, fb = _FIGURE.get(ka, ka), _FIGURE.get(kb, kb)
    if fa != fb or fa in _DATE_KINDS:
        return 0.0, False
    if va == vb and ka == kb:
        return 1.0, True
    ba, bb = _bounds(ka, va), _bounds(kb, vb)
    if ba is None or bb is None or ba[2] != bb[2]:
        return 0.0, False
    if ba[:2] == bb[:2] or (abs(ba[0] - bb[0]) < 0.01 and abs(ba[1] - bb[1]) < 0.01):
        return 1.0, True  # الثمانين / الـ80, نصف / 50%
    if ba[0] <= bb[1] and bb[0] <= ba[1]:
        return 0.5, True  # a figure inside a range, or two overlapping ranges
    return 0.0, False


@lru_cache(maxsize=4096)
def _keys_of(kind: str, value: str) -> tuple[str, ...]:
    if kind == "fraction" and _bounds(kind, value):
        kind, value = "percent", f"{_bounds(kind, value)[0]:g}%"  # type: ignore[index]
    keys = [f"{_FIGURE.get(kind, kind)}:{value}"]
    if kind in _DATE_KINDS:
        for y, m, _ in _date_ranges(value):
            if y is not None:
                if m is not None:
                    keys.append(f"ym:{y}-{m:02d}")
                keys.append(f"y:{y}")
    return tuple(dict.fromkeys(keys))


def _quantity_keys(q: Quantity) -> tuple[str, ...]:
    """Index keys of a quantity: its value, and for dates its year-month and year."""
    return _keys_of(q.kind, q.value)


def _more_specific(a: Quantity, b: Quantity) -> str:
    fa, fb = _date_ranges(a.value), _date_ranges(b.value)
    if fa and fb:
        na = sum(x is not None for x in fa[0])
        nb = sum(x is not None for x in fb[0])
        return b.value if nb > na else a.value
    return a.value


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
            grams: Counter = Counter()
            for tok in _tokens(ctext, quantities):
                grams.update(_grams(tok))
            feats = [g for g in grams if len(g) == 4]
            for e in sorted(ents):
                feats.extend(f"E:{e}#{k}" for k in range(_ENTITY_REPEAT))
            for q in quantities:
                for key in _quantity_keys(q):
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
                )
            )
    return claims


def _rarity(df: int, n: int) -> float:
    return min(1.0, math.log((n + 1) / max(df, 1)) / math.log(n + 1)) if n > 0 else 0.0


def _vectors(claims: list[_Claim]) -> tuple[list[dict[str, float]], dict[str, float], list[float]]:
    """L2-normalised TF-IDF vectors (sublinear tf, smoothed idf) over the claims' n-grams, the
    idf of each n-gram and each claim's idf mass (the sum over its distinct n-grams)."""
    n = len(claims)
    df: Counter = Counter()
    for c in claims:
        df.update(c.grams.keys())
    idf = {g: math.log((1 + n) / (1 + d)) + 1.0 for g, d in df.items()}
    out = []
    mass = []
    for c in claims:
        v = {g: (1.0 + math.log(k)) * idf[g] for g, k in c.grams.items()}
        norm = math.sqrt(sum(w * w for w in v.values())) or 1.0
        out.append({g: w / norm for g, w in v.items()})
        mass.append(math.fsum(map(idf.__getitem__, c.grams)) or 1.0)
    return out, idf, mass


def _candidates(claims: list[_Claim]) -> list[tuple[int, int]]:
    """Pairs of claims from different documents that share enough rare-ish indexed features."""
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
                mine = need[i]
                pairs.extend(
                    (j, i) for j, k in Counter(hits).items() if k >= mine or k >= need[j]
                )
        for i in members:  # same-document claims never meet: add them after the whole document
            for f in claims[i].features:
                if f in keep:
                    postings.setdefault(f, []).append(i)
    return pairs


# --- scoring -------------------------------------------------------------------------------------


@lru_cache(maxsize=65536)
def _relation(ka: str, va: str, kb: str, vb: str) -> tuple[float, bool, tuple[str, ...]]:
    """compare_quantities on (kind, value) pairs, with the index keys whose rarity weighs the
    match: the two exact values when compatible, else the month (or year) both dates share."""
    strength, compatible = compare_quantities(
        Quantity(ka, va, "", 0, 0), Quantity(kb, vb, "", 0, 0)
    )
    if strength <= 0:
        return strength, compatible, ()
    kx, ky = _keys_of(ka, va), _keys_of(kb, vb)
    if compatible:
        return strength, compatible, (kx[0], ky[0])
    level = "ym:" if strength >= 0.5 else "y:"
    return strength, compatible, tuple(k for k in kx + ky if k.startswith(level))


_NO_CONFLICT = {"ordinal"}  # the fifth visit and the first meeting count different things


def _match_quantities(
    qa: list[Quantity], qb: list[Quantity], rarity
) -> tuple[float, list[str], list[Conflict]]:
    """Greedy matching of two claims' quantities: (quantity score, shared values, conflicts).

    Best pairs first (compatible before merely related, stronger before weaker, then text order);
    each quantity is used once. Leftover quantities of one kind on both sides are conflicts."""
    cross = []
    for i, x in enumerate(qa):
        for j, y in enumerate(qb):
            strength, compatible, keys = _relation(x.kind, x.value, y.kind, y.value)
            same_kind = x.kind == y.kind
            if compatible or same_kind:
                cross.append((-(strength + compatible), i, j, strength, compatible, keys))
    if len(cross) > 1:
        cross.sort()
    used_a: set[int] = set()
    used_b: set[int] = set()
    miss = 1.0
    shared: list[str] = []
    conflicts: list[Conflict] = []
    for _, i, j, strength, compatible, keys in cross:
        if i in used_a or j in used_b:
            continue
        x, y = qa[i], qb[j]
        used_a.add(i)
        used_b.add(j)
        if keys:
            miss *= 1.0 - strength * max(rarity("Q:" + k) for k in keys)
        if compatible:
            shared.append(_more_specific(x, y))
        elif x.kind not in _NO_CONFLICT:
            conflicts.append(Conflict(x.kind, x.value, y.value, x.text, y.text))
    return 1.0 - miss, sorted(set(shared)), conflicts


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
    text (the documents' own ``registry`` is always used). See the module docstring.
    """
    claims = _prepare(documents, registry)
    if len(claims) < 2:
        return []
    skip = _normalise_rejected(rejected)
    n = len(claims)
    vectors, idf, mass = _vectors(claims)
    cut = min(threshold, FLOOR)

    counts: Counter = Counter()  # claims carrying each entity (E:), speaker (S:), quantity (Q:)
    for c in claims:
        counts.update("E:" + e for e in c.entities)
        if c.speaker:
            counts["S:" + c.speaker] += 1
        counts.update({"Q:" + k for q in c.quantities for k in _quantity_keys(q)})
    rarity_cache: dict[str, float] = {}

    def rarity(key: str) -> float:
        r = rarity_cache.get(key)
        if r is None:
            r = rarity_cache[key] = _rarity(counts[key], n)
        return r

    scored: list[tuple[float, int, int, float, float, bool]] = []
    for i, j in _candidates(claims):
        a, b = claims[i], claims[j]
        va, vb = vectors[i], vectors[j]
        common = va.keys() & vb.keys()
        # fsum: exactly rounded, so the set's (hash-seeded) order cannot change the result
        cosine = math.fsum(map(mul, map(va.__getitem__, common), map(vb.__getitem__, common)))
        inside = math.fsum(map(idf.__getitem__, common)) / min(mass[i], mass[j])
        text = min(1.0, (cosine + inside) / 2)
        miss = 1.0
        for e in sorted(a.entities & b.entities):
            miss *= 1.0 - rarity("E:" + e)
        ent = 1.0 - miss
        same_speaker = a.speaker is not None and a.speaker == b.speaker
        spk = rarity(f"S:{a.speaker}") if same_speaker else 0.0
        same_event = a.event is not None and a.event == b.event
        base = W_TEXT * text + W_ENTITIES * ent + W_SPEAKER * spk
        boost = EVENT_BOOST if same_event else 1.0
        has_q = bool(a.quantities and b.quantities)
        if (base + (W_QUANTITIES if has_q else 0.0)) * boost < cut:
            continue  # cannot reach the cut whatever the quantities say
        qty = _match_quantities(a.quantities, b.quantities, rarity)[0] if has_q else 0.0
        score = round(min(1.0, (base + W_QUANTITIES * qty) * boost), 4)
        if score >= cut:
            scored.append((score, i, j, text, ent, same_event))

    ranks = _rank(claims, scored, k)
    out: list[Suggestion] = []
    for score, i, j, text, _, same_event in scored:
        rank_ij, rank_ji = ranks.get((i, j), 0), ranks.get((j, i), 0)
        if score < threshold or not (rank_ij or rank_ji):
            continue
        a, b = claims[i], claims[j]
        if a.sort_key > b.sort_key:
            a, b, rank_ij, rank_ji = b, a, rank_ji, rank_ij
        if (
            skip
            and frozenset(((a.ref.document, a.ref.claim), (b.ref.document, b.ref.claim))) in skip
        ):
            continue
        if a.quantities and b.quantities:
            _, shared_q, conflicts = _match_quantities(a.quantities, b.quantities, rarity)
        else:
            shared_q, conflicts = [], []
        same_speaker = a.speaker is not None and a.speaker == b.speaker
        evidence = {
            "text_similarity": round(text, 4),
            "shared_entities": sorted(a.entities & b.entities),
            "shared_speaker": a.speaker[2:] if same_speaker else False,  # type: ignore[index]
            "shared_quantities": shared_q,
            "same_event": same_event,
            # one article states a proposition once: only a best match in a document is strong
            "tier": "strong" if score >= THRESHOLD and 1 in (rank_ij, rank_ji) else "weaker",
            "ranks": [rank_ij or None, rank_ji or None],
        }
        out.append(Suggestion(a.ref, b.ref, score, evidence, tuple(conflicts)))
    out.sort(key=lambda s: (-s.score, _ref_key(s.a), _ref_key(s.b)))
    return out


def _rank(claims: list[_Claim], scored: list, k: int) -> dict[tuple[int, int], int]:
    """``{(i, j): rank}``: 1-based rank of claim j among claim i's candidates in j's document,
    for the top ``k`` only; ties broken by the claims' position, so the result is deterministic."""
    lists: dict[tuple[int, int], list[tuple[float, tuple, int]]] = {}
    for score, i, j, *_ in scored:
        lists.setdefault((i, claims[j].doc), []).append((-score, claims[j].sort_key, j))
        lists.setdefault((j, claims[i].doc), []).append((-score, claims[i].sort_key, i))
    ranks: dict[tuple[int, int], int] = {}
    for (i, _), items in lists.items():
        best = sorted(items)[:k] if len(items) > k else sorted(items)
        for r, (_, _, j) in enumerate(best, start=1):
            ranks[(i, j)] = r
    return ranks


def _ref_key(r: ClaimRef) -> tuple:
    return (r.document, r.start, r.end, r.claim)
