"""The sales-ledger CSV a member's accounting package exports, one file per member.

Three dialects, picked by the member's invoice language:
- "nl" (Dutch headers) and "fr" (French headers): `;` separator, decimal comma without thousands
  separator, dates dd/mm/yyyy, UTF-8 with BOM: what Belgian/Dutch packages and Excel produce
  with a Benelux locale;
- "en": `,` separator, decimal point, ISO dates, UTF-8.
Belgian VAT numbers are written the way the KBO displays them (BE0123.456.749), so an importer
has to normalise, as it must with real exports. Columns are the same in every dialect, in
COLUMNS order; `read_accounting_csv` parses any dialect back, exactly.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Final, Literal

import numpy as np
from stdnum.eu import vat as eu_vat

from datagen.dataset import Dataset, InvoiceRow

Dialect = Literal["nl", "fr", "en"]

# Logical column -> header per dialect.
COLUMNS: Final[dict[str, dict[Dialect, str]]] = {
    "invoice_number": {"nl": "Factuurnummer", "fr": "N° de facture", "en": "Invoice number"},
    "issue_date": {"nl": "Factuurdatum", "fr": "Date de facture", "en": "Invoice date"},
    "due_date": {"nl": "Vervaldatum", "fr": "Date d'échéance", "en": "Due date"},
    "customer": {"nl": "Klant", "fr": "Client", "en": "Customer"},
    "customer_vat": {"nl": "BTW-nummer", "fr": "N° TVA", "en": "VAT number"},
    "net_amount": {"nl": "Bedrag excl. BTW", "fr": "Montant HTVA", "en": "Net amount"},
    "vat_amount": {"nl": "BTW-bedrag", "fr": "Montant TVA", "en": "VAT amount"},
    "gross_amount": {"nl": "Bedrag incl. BTW", "fr": "Montant TVAC", "en": "Gross amount"},
    "currency": {"nl": "Munt", "fr": "Devise", "en": "Currency"},
    "paid_amount": {"nl": "Betaald bedrag", "fr": "Montant payé", "en": "Amount paid"},
    "outstanding_amount": {"nl": "Openstaand", "fr": "Solde", "en": "Outstanding"},
    "paid_date": {"nl": "Betaald op", "fr": "Payé le", "en": "Paid on"},
    "payment_reference": {
        "nl": "Gestructureerde mededeling",
        "fr": "Communication structurée",
        "en": "Payment reference",
    },
}
_SEPARATOR: Final[dict[Dialect, str]] = {"nl": ";", "fr": ";", "en": ","}
_DATE_FORMAT: Final[dict[Dialect, str]] = {"nl": "%d/%m/%Y", "fr": "%d/%m/%Y", "en": "%Y-%m-%d"}
_ENCODING: Final[dict[Dialect, str]] = {"nl": "utf-8-sig", "fr": "utf-8-sig", "en": "utf-8"}
_MONEY: Final = ("net_amount", "vat_amount", "gross_amount", "paid_amount", "outstanding_amount")
_DATES: Final = ("issue_date", "due_date", "paid_date")


@dataclass(frozen=True, slots=True)
class LedgerLine:
    """One parsed line of an accounting export, in logical columns."""

    invoice_number: str
    issue_date: dt.date
    due_date: dt.date
    customer: str
    customer_vat: str  # compact, with country prefix
    net_amount: Decimal
    vat_amount: Decimal
    gross_amount: Decimal
    currency: str
    paid_amount: Decimal
    outstanding_amount: Decimal
    paid_date: dt.date | None
    payment_reference: str | None


def display_vat(vat: str) -> str:
    if vat.startswith("BE"):
        n = vat[2:]
        return f"BE{n[:4]}.{n[4:7]}.{n[7:]}"
    return vat


def _money(amount: Decimal, dialect: Dialect) -> str:
    text = f"{amount:.2f}"
    return text.replace(".", ",") if dialect != "en" else text


def _line(row: InvoiceRow, customer: str, dialect: Dialect) -> list[str]:
    fmt = _DATE_FORMAT[dialect]
    values: dict[str, str] = {
        "invoice_number": row.invoice_number,
        "issue_date": row.issue_date.strftime(fmt),
        "due_date": row.due_date.strftime(fmt),
        "customer": customer,
        "customer_vat": display_vat(row.debtor_vat),
        "net_amount": _money(row.net_amount, dialect),
        "vat_amount": _money(row.vat_amount, dialect),
        "gross_amount": _money(row.gross_amount, dialect),
        "currency": row.currency,
        "paid_amount": _money(row.paid_amount, dialect),
        "outstanding_amount": _money(row.outstanding_amount, dialect),
        "paid_date": row.paid_date.strftime(fmt) if row.paid_date else "",
        "payment_reference": row.payment_reference or "",
    }
    return [values[c] for c in COLUMNS]


def iter_member_rows(ds: Dataset) -> Iterator[tuple[int, list[int]]]:
    """(member_id, invoice positions in invoice order) per member with invoices."""
    member_ids = ds.invoices.member_id
    order = np.argsort(member_ids, kind="stable")
    sorted_ids = member_ids[order]
    bounds = np.flatnonzero(np.diff(sorted_ids)) + 1
    for chunk in np.split(order, bounds):
        if chunk.size:
            yield int(member_ids[chunk[0]]), chunk.tolist()


def write_member_csv(
    ds: Dataset, member_id: int, positions: list[int], path: Path, dialect: Dialect | None = None
) -> None:
    member = ds.company(member_id)
    d: Dialect = dialect or member.language
    with path.open("w", encoding=_ENCODING[d], newline="") as f:
        writer = csv.writer(f, delimiter=_SEPARATOR[d], lineterminator="\r\n")
        writer.writerow([COLUMNS[c][d] for c in COLUMNS])
        for i in positions:
            row = ds.invoice_row(i)
            writer.writerow(_line(row, ds.company(row.debtor_id).name, d))


def write_accounting_csv(ds: Dataset, out_dir: Path, dialect: Dialect | None = None) -> int:
    """One file per member, named <member_id>_<vat>.csv; returns the number of files."""
    out_dir.mkdir(parents=True, exist_ok=True)
    count = 0
    for member_id, positions in iter_member_rows(ds):
        vat = ds.company(member_id).vat
        write_member_csv(ds, member_id, positions, out_dir / f"{member_id:05d}_{vat}.csv", dialect)
        count += 1
    return count


def _detect(header_line: str) -> Dialect:
    for d in ("nl", "fr", "en"):
        if header_line.startswith(COLUMNS["invoice_number"][d]):
            return d
    raise ValueError(f"not an accounting export header: {header_line[:40]!r}")


def read_accounting_csv(path: Path) -> list[LedgerLine]:
    """Parse an export of any dialect back into typed lines (amounts exact, VAT compacted)."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        text = f.read()
    dialect = _detect(text.splitlines()[0])
    reader = csv.reader(text.splitlines(), delimiter=_SEPARATOR[dialect])
    header = next(reader)
    logical = {COLUMNS[c][dialect]: c for c in COLUMNS}
    keys = [logical[h] for h in header]
    out = []
    for cells in reader:
        raw = dict(zip(keys, cells, strict=True))
        money = {k: Decimal(raw[k].replace(",", ".")) for k in _MONEY}
        dates = {
            k: (dt.datetime.strptime(raw[k], _DATE_FORMAT[dialect]).date() if raw[k] else None)
            for k in _DATES
        }
        issue, due = dates["issue_date"], dates["due_date"]
        if issue is None or due is None:
            raise ValueError(f"invoice {raw['invoice_number']} lacks a date")
        out.append(
            LedgerLine(
                invoice_number=raw["invoice_number"],
                issue_date=issue,
                due_date=due,
                customer=raw["customer"],
                customer_vat=eu_vat.compact(raw["customer_vat"]),
                net_amount=money["net_amount"],
                vat_amount=money["vat_amount"],
                gross_amount=money["gross_amount"],
                currency=raw["currency"],
                paid_amount=money["paid_amount"],
                outstanding_amount=money["outstanding_amount"],
                paid_date=dates["paid_date"],
                payment_reference=raw["payment_reference"] or None,
            )
        )
    return out
