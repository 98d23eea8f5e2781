"""Gold set for claim alignment on the five seed articles, in every annotation variant.

One hand-made list of propositions (:data:`PROPOSITIONS`): each is what one or more outlets state,
given as the minimal clause each article uses, its speaker (a registry key) or None for the
outlet's own assertion. A proposition with members in two outlets gives gold pairs; one with a
single member is a distractor, annotated like the rest. :func:`build` turns the list into annotated
documents in one variant:

* span: ``clause`` (the minimal clause), ``sentence`` (the whole sentence around it), or ``mixed``
  (alternating, as two annotators would);
* links: ``linked`` (every registry alias marked as a linked mention, speaker linked as the claim's
  source) or ``bare`` (no mention, no source: the registry exists but nothing is linked).

:func:`evaluate` ranks, for every gold claim and every other document holding a partner, the
partner among the claim's candidates in that document, and gives recall@1/3/10, MRR and the
precision of the strong tier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from desktop.compare import suggest_alignments
from desktop.compare.align import FLOOR
from desktop.core.model import (
    Claim,
    ClaimSource,
    Document,
    DocumentMeta,
    Mention,
    RegistryEntity,
    SourceKind,
)
from desktop.text import find_occurrences, proclitic_length, sentences
from tests.compare import MANIFEST, SEEDS

ARABY, ENAB, SPUTNIK, ITALIANI, AJWAA = "000", "001", "002", "003", "004"

REGISTRY = {
    e.key: e
    for e in (
        RegistryEntity("putin", "فلاديمير بوتين", "PERS", ("بوتين", "الرئيس الروسي")),
        RegistryEntity(
            "assad", "بشار الأسد", "PERS", ("الأسد", "الرئيس السوري", "رئيس النظام السوري")
        ),
        RegistryEntity("peskov", "دميتري بيسكوف", "PERS", ("بيسكوف", "ديمتري بيسكوف")),
        RegistryEntity("shaibani", "أسعد الشيباني", "PERS", ("الشيباني",)),
        RegistryEntity("lavrov", "سيرغي لافروف", "PERS", ("لافروف",)),
        RegistryEntity("shoigu", "سيرغي شويغو", "PERS", ("شويغو",)),
        RegistryEntity("sharaa", "أحمد الشرع", "PERS", ("الشرع",)),
        RegistryEntity("novak", "ألكسندر نوفاك", "PERS", ("نوفاك",)),
        RegistryEntity("erdogan", "رجب طيب أردوغان", "PERS", ("أردوغان", "رجب أردوغان")),
        RegistryEntity("damascus", "دمشق", "GPE", ()),
        RegistryEntity("moscow", "موسكو", "GPE", ()),
        RegistryEntity("russia", "روسيا", "GPE", ()),
        RegistryEntity("syria", "سوريا", "GPE", ("سورية",)),
        RegistryEntity("turkey", "تركيا", "GPE", ("أنقرة",)),
        RegistryEntity("ukraine", "أوكرانيا", "GPE", ()),
        RegistryEntity("kremlin", "الكرملين", "FAC", ()),
        RegistryEntity("hmeimim", "قاعدة حميميم", "FAC", ("حميميم",)),
    )
}

# (document, minimal clause exactly as written, speaker key or None)
PROPOSITIONS: list[list[tuple[str, str, str | None]]] = [
    # trade grew 7% last year (three spellings of 7%)
    [
        (
            ARABY,
            "ازداد حجم التبادل التجاري بينهما، وبلغ النمو خلال العام الماضي 7 بالمائة",
            "putin",
        ),
        (
            SPUTNIK,
            "حجم التجارة بين روسيا وسوريا آخذ في الازدياد، حيث بلغ النمو العام الماضي 7٪",
            "putin",
        ),
        (SPUTNIK, "سُجلت زيادة بنسبة 7 في المائة في التجارة", "putin"),
    ],
    # this visit is the first since the war in Ukraine / the special operation
    [
        (ARABY, "زيارته إلى موسكو، اليوم، هي الأولى بعد الحرب في أوكرانيا", "assad"),
        (SPUTNIK, "هذه هي زيارتي الأولى بعد العملية الخاصة", "assad"),
    ],
    # Assad arrived in Moscow yesterday, Tuesday
    [
        (ARABY, "ووصل بشار الأسد، مساء أمس الثلاثاء، إلى موسكو", None),
        (SPUTNIK, "ووصل الرئيس السوري بشار الأسد، أمس الثلاثاء، إلى موسكو في زيارة رسمية", None),
    ],
    # Putin and Assad hold talks in Moscow (15 March 2023)
    [
        (
            ARABY,
            "أجرى الرئيس الروسي فلاديمير بوتين، اليوم الأربعاء، محادثات في موسكو مع رئيس النظام السوري بشار الأسد",
            None,
        ),
        (
            SPUTNIK,
            "يجري الرئيس الروسي فلاديمير بوتين ونظيره السوري بشار الأسد محادثات في موسكو، اليوم الأربعاء 15 مارس/آذار",
            None,
        ),
        (
            AJWAA,
            "آخر لقاء شخصي لرئيسي روسيا وسوريا قد عقد في 15 مارس من العام الماضي في الكرملين",
            None,
        ),
    ],
    # the Russian side at the talks
    [
        (
            ARABY,
            "وشارك في المحادثات عن الجانب الروسي وزراء كل من الدفاع سيرغي شويغو، والخارجية سيرغي لافروف",
            None,
        ),
        (
            SPUTNIK,
            "وشارك في المحادثات عن الجانب الروسي وزراء الدفاع، سيرغي شويغو، والخارجية، سيرغي لافروف",
            None,
        ),
    ],
    # Putin proposes to work in two stages
    [
        (ARABY, "أقترح تنفيذ عملنا اليوم على مرحلتين", "putin"),
        (SPUTNIK, "أقترح تنفيذ عملنا اليوم على مرحلتين", "putin"),
    ],
    # Syria supports Russia in the war in Ukraine
    [
        (ARABY, "مجدداً الدعم لروسيا في هذه الحرب", "assad"),
        (SPUTNIK, "أعرب الرئيس السوري عن دعمه لموسكو في العملية العسكرية الخاصة في أوكرانيا", None),
    ],
    # the 80th anniversary of diplomatic relations (2024)
    [
        (
            SPUTNIK,
            "في العام المقبل يصادف الذكرى الثمانين لإقامة العلاقات الدبلوماسية بين البلدين",
            "putin",
        ),
        (
            AJWAA,
            "تتزامن زيارتي اليوم مع الذكرى السنوية اليوبيلية (الـ80) لإقامة العلاقات الدبلوماسية بين بلدينا",
            "assad",
        ),
    ],
    # Putin's first visit to Damascus, January 2020 (7 vs 17 January)
    [
        (SPUTNIK, "وفي 7 يناير / كانون الثاني 2020، زار بوتين دمشق لأول مرة", None),
        (
            ITALIANI,
            "يعود آخر اجتماع رفيع المستوى بين «بوتين» و«الأسد»\u00a0إلى 17 يناير 2020، عندما قام الرئيس الروسي بزيارة رسمية إلى العاصمة السورية دمشق",
            None,
        ),
    ],
    # Putin in Syria, December 2017, at Hmeimim
    [
        (
            SPUTNIK,
            "وفي 11 ديسمبر / كانون الأول 2017، التقى بوتين والأسد، في قاعدة حميميم الجوية",
            None,
        ),
        (ITALIANI, "كان «بوتين»\u00a0قد زار سوريا في ديسمبر 2017", None),
        (
            ITALIANI,
            'وصل إلى قاعدة "حميميم" الجوية، حيث التقى «الأسد»\u00a0أيضًا بوزير الدفاع الروسي',
            None,
        ),
    ],
    # --- distractors: one outlet only ---
    [(ARABY, "ستمهد لمرحلة جديدة في العلاقات السورية الروسية على كل المستويات", "assad")],
    [
        (
            ARABY,
            "بوتين والأسد سيتطرقان إلى العلاقات بين دمشق وأنقرة خلال محادثاتهما في موسكو",
            "peskov",
        )
    ],
    [(ARABY, "في زيارة هي الخامسة منذ بدء الثورة السورية عام 2011", None)],
    [(ARABY, "تم إنجاز الجزء الأكبر من هذا العمل، وما زال هناك الكثير منه", "shoigu")],
    [
        (
            ARABY,
            "وتأتي الزيارة في ظل مساعٍ تقودها موسكو لعقد اجتماع رباعي بين نواب وزراء خارجية تركيا وإيران",
            None,
        )
    ],
    [(ENAB, "العلاقات الروسية- السورية تدخل اليوم في مرحلة جديدة", "shaibani")],
    [(ENAB, "وجود نحو أربعة ملايين منزل مدمر في سوريا", "shaibani")],
    [(ENAB, "روسيا ملتزمة بسيادة سوريا ووحدة أراضيها واستقلالها", "lavrov")],
    [
        (
            ENAB,
            "استقبل في العاصمة الروسية موسكو، الرئيس السوري في المرحلة الانتقالية، أحمد الشرع، في 15 من تشرين الأول الماضي",
            "putin",
        )
    ],
    [(ENAB, "سوريا بحاجة إلى إعادة بناء بنيتها التحتية وروسيا قادرة على تقديم الدعم", "novak")],
    [(ENAB, "سوريا مستعدة لمنح روسيا “فرصًا هائلة” لدعم إعادة الإعمار", None)],
    [(SPUTNIK, "عزيزي السيد الرئيس، أنا سعيد جداً برؤيتكم في موسكو", "putin")],
    [
        (
            SPUTNIK,
            "بفضل جهودنا المشتركة والمساهمة الحاسمة للقوات المسلحة الروسية في سوريا، تم تحقيق نتائج مهمة في مكافحة الإرهاب",
            "putin",
        )
    ],
    [
        (
            SPUTNIK,
            "وفي 6 ديسمبر/ كانون الأول عام 2017 أعلن بوتين تحقيق هزيمة كاملة لتنظيم “داعش” الإرهابي",
            None,
        )
    ],
    [
        (
            SPUTNIK,
            "شارك في العملية أكثر من 63 ألف عسكري روسي منذ عام 2015، وقتل أكثر من 100 أشخاص",
            None,
        )
    ],
    [
        (
            SPUTNIK,
            "وفي 30 سبتمبر/ أيلول عام 2015، أعلن رئيس ديوان الكرملين، سيرغي إيفانوف، أن الأسد طلب مساعدة عسكرية من روسيا",
            None,
        )
    ],
    [(ITALIANI, "زار الرئيس السوري «بشار الأسد» موسكو يوم الاثنين 13 سبتمبر", None)],
    [(ITALIANI, "تسيطر القوات الحكومية على حوالي %90 من البلاد", None)],
    [
        (
            ITALIANI,
            "في النصف الأول من عام 2021، زاد حجم التجارة بين روسيا وسوريا بمقدار 3.5 مرات",
            None,
        )
    ],
    [
        (
            ITALIANI,
            "روسيا الاتحادية التي تدخلت في الصراع السوري عام 2015 قدمت مساهمة إيجابية في مكافحة الإرهاب",
            "assad",
        )
    ],
    [(ITALIANI, "أن الزعيمين اتفقا على أهمية استمرار الحوار بين الأطراف المتصارعة", None)],
    [
        (
            AJWAA,
            "أنه لم يجر بحث موضوع اللقاء المحتمل بين الرئيس الأسد ونظيره التركي رجب أردوغان",
            None,
        )
    ],
    [
        (
            AJWAA,
            "أن الرئيس الروسي فلاديمير بوتين اجتمع مع نظيره السوري بشار الأسد في موسكو أمس الأربعاء",
            None,
        )
    ],
    [(AJWAA, "أنا سعيد جدا برؤيتكم", "putin")],
    [(AJWAA, "أن بوتين والأسد، لم يوقعا على أي وثائق عقب مفاوضات الأمس في الكرملين", "peskov")],
    [(AJWAA, "وجرى آخر اتصال هاتفي بين بوتين والأسد في 23 مارس الماضي", None)],
]

SPANS = ("clause", "sentence", "mixed")
LINKS = ("linked", "bare")
VARIANTS = tuple(f"{s}/{link}" for s in SPANS for link in LINKS)


@dataclass(frozen=True)
class GoldClaim:
    doc: str  # external id (the seed file's stem)
    claim: str  # span id
    proposition: int
    start: int
    end: int
    text: str


def seed_text(prefix: str) -> tuple[str, str, dict]:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.stem, path.read_text("utf-8"), MANIFEST[path.name]


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (desktop.text.sentences) holding the clause; two if the clause crosses one."""
    spans = [(s, e) for s, e in sentences(text) if s < end and e > start]
    s, e = spans[0][0], spans[-1][1]
    while e > s and text[e - 1] in " .\n":
        e -= 1
    return min(s, start), max(e, end)


def _mentions(text: str) -> tuple[Mention, ...]:
    taken: list[tuple[int, int]] = []
    found = []
    aliases = sorted(
        ((a, e.key, e.type) for e in REGISTRY.values() for a in (e.name, *e.aliases)),
        key=lambda t: -len(t[0]),
    )
    for alias, key, label in aliases:
        for s, e in find_occurrences(text, alias, clitic_insensitive=True):
            if any(s < te and e > ts for ts, te in taken):
                continue
            taken.append((s, e))
            found.append((s, e, label, key, proclitic_length(text[s:e], alias)))
    found.sort()
    return tuple(
        Mention(s, e, label, entity=key, prefix_len=p or None, ext_id=f"m{i + 1}")
        for i, (s, e, label, key, p) in enumerate(found)
    )


def build(variant: str) -> tuple[list[Document], list[GoldClaim]]:
    """The five seed documents annotated in ``variant`` ("clause/linked", ...), and the claims."""
    span, links = variant.split("/")
    per_doc: dict[str, list[tuple[int, int, int, str | None]]] = {}
    texts = {}
    for p, members in enumerate(PROPOSITIONS):
        for doc, clause, speaker in members:
            stem, text, _ = seed_text(doc)
            texts[doc] = (stem, text)
            starts = [m.start() for m in re.finditer(re.escape(clause), text)]
            used = {s for s, *_ in per_doc.get(doc, [])}
            start = next(s for s in starts if s not in used)
            end = start + len(clause)
            k = len(per_doc.get(doc, []))
            if span == "sentence" or (span == "mixed" and (p + k) % 2):
                start, end = _sentence_around(text, start, end)
            per_doc.setdefault(doc, []).append((start, end, p, speaker))
    documents, gold = [], []
    for doc in sorted(texts):
        stem, text = texts[doc]
        entry = MANIFEST[stem + ".txt"]
        claims = []
        for k, (start, end, p, speaker) in enumerate(per_doc[doc]):
            source = None
            if links == "linked":
                source = (
                    ClaimSource(SourceKind.ENTITY, entity=speaker)
                    if speaker
                    else ClaimSource(SourceKind.OUTLET)
                )
            claims.append(Claim(start, end, source=source, ext_id=f"c{k + 1}"))
            gold.append(GoldClaim(stem, f"c{k + 1}", p, start, end, text[start:end]))
        documents.append(
            Document(
                external_id=stem,
                text=text,
                meta=DocumentMeta(
                    outlet=entry["outlet"] or entry["original_source"],
                    event=entry["event"],
                    published=date.fromisoformat(entry["published"]),
                ),
                mentions=_mentions(text) if links == "linked" else (),
                claims=tuple(claims),
                registry=dict(REGISTRY) if links == "linked" else {},
            )
        )
    return documents, gold


def gold_pairs(gold: list[GoldClaim]) -> set[frozenset[tuple[str, str]]]:
    """Every pair of claims in different documents that state one proposition."""
    return {
        frozenset(((a.doc, a.claim), (b.doc, b.claim)))
        for a in gold
        for b in gold
        if a.proposition == b.proposition and a.doc != b.doc
    }


def evaluate(variant: str) -> dict:
    """recall@1/3/10 and MRR over (gold claim, other document with a partner) queries, the
    precision of the strong tier, and the conflicts reported on gold pairs."""
    documents, gold = build(variant)
    out = suggest_alignments(documents, threshold=FLOOR, k=10, registry=REGISTRY)
    ranked: dict[tuple[str, str, str], list[tuple[float, tuple, str]]] = {}
    for s in out:
        for x, y in ((s.a, s.b), (s.b, s.a)):
            ranked.setdefault((x.document, x.claim, y.document), []).append(
                (-s.score, (y.start, y.end), y.claim)
            )
    truth = gold_pairs(gold)
    queries = []
    for g in gold:
        partners_by_doc: dict[str, set[str]] = {}
        for h in gold:
            if h.proposition == g.proposition and h.doc != g.doc:
                partners_by_doc.setdefault(h.doc, set()).add(h.claim)
        for other, partners in sorted(partners_by_doc.items()):
            order = [c for *_, c in sorted(ranked.get((g.doc, g.claim, other), []))]
            rank = next((r for r, c in enumerate(order, 1) if c in partners), None)
            queries.append((g, other, rank))
    n = len(queries)

    def recall(k: int) -> float:
        return sum(1 for *_, r in queries if r is not None and r <= k) / n

    strong = [s for s in out if s.evidence["tier"] == "strong"]
    hits = [s for s in strong if frozenset(s.pair) in truth]
    conflicts = {
        frozenset(s.pair): [(c.kind, c.a, c.b) for c in s.conflicts]
        for s in out
        if frozenset(s.pair) in truth and s.conflicts
    }
    return {
        "variant": variant,
        "queries": n,
        "pairs": len(truth),
        "recall@1": recall(1),
        "recall@3": recall(3),
        "recall@10": recall(10),
        "mrr": sum(1 / r for *_, r in queries if r) / n,
        "strong": len(strong),
        "strong_precision": len(hits) / len(strong) if strong else 1.0,
        "strong_recall": len({frozenset(s.pair) for s in hits}) / len(truth),
        "misses": [(g.doc[:3], g.claim, other[:3], r) for g, other, r in queries if not r or r > 3],
        "conflicts": conflicts,
    }
