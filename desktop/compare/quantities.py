"""A claim's figures in every form: what :func:`desktop.compare.numbers.extract_quantities` finds,
plus ordinals, fractions, ranges, Hijri years and dates relative to the document's date.

Outlets state one figure in many forms: the eightieth anniversary is ``الذكرى الثمانين``,
``الثمانون`` or ``الـ80``; half is ``نصف`` or ``50%``; "yesterday" in one report is a date in
another. Each form gets a normalised value comparable with the plain ones
(:mod:`desktop.compare.figures`).
"""

from __future__ import annotations

import re

from desktop.text import fold, fold_key

from .numbers import (
    _MIN,
    _TENS,
    _UNIT,
    _WORDS,
    Quantity,
    _extract,
    _k,
    _number_word,
    _Tok,
    _tokens,
)
from .relative import relative_dates

__all__ = ["claim_quantities"]

_ORDINAL_UNITS: dict[str, int] = {}
for _v, _stem in enumerate(
    ("اول", "ثاني", "ثالث", "رابع", "خامس", "سادس", "سابع", "ثامن", "تاسع", "عاشر"), start=1
):
    for _end in ("", "ة"):
        _ORDINAL_UNITS[fold_key(_stem + _end)] = _v
_ORDINAL_UNITS[fold_key("أولى")] = 1
_ORDINAL_UNITS[fold_key("حادي")] = 1
_ORDINAL_UNITS[fold_key("حادية")] = 1
_ORDINAL_TENS = {w: v for w, (cls, v) in _WORDS.items() if cls == _TENS}
_TEN_WORDS = set(_k("عشر", "عشرة"))
_FRACTIONS = {fold_key(w): v for w, v in (("نصف", "0.5"), ("ثلث", "0.3333"), ("ربع", "0.25"))}
_FRACTIONS.update({fold_key(w): "0.6667" for w in ("ثلثي", "ثلثا")})
_QUARTERS = set(_k("أرباع"))
_AFTER_MONTH_WORDS = {fold_key("كانون"), fold_key("تشرين")}
_ORD_ARTICLE = re.compile("(?:و|ف)?(?:(?:ب|ك)?ال|لل)|(?:و|ف)?(?:ب|ك|ل)?")
_RANGE_OPEN = set(_k("بين", "من", "ما"))
_RANGE_JOIN = {"-", "–", fold_key("إلى"), fold_key("الى"), fold_key("حتى"), fold_key("و")}
_HIJRI_MARK = re.compile(r"\s*ه\u0640*(?![\u0621-\u064a])")
_PAST_WORDS = set(_k("الماضي", "الماضية", "المنصرم"))


_ORDINAL_HINT = re.compile(
    "|".join(
        sorted({*_ORDINAL_UNITS, *_ORDINAL_TENS, *_FRACTIONS, *_QUARTERS}, key=len, reverse=True)
    )
)


def _ordinal_or_fraction(toks: list[_Tok], i: int) -> tuple[str, str, int, int] | None:
    """``(kind, value, clitic_len, end token)`` of an ordinal (الخامسة, الثمانين, التاسعة عشرة)
    or a fraction word (نصف, ثلث, ثلاثة أرباع) at token ``i``."""
    w = toks[i].t
    for m in _ORD_ARTICLE.finditer(w):  # the empty prefix is tried last
        if m.start():
            break
        base, cut = w[m.end() :], m.end()
        if len(base) < 3:
            continue
        has_article = "ال" in w[:cut] or w[:cut].endswith("لل")
        if base in _ORDINAL_UNITS:
            if i > 0 and toks[i - 1].t in _AFTER_MONTH_WORDS:
                return None  # كانون الثاني is a month
            value, j = _ORDINAL_UNITS[base], i + 1
            if j < len(toks) and toks[j].t in _TEN_WORDS:
                value, j = value + 10, j + 1  # التاسعة عشرة
            elif j < len(toks) and toks[j].t[:1] == "و":
                tens = _ORDINAL_TENS.get(toks[j].t[1:].removeprefix("ال"))
                if tens:
                    value, j = value + tens, j + 1  # الخامس والعشرين
            return "ordinal", str(value), cut, j
        if has_article and base in _ORDINAL_TENS:
            return "ordinal", str(_ORDINAL_TENS[base]), cut, i + 1  # الذكرى الثمانين
        if base in _FRACTIONS:
            return "fraction", _FRACTIONS[base], cut, i + 1
    if i + 1 < len(toks) and toks[i + 1].t in _QUARTERS:
        hit = _number_word(toks[i])
        if hit is not None and hit[0] == _UNIT and hit[1] < 4:
            return "fraction", f"{hit[1] / 4:g}", hit[2], i + 2  # ثلاثة أرباع
    return None


def _ranges(text: str, found: list[Quantity]) -> list[Quantity]:
    """Join ``بين 5 و7 بالمائة``, ``من 10 إلى 20``, ``10-20``: one quantity ``5..7%``."""
    out: list[Quantity] = []
    for q in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind in ("number", "percent", "money")
            and q.kind in ("number", "percent", "money")
            and ".." not in prev.value
        ):
            gap = fold_key(text[prev.end : q.start]).strip()
            before = fold_key(text[max(0, prev.start - 6) : prev.start]).split()
            opened = bool(before) and before[-1] in _RANGE_OPEN
            if gap in _RANGE_JOIN and (opened or gap in ("-", "–")):
                lo, _, unit_lo = prev.value.partition(" ")
                hi, _, unit = q.value.partition(" ")
                if not unit_lo or unit_lo == unit:
                    kind = "percent" if "percent" in (prev.kind, q.kind) else q.kind
                    lo, hi = lo.rstrip("%"), hi.rstrip("%")
                    value = f"{lo}..{hi}" + ("%" if kind == "percent" else "")
                    value += f" {unit}" if unit else ""
                    out[-1] = Quantity(kind, value, text[prev.start : q.end], prev.start, q.end)
                    continue
        out.append(q)
    return out


def claim_quantities(text: str, reference=None) -> list[Quantity]:
    """:func:`extract_quantities` and every other form a figure takes in a claim, in text order.

    Adds ordinals (``ordinal``: الخامسة, الثمانين, التاسعة عشرة, with ``الـ80`` left a number of
    the same value), fractions (``fraction``: نصف ``0.5``, ثلاثة أرباع ``0.75``), ranges
    (``5..7%``), Hijri years marked هـ (``hijri``: ``1445``), and, when ``reference`` (the
    document's date) is given, relative dates (:mod:`desktop.compare.relative`) and day-month
    dates completed by ``الماضي`` or ``من العام الماضي``.
    """
    folded = fold(text)
    plain, toks = _extract(text, folded)
    found = _ranges(text, plain)
    out: list[Quantity] = []
    for q in found:
        mark = _HIJRI_MARK.match(text, q.end)
        if q.kind in ("number", "year") and q.value.isdigit() and mark and len(q.value) <= 4:
            q = Quantity("hijri", q.value, text[q.start : mark.end()].rstrip(), q.start, mark.end())
        elif reference is not None and q.kind == "date" and q.value.startswith("--"):
            q = _complete_year(text, q, reference)
        elif q.kind == "number" and q.value in ("1", "2", "3"):
            after = fold_key(text[q.end : q.end + 8]).split()
            if after[:1] and after[0] in _QUARTERS:  # ثلاثة أرباع
                end = q.end + text[q.end :].index(text[q.end :].split()[0]) + len(after[0])
                q = Quantity("fraction", f"{int(q.value) / 4:g}", text[q.start : end], q.start, end)
        out.append(q)
    taken = [(q.start, q.end) for q in out]
    # most claims hold no ordinal or fraction word: one regex search instead of tokenising
    if not _ORDINAL_HINT.search(folded.key):
        toks = []
    elif toks is None:
        toks = _tokens(folded.key)
    i = 0
    while i < len(toks):
        tok = toks[i]
        if tok.kind != "word":
            i += 1
            continue
        hit = _ordinal_or_fraction(toks, i)
        if hit is None:
            i += 1
            continue
        kind, value, cut, j = hit
        s, e = folded.span(tok.s + cut, toks[j - 1].e)
        if not any(a < e and b > s for a, b in taken):
            out.append(Quantity(kind, value, text[s:e], s, e))
            taken.append((s, e))
        i = j
    if reference is not None:
        dated = [(q.start, q.end) for q in out if q.kind in ("date", "year")]
        for kind, value, s, e in relative_dates(text, reference, dated):
            if not any(a < e and b > s for a, b in taken):
                out.append(Quantity(kind, value, text[s:e], s, e))
    out.sort(key=lambda q: (q.start, q.end))
    return out


def _complete_year(text: str, q: Quantity, reference) -> Quantity:
    """``15 مارس من العام الماضي`` and ``23 مارس الماضي`` with their year from the document date."""
    after = fold_key(text[q.end : q.end + 24]).split()
    month, day = int(q.value[2:4]), int(q.value[5:7])
    year = None
    if after[:1] and after[0] in _PAST_WORDS:
        year = reference.year if (month, day) < (reference.month, reference.day) else None
        year = year or reference.year - 1
    elif after[:3] == [_MIN, fold_key("العام"), fold_key("الماضي")]:
        year = reference.year - 1
    if year is None:
        return q
    return Quantity(q.kind, f"{year:04d}-{month:02d}-{day:02d}", q.text, q.start, q.end)
