"""Input that must not poison the register: each is a typed, per-item refusal."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest

from ingest.domain import commands
from ingest.domain.errors import InvalidInvoice
from ingest.domain.model import DateWindow, Invoice
from ingest.service_layer.handlers import submit_invoice, submit_invoices

DEBTOR = "BE0123456749"


@pytest.mark.parametrize(
    ("issue", "due"),
    [
        (date(1, 1, 1), date(1, 1, 31)),  # sent a debtor from 0 to 100 before
        (date(1999, 12, 31), date(2000, 1, 30)),
        (date(2016, 9, 14), date(2016, 10, 14)),  # ten years and a day before today
    ],
)
async def test_an_issue_date_outside_the_window_is_refused(
    uow: Any, clock: Any, an_invoice: Any, issue: date, due: date
) -> None:
    with pytest.raises(InvalidInvoice, match="the earliest the register accepts"):
        await submit_invoice(an_invoice(issue_date=issue, due_date=due), uow, clock)
    assert uow.commits == 0


async def test_the_window_is_configuration(uow: Any, clock: Any, an_invoice: Any) -> None:
    ten_years = an_invoice(issue_date=date(2016, 9, 15), due_date=date(2016, 10, 15))
    assert (await submit_invoice(ten_years, uow, clock)).issue_date == date(2016, 9, 15)
    strict = DateWindow(earliest=date(2026, 1, 1), max_age_years=10)
    with pytest.raises(InvalidInvoice):
        await submit_invoice(
            an_invoice(invoice_number="F-2", issue_date=date(2025, 12, 31),
                       due_date=date(2026, 1, 30)),
            uow, clock, strict,
        )  # fmt: skip


@pytest.mark.parametrize("field", ["invoice_number", "debtor_name", "debtor_sector"])
async def test_a_control_character_is_one_invalid_item_and_the_rest_of_the_batch_is_kept(
    uow: Any, clock: Any, an_invoice: Any, field: str
) -> None:
    good = an_invoice(invoice_number="F-1")
    bad = dataclasses.replace(an_invoice(invoice_number="F-2"), **{field: "F43\x00"})
    batch = commands.SubmitInvoices("member-a", (good, bad))

    first, second = await submit_invoices(batch, uow, clock)

    assert isinstance(first, Invoice) and isinstance(second, InvalidInvoice)
    assert second.code == "invalid_invoice"
    assert list(uow.invoices.committed) == [first.id]


async def test_a_member_cannot_report_itself_as_its_own_debtor(
    uow: Any, clock: Any, an_invoice: Any
) -> None:
    mine = dataclasses.replace(an_invoice(debtor_vat="BE 0123.456.749"), member_vat=DEBTOR)
    with pytest.raises(InvalidInvoice, match="its own debtor"):
        await submit_invoice(mine, uow, clock)
    batch = commands.SubmitInvoices("member-a", (an_invoice(),), member_vat=DEBTOR)
    [outcome] = await submit_invoices(batch, uow, clock)
    assert isinstance(outcome, InvalidInvoice)


@pytest.mark.parametrize(("written", "stored"), [("4120", "F41.20"), ("f 43", "F43"), ("", "")])
async def test_a_sector_is_stored_in_its_nace_normal_form(
    uow: Any, clock: Any, an_invoice: Any, written: str, stored: str
) -> None:
    invoice = await submit_invoice(an_invoice(debtor_sector=written), uow, clock)
    assert invoice.debtor_sector == stored


@pytest.mark.parametrize("sector", ["ZZZZZZZZ", "F10", "04", "41.0", "123456"])
async def test_a_sector_that_is_no_nace_code_is_an_invalid_invoice(
    uow: Any, clock: Any, an_invoice: Any, sector: str
) -> None:
    with pytest.raises(InvalidInvoice, match="debtor sector"):
        await submit_invoice(an_invoice(debtor_sector=sector), uow, clock)


@pytest.mark.parametrize(
    "overrides",
    [{"amount": "9" * 100_000 + "x"}, {"debtor_vat": "BE" + "1" * 100_000},
     {"currency": "X" * 100_000}, {"debtor_sector": "Q" * 100_000}],
)  # fmt: skip
async def test_an_error_repeats_at_most_a_short_prefix_of_a_huge_value(
    uow: Any, clock: Any, an_invoice: Any, overrides: dict[str, str]
) -> None:
    with pytest.raises(Exception) as raised:
        await submit_invoice(an_invoice(**overrides), uow, clock)
    assert getattr(raised.value, "code", "") in ("invalid_invoice", "invalid_vat")
    assert len(str(raised.value)) < 200
