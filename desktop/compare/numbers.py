"""Numbers, percentages, money and dates in Arabic news text, normalised for comparison.

Two outlets rarely write a figure the same way: ``7٪``, ``7 بالمائة``, ``سبعة في المئة`` and
``بنسبة 7`` are one percentage; ``7 يناير / كانون الثاني 2020`` and ``٧ كانون الثاني ٢٠٢٠`` one
date. :func:`extract_quantities` finds them and gives each a normalised ``value`` so that claims
can be compared (shared figures, conflicting dates), while ``start``/``end``/``text`` point into
the text exactly as passed in (stored offsets, through the :func:`desktop.text.fold` map).

Matching runs on the folded key (harakat, tatweel, hamza forms, both digit systems, ``٫ ٬ ٪``
normalised by ``desktop.text``), so the grammar below only has to know one spelling of each word.
A proclitic (و ف ب ك ل, and ال before digits as in ``الـ80``) may be attached to a number, month
or number word; it is left *outside* the quantity's span.

Normalised values:

* ``number``: a plain decimal without grouping, ``"4000000"``, ``"3.5"``;
* ``percent``: ``"7%"``;
* ``money``: ``"313000000 USD"`` (ISO code where the currency word is unambiguous, else a tag such
  as ``LIRA``);
* ``date``: ISO 8601 ``"2020-01-07"``; month and year ``"2020-01"``; day and month without a year
  ``"--03-15"`` (the ISO/XSD gMonthDay form); a day range ``"2010-05-10/2010-05-11"``;
* ``year``: a bare year 1900-2099 (``"2020"``), written alone or after عام / سنة.

Deliberately *not* extracted: ordinals (الخامسة, العشرين, التاسعة عشرة), vague amounts (عشرات,
مئات), relative dates (أمس, العام الماضي) and a month name with neither a day nor a year (مارس is
also a verb, آب a noun).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from desktop.text import fold, fold_key

__all__ = ["MONTHS", "Quantity", "date_fields", "extract_quantities"]


@dataclass(frozen=True)
class Quantity:
    """One figure found in a text: what it is, its normalised value, where it is written."""

    kind: str  # "number" | "percent" | "money" | "date" | "year"
    value: str  # normalised: "7", "7%", "313000000 USD", "2020-01-07", "2020-01", "--03-15", "2020"
    text: str  # the surface form, exactly as in the text passed in
    start: int  # offsets into the text passed in (code points, [start, end))
    end: int


# --- lexicons (folded spellings) ----------------------------------------------------------------


def _k(*words: str) -> list[str]:
    return [fold_key(w) for w in words]


#: Month names (folded) -> month number. Two-word Levantine names are keyed by their first word and
#: resolved with the second (see _LEVANT_TWO_WORD).
MONTHS: dict[str, int] = {}
for _num, _names in enumerate(
    (
        ("يناير", "جانفي"),
        ("فبراير", "فيفري", "شباط"),
        ("مارس", "آذار"),
        ("أبريل", "إبريل", "ابريل", "أفريل", "نيسان"),
        ("مايو", "ماي", "أيار"),
        ("يونيو", "يونيه", "جوان", "حزيران"),
        ("يوليو", "يوليه", "جويلية", "جويلة", "تموز"),
        ("أغسطس", "اغسطس", "أوت", "آب"),
        ("سبتمبر", "أيلول"),
        ("أكتوبر", "اكتوبر"),
        ("نوفمبر",),
        ("ديسمبر",),
    ),
    start=1,
):
    for _key in _k(*_names):
        MONTHS[_key] = _num

# كانون الثاني = January, تشرين الأول = October, ... (the second word may lack the article).
_LEVANT_TWO_WORD: dict[tuple[str, str], int] = {}
for (_first, _second), _num in {
    ("كانون", "الثاني"): 1,
    ("كانون", "ثاني"): 1,
    ("تشرين", "الأول"): 10,
    ("تشرين", "أول"): 10,
    ("تشرين", "الثاني"): 11,
    ("تشرين", "ثاني"): 11,
    ("كانون", "الأول"): 12,
    ("كانون", "أول"): 12,
}.items():
    _LEVANT_TWO_WORD[(fold_key(_first), fold_key(_second))] = _num

_UNIT, _TEEN_ONLY, _TEN, _TENS, _HUNDRED, _SCALE = (
    "unit",
    "teen1",
    "ten",
    "tens",
    "hundred",
    "scale",
)

# folded word -> (class, value). _TEEN_ONLY words (أحد, اثنا, ...) count only before عشر/عشرة.
_WORDS: dict[str, tuple[str, int]] = {}


def _add(cls: str, value: int, *words: str) -> None:
    for w in _k(*words):
        _WORDS[w] = (cls, value)


_add(_UNIT, 1, "واحد", "واحدة")
_add(_TEEN_ONLY, 1, "أحد", "إحدى")
_add(_UNIT, 2, "اثنان", "اثنين", "اثنتان", "اثنتين", "إثنان", "إثنين")
_add(_TEEN_ONLY, 2, "اثنا", "اثني", "اثنتا", "اثنتي")
_add(_UNIT, 3, "ثلاث", "ثلاثة")
_add(_UNIT, 4, "أربع", "أربعة")
_add(_UNIT, 5, "خمس", "خمسة")
_add(_UNIT, 6, "ست", "ستة")
_add(_UNIT, 7, "سبع", "سبعة")
_add(_UNIT, 8, "ثمان", "ثماني", "ثمانية")
_add(_UNIT, 9, "تسع", "تسعة")
_add(_TEN, 10, "عشر", "عشرة")
for _v, (_nom, _acc) in enumerate(
    (
        ("عشرون", "عشرين"),
        ("ثلاثون", "ثلاثين"),
        ("أربعون", "أربعين"),
        ("خمسون", "خمسين"),
        ("ستون", "ستين"),
        ("سبعون", "سبعين"),
        ("ثمانون", "ثمانين"),
        ("تسعون", "تسعين"),
    ),
    start=2,
):
    _add(_TENS, _v * 10, _nom, _acc)
_add(_HUNDRED, 100, "مئة", "مائة")
_add(_HUNDRED, 200, "مئتان", "مئتين", "مائتان", "مائتين", "مئتا", "مائتا", "مئتي", "مائتي")
for _v, _stem in enumerate(("ثلاث", "أربع", "خمس", "ست", "سبع", "ثمان", "تسع"), start=3):
    _add(_HUNDRED, _v * 100, _stem + "مئة", _stem + "مائة")
_add(_HUNDRED, 800, "ثمانيمئة", "ثمانيمائة")
# Scales: value is the multiplier; duals are handled in _SCALE_DUAL.
# (ألفًا / مليونًا with tanween fold to الفا / مليونا: the singular, not a dual construct form)
_add(_SCALE, 1000, "ألف", "ألفا", "آلاف", "ألوف")
_add(_SCALE, 1_000_000, "مليون", "مليونا", "ملايين")
_add(_SCALE, 1_000_000_000, "مليار", "مليارا", "مليارات", "بليون", "بلايين")
_add(_SCALE, 1_000_000_000_000, "تريليون", "ترليون")
_SCALE_DUAL = set(_k("ألفان", "ألفين", "مليونان", "مليونين", "ملياران", "مليارين"))
# Plurals count only after a number (ثلاثة آلاف); alone they are vague (آلاف الجنود).
_SCALE_PLURAL = set(_k("آلاف", "ألوف", "ملايين", "مليارات", "بلايين"))
for _w in _SCALE_DUAL:
    _WORDS[_w] = (_SCALE, 1000 if _w.startswith("الف") else 10 ** (6 if "ليون" in _w else 9))

# Words that look like clitic + number word but are not numbers (لست = "I am not").
_NOT_NUMBERS = set(_k("لست", "لستم", "لستن", "لسنا", "فست"))

_ORDINALS = set(
    _k(
        *(
            stem + end
            for stem in ("حادي", "ثاني", "ثالث", "رابع", "خامس", "سادس", "سابع", "ثامن", "تاسع")
            for end in ("", "ة")
        )
    )
)
_ARTICLE = re.compile("(?:و|ف)?(?:(?:ب|ك)?ال|لل)")

_PERCENT_WORDS = set(_k("بالمائة", "بالمئة", "بالميه"))
_PERCENT_AFTER_FI = set(_k("المائة", "المئة"))
_FI = fold_key("في")
_NISBA = fold_key("نسبة")

_CURRENCIES: dict[str, str] = {}
for _code, _names in {
    "USD": ("دولار", "دولارات", "دولاراً", "دولارا"),
    "EUR": ("يورو",),
    "RUB": ("روبل", "روبلات"),
    "LIRA": ("ليرة", "ليرات"),
    "POUND": ("جنيه", "جنيهات"),
    "RIYAL": ("ريال", "ريالات"),
    "DIRHAM": ("درهم", "دراهم"),
    "DINAR": ("دينار", "دنانير"),
}.items():
    for _key in _k(*_names):
        _CURRENCIES[_key] = _code

_STARTERS = set(MONTHS) | set(_WORDS) | {fold_key("كانون"), fold_key("تشرين")}

_YEAR_WORDS = set(_k("عام", "سنة", "العام", "لعام"))
_MIN = fold_key("من")
_TO_WORDS = set(_k("إلى", "الى", "حتى", "و"))

# A bare proclitic written against digits (و17, بـ7, الـ80): skipped, left outside the span.
_CLITIC_WORD = re.compile("(?:و|ف)?(?:ب|ك|ل)?|(?:و|ف)?(?:ب|ك)?ال|(?:و|ف)?لل")

_MONTH_CLITIC = re.compile("(?:و|ف)?(?:ب|ك|ل)?")

_DIGIT = re.compile(r"\d")
_LETTERS = re.compile(r"[^\W\d_]+")
_TOKEN = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[^\W\d_]+|\S")


# --- tokens ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Tok:
    kind: str  # "num" | "word" | "sym"
    s: int  # key offsets
    e: int
    t: str  # folded text
    glued: bool  # no space between this token and the previous one


def _tokens(key: str) -> list[_Tok]:
    out: list[_Tok] = []
    prev_end = -1
    for m in _TOKEN.finditer(key):
        t = m.group()
        kind = "num" if t[0].isdigit() else ("word" if t[0].isalpha() else "sym")
        out.append(_Tok(kind, m.start(), m.end(), t, m.start() == prev_end))
        prev_end = m.end()
    return out


def _strip_clitic(word: str, lexicon) -> tuple[str, int] | None:
    """``(base, clitic_len)`` if ``word`` or ``word`` minus a (و|ف)?(ب|ك|ل)? prefix is in
    ``lexicon``; the bare word wins (واحد is not و + احد)."""
    if word in lexicon:
        return word, 0
    cut = 0
    if word[:1] in ("و", "ف"):
        cut = 1
        if word[1:] in lexicon and len(word) - 1 >= 2:
            return word[1:], 1
    if word[cut : cut + 1] in ("ب", "ك", "ل") and len(word) - cut - 1 >= 2:
        base = word[cut + 1 :]
        if base in lexicon:
            return base, cut + 1
    return None


def _number_word(tok: _Tok) -> tuple[str, int, int] | None:
    """``(class, value, clitic_len)`` of a number word, or None."""
    if tok.kind != "word" or tok.t in _NOT_NUMBERS:
        return None
    hit = _strip_clitic(tok.t, _WORDS)
    if hit is None:
        return None
    base, cut = hit
    cls, value = _WORDS[base]
    return cls, value, cut


def _month_at(toks: list[_Tok], j: int) -> tuple[int, int, int] | None:
    """``(month, next index, clitic_len)`` if a month name starts at token ``j``."""
    if j >= len(toks) or toks[j].kind != "word":
        return None
    w = toks[j].t
    for cut in (0, 1, 2):
        base = w[cut:]
        if cut and (not _MONTH_CLITIC.fullmatch(w[:cut]) or len(base) < 3):
            break
        if base in ("كانون", "تشرين"):
            if j + 1 < len(toks) and (base, toks[j + 1].t) in _LEVANT_TWO_WORD:
                return _LEVANT_TWO_WORD[(base, toks[j + 1].t)], j + 2, cut
            return None
        if base in MONTHS:
            return MONTHS[base], j + 1, cut
    return None


def _month_group(toks: list[_Tok], j: int) -> tuple[int, int, int] | None:
    """A month name optionally followed by ``/`` or ``-`` and its other name (مارس/آذار)."""
    first = _month_at(toks, j)
    if first is None:
        return None
    month, k, cut = first
    if k + 1 < len(toks) and toks[k].t in ("/", "-", "(", "،", ","):
        second = _month_at(toks, k + 1)
        if second is not None and second[0] == month:
            k = second[1]
            if toks[k - 1].t != ")" and k < len(toks) and toks[k].t == ")":
                k += 1
    elif k < len(toks) and toks[k].kind == "word":
        second = _month_at(toks, k)  # "آذار مارس" without a separator
        if second is not None and second[0] == month and second[2] == 0:
            k = second[1]
    return month, k, cut


def _int(tok: _Tok) -> int | None:
    return int(tok.t) if tok.kind == "num" and tok.t.isdigit() else None


def _year_at(toks: list[_Tok], j: int) -> tuple[int, int] | None:
    """``(year, next index)``: an optional (من)? (عام|سنة) and a 4-digit year at token ``j``."""
    k = j
    if k < len(toks) and toks[k].t == _MIN and k + 1 < len(toks) and toks[k + 1].t in _YEAR_WORDS:
        k += 1
    if k < len(toks) and toks[k].t in _YEAR_WORDS:
        k += 1
    if k < len(toks):
        y = _int(toks[k])
        if y is not None and len(toks[k].t) == 4 and 1000 <= y <= 2999:
            return y, k + 1
    return None


def _fmt_date(y: int | None, m: int, d: int | None) -> str:
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}" if y is not None else f"--{m:02d}-{d:02d}"


# --- the parser -----------------------------------------------------------------------------------


def _parse_date(toks: list[_Tok], i: int) -> tuple[str, int, int] | None:
    """``(value, first token, end token)`` of a date starting at token ``i``."""
    tok = toks[i]
    day = _int(tok)
    if day is not None and 1 <= day <= 31 and len(tok.t) <= 2:
        j = i + 1
        day2 = None
        # A day range: 10-11 مايو, 22 إلى 23 نوفمبر
        if j + 1 < len(toks) and (toks[j].t == "-" or toks[j].t in _TO_WORDS):
            d2 = _int(toks[j + 1])
            is_day = d2 is not None and day < d2 <= 31 and len(toks[j + 1].t) <= 2
            if is_day and (_month_group(toks, j + 2) or _month_group(toks, j + 3)):
                day2, j = d2, j + 2
        if j < len(toks) and toks[j].t == _MIN:  # 24 من كانون الأول
            j += 1
        mg = _month_group(toks, j)
        if mg is not None and mg[2] == 0:
            month, k, _ = mg
            year = None
            yk = _year_at(toks, k)
            if yk is not None:
                year, k = yk
            value = _fmt_date(year, month, day)
            if day2 is not None:
                value += "/" + _fmt_date(year, month, day2)
            return value, i, k
        return None
    mg = _month_group(toks, i)
    if mg is not None:
        month, k, _ = mg
        yk = _year_at(toks, k)
        if yk is not None:
            return _fmt_date(yk[0], month, None), i, yk[1]
    return None


def _parse_numeric_date(toks: list[_Tok], i: int) -> tuple[str, int, int] | None:
    """15/3/2023, 15-03-2023 (day first, as Arabic writes it) and ISO 2023-03-15."""
    if i + 4 >= len(toks):
        return None
    a, s1, b, s2, c = toks[i : i + 5]
    if not (s1.t == s2.t and s1.t in ("/", "-", ".") and all(t.glued for t in (s1, b, s2, c))):
        return None
    x, y, z = _int(a), _int(b), _int(c)
    if x is None or y is None or z is None:
        return None
    if len(a.t) == 4 and 1 <= y <= 12 and 1 <= z <= 31:
        return _fmt_date(x, y, z), i, i + 5
    if len(c.t) == 4 and 1 <= x <= 31 and 1 <= y <= 12:
        return _fmt_date(z, y, x), i, i + 5
    return None


def _fmt_number(d: Decimal) -> str:
    if d == d.to_integral_value():
        return str(int(d))
    return format(d.normalize(), "f")


def _parse_number(toks: list[_Tok], i: int) -> tuple[Decimal, int, int] | None:
    """``(value, clitic_len of the first token, end token)`` of a number phrase at token ``i``:
    digits or number words, with و-compounds (خمسة وعشرين), teens (ثلاثة عشر), hundreds and
    scales (63 ألف, نحو أربعة ملايين, 3.5 مليار)."""
    tok = toks[i]
    total = Decimal(0)
    current = Decimal(0)
    last = None
    last_scale = None
    first_cut = 0
    if tok.kind == "num":
        try:
            current = Decimal(tok.t.replace(",", ""))
        except InvalidOperation:
            return None
        last = "digits"
    else:
        w = _number_word(tok)
        if w is None:
            return None
        cls, value, first_cut = w
        if cls == _TEN and _is_ordinal(toks, i - 1):
            return None  # التاسع عشر, الحادية عشرة: an ordinal, not ten
        if cls == _TEEN_ONLY:
            nxt = _number_word(toks[i + 1]) if i + 1 < len(toks) else None
            if nxt is None or nxt[0] != _TEN or nxt[2]:
                return None
            cls = _UNIT
        if cls == _SCALE:
            if tok.t[first_cut:] in _SCALE_PLURAL:
                return None
            if tok.t[first_cut:] in _SCALE_DUAL:
                total, last_scale = Decimal(2 * value), value
            else:
                total, last_scale = Decimal(value), value
            last = _SCALE
        else:
            current, last = Decimal(value), cls
    j = i + 1
    while j < len(toks):
        w = _number_word(toks[j])
        if w is None:
            break
        cls, value, cut = w
        word = toks[j].t
        if cut == 0 and cls == _SCALE and last != _SCALE:
            mult = 2 * value if word in _SCALE_DUAL else value
            if last_scale is not None and value >= last_scale:
                total = (total + (current or 1)) * mult
            else:
                total += (current or 1) * mult
            current, last, last_scale = Decimal(0), _SCALE, value
        elif cut == 0 and cls == _TEN and last == _UNIT and current < 10:
            current += 10
            last = "teen"
        elif cut == 0 and cls == _HUNDRED and value == 100 and last == _UNIT and current >= 3:
            current *= 100
            last = _HUNDRED
        elif cut == 1 and word[0] == "و" and cls != _TEEN_ONLY:
            ordered = (
                (last == _UNIT and cls == _TENS)  # خمسة وعشرين
                or (last == _HUNDRED and cls in (_UNIT, _TEN, _TENS) and current % 100 == 0)
                or (last == _SCALE and cls != _SCALE and value < (last_scale or 0))
            )
            if not ordered:  # ثلاثة وأربعة is a list, not a number
                break
            current += value
            last = cls
        else:
            break
        j += 1
    return total + current, first_cut, j


def _is_ordinal(toks: list[_Tok], j: int) -> bool:
    """Is token ``j`` the first word of a compound ordinal (الحادي, التاسعة, ثالث ...)?"""
    if j < 0 or toks[j].kind != "word":
        return False
    w = toks[j].t
    m = _ARTICLE.match(w)
    return w[m.end() if m else 0 :] in _ORDINALS


_STARTERS_CACHE: dict[str, bool] = {}


def _may_start(word: str) -> bool:
    """Can a quantity start at this token (a number word or month, with or without clitics)?
    Cached: most words of a text are neither, and this keeps extraction to one lookup for them."""
    hit = _STARTERS_CACHE.get(word)
    if hit is None:
        hit = _strip_clitic(word, _STARTERS) is not None
        if len(_STARTERS_CACHE) < 100_000:
            _STARTERS_CACHE[word] = hit
    return hit


def _prev_word(toks: list[_Tok], i: int) -> _Tok | None:
    return toks[i - 1] if i > 0 and toks[i - 1].kind == "word" else None


def extract_quantities(text: str) -> list[Quantity]:
    """Every number, percentage, amount of money, date and year in ``text``, in text order.

    Offsets and surface forms refer to ``text`` as passed in (a claim's text gives claim-relative
    offsets). Quantities never overlap: a year inside a date, or a number inside a percentage,
    is reported only as part of the larger quantity.
    """
    return _extract(text, fold(text))[0]


def _extract(text: str, folded) -> tuple[list[Quantity], list[_Tok] | None]:
    """:func:`extract_quantities` on ``text`` folded once by the caller, with the tokens of
    ``folded.key`` when it was tokenised (None when the text cannot hold a quantity)."""
    if not _DIGIT.search(folded.key) and not any(map(_may_start, _LETTERS.findall(folded.key))):
        return [], None  # no digit and no number word or month: nothing to tokenise
    toks = _tokens(folded.key)
    out: list[Quantity] = []

    def emit(kind: str, value: str, ks: int, ke: int) -> None:
        s, e = folded.span(ks, ke)
        out.append(Quantity(kind, value, text[s:e], s, e))

    i = 0
    free = 0  # first token not inside an emitted quantity (a prefix % or $ must not be reused)
    n = len(toks)
    while i < n:
        tok = toks[i]
        # A bare proclitic glued to a digit (و17, بـ7, الـ80) is not a word of its own.
        if (
            tok.kind == "word"
            and i + 1 < n
            and toks[i + 1].kind == "num"
            and toks[i + 1].glued
            and _CLITIC_WORD.fullmatch(tok.t)
        ):
            i += 1
            continue
        if tok.kind == "sym" or (tok.kind == "word" and not _may_start(tok.t)):
            i += 1
            continue
        date = _parse_numeric_date(toks, i) if tok.kind == "num" else None
        if date is None:
            date = _parse_date(toks, i)
        if date is not None:
            value, a, b = date
            cut = 0
            if toks[a].kind == "word":
                cut = _month_at(toks, a)[2]  # type: ignore[index]
            emit("date", value, toks[a].s + cut, toks[b - 1].e)
            i = free = b
            continue
        num = _parse_number(toks, i)
        if num is None:
            i += 1
            continue
        value_d, cut, j = num
        ks, ke = tok.s + cut, toks[j - 1].e
        kind = "number"
        value = _fmt_number(value_d)
        # Percent after the number: 7%, 7 ٪, 7 بالمائة, 7 في المائة
        if j < n and (toks[j].t == "%" or toks[j].t in _PERCENT_WORDS):
            kind, ke, j = "percent", toks[j].e, j + 1
        elif j + 1 < n and toks[j].t == _FI and toks[j + 1].t in _PERCENT_AFTER_FI:
            kind, ke, j = "percent", toks[j + 1].e, j + 2
        elif i > free and toks[i - 1].t == "%" and tok.glued and cut == 0:
            kind, ks = "percent", toks[i - 1].s  # %90, as typed in some RTL text
        else:
            prev = _prev_word(toks, i)
            hit = _strip_clitic(prev.t, {_NISBA}) if prev is not None and cut == 0 else None
            if prev is not None and hit is not None:  # بنسبة 7
                kind, ks = "percent", prev.s + hit[1]
        if kind == "number" and j < n and toks[j].kind == "word" and toks[j].t in _CURRENCIES:
            kind, ke = "money", toks[j].e
            value = f"{value} {_CURRENCIES[toks[j].t]}"
            j += 1
        elif kind == "number" and j < n and toks[j].t == "$":
            kind, ke, value, j = "money", toks[j].e, f"{value} USD", j + 1
        elif kind == "number" and i > free and toks[i - 1].t == "$" and tok.glued:
            kind, ks, value = "money", toks[i - 1].s, f"{value} USD"
        if kind == "percent":
            value += "%"
        elif (
            kind == "number"
            and j == i + 1
            and tok.kind == "num"
            and len(tok.t) == 4
            and tok.t.isdigit()
            and 1900 <= int(tok.t) <= 2099
        ):
            kind = "year"
        emit(kind, value, ks, ke)
        i = free = j
    return out, toks


def date_fields(value: str) -> tuple[int | None, int | None, int | None] | None:
    """``(year, month, day)`` of a normalised date or year value (None for an unknown field);
    for a range, its first day. None if ``value`` is not a date."""
    value = value.split("/", 1)[0]
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?|--(\d{2})-(\d{2})", value)
    if m is None:
        return None
    if m.group(1):
        y = int(m.group(1))
        mo = int(m.group(2)) if m.group(2) else None
        d = int(m.group(3)) if m.group(3) else None
        return y, mo, d
    return None, int(m.group(4)), int(m.group(5))
