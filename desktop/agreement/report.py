"""The agreement report: every figure for mentions, claims and clusters, as one JSON-ready dict.

Layout of the returned dict (``null`` where a figure is undefined):

* top level: ``annotators``, ``label`` (the ``label`` filter or null), ``documents_compared``,
  and the overall mention figures ``span_f1_exact``, ``span_f1_overlap``, ``kappa``, ``alpha``
  (the same four values also sit in ``mentions``);
* ``mentions``: those four, ``tokens`` (units of α), ``per_label`` {label: {span_f1_exact,
  span_f1_overlap, spans}}, ``pairs`` [one object per annotator pair];
* ``claims``: ``span_f1_exact``, ``span_f1_overlap``, ``matched``, ``attributes`` {source,
  quote_type, polarity: {matched, percent, kappa, alpha}}, ``pairs``;
* ``clusters``: ``b3_precision``, ``b3_recall``, ``b3_f1``, ``shared_claims``, ``pairs``;
* ``documents``: one entry per document at least two annotators worked on, most disagreement first.

Span F1 is micro-averaged: matches and spans are summed over documents, labels and annotator pairs
before dividing. ``kappa`` is Cohen's κ on token IOB tags for two annotators; with more it is the
mean of the pairwise κ (Light's κ). ``alpha`` is Krippendorff's α (nominal) with every token of
every document as a unit and each annotator who worked on the document as a coder (missing values
where they did not).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain, combinations, repeat
from operator import itemgetter

from desktop.core.model import Claim, ClaimCluster, DocStatus, Document, Mention, SourceKind
from desktop.core.rules import text_sha256
from desktop.text import fold_key

from .spans import matched_labels, overlap_pairs
from .stats import alpha_from_units, b_cubed, cohen_kappa_from_pairs, f1, ratio
from .tokens import OUTSIDE, classes, mention_tags, token_count

__all__ = ["CLAIM_ATTRIBUTES", "agreement_report", "agreement_report_rows"]

CLAIM_ATTRIBUTES = ("source", "quote_type", "polarity")
UNKNOWN_ANNOTATOR = "(unknown)"
_folded = lru_cache(maxsize=8192)(fold_key)  # speakers' names repeat across claims


@dataclass
class _Layer:
    """One annotator's work on one document."""

    mentions: list[tuple[int, int, str]] = field(default_factory=list)
    claims: list[tuple] = field(default_factory=list)  # _claim_row() tuples
    mention_by_ext: dict[str, tuple] = field(default_factory=dict)  # _mention_row() tuples
    _labels: list[str] | None = None

    def labels(self) -> list[str]:
        """The label of each span, listed once for all the pairs the layer is in."""
        if self._labels is None:
            self._labels = list(map(itemgetter(2), self.mentions))
        return self._labels


@dataclass
class _Doc:
    sha: str
    external_id: str
    text: str
    layers: dict[str, _Layer] = field(default_factory=dict)


@dataclass
class _Tally:
    """Counts summed over documents (and pairs) before any division."""

    exact: Counter = field(default_factory=Counter)  # label -> matched spans
    overlap: Counter = field(default_factory=Counter)
    size_a: Counter = field(default_factory=Counter)  # label -> spans
    size_b: Counter = field(default_factory=Counter)
    tags: Counter = field(default_factory=Counter)  # (tag A, tag B) -> tokens
    claims_exact: int = 0
    claims_overlap: int = 0
    claims_a: int = 0
    claims_b: int = 0
    attributes: dict[str, Counter] = field(
        default_factory=lambda: {name: Counter() for name in CLAIM_ATTRIBUTES}
    )
    documents: int = 0

    def add(self, other: _Tally) -> None:
        for name in ("exact", "overlap", "size_a", "size_b", "tags"):
            getattr(self, name).update(getattr(other, name))
        for name in ("claims_exact", "claims_overlap", "claims_a", "claims_b", "documents"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name in CLAIM_ATTRIBUTES:
            self.attributes[name].update(other.attributes[name])


def agreement_report(
    documents: Mapping[str, Iterable[Document]] | Iterable[Document],
    clusters: Iterable[ClaimCluster] = (),
    *,
    annotators: Iterable[str] | None = None,
    label: str | None = None,
) -> dict:
    """Agreement between annotators on mentions, claims and claim clusters.

    ``documents`` is either ``{annotator: documents}`` (each annotator's own copy, as read from
    their exports) or documents whose mentions and claims carry ``annotator`` (as read from a
    shared database; an annotator whose status for a document is past "not started" counts as
    having worked on it even with no spans). Documents are matched across annotators by the
    SHA-256 of their text. ``annotators`` restricts the comparison; ``label`` restricts mentions
    (spans, κ and α) to one label.
    """
    docs, ext_index = _collect(documents, label)
    return _report(docs, ext_index, clusters, annotators, label)


def agreement_report_rows(
    documents: Iterable[tuple[int, str, str, str]],
    mentions: Mapping[int, Mapping[str, list[tuple]]],
    claims: Mapping[int, Mapping[str, list[tuple]]],
    statuses: Mapping[int, Mapping[str, str]],
    clusters: Iterable[ClaimCluster] = (),
    *,
    annotators: Iterable[str] | None = None,
    label: str | None = None,
) -> dict:
    """The same report from plain rows, as a database hands them out without building documents
    (layout in ``desktop/storage/agreement_rows.py``): ``documents`` are ``(id, external_id,
    text_sha256, text)``; ``mentions``, ``claims`` and ``statuses`` are keyed by document id,
    then annotator. Mentions are ``(start, end, label)``, claims ``(start, end, ext_id, source
    kind, source, quote type, polarity, source mention)``, the source mention ``(start, end,
    label, ext_id, entity, prefix_len)`` when it is a reviewed mention of the same layer."""
    docs: dict[str, _Doc] = {}
    ext_index: dict[tuple[str | None, str], str] = {}
    empty: dict = {}
    not_started = DocStatus.NOT_STARTED.value
    for doc_id, external_id, sha, text in documents:
        found = docs.get(sha)
        if found is None:
            found = docs[sha] = _Doc(sha, external_id, text)
        ext_index.setdefault((None, external_id), sha)
        layers = found.layers
        for name, status in statuses.get(doc_id, empty).items():
            if status != not_started and name not in layers:
                layers[name] = _Layer()
        for name, rows in mentions.get(doc_id, empty).items():
            layer = layers.get(name) or layers.setdefault(name, _Layer())
            if label is None:
                layer.mentions.extend(rows)
            else:
                layer.mentions.extend(m for m in rows if m[2] == label)
        for name, rows in claims.get(doc_id, empty).items():
            layer = layers.get(name) or layers.setdefault(name, _Layer())
            layer.claims.extend(rows)
            for c in rows:
                if c[7] is not None:
                    layer.mention_by_ext[c[4]] = c[7]
        for name in layers:
            ext_index[name, external_id] = sha
    return _report(docs, ext_index, clusters, annotators, label)


def _report(docs, ext_index, clusters, annotators, label) -> dict:
    names = sorted({n for d in docs.values() for n in d.layers})
    if annotators is not None:
        wanted = list(dict.fromkeys(annotators))
        names = [n for n in wanted if n in names]
    chosen = set(names)
    compared = [d for d in docs.values() if len(chosen & d.layers.keys()) >= 2]
    # per set of coders: how many tokens received each tuple of tags (one per coder), summed
    # over the documents those coders worked on (a pair's κ is read from these at the end)
    by_coders: dict[tuple[str, ...], Counter] = {}
    units: Counter = Counter()  # α's units: the tags a token received -> how many tokens
    for doc in compared:
        cls = classes(doc.text)
        n = token_count(doc.text, cls)
        coders = sorted(chosen & doc.layers.keys())
        cache: dict = {}  # spans the annotators share are tokenized once
        layers = [
            mention_tags(doc.text, cls, doc.layers[name].mentions, runs_cache=cache)
            for name in coders
        ]
        tagged = set().union(*layers)
        counts = Counter(zip(*(map(t.get, tagged, repeat(OUTSIDE)) for t in layers), strict=True))
        counts[(OUTSIDE,) * len(coders)] += n - len(tagged)
        units.update(counts)  # in document order: α sums floats in this order
        found = by_coders.get(tuple(coders))
        if found is None:
            by_coders[tuple(coders)] = Counter(counts)
        else:
            found.update(counts)

    total = _Tally()
    pairs = []
    per_doc: dict[str, list[int]] = {d.sha: [0, 0] for d in compared}  # matched, spans
    matched_claims: dict[tuple[str, str], list] = {}
    for a, b in combinations(names, 2):
        tally = _Tally()
        matched = matched_claims[a, b] = []
        both = [doc for doc in compared if a in doc.layers and b in doc.layers]
        for doc in both:
            _compare(doc, a, b, tally, per_doc[doc.sha], matched)
        tally.size_a.update(chain.from_iterable(d.layers[a].labels() for d in both))
        tally.size_b.update(chain.from_iterable(d.layers[b].labels() for d in both))
        for coders, counts in by_coders.items():
            if a in coders and b in coders:
                i, j = coders.index(a), coders.index(b)
                for values, n in counts.items():
                    tally.tags[values[i], values[j]] += n
        total.add(tally)
        pairs.append((a, b, tally))

    mentions = _mention_figures(total, [p[2] for p in pairs])
    mentions["alpha"] = alpha_from_units(units)
    mentions["tokens"] = sum(units.values())
    mentions["pairs"] = [
        {"annotators": [a, b], **_mention_figures(t, [t]), "documents": t.documents}
        for a, b, t in pairs
    ]
    report = {
        "annotators": names,
        "label": label,
        "documents_compared": len(compared),
        **{key: mentions[key] for key in ("span_f1_exact", "span_f1_overlap", "kappa", "alpha")},
        "mentions": mentions,
        "claims": _claim_figures(total, pairs),
        "clusters": _cluster_figures(list(clusters), ext_index, docs, matched_claims, names),
        "documents": _document_list(compared, chosen, per_doc),
    }
    return report


# --------------------------------------------------------------------------- input


def _collect(documents, label) -> tuple[dict[str, _Doc], dict[tuple[str | None, str], str]]:
    """Documents by text hash, each with a layer per annotator; and (annotator, doc id) -> hash."""
    docs: dict[str, _Doc] = {}
    ext_index: dict[tuple[str | None, str], str] = {}

    def entry(doc: Document) -> _Doc:
        sha = doc.text_sha256 or text_sha256(doc.text)
        found = docs.get(sha)
        if found is None:
            found = docs[sha] = _Doc(sha, doc.external_id, doc.text)
        ext_index.setdefault((None, doc.external_id), sha)
        return found

    def fill(layer: _Layer, mentions: Iterable[Mention], claims: Iterable[Claim]) -> None:
        for m in mentions:
            if m.ext_id:
                layer.mention_by_ext[m.ext_id] = _mention_row(m)
            if label is None or m.label == label:
                layer.mentions.append((m.start, m.end, m.label))
        layer.claims.extend(map(_claim_row, claims))

    if isinstance(documents, Mapping):
        for name, group in documents.items():
            for doc in group:
                found = entry(doc)
                ext_index[name, doc.external_id] = found.sha
                fill(found.layers.setdefault(name, _Layer()), doc.mentions, doc.claims)
        return docs, ext_index
    for doc in documents:
        found = entry(doc)
        by_name: dict[str, tuple[list, list]] = {
            name: ([], []) for name, status in doc.status.items() if status != DocStatus.NOT_STARTED
        }
        for m in doc.mentions:
            by_name.setdefault(m.annotator or UNKNOWN_ANNOTATOR, ([], []))[0].append(m)
        for c in doc.claims:
            by_name.setdefault(c.annotator or UNKNOWN_ANNOTATOR, ([], []))[1].append(c)
        for name, (mentions, claims) in by_name.items():
            ext_index[name, doc.external_id] = found.sha
            fill(found.layers.setdefault(name, _Layer()), mentions, claims)
    return docs, ext_index


def _mention_row(m: Mention) -> tuple:
    return (m.start, m.end, m.label, m.ext_id, m.entity, m.prefix_len)


def _claim_row(c: Claim) -> tuple:
    """(start, end, ext_id, source kind, source mention or entity, quote type, polarity)."""
    src = c.source
    if src is None:
        kind = ref = None
    else:
        kind = src.kind.value
        ref = src.mention if src.kind is SourceKind.MENTION else src.entity
    return (c.start, c.end, c.ext_id, kind, ref, str(c.quote_type), str(c.polarity))


# --------------------------------------------------------------------------- one pair


def _compare(doc: _Doc, a, b, tally: _Tally, doc_counts, matched) -> None:
    la, lb = doc.layers[a], doc.layers[b]
    tally.documents += 1
    exact, other = matched_labels(la.mentions, lb.mentions)
    n_exact = len(exact)
    tally.exact.update(exact)
    tally.overlap.update(exact)
    tally.overlap.update(other)

    ca = [(c[0], c[1], None) for c in la.claims]
    cb = [(c[0], c[1], None) for c in lb.claims]
    claims_exact = 0
    tally.claims_a += len(ca)
    tally.claims_b += len(cb)
    for i, j in overlap_pairs(ca, cb):
        tally.claims_overlap += 1
        if ca[i] == cb[j]:
            claims_exact += 1
        x, y = la.claims[i], lb.claims[j]
        matched.append((doc.sha, x, y))
        tally.attributes["source"][_source(doc, la, x), _source(doc, lb, y)] += 1
        tally.attributes["quote_type"][x[5], y[5]] += 1
        tally.attributes["polarity"][x[6], y[6]] += 1

    tally.claims_exact += claims_exact
    doc_counts[0] += 2 * (n_exact + claims_exact)
    doc_counts[1] += len(la.mentions) + len(lb.mentions) + len(ca) + len(cb)


def _source(doc: _Doc, layer: _Layer, claim: tuple) -> str:
    """Who a claim is attributed to, comparable across annotators.

    A mention source becomes its registry entity when linked, else the folded words of the mention
    without proclitics: two annotators picking different mentions of the same speaker agree.
    """
    kind, ref = claim[3], claim[4]
    if kind is None:
        return "none"
    if kind == "entity":
        return f"entity:{ref}"
    if kind == "mention":
        m = layer.mention_by_ext.get(ref or "")
        if m is None:
            return f"mention:{ref}"
        if m[4]:
            return f"entity:{m[4]}"
        return "text:" + _folded(doc.text[m[0] + (m[5] or 0) : m[1]]).strip()
    return kind


# --------------------------------------------------------------------------- figures


def _mention_figures(t: _Tally, tallies: list[_Tally]) -> dict:
    labels = sorted(t.size_a.keys() | t.size_b.keys())
    kappas = [k for k in (cohen_kappa_from_pairs(x.tags) for x in tallies) if k is not None]
    return {
        "span_f1_exact": f1(sum(t.exact.values()), t.size_a.total(), t.size_b.total()),
        "span_f1_overlap": f1(sum(t.overlap.values()), t.size_a.total(), t.size_b.total()),
        "kappa": sum(kappas) / len(kappas) if kappas else None,
        "per_label": {
            key: {
                "span_f1_exact": f1(t.exact[key], t.size_a[key], t.size_b[key]),
                "span_f1_overlap": f1(t.overlap[key], t.size_a[key], t.size_b[key]),
                "spans": t.size_a[key] + t.size_b[key],
            }
            for key in labels
        },
    }


def _claim_figures(total: _Tally, pairs: list[tuple[str, str, _Tally]]) -> dict:
    def spans(t: _Tally) -> dict:
        return {
            "span_f1_exact": f1(t.claims_exact, t.claims_a, t.claims_b),
            "span_f1_overlap": f1(t.claims_overlap, t.claims_a, t.claims_b),
            "matched": t.claims_overlap,
        }

    def attributes(t: _Tally, tallies: list[_Tally]) -> dict:
        out = {}
        for name in CLAIM_ATTRIBUTES:
            counts = t.attributes[name]
            kappas = [cohen_kappa_from_pairs(x.attributes[name]) for x in tallies]
            kappas = [k for k in kappas if k is not None]
            agree = sum(n for (x, y), n in counts.items() if x == y)
            out[name] = {
                "matched": counts.total(),
                "percent": None if not counts else 100 * agree / counts.total(),
                "kappa": sum(kappas) / len(kappas) if kappas else None,
                "alpha": alpha_from_units(counts),
            }
        return out

    return {
        **spans(total),
        "attributes": attributes(total, [p[2] for p in pairs]),
        "pairs": [
            {"annotators": [a, b], **spans(t), "attributes": attributes(t, [t])}
            for a, b, t in pairs
        ],
    }


def _cluster_figures(clusters, ext_index, docs, matched_claims, names) -> dict:
    """B³ per pair over the claims both annotators marked (matched by overlap) and clustered."""
    by_name: dict[str, list[ClaimCluster]] = {}
    for cluster in clusters:
        by_name.setdefault(cluster.annotator or UNKNOWN_ANNOTATOR, []).append(cluster)

    def partition(name: str, rename: Mapping[tuple[str, str], tuple[str, str]] | None):
        out = []
        for cluster in by_name.get(name, ()):
            members = []
            for m in cluster.members:
                sha = ext_index.get((name, m.document)) or ext_index.get((None, m.document))
                element = (sha, m.claim)
                if rename is not None:
                    element = rename.get(element)
                if element is not None and element[0] is not None:
                    members.append(element)
            out.append(members)
        return out

    pairs = []
    sums = [0.0, 0.0, 0]  # precision·n, recall·n, n
    for a, b in combinations(names, 2):
        rename = {(sha, y[2]): (sha, x[2]) for sha, x, y in matched_claims[a, b]}
        ref, res = partition(a, None), partition(b, rename)
        shared = {e for c in ref for e in c} & {e for c in res for e in c}
        p, r, f = b_cubed(ref, res)
        pairs.append(
            {"annotators": [a, b], "b3_precision": p, "b3_recall": r, "b3_f1": f,
             "shared_claims": len(shared)}
        )  # fmt: skip
        if p is not None:
            sums[0] += p * len(shared)
            sums[1] += r * len(shared)
            sums[2] += len(shared)
    p, r = ratio(sums[0], sums[2]), ratio(sums[1], sums[2])
    f = None if p is None else (2 * p * r / (p + r) if p + r else 0.0)
    return {"b3_precision": p, "b3_recall": r, "b3_f1": f, "shared_claims": sums[2],
            "pairs": pairs}  # fmt: skip


def _document_list(compared: list[_Doc], chosen: set[str], per_doc) -> list[dict]:
    """Disagreement = 1 − micro F1 of exact mention and claim spans over the document's pairs."""
    out = []
    for doc in compared:
        matched, spans = per_doc[doc.sha]
        names = sorted(chosen & doc.layers.keys())
        out.append(
            {
                "document": doc.external_id,
                "text_sha256": doc.sha,
                "annotators": names,
                "disagreement": 0.0 if spans == 0 else 1 - matched / spans,
                "mentions": {n: len(doc.layers[n].mentions) for n in names},
                "claims": {n: len(doc.layers[n].claims) for n in names},
            }
        )
    out.sort(key=lambda d: (-d["disagreement"], d["document"]))
    return out
