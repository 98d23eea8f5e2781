"""Generated Arabic coverage of one event, shared by the alignment tests and the benchmark.

:func:`generate_event` writes ``n_docs`` outlets' reports of one summit: each outlet retells a
share of a common pool of propositions in its own words (synonyms, clitics, either digit system,
Arabic or Levantine month names, percent written four ways, harakat and tatweel here and there,
now and then a different figure or date), plus claims of its own. Speakers and places are linked
mentions, as an annotator would leave them. ``python -m benchmarks --only align`` times
:func:`desktop.compare.align.suggest_alignments` on it (docs/benchmarks.md).
"""

from __future__ import annotations

import random

from desktop.core.model import (
    Claim,
    ClaimSource,
    Document,
    DocumentMeta,
    Mention,
    RegistryEntity,
    SourceKind,
)

__all__ = ["generate_event"]

SPEAKERS = [
    ("putin", ("الرئيس الروسي فلاديمير بوتين", "بوتين", "الرئيس بوتين", "سيد الكرملين")),
    ("assad", ("الرئيس السوري بشار الأسد", "الأسد", "رئيس النظام السوري", "بشار الأسد")),
    ("lavrov", ("وزير الخارجية الروسي سيرغي لافروف", "لافروف", "الوزير لافروف")),
    ("shaibani", ("وزير الخارجية السوري أسعد الشيباني", "الشيباني")),
    ("peskov", ("المتحدث باسم الكرملين دميتري بيسكوف", "بيسكوف")),
    ("shoigu", ("وزير الدفاع سيرغي شويغو", "شويغو")),
    ("novak", ("نائب رئيس الوزراء ألكسندر نوفاك", "نوفاك")),
    ("erdogan", ("الرئيس التركي رجب طيب أردوغان", "أردوغان")),
]
PLACES = [
    ("moscow", "موسكو"),
    ("damascus", "دمشق"),
    ("ankara", "أنقرة"),
    ("tehran", "طهران"),
    ("hmeimim", "قاعدة حميميم"),
    ("kremlin", "الكرملين"),
    ("astana", "أستانا"),
    ("latakia", "اللاذقية"),
]
TOPICS = [
    ("التبادل التجاري", "التجارة", "حجم التجارة"),
    ("الاستثمارات الروسية", "الاستثمار الروسي"),
    ("إمدادات القمح", "شحنات القمح", "توريد القمح"),
    ("قطاع الطاقة", "محطات الكهرباء", "مشاريع الطاقة"),
    ("إعادة الإعمار", "إعادة البناء"),
    ("مكافحة الإرهاب", "محاربة الإرهاب"),
    ("عودة اللاجئين", "إعادة اللاجئين"),
    ("التسوية السياسية", "الحل السياسي"),
    ("التعاون العسكري", "الشراكة العسكرية", "التعاون الدفاعي"),
    ("حقول النفط", "إنتاج النفط"),
    ("المساعدات الإنسانية", "الإمدادات الإنسانية"),
    ("السياحة", "القطاع السياحي"),
    ("الموانئ", "ميناء طرطوس"),
    ("السكك الحديدية", "النقل"),
    ("الأمن الغذائي", "الغذاء"),
]
GROW = ("ازداد", "ارتفع", "نما", "تضاعف", "زاد")
SAY = ("قال", "أكد", "أعلن", "أشار إلى", "أوضح", "صرح")
MONTHS = [
    ("يناير", "كانون الثاني"),
    ("فبراير", "شباط"),
    ("مارس", "آذار"),
    ("أبريل", "نيسان"),
    ("مايو", "أيار"),
    ("يونيو", "حزيران"),
    ("يوليو", "تموز"),
    ("أغسطس", "آب"),
    ("سبتمبر", "أيلول"),
    ("أكتوبر", "تشرين الأول"),
    ("نوفمبر", "تشرين الثاني"),
    ("ديسمبر", "كانون الأول"),
]
FILLER = (
    "في ظل التطورات الإقليمية المتسارعة وسط ترقب دولي لنتائج المحادثات بحسب مصادر مطلعة على "
    "مجريات اللقاء الذي استمر عدة ساعات في أجواء وصفت بالإيجابية والبناءة مع التأكيد على أهمية "
    "مواصلة التنسيق الوثيق بين الجانبين على مختلف الصعد والمستويات وفق ما نقلته وكالات الأنباء "
    "الرسمية عن مسؤولين رفيعي المستوى رفضوا الكشف عن هويتهم لأنهم غير مخولين بالحديث لوسائل "
    "الإعلام حول تفاصيل الملفات الحساسة المطروحة على جدول الأعمال بما فيها العقوبات الغربية "
    "والوجود العسكري الأجنبي ومستقبل المفاوضات الدستورية برعاية الأمم المتحدة في جنيف"
).split()
DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def _percent(rng: random.Random, n: int) -> str:
    form = rng.randrange(5)
    digits = str(n) if rng.random() < 0.7 else str(n).translate(DIGITS)
    return [
        f"بنسبة {digits} في المائة",
        f"بنسبة {digits}٪",
        f"{digits} بالمئة",
        f"بـ{digits}%",
        f"بنسبة {digits} بالمائة",
    ][form]


def _date(rng: random.Random, day: int, month: int, year: int) -> str:
    ar, lev = MONTHS[month - 1]
    name = rng.choice((ar, lev, f"{ar}/{lev}", f"{lev}/{ar}", f"{ar} / {lev}"))
    d, y = str(day), str(year)
    if rng.random() < 0.3:
        d, y = d.translate(DIGITS), y.translate(DIGITS)
    return f"{d} {name} {'عام ' if rng.random() < 0.3 else ''}{y}"


class _Proposition:
    """One thing that was said at the summit, retold differently by each outlet."""

    def __init__(self, rng: random.Random, k: int) -> None:
        self.kind = k % 8
        self.speaker = rng.randrange(len(SPEAKERS))
        self.topic = rng.randrange(len(TOPICS))
        self.place = rng.randrange(len(PLACES))
        self.number = rng.randint(2, 95)
        self.date = (rng.randint(1, 28), rng.randint(1, 12), rng.randint(2015, 2024))
        self.detail = rng.sample(FILLER, 7)

    def tell(self, rng: random.Random) -> tuple[str, str, list[tuple[str, str]]]:
        """(claim text, speaker key, [(surface form, entity key)] named inside the claim)."""
        skey, names = SPEAKERS[self.speaker]
        pkey, place = PLACES[self.place]
        topic = rng.choice(TOPICS[self.topic])
        number = self.number if rng.random() > 0.1 else self.number + rng.randint(1, 5)
        day, month, year = self.date
        if rng.random() < 0.1:
            day = day + 10 if day < 19 else day - 10  # the 7 vs 17 January kind of slip
        keep = sorted(rng.sample(range(len(self.detail)), rng.randint(2, len(self.detail))))
        detail = " ".join(self.detail[i] for i in keep)
        named: list[tuple[str, str]] = []
        if self.kind == 0:
            text = (
                f"{rng.choice(GROW)} {topic} بين روسيا وسوريا {_percent(rng, number)} "
                f"خلال العام الماضي {detail}"
            )
        elif self.kind == 1:
            text = f"زار {names[1]} {place} في {_date(rng, day, month, year)} لبحث {topic} {detail}"
            named = [(names[1], skey), (place, pkey)]
        elif self.kind == 2:
            who = rng.choice(("الجانبين", "البلدين", "موسكو ودمشق"))
            text = f"{who} اتفقا على تعزيز {topic} وعقد اجتماع للجنة المشتركة في {place} {detail}"
            named = [(place, pkey)]
        elif self.kind == 3:
            text = (
                f"نحو {number} ألف {rng.choice(('جندي', 'عسكري'))} شاركوا في {topic} منذ عام "
                f"{year} {detail}"
            )
        elif self.kind == 4:
            text = f"{rng.choice(('روسيا', 'موسكو'))} لن تتخلى عن دعم {topic} في سوريا {detail}"
        elif self.kind == 5:
            text = (
                f"الوفد {rng.choice(('ناقش', 'بحث', 'تناول'))} مع المسؤولين في {place} ملف {topic} "
                f"وسبل تطويره {detail}"
            )
            named = [(place, pkey)]
        elif self.kind == 6:
            text = f"الاتصالات مستمرة عبر الهاتف منذ {_date(rng, day, month, year)} بشأن {topic}"
        else:
            text = (
                f"قيمة العقود الموقعة في مجال {topic} تبلغ {number} مليون دولار "
                f"{rng.choice(('حتى الآن', 'هذا العام', ''))} {detail}"
            )
        return " ".join(text.split()), skey, named


def _own_claim(rng: random.Random) -> tuple[str, str, list[tuple[str, str]]]:
    skey = rng.choice(SPEAKERS)[0]
    pkey, place = rng.choice(PLACES)
    words = rng.sample(FILLER, rng.randint(8, 14))
    topic = rng.choice(rng.choice(TOPICS))
    text = f"{topic} في {place} {' '.join(words)} {rng.randint(3, 900)}"
    return text, skey, [(place, pkey)]


def generate_event(n_docs: int = 20, n_claims: int = 50, seed: int = 7) -> list[Document]:
    """``n_docs`` outlets' reports of one event, ``n_claims`` annotated claims each."""
    rng = random.Random(seed)
    pool = [_Proposition(rng, k) for k in range(max(4, n_claims * 6 // 5))]
    registry = {k: RegistryEntity(k, names[0], "PERS") for k, names in SPEAKERS}
    registry.update({k: RegistryEntity(k, name, "GPE") for k, name in PLACES})
    docs = []
    for d in range(n_docs):
        shared = rng.sample(pool, min(len(pool), n_claims // 2))
        parts: list[str] = []
        pos = 0
        mentions: list[Mention] = []
        claims: list[Claim] = []
        for k in range(n_claims):
            if k < len(shared):
                text, skey, named = shared[k].tell(rng)
            else:
                text, skey, named = _own_claim(rng)
            names = dict(SPEAKERS)[skey]
            name = rng.choice(names)
            intro = f"{name} {rng.choice(SAY)} أن "
            m_id = f"m{len(mentions) + 1}"
            mentions.append(Mention(pos, pos + len(name), "PERS", skey, ext_id=m_id))
            start = pos + len(intro)
            for surface, key in named:
                at = text.find(surface)
                if at >= 0:
                    label = "PERS" if key in registry and registry[key].type == "PERS" else "GPE"
                    mentions.append(
                        Mention(
                            start + at,
                            start + at + len(surface),
                            label,
                            key,
                            ext_id=f"m{len(mentions) + 1}",
                        )
                    )
            claims.append(
                Claim(
                    start,
                    start + len(text),
                    source=ClaimSource(SourceKind.MENTION, mention=m_id),
                    ext_id=f"c{k + 1}",
                )
            )
            sentence = f"{intro}{text}. "
            parts.append(sentence)
            pos += len(sentence)
        order = sorted(range(len(claims)), key=lambda i: (claims[i].start, i))
        docs.append(
            Document(
                external_id=f"gen-{d:03d}",
                text="".join(parts),
                meta=DocumentMeta(outlet=f"outlet {d}", event="generated summit"),
                mentions=tuple(sorted(mentions, key=lambda m: (m.start, m.end))),
                claims=tuple(claims[i] for i in order),
                registry=dict(registry),
            )
        )
    return docs
