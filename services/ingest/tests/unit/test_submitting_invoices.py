"""Submitting invoices through the handler, with the fake unit of work."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from ingest.domain.errors import DuplicateInvoice, InvalidInvoice, InvalidVat
from ingest.domain.events import InvoiceRecorded
from ingest.domain.model import Status
from ingest.service_layer.handlers import submit_invoice


async def test_a_submitted_invoice_is_stored_open_and_emits_invoice_recorded(
    uow: Any, clock: Any, an_invoice: Any
) -> None:
    invoice = await submit_invoice(an_invoice(), uow, clock)

    assert uow.commits == 1
    assert list(uow.invoices.committed) == [invoice.id]
    assert invoice.status is Status.OPEN
    assert invoice.recorded_at == clock()
    assert invoice.events == []  # handed to the unit of work, not kept
    [event] = uow.events
    assert isinstance(event, InvoiceRecorded)
    facts = event.invoice
    assert facts.invoice_id == invoice.id
    assert facts.tenant_id == "member-a"
    assert facts.debtor.number == "BE0123456749"
    assert facts.debtor.country == "BE"
    assert facts.debtor_sector == "F41"
    assert facts.amount == Decimal("1000.00")
    assert (facts.issue_date, facts.due_date) == (date(2026, 8, 1), date(2026, 8, 31))


@pytest.mark.parametrize(
    "written",
    ["BE 0123.456.749", "BTW BE0123456749", "be0123456749", "0123.456.749", "BE-0123-456-749"],
)
async def test_a_vat_number_written_with_spaces_dots_or_a_btw_label_is_normalised(
    uow: Any, clock: Any, an_invoice: Any, written: str
) -> None:
    invoice = await submit_invoice(an_invoice(debtor_vat=written), uow, clock)

    assert invoice.debtor.number == "BE0123456749"
    assert uow.events[0].invoice.debtor.number == "BE0123456749"


async def test_a_dutch_vat_number_keeps_its_country(uow: Any, clock: Any, an_invoice: Any) -> None:
    invoice = await submit_invoice(an_invoice(debtor_vat="NL 1234.56.782.B01"), uow, clock)

    assert (invoice.debtor.country, invoice.debtor.number) == ("NL", "NL123456782B01")


@pytest.mark.parametrize("vat", ["BE0123456780", "DE123456789", "", "BTW", "not a number"])
async def test_an_invalid_vat_number_is_rejected_and_nothing_is_committed(
    uow: Any, clock: Any, an_invoice: Any, vat: str
) -> None:
    with pytest.raises(InvalidVat) as raised:
        await submit_invoice(an_invoice(debtor_vat=vat), uow, clock)

    assert raised.value.code == "invalid_vat"
    assert uow.commits == 0
    assert uow.invoices.committed == {}
    assert uow.events == []


@pytest.mark.parametrize(
    ("overrides", "why"),
    [
        ({"issue_date": date(2026, 8, 31), "due_date": date(2026, 8, 1)}, "due before issue"),
        ({"amount": "0"}, "zero"),
        ({"amount": "0.00"}, "zero with decimals"),
        ({"amount": "-10.00"}, "negative"),
        ({"amount": "10.001"}, "three decimals"),
        ({"amount": "1000000000.01"}, "over a billion"),
        ({"amount": "NaN"}, "not a number"),
        ({"amount": "Infinity"}, "infinite"),
        ({"amount": "10,50"}, "decimal comma"),
        ({"amount": ""}, "empty amount"),
        ({"invoice_number": ""}, "empty number"),
        ({"invoice_number": "   "}, "blank number"),
        ({"invoice_number": "F" * 65}, "number over 64 characters"),
        ({"issue_date": date(2026, 9, 17), "due_date": date(2026, 10, 17)}, "future issue"),
        ({"issue_date": date(2025, 1, 1), "due_date": date(2026, 1, 3)}, "term over a year"),
        ({"currency": "USD"}, "dollars"),
        ({"debtor_name": "N" * 201}, "name too long"),
    ],
)
async def test_an_implausible_invoice_is_rejected_and_nothing_is_committed(
    uow: Any, clock: Any, an_invoice: Any, overrides: dict[str, Any], why: str
) -> None:
    with pytest.raises(InvalidInvoice) as raised:
        await submit_invoice(an_invoice(**overrides), uow, clock)

    assert raised.value.code == "invalid_invoice", why
    assert uow.commits == 0
    assert uow.invoices.committed == {}


@pytest.mark.parametrize("amount", ["1e30", "99999999999999999999999999999"])
async def test_an_astronomically_large_amount_is_an_invalid_invoice(
    uow: Any, clock: Any, an_invoice: Any, amount: str
) -> None:
    with pytest.raises(InvalidInvoice):
        await submit_invoice(an_invoice(amount=amount), uow, clock)


async def test_an_issue_date_of_tomorrow_is_accepted_for_time_zones(
    uow: Any, clock: Any, an_invoice: Any
) -> None:
    invoice = await submit_invoice(
        an_invoice(issue_date=date(2026, 9, 16), due_date=date(2026, 10, 16)), uow, clock
    )

    assert invoice.issue_date == date(2026, 9, 16)


@pytest.mark.parametrize(("written", "stored"), [("1e3", "1000.00"), ("10.000", "10.00")])
async def test_an_amount_is_stored_exactly_with_two_decimals(
    uow: Any, clock: Any, an_invoice: Any, written: str, stored: str
) -> None:
    invoice = await submit_invoice(an_invoice(amount=written), uow, clock)

    assert str(invoice.amount) == stored


async def test_a_missing_currency_means_euro(uow: Any, clock: Any, an_invoice: Any) -> None:
    invoice = await submit_invoice(an_invoice(currency=""), uow, clock)

    assert invoice.currency == "EUR"


async def test_the_same_invoice_number_twice_for_one_member_is_a_duplicate(
    uow: Any, clock: Any, an_invoice: Any
) -> None:
    first = await submit_invoice(an_invoice(invoice_number="F-1"), uow, clock)

    with pytest.raises(DuplicateInvoice):
        await submit_invoice(an_invoice(invoice_number="  F-1 ", amount="5.00"), uow, clock)

    assert list(uow.invoices.committed) == [first.id]
    assert len(uow.events) == 1


async def test_two_members_may_use_the_same_invoice_number(
    uow: Any, clock: Any, an_invoice: Any
) -> None:
    await submit_invoice(an_invoice(tenant_id="member-a", invoice_number="F-1"), uow, clock)
    await submit_invoice(an_invoice(tenant_id="member-b", invoice_number="F-1"), uow, clock)

    assert len(uow.invoices.committed) == 2
