"""Arabic-aware word boundaries: snapping selections, proclitics, tokens and sentences.

docs/arabic.md span rules: a mention covers whole written words, attached proclitics included
(``وبوتين`` is one PERS mention with ``prefix_len`` 1); punctuation stays outside; a boundary never
splits a letter from its diacritics or the lam from the alef of لا. Everything here returns offsets
in code points of the stored text and never changes the text.

Two kinds of character need care:

* word characters (:func:`is_word_char`): letters, combining marks, digits of both systems,
  tatweel, ZWJ and ZWNJ. A mark is a word character, so no boundary can fall before one.
* invisible format controls (LRM/RLM, ALM, embeddings/overrides/isolates, ZWSP, word joiner, BOM,
  soft hyphen, and for boundaries also ZWJ/ZWNJ): they are *transparent*. Inside a word they are
  kept in it (``بو<RLM>تين`` is one word); at a word's edge they stay outside it and never form
  tokens of their own. So ZWJ/ZWNJ are word characters, but a span never starts or ends on one.

A ``.`` ``,`` ``٫`` or ``٬`` between two digits is part of the number (``3.5``, ``١٬٠٠٠``).
"""

from __future__ import annotations

import re
import unicodedata

from .folding import fold, fold_key

__all__ = [
    "PROCLITICS",
    "is_word_char",
    "proclitic_length",
    "sentences",
    "snap_to_words",
    "tokenize",
]

ZWNJ = "\u200c"
ZWJ = "\u200d"
_JOINERS = frozenset((ZWNJ, ZWJ))
_NUMBER_SEPARATORS = frozenset(".,\u066b\u066c")

#: Proclitics that attach to the following word in writing: the conjunctions و ف, the prepositions
#: ب ك ل, the article ال and the fused ل + ال written لل (للرئيس).
PROCLITICS: tuple[str, ...] = ("و", "ف", "ب", "ك", "ل", "ال", "لل")


def is_word_char(ch: str) -> bool:
    """True for characters that belong inside a word.

    Letters (tatweel is one), combining marks (harakat), digits of both systems, ZWJ and ZWNJ.
    Punctuation (، ؛ ؟ . : « » " ( ) “ ”), symbols, emoji, whitespace and bidi controls are not.
    """
    if ch.isalnum() or ch in _JOINERS:
        return True
    return unicodedata.category(ch)[0] == "M"


def _is_transparent(ch: str) -> bool:
    """Invisible format controls (category Cf, ZWJ and ZWNJ included)."""
    return unicodedata.category(ch) == "Cf"


def _wordish(text: str, i: int) -> bool:
    """A visible word character at ``i``, or a number separator between two digits."""
    ch = text[i]
    if ch.isalnum() or unicodedata.category(ch)[0] == "M":
        return True
    return (
        ch in _NUMBER_SEPARATORS
        and 0 < i < len(text) - 1
        and text[i - 1].isdecimal()
        and text[i + 1].isdecimal()
    )


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Expand the selection ``[start, end)`` to whole words.

    First trims whitespace, punctuation and controls from both ends, then extends each end to the
    edge of the word it falls in (through transparent controls inside a word). Marks and the
    letters of لا are word characters, so they are never split; proclitics are written attached and
    so are included. The result is idempotent, and a selection that is already exactly whole words
    comes back unchanged. If the selection contains no word character at all (a lone ``،``, an
    emoji, only spaces), it is returned **unchanged**, so the caller can still annotate it
    deliberately.
    """
    n = len(text)
    if not 0 <= start <= end <= n:
        raise IndexError(f"selection [{start}, {end}) out of range for text of length {n}")
    s, e = start, end
    while s < e and not _wordish(text, s):
        s += 1
    while e > s and not _wordish(text, e - 1):
        e -= 1
    if s == e:
        return start, end
    while True:
        k = s
        while k > 0 and _is_transparent(text[k - 1]):
            k -= 1
        if k > 0 and _wordish(text, k - 1):
            s = k - 1
        else:
            break
    while True:
        k = e
        while k < n and _is_transparent(text[k]):
            k += 1
        if k < n and _wordish(text, k):
            e = k + 1
        else:
            break
    return s, e


# --- proclitics -----------------------------------------------------------------------------------

# Written prefix before a registry base name, in folded form: (و|ف)? then a preposition and/or the
# article. "لل" is ل + ال with the alef dropped in writing.
_BASE_PREFIX = re.compile("(?:و|ف)?(?:(?:ب|ك)?ال|لل|ب|ك|ل)?")
_FUSED_LAM_PREFIX = re.compile("(?:و|ف)?ل")

# Folded beginnings of common news words whose first و/ف is a root letter, not a conjunction.
_NOT_CONJUNCTION = (
    "وزير",
    "وزار",
    "وزرا",
    "وكال",
    "ولاي",
    "واشنطن",
    "وسائل",
    "وثيق",
    "وطني",
    "وليد",
    "واسع",
    "واجه",
    "وجه",
    "وحد",
    "وضع",
    "وقع",
    "وفق",
    "وقت",
    "وصول",
    "فرنس",
    "فلسطين",
    "فنزويل",
    "فلادي",
    "فيين",
    "فيصل",
    "فصائل",
    "فريق",
)


def proclitic_length(word: str, base: str | None = None) -> int:
    """Number of code points of ``word`` (harakat included) that are leading proclitics.

    With ``base`` (a bare registry name such as بوتين), the word must be proclitics + base under
    folding: ``proclitic_length("وبوتين", "بوتين") == 1``, ``("بالأسد", "الأسد") == 1``,
    ``("للأسد", "الأسد") == 1`` (fused لل: the second lam belongs to the base's article),
    ``("للرئيس", "رئيس") == 2``. If the word is not clitics + base, returns 0.

    Without ``base`` a written word is ambiguous (بوتين starts with ب, وزير with و), so the
    heuristic is deliberately conservative: it strips only a leading و or ف, optionally followed by
    بال / كال / لل / ال, and only when at least three letters remain. A bare ب ك ل after the
    conjunction is *not* stripped (ولبنان, وبوتين keep them), and a small list of common news
    words beginning with a root و/ف (وزير, فرنسا, ...) is left alone. A lone ال or preposition
    without a conjunction is not stripped either (الجزائر, بيروت). Prefer the ``base`` form
    whenever a registry entity is known.
    """
    if not word:
        return 0
    folded = fold(word)
    key = folded.key
    if base is not None:
        bkey = fold_key(base).strip(" ")
        if not bkey or key == bkey:
            return 0
        if key.endswith(bkey) and _BASE_PREFIX.fullmatch(key[: len(key) - len(bkey)]):
            return folded.starts[len(key) - len(bkey)]
        if bkey.startswith("ال") and len(bkey) > 2 and key.endswith(bkey[1:]):
            cut = len(key) - len(bkey) + 1
            if cut > 0 and _FUSED_LAM_PREFIX.fullmatch(key[:cut]):
                return folded.starts[cut]
        return 0
    if key[:1] not in ("و", "ف"):
        return 0
    for extra in ("بال", "كال", "لل", "ال", ""):
        cut = 1 + len(extra)
        if not key.startswith(extra, 1):
            continue
        rest = key[cut:]
        if sum(ch.isalpha() for ch in rest) < 3:
            continue
        if not extra and key.startswith(_NOT_CONJUNCTION):
            return 0
        return folded.starts[cut]
    return 0


# --- tokens and sentences -----------------------------------------------------------------------


def _cluster_end(text: str, i: int) -> int:
    """End of the non-word character cluster starting at ``i`` (keeps emoji sequences whole)."""
    n = len(text)
    j = i + 1
    if 0x1F1E6 <= ord(text[i]) <= 0x1F1FF and j < n and 0x1F1E6 <= ord(text[j]) <= 0x1F1FF:
        return j + 1  # a flag: two regional indicators
    while j < n:
        ch = text[j]
        o = ord(ch)
        if (
            unicodedata.category(ch)[0] == "M"
            or 0xFE00 <= o <= 0xFE0F  # variation selectors
            or 0x1F3FB <= o <= 0x1F3FF  # skin tones
            or 0xE0020 <= o <= 0xE007F  # emoji tag sequences
            or 0xE0100 <= o <= 0xE01EF
        ):
            j += 1
        elif (
            ch == ZWJ and j + 1 < n and not text[j + 1].isspace() and not is_word_char(text[j + 1])
        ):
            j += 2
        else:
            break
    return j


def tokenize(text: str) -> list[tuple[int, int]]:
    """Tokens as stored-offset spans, for CoNLL / spaCy exports.

    Splits on whitespace and punctuation; each punctuation or symbol character is its own token
    (with any marks, variation selectors, skin tones or ZWJ continuations, so an emoji sequence such
    as 👨‍👩‍👧 is one token). Proclitics stay inside their word (وبوتين is one token), numbers keep
    internal separators (3.5, ١٬٠٠٠), and invisible controls never become tokens.
    """
    out: list[tuple[int, int]] = []
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        if _wordish(text, i) or _is_transparent(ch):
            j = i
            while j < n and (_wordish(text, j) or _is_transparent(text[j])):
                j += 1
            a, b = i, j
            while a < b and _is_transparent(text[a]):
                a += 1
            while b > a and _is_transparent(text[b - 1]):
                b -= 1
            if a < b:
                out.append((a, b))
            i = j
            continue
        j = _cluster_end(text, i)
        out.append((i, j))
        i = j
    return out


_SENTENCE_FINAL = frozenset(".!?\u061f\u06d4\u2026")  # . ! ? ؟ ۔ …
_CLOSING = frozenset("\"'»)]}”’›")
_NEWLINES = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: split at newlines and after . ! ? ؟ ۔ … followed by whitespace.

    Closing quotes and brackets right after the final mark stay in the sentence. Sentences are
    built from :func:`tokenize` tokens, so a sentence never cuts a token and carries no leading or
    trailing whitespace. Deliberately simple: abbreviations such as "د." do end a sentence.
    """
    out: list[tuple[int, int]] = []
    cur: int | None = None
    prev_end = 0
    pending = False  # the last token ended a sentence unless more closing marks follow
    for s, e in tokenize(text):
        if cur is not None:
            gap = text[prev_end:s]
            if any(c in _NEWLINES for c in gap) or (pending and any(c.isspace() for c in gap)):
                out.append((cur, prev_end))
                cur = None
        if cur is None:
            cur = s
            pending = False
        first = text[s]
        if first in _SENTENCE_FINAL:
            pending = True
        elif not (pending and first in _CLOSING and s == prev_end):
            pending = False
        prev_end = e
    if cur is not None:
        out.append((cur, prev_end))
    return out
