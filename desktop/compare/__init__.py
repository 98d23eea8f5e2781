"""Cross-document claim alignment, conflicts, word diff, naming comparison. No Qt.

Imports only the standard library, numpy (alignment), ``desktop.text`` and ``desktop.core``.
"""

from .align import (
    THRESHOLD,
    ClaimRef,
    Conflict,
    Suggestion,
    claim_id,
    compare_quantities,
    suggest_alignments,
)
from .diff import word_diff
from .naming import NamingRow, naming_table
from .numbers import Quantity, extract_quantities

__all__ = [
    "THRESHOLD",
    "ClaimRef",
    "Conflict",
    "NamingRow",
    "Quantity",
    "Suggestion",
    "claim_id",
    "compare_quantities",
    "extract_quantities",
    "naming_table",
    "suggest_alignments",
    "word_diff",
]
