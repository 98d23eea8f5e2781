"""`mizan agreement --json` as a whole command on 1,000 ~4 KB articles × 3 annotators, against
an agreement floor timed in the same run.

The three layers are written as native JSONL (one file per annotator, ~30 mentions and 3 claims
per article, a few claim clusters) and stored by `mizan import --annotator NAME`, the real
import path. The annotators disagree as people do: a span missing, another label, a boundary
moved by a word, another quote type or polarity, a span only one of them marked.

The floor (``python -m benchmarks.agreement floor DB``): read the same mention and claim rows
with sqlite3 and count the exact matches of every annotator pair per document in plain Python.
It is less than the report does (no tokens, κ, α, overlap, claim attributes, clusters), so the
multiple says how much the rest and the interpreter's start-up cost on top of the reading.

    python -m benchmarks.agreement write DIR N    # the three JSONL files (for a look at them)
"""

from __future__ import annotations

import json
import random
import re
import sqlite3
import statistics
import sys
from collections import defaultdict
from itertools import combinations
from pathlib import Path

from benchmarks.measure import Bench, by_turns, python_module, run
from benchmarks.report import Figure

ANNOTATORS = ("amal", "badr", "huda")
MENTIONS = 30
CLAIMS = 3
_WORD = re.compile(r"[^\s.]+")
_QUOTES = ("direct", "indirect", "mixed", "outlet_assertion")
_POLARITIES = ("asserted", "hedged", "denied")


def _words(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _WORD.finditer(text)]


def _span(text: str, start: int, end: int, **rest) -> dict:
    return {"start": start, "end": end, "text": text[start:end], **rest}


def _base(rng: random.Random, i: int) -> dict:
    """An article with the spans every annotator starts from (what a careful reader marks)."""
    from tests.support.corpus import LABELS, record

    rec = record(rng, i, 0)
    text = rec["text"]
    words = _words(text)
    picks = sorted(rng.sample(range(len(words) - 3), MENTIONS))
    mentions = []
    for k, w in enumerate(picks):
        start, end = words[w][0], words[w + rng.choice((0, 0, 1, 2))][1]
        mentions.append(_span(text, start, end, id=f"m{k + 1}", label=rng.choice(LABELS)))
    claims = []
    for k in range(CLAIMS):
        w = rng.randrange(len(words) - 12)
        start, end = words[w][0], words[w + rng.randint(4, 11)][1]
        claims.append(
            _span(
                text, start, end, id=f"c{k + 1}",
                source={"mention": mentions[k * 7]["id"]} if k % 2 == 0 else {"outlet": True},
                quote_type=rng.choice(_QUOTES[:2]), polarity="asserted",
            )
        )  # fmt: skip
    rec["entities"], rec["claims"] = mentions, claims
    return rec


def _moved(rng: random.Random, text: str, words, span: dict) -> dict:
    """The span with one boundary moved by a word (longer or shorter), still whole words."""
    starts = {a: k for k, (a, _) in enumerate(words)}
    ends = {b: k for k, (_, b) in enumerate(words)}
    first, last = starts.get(span["start"]), ends.get(span["end"])
    if first is None or last is None:
        return span
    if rng.random() < 0.5 and last + 1 < len(words):
        last += 1
    elif first > 0:
        first -= 1
    return {**span, **_span(text, words[first][0], words[last][1])}


def _layer(rng: random.Random, base: dict) -> dict:
    """One annotator's version of the base article."""
    from tests.support.corpus import LABELS

    text, words = base["text"], _words(base["text"])
    mentions = []
    for m in base["entities"]:
        roll = rng.random()
        if roll < 0.08:
            continue  # missed
        if roll < 0.14:
            m = {**m, "label": rng.choice(LABELS)}
        elif roll < 0.20:
            m = _moved(rng, text, words, m)
        mentions.append(m)
    for k in range(rng.choice((0, 1, 2))):  # spans only this annotator marked
        w = rng.randrange(len(words))
        mentions.append(_span(text, *words[w], id=f"x{k + 1}", label=rng.choice(LABELS)))
    ids = {m["id"] for m in mentions}
    claims = []
    for c in base["claims"]:
        roll = rng.random()
        if roll < 0.1:
            continue
        if roll < 0.25:
            c = {**c, "quote_type": rng.choice(_QUOTES)}
        elif roll < 0.35:
            c = {**c, "polarity": rng.choice(_POLARITIES)}
        elif roll < 0.45:
            c = _moved(rng, text, words, c)
        if "mention" in c["source"] and c["source"]["mention"] not in ids:
            c = {**c, "source": {"unnamed": True}}
        claims.append(c)
    mentions.sort(key=lambda m: (m["start"], m["end"]))
    return {**base, "entities": mentions, "claims": claims}


def write_layers(folder: Path, n_docs: int, seed: int = 11) -> list[Path]:
    """One native JSONL file per annotator; each clusters the claims of 3 articles at a time,
    with an annotator's own grouping now and then."""
    rng = random.Random(seed)
    bases = [_base(rng, i) for i in range(n_docs)]
    paths = []
    for name in ANNOTATORS:
        path = folder / f"agreement-{name}.jsonl"
        layers = [_layer(rng, b) for b in bases]
        with path.open("w", encoding="utf-8") as out:
            for rec in layers:
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            for g in range(0, n_docs - 2, 3):
                group = layers[g : g + 3]
                for k in range(CLAIMS):
                    members = [
                        {"document": rec["id"], "claim": f"c{k + 1}"}
                        for rec in group
                        if any(c["id"] == f"c{k + 1}" for c in rec["claims"]) and rng.random() > 0.1
                    ]
                    if len(members) >= 2:
                        out.write(
                            json.dumps(
                                {"type": "cluster", "id": f"{name}-{g}-{k}",
                                 "label": f"claim {k}", "members": members, "annotator": name},
                                ensure_ascii=False,
                            ) + "\n"
                        )  # fmt: skip
        paths.append(path)
    return paths


def floor(db: str) -> dict:
    """Read the span rows and count exact matches per annotator pair and document."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    layers: dict = defaultdict(lambda: defaultdict(list))  # doc -> annotator -> spans
    for doc, who, start, end, label in con.execute(
        'SELECT document_id, annotator_id, start, "end", label FROM mention '
        "WHERE status IN ('manual', 'accepted')"
    ):
        layers[doc][who].append((start, end, label))
    for doc, who, start, end in con.execute(
        'SELECT document_id, annotator_id, start, "end" FROM claim'
    ):
        layers[doc][who].append((start, end, None))
    matched = spans = 0
    for by_who in layers.values():
        for a, b in combinations(sorted(by_who), 2):
            matched += len(set(by_who[a]) & set(by_who[b]))
            spans += len(by_who[a]) + len(by_who[b])
    con.close()
    return {"documents": len(layers), "f1_exact": 2 * matched / spans if spans else None}


def agreement(bench: Bench) -> None:
    n = 1_000 if bench.sizes.runs > 1 else 200
    db = bench.path(f"agreement-{n}x3.db")
    for old in db.parent.glob(db.name + "*"):
        old.unlink()
    for name, path in zip(ANNOTATORS, write_layers(bench.tmp, n), strict=True):
        bench.mizan(db, "import", "--annotator", name, str(path))
    runs = max(3, bench.sizes.runs)
    base, cmd = by_turns(
        runs,
        lambda: run([*python_module("benchmarks.agreement"), "floor", str(db)], bench.tmp),
        lambda: bench.mizan(db, "agreement", "--json"),
    )
    report = json.loads(cmd[-1].stdout)
    if report["documents_compared"] != n or report["annotators"] != list(ANNOTATORS):
        raise RuntimeError(
            f"mizan agreement compared {report['documents_compared']} documents of "
            f"{report['annotators']}, not {n} of {list(ANNOTATORS)}"
        )
    floor_s = statistics.median(r.seconds for r in base)
    add = bench.report.add
    add(Figure(f"agreement_floor_{n}_docs_x3", floor_s, "s"))
    add(
        Figure(
            f"mizan_agreement_json_{n}_docs_x3",
            statistics.median(r.seconds for r in cmd),
            "s",
            "≤ 2 s",
            floor=floor_s,
            limit=2.0,
            note=f"exact F1 {report['span_f1_exact']:.3f}, κ {report['kappa']:.3f}, "
            f"α {report['alpha']:.3f}, median of {runs}",
        )
    )
    add(Figure(f"peak_rss_agreement_{n}_docs_x3", max(r.peak_rss_mib for r in cmd), "MiB"))


def main(argv: list[str]) -> int:
    if argv[:1] == ["floor"] and len(argv) == 2:
        print(json.dumps(floor(argv[1])))
        return 0
    if argv[:1] == ["write"] and len(argv) == 3:
        for path in write_layers(Path(argv[1]), int(argv[2])):
            print(path)
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
