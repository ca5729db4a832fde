"""Folding experiences in and out of a member's sums equals folding in the final state."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scoring_testing import experience

from scoring.domain.evidence import Experience, MemberSums, Sums

BASE = date(2025, 1, 1)


@st.composite
def lives(draw: st.DrawFn) -> list[list[Experience | None]]:
    """Several invoices, each a sequence of revisions (paid, corrected, disputed, deleted)."""
    out: list[list[Experience | None]] = []
    for i in range(draw(st.integers(min_value=1, max_value=8))):
        due = BASE + timedelta(days=draw(st.integers(min_value=0, max_value=600)))
        e = experience(due=due, invoice=f"i{i}", amount=f"{draw(st.integers(1, 90000))}.00")
        revisions: list[Experience | None] = [e]
        cur = e
        for _ in range(draw(st.integers(min_value=0, max_value=4))):
            change = draw(st.sampled_from(["pay", "unpay", "dispute", "credit", "write_off"]))
            if change == "pay":
                days = draw(st.integers(min_value=-30, max_value=200))
                cur = replace(cur, settled_date=cur.due_date + timedelta(days=days),
                              paid_amount=cur.amount)  # fmt: skip
            elif change == "unpay":
                cur = replace(cur, settled_date=None, paid_amount=Decimal("0.00"))
            elif change == "dispute":
                cur = replace(cur, disputed=not cur.disputed)
            elif change == "credit":
                cur = replace(cur, amount=Decimal("0.00"))
            else:
                cur = replace(cur, written_off_date=cur.due_date + timedelta(days=90))
            revisions.append(cur)
        if draw(st.booleans()) and draw(st.booleans()):
            revisions.append(None)  # deleted at the end
        out.append(revisions)
    return out


@settings(max_examples=300, deadline=None)
@given(lives())
def test_incremental_sums_equal_a_rebuild_from_the_final_state(
    histories: list[list[Experience | None]],
) -> None:
    incremental = MemberSums("BE0123456749", "member-a", Sums())
    for revisions in histories:
        previous = None
        for rev in revisions:
            incremental.move(previous, rev)
            previous = rev
    rebuilt = MemberSums("BE0123456749", "member-a", Sums())
    for revisions in histories:
        if revisions[-1] is not None:
            rebuilt.move(None, revisions[-1])

    assert incremental.invoice_count == rebuilt.invoice_count
    assert incremental.sums.count == rebuilt.sums.count
    assert incremental.sums.values == pytest.approx(rebuilt.sums.values, rel=1e-9, abs=1e-6)
    assert incremental.empty == rebuilt.empty
