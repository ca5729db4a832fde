"""Invoice fields from positioned words, across layouts and languages (no OCR involved)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest

from ocr.extraction.fields import _plausible_name, extract_fields
from ocr.extraction.model import Box, InvoiceFields, Word

Layout = Callable[..., list[Word]]

TODAY = date(2026, 11, 25)

BELGIAN_INVOICE = """
Bouwbedrijf De Smet NV                           FACTUUR
Kerkstraat 12, 9000 Gent
BTW BE 0403.019.261                              Klant:
                                                 Bakkerij Janssens BV
                                                 Marktplein 3
                                                 2000 Antwerpen
                                                 BTW BE 0123.456.749

Factuurnummer: F2026-0042        Factuurdatum: 23/11/2026
Vervaldatum: 23/12/2026

Omschrijving                 Aantal     Prijs      Totaal
Renovatie dakgoot                 2    500,00     1.000,00
                                  Subtotaal       1.000,00
                                  BTW 21%           210,00
                                  Te betalen      € 1.210,00
Betaling binnen 30 dagen.
IBAN BE68 5390 0754 7034
"""


def read(layout: Layout, text: str, *, tenant_vat: str | None = None) -> InvoiceFields:
    # The raw evidence scores: how strong each reading is relative to the others. Their mapping
    # to calibrated probabilities is tested in test_real_world_layouts.py.
    return extract_fields(layout(text), tenant_vat=tenant_vat, today=TODAY, calibrated=False)


def test_reads_every_field_of_a_typical_belgian_invoice(layout: Layout) -> None:
    f = read(layout, BELGIAN_INVOICE)
    assert f.debtor_name and f.debtor_name.value == "Bakkerij Janssens BV"
    assert f.debtor_vat and f.debtor_vat.value == "BE0123456749"
    assert f.seller_vat and f.seller_vat.value == "BE0403019261"
    assert f.invoice_number and f.invoice_number.value == "F2026-0042"
    assert f.invoice_date and f.invoice_date.value == date(2026, 11, 23)
    assert f.due_date and f.due_date.value == date(2026, 12, 23)
    assert f.payment_terms_days and f.payment_terms_days.value == 30
    assert f.total_amount and f.total_amount.value == Decimal("1210.00")
    assert f.currency and f.currency.value == "EUR"


def test_every_field_has_a_confidence_between_zero_and_one_and_a_box(layout: Layout) -> None:
    f = read(layout, BELGIAN_INVOICE)
    for name in InvoiceFields.__dataclass_fields__:
        field = getattr(f, name)
        assert field is not None, name
        assert 0.0 < field.confidence <= 1.0, name
        assert field.box is not None and field.box.page == 0, name


def test_the_box_points_at_the_value_not_at_its_label(layout: Layout) -> None:
    f = read(layout, "Factuurnummer: F2026-0042")
    assert f.invoice_number and f.invoice_number.box
    # "F2026-0042" starts at column 15 of the text art: x = 100 + 15 * 20.
    assert f.invoice_number.box.x == 400


def test_reads_nothing_from_an_empty_page() -> None:
    assert extract_fields([]) == InvoiceFields()


# --- debtor versus seller ------------------------------------------------------------------

TWO_VATS_NO_LABELS = """
Alpha Consult BV
BTW BE 0403.019.261

                                            Beta Logistics NV
                                            Havenlaan 1
                                            2030 Antwerpen
                                            BTW BE 0123.456.749
"""


def test_finds_the_debtor_vat_when_the_sender_vat_is_the_tenants(layout: Layout) -> None:
    f = read(layout, TWO_VATS_NO_LABELS, tenant_vat="BE 0403.019.261")
    assert f.seller_vat and f.seller_vat.value == "BE0403019261"
    assert f.debtor_vat and f.debtor_vat.value == "BE0123456749"
    assert f.debtor_vat.confidence > 0.8


def test_the_tenants_vat_tells_the_parties_apart_whichever_block_it_is_in(layout: Layout) -> None:
    f = read(layout, TWO_VATS_NO_LABELS, tenant_vat="0123456749")
    assert f.seller_vat and f.seller_vat.value == "BE0123456749"
    assert f.debtor_vat and f.debtor_vat.value == "BE0403019261"


def test_a_member_printed_under_the_customer_label_is_the_customer(layout: Layout) -> None:
    # A purchase invoice uploaded by mistake: the member's number stands under "Klant:".
    f = read(layout, BELGIAN_INVOICE, tenant_vat="BE0123456749")
    assert f.seller_vat and f.seller_vat.value == "BE0403019261"
    assert f.debtor_vat and f.debtor_vat.value == "BE0123456749"


def test_names_the_debtor_from_the_address_block_of_its_vat_number(layout: Layout) -> None:
    f = read(layout, TWO_VATS_NO_LABELS, tenant_vat="BE0403019261")
    assert f.debtor_name and f.debtor_name.value == "Beta Logistics NV"
    assert f.debtor_name.confidence < 0.7  # no label: a positional guess


def test_a_vat_other_than_the_tenants_is_the_debtors_even_if_the_tenants_is_absent(
    layout: Layout,
) -> None:
    f = read(layout, "Klantgegevens\nBTW BE 0123.456.749", tenant_vat="BE0403019261")
    assert f.seller_vat is None
    assert f.debtor_vat and f.debtor_vat.value == "BE0123456749"


@pytest.mark.parametrize(
    "label",
    [
        "Klant:",
        "Factuur aan:",
        "Facturé à",
        "Bill to:",
        "Client :",
        "Rechnungsempfänger:",
        "Invoice to",
        "Customer",
    ],
)
def test_without_the_tenants_vat_the_customer_label_marks_the_debtor_block(
    layout: Layout, label: str
) -> None:
    text = f"""
Alpha Consult BV                            {label}
BTW BE 0403.019.261                         Beta Logistics NV
                                            Havenlaan 1
                                            BTW BE 0123.456.749
"""
    f = read(layout, text)
    assert f.debtor_vat and f.debtor_vat.value == "BE0123456749"
    assert f.seller_vat and f.seller_vat.value == "BE0403019261"
    assert f.debtor_name and f.debtor_name.value == "Beta Logistics NV"


def test_your_vat_number_phrasing_marks_the_debtors_number(layout: Layout) -> None:
    text = """
Alpha Consult BV   TVA BE 0403.019.261
Votre n° TVA: BE 0123.456.749
"""
    f = read(layout, text)
    assert f.debtor_vat and f.debtor_vat.value == "BE0123456749"
    assert f.seller_vat and f.seller_vat.value == "BE0403019261"


def test_the_vat_number_in_the_footer_next_to_the_iban_is_the_senders(layout: Layout) -> None:
    text = (
        "Beta Logistics NV\nBTW BE 0123.456.749\n"
        + "\n" * 20
        + ("Alpha Consult BV - BTW BE 0403.019.261 - IBAN BE68 5390 0754 7034")
    )
    f = read(layout, text)
    assert f.seller_vat and f.seller_vat.value == "BE0403019261"
    assert f.debtor_vat and f.debtor_vat.value == "BE0123456749"


def test_a_lone_unlabelled_vat_number_is_taken_as_the_senders(layout: Layout) -> None:
    f = read(layout, "Alpha Consult BV\nBTW BE 0403.019.261\nFactuur 2026-1")
    assert f.seller_vat and f.seller_vat.value == "BE0403019261"
    assert f.seller_vat.confidence <= 0.5
    assert f.debtor_vat is None


def test_reads_dutch_and_luxembourg_numbers_on_one_invoice(layout: Layout) -> None:
    text = """
Gamma Trading BV                        Bill to:
btw NL004495445B01                      Delta SARL
                                        TVA LU 150 274 42
"""
    f = read(layout, text)
    assert f.seller_vat and f.seller_vat.value == "NL004495445B01"
    assert f.debtor_vat and f.debtor_vat.value == "LU15027442"


def test_an_unprefixed_enterprise_number_needs_a_label_nearby(layout: Layout) -> None:
    assert read(layout, "Referentie 0123.456.749").seller_vat is None
    f = read(layout, "Ondernemingsnummer 0123.456.749")
    assert f.seller_vat and f.seller_vat.value == "BE0123456749"


def test_a_corrected_reading_is_reported_with_lower_confidence(layout: Layout) -> None:
    clean = read(layout, "BTW BE 0123.456.749", tenant_vat="BE0403019261").debtor_vat
    fixed = read(layout, "BTW BE O123.456.749", tenant_vat="BE0403019261").debtor_vat
    assert clean and fixed and fixed.value == clean.value
    assert fixed.confidence < clean.confidence


# --- debtor name ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Klant: Beta Logistics NV",
        "Klant:\nBeta Logistics NV\nHavenlaan 1",
        "Facturé à :   Beta Logistics NV",
        "Bill to\nBeta Logistics NV",
        "Rechnung an:\nBeta Logistics NV\nHafenstraße 1",
    ],
)
def test_reads_the_debtor_name_beside_or_below_its_label(layout: Layout, text: str) -> None:
    f = read(layout, text)
    assert f.debtor_name and f.debtor_name.value == "Beta Logistics NV"


def test_a_customer_number_label_is_not_the_customer(layout: Layout) -> None:
    f = read(layout, "Klantnummer: 12345\nKlant nr. 12345\nN° client: 998\nCustomer ID: 7")
    assert f.debtor_name is None


def test_the_debtor_name_stops_at_the_next_column(layout: Layout) -> None:
    f = read(layout, "Klant: Beta Logistics NV      Factuurdatum: 23/11/2026")
    assert f.debtor_name and f.debtor_name.value == "Beta Logistics NV"


# --- invoice number ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Factuurnummer: F2026-0042", "F2026-0042"),
        ("Factuur nr. 2026/117", "2026/117"),
        ("Factuurnr 117", "117"),
        ("Invoice No. INV-2026-7", "INV-2026-7"),
        ("Invoice #: 88123", "88123"),
        ("N° de facture : FA-2026-0012", "FA-2026-0012"),
        ("Facture n° 2026/117", "2026/117"),
        ("Rechnungsnummer: RE-4711", "RE-4711"),
        ("Rechnungs-Nr. 4711", "4711"),
        ("FACTUUR 2026-0042", "2026-0042"),
        ("Factuurnummer     Factuurdatum\nF2026-0042        23/11/2026", "F2026-0042"),
    ],
)
def test_reads_the_invoice_number_after_or_below_its_label(
    layout: Layout, text: str, number: str
) -> None:
    f = read(layout, text)
    assert f.invoice_number and f.invoice_number.value == number


def test_a_date_beside_the_invoice_title_is_not_its_number(layout: Layout) -> None:
    assert read(layout, "FACTUUR 23/11/2026").invoice_number is None


# --- dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Factuurdatum: 23/11/2026",
        "Date de facture : 23.11.2026",
        "Invoice date: November 23, 2026",
        "Rechnungsdatum: 23. November 2026",
        "Datum: 23-11-2026",
        "Bruxelles, le 23 novembre 2026",
        "Factuurnummer  Factuurdatum  Vervaldatum\nF-1            23/11/2026    23/12/2026",
        "Vervaldatum: 23/12/2026\nFactuurdatum: 23/11/2026",
    ],
)
def test_reads_the_invoice_date_in_any_layout(layout: Layout, text: str) -> None:
    f = read(layout, text)
    assert f.invoice_date and f.invoice_date.value == date(2026, 11, 23)


@pytest.mark.parametrize(
    "text",
    [
        "Factuurdatum: 23/11/2026   Vervaldatum: 23/12/2026",
        "Factuurdatum: 23/11/2026\nTe betalen vóór 23/12/2026",
        "Date de facture: 23/11/2026\nDate d'échéance: 23/12/2026",
        "Invoice date: 23/11/2026\nDue date: 23 December 2026",
        "Rechnungsdatum: 23.11.2026\nFällig am: 23.12.2026",
        "Factuurnummer  Factuurdatum  Vervaldatum\nF-1            23/11/2026    23/12/2026",
    ],
)
def test_reads_the_due_date_printed_on_the_invoice(layout: Layout, text: str) -> None:
    f = read(layout, text)
    assert f.due_date and f.due_date.value == date(2026, 12, 23)
    assert f.invoice_date and f.invoice_date.value == date(2026, 11, 23)


@pytest.mark.parametrize(
    ("terms", "due"),
    [
        ("Betaling binnen 30 dagen.", date(2026, 12, 23)),
        ("Payable à 30 jours fin de mois.", date(2026, 12, 31)),
        ("Payment terms: net 14", date(2026, 12, 7)),
        ("Zahlbar innerhalb von 14 Tagen ohne Abzug.", date(2026, 12, 7)),
    ],
)
def test_derives_the_due_date_from_payment_terms_when_none_is_printed(
    layout: Layout, terms: str, due: date
) -> None:
    f = read(layout, f"Factuurdatum: 23/11/2026\n{terms}")
    assert f.due_date and f.due_date.value == due
    assert f.invoice_date and f.due_date.confidence <= f.invoice_date.confidence


def test_an_invoice_date_far_in_the_future_is_doubted(layout: Layout) -> None:
    f = read(layout, "Factuurdatum: 23/11/2029")
    assert f.invoice_date and f.invoice_date.confidence < 0.5


def test_a_delivery_date_is_not_the_invoice_date(layout: Layout) -> None:
    f = read(layout, "Leverdatum: 02/11/2026\nDatum: 23/11/2026")
    assert f.invoice_date and f.invoice_date.value == date(2026, 11, 23)


# --- total amount --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "total"),
    [
        ("Subtotaal  1.000,00\nBTW 21%  210,00\nTotaal  1.210,00", "1210.00"),
        ("Totaal excl. btw  1.000,00\nBTW  210,00\nTotaal incl. btw  1.210,00", "1210.00"),
        ("Total HT  1 000,00 €\nTVA 21 %  210,00 €\nTotal TTC  1 210,00 €", "1210.00"),
        ("Total TTC  1.210,00\nAcompte  -500,00\nNet à payer  710,00", "710.00"),
        ("Montant à payer : 1.210,00 EUR", "1210.00"),
        ("Subtotal  $1,000.00\nVAT  $210.00\nAmount due  $1,210.00", "1210.00"),
        ("Total due: EUR 1210.00", "1210.00"),
        ("Zwischensumme  1.000,00\nMwSt 19%  190,00\nGesamtbetrag  1.190,00", "1190.00"),
        ("Nettobetrag  1.000,00\nZu zahlen  1.190,00 €", "1190.00"),
        ("Totaal te betalen  1.234,-", "1234.00"),
        ("Totaal  1.000,00  210,00  1.210,00", "1210.00"),
    ],
)
def test_prefers_the_payable_total_over_subtotals_and_vat_lines(
    layout: Layout, lines: str, total: str
) -> None:
    f = read(layout, lines)
    assert f.total_amount and f.total_amount.value == Decimal(total)


def test_reads_a_total_printed_below_its_label(layout: Layout) -> None:
    f = read(layout, "Subtotaal   BTW      Te betalen\n1.000,00    210,00   1.210,00")
    assert f.total_amount and f.total_amount.value == Decimal("1210.00")


def test_a_due_date_phrase_is_not_a_total_label(layout: Layout) -> None:
    f = read(layout, "Totaal  1.210,00\nTe betalen voor 23/12/2026\n99,00")
    assert f.total_amount and f.total_amount.value == Decimal("1210.00")


def test_without_a_total_label_guesses_the_largest_amount_with_low_confidence(
    layout: Layout,
) -> None:
    f = read(layout, "Werkuren  500,00\nMateriaal  710,00\n1.210,00 EUR")
    assert f.total_amount and f.total_amount.value == Decimal("1210.00")
    assert f.total_amount.confidence < 0.5


@pytest.mark.parametrize(
    ("text", "currency"),
    [
        ("Total due  $1,210.00", "USD"),
        ("Totaal EUR  1.210,00", "EUR"),
        ("Alle bedragen in EUR\nTotaal  1.210,00", "EUR"),
        ("Total  £ 99.00", "GBP"),
    ],
)
def test_takes_the_currency_from_the_amount_its_line_or_the_document(
    layout: Layout, text: str, currency: str
) -> None:
    f = read(layout, text)
    assert f.currency and f.currency.value == currency


def test_assumes_euro_with_low_confidence_when_no_currency_is_printed(layout: Layout) -> None:
    f = read(layout, "Totaal  1.210,00")
    assert f.currency and f.currency.value == "EUR" and f.currency.confidence < 0.5


def test_the_payable_total_on_the_last_page_wins_over_a_page_total(layout: Layout) -> None:
    words = layout("Totaal  400,00", page=0) + layout("Totaal  900,00", page=1)
    f = extract_fields(words)
    assert f.total_amount and f.total_amount.value == Decimal("900.00")
    assert f.total_amount.box and f.total_amount.box.page == 1


def test_low_ocr_confidence_lowers_the_field_confidence(layout: Layout) -> None:
    sure = extract_fields(
        layout("Totaal  1.210,00", confidence=0.95), calibrated=False
    ).total_amount
    unsure = extract_fields(
        layout("Totaal  1.210,00", confidence=0.40), calibrated=False
    ).total_amount
    assert sure and unsure and unsure.confidence < sure.confidence


# --- failure modes seen on the rendered evaluation set (tests/perf/ocr) -------------------

LABEL_BESIDE_THE_LETTERHEAD = """
                                                 Alpha Consult BV
Factuur aan                                      Schoolstraat 70
Beta Logistics NV                                9200 Dendermonde
Ambachtenlaan 80                                 BTW BE 0403.019.261
8000 Brugge
BTW BE 0123.456.749
"""


def test_a_street_beside_the_customer_label_is_not_the_customers_name(layout: Layout) -> None:
    f = read(layout, LABEL_BESIDE_THE_LETTERHEAD, tenant_vat="BE0403019261")
    assert f.debtor_name and f.debtor_name.value == "Beta Logistics NV"


@pytest.mark.parametrize(
    "street",
    ["Schoolstraat 70", "41, Rue de la Gare", "129, Zoning Industriel", "Kouter 189 bus 3"],
)
def test_street_lines_are_never_taken_for_a_name(street: str) -> None:
    assert not _plausible_name(street)
    assert _plausible_name("Dekker & Dekker B.V.")


ADDRESS_WINDOW_WITHOUT_CUSTOMER_LABEL = """
Alpha Consult BV                             Aan
BTW BE 0403.019.261                          Beta Logistics NV
                                             Havenlaan 1
                                             2030 Antwerpen
                                             VAT no.:     BE 0123.456.749
"""


def test_the_debtors_block_starts_at_its_vat_label_even_across_a_gap(layout: Layout) -> None:
    f = read(layout, ADDRESS_WINDOW_WITHOUT_CUSTOMER_LABEL, tenant_vat="BE0403019261")
    # "Aan" (to) opens the address block but is not a name; the block's left edge is the
    # "VAT no.:" label, not the number printed a column further.
    assert f.debtor_name and f.debtor_name.value == "Beta Logistics NV"


@pytest.mark.parametrize("label", ["Factuurnr,", "Factuurur.", "Factuur nr."])
def test_reads_the_number_below_a_label_that_ocr_garbled(layout: Layout, label: str) -> None:
    f = read(layout, f"{label}     Datum\nF2023-00026     03.01.2023")
    assert f.invoice_number and f.invoice_number.value == "F2023-00026"


def test_joins_a_series_letter_that_ocr_split_from_its_number() -> None:
    def word(text: str, x: int, w: int) -> Word:
        return Word(text, Box(0, x, 100, w, 30), 0.9)

    tight = [word("Invoice", 100, 140), word("#", 250, 20), word("F", 300, 18)]
    f = extract_fields([*tight, word("2023-00760", 324, 200)])
    assert f.invoice_number and f.invoice_number.value == "F2023-00760"
    # A real word space (a third of the text height or more) keeps them apart.
    f = extract_fields([*tight, word("2023-00760", 340, 200)])
    assert f.invoice_number and f.invoice_number.value == "2023-00760"


def test_payment_terms_come_from_a_payment_phrase_not_a_quantity_in_days(
    layout: Layout,
) -> None:
    text = """
Factuurdatum: 01/06/2023
Overnachting      1 dag     190,11
Betaling: 60 dagen netto
"""
    f = read(layout, text)
    assert f.payment_terms_days and f.payment_terms_days.value == 60
    assert f.due_date and f.due_date.value == date(2023, 7, 31)


@pytest.mark.parametrize(
    "sentence",
    [
        "Please pay EUR 1,234.56 before 16/02/2023 to account BE68 5390 0754 7034.",
        "Merci de virer 1 234,56 € au plus tard le 16/02/2023.",
        "Gelieve het bedrag over te maken uiterlijk op 16 februari 2023.",
    ],
)
def test_reads_a_due_date_from_a_payment_sentence(layout: Layout, sentence: str) -> None:
    f = read(layout, f"Datum: 02/01/2023\n{sentence}")
    assert f.due_date and f.due_date.value == date(2023, 2, 16)


def test_reads_a_vat_number_whose_dot_ocr_turned_into_a_comma(layout: Layout) -> None:
    f = read(layout, "Alpha Consult BV   BTW BE 0549.201 \u201a528", tenant_vat="BE0549201528")
    assert f.seller_vat and f.seller_vat.value == "BE0549201528"
