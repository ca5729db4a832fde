"""Failure classes seen on invoices and receipts that nobody here made, each on a document
written for the test (text art: the spacing is the layout; two spaces make a column gap)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest

from ocr.extraction.fields import extract_fields
from ocr.extraction.model import InvoiceFields, Word

Layout = Callable[..., list[Word]]

TODAY = date(2026, 11, 25)


def read(layout: Layout, text: str, **kwargs: object) -> InvoiceFields:
    return extract_fields(layout(text), today=TODAY, **kwargs)  # type: ignore[arg-type]


# --- key-value layouts ----------------------------------------------------------------------

KEY_VALUE = """
Werkzeugbau Ostmann GmbH
Industriestr. 4, 44135 Dortmund

Rechnung

Käufer
Nummer: 10023
Name: Kunden AG Mitte
Straße: Lindenweg 7
Ort: 80331 München

Rechnungsnummer: RE-2026-311
Rechnungsdatum: 12.11.2026
Gesamtbetrag: 1.190,00 EUR
"""


def test_a_customer_heading_followed_by_key_value_pairs_gives_the_name_value(
    layout: Layout,
) -> None:
    f = read(layout, KEY_VALUE)
    assert f.debtor_name and f.debtor_name.value == "Kunden AG Mitte"


# --- labels in four languages, compounds, and numbers that are not the invoice's ----------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Handelsrechnung Nr. HR-2026-117", "HR-2026-117"),
        ("Rechnungsnummer 2026-0815", "2026-0815"),
        ("N° de facture : FA-0088", "FA-0088"),
        ("Avoir n° AV-0012", "AV-0012"),
        ("Gutschrift Nr. GS-77", "GS-77"),
        ("Creditnota nr. CN-2026-3", "CN-2026-3"),
        ("Kassenbon-Nr. 4471", "4471"),
    ],
)
def test_reads_the_invoice_number_after_compound_and_credit_note_labels(
    layout: Layout, line: str, expected: str
) -> None:
    f = read(layout, f"Werkzeugbau Ostmann GmbH\n\n{line}\nDatum: 12.11.2026\n")
    assert f.invoice_number and f.invoice_number.value == expected


def test_an_order_number_beside_the_title_is_not_the_invoice_number(layout: Layout) -> None:
    text = """
Rechnung  Bestellung Nr. 4711-88
Kundennummer: 20931
Rechnung Nr. 2026-55
"""
    f = read(layout, text)
    assert f.invoice_number and f.invoice_number.value == "2026-55"


# --- dates ---------------------------------------------------------------------------------


def test_numeric_dates_follow_the_documents_own_month_first_order(layout: Layout) -> None:
    text = """
INVOICE
Invoice date: 03/11/2026
Due date: 03/25/2026
Total due: USD 120.00
"""
    f = read(layout, text)
    # 03/25 can only be month-first, so 03/11 is the 11th of March, not the 3rd of November.
    assert f.invoice_date and f.invoice_date.value == date(2026, 3, 11)
    assert f.due_date and f.due_date.value == date(2026, 3, 25)


def test_a_benelux_document_stays_day_first(layout: Layout) -> None:
    f = read(layout, "Factuur\nFactuurdatum: 03/11/2026\nVervaldatum: 03/12/2026\n")
    assert f.invoice_date and f.invoice_date.value == date(2026, 11, 3)


def test_a_payment_deadline_is_the_due_date_not_the_invoice_date(layout: Layout) -> None:
    text = """
FACTURE
Date limite de paiement : 15/12/2026
Date : 15/11/2026
Total TTC : 240,00 €
"""
    f = read(layout, text)
    assert f.invoice_date and f.invoice_date.value == date(2026, 11, 15)
    assert f.due_date and f.due_date.value == date(2026, 12, 15)


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("Factuurdatum: 29 april 2026", date(2026, 4, 29)),
        ("Rechnungsdatum: 22. März 2026", date(2026, 3, 22)),
        ("Date de facture : 1er février 2026", date(2026, 2, 1)),
        ("Date of issue  April 29, 2026", date(2026, 4, 29)),
    ],
)
def test_reads_written_months_in_four_languages(
    layout: Layout, printed: str, expected: date
) -> None:
    f = read(layout, printed)
    assert f.invoice_date and f.invoice_date.value == expected


def test_a_card_expiry_date_is_not_the_receipt_date(layout: Layout) -> None:
    text = """
Zeeuws Museumcafe
05-10-26 13:27  Kassa 01
1 Koffie  3,50
Te betalen:  3,50
Kaartnr: 0211  Exp. Datum: 31/10/29
"""
    f = read(layout, text)
    assert f.invoice_date and f.invoice_date.value == date(2026, 10, 5)


# --- amounts, currencies and receipt totals ----------------------------------------------------


def test_an_amount_grouped_with_a_space_keeps_its_thousands(layout: Layout) -> None:
    f = read(layout, "FACTURE\nTotal TTC  2 076,76 €\n")
    assert f.total_amount and f.total_amount.value == Decimal("2076.76")
    assert f.currency and f.currency.value == "EUR"


def test_rupees_are_not_read_as_euro(layout: Layout) -> None:
    f = read(layout, "TAX INVOICE\nGrand Total  Rs 1939\n")
    assert f.total_amount and f.total_amount.value == Decimal("1939.00")
    assert f.currency and f.currency.value == "INR"


def test_a_receipts_tax_line_and_a_zero_balance_are_not_its_total(layout: Layout) -> None:
    text = """
Harbour Noodle Bar
1 x Laksa  4.20
Total GST  0.42
Total  EUR 4.62
Balance Due  EUR 0.00
"""
    f = read(layout, text)
    assert f.total_amount and f.total_amount.value == Decimal("4.62")


# --- seller and customer ---------------------------------------------------------------------

TWO_COLUMNS = """
Lindqvist Tools B.V.                     Bill to
Debussystraat 43                         Nordwind Handel GmbH
2324 KH Leiden                           Pfalzer Ufer 4
VAT NL004495445B01                       06108 Halle

Invoice number 42A5-0071
Date of issue  April 29, 2026
Amount due  EUR 23.00
"""


def test_a_two_column_letterhead_gives_the_seller_left_and_the_customer_right(
    layout: Layout,
) -> None:
    f = read(layout, TWO_COLUMNS)
    assert f.seller_name and f.seller_name.value == "Lindqvist Tools B.V."
    assert f.debtor_name and f.debtor_name.value == "Nordwind Handel GmbH"
    assert f.seller_vat and f.seller_vat.value == "NL004495445B01"


def test_the_return_address_line_names_the_seller_above_the_window(layout: Layout) -> None:
    text = """
Hotel Kontorhaus Elbe GmbH - Brandtstrasse 20 - 20457 Hamburg

Nordwind Handel GmbH
Pfalzer Ufer 4
06108 Halle

Rechnung
Rechnungsnummer:  2026-571
Datum:  11.11.2026
Gesamtbetrag  146,71 EUR
"""
    f = read(layout, text)
    assert f.seller_name and f.seller_name.value == "Hotel Kontorhaus Elbe GmbH"
    assert f.seller_name.value != "Nordwind Handel GmbH"


def test_a_receipt_is_issued_by_the_shop_named_at_its_top(layout: Layout) -> None:
    text = """
Kassenbon
Baeckerei Sonnenkorn
Marktplatz 3
33098 Paderborn
2 Broetchen  0,90
Summe EUR  0,90
"""
    f = read(layout, text)
    assert f.seller_name and f.seller_name.value == "Baeckerei Sonnenkorn"


# --- calibrated confidences ----------------------------------------------------------------------


def test_confidences_are_calibrated_probabilities_that_keep_the_raw_order(layout: Layout) -> None:
    from ocr.extraction.calibration import probability

    raw = read(layout, TWO_COLUMNS, calibrated=False)
    calibrated = read(layout, TWO_COLUMNS)
    assert raw.seller_vat and calibrated.seller_vat
    assert calibrated.seller_vat.value == raw.seller_vat.value
    assert calibrated.seller_vat.confidence == round(
        probability("seller_vat", raw.seller_vat.confidence), 3
    )
    ladder = [probability("total_amount", c) for c in (0.2, 0.4, 0.6, 0.8, 0.95)]
    assert ladder == sorted(ladder) and all(0.0 < p < 1.0 for p in ladder)


# --- totals that OCR misread, proven by the page's own arithmetic ------------------------------


def test_a_space_beside_the_decimal_point_and_a_vat_rate_do_not_change_the_total(
    layout: Layout,
) -> None:
    text = """
Burger Corner Brussels
1 x Burger  13.75 B
Total  EUR  24. 75
VAT A 21.00%  Taxable amount: 3.31
"""
    f = read(layout, text)
    assert f.total_amount and f.total_amount.value == Decimal("24.75")


def test_a_total_that_lost_its_decimal_point_is_read_from_the_paid_amount(layout: Layout) -> None:
    text = """
Standard ticket
Total  250€
Paid  2.50 €
Balance  0.00 €
"""
    f = read(layout, text)
    assert f.total_amount and f.total_amount.value == Decimal("2.50")


def test_a_total_one_digit_off_its_vat_summary_takes_the_summarys_gross(layout: Layout) -> None:
    text = """
Trattoria Da Luca
1 Pizza Tonno  11,90
Algemeen Totaal:  22,00
BTW  Excl.  Incl.
9,00%  1,88  20,92  22,80
"""
    f = read(layout, text)
    assert f.total_amount and f.total_amount.value == Decimal("22.80")


def test_a_total_the_vat_summary_confirms_is_kept(layout: Layout) -> None:
    text = """
Algemeen Totaal:  22,80
9,00%  1,88  20,92  22,80
21,00%  4,20  20,00  24,20
"""
    f = read(layout, text)
    assert f.total_amount and f.total_amount.value == Decimal("22.80")


# --- the recipient's block and what is not a name ------------------------------------------------

ADDRESSEE = """
Hotel Rembrandtpark
Staalmeesterslaan 410
NL-1057 PH Amsterdam
www.hotel-rembrandtpark.nl

          Mr.  .  Kunden Consulting GmbH
          Friedrichstr. 123
          Berlin BA 10117
          Germany

Invoice No  :  030405755 / 1
Guest name  :  Kunden Consu1ting GmbH
Total  1,568.18
"""


def test_a_salutation_opens_the_recipients_block_and_its_company_is_the_customer(
    layout: Layout,
) -> None:
    f = read(layout, ADDRESSEE)
    assert f.debtor_name and f.debtor_name.value == "Kunden Consulting GmbH"
    # The customer's name read again with an OCR slip is not the seller either.
    assert f.seller_name and f.seller_name.value == "Hotel Rembrandtpark"


def test_a_salutation_before_a_person_and_a_company_gives_the_company(layout: Layout) -> None:
    text = """
Drukkerij Vanhove BV
Kerkstraat 12
9000 Gent

                              Dhr. Jan Peeters
                              Peeters Bouw BV
                              Marktplein 3
                              2000 Antwerpen

Factuurnummer: F2026-0042
Te betalen  1.210,00 EUR
"""
    f = read(layout, text)
    assert f.debtor_name and f.debtor_name.value == "Peeters Bouw BV"
    assert f.seller_name and f.seller_name.value == "Drukkerij Vanhove BV"


def test_a_customer_word_in_running_text_is_not_a_customer_label(layout: Layout) -> None:
    text = """
Date de facture  :  02/11/2019
Remise à Zéro  :  01/12/2019
Sur votre Espace Client,  vous pouvez choisir la facture détaillée pour vos factures ou
demander un relevé de consommation concernant vos précédentes factures.
Espace Client Opérateur Mobile
MIEUX MAITRISER VOS DÉPENSES
Total TTC  12,99 €
"""
    f = read(layout, text)
    assert f.debtor_name is None
    # "Remise à Zéro" is the key of a key-value pair, not a letterhead.
    assert f.seller_name is None or f.seller_name.value != "Remise à Zéro"


# --- the seller's name: lettering, repetition, OCR specks -----------------------------------------


def _enlarge(words: list[Word], rows: set[int], factor: int) -> list[Word]:
    """Words of the given text-art rows in ``factor`` times larger lettering, the rows below
    moved down to make room (a logo's or letterhead's name)."""
    from ocr.extraction.model import Box

    out, shift = [], 0
    for row in sorted({(w.box.y - 100) // 50 for w in words}):
        line = [w for w in words if (w.box.y - 100) // 50 == row]
        k = factor if row in rows else 1
        for w in line:
            b = w.box
            out.append(
                Word(w.text, Box(b.page, b.x * k, b.y + shift, b.w * k, b.h * k), w.confidence)
            )
        shift += (k - 1) * 50
    return out


def test_a_name_in_large_letters_over_several_lines_is_read_as_one(layout: Layout) -> None:
    text = """
the
breakfast
club
Tafel: 10  08.10.2026 11:41
Bediend door Floor
1  Buttermilk Pancakes  11,00
3  Americano  7,50
Algemeen Totaal:  18,50
"""
    f = extract_fields(_enlarge(layout(text), {0, 1, 2}, 3), today=TODAY)
    assert f.seller_name and f.seller_name.value == "the breakfast club"


def test_the_shops_short_name_at_the_top_takes_its_full_form_over_its_address(
    layout: Layout,
) -> None:
    text = """
         * VENTE *
ORNETO  PARIS  /  PAUL
Ticket R866460.2760  22/03/2026 08:36
1  Croissant  1.90
Total  € 1.90
TVA :FR69902446988
Merci pour votre visite!
      ORNETO-PARIS
    19 bis Rue Godefroy
      92800 PUTEAUX
"""
    f = read(layout, text)
    assert f.seller_name and f.seller_name.value == "ORNETO-PARIS"


def test_a_legal_name_in_a_sentence_yields_to_the_lettering_at_the_top(layout: Layout) -> None:
    text = """
Nordstern „a Tankstelle
Detmolder Str. 112
33100 Paderborn
Super bleifrei  24,00 EUR
Betrag:  EUR 24,00







Der Verkauf von Kraftstoffen erfolgt im Namen
und für Rechnung der Nordstern AG. Im Auftrag
"""
    f = extract_fields(_enlarge(layout(text), {0}, 2), today=TODAY)
    assert f.seller_name and f.seller_name.value == "Nordstern Tankstelle"


# --- legal mentions printed up the margin -----------------------------------------------------


def test_legal_mentions_up_the_margin_name_the_seller_and_its_vat_number(layout: Layout) -> None:
    from ocr.extraction.model import Box

    body = layout(
        """
Date de facture  :  02/11/2026
N° de facture  :  11608848301659
Montant prélevé le 16 novembre 2026  12,99
Total TTC  12,99 EUR
"""
    )
    # Turned 90 degrees in the right margin: each word a tall, narrow box, in reading order.
    printed = (
        "ORANGERIE TELECOM - Société Anonyme au capital de 712 588 399,56 € - 37-39, rue "
        "Boissière - 75116 PARIS - 397480930 R.C.S. PARIS - FR74397480930"
    )
    mention = printed.split(" ")
    turned, y = [], 2400
    for word in mention:
        height = 18 * len(word)
        y -= height + 8  # read upwards: each word above the one before
        turned.append(Word(word, Box(0, 2300, y, 25, height), 1.0, vertical=True))
    f = extract_fields(body + turned, today=TODAY)
    assert f.seller_name and f.seller_name.value == "ORANGERIE TELECOM"
    assert f.seller_vat and f.seller_vat.value == "FR74397480930"
    # The body's lines are untouched by the margin's words.
    assert f.total_amount and f.total_amount.value == Decimal("12.99")
    assert f.invoice_number and f.invoice_number.value == "11608848301659"


def test_name_particles_belong_to_the_company_name(layout: Layout) -> None:
    text = """
de Graaf & van Leeuwen B.V.
Debussystraat 43
2324 KH Leiden
Invoice number 42A5-0071
Amount due  EUR 23.00
"""
    f = read(layout, text)
    assert f.seller_name and f.seller_name.value == "de Graaf & van Leeuwen B.V."


def test_a_legal_form_that_is_also_a_word_counts_only_in_capitals(layout: Layout) -> None:
    text = """
Kassenbon
Drogerie Sonnenschein
Westernstr. 29, 33098 Paderborn
1 Artikel  1,95
Total  1,95 EUR
Die Unterschriften geben die Mitarbeiter in der Filiale ab.
"""
    f = read(layout, text)
    assert f.seller_name and f.seller_name.value == "Drogerie Sonnenschein"


def test_belgian_partnership_forms_end_a_company_name(layout: Layout) -> None:
    for name in ("Import Hesbaye SComm", "Coppens Groothandel CommV", "Brouwer Winkel C.V."):
        f = read(layout, f"Rechnung\n\n\n\n\n\n\n\n\nGesamtbetrag  10,00 EUR\n{name}\n")
        assert f.seller_name and f.seller_name.value == name, name


# --- party headings, key cells, receipt numbers, date order from the terms ----------------------

FROM_TO = """
Tax invoice
From                                    To
Coppens Groothandel CommV               Import Midi SComm
Molenstraat 241                         167, Rue de la Station
9120 Beveren                            1200 Woluwe-Saint-Lambert
VAT number BE1947705263                 VAT number BE 0367.324.746
Total incl. VAT  EUR 8,504.51
"""


def test_from_and_to_headings_name_the_seller_and_the_customer(layout: Layout) -> None:
    f = read(layout, FROM_TO, tenant_vat="BE1947705263")
    assert f.seller_name and f.seller_name.value == "Coppens Groothandel CommV"
    assert f.debtor_name and f.debtor_name.value == "Import Midi SComm"


def test_a_supplier_heading_names_the_seller_not_the_country_below(layout: Layout) -> None:
    text = """
                                         Factuur
Leverancier                              Klant
Menuiserie Vermeulen SRL                 Jensen Transport ApS
162, Rue de la Station                   Vestergade 114
1000 Bruxelles                           8000 Aarhus C
België                                   Denemarken
Te betalen  10 660,47 €
"""
    f = read(layout, text)
    assert f.seller_name and f.seller_name.value == "Menuiserie Vermeulen SRL"
    assert f.debtor_name and f.debtor_name.value == "Jensen Transport ApS"


def test_a_heading_over_two_columns_does_not_make_the_members_vat_the_customers(
    layout: Layout,
) -> None:
    text = """
Coppens Groothandel CommV                FACTUUR
Molenstraat 241
9120 Beveren
Btw-nr.                                  Klant
BE1947705263                             Claes Digital BV
                                         Industrieweg 71
                                         9100 Sint-Niklaas
                                         Btw-nr. BE 0873.029.494
Totaal te betalen  1 097,46 €
"""
    f = read(layout, text, tenant_vat="BE1947705263")
    assert f.seller_vat and f.seller_vat.value == "BE1947705263"
    assert f.debtor_vat and f.debtor_vat.value == "BE0873029494"
    assert f.debtor_name and f.debtor_name.value == "Claes Digital BV"


def test_a_key_whose_value_sits_in_the_next_cell_is_not_a_name(layout: Layout) -> None:
    text = """
FACTUUR
Koper
Naam:     Rénovation Leroy SRL
Adres:    129, Chaussée de Bruxelles
Btw-nr.:  BE 1585131537
Totaal te betalen  5.377,74 €
"""
    f = read(layout, text)
    assert f.debtor_name and f.debtor_name.value == "Rénovation Leroy SRL"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Ticket 23000378", "23000378"),
        ("Receipt 23003407", "23003407"),
        ("Numéro: F2023-00040", "F2023-00040"),
        ("Nummer  Datum  Te betalen voor\nF2023-00812  10/03/2023  09/04/2023", "F2023-00812"),
    ],
)
def test_a_receipts_ticket_and_a_bare_numero_label_the_invoice_number(
    layout: Layout, line: str, expected: str
) -> None:
    f = read(layout, f"Facture\n{line}\nTotal TTC  241,72 €\n")
    assert f.invoice_number and f.invoice_number.value == expected


def test_the_printed_terms_decide_day_and_month_when_every_date_reads_both_ways(
    layout: Layout,
) -> None:
    text = """
INVOICE
Invoice date:  06/07/2023
Due date:  07/07/2023
Amount due  EUR 824.10
"""
    f = read(layout, text)
    # 7 June to 7 July is a 30-day term; 6 to 7 July would be one day.
    assert f.invoice_date and f.invoice_date.value == date(2023, 6, 7)
    assert f.due_date and f.due_date.value == date(2023, 7, 7)
    # A date that reads only one way still decides: 13/07 is day-first.
    g = read(layout, text.replace("07/07/2023", "13/07/2023"))
    assert g.invoice_date and g.invoice_date.value == date(2023, 7, 6)


@pytest.mark.parametrize("label", ["Te crediteren", "A rembourser", "Gutschriftsbetrag"])
def test_what_a_credit_note_gives_back_is_its_total(layout: Layout, label: str) -> None:
    text = f"""
CREDITNOTA
Montage  1 st  5.151,91  5.151,91
Advies  1 st  2.398,93  2.398,93
Totaal excl. btw  € 7.550,84
btw 21%  € 1.585,68
{label}  € 9.136,52
"""
    f = read(layout, text)
    assert f.total_amount and f.total_amount.value == Decimal("9136.52")


def test_without_printed_terms_the_terms_are_the_days_to_the_due_date(layout: Layout) -> None:
    f = read(layout, "Factuur\nDatum:  26/05/2026\nVervaldag:  25/06/2026\nTe betalen  550,37\n")
    assert f.payment_terms_days and f.payment_terms_days.value == 30
    g = read(layout, "Factuur\nDatum:  26/05/2026\nTe betalen  550,37\n")
    assert g.payment_terms_days is None  # no due date, no terms: nothing is made up


def test_a_return_address_with_colons_is_the_sender_not_the_addressee(layout: Layout) -> None:
    text = """
                                        Coppens Groothandel CommV
                                                  Molenstraat 241
                                                  9120 Beveren

Coppens Groothandel CommV  :  Molenstraat 241  :  9120 Beveren
De Clercq Kinesitherapie BV              N° de facture:  FC2400758
Industrieweg 25                          Date de facture:  04.03.2024
9300 Aalst
N° TVA BE0716888297

FACTURE FC2400758
Fournitures  2 pc  127,39  254,78
Total HT  254,78 EUR
TVA 21%  53,50 EUR
Total à payer  308,28 EUR
"""
    f = read(layout, text, tenant_vat="BE1947705263")
    assert f.debtor_name and f.debtor_name.value == "De Clercq Kinesitherapie BV"
    assert f.seller_name and f.seller_name.value == "Coppens Groothandel CommV"


def test_the_logos_short_name_takes_the_legal_name_it_begins_in_the_footer(layout: Layout) -> None:
    text = """
IMPORT HESBAYE
Facture FA2026-0012
Total TTC  1.210,00 EUR









Import Hesbaye SComm : 41, Rue de la Gare  -  6000 Charleroi
"""
    f = read(layout, text)
    assert f.seller_name and f.seller_name.value == "Import Hesbaye SComm"


def test_a_country_line_or_a_simplified_invoice_title_is_not_the_seller(layout: Layout) -> None:
    text = """
Simplified VAT invoice
Belgium
Transaction 83-001513
Date 29/08/2026
Total  EUR 31.90
"""
    f = read(layout, text)
    assert f.seller_name is None  # better no name than a country or a title to confirm


def test_a_mail_header_from_line_does_not_name_the_seller(layout: Layout) -> None:
    text = """
Drukkerij Vanhove
Kerkstraat 12, 9000 Gent
From: www.vanhove-print.be
Factuurnummer: F2026-0042
Te betalen  1.210,00 EUR
"""
    f = read(layout, text)
    assert f.seller_name and f.seller_name.value == "Drukkerij Vanhove"
