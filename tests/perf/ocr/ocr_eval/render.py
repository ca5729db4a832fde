"""Invoice pages from OCR records: six layouts, three languages, several fonts, A4 at 300 dpi.

The layouts differ where real invoices differ: where the seller and customer blocks sit (letter
head, address window, sidebar, footer only), whether the customer block has a label, how the
invoice number, dates and total are labelled (same line, label above value, one inline row, a
heading, a sentence), table styles (rules, grid, zebra, shaded header, none), date and amount
formats, how VAT numbers are grouped. The ground truth never depends on the layout.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Final

from PIL import Image, ImageDraw, ImageFont

from .evalset import Record, document_language, pick

W, H = 2480, 3508  # A4 at 300 dpi
LEFT, RIGHT = 200, 2280

# Font families by name: (regular, bold). Absent files are skipped (see the README for the
# Debian packages: fonts-dejavu-core, fonts-liberation, fonts-freefont-ttf).
_FONT_FILES: Final = {
    "dejavu-sans": ("dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf"),
    "dejavu-serif": ("dejavu/DejaVuSerif.ttf", "dejavu/DejaVuSerif-Bold.ttf"),
    "dejavu-sans-condensed": (
        "dejavu/DejaVuSansCondensed.ttf",
        "dejavu/DejaVuSansCondensed-Bold.ttf",
    ),
    "liberation-sans": (
        "liberation/LiberationSans-Regular.ttf",
        "liberation/LiberationSans-Bold.ttf",
    ),
    "liberation-serif": (
        "liberation/LiberationSerif-Regular.ttf",
        "liberation/LiberationSerif-Bold.ttf",
    ),
    "freesans": ("freefont/FreeSans.ttf", "freefont/FreeSansBold.ttf"),
    "freeserif": ("freefont/FreeSerif.ttf", "freefont/FreeSerifBold.ttf"),
}
_MONO_FILES: Final = ("liberation/LiberationMono-Regular.ttf", "dejavu/DejaVuSansMono.ttf")
FONT_ROOT = Path("/usr/share/fonts/truetype")


def available_fonts() -> list[str]:
    return [
        name for name, files in _FONT_FILES.items() if all((FONT_ROOT / f).is_file() for f in files)
    ]


@cache
def _font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_ROOT / path), size)


# --- localisation --------------------------------------------------------------------------

# Each label has wording variants; a layout picks one by its wording index.
LABELS: Final[dict[str, dict[str, list[str]]]] = {
    "nl": {
        "title": ["FACTUUR", "Factuur", "FACTUUR"],
        "number": ["Factuurnummer", "Factuurnr.", "Factuur nr."],
        "date": ["Factuurdatum", "Datum", "Datum factuur"],
        "due": ["Vervaldatum", "Vervaldag", "Uiterste betaaldatum"],
        "customer": ["Klant", "Factuur aan", "Aan"],
        "customer_no": ["Klantnummer", "Uw klantnr.", "Klantnr."],
        "total": ["Totaal te betalen", "Te betalen", "Totaal incl. btw"],
        "subtotal": ["Totaal excl. btw", "Maatstaf van heffing", "Subtotaal"],
        "vat": ["Btw", "BTW", "Btw"],
        "vat_id": ["BTW", "Btw-nr.", "BTW-nummer"],
        "terms": ["Betalingsvoorwaarden", "Betalingstermijn", "Betaling"],
        "reference": ["Gestructureerde mededeling", "Mededeling", "Betaalreferentie"],
        "desc": ["Omschrijving", "Omschrijving", "Artikel"],
        "qty": ["Aantal", "Aantal", "Aantal"],
        "unit_price": ["Eenheidsprijs", "Prijs", "Prijs/eenheid"],
        "amount": ["Bedrag", "Totaal", "Bedrag"],
        "thanks": ["Bedankt voor uw vertrouwen.", "", "Met vriendelijke groeten."],
    },
    "fr": {
        "title": ["FACTURE", "Facture", "FACTURE"],
        "number": ["N° de facture", "Facture n°", "Numéro de facture"],
        "date": ["Date de facture", "Date", "Date d'émission"],
        "due": ["Date d'échéance", "Échéance", "À payer avant le"],
        "customer": ["Client", "Facturé à", "Destinataire"],
        "customer_no": ["N° client", "Réf. client", "Votre n° client"],
        "total": ["Total à payer", "Montant à payer", "Total TVAC"],
        "subtotal": ["Total HTVA", "Base imposable", "Sous-total"],
        "vat": ["TVA", "TVA", "TVA"],
        "vat_id": ["TVA", "N° TVA", "N° d'entreprise"],
        "terms": ["Conditions de paiement", "Délai de paiement", "Paiement"],
        "reference": ["Communication structurée", "Communication", "Référence de paiement"],
        "desc": ["Description", "Désignation", "Article"],
        "qty": ["Quantité", "Qté", "Quantité"],
        "unit_price": ["Prix unitaire", "P.U.", "Prix"],
        "amount": ["Montant", "Total", "Montant"],
        "thanks": ["Merci pour votre confiance.", "", "Avec nos salutations distinguées."],
    },
    "en": {
        "title": ["INVOICE", "Invoice", "INVOICE"],
        "number": ["Invoice number", "Invoice no.", "Invoice #"],
        "date": ["Invoice date", "Date", "Date of issue"],
        "due": ["Due date", "Payment due", "Pay by"],
        "customer": ["Bill to", "Customer", "Invoice to"],
        "customer_no": ["Customer no.", "Customer ID", "Account"],
        "total": ["Amount due", "Total due", "Total incl. VAT"],
        "subtotal": ["Subtotal", "Total excl. VAT", "Net amount"],
        "vat": ["VAT", "VAT", "VAT"],
        "vat_id": ["VAT", "VAT no.", "VAT number"],
        "terms": ["Payment terms", "Terms", "Payment"],
        "reference": ["Payment reference", "Reference", "Remittance reference"],
        "desc": ["Description", "Item", "Description"],
        "qty": ["Qty", "Quantity", "Qty"],
        "unit_price": ["Unit price", "Price", "Rate"],
        "amount": ["Amount", "Total", "Amount"],
        "thanks": ["Thank you for your business.", "", "Kind regards."],
    },
}
_MONTHS: Final = {
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "en": "January February March April May June July August September October November December",
}
_TERMS: Final = {
    "nl": ["{} dagen", "binnen {} dagen na factuurdatum", "{} dagen netto"],
    "fr": ["{} jours", "à {} jours date de facture", "{} jours net"],
    "en": ["net {}", "within {} days", "{} days net"],
}
_UNITS: Final = {
    "nl": {"C62": "st", "HUR": "u", "MTK": "m²", "MON": "mnd", "DAY": "dag"},
    "fr": {"C62": "pc", "HUR": "h", "MTK": "m²", "MON": "mois", "DAY": "jour"},
    "en": {"C62": "pcs", "HUR": "h", "MTK": "m²", "MON": "month", "DAY": "day"},
}
_COUNTRY: Final = {
    "nl": {"BE": "België", "NL": "Nederland", "LU": "Luxemburg"},
    "fr": {"BE": "Belgique", "NL": "Pays-Bas", "LU": "Luxembourg"},
    "en": {"BE": "Belgium", "NL": "Netherlands", "LU": "Luxembourg"},
}
_REVERSE: Final = {
    "nl": "Btw verlegd - verlegging van heffing (art. 196 Richtlijn 2006/112/EG)",
    "fr": "Autoliquidation - TVA due par le preneur (art. 196 Directive 2006/112/CE)",
    "en": "Reverse charge - VAT due by the customer (art. 196 Directive 2006/112/EC)",
}
_PLEASE_PAY: Final = {
    "nl": "Gelieve {amount} te betalen voor {due} op rekening {iban}.",
    "fr": "Montant de {amount} à payer avant le {due} sur le compte {iban}.",
    "en": "Please pay {amount} before {due} to account {iban}.",
}


def fmt_amount(value: Decimal, style: str) -> str:
    """``eu`` 1.234,56 / ``fr`` 1 234,56 / ``en`` 1,234.56 / ``plain`` 1234,56."""
    q = f"{value:,.2f}"  # 1,234.56
    if style == "en":
        return q
    if style == "plain":
        return q.replace(",", "").replace(".", ",")
    sep = "." if style == "eu" else " "
    return q.replace(",", "\0").replace(".", ",").replace("\0", sep)


def fmt_money(value: Decimal, style: str, currency: str) -> str:
    """Amount with its currency; ``currency`` is a template such as ``€ {}`` or ``{} EUR``."""
    return currency.format(fmt_amount(value, style))


def fmt_date(iso: str, lang: str, style: str) -> str:
    d = date.fromisoformat(iso)
    if style == "long":
        month = _MONTHS[lang].split()[d.month - 1]
        return f"{d.day} {month} {d.year}"
    sep = {"slash": "/", "dash": "-", "dot": "."}[style]
    return f"{d.day:02d}{sep}{d.month:02d}{sep}{d.year}"


def fmt_vat(vat: str, style: int) -> str:
    """Printed forms: compact, spaced after the prefix, KBO-dotted or grouped by blocks."""
    cc, body = vat[:2], vat[2:]
    if style == 0:
        return vat
    if cc == "BE":
        if style == 1:
            return f"BE {body[:4]}.{body[4:7]}.{body[7:]}"
        return f"BE {body[:4]} {body[4:7]} {body[7:]}"
    if cc == "NL":
        return f"NL {body}" if style == 1 else f"NL{body[:9]}.{body[9:]}"
    return f"LU {body}" if style == 1 else f"LU{body}"


def fmt_iban(iban: str | None) -> str:
    raw = iban or ""
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


# --- the prepared document -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Row:
    desc: str
    qty: str
    unit_price: str
    amount: str


@dataclass(frozen=True, slots=True)
class Doc:
    lang: str
    labels: dict[str, str]
    number: str
    issue: str
    due: str
    terms: str
    reference: str | None
    customer_no: str
    seller: list[str]  # name, street, postcode city
    seller_vat: str
    seller_iban: str
    seller_city: str
    buyer: list[str]  # name, street, postcode city[, country]
    buyer_vat: str
    rows: list[Row]
    subtotal: str
    vat_line: str
    vat_amount: str
    total: str  # with currency
    total_bare: str
    note: str | None


@dataclass(frozen=True, slots=True)
class Style:
    wording: int
    date_style: str
    amount_style: str
    currency: str
    vat_style: int


def prepare(record: Record, style: Style) -> Doc:
    lang = document_language(record)
    labels = {k: v[style.wording % len(v)] for k, v in LABELS[lang].items()}
    if lang == "en" and style.amount_style != "en":
        style = Style(style.wording, style.date_style, "en", style.currency, style.vat_style)

    def money(amount: str) -> str:
        return fmt_money(Decimal(amount), style.amount_style, style.currency)

    def bare(amount: str) -> str:
        return fmt_amount(Decimal(amount), style.amount_style)

    seller, buyer = record["seller"], record["buyer"]
    buyer_lines = [buyer["name"], buyer["street"], f"{buyer['postcode']} {buyer['city']}"]
    if buyer["country"] != seller["country"]:
        buyer_lines.append(_COUNTRY[lang][buyer["country"]])
    rows = []
    for line in record["lines"]:
        qty = Decimal(line["quantity"])
        unit = _UNITS[lang].get(line["unit_code"], "")
        qty_text = fmt_amount(qty, style.amount_style).rstrip("0").rstrip(".,")
        rows.append(
            Row(
                line["description"],
                f"{qty_text} {unit}".strip(),
                bare(line["unit_price"]),
                bare(line["net_amount"]),
            )
        )
    totals = record["totals"]
    terms_days = int(record["payment_terms_days"])
    return Doc(
        lang=lang,
        labels=labels,
        number=str(record["invoice_number"]),
        issue=fmt_date(record["issue_date"], lang, style.date_style),
        due=fmt_date(record["due_date"], lang, style.date_style),
        terms=_TERMS[lang][style.wording % 3].format(terms_days),
        reference=record["payment_reference"],
        customer_no=str(record["customer_reference"]),
        seller=[seller["name"], seller["street"], f"{seller['postcode']} {seller['city']}"],
        seller_vat=fmt_vat(seller["vat"], (style.vat_style + 1) % 3),
        seller_iban=fmt_iban(seller["iban"]),
        seller_city=str(seller["city"]),
        buyer=buyer_lines,
        buyer_vat=fmt_vat(buyer["vat"], style.vat_style),
        rows=rows,
        subtotal=money(totals["net"]),
        vat_line=f"{labels['vat']} {totals['vat_percent']}%",
        vat_amount=money(totals["vat"]),
        total=money(totals["gross"]),
        total_bare=bare(totals["gross"]),
        note=_REVERSE[lang] if record["vat_note"] else None,
    )


# --- drawing -------------------------------------------------------------------------------


class Canvas:
    def __init__(self, family: str) -> None:
        self.image = Image.new("L", (W, H), 255)
        self.draw = ImageDraw.Draw(self.image)
        self.regular, self.bold = _FONT_FILES[family]
        mono = next((f for f in _MONO_FILES if (FONT_ROOT / f).is_file()), self.regular)
        self.mono = mono

    def font(self, size: int, bold: bool = False, mono: bool = False) -> ImageFont.FreeTypeFont:
        return _font(self.mono if mono else self.bold if bold else self.regular, size)

    def text(
        self,
        x: float,
        y: float,
        s: str,
        size: int = 40,
        *,
        bold: bool = False,
        mono: bool = False,
        right: bool = False,
        centre: bool = False,
        fill: int = 0,
    ) -> None:
        if not s:
            return
        anchor = "ra" if right else "ma" if centre else "la"
        self.draw.text((x, y), s, font=self.font(size, bold, mono), fill=fill, anchor=anchor)

    def width(self, s: str, size: int = 40, bold: bool = False) -> float:
        return float(self.font(size, bold).getlength(s))

    def hline(self, x0: float, x1: float, y: float, width: int = 3, fill: int = 0) -> None:
        self.draw.line([(x0, y), (x1, y)], fill=fill, width=width)

    def vline(self, x: float, y0: float, y1: float, width: int = 3) -> None:
        self.draw.line([(x, y0), (x, y1)], fill=0, width=width)

    def rect(
        self, box: tuple[float, float, float, float], *, fill: int | None = None, width: int = 3
    ) -> None:
        self.draw.rectangle(box, fill=fill, outline=0 if width else None, width=width)


def _table(
    c: Canvas,
    doc: Doc,
    y: int,
    *,
    style: str,
    size: int = 40,
    mono: bool = False,
) -> int:
    """Line items; ``style`` = rules | grid | zebra | shaded | plain. Returns the y below it."""
    lab = doc.labels
    cols = [LEFT + 20, 1350, 1800, RIGHT - 20]  # desc left; qty, price, amount right-aligned
    row_h = int(size * 1.6)
    top = y
    if style == "shaded":
        c.rect((LEFT, y - 12, RIGHT, y + row_h - 12), fill=215, width=0)
    c.text(cols[0], y, lab["desc"], size, bold=True)
    c.text(cols[1], y, lab["qty"], size, bold=True, right=True)
    c.text(cols[2], y, lab["unit_price"], size, bold=True, right=True)
    c.text(cols[3], y, lab["amount"], size, bold=True, right=True)
    y += row_h
    if style in ("rules", "grid"):
        c.hline(LEFT, RIGHT, y - 14)
    for i, row in enumerate(doc.rows):
        if style == "zebra" and i % 2 == 0:
            c.rect((LEFT, y - 12, RIGHT, y + row_h - 12), fill=232, width=0)
        c.text(cols[0], y, row.desc, size)
        c.text(cols[1], y, row.qty, size, right=True, mono=mono)
        c.text(cols[2], y, row.unit_price, size, right=True, mono=mono)
        c.text(cols[3], y, row.amount, size, right=True, mono=mono)
        y += row_h
        if style == "grid":
            c.hline(LEFT, RIGHT, y - 14, width=2)
    if style == "grid":
        c.rect((LEFT, top - 20, RIGHT, y - 14), width=3)
        for x in (1100, 1400, 1850):
            c.vline(x, top - 20, y - 14, width=2)
    if style == "rules":
        c.hline(LEFT, RIGHT, y - 10)
    return y + 40


def _totals(
    c: Canvas, doc: Doc, y: int, *, size: int = 40, x_label: int = 1350, big: bool = False
) -> int:
    lab = doc.labels
    step = int(size * 1.6)
    c.text(x_label, y, lab["subtotal"], size)
    c.text(RIGHT - 20, y, doc.subtotal, size, right=True)
    y += step
    c.text(x_label, y, doc.vat_line, size)
    c.text(RIGHT - 20, y, doc.vat_amount, size, right=True)
    y += step
    c.hline(x_label, RIGHT, y - 12, width=2)
    tsize = int(size * 1.3) if big else size
    c.text(x_label, y + 8, lab["total"], tsize, bold=True)
    c.text(RIGHT - 20, y + 8, doc.total, tsize, bold=True, right=True)
    return y + int(tsize * 1.6) + 30


def _party(c: Canvas, x: int, y: int, lines: list[str], size: int, *, bold_first: bool) -> int:
    for i, s in enumerate(lines):
        c.text(x, y, s, size, bold=bold_first and i == 0)
        y += int(size * 1.35)
    return y


def _terms_block(c: Canvas, doc: Doc, y: int, size: int = 38, *, x: int = LEFT) -> int:
    lab = doc.labels
    c.text(x, y, f"{lab['terms']}: {doc.terms}", size)
    y += int(size * 1.5)
    if doc.reference:
        c.text(x, y, f"{lab['reference']}: {doc.reference}", size)
        y += int(size * 1.5)
    if doc.note:
        c.text(x, y, doc.note, size - 4)
        y += int(size * 1.5)
    return y


# --- the six layouts -----------------------------------------------------------------------


def _classic(c: Canvas, doc: Doc) -> None:
    """Letterhead top-left, labelled customer block right, label: value meta, ruled table."""
    lab = doc.labels
    _party(c, LEFT, 200, doc.seller, 44, bold_first=True)
    c.text(LEFT, 200 + 4 * 60, f"{lab['vat_id']} {doc.seller_vat}", 40)
    c.text(RIGHT, 200, lab["title"], 90, bold=True, right=True)
    c.text(1350, 620, f"{lab['customer']}:", 42, bold=True)
    y = _party(c, 1350, 680, doc.buyer, 42, bold_first=False)
    c.text(1350, y, f"{lab['vat_id']} {doc.buyer_vat}", 42)
    y = 1150
    for key, value in (
        ("number", doc.number),
        ("date", doc.issue),
        ("due", doc.due),
        ("customer_no", doc.customer_no),
    ):
        c.text(LEFT, y, f"{lab[key]}:", 40)
        c.text(760, y, value, 40)
        y += 60
    y = _table(c, doc, y + 120, style="rules")
    y = _totals(c, doc, y + 20)
    _terms_block(c, doc, y + 60)
    footer = f"{doc.seller[0]} - {doc.seller[1]}, {doc.seller[2]} - {doc.seller_iban}"
    c.hline(LEFT, RIGHT, 3250, width=2)
    c.text(W / 2, 3280, footer, 32, centre=True)
    c.text(W / 2, 3330, f"{lab['vat_id']} {doc.seller_vat}", 32, centre=True)


def _grid(c: Canvas, doc: Doc) -> None:
    """Centred title, address window without label, meta as a boxed grid (label above value),
    full grid table, seller details only in the footer."""
    lab = doc.labels
    c.text(W / 2, 170, lab["title"], 84, bold=True, centre=True)
    _party(c, LEFT, 380, doc.seller, 34, bold_first=True)
    y = _party(c, 1300, 460, doc.buyer, 44, bold_first=True)
    c.text(1300, y, f"{lab['vat_id']}: {doc.buyer_vat}", 40)
    top = 1000
    c.rect((LEFT, top, RIGHT, top + 150), width=3)
    xs = [LEFT + 30, 730, 1260, 1790]
    for x, key, value in zip(
        xs,
        ("number", "date", "due", "customer_no"),
        (doc.number, doc.issue, doc.due, doc.customer_no),
        strict=True,
    ):
        c.text(x, top + 22, lab[key], 34, bold=True)
        c.text(x, top + 82, value, 40)
    for x in xs[1:]:
        c.vline(x - 30, top, top + 150, width=2)
    y = _table(c, doc, top + 300, style="grid")
    c.rect((1300, y, RIGHT, y + 250), width=2)
    y = _totals(c, doc, y + 30, x_label=1330)
    y = _terms_block(c, doc, y + 80)
    c.hline(LEFT, RIGHT, 3180, width=2)
    c.text(LEFT, 3210, f"{doc.seller[0]}  |  {doc.seller[1]}, {doc.seller[2]}", 32)
    c.text(LEFT, 3260, f"{lab['vat_id']} {doc.seller_vat}  |  IBAN {doc.seller_iban}", 32)


def _sidebar(c: Canvas, doc: Doc) -> None:
    """Seller top-right, customer top-left under its label, meta right column with
    right-aligned values, zebra table, long dates."""
    lab = doc.labels
    y = 200
    for i, s in enumerate(doc.seller):
        c.text(RIGHT, y, s, 38, bold=i == 0, right=True)
        y += 52
    c.text(RIGHT, y, f"{lab['vat_id']}: {doc.seller_vat}", 38, right=True)
    c.text(RIGHT, y + 52, f"IBAN {doc.seller_iban}", 38, right=True)
    c.text(LEFT, 240, lab["customer"], 40, bold=True)
    y = _party(c, LEFT, 300, doc.buyer, 42, bold_first=True)
    c.text(LEFT, y, f"{lab['vat_id']} {doc.buyer_vat}", 42)
    c.text(LEFT, 900, lab["title"], 72, bold=True)
    y = 920
    for key, value in (
        ("number", doc.number),
        ("date", doc.issue),
        ("due", doc.due),
        ("customer_no", doc.customer_no),
    ):
        c.text(1350, y, lab[key], 40)
        c.text(RIGHT, y, value, 40, right=True)
        y += 62
    y = _table(c, doc, y + 150, style="zebra")
    y = _totals(c, doc, y + 20, big=True)
    y = _terms_block(c, doc, y + 60)
    c.text(LEFT, y + 60, lab["thanks"], 38)


def _letter(c: Canvas, doc: Doc) -> None:
    """A letter: centred letterhead with everything on one line, customer block without label,
    "City, date" instead of a date label, number in the heading, due date in a sentence."""
    lab = doc.labels
    c.text(W / 2, 170, doc.seller[0], 60, bold=True, centre=True)
    line = f"{doc.seller[1]} · {doc.seller[2]} · {lab['vat_id']} {doc.seller_vat}"
    c.text(W / 2, 270, line, 34, centre=True)
    c.hline(LEFT, RIGHT, 340, width=3)
    y = _party(c, 1400, 520, doc.buyer, 44, bold_first=False)
    c.text(1400, y, doc.buyer_vat, 44)
    c.text(LEFT, 960, f"{doc.seller_city}, {doc.issue}", 42)
    heading = {"nl": "Factuur", "fr": "Facture n°", "en": "Invoice"}[doc.lang]
    c.text(LEFT, 1060, f"{heading} {doc.number}", 56, bold=True)
    c.text(LEFT, 1160, f"{lab['customer_no']}: {doc.customer_no}", 40)
    y = _table(c, doc, 1320, style="rules", size=42)
    y = _totals(c, doc, y + 20, size=42)
    sentence = _PLEASE_PAY[doc.lang].format(amount=doc.total, due=doc.due, iban=doc.seller_iban)
    c.text(LEFT, y + 80, sentence, 40)
    y += 150
    if doc.reference:
        c.text(LEFT, y, f"{lab['reference']}: {doc.reference}", 40)
        y += 60
    if doc.note:
        c.text(LEFT, y, doc.note, 36)
        y += 60
    c.text(LEFT, y + 80, lab["thanks"], 40)


def _band(c: Canvas, doc: Doc) -> None:
    """Dark header band (white title and seller name), seller address on one line, boxed
    labelled customer block, meta as one inline row, unruled table, big amount due."""
    lab = doc.labels
    c.rect((0, 0, W, 260), fill=45, width=0)
    c.text(LEFT, 80, lab["title"], 84, bold=True, fill=255)
    c.text(RIGHT, 100, doc.seller[0], 50, bold=True, right=True, fill=255)
    c.text(LEFT, 320, f"{doc.seller[1]}, {doc.seller[2]}  |  {lab['vat_id']} {doc.seller_vat}", 34)
    # The box grows to the left for long names: text never crosses its border.
    widest = max(
        c.width(s, 42, bold=True) for s in [*doc.buyer, f"{lab['vat_id']} {doc.buyer_vat}"]
    )
    x = min(1320, int(RIGHT - 60 - widest))
    c.rect((x - 40, 450, RIGHT, 460 + 90 + 60 * (len(doc.buyer) + 1)), width=3)
    c.text(x, 480, lab["customer"], 36, bold=True)
    y = _party(c, x, 540, doc.buyer, 42, bold_first=True)
    c.text(x, y, f"{lab['vat_id']} {doc.buyer_vat}", 42)
    y = 960
    x = LEFT
    for key, value in (("number", doc.number), ("date", doc.issue), ("due", doc.due)):
        item = f"{lab[key]} {value}"
        c.text(x, y, item, 40)
        x += int(c.width(item, 40)) + 150
    y = _table(c, doc, 1150, style="plain")
    y = _totals(c, doc, y + 20, big=True)
    y = _terms_block(c, doc, y + 60)
    c.text(LEFT, 3300, f"IBAN {doc.seller_iban}  -  {lab['customer_no']} {doc.customer_no}", 34)


def _stacked(c: Canvas, doc: Doc) -> None:
    """Big title and a logo, customer top-left under a small label, meta stacked as label
    above value on the right, shaded table header with monospaced amounts, seller only in a
    three-column footer."""
    lab = doc.labels
    c.text(LEFT, 180, lab["title"], 100, bold=True)
    initials = "".join(w[0] for w in doc.seller[0].split()[:2]).upper()
    c.draw.ellipse((RIGHT - 220, 150, RIGHT, 370), outline=0, width=8)
    c.text(RIGHT - 110, 220, initials, 70, bold=True, centre=True)
    c.text(LEFT, 560, f"{lab['customer']}:", 36, fill=90)
    y = _party(c, LEFT, 615, doc.buyer, 44, bold_first=True)
    c.text(LEFT, y, f"{lab['vat_id']} {doc.buyer_vat}", 42)
    y = 560
    for key, value in (
        ("number", doc.number),
        ("date", doc.issue),
        ("due", doc.due),
        ("customer_no", doc.customer_no),
    ):
        c.text(1500, y, lab[key], 34, fill=90)
        c.text(1500, y + 45, value, 44, bold=True)
        y += 125
    y = _table(c, doc, 1250, style="shaded", mono=True)
    y = _totals(c, doc, y + 20)
    _terms_block(c, doc, y + 60)
    c.hline(LEFT, RIGHT, 3150, width=2)
    cols = (
        doc.seller,
        [f"{lab['vat_id']} {doc.seller_vat}", doc.seller_city],
        [f"IBAN {doc.seller_iban}", "BIC GEBABEBB"],
    )
    for x, lines in zip((LEFT, 1000, 1650), cols, strict=True):
        _party(c, x, 3180, lines, 32, bold_first=False)


LAYOUTS: Final[list[tuple[str, Callable[[Canvas, Doc], None], Style]]] = [
    ("classic", _classic, Style(0, "slash", "eu", "€ {}", 1)),
    ("grid", _grid, Style(1, "dot", "eu", "{} EUR", 0)),
    ("sidebar", _sidebar, Style(2, "long", "fr", "{} €", 2)),
    ("letter", _letter, Style(0, "slash", "eu", "€ {}", 1)),
    ("band", _band, Style(1, "dash", "eu", "EUR {}", 2)),
    ("stacked", _stacked, Style(2, "slash", "plain", "{} €", 0)),
]
_SERIF_FIRST: Final = {"letter"}


def font_for(invoice_id: int, layout: int, fonts: list[str]) -> str:
    name = LAYOUTS[layout][0]
    if name in _SERIF_FIRST:
        serif = [f for f in fonts if "serif" in f]
        fonts = serif or fonts
    return fonts[pick(invoice_id, "font", len(fonts))]


def render(record: Record, layout: int, font: str) -> Image.Image:
    """One page, grayscale, 300 dpi."""
    _, draw, style = LAYOUTS[layout]
    if document_language(record) == "en" and style.date_style == "dot":
        style = Style(style.wording, "slash", style.amount_style, style.currency, style.vat_style)
    canvas = Canvas(font)
    draw(canvas, prepare(record, style))
    return canvas.image
