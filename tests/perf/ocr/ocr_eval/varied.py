"""The varied evaluation set: which invoices, in which language, between which parties, and
their ground truth.

Beside the original 360-invoice set (``evalset.py``, untouched), the varied set takes other
invoices of the same ``datagen`` world (same seed, positions between the original set's) and
prints them in the layouts of ``layouts.py``: four languages (NL, FR, DE, EN), customers in
other EU states with valid VAT numbers, some foreign sellers, receipts and credit notes.
Everything a layout prints is decided here, in :func:`prepare`, which returns the printed
strings and the truth together, so the two cannot drift apart.

The split is the original set's ``split_of(invoice_id)``: fixed per invoice id.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any, Final

from datagen import GeneratorConfig, generate
from datagen.outputs.ocr_records import ocr_record

from .evalset import DEFAULT_SIZE, POOL, SEED, Record, pick, split_of
from .parties import (
    CUSTOMER_COUNTRIES,
    LOCAL_CURRENCY,
    REDUCED_RATE,
    SELLER_COUNTRIES,
    STANDARD_RATE,
    Party,
    company_abroad,
)

LANGUAGES: Final = ("nl", "fr", "de", "en")
PER_LAYOUT: Final = 12  # default documents per layout
CENT: Final = Decimal("0.01")


# --- the truth -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class VariedTruth:
    """What a reader must find; ``None`` where the document does not print the field.

    ``debtor_*`` is the customer (the register's debtor), ``seller_name`` the seller's legal name
    (the name in the footer when the letterhead shows a trade name). ``due_date`` is set only
    where a date is printed; ``payment_terms_days`` only where terms in days are printed.
    ``total`` is the amount the document is about, incl. VAT, unsigned: a credit note's sign is
    its ``doc_type``.
    """

    invoice_id: int
    split: str
    layout: str
    language: str
    doc_type: str  # invoice | credit_note | receipt
    seller_name: str
    seller_vat: str
    debtor_name: str | None
    debtor_vat: str | None
    invoice_number: str
    invoice_date: str
    due_date: str | None
    payment_terms_days: int | None
    total: str
    currency: str
    customer_country: str | None
    seller_country: str

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True, indent=1)

    @staticmethod
    def from_json(text: str) -> VariedTruth:
        return VariedTruth(**json.loads(text))

    @property
    def total_decimal(self) -> Decimal:
        return Decimal(self.total)


def write_varied_truth(truth: VariedTruth, path: Path) -> None:
    path.write_text(truth.to_json() + "\n", encoding="utf-8")


def read_varied_truth(path: Path) -> VariedTruth:
    return VariedTruth.from_json(path.read_text(encoding="utf-8"))


# --- which invoices ------------------------------------------------------------------------


def load_varied_records(size: int, *, seed: int = SEED) -> list[Record]:
    """``size`` records spread over the same pool as the original set, none of them in it."""
    ds = generate(GeneratorConfig(seed=seed, n_invoices=max(POOL, size)))
    n = len(ds.invoices)
    original = set(range(0, n, max(1, n // DEFAULT_SIZE))[:DEFAULT_SIZE])
    step = max(2, n // max(size, 1))
    out = []
    for i in range(size):
        index = (i * step + step // 2) % n
        while index in original:
            index = (index + 1) % n
        out.append(ocr_record(ds, index))
    return out


# --- localisation --------------------------------------------------------------------------

# Label wordings: a layout picks variant ``wording % len``. German labels as German invoices
# print them (Rechnungsnummer, Rechnungsdatum, Fällig am, Kunde, Käufer, Gesamtbetrag, Zu zahlen).
VLABELS: Final[dict[str, dict[str, list[str]]]] = {
    "nl": {
        "invoice": ["FACTUUR", "Factuur", "Factuur"],
        "credit_note": ["CREDITNOTA", "Creditnota", "Creditnota"],
        "receipt": ["KASSATICKET", "Kasticket", "Ticket"],
        "number": ["Factuurnummer", "Factuurnr.", "Nummer"],
        "credit_number": ["Creditnotanummer", "Creditnota nr.", "Nummer"],
        "receipt_number": ["Ticketnr.", "Ticket nr.", "Bonnr."],
        "date": ["Factuurdatum", "Datum", "Datum"],
        "credit_date": ["Datum creditnota", "Datum", "Datum"],
        "due": ["Vervaldatum", "Vervaldag", "Te betalen voor"],
        "customer": ["Klant", "Factuur aan", "Koper"],
        "seller": ["Verkoper", "Leverancier", "Van"],
        "buyer": ["Koper", "Klant", "Aan"],
        "customer_no": ["Klantnummer", "Klantnr.", "Uw klantnummer"],
        "order_no": ["Bestelnummer", "Uw bestelling", "Ordernr."],
        "delivery_no": ["Leveringsbon", "Leverbon nr.", "Pakbon"],
        "total": ["Totaal te betalen", "Te betalen", "Totaal incl. btw"],
        "credit_total": ["Te crediteren", "Totaal creditnota", "Terug te betalen"],
        "receipt_total": ["TOTAAL", "Totaal", "TE BETALEN"],
        "subtotal": ["Totaal excl. btw", "Subtotaal", "Maatstaf van heffing"],
        "vat": ["btw", "BTW", "Btw"],
        "vat_total": ["Totaal btw", "Btw-bedrag", "Totaal BTW"],
        "vat_id": ["Btw-nr.", "BTW", "Ondernemingsnummer"],
        "name": ["Naam", "Naam", "Firma"],
        "address": ["Adres", "Adres", "Straat"],
        "city": ["Gemeente", "Plaats", "Gemeente"],
        "terms": ["Betalingsvoorwaarden", "Betaling", "Betalingstermijn"],
        "terms_text": ["{} dagen netto", "binnen {} dagen na factuurdatum", "{} dagen"],
        "reference": ["Gestructureerde mededeling", "Mededeling", "Betaalreferentie"],
        "desc": ["Omschrijving", "Artikel", "Omschrijving"],
        "qty": ["Aantal", "Aant.", "Aantal"],
        "unit_price": ["Eenheidsprijs", "Prijs", "Prijs/st."],
        "amount": ["Bedrag", "Totaal", "Bedrag"],
        "rate": ["Tarief", "Btw %", "Tarief"],
        "paid": ["BETAALD", "Betaald", "BETAALD"],
        "card": ["Bancontact", "Betaalkaart", "Maestro"],
        "original": ["Betreft factuur", "Correctie op factuur", "Ter creditering van factuur"],
        "account": ["Klantnummer", "Contractnummer", "Klantnummer"],
        "previous": ["Vorig saldo", "Openstaand saldo", "Vorig saldo"],
        "payment_received": ["Ontvangen betaling", "Betaald", "Ontvangen"],
        "due_sentence": [
            "Te betalen uiterlijk op {}",
            "Gelieve te betalen voor {}",
            "Vervalt op {}",
        ],
        "thanks": ["Bedankt voor uw bestelling.", "Met vriendelijke groeten,", "Tot ziens!"],
        "page": ["Pagina 1/1", "Blad 1 van 1", "p. 1/1"],
        "amounts_in": ["Bedragen in {}", "Alle bedragen in {}", "Munt: {}"],
        "intra": [
            "Intracommunautaire levering, vrijgesteld van btw (art. 39bis WBTW)",
            "Btw verlegd - intracommunautaire dienst (art. 196 Richtlijn 2006/112/EG)",
            "Vrijstelling: intracommunautaire levering",
        ],
        "till": ["Kassa", "Kassier", "Kassa"],
        "table_no": ["Tafel", "Tafel", "Tafel"],
        "change": ["Wisselgeld", "Terug", "Wisselgeld"],
        "simplified": ["Vereenvoudigde factuur", "Kasticket / factuur", "Vereenvoudigde factuur"],
    },
    "fr": {
        "invoice": ["FACTURE", "Facture", "Facture"],
        "credit_note": ["AVOIR", "Note de crédit", "Avoir"],
        "receipt": ["TICKET DE CAISSE", "Ticket", "Reçu"],
        "number": ["N° de facture", "Facture n°", "Numéro"],
        "credit_number": ["N° d'avoir", "Avoir n°", "Numéro"],
        "receipt_number": ["Ticket n°", "N° de ticket", "Reçu n°"],
        "date": ["Date de facture", "Date", "Date d'émission"],
        "credit_date": ["Date de l'avoir", "Date", "Date"],
        "due": ["Date d'échéance", "Échéance", "À payer avant le"],
        "customer": ["Client", "Facturé à", "Acheteur"],
        "seller": ["Vendeur", "Fournisseur", "Émetteur"],
        "buyer": ["Acheteur", "Client", "Destinataire"],
        "customer_no": ["N° client", "Réf. client", "Code client"],
        "order_no": ["N° de commande", "Votre commande", "Bon de commande"],
        "delivery_no": ["Bon de livraison", "BL n°", "Livraison"],
        "total": ["Total à payer", "Net à payer", "Total TTC"],
        "credit_total": ["Montant de l'avoir", "Total à rembourser", "Montant crédité"],
        "receipt_total": ["TOTAL TTC", "Total", "TOTAL"],
        "subtotal": ["Total HT", "Total HTVA", "Base imposable"],
        "vat": ["TVA", "TVA", "TVA"],
        "vat_total": ["Total TVA", "Montant TVA", "Total TVA"],
        "vat_id": ["N° TVA", "TVA", "N° TVA intracom."],
        "name": ["Nom", "Raison sociale", "Nom"],
        "address": ["Adresse", "Adresse", "Siège"],
        "city": ["Localité", "Ville", "Commune"],
        "terms": ["Conditions de paiement", "Paiement", "Délai de paiement"],
        "terms_text": ["{} jours net", "à {} jours date de facture", "{} jours"],
        "reference": ["Communication structurée", "Communication", "Référence"],
        "desc": ["Description", "Désignation", "Article"],
        "qty": ["Quantité", "Qté", "Qté"],
        "unit_price": ["Prix unitaire", "P.U. HT", "Prix"],
        "amount": ["Montant", "Total HT", "Montant"],
        "rate": ["Taux", "Taux TVA", "Taux"],
        "paid": ["PAYÉ", "Payé", "ACQUITTÉ"],
        "card": ["Carte bancaire", "CB", "Bancontact"],
        "original": ["Concerne la facture", "Avoir sur facture", "Annule la facture"],
        "account": ["N° client", "N° de contrat", "Compte client"],
        "previous": ["Solde précédent", "Solde antérieur", "Solde précédent"],
        "payment_received": ["Paiement reçu", "Réglé", "Paiements reçus"],
        "due_sentence": [
            "À payer au plus tard le {}",
            "Merci de régler avant le {}",
            "Échéance le {}",
        ],
        "thanks": ["Merci de votre confiance.", "Cordialement,", "Merci et à bientôt !"],
        "page": ["Page 1/1", "Page 1 sur 1", "p. 1/1"],
        "amounts_in": ["Montants en {}", "Devise : {}", "Montants exprimés en {}"],
        "intra": [
            "Livraison intracommunautaire exonérée (art. 39bis du Code TVA)",
            "Autoliquidation - art. 196 Directive 2006/112/CE",
            "Exonération de TVA, art. 262 ter I du CGI",
        ],
        "till": ["Caisse", "Caissier", "Caisse"],
        "table_no": ["Table", "Table", "Table"],
        "change": ["Rendu", "Monnaie", "Rendu"],
        "simplified": ["Facture simplifiée", "Ticket-facture", "Facture simplifiée"],
    },
    "de": {
        "invoice": ["RECHNUNG", "Rechnung", "Rechnung"],
        "credit_note": ["GUTSCHRIFT", "Gutschrift", "Rechnungskorrektur"],
        "receipt": ["KASSENBON", "Kassenbon", "Quittung"],
        "number": ["Rechnungsnummer", "Rechnungs-Nr.", "Rechnung Nr."],
        "credit_number": ["Gutschriftsnummer", "Gutschrift Nr.", "Beleg-Nr."],
        "receipt_number": ["Bon-Nr.", "Beleg-Nr.", "Bonnummer"],
        "date": ["Rechnungsdatum", "Datum", "Rechnungsdatum"],
        "credit_date": ["Gutschriftsdatum", "Datum", "Belegdatum"],
        "due": ["Fällig am", "Zahlbar bis", "Fälligkeitsdatum"],
        "customer": ["Kunde", "Rechnungsempfänger", "Käufer"],
        "seller": ["Verkäufer", "Lieferant", "Rechnungssteller"],
        "buyer": ["Käufer", "Kunde", "Empfänger"],
        "customer_no": ["Kundennummer", "Kunden-Nr.", "Ihre Kundennummer"],
        "order_no": ["Bestellnummer", "Ihre Bestellung", "Auftragsnr."],
        "delivery_no": ["Lieferschein", "Lieferschein-Nr.", "Lieferung"],
        "total": ["Gesamtbetrag", "Zu zahlen", "Rechnungsbetrag"],
        "credit_total": ["Gutschriftsbetrag", "Gesamtbetrag der Gutschrift", "Erstattungsbetrag"],
        "receipt_total": ["SUMME", "Summe", "GESAMT"],
        "subtotal": ["Nettobetrag", "Summe netto", "Zwischensumme"],
        "vat": ["MwSt", "USt.", "MwSt."],
        "vat_total": ["MwSt gesamt", "Umsatzsteuer", "Summe MwSt"],
        "vat_id": ["USt-IdNr.", "USt-ID", "USt-IdNr."],
        "name": ["Name", "Firma", "Name"],
        "address": ["Anschrift", "Straße", "Adresse"],
        "city": ["Ort", "PLZ/Ort", "Ort"],
        "terms": ["Zahlungsbedingungen", "Zahlungsziel", "Zahlung"],
        "terms_text": ["{} Tage netto", "zahlbar innerhalb von {} Tagen ohne Abzug", "{} Tage"],
        "reference": ["Verwendungszweck", "Zahlungsreferenz", "Referenz"],
        "desc": ["Beschreibung", "Artikel", "Bezeichnung"],
        "qty": ["Menge", "Anz.", "Menge"],
        "unit_price": ["Einzelpreis", "E-Preis", "Preis"],
        "amount": ["Betrag", "Gesamt", "Betrag"],
        "rate": ["Satz", "MwSt-Satz", "Steuersatz"],
        "paid": ["BEZAHLT", "Bezahlt", "BEZAHLT"],
        "card": ["EC-Karte", "Kartenzahlung", "Girocard"],
        "original": ["Bezug: Rechnung", "Korrektur zu Rechnung", "Gutschrift zu Rechnung"],
        "account": ["Kundennummer", "Vertragsnummer", "Kundenkonto"],
        "previous": ["Vorheriger Saldo", "Saldovortrag", "Alter Saldo"],
        "payment_received": ["Zahlungseingang", "Bezahlt", "Erhaltene Zahlung"],
        "due_sentence": ["Zahlbar bis zum {}", "Bitte überweisen Sie bis zum {}", "Fällig am {}"],
        "thanks": [
            "Vielen Dank für Ihren Auftrag.",
            "Mit freundlichen Grüßen",
            "Danke für Ihren Einkauf!",
        ],
        "page": ["Seite 1 von 1", "Seite 1/1", "S. 1/1"],
        "amounts_in": ["Beträge in {}", "Währung: {}", "Alle Beträge in {}"],
        "intra": [
            "Steuerfreie innergemeinschaftliche Lieferung (§ 4 Nr. 1b UStG)",
            "Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge)",
            "Innergemeinschaftliche Lieferung, steuerfrei",
        ],
        "till": ["Kasse", "Kassierer", "Kasse"],
        "table_no": ["Tisch", "Tisch", "Tisch"],
        "change": ["Rückgeld", "Zurück", "Rückgeld"],
        "simplified": ["Kleinbetragsrechnung", "Rechnung / Quittung", "Kleinbetragsrechnung"],
    },
    "en": {
        "invoice": ["INVOICE", "Invoice", "Tax invoice"],
        "credit_note": ["CREDIT NOTE", "Credit note", "Credit memo"],
        "receipt": ["RECEIPT", "Receipt", "Sales receipt"],
        "number": ["Invoice number", "Invoice no.", "Invoice #"],
        "credit_number": ["Credit note number", "Credit note no.", "Credit #"],
        "receipt_number": ["Receipt no.", "Receipt #", "Transaction"],
        "date": ["Invoice date", "Date of issue", "Date"],
        "credit_date": ["Credit note date", "Date of issue", "Date"],
        "due": ["Due date", "Payment due", "Date due"],
        "customer": ["Bill to", "Customer", "Invoice to"],
        "seller": ["Seller", "Supplier", "From"],
        "buyer": ["Buyer", "Customer", "To"],
        "customer_no": ["Customer no.", "Customer ID", "Account no."],
        "order_no": ["Order number", "Your order", "PO number"],
        "delivery_no": ["Delivery note", "Packing slip", "Shipment"],
        "total": ["Amount due", "Total due", "Total incl. VAT"],
        "credit_total": ["Total credit", "Amount credited", "Credit total"],
        "receipt_total": ["TOTAL", "Total", "TOTAL DUE"],
        "subtotal": ["Subtotal", "Total excl. VAT", "Net amount"],
        "vat": ["VAT", "VAT", "Tax"],
        "vat_total": ["Total VAT", "VAT amount", "Total tax"],
        "vat_id": ["VAT no.", "VAT ID", "VAT number"],
        "name": ["Name", "Company", "Name"],
        "address": ["Address", "Street", "Address"],
        "city": ["City", "Town", "City"],
        "terms": ["Payment terms", "Terms", "Payment"],
        "terms_text": ["net {} days", "payable within {} days", "{} days net"],
        "reference": ["Payment reference", "Reference", "Remittance reference"],
        "desc": ["Description", "Item", "Description"],
        "qty": ["Qty", "Quantity", "Qty"],
        "unit_price": ["Unit price", "Price", "Rate"],
        "amount": ["Amount", "Total", "Amount"],
        "rate": ["Rate", "VAT %", "Rate"],
        "paid": ["PAID", "Paid", "PAID"],
        "card": ["Card", "Visa", "Mastercard"],
        "original": ["Relates to invoice", "Credit for invoice", "Original invoice"],
        "account": ["Account number", "Contract number", "Account no."],
        "previous": ["Previous balance", "Balance brought forward", "Previous balance"],
        "payment_received": ["Payment received", "Paid", "Payments received"],
        "due_sentence": ["Please pay by {}", "Payment due by {}", "Due {}"],
        "thanks": ["Thank you for your business.", "Kind regards,", "Thank you!"],
        "page": ["Page 1 of 1", "Page 1/1", "p. 1/1"],
        "amounts_in": ["Amounts in {}", "Currency: {}", "All amounts in {}"],
        "intra": [
            "Intra-Community supply, exempt from VAT (art. 138 Directive 2006/112/EC)",
            "Reverse charge: VAT due by the recipient (art. 196 Directive 2006/112/EC)",
            "Zero-rated intra-Community supply",
        ],
        "till": ["Till", "Cashier", "Register"],
        "table_no": ["Table", "Table", "Table"],
        "change": ["Change", "Change", "Change"],
        "simplified": ["Simplified invoice", "Receipt / VAT invoice", "Simplified VAT invoice"],
    },
}
MONTHS: Final = {
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "en": "January February March April May June July August September October November December",
}
SHORT_MONTHS: Final = {
    "nl": "jan feb mrt apr mei jun jul aug sep okt nov dec",
    "fr": "janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc.",
    "de": "Jan. Feb. März Apr. Mai Juni Juli Aug. Sep. Okt. Nov. Dez.",
    "en": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
}
COUNTRY_NAMES: Final = {
    "nl": "BE België NL Nederland LU Luxemburg DE Duitsland FR Frankrijk IT Italië ES Spanje "
    "AT Oostenrijk PL Polen SE Zweden DK Denemarken PT Portugal IE Ierland CZ Tsjechië FI Finland",
    "fr": "BE Belgique NL Pays-Bas LU Luxembourg DE Allemagne FR France IT Italie ES Espagne "
    "AT Autriche PL Pologne SE Suède DK Danemark PT Portugal IE Irlande CZ Tchéquie FI Finlande",
    "de": "BE Belgien NL Niederlande LU Luxemburg DE Deutschland FR Frankreich IT Italien "
    "ES Spanien AT Österreich PL Polen SE Schweden DK Dänemark PT Portugal IE Irland "
    "CZ Tschechien FI Finnland",
    "en": "BE Belgium NL Netherlands LU Luxembourg DE Germany FR France IT Italy ES Spain "
    "AT Austria PL Poland SE Sweden DK Denmark PT Portugal IE Ireland CZ Czechia FI Finland",
}
_UNITS: Final = {
    "nl": {"C62": "st", "HUR": "u", "MTK": "m²", "MON": "mnd", "DAY": "dag"},
    "fr": {"C62": "pc", "HUR": "h", "MTK": "m²", "MON": "mois", "DAY": "jour"},
    "de": {"C62": "Stk.", "HUR": "Std.", "MTK": "m²", "MON": "Mon.", "DAY": "Tag"},
    "en": {"C62": "pcs", "HUR": "h", "MTK": "m²", "MON": "month", "DAY": "day"},
}
# Line items in the document's language where the record's (nl/fr) description does not fit.
_GOODS: Final = {
    "de": ["Büromaterial", "Ersatzteile", "Montage", "Beratung", "Transportkosten", "Wartung"],
    "en": [
        "Office supplies",
        "Spare parts",
        "Installation",
        "Consulting",
        "Freight",
        "Maintenance",
    ],
    "nl": ["Kantoorbenodigdheden", "Onderdelen", "Montage", "Advies", "Transport", "Onderhoud"],
    "fr": ["Fournitures", "Pièces détachées", "Montage", "Conseil", "Transport", "Entretien"],
}
_SHOP_GOODS: Final = {
    "de": ["Kaffee", "Brötchen", "Druckerpapier A4", "Kugelschreiber", "Wasser 1,5l", "Batterien"],
    "en": ["Coffee", "Sandwich", "Printer paper A4", "Ballpoint pens", "Water 1.5l", "Batteries"],
    "nl": ["Koffie", "Broodje kaas", "Printpapier A4", "Balpennen", "Water 1,5l", "Batterijen"],
    "fr": ["Café", "Sandwich", "Papier A4", "Stylos bille", "Eau 1,5l", "Piles AA"],
}


def country_name(code: str, lang: str) -> str:
    words = COUNTRY_NAMES[lang].split()
    i = words.index(code)
    out = []
    for w in words[i + 1 :]:
        if len(w) == 2 and w.isupper():
            break
        out.append(w)
    return " ".join(out)


def fmt_amount(value: Decimal, style: str) -> str:
    """``eu`` 1.234,56 / ``fr`` 1 234,56 / ``en`` 1,234.56 / ``plain`` 1234,56 / ``dot`` 1234.56."""
    negative = value < 0
    q = f"{abs(value):,.2f}"
    if style == "en":
        s = q
    elif style == "dot":
        s = q.replace(",", "")
    elif style == "plain":
        s = q.replace(",", "").replace(".", ",")
    else:
        sep = "." if style == "eu" else " "
        s = q.replace(",", "\0").replace(".", ",").replace("\0", sep)
    return f"-{s}" if negative else s


def fmt_date(d: date, lang: str, style: str) -> str:
    """slash/dot/dash day-first, ``us`` 03/14/2024, ``iso``, ``long`` (written month, in the
    language's order: 14 maart 2024, 14. März 2024, March 14, 2024), ``short`` (14 Mar 2024)."""
    if style in ("long", "short"):
        names = (MONTHS if style == "long" else SHORT_MONTHS)[lang].split()
        month = names[d.month - 1]
        if lang == "en":
            return f"{month} {d.day}, {d.year}" if style == "long" else f"{d.day} {month} {d.year}"
        if lang == "de":
            return f"{d.day}. {month} {d.year}"
        day = "1er" if lang == "fr" and d.day == 1 else str(d.day)
        return f"{day} {month} {d.year}"
    if style == "us":
        return f"{d.month:02d}/{d.day:02d}/{d.year}"
    if style == "iso":
        return d.isoformat()
    sep = {"slash": "/", "dot": ".", "dash": "-"}[style]
    return f"{d.day:02d}{sep}{d.month:02d}{sep}{d.year}"


def fmt_vat(vat: str, style: int) -> str:
    """0 compact, 1 prefix spaced (``DE 123456789``), 2 grouped (BE KBO dots, others blocks)."""
    cc, body = vat[:2], vat[2:]
    if style == 0:
        return vat
    if style == 1:
        return f"{cc} {body}"
    if cc == "BE":
        return f"BE {body[:4]}.{body[4:7]}.{body[7:]}"
    if cc == "FR":
        return f"FR {body[:2]} {body[2:5]} {body[5:8]} {body[8:]}"
    if cc == "DE":
        return f"DE {body[:3]} {body[3:6]} {body[6:]}"
    return f"{cc} {body}"


def fmt_iban(iban: str | None) -> str:
    raw = iban or ""
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


# --- the prepared document -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Line:
    desc: str
    qty: str
    unit_price: str
    amount: str
    rate: str


@dataclass(frozen=True, slots=True)
class VatLine:
    rate: str  # "21%"
    base: str
    amount: str
    gross: str
    money: str  # the VAT amount with its currency and sign, as a totals block prints it


@dataclass(frozen=True, slots=True)
class Spec:
    """How a layout prints: its conventions, not its drawing."""

    kind: str = "invoice"  # invoice | credit_note | receipt
    wording: int = 0
    date_style: str = "slash"
    amount_style: str = "eu"
    currency: str = "€ {}"  # template; "{}" alone = amounts bare, currency in a header
    vat_style: int = 0
    number_scheme: str = "record"
    due: str = "date"  # date | terms | sentence | none
    customer: str = "full"  # full (name + VAT) | none | name_vat (receipts) | optional
    multi_rate: bool = False
    trade_name: bool = False  # letterhead shows a trade name, legal name elsewhere
    page: str = "a4"  # a4 | receipt
    us_dates: bool = False  # month-first on English documents
    negative: bool = False  # credit note amounts printed with a minus sign
    prints_terms: bool = True  # False: the layout prints its due date but no terms in days
    language: str | None = None  # a convention of one language only (US dates: English)


@dataclass(frozen=True, slots=True)
class VDoc:
    lang: str
    spec: Spec
    labels: dict[str, str]
    kind: str
    title: str
    number: str
    number_label: str
    date_label: str
    total_label: str
    issue: str
    due: str | None
    terms: str | None
    terms_days: int | None
    reference: str | None
    customer_no: str
    order_no: str
    delivery_no: str
    original_number: str | None
    seller: Party
    trade: str  # what the letterhead shows (the legal name unless a trade name is used)
    seller_lines: list[str]  # name, street, postcode city[, country]
    seller_vat: str
    seller_iban: str
    buyer: Party | None
    buyer_lines: list[str]
    buyer_vat: str | None
    lines: list[Line]
    subtotal: str
    vat_lines: list[VatLine]
    vat_total: str
    total: str  # with currency
    total_bare: str
    currency_code: str
    note: str | None
    money_template: str
    amount_style: str
    # the raw values, for layouts that print them differently (sentences, slips)
    gross: Decimal = field(default=Decimal(0))
    issue_date: date = field(default=date(2000, 1, 1))
    due_date: date | None = None

    def money(self, value: Decimal) -> str:
        return self.money_template.format(fmt_amount(value, self.amount_style))

    def bare(self, value: Decimal) -> str:
        return fmt_amount(value, self.amount_style)


def _number(record: Record, scheme: str, kind: str, lang: str) -> str:
    raw = str(record["invoice_number"])  # FA2023-00001 / F2023-00001
    year, seq = raw[-10:-6], raw[-5:]
    yy = year[2:]
    if kind == "credit_note":
        prefix = {"nl": "CN", "fr": "AV", "de": "GS", "en": "CR"}[lang]
    elif kind == "receipt":
        prefix = ""
    else:
        prefix = {"nl": "F", "fr": "FC", "de": "RE", "en": "INV"}[lang]
    if scheme == "record":
        return raw if kind == "invoice" else f"{prefix}{year}-{seq}"
    if scheme == "dash":
        return f"{prefix or 'T'}-{year}-{seq}"
    if scheme == "slash":
        return f"{year}/{seq}"
    if scheme == "short":
        return f"{prefix or 'B'}{yy}{seq}"
    if scheme == "digits":
        return f"{yy}{int(seq):06d}"
    if scheme == "dotted":
        return f"{year}.{int(seq):04d}"
    if scheme == "till":  # receipt: store/till/sequence
        return f"{int(seq) % 90 + 10:02d}-{int(seq):06d}"
    raise ValueError(scheme)


def _distractors(record: Record, lang: str) -> tuple[str, str, str]:
    iid = int(record["invoice_id"])
    order = {"nl": "BST", "fr": "CMD", "de": "4500", "en": "PO-"}[lang]
    order_no = f"{order}{100000 + pick(iid, 'order', 899999)}"
    delivery_no = f"LS{200000 + pick(iid, 'delivery', 799999)}"
    return order_no, str(record["customer_reference"]), delivery_no


def _benelux(p: dict[str, Any]) -> Party:
    return Party(
        str(p["name"]),
        str(p["street"]),
        str(p["postcode"]),
        str(p["city"]),
        str(p["country"]),
        str(p["vat"]),
        p.get("iban"),
    )


def _parties(record: Record, spec: Spec, lang: str) -> tuple[Party, Party | None]:
    """Seller (mostly the Benelux member) and customer (Benelux or another EU state)."""
    iid = int(record["invoice_id"])
    seller, buyer = _benelux(record["seller"]), _benelux(record["buyer"])
    if spec.kind == "receipt":
        # A shop in the language's country, or the member's own country.
        country = {"de": "DE", "fr": "FR"}.get(lang)
        if country and pick(iid, "shop-abroad", 2) == 0:
            seller = company_abroad(country, f"shop-{iid}")
        return seller, (buyer if spec.customer == "name_vat" else None)
    # About one in eight: a foreign seller invoicing the Benelux customer.
    if pick(iid, "foreign-seller", 8) == 0:
        by_lang = {"de": ("DE", "AT"), "fr": ("FR",), "nl": ("NL",)}.get(lang, SELLER_COUNTRIES)
        country = by_lang[pick(iid, "seller-country", len(by_lang))]
        return company_abroad(country, f"seller-{iid}"), buyer
    # About two in five: the customer is in another EU state.
    if pick(iid, "customer-abroad", 5) < 2:
        pool = {"de": ("DE", "AT", "LU"), "fr": ("FR", "LU")}.get(lang, CUSTOMER_COUNTRIES)
        country = pool[pick(iid, "customer-country", len(pool))]
        if country != seller.country:
            buyer = company_abroad(country, f"customer-{iid}")
    return seller, buyer


def _lines(record: Record, lang: str, spec: Spec) -> list[tuple[str, Decimal, str, Decimal]]:
    """(description, quantity, unit, unit price) in the document's language."""
    iid = int(record["invoice_id"])
    out = []
    for i, line in enumerate(record["lines"]):
        desc = str(line["description"])
        if spec.kind == "receipt":
            desc = _SHOP_GOODS[lang][(pick(iid, "goods", 6) + i) % 6]
        elif lang not in ("nl", "fr") or lang != record["language"]:
            desc = _GOODS[lang][(pick(iid, "goods", 6) + i) % 6]
        unit = _UNITS[lang].get(str(line["unit_code"]), "")
        price = Decimal(str(line["unit_price"]))
        qty = Decimal(str(line["quantity"]))
        if spec.kind == "receipt":  # shop prices (0.89 .. 48.89), small quantities
            price = Decimal(89 + pick(iid, f"price-{i}", 4800)) / 100
            qty = Decimal(1 + i % 3)
        out.append((desc, qty, unit, price))
    return out


def prepare(record: Record, spec: Spec, layout: str, lang: str) -> tuple[VDoc, VariedTruth]:
    """The printed strings of one document in ``layout`` and what a reader must find on it."""
    iid = int(record["invoice_id"])
    lang = spec.language or lang
    labels = {k: v[spec.wording % len(v)] for k, v in VLABELS[lang].items()}
    seller, buyer = _parties(record, spec, lang)
    amount_style = spec.amount_style
    if lang == "en" and amount_style not in ("en", "dot"):
        amount_style = "en"
    currency_code = "EUR"
    template = spec.currency
    if seller.country in LOCAL_CURRENCY and pick(iid, "local-currency", 2) == 0:
        currency_code = LOCAL_CURRENCY[seller.country]
        template = "{} " + currency_code if template != "{}" else template
    elif seller.country not in ("BE", "NL", "LU") and spec.kind != "receipt":
        template = "{} EUR" if template != "{}" else template

    # VAT: the seller's country rates; an intra-EU B2B supply is exempt (rate 0, with a note).
    intra = buyer is not None and buyer.country != seller.country and spec.kind != "receipt"
    reverse = (
        bool(record["vat_note"]) and not intra and seller.country == "BE" and spec.kind != "receipt"
    )
    std = (
        STANDARD_RATE[seller.country] if seller.country != "BE" else record["totals"]["vat_percent"]
    )
    if spec.kind == "receipt" and not std:
        std = STANDARD_RATE[seller.country]
    items = _lines(record, lang, spec)
    rows: list[Line] = []
    bases: dict[Decimal, Decimal] = {}
    for i, (desc, qty, unit, price) in enumerate(items):
        rate = Decimal(str(std))
        if spec.multi_rate and i % 2 == 1:
            rate = Decimal(str(REDUCED_RATE[seller.country]))
        if intra or reverse:
            rate = Decimal(0)
        net = (qty * price).quantize(CENT, ROUND_HALF_UP)
        bases[rate] = bases.get(rate, Decimal(0)) + net
        qty_text = f"{qty.normalize():f}".replace(".", "," if amount_style != "en" else ".")
        rows.append(
            Line(
                desc,
                f"{qty_text} {unit}".strip() if spec.kind != "receipt" else qty_text,
                fmt_amount(price, amount_style),
                fmt_amount(-net if spec.negative else net, amount_style),
                f"{rate.normalize():f}%",
            )
        )
    sign = Decimal(-1) if spec.negative else Decimal(1)
    money_template = template

    def money(v: Decimal) -> str:
        return money_template.format(fmt_amount(v, amount_style))

    vat_lines = []
    net_total = vat_total = Decimal(0)
    for rate, base in sorted(bases.items(), reverse=True):
        tax = (base * rate / 100).quantize(CENT, ROUND_HALF_UP)
        net_total += base
        vat_total += tax
        vat_lines.append(
            VatLine(
                f"{rate.normalize():f}%",
                fmt_amount(base, amount_style),
                fmt_amount(tax, amount_style),
                fmt_amount(base + tax, amount_style),
                money(tax * sign),
            )
        )
    gross = net_total + vat_total

    issue_d = date.fromisoformat(str(record["issue_date"]))
    due_d = date.fromisoformat(str(record["due_date"]))
    terms_days = int(record["payment_terms_days"])
    date_style = spec.date_style
    if lang == "en" and spec.us_dates:
        date_style = "us" if date_style != "long" else "long"
    elif date_style == "us":
        date_style = "slash"
    due_text = fmt_date(due_d, lang, date_style)
    issue_text = fmt_date(issue_d, lang, date_style)
    prints_due_date = spec.kind == "invoice" and spec.due in ("date", "sentence")
    prints_terms = spec.kind == "invoice" and (
        spec.due == "terms" or (spec.due == "date" and spec.prints_terms)
    )
    terms = labels["terms_text"].format(terms_days) if prints_terms else None
    if spec.kind == "credit_note":
        title, number_label, date_label = (
            labels["credit_note"],
            labels["credit_number"],
            labels["credit_date"],
        )
        total_label = labels["credit_total"]
    elif spec.kind == "receipt":
        date_label = "Date" if lang in ("fr", "en") else "Datum"
        title, number_label = labels["receipt"], labels["receipt_number"]
        total_label = labels["receipt_total"]
    else:
        title, number_label, date_label = labels["invoice"], labels["number"], labels["date"]
        total_label = labels["total"]
    number = _number(record, spec.number_scheme, spec.kind, lang)
    # A credit note names the invoice it corrects: an earlier number of the same series.
    raw = str(record["invoice_number"])
    original = f"{raw[:-5]}{max(1, int(raw[-5:]) - 7):05d}" if spec.kind == "credit_note" else None
    order_no, customer_no, delivery_no = _distractors(record, lang)

    def party_lines(p: Party, domestic: str) -> list[str]:
        lines = [p.name, p.street, f"{p.postcode} {p.city}"]
        if p.country != domestic:
            lines.append(country_name(p.country, lang))
        return lines

    show_buyer = buyer is not None and spec.customer != "none"
    trade = seller.name
    if spec.trade_name:
        words = [w for w in seller.name.split() if not any(c in w for c in ".&") and len(w) > 2]
        trade = " ".join(words[:2]).upper() if words else seller.name
        if trade.casefold() == seller.name.casefold():
            trade = f"{trade} GROUP"
    reference = (
        record["payment_reference"] if seller.country == "BE" and spec.kind == "invoice" else None
    )
    note = None
    if intra:
        note = labels["intra"]
    elif reverse:
        note = {
            "nl": "Btw verlegd - verlegging van heffing (art. 20 KB nr. 1)",
            "fr": "Autoliquidation - art. 20 AR n° 1",
            "de": "Steuerschuldnerschaft des Leistungsempfängers",
            "en": "Reverse charge - VAT due by the customer",
        }[lang]
    doc = VDoc(
        lang=lang,
        spec=spec,
        labels=labels,
        kind=spec.kind,
        title=title,
        number=number,
        number_label=number_label,
        date_label=date_label,
        total_label=total_label,
        issue=issue_text,
        due=due_text if prints_due_date else None,
        terms=terms,
        terms_days=terms_days if prints_terms else None,
        reference=reference,
        customer_no=customer_no,
        order_no=order_no,
        delivery_no=delivery_no,
        original_number=original,
        seller=seller,
        trade=trade,
        seller_lines=party_lines(seller, buyer.country if buyer else seller.country),
        seller_vat=fmt_vat(str(seller.vat), (spec.vat_style + 1) % 3),
        seller_iban=fmt_iban(seller.iban),
        buyer=buyer if show_buyer else None,
        buyer_lines=party_lines(buyer, seller.country) if show_buyer and buyer else [],
        buyer_vat=fmt_vat(str(buyer.vat), spec.vat_style) if show_buyer and buyer else None,
        lines=rows,
        subtotal=money(net_total * sign),
        vat_lines=vat_lines,
        vat_total=money(vat_total * sign),
        total=money(gross * sign),
        total_bare=fmt_amount(gross * sign, amount_style),
        currency_code=currency_code,
        note=note,
        money_template=money_template,
        amount_style=amount_style,
        gross=gross * sign,
        issue_date=issue_d,
        due_date=due_d if prints_due_date else None,
    )
    truth = VariedTruth(
        invoice_id=iid,
        split=split_of(iid),
        layout=layout,
        language=lang,
        doc_type=spec.kind,
        seller_name=seller.name,
        seller_vat=str(seller.vat),
        debtor_name=buyer.name if show_buyer and buyer else None,
        debtor_vat=str(buyer.vat) if show_buyer and buyer and buyer.vat else None,
        invoice_number=number,
        invoice_date=issue_d.isoformat(),
        due_date=due_d.isoformat() if prints_due_date else None,
        payment_terms_days=terms_days if prints_terms else None,
        total=str(gross.quantize(CENT)),
        currency=currency_code,
        customer_country=buyer.country if show_buyer and buyer else None,
        seller_country=seller.country,
    )
    return doc, truth
