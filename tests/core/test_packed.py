"""Claims travel from the reading process to the importer as rows (desktop/core/packed.py): a
row gives back exactly the claim it was made from, and `ClaimRows` behaves as the tuple of
claims for any code that iterates it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desktop.core.model import Claim, ClaimSource, Polarity, QuoteType, SourceKind, Span
from desktop.core.packed import ClaimRows, claim_from_row, claim_row, claim_rows

_WORD = st.text(st.sampled_from("abقال٣ "), max_size=6)
_SOURCES = st.one_of(
    st.none(),
    st.builds(lambda m: ClaimSource(SourceKind.MENTION, mention=m), _WORD),
    st.builds(lambda e: ClaimSource(SourceKind.ENTITY, entity=e), _WORD),
    st.just(ClaimSource(SourceKind.OUTLET)),
    st.just(ClaimSource(SourceKind.UNNAMED)),
)
_CLAIMS = st.builds(
    lambda start, length, source, cue, quote, polarity, topics, note, who, ext: Claim(
        start, start + length, source, cue, quote, polarity, tuple(topics), note, who, ext
    ),
    st.integers(0, 500),
    st.integers(1, 50),
    _SOURCES,
    st.one_of(
        st.none(), st.builds(lambda s, n: Span(s, s + n), st.integers(0, 99), st.integers(1, 9))
    ),
    st.sampled_from(QuoteType),
    st.sampled_from(Polarity),
    st.lists(_WORD, max_size=3),
    st.one_of(st.none(), _WORD),
    st.one_of(st.none(), _WORD),
    st.one_of(st.none(), _WORD),
)


@given(st.lists(_CLAIMS, max_size=6))
def test_claim_rows_give_back_the_claims(claims):
    rows = [claim_row(c) for c in claims]
    assert [claim_from_row(r) for r in rows] == claims
    assert all(type(claim_from_row(r)) is Claim for r in rows)
    packed = ClaimRows(rows)
    assert claim_rows(packed) is rows and claim_rows(tuple(claims)) == rows
    assert len(packed) == len(claims) and bool(packed) == bool(claims)
    assert packed == tuple(claims) and tuple(claims) == packed and list(packed) == claims
    if claims:
        assert packed[0] == claims[0] and packed[-1] == claims[-1]
