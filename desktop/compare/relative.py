"""Relative dates resolved against the document's date: اليوم, أمس, الأربعاء الماضي, العام الماضي.

Two outlets reporting one event on one day write "yesterday, Tuesday" where a later report writes
"14 March". Resolved against each document's own date, both become ``2023-03-14`` and can be
compared like any other date (:mod:`desktop.compare.numbers`). Without a document date nothing is
resolved: a wrong guess would invent a conflict.

Rules (general Arabic news usage, not tied to one outlet):

* اليوم → the document date; أمس / البارحة → the day before; أول أمس, أمس الأول → two days
  before; غدا → the day after. A weekday right after them (أمس الثلاثاء) is read with them.
* a weekday followed by الماضي / الماضية → the last such day before the document date;
  by المقبل / القادم → the next one; a weekday alone (يوم الأربعاء) → the nearest such day on or
  before the document date (news reports the current week).
* العام / السنة + الماضي / المقبل / القادم / الجاري / الحالي, هذا العام → a year; الشهر الماضي /
  المقبل / الجاري → a month.
* A relative phrase directly followed by an explicit date (اليوم الأربعاء 15 مارس) yields nothing:
  the explicit date is the figure.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from desktop.text import fold, fold_key

__all__ = ["WEEKDAYS", "relative_dates"]

#: folded weekday (with its article) -> Python weekday (Monday = 0)
WEEKDAYS = {
    fold_key(w): i
    for i, w in enumerate(("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"))
}
_TODAY = fold_key("اليوم")
_YESTERDAY = {fold_key(w) for w in ("أمس", "الأمس", "البارحة")}
_TOMORROW = {fold_key(w) for w in ("غدا", "غداً", "الغد")}
_FIRST = fold_key("أول")
_FROM = fold_key("من")
_DAY = fold_key("يوم")
_PAST = {fold_key(w) for w in ("الماضي", "الماضية", "المنصرم", "المنصرمة", "الفائت")}
_NEXT = {fold_key(w) for w in ("المقبل", "المقبلة", "القادم", "القادمة")}
_CURRENT = {fold_key(w) for w in ("الجاري", "الجارية", "الحالي", "الحالية")}
_YEAR = {fold_key(w) for w in ("العام", "السنة")}
_MONTH = fold_key("الشهر")
_THIS = {fold_key(w) for w in ("هذا", "هذه")}
_WORD = re.compile(r"[^\W\d_]+|\d+|\S")
_CLITIC = re.compile("^(?:و|ف)?(?:ب|ل|ك)?")


def _bare(word: str, lexicon) -> str | None:
    """The word, or the word without a (و|ف)?(ب|ك|ل)? proclitic, if it is in ``lexicon``."""
    if word in lexicon:
        return word
    rest = word[_CLITIC.match(word).end() :]  # type: ignore[union-attr]
    if rest != word and len(rest) >= 3 and rest in lexicon:
        return rest
    if rest.startswith("ل") and "ال" + rest[1:] in lexicon:  # لليوم: ل + اليوم
        return "ال" + rest[1:]
    return None


def _month_shift(ref: date, months: int) -> str:
    m = ref.month - 1 + months
    return f"{ref.year + m // 12:04d}-{m % 12 + 1:02d}"


def relative_dates(text: str, reference: date, explicit: list[tuple[int, int]] = ()):
    """``[(kind, value, start, end)]`` of relative dates in ``text`` resolved against
    ``reference``; ``explicit`` are spans of dates already found (never overlapped, and a relative
    phrase right before one is dropped). Offsets point into ``text`` as passed in."""
    folded = fold(text)
    key = folded.key
    if not _HINT.search(key):
        return []
    toks = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(key)]
    ks_explicit = list(explicit)
    out = []
    n = len(toks)
    i = 0

    def stored(a: int, b: int) -> tuple[int, int]:
        return folded.span(toks[a][0], toks[b - 1][1])

    def word(j: int) -> str:
        return toks[j][2] if 0 <= j < n else ""

    while i < n:
        w = word(i)
        found = None  # (kind, value, end token)
        if _bare(w, {_TODAY}):
            found = ("date", reference.isoformat(), i + 1)
        elif _bare(w, _YESTERDAY):
            back = 1
            end = i + 1
            if word(i + 1) == fold_key("الأول"):
                back, end = 2, i + 2
            found = ("date", (reference - timedelta(days=back)).isoformat(), end)
        elif w == _FIRST and (
            word(i + 1) in _YESTERDAY or (word(i + 1) == _FROM and word(i + 2) in _YESTERDAY)
        ):
            end = i + 2 if word(i + 1) in _YESTERDAY else i + 3
            found = ("date", (reference - timedelta(days=2)).isoformat(), end)
        elif _bare(w, _TOMORROW):
            found = ("date", (reference + timedelta(days=1)).isoformat(), i + 1)
        elif (wd := _bare(w, WEEKDAYS)) is not None:
            target = WEEKDAYS[wd]
            back = (reference.weekday() - target) % 7
            if word(i + 1) in _PAST:
                day = reference - timedelta(days=back or 7)
                found = ("date", day.isoformat(), i + 2)
            elif word(i + 1) in _NEXT:
                day = reference + timedelta(days=(target - reference.weekday()) % 7 or 7)
                found = ("date", day.isoformat(), i + 2)
            else:
                found = ("date", (reference - timedelta(days=back)).isoformat(), i + 1)
        elif _bare(w, _YEAR) and (word(i + 1) in _PAST | _NEXT | _CURRENT):
            shift = -1 if word(i + 1) in _PAST else (1 if word(i + 1) in _NEXT else 0)
            found = ("year", str(reference.year + shift), i + 2)
        elif w in _THIS and word(i + 1) in _YEAR:
            found = ("year", str(reference.year), i + 2)
        elif _bare(w, {_MONTH}) and (word(i + 1) in _PAST | _NEXT | _CURRENT):
            shift = -1 if word(i + 1) in _PAST else (1 if word(i + 1) in _NEXT else 0)
            found = ("date", _month_shift(reference, shift), i + 2)
        if found is None:
            i += 1
            continue
        kind, value, end = found
        # a weekday right after today / yesterday belongs to it (أمس الثلاثاء)
        if kind == "date" and end < n and _bare(word(end), WEEKDAYS) and w not in WEEKDAYS:
            end += 1
        start_stored, end_stored = stored(i, end)
        clash = any(s < end_stored and e > start_stored for s, e in ks_explicit)
        # an explicit date in the next few characters is the same day, written out
        followed = any(0 <= s - end_stored <= 12 for s, _ in ks_explicit) or any(
            0 <= start_stored - e <= 6 for _, e in ks_explicit
        )  # ... or completes the one before it (15 مارس من العام الماضي)
        if not clash and not followed:
            cut = len(w) - len(_bare(w, _ALL) or w)
            start_stored = folded.span(toks[i][0] + max(cut, 0), toks[i][1])[0]
            out.append((kind, value, start_stored, end_stored))
        i = end
    return out


_ALL = {_TODAY, _MONTH} | _YESTERDAY | _TOMORROW | set(WEEKDAYS) | _YEAR
_HINT = re.compile("|".join(sorted(_ALL | {_FIRST}, key=len, reverse=True)))
