"""Per invoice, everything an invoice-image renderer needs, as JSON-serialisable dicts.

Amounts are strings with two decimals ("1234.50") so JSON never turns money into floats; dates
are ISO strings; the renderer localises both. `records.jsonl` holds one record per line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from datagen.dataset import Dataset
from datagen.model import Company
from datagen.outputs.document import DOCUMENT_TITLE, REVERSE_CHARGE_TEXT, document

JsonDict = dict[str, object]


def _party(company: Company) -> JsonDict:
    return {
        "name": company.name,
        "street": company.street,
        "postcode": company.postcode,
        "city": company.city,
        "country": company.country,
        "vat": company.vat,
        "iban": company.iban,
    }


def ocr_record(ds: Dataset, index: int) -> JsonDict:
    doc = document(ds, index)
    row = doc.row
    return {
        "invoice_id": row.invoice_id,
        "invoice_number": row.invoice_number,
        "document_title": DOCUMENT_TITLE[row.language],
        "language": row.language,
        "currency": row.currency,
        "issue_date": row.issue_date.isoformat(),
        "due_date": row.due_date.isoformat(),
        "payment_terms": doc.terms_text,
        "payment_terms_days": row.term_days,
        "payment_reference": row.payment_reference,
        "customer_reference": doc.customer_reference,
        "seller": _party(doc.seller),
        "buyer": _party(doc.buyer),
        "lines": [
            {
                "line_id": line.line_id,
                "description": line.description,
                "quantity": str(line.quantity),
                "unit_code": line.unit_code,
                "unit_price": f"{line.unit_price:.2f}",
                "net_amount": f"{line.net_amount:.2f}",
                "vat_percent": row.vat_percent,
            }
            for line in doc.lines
        ],
        "totals": {
            "net": f"{row.net_amount:.2f}",
            "vat": f"{row.vat_amount:.2f}",
            "gross": f"{row.gross_amount:.2f}",
            "vat_percent": row.vat_percent,
        },
        "vat_note": REVERSE_CHARGE_TEXT[row.language] if doc.reverse_charge else None,
    }


def iter_ocr_records(ds: Dataset, limit: int | None = None) -> Iterator[JsonDict]:
    n = len(ds.invoices) if limit is None else min(limit, len(ds.invoices))
    for i in range(n):
        yield ocr_record(ds, i)


def write_ocr_records(ds: Dataset, path: Path, limit: int | None = None) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with path.open("w", encoding="utf-8", newline="\n") as f:
        for record in iter_ocr_records(ds, limit):
            f.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
    return count
