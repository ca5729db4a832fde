"""The draft says which OCR values the member must check: calibrated confidences below the
review threshold, never hidden behind a colour the frontend has to choose."""

from __future__ import annotations

import pytest

from gateway.entrypoints.graphql.types.document import REVIEW_BELOW, DraftInvoice
from kmo.ocr.v1 import ocr_pb2


@pytest.mark.parametrize(
    ("confidence", "review"),
    [(0.35, True), (REVIEW_BELOW - 0.001, True), (REVIEW_BELOW, False), (0.97, False)],
)
def test_a_value_below_the_threshold_is_marked_for_review(confidence: float, review: bool) -> None:
    draft = DraftInvoice.from_proto(
        ocr_pb2.ExtractedInvoice(
            total_amount=ocr_pb2.ExtractedField(value="1210.00", confidence=confidence),
        )
    )
    assert draft.total_amount is not None
    assert draft.total_amount.needs_review() is review
    assert draft.debtor_name is None  # a field OCR did not read is absent, not "to review"
