"""Inter-annotator agreement on mentions, claims and claim clusters. No Qt, no database.

Beside ``desktop.compare`` in the layers: imports only the standard library, ``desktop.text`` and
``desktop.core``, so the app layer feeds it documents read from the database or from files.
"""

from .report import CLAIM_ATTRIBUTES, agreement_report, agreement_report_rows
from .stats import (
    alpha_from_units,
    b_cubed,
    cohen_kappa,
    cohen_kappa_from_pairs,
    f1,
    krippendorff_alpha,
)
from .tokens import iob_tags, tokens

__all__ = [
    "CLAIM_ATTRIBUTES",
    "agreement_report",
    "agreement_report_rows",
    "alpha_from_units",
    "b_cubed",
    "cohen_kappa",
    "cohen_kappa_from_pairs",
    "f1",
    "iob_tags",
    "krippendorff_alpha",
    "tokens",
]
