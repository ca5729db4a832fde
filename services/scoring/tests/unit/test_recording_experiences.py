"""Recording payment experiences through the handler, with the fake unit of work."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from scoring.domain.commands import RecordExperience
from scoring.domain.model import RiskLevel
from scoring.service_layer.handlers import record_experience, record_experiences

VAT = "BE0123456749"


def fact(
    event_id: str, *, paid: date | None = None, sector: str = "F", invoice: str = "i-1"
) -> RecordExperience:
    return RecordExperience(
        event_id=event_id,
        invoice_id=invoice,
        supplier="member-a",
        vat=VAT,
        country="BE",
        sector=sector,
        issue_date=date(2026, 6, 1),
        due_date=date(2026, 7, 1),
        amount=Decimal("1000.00"),
        paid_date=paid,
    )


async def test_a_recorded_invoice_creates_the_debtors_first_profile(uow: Any, clock: Any) -> None:
    change = await record_experience(fact("e-1"), uow, clock)

    assert change is not None
    assert change.previous is None
    assert change.moved
    assert change.current.invoice_count == 1
    assert change.current.sector == "F"
    assert uow.store.saved[VAT] == change.current
    assert uow.committed == [change]


async def test_a_redelivered_event_id_is_ignored(uow: Any, clock: Any) -> None:
    await record_experience(fact("e-1"), uow, clock)

    again = await record_experience(fact("e-1", paid=date(2026, 8, 30)), uow, clock)

    assert again is None
    assert len(uow.committed) == 1
    assert uow.store.saved[VAT].paid_count == 0


async def test_a_late_settlement_raises_the_profile_from_its_previous_value(
    uow: Any, clock: Any
) -> None:
    first = await record_experience(fact("e-1"), uow, clock)

    change = await record_experience(fact("e-2", paid=date(2026, 7, 31), sector=""), uow, clock)

    assert change is not None and first is not None
    assert change.previous == first.current
    assert change.current.level is RiskLevel.HIGH
    assert change.current.paid_count == 1
    assert change.current.invoice_count == 1  # the same invoice, now settled
    assert change.current.sector == "F"  # a paid event carries no sector: the known one stays


async def test_a_paid_event_arriving_before_recorded_is_not_undone(uow: Any, clock: Any) -> None:
    await record_experience(fact("e-2", paid=date(2026, 7, 31), sector=""), uow, clock)

    change = await record_experience(fact("e-1"), uow, clock)

    assert change is not None
    assert change.current.paid_count == 1
    assert change.current.invoice_count == 1
    assert change.current.sector == "F"


async def test_a_batch_recomputes_each_debtor_once_and_merges_recorded_with_paid(
    uow: Any, clock: Any
) -> None:
    other = "NL004495445B01"
    recorded = RecordExperience(
        event_id="e1",
        invoice_id="i1",
        supplier="s1",
        vat=VAT,
        country="BE",
        sector="F41",
        issue_date=date(2026, 6, 1),
        due_date=date(2026, 7, 1),
        amount=Decimal("100.00"),
        paid_date=None,
    )
    paid = replace(recorded, event_id="e2", sector="", paid_date=date(2026, 7, 11))
    elsewhere = replace(recorded, event_id="e3", invoice_id="i2", vat=other, country="NL")
    changes = await record_experiences([recorded, paid, elsewhere, paid], uow, clock)
    assert [c.current.vat for c in changes] == sorted([VAT, other])
    mine = next(c.current for c in changes if c.current.vat == VAT)
    assert (mine.invoice_count, mine.paid_count, mine.avg_days_late) == (1, 1, 10.0)
    assert mine.sector == "F41"  # the paid event carries no sector; the recorded one's stays
    assert uow.store.locked == [sorted([VAT, other])]
    assert await record_experiences([recorded, paid], uow, clock) == []  # all redelivered
