"""Accounting CSV exports: encodings, delimiters, decimal commas, dates, headers in three
languages, and a bad row reported by its line while the good ones go on."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from ingest.adapters.csv_rows import Options, invoice_rows, parse_amount, parse_date, payment_rows
from ingest.domain.errors import InvalidImport, InvalidInvoice
from ingest.domain.imports import RowError
from ingest.service_layer import handlers
from ingest.service_layer.handlers import import_invoices, import_payments

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
    with pytest.raises(InvalidImport, match="no column for invoice number"):
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
    lines = [(r.line, r.item) for r in rows(text)]

    first = await import_invoices(lines, "member-a", lambda: uow, now=clock)
    again = await import_invoices(lines, "member-a", lambda: uow, now=clock)

    assert (first.accepted, first.rejected) == (2, 1)
    assert first.errors == [RowError(4, "invalid_invoice", "'not a date' is not a date")]
    assert (again.accepted, again.rejected) == (0, 3)
    assert {e.code for e in again.errors} == {"duplicate_invoice", "invalid_invoice"}
    assert len(uow.invoices.committed) == 2


PAYMENTS = (
    "Factuurnummer;Betaaldatum;Bedrag\n"
    "F-1;20/08/2026;234,56\n"  # partial
    "F-1;25/08/2026;\n"  # the rest
    "F-2;10/09/2026;250,00\n"
    "F-9;10/09/2026;10,00\n"  # no such invoice
    "F-2;11/09/2026;1,00\n"  # already paid
)


def payments(text: str) -> list[tuple[int, Any]]:
    return [(r.line, r.item) for r in payment_rows([text.encode()], "member-a")]


def test_a_payments_export_names_the_invoice_the_day_and_the_amount() -> None:
    found = payments(PAYMENTS)
    assert [line for line, _ in found] == [2, 3, 4, 5, 6]
    first, rest = found[0][1], found[1][1]
    assert (first.invoice_number, first.paid_date, first.amount) == (
        "F-1", date(2026, 8, 20), "234.56",
    )  # fmt: skip
    assert rest.amount is None  # what is still open
    # A lone "Datum" column is the paid date in a payments file.
    [(_, dated)] = payments("Factuur;Datum\nF-1;01/09/2026\n")
    assert dated.paid_date == date(2026, 9, 1)
    with pytest.raises(InvalidImport, match="paid date"):
        payments("Factuurnummer;Bedrag\nF-1;10,00\n")


async def test_a_payments_import_pays_by_number_and_a_second_import_changes_nothing(
    uow: Any, clock: Any
) -> None:
    await import_invoices(
        [(r.line, r.item) for r in rows(DUTCH)], "member-a", lambda: uow, now=clock
    )

    first = await import_payments(payments(PAYMENTS), "member-a", lambda: uow, now=clock)
    paid = {i.invoice_number: i for i in uow.invoices.committed.values()}
    again = await import_payments(payments(PAYMENTS), "member-a", lambda: uow, now=clock)

    assert (first.accepted, first.rejected) == (3, 2)
    assert [(e.line, e.code) for e in first.errors] == [
        (5, "invoice_not_found"), (6, "already_paid"),
    ]  # fmt: skip
    assert paid["F-1"].status.value == "paid" and len(paid["F-1"].payments) == 2
    assert paid["F-2"].status.value == "paid"
    assert (again.accepted, again.rejected) == (0, 5)
    assert [e.code for e in again.errors] == [
        "duplicate_payment", "already_paid", "duplicate_payment", "invoice_not_found",
        "already_paid",
    ]  # fmt: skip
    assert {i.invoice_number: len(i.payments) for i in uow.invoices.committed.values()} == {
        "F-1": 2, "F-2": 1,
    }  # fmt: skip


async def test_another_members_invoice_number_is_not_found_for_a_payment(
    uow: Any, clock: Any
) -> None:
    await import_invoices(
        [(r.line, r.item) for r in rows(DUTCH)], "member-a", lambda: uow, now=clock
    )

    other = await import_payments(payments(PAYMENTS), "member-b", lambda: uow, now=clock)

    assert other.accepted == 0
    assert {e.code for e in other.errors} == {"invoice_not_found"}


async def test_each_batch_reports_its_progress_in_its_own_commit_and_a_rerun_resumes(
    uow: Any, clock: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(handlers, "IMPORT_BATCH", 2)
    text = DUTCH + "F-3;Kapot;BE0123456749;not a date;31/08/2026;10,00\n"
    lines = [(r.line, r.item) for r in rows(text)]

    async def on_batch(work: Any, done: Any) -> None:
        await work.imports.checkpoint("job-1", done, 0)

    report = await import_invoices(lines, "member-a", lambda: uow, now=clock, on_batch=on_batch)
    done = [c for _, c, _ in uow.imports.checkpoints]

    assert [(c.last_line, c.accepted, len(c.refused)) for c in done] == [(3, 2, 0), (4, 0, 1)]
    assert (report.accepted, report.rejected) == (2, 1)
    # A restart after the first batch resumes after its last line: nothing is counted twice.
    resumed = await import_invoices(lines, "member-a", lambda: uow, now=clock, after_line=3)
    assert (resumed.accepted, resumed.rejected) == (0, 1)


def test_a_line_without_end_is_cut_and_refused_without_filling_the_memory() -> None:
    head, good = DUTCH.splitlines(keepends=True)[:2]
    huge = "F-9;" + "x" * 3_000_000  # three million characters and no line break for long
    data = (head + good + huge + "\n" + good.replace("F-1", "F-5")).encode()
    chunks = (data[i : i + 65536] for i in range(0, len(data), 65536))

    found = list(invoice_rows(chunks, "member-a"))

    assert [(r.line, r.error is None) for r in found] == [(2, True), (3, False), (4, True)]
    assert found[1].error is not None and "longer than" in found[1].error.message
    assert found[2].command.invoice_number == "F-5"


def test_a_quoted_field_with_the_delimiter_is_read_by_the_csv_rules() -> None:
    [row] = rows(FRENCH)
    plain = rows(FRENCH.replace('"Boulangerie Dupont, SA"', "Boulangerie Dupont SA"))
    assert row.command.debtor_name == "Boulangerie Dupont, SA"
    assert plain[0].command.debtor_name == "Boulangerie Dupont SA"
