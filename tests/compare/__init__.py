"""Tests of desktop.compare; helpers that build annotated Documents from the real seed articles."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.core.model import (
    Claim,
    ClaimSource,
    Document,
    DocumentMeta,
    Mention,
    QuoteType,
    RegistryEntity,
    SourceKind,
)
from desktop.text import find_occurrences, proclitic_length

SEEDS = Path(__file__).resolve().parent.parent.parent / "seeds"
MANIFEST = {
    d["file"]: d for d in json.loads((SEEDS / "manifest.json").read_text("utf-8"))["documents"]
}

REGISTRY = {
    "putin": RegistryEntity("putin", "فلاديمير بوتين", "PERS", ("بوتين", "الرئيس الروسي")),
    "assad": RegistryEntity("assad", "بشار الأسد", "PERS", ("الأسد", "الرئيس السوري")),
    "peskov": RegistryEntity("peskov", "دميتري بيسكوف", "PERS", ("بيسكوف",)),
    "shaibani": RegistryEntity("shaibani", "أسعد الشيباني", "PERS", ("الشيباني",)),
    "lavrov": RegistryEntity("lavrov", "سيرغي لافروف", "PERS", ("لافروف",)),
    "damascus": RegistryEntity("damascus", "دمشق", "GPE", ("دمشق",)),
    "moscow": RegistryEntity("moscow", "موسكو", "GPE", ("موسكو",)),
    "russia": RegistryEntity("russia", "روسيا", "GPE", ("روسيا",)),
    "syria": RegistryEntity("syria", "سوريا", "GPE", ("سوريا", "سورية")),
}

# Surface forms linked to an entity when found in a seed (longest first, so "بشار الأسد" wins).
ALIASES = [
    ("رئيس النظام السوري بشار الأسد", "assad", "PERS"),
    ("الرئيس السوري بشار الأسد", "assad", "PERS"),
    ("الرئيس الروسي فلاديمير بوتين", "putin", "PERS"),
    ("فلاديمير بوتين", "putin", "PERS"),
    ("بشار الأسد", "assad", "PERS"),
    ("الرئيس الروسي", "putin", "PERS"),
    ("الرئيس بوتين", "putin", "PERS"),
    ("بوتين", "putin", "PERS"),
    ("الأسد", "assad", "PERS"),
    ("بيسكوف", "peskov", "PERS"),
    ("الشيباني", "shaibani", "PERS"),
    ("لافروف", "lavrov", "PERS"),
    ("دمشق", "damascus", "GPE"),
    ("موسكو", "moscow", "GPE"),
    ("روسيا", "russia", "GPE"),
    ("سوريا", "syria", "GPE"),
    ("سورية", "syria", "GPE"),
]


def seed_text(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text("utf-8")


def link_mentions(text: str) -> tuple[Mention, ...]:
    """Mentions for every alias occurrence, longest alias first, no overlaps."""
    taken: list[tuple[int, int]] = []
    out = []
    for alias, key, label in ALIASES:
        for s, e in find_occurrences(text, alias, clitic_insensitive=True):
            if any(s < te and e > ts for ts, te in taken):
                continue
            taken.append((s, e))
            out.append((s, e, label, key, proclitic_length(text[s:e], alias)))
    out.sort()
    return tuple(
        Mention(s, e, label, entity=key, prefix_len=p or None, ext_id=f"m{i + 1}")
        for i, (s, e, label, key, p) in enumerate(out)
    )


def seed_document(prefix: str, claims: list[tuple[str, str | None]], **meta) -> Document:
    """A seed article with the given claims: (exact substring, speaker entity key or None)."""
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    text = path.read_text("utf-8")
    entry = MANIFEST[path.name]
    mentions = link_mentions(text)
    out = []
    for k, (sentence, speaker) in enumerate(claims):
        start = text.index(sentence)
        source = (
            ClaimSource(SourceKind.ENTITY, entity=speaker)
            if speaker
            else ClaimSource(SourceKind.OUTLET)
        )
        quote = QuoteType.INDIRECT if speaker else QuoteType.OUTLET_ASSERTION
        out.append(
            Claim(start, start + len(sentence), source=source, quote_type=quote, ext_id=f"c{k + 1}")
        )
    return Document(
        external_id=path.stem,
        text=text,
        meta=DocumentMeta(
            outlet=meta.get("outlet", entry["outlet"] or entry["original_source"]),
            event=meta.get("event", entry["event"]),
            title=entry["title"],
        ),
        mentions=mentions,
        claims=tuple(out),
        registry=dict(REGISTRY),
    )


# Claims from the seeds: the 15 March 2023 summit reported by al-Araby (000) and Sputnik (002);
# the 2021 summit (003) which dates Putin's first visit to Damascus differently.
ARABY = [
    (
        "العلاقات بين الجانبين تتطور، كما ازداد حجم التبادل التجاري بينهما، وبلغ النمو خلال العام "
        "الماضي 7 بالمائة",
        "putin",
    ),
    ("زيارته إلى موسكو، اليوم، هي الأولى بعد الحرب في أوكرانيا", "assad"),
    ("بوتين والأسد سيتطرقان إلى العلاقات بين دمشق وأنقرة خلال محادثاتهما في موسكو", "peskov"),
    (
        "ووصل بشار الأسد، مساء أمس الثلاثاء، إلى موسكو في زيارة هي الخامسة منذ بدء الثورة السورية "
        "عام 2011",
        None,
    ),
    ("تم إنجاز الجزء الأكبر من هذا العمل، وما زال هناك الكثير منه", None),
]
SPUTNIK = [
    ("حجم التجارة بين روسيا وسوريا آخذ في الازدياد، حيث بلغ النمو العام الماضي 7٪", "putin"),
    ("هذه هي زيارتي الأولى بعد العملية الخاصة، وأكرر الموقف السوري الداعم للعملية الخاصة", "assad"),
    ("وفي 7 يناير / كانون الثاني 2020، زار بوتين دمشق لأول مرة", None),
    (
        "وفي 6 ديسمبر/ كانون الأول عام 2017 أعلن بوتين تحقيق هزيمة كاملة لتنظيم “داعش” الإرهابي على "
        "ضفتي نهر الفرات في سوريا",
        None,
    ),
    (
        "ووصل الرئيس السوري بشار الأسد، أمس الثلاثاء، إلى موسكو في زيارة رسمية لروسيا الاتحادية",
        None,
    ),
    ("سُجلت زيادة بنسبة 7 في المائة في التجارة", "putin"),
]
ITALIANI = [
    (
        "يعود آخر اجتماع رفيع المستوى بين «بوتين» و«الأسد»\u00a0إلى 17 يناير 2020، عندما قام الرئيس "
        "الروسي بزيارة رسمية إلى العاصمة السورية دمشق",
        None,
    ),
    ("تسيطر القوات الحكومية على حوالي %90 من البلاد", None),
    ("في النصف الأول من عام 2021، زاد حجم التجارة بين روسيا وسوريا بمقدار 3.5 مرات", None),
]


def seed_corpus() -> list[Document]:
    return [
        seed_document("000", ARABY),
        seed_document("002", SPUTNIK),
        seed_document("003", ITALIANI),
    ]
