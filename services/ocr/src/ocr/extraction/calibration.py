"""Confidences that mean what they say: a field at 0.9 should be right about 9 times in 10.

The extractor's raw confidence is a product of the recogniser's word confidence and the
strength of the evidence (label, position, checksum). It ranks readings well but is not a
probability. Platt scaling maps it to one: ``p = 1 / (1 + exp(-(slope * logit(raw) + b)))``
with ``b`` the shared intercept plus a per-field offset (shrunk towards zero where a field has
few examples). The coefficients are fitted by ``tests/perf/ocr/calibrate.py`` on the tuning
half of the real-document set and written below; the held-back half measures the result.
"""

from __future__ import annotations

import math
from dataclasses import fields as dataclass_fields
from dataclasses import replace

from .model import Field, InvoiceFields

# --- fitted by tests/perf/ocr/calibrate.py (do not edit by hand) ---
SLOPE = 0.8153
INTERCEPT = 1.8647
FIELD_OFFSETS: dict[str, float] = {
    "currency": 0.3572,
    "debtor_name": 0.2074,
    "debtor_vat": 0.0593,
    "due_date": 0.0119,
    "invoice_date": -0.1884,
    "invoice_number": -0.3215,
    "seller_name": -0.7393,
    "seller_vat": 0.5509,
    "total_amount": 0.0625,
}
# --- end of fitted coefficients ---

_EPS = 1e-4


def probability(name: str, raw: float) -> float:
    """The calibrated probability that a field read with confidence ``raw`` is right."""
    c = min(1 - _EPS, max(_EPS, raw))
    z = SLOPE * math.log(c / (1 - c)) + INTERCEPT + FIELD_OFFSETS.get(name, 0.0)
    return 1.0 / (1.0 + math.exp(-z))


def calibrate(found: InvoiceFields) -> InvoiceFields:
    """Every present field with its confidence replaced by the calibrated probability."""
    changes: dict[str, Field[object]] = {}
    for f in dataclass_fields(found):
        value = getattr(found, f.name)
        if isinstance(value, Field):
            changes[f.name] = replace(
                value, confidence=round(probability(f.name, value.confidence), 3)
            )
    return replace(found, **changes)  # type: ignore[arg-type]
