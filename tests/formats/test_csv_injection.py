"""Formula injection in the claims CSV: every start a spreadsheet would run is escaped, and the
file read back with the csv module shows the escaped cell."""

from __future__ import annotations

import csv

import pytest

from desktop.core.model import Claim, Document, DocumentMeta
from desktop.formats.claims_table import COLUMNS, escape_cell, write_claims_csv

STARTS = ["=", "+", "-", "@", "\t", "\r", "\n", " ", "\uff1d", "\uff0b", "\uff0d", "\uff20"]


@pytest.mark.parametrize("first", STARTS)
def test_cells_starting_like_a_formula_are_escaped(tmp_path, first):
    assert escape_cell(first + "1+1") == "'" + first + "1+1"
    text = f"{first}HYPERLINK(1) قال"
    doc = Document(
        "d", text, meta=DocumentMeta(outlet=f"{first}cmd|' /C calc'!A0"), claims=(Claim(0, 5),)
    )
    path = tmp_path / "claims.csv"
    write_claims_csv([doc], path)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        (row,) = list(csv.DictReader(handle))
    assert row["text"] == "'" + text[0:5]
    assert row["outlet"] == "'" + doc.meta.outlet
    assert row["start"] == "0" and list(row) == list(COLUMNS)


def test_plain_cells_are_untouched(tmp_path):
    assert escape_cell("قال 1+1") == "قال 1+1"
    assert escape_cell("a =1") == "a =1"
