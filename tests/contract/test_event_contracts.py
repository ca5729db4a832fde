"""Producer and consumer agree: what ingest's encoder writes, scoring's decoder reads back as
the same invoice state, for every kind of invoice event (the services' own codecs, not
empty messages)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from benelux.vat import parse_vat
from ingest.adapters.event_codec import encode
from ingest.domain import events
from scoring.adapters.event_codec import decode

FACTS = events.InvoiceFacts(
    invoice_id="7d0f3c4e-1b2a-4c5d-9e8f-0a1b2c3d4e5f",
    tenant_id="member-42",
    debtor=parse_vat("BE0123456749"),
    debtor_name="Bouwbedrijf Peeters NV",
    debtor_sector="41.20",
    issue_date=date(2026, 9, 1),
    due_date=date(2026, 10, 1),
    amount=Decimal("1234.56"),
    currency="EUR",
)
PAID = replace(FACTS, paid_amount=Decimal("1234.56"), settled_date=date(2026, 10, 9), revision=3)

CASES = {
    "recorded": events.InvoiceRecorded(FACTS),
    "part paid": events.PaymentRecorded(
        replace(FACTS, paid_amount=Decimal("200.00"), revision=2), date(2026, 9, 20),
        Decimal("200.00"), 1,
    ),
    "disputed": events.InvoiceUpdated(
        replace(FACTS, disputed=True, revision=2), events.Change.DISPUTED, "not delivered"
    ),
    "written off": events.InvoiceUpdated(
        replace(FACTS, written_off_date=date(2026, 11, 30), revision=4),
        events.Change.WRITTEN_OFF,
    ),
    "deleted": events.InvoiceDeleted(replace(FACTS, revision=2), erased=False),
    "erased": events.InvoiceDeleted(replace(FACTS, revision=2), erased=True),
}  # fmt: skip


@pytest.mark.parametrize("event", CASES.values(), ids=CASES.keys())
def test_scoring_reads_back_the_state_ingest_sent(event: events.Event) -> None:
    sent = encode(event)

    fact = decode("e-1", sent.event_type, sent.payload)

    facts = event.invoice
    assert fact is not None
    assert (fact.invoice_id, fact.supplier) == (facts.invoice_id, facts.tenant_id)
    assert (fact.vat, fact.country, fact.sector) == ("BE0123456749", "BE", "41.20")
    assert (fact.issue_date, fact.due_date) == (facts.issue_date, facts.due_date)
    assert (fact.amount, fact.paid_amount) == (facts.amount, facts.paid_amount)
    assert (fact.settled_date, fact.written_off_date) == (
        facts.settled_date,
        facts.written_off_date,
    )
    assert (fact.disputed, fact.revision) == (facts.disputed, facts.revision)
    assert fact.deleted is isinstance(event, events.InvoiceDeleted)
    assert sent.subject.startswith("invoice.")


def test_an_invoice_paid_after_its_payment_is_not_counted_twice() -> None:
    """``invoice.paid`` follows the ``invoice.payment_recorded`` that settled it, with the
    same state: scoring takes the state once."""
    payment = encode(events.PaymentRecorded(PAID, date(2026, 10, 9), PAID.amount, 1))
    paid = encode(events.InvoicePaid(PAID, date(2026, 10, 9)))

    first = decode("e-1", payment.event_type, payment.payload)
    again = decode("e-2", paid.event_type, paid.payload)

    assert first is not None and first.settled_date == date(2026, 10, 9)
    assert again is None
