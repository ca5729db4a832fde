"""Accounting CSV exports: encodings, delimiters, decimal commas, dates, headers in three
languages, and a bad row reported by its line while the good ones go on."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from ingest.adapters.csv_rows import Options, invoice_rows, parse_amount, parse_date
from ingest.domain.errors import InvalidInvoice
from ingest.service_layer.handlers import import_invoices

DUTCH = (
    "Factuurnummer;Klant;BTW-nummer;Factuurdatum;Vervaldatum;Bedrag;Sector\n"
    "F-1;Brasserie Émile;BE 0403.170.701;01/08/2026;31/08/2026;1.234,56;I56\n"
    "F-2;Garage Wouters;BE0123456749;02-08-2026;01-09-2026;250,00;G45\n"
)
FRENCH = (
    "N° de facture,Nom du client,N° TVA,Date de facture,Date d'échéance,Montant TTC\n"
    'F-10,"Boulangerie Dupont, SA",LU15027442,2026-08-03,2026-09-02,"2 076,76"\n'
)


def rows(text: str, encoding: str = "utf-8", **options: Any) -> list[Any]:
    data = text.encode(encoding)
    chunks = [data[i : i + 7] for i in range(0, len(data), 7)]  # split mid-character too
    return list(invoice_rows(chunks, "member-a", Options(**options)))


@pytest.mark.parametrize(
    ("raw", "amount"),
    [("1.234,56", "1234.56"), ("1 234,56", "1234.56"), ("1,234.56", "1234.56"),
     ("250,00", "250.00"), ("€ 99.5", "99.5"), ("2\u00a0076,76", "2076.76"), ("1,234", "1234")],
)  # fmt: skip
def test_amounts_with_a_decimal_comma_or_point(raw: str, amount: str) -> None:
    assert parse_amount(raw) == amount


def test_dates_are_day_first_unless_month_first_and_iso_always_reads() -> None:
    assert parse_date("11/03/2017") == date(2017, 3, 11)
    assert parse_date("11/03/2017", day_first=False) == date(2017, 11, 3)
    assert parse_date("2026-08-03") == date(2026, 8, 3)
    assert parse_date("3.8.26") == date(2026, 8, 3)
    with pytest.raises(InvalidInvoice):
        parse_date("31/02/2026")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_dutch_headers_semicolons_and_any_encoding(encoding: str) -> None:
    first, second = rows(DUTCH, encoding)
    assert (first.line, first.error) == (2, None)
    cmd = first.command
    assert (cmd.invoice_number, cmd.debtor_name, cmd.debtor_vat) == (
        "F-1", "Brasserie Émile", "BE 0403.170.701",
    )  # fmt: skip
    assert (cmd.issue_date, cmd.due_date, cmd.amount, cmd.debtor_sector) == (
        date(2026, 8, 1), date(2026, 8, 31), "1234.56", "I56",
    )  # fmt: skip
    assert second.command.amount == "250.00"


def test_french_headers_commas_and_quoted_fields() -> None:
    [row] = rows(FRENCH)
    assert row.command.debtor_name == "Boulangerie Dupont, SA"
    assert (row.command.amount, row.command.debtor_vat) == ("2076.76", "LU15027442")


def test_an_unknown_header_can_be_mapped_and_a_missing_column_is_named() -> None:
    text = "Doc;Who;VATNO;Issued;Due;Sum\nX-1;A;BE0123456749;01/08/2026;31/08/2026;10,00\n"
    with pytest.raises(InvalidInvoice, match="no column for invoice_number"):
        rows(text)
    columns = {
        "Doc": "invoice_number", "VATNO": "debtor_vat", "Issued": "issue_date",
        "Due": "due_date", "Sum": "amount",
    }  # fmt: skip
    mapped = rows(text, columns=columns)
    assert mapped[0].command.invoice_number == "X-1"


def test_a_bad_row_is_reported_by_its_line_and_the_others_go_on() -> None:
    text = (
        DUTCH
        + "F-3;Kapot;BE0123456749;not a date;31/08/2026;10,00\n\n"
        + ("F-4;Leeg;BE0123456749;01/08/2026;31/08/2026;\n")
    )
    found = rows(text)
    assert [r.line for r in found] == [2, 3, 4, 6]
    assert found[2].error is not None and "not a date" in found[2].error.message
    assert found[3].error is not None and "amount is empty" in found[3].error.message


async def test_an_import_is_judged_row_by_row_and_a_second_import_changes_nothing(
    uow: Any, clock: Any
) -> None:
    text = DUTCH + "F-3;Kapot;BE0123456749;not a date;31/08/2026;10,00\n"
    lines = [(r.line, r.command or r.error) for r in rows(text)]

    first = await import_invoices(lines, "member-a", lambda: uow, now=clock)
    again = await import_invoices(lines, "member-a", lambda: uow, now=clock)

    assert (first.accepted, first.rejected) == (2, 1)
    assert first.errors == [(4, "invalid_invoice", "'not a date' is not a date")]
    assert (again.accepted, again.rejected) == (0, 3)
    assert {code for _, code, _ in again.errors} == {"duplicate_invoice", "invalid_invoice"}
    assert len(uow.invoices.committed) == 2
