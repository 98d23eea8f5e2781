"""Build the demo corpus from a checkout: `python packaging/demo.py`.

The first-run demo (Help ▸ Welcome ▸ demo) imports `seeds/demo/demo.ndjson`: the five sample
articles with their metadata, the people and places in them linked to the registry, a dozen
claims (attributed, direct and indirect quotes, two denials) and three claim clusters across
outlets, one of them the 7 vs 17 January 2020 date conflict. This script makes that file the way
an annotator would: it imports `seeds/` into a throw-away database, annotates through the
window's own use cases (`desktop.app.workspace.Workspace`) and exports native JSONL
(docs/data-model.md, "Native JSONL").

The file ends in `.ndjson` (read as native JSONL, docs/data-model.md) so that importing the
`seeds/` folder, which reads its `.txt` and `.jsonl` files, keeps giving the five plain articles.
Span and cluster annotator fields are left out: the demo's annotations become the newcomer's own.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.app.exporting import export  # noqa: E402
from desktop.app.project import Project  # noqa: E402
from desktop.app.workspace import Workspace  # noqa: E402
from desktop.core.model import (  # noqa: E402
    ClaimSource,
    Polarity,
    QuoteType,
    Relation,
    SourceKind,
    Span,
)
from desktop.text import find_occurrences  # noqa: E402

OUT = ROOT / "seeds" / "demo" / "demo.ndjson"

# name, type, aliases: the registry entities the demo links
ENTITIES = [
    ("فلاديمير بوتين", "PERS", ["بوتين", "الرئيس الروسي", "الرئيس بوتين"]),
    ("بشار الأسد", "PERS", ["الأسد", "الرئيس السوري", "الرئيس الأسد"]),
    ("دميتري بيسكوف", "PERS", ["بيسكوف", "ديمتري بيسكوف"]),
    ("أسعد الشيباني", "PERS", ["الشيباني"]),
    ("سيرغي لافروف", "PERS", ["لافروف"]),
    ("موسكو", "GPE", []),
    ("دمشق", "GPE", []),
    ("سوريا", "GPE", ["سورية"]),
    ("روسيا", "GPE", []),
    ("الكرملين", "ORG", []),
]

# surface form -> entity name; longest first so «بشار الأسد» wins over «الأسد»
SURFACES = sorted(
    {alias: name for name, _t, aliases in ENTITIES for alias in (name, *aliases)}.items(),
    key=lambda item: -len(item[0]),
)
TYPES = {name: type_ for name, type_, _a in ENTITIES}

# Claims: (document prefix, content, source, cue or None, quote type, polarity, topic).
# source is "outlet", "unnamed", or the surface form of the speaker's mention nearest before
# the content ("@name" for a registry entity when the speaker is not named in the sentence).
CLAIMS = [
    (
        "000",
        "ستمهد لمرحلة جديدة في العلاقات السورية الروسية على كل المستويات، وستحقق نتائج حقيقية "
        "يمكن البناء عليها للمرحلة المقبلة",
        "بشار الأسد",
        "ورأى",
        QuoteType.DIRECT,
        Polarity.ASSERTED,
        "العلاقات الثنائية",
    ),
    (
        "000",
        "زيارته إلى موسكو، اليوم، هي الأولى بعد الحرب في أوكرانيا",
        "الأسد",
        "قوله",
        QuoteType.INDIRECT,
        Polarity.ASSERTED,
        "أوكرانيا",
    ),
    (
        "000",
        "العلاقات بين الجانبين تتطور، كما ازداد حجم التبادل التجاري بينهما، وبلغ النمو خلال "
        "العام الماضي 7 بالمائة",
        "الرئيس بوتين",
        "قال",
        QuoteType.INDIRECT,
        Polarity.ASSERTED,
        "التجارة",
    ),
    (
        "000",
        "بوتين والأسد سيتطرقان إلى العلاقات بين دمشق وأنقرة خلال محادثاتهما في موسكو",
        "ديمتري بيسكوف",
        "وقال",
        QuoteType.INDIRECT,
        Polarity.ASSERTED,
        "تركيا",
    ),
    (
        "002",
        "حجم التجارة بين روسيا وسوريا آخذ في الازدياد، حيث بلغ النمو العام الماضي 7٪",
        "الرئيس الروسي",
        "قال",
        QuoteType.INDIRECT,
        Polarity.ASSERTED,
        "التجارة",
    ),
    (
        "002",
        "هذه هي زيارتي الأولى بعد العملية الخاصة، وأكرر الموقف السوري الداعم للعملية الخاصة",
        "@بشار الأسد",
        None,
        QuoteType.DIRECT,
        Polarity.ASSERTED,
        "أوكرانيا",
    ),
    (
        "002",
        "وفي 7 يناير / كانون الثاني 2020، زار بوتين دمشق لأول مرة",
        "outlet",
        None,
        QuoteType.OUTLET_ASSERTION,
        Polarity.ASSERTED,
        "زيارات",
    ),
    (
        "003",
        "يعود آخر اجتماع رفيع المستوى بين «بوتين» و«الأسد»\u00a0إلى 17 يناير 2020، عندما قام "
        "الرئيس الروسي بزيارة رسمية إلى العاصمة السورية دمشق",
        "outlet",
        None,
        QuoteType.OUTLET_ASSERTION,
        Polarity.ASSERTED,
        "زيارات",
    ),
    (
        "003",
        'عن أن "المشكلة الأساسية" في سوريا مرتبطة باستمرار وجود القوات الأجنبية في البلاد',
        "الرئيس الروسي",
        "كشف",
        QuoteType.MIXED,
        Polarity.ASSERTED,
        "القوات الأجنبية",
    ),
    (
        "004",
        "بوتين والأسد، لم يوقعا على أي وثائق عقب مفاوضات الأمس في الكرملين",
        "دميتري بيسكوف",
        "وذكر",
        QuoteType.INDIRECT,
        Polarity.DENIED,
        "العلاقات الثنائية",
    ),
    (
        "004",
        "لم يجر بحث موضوع اللقاء المحتمل بين الرئيس الأسد ونظيره التركي رجب أردوغان",
        "unnamed",
        "وتؤكد",
        QuoteType.INDIRECT,
        Polarity.DENIED,
        "تركيا",
    ),
]

# Clusters: label, members as (document prefix, start of the claim's content, relation).
CLUSTERS = [
    (
        "نما التبادل التجاري 7٪ في العام الماضي",
        [
            ("000", "العلاقات بين الجانبين تتطور", Relation.AGREES),
            ("002", "حجم التجارة بين روسيا", Relation.AGREES),
        ],
    ),
    (
        "زيارة الأسد الأولى بعد الحرب في أوكرانيا",
        [
            ("000", "زيارته إلى موسكو", Relation.AGREES),
            ("002", "هذه هي زيارتي الأولى", Relation.AGREES),
        ],
    ),
    (
        "زيارة بوتين إلى دمشق في يناير 2020",
        [("002", "وفي 7 يناير", Relation.AGREES), ("003", "يعود آخر اجتماع", Relation.CONTRADICTS)],
    ),
]


def annotate(ws: Workspace) -> None:
    docs = {d.external_id[:3]: d.id for d in ws.documents()}
    keys = {}
    for name, type_, aliases in ENTITIES:
        keys[name], _ = ws.create_entity(name, type_, aliases)
    for doc_id in docs.values():
        text = ws.document(doc_id).text
        taken: list[tuple[int, int]] = []
        for surface, name in SURFACES:
            for s, e in find_occurrences(text, surface, clitic_insensitive=True):
                if any(s < te and e > ts for ts, te in taken):
                    continue
                taken.append((s, e))
                ws.create_mention(doc_id, s, e, TYPES[name], entity=keys[name])
    for prefix, content, source, cue, quote, polarity, topic in CLAIMS:
        doc = ws.document(docs[prefix])
        start = doc.text.index(content)
        end = start + len(content)
        if source == "outlet":
            src = ClaimSource(SourceKind.OUTLET)
        elif source == "unnamed":
            src = ClaimSource(SourceKind.UNNAMED)
        elif source.startswith("@"):
            src = ClaimSource(SourceKind.ENTITY, entity=keys[source[1:]])
        else:
            at = doc.text.rindex(source, 0, start)
            mention = next(m for m in doc.mentions if m.start <= at < m.end)
            src = ClaimSource(SourceKind.MENTION, mention=mention.ext_id)
        cue_span = None
        if cue is not None:
            at = doc.text.rindex(cue, 0, start)
            cue_span = Span(at, at + len(cue))
        ws.create_claim(
            doc.id,
            start,
            end,
            source=src,
            cue=cue_span,
            quote_type=quote,
            polarity=polarity,
            topics=[topic],
        )
    claims = {
        (d.external_id[:3], d.text[c.start : c.end]): c.id
        for d in ws.documents_with_claims(list(docs.values()))
        for c in d.claims
    }
    for label, members in CLUSTERS:
        ids = [
            next(cid for (p, text), cid in claims.items() if p == prefix and text.startswith(head))
            for prefix, head, _r in members
        ]
        ws.create_cluster(ids, label)
        for claim_id, (_p, _h, relation) in zip(ids, members, strict=True):
            if relation is not Relation.AGREES:
                ws.set_relation(claim_id, relation)


def without_annotator(line: str) -> str:
    """One exported record with no annotator names, so importing makes them the importer's."""
    record = json.loads(line)
    record.pop("annotator", None)
    record.pop("status", None)
    for key in ("entities", "claims"):
        for span in record.get(key, ()):
            span.pop("annotator", None)
    return json.dumps(record, ensure_ascii=False)


def build(out: Path = OUT) -> Path:
    with tempfile.TemporaryDirectory() as tmp:
        project = Project.open(str(Path(tmp) / "demo.db"), "demo")
        try:
            project.import_paths([ROOT / "seeds"])
            annotate(Workspace(project))
            raw = Path(tmp) / "demo.jsonl"
            export(project, "jsonl", raw)
            lines = raw.read_text(encoding="utf-8").splitlines()
        finally:
            project.close()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(without_annotator(line) + "\n" for line in lines), encoding="utf-8")
    return out


if __name__ == "__main__":
    print(build())
