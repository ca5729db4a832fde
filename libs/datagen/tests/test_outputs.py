from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pytest

from datagen import Dataset
from datagen.outputs import csv_export, ocr_records, tables, ubl
from datagen.outputs.document import document

NS = {"inv": ubl.INVOICE_NS, "cac": ubl.CAC_NS, "cbc": ubl.CBC_NS}


def _text(root: ET.Element, path: str) -> str:
    el = root.find(path, NS)
    assert el is not None, path
    return el.text or ""


def _first_index(ds: Dataset, cross_border: bool) -> int:
    for i in range(len(ds.invoices)):
        if document(ds, i).reverse_charge == cross_border:
            return i
    raise AssertionError("no such invoice")


def test_ubl_invoice_parses_and_carries_the_peppol_bis_3_identifiers(small: Dataset) -> None:
    i = _first_index(small, cross_border=False)
    doc = document(small, i)
    root = ET.fromstring(ubl.invoice_xml(doc))
    assert root.tag == f"{{{ubl.INVOICE_NS}}}Invoice"
    assert _text(root, "cbc:CustomizationID") == (
        "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
    )
    assert _text(root, "cbc:ProfileID") == "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
    assert _text(root, "cbc:ID") == doc.row.invoice_number
    assert _text(root, "cbc:IssueDate") == doc.row.issue_date.isoformat()
    assert _text(root, "cbc:DueDate") == doc.row.due_date.isoformat()
    supplier_vat = "cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID"
    customer_vat = "cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID"
    assert _text(root, supplier_vat) == doc.row.member_vat
    assert _text(root, customer_vat) == doc.row.debtor_vat
    payable = root.find("cac:LegalMonetaryTotal/cbc:PayableAmount", NS)
    assert payable is not None and payable.get("currencyID") == "EUR"
    assert Decimal(payable.text or "") == doc.row.gross_amount
    assert Decimal(_text(root, "cac:TaxTotal/cbc:TaxAmount")) == doc.row.vat_amount
    assert _text(root, "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:ID") == "S"


def test_ubl_totals_add_up_as_en16931_requires(small: Dataset) -> None:
    for i in range(0, len(small.invoices), 37):
        root = ET.fromstring(ubl.invoice_xml(document(small, i)))
        lines = root.findall("cac:InvoiceLine", NS)
        assert lines
        line_sum = Decimal(0)
        for line in lines:
            amount = Decimal(_text(line, "cbc:LineExtensionAmount"))
            qty = Decimal(_text(line, "cbc:InvoicedQuantity"))
            price = Decimal(_text(line, "cac:Price/cbc:PriceAmount"))
            assert qty * price == amount
            line_sum += amount
        total = "cac:LegalMonetaryTotal/"
        assert line_sum == Decimal(_text(root, total + "cbc:LineExtensionAmount"))
        assert Decimal(_text(root, total + "cbc:TaxInclusiveAmount")) == (
            Decimal(_text(root, total + "cbc:TaxExclusiveAmount"))
            + Decimal(_text(root, "cac:TaxTotal/cbc:TaxAmount"))
        )


def test_reverse_charged_ubl_invoice_states_the_exemption_reason(small: Dataset) -> None:
    root = ET.fromstring(ubl.invoice_xml(document(small, _first_index(small, True))))
    cat = "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/"
    assert _text(root, cat + "cbc:ID") == "AE"
    assert _text(root, cat + "cbc:TaxExemptionReasonCode") == "VATEX-EU-AE"
    assert Decimal(_text(root, "cac:TaxTotal/cbc:TaxAmount")) == 0


def test_belgian_sellers_use_their_enterprise_number_as_peppol_endpoint(small: Dataset) -> None:
    for i in range(len(small.invoices)):
        doc = document(small, i)
        if doc.seller.country == "BE":
            root = ET.fromstring(ubl.invoice_xml(doc))
            endpoint = root.find("cac:AccountingSupplierParty/cac:Party/cbc:EndpointID", NS)
            assert endpoint is not None
            assert endpoint.get("schemeID") == "0208"
            assert endpoint.text == doc.seller.vat[2:]
            return
    pytest.fail("no Belgian seller in the dataset")


@pytest.mark.parametrize("dialect", ["nl", "fr", "en"])
def test_accounting_csv_round_trips_decimal_amounts_exactly(
    small: Dataset, tmp_path: Path, dialect: csv_export.Dialect
) -> None:
    written = csv_export.write_accounting_csv(small, tmp_path, dialect)
    assert written == len({int(m) for m in small.invoices.member_id.tolist()})
    expected = {(r.member_vat, r.invoice_number): r for r in small.iter_invoices()}
    seen = 0
    for path in sorted(tmp_path.glob("*.csv")):
        member_vat = path.stem.split("_", 1)[1]
        for line in csv_export.read_accounting_csv(path):
            row = expected[(member_vat, line.invoice_number)]
            assert line.gross_amount == row.gross_amount
            assert line.net_amount == row.net_amount
            assert line.vat_amount == row.vat_amount
            assert line.paid_amount == row.paid_amount
            assert line.outstanding_amount == row.outstanding_amount
            assert line.gross_amount.as_tuple().exponent == -2
            assert (line.issue_date, line.due_date, line.paid_date) == (
                row.issue_date,
                row.due_date,
                row.paid_date,
            )
            assert line.customer_vat == row.debtor_vat
            assert line.payment_reference == row.payment_reference
            seen += 1
    assert seen == len(small.invoices)


def test_benelux_exports_use_semicolons_decimal_commas_and_dutch_headers(
    small: Dataset, tmp_path: Path
) -> None:
    csv_export.write_accounting_csv(small, tmp_path, "nl")
    path = sorted(tmp_path.glob("*.csv"))[0]
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM so Excel opens it as UTF-8
    header, first = raw.decode("utf-8-sig").splitlines()[:2]
    assert header.split(";")[:3] == ["Factuurnummer", "Factuurdatum", "Vervaldatum"]
    assert "Bedrag incl. BTW" in header and "Betaald op" in header
    cells = first.split(";")
    amount = cells[header.split(";").index("Bedrag incl. BTW")]
    assert "," in amount and "." not in amount


def test_ocr_records_are_json_and_carry_what_a_renderer_needs(small: Dataset) -> None:
    terms_words = {"nl": "dagen", "fr": "jours", "en": "net"}
    for record in ocr_records.iter_ocr_records(small, limit=300):
        text = json.dumps(record)
        back = json.loads(text)
        assert back == record
        language = str(record["language"])
        assert terms_words[language] in str(record["payment_terms"])
        assert str(record["payment_terms_days"]) in str(record["payment_terms"])
        totals = record["totals"]
        assert isinstance(totals, dict)
        lines = record["lines"]
        assert isinstance(lines, list) and lines
        assert sum(Decimal(line["net_amount"]) for line in lines) == Decimal(totals["net"])
        assert Decimal(totals["net"]) + Decimal(totals["vat"]) == Decimal(totals["gross"])
        for party in ("seller", "buyer"):
            block = record[party]
            assert isinstance(block, dict)
            assert block["name"] and block["vat"] and block["city"]


def test_loader_csvs_have_one_line_per_row_with_iso_dates_and_point_decimals(
    small: Dataset, tmp_path: Path
) -> None:
    counts = tables.write_rows(small, tmp_path)
    assert counts["invoices"] == len(small.invoices)
    assert counts["payments"] == len(small.payments)
    with (tmp_path / "invoices.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(small.invoices)
    first = next(small.iter_invoices())
    assert rows[0]["gross_amount"] == str(first.gross_amount)
    assert rows[0]["issue_date"] == first.issue_date.isoformat()
    assert Decimal(rows[0]["gross_amount"]) == first.gross_amount


def test_truth_is_written_beside_the_data_for_every_debtor(small: Dataset, tmp_path: Path) -> None:
    assert tables.write_truth(small, tmp_path) == len(small.debtors)
    with (tmp_path / "debtors.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert {r["expected_risk_level"] for r in rows} <= {"low", "medium", "high", "critical"}
    assert {"discipline_z", "drift_class", "bankrupt_date"} <= set(rows[0])
    calibration = json.loads((tmp_path / "calibration.json").read_text(encoding="utf-8"))
    assert len(calibration["late_logit_constant"]) == 3
