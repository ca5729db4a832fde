"""Invoice fields from positioned words: pure Python, no OCR, no I/O.

The approach generalises over layouts rather than fitting one: find a label (in Dutch, French,
German or English), then read the value on the same line to its right or in the cell directly
below it; fall back to weaker cues (position, the block a VAT number sits in, the largest amount)
with lower confidence. Every field carries a confidence 0..1 = the recogniser's confidence in the
words used x how strong the evidence for that reading was.

The debtor is the member's customer, not the sender. When the member's (tenant's) VAT number is
known, any other VAT number on the invoice is the debtor's; otherwise labels ("Klant",
"Facturé à", "Bill to", "Uw btw-nummer") and position (letterhead, footer with IBAN) decide.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from difflib import SequenceMatcher
from typing import TypeVar

from .amounts import AmountMatch, currency_in, find_amounts
from .calibration import calibrate
from .dates import Terms, date_order_votes, find_dates, find_terms
from .layout import Line, group_lines, make_line, normalise, words_below
from .model import Box, Field, InvoiceFields, Word
from .vat import find_vat_numbers, normalise_vat

T = TypeVar("T")

# --- labels, matched on normalised text (lower-case, accents stripped) -------------------------

_NUMBER_WORD = r"(?:nummer|number|numero|nr|no|n°|n˚|#)"
INVOICE_NUMBER = re.compile(
    rf"(?:\b(?:factuur|invoice|facture|creditnota|credit\s*note|avoir|gutschrift|kassenbon|kassabon"
    rf"|beleg|bon|quittung|receipt|ticket|recu|rechnung)\s*-?\s*{_NUMBER_WORD}"
    # Compounds: "Handelsrechnung Nr.", "Rechnungsnummer", "Gutschriftsnummer", "Belegnummer"
    rf"|\w*rechnungs?\s*-?\s*{_NUMBER_WORD}|\w*rechnungsnummer|gutschrifts?nummer|belegnummer"
    rf"|bonnummer|\bbonnr|\bbon-nr|kassenbonnummer|factuurnummer|creditnotanummer"
    rf"|\bfactuur\s*-?\s*(?:nr|ur|rn|m)\b|\binvoice\s+id|\b(?:nr|no|n°)\.?\s*ticket"
    rf"|\bn[°o˚]\s*(?:de\s+(?:la\s+)?)?(?:facture|l'avoir|avoir|ticket|recu)"
    rf"|\bnumero\s+(?:de\s+(?:la\s+)?)?(?:facture|l'avoir|avoir|ticket)"
    rf"|\bnote\s+de\s+credit\s*{_NUMBER_WORD}"
    # "Ticket 23000378" on a receipt; "Numéro: F2023-0040" alone at the start of a cell.
    rf"|\b(?:ticket|receipt|recu|kassenbon|kassabon)(?=\s+\w*\d)|^numero(?=\s*:)"
    # A header row "Nummer  Datum  Te betalen voor": the number's column heading.
    rf"|^(?:nummer|number|numero|nr|no)\.?(?=\s{{2,}}(?:datum|date|rechnungsdatum)\b))"
    r"\.?"
)
# "Bestellung Nr. 4711", "Order no.", "Kundennummer": numbers that are not the invoice's.
OTHER_NUMBER = re.compile(
    r"\b(?:bestell\w*|auftrag\w*|order|commande|bestel\w*|kunden\w*|klant\w*|customer|client"
    r"|lieferschein\w*|delivery|livraison|levering\w*|referen\w*|ref|reservierung\w*"
    r"|reservation|terminal|transakt\w*|transaction|trace|tisch|table|tafel|kasse|caisse)\s*-?\s*"
    rf"(?:{_NUMBER_WORD}|id)\.?"
)
# "FACTUUR 2026-0042" as a heading: weaker, the number follows the document title.
INVOICE_TITLE = re.compile(
    r"\b(?:factuur|facture|invoice|rechnung|creditnota|gutschrift|avoir|credit\s+note)\b"
)
INVOICE_DATE = re.compile(
    r"\b(?:factuurdatum|datum\s+(?:van\s+(?:de\s+)?)?factuur|date\s+(?:de\s+(?:la\s+)?)?facture"
    r"|date\s+d'?\s*emission|invoice\s+date|date\s+of\s+(?:issue|invoice)|issue\s+date"
    r"|rechnungsdatum|ausstellungsdatum)\b"
)
GENERIC_DATE = re.compile(r"\b(?:datum|date|le|den|dated|fait\s+le)\b")
DUE_DATE = re.compile(
    r"\b(?:vervaldatum|vervaldag|verval\s*datum|uiterste\s+betaal\s*datum|uiterste\s+datum"
    r"|(?:te\s+)?betalen\s+(?:voor|uiterlijk(?:\s+op)?|tegen|ten\s+laatste(?:\s+op)?)"
    r"|betaalbaar\s+(?:voor|tot)|date\s+d'?\s*echeance|echeance|a\s+payer\s+avant(?:\s+le)?"
    r"|payable\s+avant(?:\s+le)?|due\s+date|payment\s+due(?:\s+date)?|due\s+by|due\s+on"
    r"|pay\s+by|payable\s+by|faelligkeitsdatum|falligkeitsdatum|falligkeit|fallig\s+(?:am|bis)"
    r"|zahlbar\s+bis(?:\s+zum)?|zahlungsziel|date\s+due|date\s+limite(?:\s+de\s+(?:paiement|reglement))?"
    r"|a\s+regler\s+avant(?:\s+le)?|te\s+betalen\s+op|betaaldatum|uiterlijk\s+te\s+betalen"
    r"|falligkeit\s+am|zahlungstermin|payment\s+date|due)\b"
)
OTHER_DATE = re.compile(
    r"lever(?:ings)?datum|delivery\s+date|date\s+de\s+livraison|lieferdatum|leistungsdatum"
    r"|order\s+date|besteldatum|date\s+de\s+commande|bestelldatum|periode|period|zeitraum"
    r"|exp\w*\.?\s*(?:datum|date)|expir\w*|gultig\s+bis|valid\w*|verloopdatum|geboortedatum"
    r"|date\s+of\s+birth|anreise|abreise|arrival|departure|arrivee|depart"
)
DEBTOR = re.compile(
    r"\baan\s*:|\b(?:klant(?:gegevens)?|afnemer|(?:factuur|gefactureerd)\s+aan|facturatieadres"
    r"|factuuradres|client|facture\s+a|facturer\s+a|facturee?\s+a|adresse\s+de\s+facturation"
    r"|destinataire|bill\s*to|billed\s+to|invoice\s+to|sold\s+to|customer|kunde"
    r"|rechnungsempfanger|rechnung\s+an|rechnungsadresse|leistungsempfanger|kaufer|empfanger"
    r"|auftraggeber|acheteur|koper|buyer|purchaser)\b"
)
# "Klantnummer", "N° client", "Customer ID": the label names an identifier, not the customer.
_DEBTOR_NOT = re.compile(r"^\W*(?:nr|nummer|number|numero|n°|no\b|ref|code|id\b|vat|btw|tva)")
_DEBTOR_NOT_BEFORE = re.compile(r"(?:code|ref|nr|no|n°|numero|num|nummer|id|vat|btw|tva)\W*$")
DEBTOR_VAT = re.compile(
    r"\b(?:uw\s+(?:btw|ondernemings)|votre\s+(?:n°|no|numero)?\s*(?:de\s+)?tva|your\s+vat"
    r"|(?:tva|btw|vat)[\s.\-]*(?:nr|n°|no|number|nummer|numero)?[\s.:]*(?:du\s+)?(?:client|klant"
    r"|customer|afnemer)|(?:client|klant|customer|afnemer|kunden)[\s.\-]*(?:tva|btw|vat|ust)"
    r"|ust-?id(?:nr)?\.?\s+des\s+kunden)"
)
SELLER = re.compile(
    r"\b(?:leverancier|fournisseur|supplier|lieferant|verkoper|vendeur|seller|from|van\s*:"
    r"|ons\s+btw|notre\s+(?:n°\s*(?:de\s+)?)?tva|our\s+vat)\b"
)
SELLER_CONTACT = re.compile(r"\b(?:iban|bic|swift|rpr|rpm|rcs|kvk|tel|gsm|fax|www)\b|@|\bhttps?:")
VAT_LABEL = re.compile(
    r"\b(?:btw|tva|vat|mwst|ust|ondernemingsn|n°\s*d'?\s*entreprise|kbo|bce|enterprise)"
)

PAYABLE = re.compile(
    r"\b(?:totaal\s+te\s+betalen|te\s+betalen(?!\s+(?:voor|uiterlijk|tegen|binnen|ten))"
    r"|openstaand\s+bedrag|montant\s+a\s+payer|net\s+a\s+payer|reste\s+a\s+payer|total\s+a\s+payer"
    r"|a\s+payer(?!\s+avant)|amount\s+due|total\s+due|balance\s+due|amount\s+payable"
    r"|total\s+payable|zu\s+zahlen|zahlbetrag|zahlungsbetrag|offener\s+betrag"
    # What a credit note gives back: "Te crediteren", "A rembourser", "Gutschriftsbetrag".
    r"|te\s+crediteren|terug\s+te\s+betalen|a\s+rembourser|montant\s+a\s+crediter"
    r"|total\s+a\s+crediter|gutschriftsbetrag|zu\s+erstatten|erstattungsbetrag"
    r"|amount\s+credited|total\s+credit(?:ed)?|credit\s+total|amount\s+to\s+be\s+refunded)\b"
)
INCL_TOTAL = re.compile(
    r"\b(?:incl(?:\.|usief|uding)?\s+(?:btw|tva|vat|mwst)|total\s+(?:ttc|tvac|tva\s+comprise)"
    r"|ttc|tvac|gesamtbetrag|rechnungsbetrag|bruttobetrag|gesamt\s+brutto|endbetrag|brutto"
    r"|grand\s+total|invoice\s+total|totaalbedrag|factuurbedrag|montant\s+total|total\s+amount"
    r"|montant\s+ttc)\b"
)
NOT_TOTAL = re.compile(
    r"sub\s*-?\s*tot|sous\s*-?\s*tot|zwischensumme|\bexcl|\bexkl|\bhors\b|\bhtva\b|\bht\b"
    r"|\bnetto\b|nettobetrag|\bnet\b|maatstaf|\bbasis|\bbase\b|grondslag|\bbtw\b|\btva\b|\bvat\b"
    r"|\bmwst\b|\bust\b|\bgst\b|\bhst\b|\bpst\b|\btax\b|\btaxes\b|\bsteuer|\biva\b"
    r"|korting|remise|rabatt|discount|acompte|voorschot|anzahlung|deposit|ruckgeld|wisselgeld"
    r"|\bchange\b|rendu|monnaie|\bgegeben\b|\btrinkgeld|\btip\b|pourboire|fooi"
    r"|\bbetaald\b|\bpaid\b|\bpaye\b|bezahlt"
)
GENERIC_TOTAL = re.compile(r"\b(?:totaal|total|summe|gesamt|bedrag|montant|amount)\b")

_ALL_LABELS = [
    INVOICE_NUMBER,
    OTHER_NUMBER,
    INVOICE_DATE,
    DUE_DATE,
    DEBTOR,
    PAYABLE,
    INCL_TOTAL,
    OTHER_DATE,
    VAT_LABEL,
]
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-/._]{0,29}")


# --- public entry point --------------------------------------------------------------------


def extract_fields(
    words: Sequence[Word],
    *,
    tenant_vat: str | None = None,
    today: date | None = None,
    calibrated: bool = True,
) -> InvoiceFields:
    """Read the invoice fields from OCR (or PDF text-layer) words.

    ``tenant_vat`` is the member's own VAT number, in any printed form; ``today`` bounds what a
    plausible invoice date is (an upload cannot be invoiced far in the future). Confidences are
    calibrated probabilities (``calibration.py``); ``calibrated=False`` gives the raw scores the
    calibration is fitted on.
    """
    raw = _extract(words, tenant_vat=tenant_vat, today=today)
    return calibrate(raw) if calibrated else raw


def _extract(words: Sequence[Word], *, tenant_vat: str | None, today: date | None) -> InvoiceFields:
    lines = group_lines(words)
    if not lines:
        return InvoiceFields()
    ctx = _Context(lines, today)
    seller_vat, debtor_vat = _vat_numbers(ctx, normalise_vat(tenant_vat) if tenant_vat else None)
    invoice_date = _invoice_date(ctx)
    terms = _terms(ctx)
    if ctx.order_unknown and invoice_date is not None:
        invoice_date = _date_order_from_terms(ctx, invoice_date, terms)
    total, currency = _total(ctx)
    debtor_name = _debtor_name(ctx, debtor_vat)
    due_date = _due_date(ctx, invoice_date, terms)
    return InvoiceFields(
        debtor_name=debtor_name,
        debtor_vat=debtor_vat,
        seller_vat=seller_vat,
        invoice_number=_invoice_number(ctx),
        invoice_date=invoice_date,
        due_date=due_date,
        payment_terms_days=_payment_terms(terms, invoice_date, due_date),
        total_amount=total,
        currency=currency,
        seller_name=_seller_name(ctx, seller_vat, debtor_name),
    )


def _payment_terms(
    terms: tuple[Terms, float, Box] | None,
    issued: Field[date] | None,
    due: Field[date] | None,
) -> Field[int] | None:
    """The printed terms, else the days from the issue date to a printed due date (what the
    register measures lateness against either way)."""
    if terms is not None:
        return Field(terms[0].days, round(terms[1], 3), terms[2])
    if issued is None or due is None:
        return None
    days = (due.value - issued.value).days
    if not 0 <= days <= 180:
        return None
    return Field(days, round(0.9 * min(issued.confidence, due.confidence), 3), due.box)


# Payment periods invoices use: a due date this far after the issue date is no coincidence.
_USUAL_TERMS = frozenset({7, 8, 10, 14, 15, 20, 21, 28, 30, 31, 45, 60, 90, 120})


def _date_order_from_terms(
    ctx: _Context, issued: Field[date], terms: tuple[Terms, float, Box] | None
) -> Field[date]:
    """Day and month of a document whose every numeric date reads both ways (06/07/2023):
    the order under which its due date follows the issue date by its printed terms (or by a
    usual payment period) when the other order does not. Sets ``ctx.month_first``."""

    def gap(month_first: bool) -> tuple[Field[date] | None, int | None]:
        ctx.month_first = month_first
        issue = _invoice_date(ctx)
        due = _due_date(ctx, issue, None) if issue is not None else None
        if issue is None or due is None:
            return issue, None
        return issue, (due.value - issue.value).days

    wanted = {terms[0].days} if terms is not None else _USUAL_TERMS
    start = ctx.month_first
    as_is, days = gap(start)
    other, other_days = gap(not start)
    if days not in wanted and other_days in wanted and other is not None:
        return other  # ctx.month_first stays flipped
    ctx.month_first = start
    return as_is or issued


class _Context:
    def __init__(self, lines: list[Line], today: date | None) -> None:
        self.lines = lines
        self.today = today
        day_first, month_first = date_order_votes([ln.norm for ln in lines])
        self.month_first = month_first > day_first
        self.order_unknown = day_first == month_first == 0  # every numeric date reads both ways
        self.page_bottom: dict[int, int] = {}
        self.page_right: dict[int, int] = {}
        self.blocks: list[_Block] | None = None
        self.addressee: _Block | None = None  # the recipient's address block, once found
        self.sender: tuple[_Found, Line] | None = None  # the return address, once looked for
        self.sender_read = False
        for ln in lines:
            b = ln.box
            self.page_bottom[ln.page] = max(self.page_bottom.get(ln.page, 0), b.y1)
            self.page_right[ln.page] = max(self.page_right.get(ln.page, 0), b.x1)

    def relative_y(self, box: Box) -> float:
        return box.y / max(1, self.page_bottom.get(box.page, 1))

    def hits(self, pattern: re.Pattern[str]) -> list[tuple[int, re.Match[str]]]:
        return [(i, m) for i, ln in enumerate(self.lines) for m in pattern.finditer(ln.norm)]

    def after(self, index: int) -> list[Line]:
        return self.lines[index + 1 :]


@dataclass(frozen=True, slots=True)
class _Found:
    value: object
    line: Line
    start: int
    end: int
    below: bool

    @property
    def box(self) -> Box:
        return self.line.box_between(self.start, self.end)

    @property
    def ocr_confidence(self) -> float:
        return self.line.confidence_between(self.start, self.end)


Parser = Callable[[Line, int, int], "tuple[object, int, int] | None"]


def _next_label_start(line: Line, after: int) -> int:
    ends = [m.start() for p in _ALL_LABELS for m in p.finditer(line.norm, after)]
    return min(ends, default=len(line.norm))


def _near_label(
    ctx: _Context, index: int, m: re.Match[str], parse: Parser, *, below: bool = True
) -> _Found | None:
    """The value for the label ``m`` on line ``index``: same line to the right (up to the next
    label), else the cell directly below."""
    line = ctx.lines[index]
    stop = _next_label_start(line, m.end())
    got = parse(line, m.end(), stop)
    if got is not None:
        return _Found(got[0], line, got[1], got[2], below=False)
    if not below or not _ends_cell(line, m.end()):
        return None
    anchor = line.box_between(m.start(), m.end())
    for cell in words_below(ctx.after(index), anchor, max_lines=2):
        got = parse(cell, 0, len(cell.norm))
        if got is not None:
            return _Found(got[0], cell, got[1], got[2], below=True)
    return None


def _ends_cell(line: Line, end: int) -> bool:
    """Whether a label is the last thing in its cell, so that its value can sit below it."""
    return not line.norm[end:].split("  ")[0].strip(" :.,;#-")


def _field(found: _Found, value: T, strength: float) -> Field[T]:
    return Field(value, round(max(0.0, min(1.0, found.ocr_confidence * strength)), 3), found.box)


# --- VAT numbers -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Vat:
    value: str
    line_index: int
    found: _Found
    strength: float  # prefixed / labelled / corrected evidence
    debtor_score: float


def _vat_candidates(ctx: _Context) -> list[_Vat]:
    out: list[_Vat] = []
    for i, line in enumerate(ctx.lines):
        for v in find_vat_numbers(line.text):
            labelled = bool(VAT_LABEL.search(line.norm[max(0, v.start - 40) : v.start]))
            if not labelled and i > 0 and ctx.lines[i - 1].page == line.page:
                labelled = bool(VAT_LABEL.search(ctx.lines[i - 1].norm))
            if not v.prefixed and not labelled:
                continue  # a bare 10-digit number passes mod 97 one time in a hundred
            strength = 1.0 if v.prefixed else 0.9
            strength *= 0.8 if v.corrected else 1.0
            strength *= 1.0 if labelled else 0.9
            found = _Found(v.value, line, v.start, v.end, below=False)
            out.append(_Vat(v.value, i, found, strength, _debtor_score(ctx, i, found)))
    return out


def _debtor_score(ctx: _Context, index: int, found: _Found) -> float:
    line = ctx.lines[index]
    prev = ctx.lines[index - 1] if index > 0 and ctx.lines[index - 1].page == line.page else None
    before = line.norm[: found.start]
    cell = line.box_between(line.cell_start(found.start), found.end)
    # The line above counts only over this cell: "Btw-nr.  Klant" heads two columns.
    above = _text_over(prev, cell) if prev is not None else ""
    score = 0.0
    if DEBTOR_VAT.search(before) or DEBTOR_VAT.search(above):
        score += 2.0
    if SELLER.search(before) or SELLER.search(above):
        score -= 1.5
    if SELLER_CONTACT.search(line.norm):
        score -= 0.7
    if ctx.relative_y(found.box) > 0.85:
        score -= 1.0  # footers carry the sender's legal details
    if _in_debtor_block(ctx, cell):
        score += 1.5
    return score


def _text_over(line: Line, box: Box) -> str:
    """The normalised text of ``line``'s words that stand over ``box`` (a line height of slack
    either side), joined by single spaces."""
    slack = line.height
    words = [
        s.word
        for s in line.spans
        if s.word.box.x1 >= box.x - slack and s.word.box.x <= box.x1 + slack
    ]
    return normalise(" ".join(w.text for w in words))


# "To" over the customer's block, paired with "From" over the seller's, or "Aan:", "An:".
_TO_HEADING = re.compile(r"(?:to|aan|an|a)(?:\s*:)?")


def _debtor_labels(ctx: _Context) -> list[tuple[int, re.Match[str]]]:
    out = []
    for i, line in enumerate(ctx.lines):
        cells = _cells(line)
        paired = any(SELLER_HEADING.fullmatch(line.norm[a:b]) for a, b in cells)
        for a, b in cells:
            m = _TO_HEADING.fullmatch(line.norm, a, b)
            if m is not None and (paired or line.norm[a:b].endswith(":")):
                out.append((i, m))
    for i, m in ctx.hits(DEBTOR):
        norm = ctx.lines[i].norm
        if _DEBTOR_NOT.match(norm[m.end() :]) or _DEBTOR_NOT_BEFORE.search(norm[: m.start()]):
            continue
        before = norm[ctx.lines[i].cell_start(m.start()) : m.start()].split()
        if len(before) > 2 or (before and not _ends_cell(ctx.lines[i], m.end())):
            continue  # "Sur votre Espace Client, vous ...", "Espace Client X": text, not a label
        out.append((i, m))
    return out


def _in_debtor_block(ctx: _Context, box: Box) -> bool:
    """Below a customer label, left-aligned with the label or with the value beside it."""
    for i, m in _debtor_labels(ctx):
        line = ctx.lines[i]
        label = line.box_between(m.start(), m.end())
        if label.page != box.page or not label.y <= box.y <= label.y + 10 * 2 * label.h:
            continue
        xs = [label.x]
        rest = [s for s in line.spans if s.start >= m.end() and s.word.text.strip(":")]
        if rest:
            xs.append(rest[0].word.box.x)
        if any(abs(box.x - x) <= 3 * label.h for x in xs):
            return True
    return False


def _vat_numbers(ctx: _Context, tenant: str | None) -> tuple[Field[str] | None, Field[str] | None]:
    """(seller VAT, debtor VAT)."""
    first: dict[str, _Vat] = {}
    for c in _vat_candidates(ctx):
        best = first.get(c.value)
        # A number printed twice (header and footer) counts by its most debtor-like sighting.
        if best is None or (c.debtor_score, c.strength) > (best.debtor_score, best.strength):
            first[c.value] = c
    cands = list(first.values())
    if not cands:
        return None, None

    def as_field(c: _Vat, strength: float) -> Field[str]:
        return _field(c.found, c.value, c.strength * strength)

    if tenant is not None:
        seller = next((c for c in cands if c.value == tenant), None)
        others = [c for c in cands if c.value != tenant]
        supplier = min(others, key=lambda c: (c.debtor_score, c.line_index), default=None)
        if (
            seller is not None
            and supplier is not None
            and seller.debtor_score > 0
            and supplier.debtor_score < seller.debtor_score
        ):
            # The member's own number stands where the customer's does (under "Klant",
            # "Client", ...): a purchase invoice, uploaded by mistake. Say so plainly.
            return as_field(supplier, 0.85), as_field(seller, 0.95)
        debtor = max(others, key=lambda c: (c.debtor_score, -c.line_index), default=None)
        return (
            as_field(seller, 1.0) if seller else None,
            as_field(debtor, 0.95 if seller else 0.85) if debtor else None,
        )
    if len(cands) == 1:
        only = cands[0]
        if only.debtor_score > 0:
            return None, as_field(only, 0.7)
        # An invoice must carry the sender's VAT; the customer's only when it has one.
        return as_field(only, 0.5), None
    ranked = sorted(cands, key=lambda c: (c.debtor_score, -c.line_index), reverse=True)
    debtor, seller = ranked[0], ranked[-1]
    margin = debtor.debtor_score - seller.debtor_score
    strength = 0.9 if margin >= 1.5 else 0.7 if margin > 0 else 0.4
    return as_field(seller, strength), as_field(debtor, strength)


# --- debtor name ---------------------------------------------------------------------------

_NAME_JUNK = re.compile(r"^[\s:.\-#|]*")
_ADDRESS = re.compile(
    r"^\d{4}\s?[a-z]{0,2}\s+\S|^(?:[bl]-?)?\d{4,5}\s|\b(?:straat|laan|weg|plein|rue|avenue|chaussee"
    r"|boulevard|strasse|street|road)\b|^\+?\d[\d\s/.-]{6,}$"
    # "Schoolstraat 70", "Industrieweg 183": Dutch street names are compounds.
    r"|\w(?:straat|laan|weg|plein|dreef|steenweg|kaai|singel|gracht|dijk|strasse)\s*\d"
    # "41, Rue de la Gare", "129 Zoning Industriel": house number first (French style).
    r"|^\d{1,4}\s?[a-z]?\s*,\s*\S|\b(?:place|chemin|route|allee|quai|impasse|zoning|postbus"
    r"|boite\s+postale|p\.?o\.?\s+box)\b"
    # "Rue des Champs 12", "Kouter 189 bus 3": a street ends with its house number.
    r"|^[^\d]+\s\d{1,4}\s?[a-z]?(?:\s*(?:bus|bte|box|b)\s*\w{1,4})?$"
)
# Words that open an address block without being a name: "Aan", "A l'attention de", "To".
_ADDRESSEE = re.compile(
    r"^\W*(?:aan|a|to|an|t\.?\s?a\.?\s?v\.?|ter\s+attentie\s+van|attn\.?|a\s+l'?\s*attention"
    r"(?:\s+de)?|z\.?\s?hd\.?)\W*$"
)


# "Name: Kunden AG", "Firma: ...", "Nom : ...": the key of a key-value pair that holds a name.
_NAME_KEY = re.compile(
    r"^(?:name|firma|firmenname|company|company\s+name|naam|bedrijf|bedrijfsnaam|nom|raison\s+sociale"
    r"|societe|entreprise)\s*:\s*"
)
# "Nummer: 10023", "Straße: ...": any other key-value pair is not a name.
_KEY_VALUE = re.compile(r"^[^\W\d][\w.\- ]{0,24}\s?:\s*\S")


def _name_parser(line: Line, start: int, end: int) -> tuple[object, int, int] | None:
    # A name ends at a column gap (two spaces): beyond it sits another block.
    key = _NAME_KEY.match(line.norm, start)
    if key is not None:
        start = key.end()
        if not line.text[start:end].strip():
            end = len(line.text)  # "Naam:  Rénovation Leroy SRL": the value in the next cell
    elif _KEY_VALUE.match(line.norm[start:end]):
        return None
    elif line.text[start:end].rstrip().endswith(":"):
        return None  # "Adres:": a key whose value sits in the next cell
    raw = line.text[start:end]
    lead = len(_NAME_JUNK.match(raw).group(0))  # type: ignore[union-attr]
    s = start + lead
    gap = line.text.find("  ", s, end)
    e = gap if gap != -1 else end
    text = line.text[s:e].strip(" :,;|")
    if not _plausible_name(text):
        return None
    return text, s, s + len(text)


# The country line closing an address block ("België", "Belgien", "Netherlands") is no name.
_COUNTRY_NAMES = """
    belgie belgique belgien belgium nederland pays-bas niederlande netherlands the-netherlands
    luxembourg luxemburg deutschland allemagne duitsland germany france frankrijk frankreich
    italia italie italien italy espana espagne spanje spanien spain osterreich autriche
    oostenrijk austria polska pologne polen poland danmark danemark denemarken denmark sverige
    suede zweden schweden sweden ireland irlande ierland irland portugal czechia tsjechie
    tschechien cesko suisse schweiz zwitserland switzerland finland finlande finnland suomi
    greece grece griekenland griechenland hungary hongrie hongarije ungarn romania roumanie
    roemenie rumanien slovakia slovaquie slowakije slowakei slovenia slovenie slovenien croatia
    croatie kroatie kroatien bulgaria bulgarie bulgarije bulgarien lithuania lituanie litouwen
    litauen latvia lettonie letland lettland estonia estonie estland malta malte cyprus chypre
    zypern united-kingdom royaume-uni verenigd-koninkrijk vereinigtes-konigreich"""
_COUNTRIES = frozenset(_COUNTRY_NAMES.split())


def _plausible_name(text: str) -> bool:
    letters = sum(c.isalpha() for c in text)
    if letters < 2 or letters < 0.5 * len(text.replace(" ", "")):
        return False
    words = text.split()
    if "-".join(normalise(text).strip(" .,").split()) in _COUNTRIES:
        return False
    if any(sum(c.isdigit() for c in w) >= 5 for w in words):
        return False  # "Transaction 83-001513": an identifier, not a company
    if len(words) > 8 or (
        len(words) >= 4 and re.fullmatch(r"[^\W\d_]{3,}[.!?]", words[-1]) and words[-1][0].islower()
    ):
        return False  # a sentence ("demander un relevé ... factures."), not a name
    norm = normalise(text)
    if _ADDRESS.search(norm) or _ADDRESSEE.match(norm):
        return False
    if find_vat_numbers(text) or find_amounts(text) or find_dates(norm):
        return False
    if _NOT_A_SELLER.match(norm) and len(norm.split()) <= 2:
        return False  # "Datum", "Seite 1", "Kassenbon": a heading, not a name
    if SELLER_HEADING.fullmatch(norm.strip(" :")):
        return False  # "Leverancier", "From": a heading ("Van Dijk BV" is a name)
    for pattern in (*_ALL_LABELS, DEBTOR, INVOICE_TITLE):
        m = pattern.match(norm)
        if m and (m.end() == len(norm) or not norm[m.end()].isalpha()):
            return False  # a label, not a name
    return True


def _debtor_name(ctx: _Context, debtor_vat: Field[str] | None) -> Field[str] | None:
    """The name under (or beside) a customer label; else the first line of the block that
    holds the debtor's VAT number (address blocks read name, street, city, VAT)."""
    far: Field[str] | None = None
    for i, m in _debtor_labels(ctx):
        found = _near_label(ctx, i, m, _name_parser) or _key_value_below(ctx, i, m)
        if found is None:
            continue
        if not found.below and _gap_before(found.line, m.end(), found.start) > 4:
            # A value far to the right of its label may belong to the next column (the
            # seller's letterhead beside the customer label): trust the VAT block first.
            far = far or _field(found, str(found.value), 0.6)
            continue
        return _field(found, str(found.value), 0.85 if found.below else 0.9)
    block = _block_name(ctx, debtor_vat) if debtor_vat is not None else None
    return block or _window_name(ctx) or far or _addressee_name(ctx)


def _window_name(ctx: _Context) -> Field[str] | None:
    """The first name in the address field below the sender's one-line return address."""
    sender = _return_address(ctx)
    if sender is None:
        return None
    window = sender[1].box
    for line in ctx.lines:
        if line.page != window.page or line.box.y <= window.y1:
            continue
        if line.box.y > window.y1 + 8 * sender[1].height:
            break
        for start, end in _cells(line):
            box = line.box_between(start, end)
            if abs(box.x - window.x) > 4 * line.height:
                continue
            got = _name_parser(line, start, end)
            if got is not None:
                found = _Found(got[0], line, got[1], got[2], below=True)
                return _field(found, str(found.value), 0.7)
    return None


# "1000 Brussel", "NL-1057 PH Amsterdam", "F-75001 Paris", "Berlin BA 10117": the postcode
# line that closes an address block (matched on normalised text).
_POSTCODE_CITY = re.compile(
    r"^(?:[a-z]{1,3}\s?-\s?)?\d{4,5}(?:\s?[a-z]{2})?\s+[a-z]"
    r"|^[a-z][a-z .'-]{1,30}\s(?:[a-z]{2}\s)?\d{5}$|^[a-z][a-z .'-]{1,30}\s\d{4}\s?[a-z]{2}$"
)
# "Mr. ...", "Herrn", "Madame", "Dhr.": an addressee's salutation opens the recipient's block.
_HONORIFIC = re.compile(
    r"^(?:mr|mrs|ms|miss|messrs|herrn?|frau|firma|mme|mlle|monsieur|madame|dhr|mevr|mw"
    r"|de\s+heer|mevrouw)\b[\s.:,]*|^m\.?\s+(?=[a-z]{2})"
)


@dataclass(frozen=True, slots=True)
class _Block:
    """An address block: a name cell over a street and a postcode line, left-aligned."""

    cells: tuple[Line, ...]

    @property
    def name(self) -> Line:
        return self.cells[0]


def _address_blocks(ctx: _Context) -> list[_Block]:
    """Every name-over-address block: its first cell names the company, a later one (within
    four) is a postcode and city. Cells of other columns between its lines are skipped."""
    if ctx.blocks is not None:
        return ctx.blocks
    cells: list[Line] = []
    for line in ctx.lines:
        if _HONORIFIC.match(line.norm):
            cells.append(line)  # "Mr.  .  Kunden AG": the salutation opens the block's line
            continue
        cells += [make_line(line.words_between(a, b)) for a, b in _cells(line)]
    out: list[_Block] = []
    for k, head in enumerate(cells):
        if _name_parser(head, 0, len(head.text)) is None:
            continue
        block, h = [head], head.height
        for cell in cells[k + 1 :]:
            if cell.page != head.page or cell.box.y - block[-1].box.y1 > 1.5 * h:
                break
            if abs(cell.box.x - head.box.x) > 2 * h:
                continue
            block.append(cell)
            if _POSTCODE_CITY.search(cell.norm.strip()):
                out.append(_Block(tuple(block)))
                break
            if len(block) > 4:
                break
    ctx.blocks = out
    return out


def _addressee_name(ctx: _Context) -> Field[str] | None:
    """The recipient's block on page one when no label, VAT number or window says so: the
    address block opened by a salutation ("Mr.", "Herrn", "Madame"). (An unlabelled block in
    the right half is not enough: receipts and letterheads put the shop's own there.)"""
    first_page = min(ln.page for ln in ctx.lines)
    blocks = [b for b in _address_blocks(ctx) if b.name.page == first_page]
    for block in blocks:
        name = block.name
        m = _HONORIFIC.match(name.norm)
        if m is None:
            continue
        ctx.addressee = block
        # "M. Jan Peeters / Peeters Bouw BV / ...": the company, not the person, where printed.
        for cell in block.cells[1:-1]:
            company = _legal_name(cell, 0, len(cell.text))
            if company is not None:
                found = _Found(company[0], cell, company[1], company[2], below=True)
                return _field(found, str(company[0]), 0.6)
        got = _name_parser(name, m.end(), len(name.text))
        if got is not None:
            return _field(_Found(got[0], name, got[1], got[2], below=True), str(got[0]), 0.6)
    return None


def _key_value_below(ctx: _Context, index: int, m: re.Match[str]) -> _Found | None:
    """A heading ("Käufer", "Client") over key-value pairs: the value of its name key."""
    line = ctx.lines[index]
    if not _ends_cell(line, m.end()):
        return None
    label = line.box_between(m.start(), m.end())
    for cell in words_below(ctx.after(index), label, max_lines=6):
        key = _NAME_KEY.match(cell.norm)
        if key is None:
            continue
        if not cell.text[key.end() :].strip():
            # "Naam:     Rénovation Leroy SRL": the value is in the next cell of the full line.
            first = cell.spans[0].word
            whole = next((ln for ln in ctx.lines if any(sp.word is first for sp in ln.spans)), None)
            if whole is not None:
                at = next(sp.start for sp in whole.spans if sp.word is first)
                got = _name_parser(whole, at, len(whole.text))
                if got is not None:
                    return _Found(got[0], whole, got[1], got[2], below=True)
            continue
        got = _name_parser(cell, 0, len(cell.norm))
        if got is not None:
            return _Found(got[0], cell, got[1], got[2], below=True)
    return None


def _gap_before(line: Line, label_end: int, value_start: int) -> float:
    """Horizontal gap between a label and its value, in line heights."""
    before = [s.word for s in line.spans if s.end <= label_end]
    after = [s.word for s in line.spans if s.start >= value_start]
    if not before or not after:
        return 0.0
    return (after[0].box.x - before[-1].box.x1) / line.height


def _block_name(ctx: _Context, vat: Field[str]) -> Field[str] | None:
    box = vat.box
    if box is None:
        return None
    sender = _return_address(ctx)
    for cell in _block_above(ctx, box):
        if (
            sender is not None
            and cell.box.page == sender[1].box.page
            and (abs(cell.box.y - sender[1].box.y) < cell.height)
        ):
            continue  # the sender's return address line over the window, not the addressee
        got = _name_parser(cell, 0, len(cell.text))
        if got is not None:
            found = _Found(got[0], cell, got[1], got[2], below=False)
            return _field(found, str(found.value), 0.6)
    return None


def _block_above(ctx: _Context, box: Box) -> list[Line]:
    """The cells of the left-aligned block that ends with ``box``, top to bottom, without the
    cell holding ``box`` itself. The block's left edge is where the cell holding ``box`` starts
    (its label, as in "BTW-nr.: BE..."), and it ends upwards at a blank of two line heights."""
    own = next(
        (
            ln
            for ln in ctx.lines
            if ln.page == box.page
            and ln.box.y <= box.y + box.h / 2 <= ln.box.y1
            and ln.box.x <= box.x <= ln.box.x1
        ),
        None,
    )
    if own is None:
        return []
    words = [s.word for s in own.spans]
    first = next((k for k, w in enumerate(words) if w.box.x + w.box.w > box.x), 0)
    first = _cell_start(words, first)
    if first > 0:
        # "VAT no.:    BE0123..." with a column gap: the label still belongs to the block.
        label_start = _cell_start(words, first - 1)
        label = " ".join(w.text for w in words[label_start:first])
        if VAT_LABEL.search(normalise(label)):
            first = label_start
    left, top, height = words[first].box.x, own.box.y, own.height
    cells: list[Line] = []
    for line in reversed([ln for ln in ctx.lines if ln.page == box.page and ln.box.y1 < top]):
        ws = [s.word for s in line.spans]
        start = next(
            (
                k
                for k, w in enumerate(ws)
                if abs(w.box.x - left) <= 2 * height and (k == 0 or not _near(ws[k - 1], w))
            ),
            None,
        )
        if start is None:
            continue  # a line of another column between two lines of the block
        end = start
        while end + 1 < len(ws) and _near(ws[end], ws[end + 1]):
            end += 1
        cell = make_line(ws[start : end + 1])
        if top - cell.box.y1 > 2.2 * height:
            break
        cells.append(cell)
        top = cell.box.y
    return cells[::-1]


def _cell_start(words: Sequence[Word], index: int) -> int:
    while index > 0 and _near(words[index - 1], words[index]):
        index -= 1
    return index


def _near(left: Word, right: Word) -> bool:
    """Same cell: the gap is word spacing, not a column gap."""
    return right.box.x - left.box.x1 <= 1.2 * max(1, min(left.box.h, right.box.h))


# --- seller name ---------------------------------------------------------------------------

# Legal forms that end (or open) a company name, matched on normalised text.
_LEGAL_FORM = re.compile(
    r"(?:^|\s)(?:gmbh|ag|kg|ohg|gbr|ug|e\.\s?k\.?|mbh|se|b\.?\s?v\.?|n\.?\s?v\.?|bvba|vof|v\.o\.f"
    r"|cv|c\.v\.?|comm\.?\s?v|s\.?\s?comm\.?|s\.?a\.?|s\.?a\.?s\.?|sarl|s\.?a\.?r\.?l\.?|sprl|srl|scrl|sca|ltd\.?|limited|plc"
    r"|llc|inc\.?|corp\.?|lp|llp|s\.?p\.?a\.?|oy|ab|a/s|as|aps|kft|sp\.?\s?z\s?o\.?\s?o\.?)"
    r"(?=$|[\s,.&)])"
)
# Headings and receipt chrome at the top of a page that are not the issuer's name.
_NOT_A_SELLER = re.compile(
    r"^\W*(?:rechnung|invoice|facture|factuur|credit\s*note|creditnota|gutschrift|avoir|kassenbon"
    r"|simplified|vereinfachte|vereenvoudigde|facture\s+simplifiee"
    r"|kassabon|kassenbeleg|beleg|bon|quittung|receipt|recu|ticket|cash\s+ticket|tax\s+invoice"
    r"|willkommen|welcome|bienvenue|welkom|sur\s+place|a\s+emporter|take\s*away|tafel|table"
    r"|kopie|copy|duplicata|duplicate|original|page|seite|pagina|blatt|datum|date|tel|fax"
    r"|vielen\s+dank|thank\s+you|merci|bedankt|eur|euro|summe|total|totaal|cash|vente|verkauf"
    r"|sale|filiale|kasse|caisse|kassa)\b"
)
# "Papoo GmbH - Auguststr. 4 - 53229 Bonn": the sender's one-line return address printed above
# the window envelope's address field (DIN 5008 and its French and Dutch twins).
_RETURN_SEP = re.compile(r"\s+[-\u2013\u00b7|\u2022,:]\s+|\s*[\u00b7\u2022|]\s*")


def _alike(a: str, b: str) -> bool:
    """The same name read twice by OCR ("APImeister" / "APlmeister")."""
    return abs(len(a) - len(b)) <= 2 and SequenceMatcher(None, a, b).ratio() >= 0.9


def _return_address(ctx: _Context) -> tuple[_Found, Line] | None:
    """The sender's name from a one-line return address, and that line (found once)."""
    if not ctx.sender_read:
        ctx.sender, ctx.sender_read = _find_return_address(ctx), True
    return ctx.sender


def _find_return_address(ctx: _Context) -> tuple[_Found, Line] | None:
    for line in ctx.lines:
        if ctx.relative_y(line.box) > 0.45:
            continue
        parts = [(m.start(), m.end()) for m in _RETURN_SEP.finditer(line.text)]
        if not parts:
            continue
        bounds = [0, *[p for se in parts for p in se], len(line.text)]
        segments = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
        if len(segments) < 3:
            continue
        if not any(_ADDRESS.search(line.norm[a:b].strip()) for a, b in segments[1:]):
            continue
        a, b = segments[0]
        got = _name_parser(line, a, b)
        if got is None:
            continue
        return _Found(str(got[0]), line, got[1], got[2], below=False), line
    return None


# Surname particles inside a company name: "de Graaf & van Leeuwen B.V.", "Müller von Berg".
_PARTICLE = r"(?:de|van|der|den|het|ter|te|du|des|la|le|von|zu|di|da|'t)"
_CAPITALISED_RUN = re.compile(rf"(?:(?:{_PARTICLE}\s+)*[A-ZÄÖÜÉÈ][\w&'.\-]*\s+(?:&\s+)?){{1,5}}$")
# Opening a name: Dutch and French particles only ("der Filiale ab" is a German article).
_STARTS_WITH_PARTICLE = re.compile(r"(?:de|van|ter|te|du|la|le|'t)\s+[A-ZÄÖÜÉÈ]")


# Legal forms that are also everyday words: they count only written in capitals.
_WORDS_TOO = frozenset({"ab", "as", "se", "ag", "kg", "lp", "oy", "ug", "cv", "sa", "inc"})


def _legal_name(line: Line, start: int, end: int) -> tuple[object, int, int] | None:
    """ "USt 3322 Bäckerei Kramer GmbH": the capitalised words that end with a legal form."""
    m = _LEGAL_FORM.search(line.norm, start, end)
    if m is None:
        return None
    form = line.text[m.start() : m.end()].strip()
    if form.lower() in _WORDS_TOO and not form.isupper():
        return None  # "in der Filiale ab.", "as well": a word, not Aktiebolag or A/S
    form_end = m.end()
    head = line.text[start : m.start() + (1 if line.norm[m.start()].isspace() else 0)]
    run = _CAPITALISED_RUN.search(head)
    if run is None:
        return None
    s = start + run.start()
    text = line.text[s:form_end].strip()
    if not _plausible_name(text):
        return None
    return text, s, s + len(text)


def _cells(line: Line) -> list[tuple[int, int]]:
    """(start, end) offsets of the line's cells (column gaps split them)."""
    out, pos = [], 0
    for part in line.text.split("  "):
        if part.strip():
            lead = len(part) - len(part.lstrip())
            out.append((pos + lead, pos + len(part.rstrip())))
        pos += len(part) + 2
    return out


def _seller_name(
    ctx: _Context, seller_vat: Field[str] | None, debtor: Field[str] | None
) -> Field[str] | None:
    """The issuer's name: a company name with a legal form (letterhead or footer) or the block
    holding the seller's VAT number, else the first name-like line at the top of page one (a
    receipt's shop name). The customer's name and block are never the seller."""
    debtor_key = normalise(debtor.value) if debtor is not None else None
    debtor_box = debtor.box if debtor is not None else None
    vat_block: set[int] = set()
    if seller_vat is not None and seller_vat.box is not None:
        vat_block = {id(c) for c in _block_above(ctx, seller_vat.box)}
        above = _block_above(ctx, seller_vat.box)
    else:
        above = []
    best: tuple[float, _Found] | None = None
    sender = _return_address(ctx)
    window: Box | None = None
    if sender is not None:
        best = (3.0, sender[0])
        # The addressee's block sits right below the return address: never the seller.
        window = sender[1].box
    first_page = min((ln.page for ln in ctx.lines), default=0)
    heights = [ln.height for ln in ctx.lines if ln.page == first_page]
    body = sorted(heights)[len(heights) // 2] if heights else 1

    def large(line: Line) -> bool:
        return line.height >= 1.6 * body  # a logo's or letterhead's lettering

    seen_top = 0
    candidates: list[tuple[int, Line, bool]] = [(k, ln, False) for k, ln in enumerate(ctx.lines)]
    candidates += [(len(ctx.lines), c, True) for c in above if id(c) in vat_block]
    heading = _heading(ctx, first_page, large)
    for position, line, in_vat_block in candidates:
        for start, end in _cells(line):
            got: tuple[object, int, int] | None
            if heading is not None and line is heading[1]:
                got = heading[0].value, 0, len(line.text)  # "the / breakfast / club"
            else:
                got = _name_parser(line, start, end) or _legal_name(line, start, end)
            if got is None:
                continue
            text, s, e = str(got[0]), got[1], got[2]
            text = _without_ocr_specks(text)
            norm = normalise(text)
            if _NOT_A_SELLER.match(norm) or len(text) > 60 or len(text.split()) > 8:
                continue
            if line.text[e:].lstrip().startswith(":"):
                continue  # "Remise à Zéro  :  01/12/2019": a key, its value in the next cell
            in_sentence = False
            # "real GmbH": a short name that ends with its legal form.
            form = _LEGAL_FORM.search(normalise(text))
            short_legal = (
                len(text.split()) <= 3 and form is not None and not text[form.end() :].strip(" .")
            )
            particle = _STARTS_WITH_PARTICLE.match(text) is not None  # "de Graaf & van ..."
            if text[:1].islower() and not large(line) and not short_legal and not particle:
                tail = _legal_name(line, s, e)  # "nung der Westfalen AG. Im": a sentence's end
                if tail is None:
                    continue
                text, s, e = str(tail[0]), tail[1], tail[2]
                norm, in_sentence = normalise(text), True
            if debtor_key and (
                norm == debtor_key or debtor_key in norm or _alike(norm, debtor_key)
            ):
                continue
            found = _Found(text, line, s, e, below=False)
            box = found.box
            if ctx.addressee is not None and any(
                c.box.page == box.page
                and c.box.y <= box.y + box.h / 2 <= c.box.y1
                and c.box.x <= box.x + box.w / 2 <= c.box.x1
                for c in ctx.addressee.cells
            ):
                continue
            if (
                debtor_box is not None
                and box.page == debtor_box.page
                and abs(box.y - debtor_box.y) < 2
            ):
                continue
            if _in_debtor_block(ctx, box):
                continue
            if (
                window is not None
                and box.page == window.page
                and window.y1 <= box.y <= window.y1 + 8 * line.height
                and abs(box.x - window.x) <= 4 * line.height
            ):
                continue
            if not text[:1].isalnum():
                continue
            rel = ctx.relative_y(box)
            score = 0.0
            if large(line) and rel < 0.3:
                score += 0.5
            legal = bool(_LEGAL_FORM.search(norm))
            if legal:
                score += 2.4 if rel < 0.3 else 1.5 if in_sentence else 2.0
            if in_vat_block:
                score += 1.2
            if line.page == first_page and (rel < 0.25 or position < 5):
                score += 0.8
                if seen_top < 2:
                    score += 0.6 - 0.3 * seen_top  # the very first name-like lines
                seen_top += 1
            elif not legal and not in_vat_block:
                continue  # a plain name low on the page is an item, a city, a cashier
            if SELLER_CONTACT.search(line.norm[s:e]):
                score -= 1.0
            if sum(c.isalpha() for c in text) < 4:
                score -= 0.8  # "Lok.", "the": a fragment of a logo or a label
            score += 0.5 * found.ocr_confidence
            if best is None or score > best[0]:
                best = (score, found)
    labelled = _labelled_seller(ctx)
    if labelled is not None and (best is None or best[0] < 3.0):
        best = (3.0 + 0.5 * labelled.ocr_confidence, labelled)
    mention = _capital_mention(ctx)
    if mention is not None and (best is None or best[0] < 2.6):
        # "BOUYGUES TELECOM - Société Anonyme au capital de ...": French law makes every
        # invoice print its issuer's name beside its form and capital.
        best = (2.6 + 0.5 * mention.ocr_confidence, mention)
    if best is None:
        return None
    score, found = best
    fuller = _fuller_name(ctx, found)
    if fuller is not None:
        found, score = fuller, score + 0.5
    strength = 0.9 if score >= 2.5 else 0.7 if score >= 1.8 else 0.5
    return _field(found, str(found.value), strength)


# A seller heading over (or before) its name: "Leverancier", "From:", "Émetteur", "Lieferant".
SELLER_HEADING = re.compile(
    r"(?:leverancier|fournisseur|supplier|lieferant|verkoper|verkaufer|vendeur|seller|from|van"
    r"|emetteur|rechnungssteller|absender|aussteller|expediteur|sold\s+by|issued\s+by)\b(?:\s*:)?"
)


def _labelled_seller(ctx: _Context) -> _Found | None:
    for i, line in enumerate(ctx.lines):
        for start, end in _cells(line):
            m = SELLER_HEADING.match(line.norm, start)
            if m is None or (m.end() < end and line.norm[m.end() - 1] != ":"):
                continue  # "Van Dijk Bouw": a name that starts like a heading
            found = _near_label(ctx, i, m, _name_parser)
            if found is not None and not SELLER_CONTACT.search(normalise(str(found.value))):
                return found  # ("From: info@...": a mail header, not the seller's block)
    return None


# "<name> - Société Anonyme au capital de", "<name>, SAS au capital social de" (normalised).
_CAPITAL = re.compile(
    r"(?:[-,\u2013]\s*|\s)(?:societe\s+anonyme|societe\s+par\s+actions\s+simplifiee(?:\s+unipersonnelle)?"
    r"|societe\s+a\s+responsabilite\s+limitee|sasu?|sarl|eurl|sa|sca|snc|selarl)\s*,?\s+au\s+capital"
    r"(?:\s+social)?\s+de\b"
)


def _capital_mention(ctx: _Context) -> _Found | None:
    """The issuer named in the legal mention that gives its form and share capital."""
    for line in ctx.lines:
        m = _CAPITAL.search(line.norm)
        if m is None:
            continue
        # The name is the last segment before the form: "... - BOUYGUES TELECOM - Société ..."
        head = line.text[: m.start()]
        text = re.split(r"\s[-|]\s|\s{2,}", head)[-1].strip(" ,-\u2013")
        if text and _plausible_name(text) and len(text.split()) <= 6:
            s = head.rindex(text)
            return _Found(text, line, s, s + len(text), below=False)
    return None


def _heading(ctx: _Context, page: int, large: Callable[[Line], bool]) -> tuple[_Found, Line] | None:
    """A name in large letters stacked over two or three lines at the top of the page ("the /
    breakfast / club"): the lines joined, found on the first of them."""
    tops = [ln for ln in ctx.lines if ln.page == page]
    for k, first in enumerate(tops):
        if ctx.relative_y(first.box) >= 0.3:
            return None
        if not large(first) or len(_cells(first)) != 1:
            continue
        run = [first]
        for nxt in tops[k + 1 :]:
            prev = run[-1]
            if (
                len(run) == 3
                or not large(nxt)
                or len(_cells(nxt)) != 1
                or abs(nxt.height - prev.height) > 0.25 * prev.height
                or nxt.box.y - prev.box.y1 > 0.8 * prev.height
            ):
                break
            run.append(nxt)
        if len(run) < 2:
            return None
        text = " ".join(ln.text.strip() for ln in run)
        if len(text.split()) > 6 or not _plausible_name(text):
            return None
        return _Found(text, first, 0, len(first.text), below=False), first
    return None


def _fuller_name(ctx: _Context, found: _Found) -> _Found | None:
    """The seller's name printed again, longer: over its own address ("HORETO" at the top,
    "HORETO-PARIS / 19 bis Rue ... / 92800 PUTEAUX" at the foot), or as the legal name the
    short one begins ("IMPORT HESBAYE" in the logo, "Import Hesbaye SComm : ..." in the footer).
    """
    short = _name_words(str(found.value))
    if sum(c.isalpha() for c in short) < 4:
        return None
    fuller: list[tuple[Line, tuple[object, int, int] | None, int]] = [
        (b.name, _name_parser(b.name, 0, len(b.name.text)), 5)
        for b in _address_blocks(ctx)
        if b is not ctx.addressee
    ]
    fuller += [(ln, _legal_name(ln, a, b), 6) for ln in ctx.lines for a, b in _cells(ln)]
    for line, got, most_words in fuller:
        if got is None:
            continue
        full = _name_words(str(got[0]))
        if full != short and full.startswith(short + " ") and len(full.split()) <= most_words:
            return _Found(got[0], line, got[1], got[2], below=False)
    return None


def _name_words(name: str) -> str:
    """ "HORETO-PARIS" -> "horeto paris": a name's words, for comparing two printings of it."""
    return " ".join(re.sub(r"[^\w]+", " ", normalise(name)).split())


# "Westfalen „a Tankstelle": a speck of ink read as a quote mark and a letter.
_SPECK = re.compile("\\s[\u201e\u201c\u201d\u201a\u2018\u2019'\"]+\\w?(?=\\s)")


def _without_ocr_specks(text: str) -> str:
    return " ".join(_SPECK.sub(" ", f" {text} ").split())


# --- invoice number ------------------------------------------------------------------------


def _id_parser(line: Line, start: int, end: int) -> tuple[object, int, int] | None:
    for m in _ID.finditer(line.text, start, end):
        token = m.group(0).rstrip("._-/")
        if not any(c.isdigit() for c in token) or find_dates(line.norm[m.start() : m.end()]):
            continue
        if token.lower() in {"n°", "nr", "no"}:
            continue
        begin = _split_prefix(line, start, m.start())
        if begin is not None:
            # "F 2023-0042": OCR split a series letter from its number; the number is one token.
            token = line.text[begin : m.start()].strip() + token
            return token, begin, m.start() + len(token) - (m.start() - begin - 1)
        return token, m.start(), m.start() + len(token)
    return None


_SERIES = re.compile(r"(?<![\w])[A-Z]{1,3} $")


def _split_prefix(line: Line, start: int, at: int) -> int | None:
    """Start of a 1-3 capital series prefix just before ``at``, set off by a gap narrower than
    a normal word space (an OCR split inside one printed token), else None."""
    m = _SERIES.search(line.text, start, at)
    if m is None or m.end() != at:
        return None
    left, right = line.words_between(m.start(), m.start() + 1), line.words_between(at, at + 1)
    if not left or not right:
        return None
    gap = right[0].box.x - left[0].box.x1
    return m.start() if gap <= 0.35 * max(1, right[0].box.h) else None


def _invoice_number(ctx: _Context) -> Field[str] | None:
    for i, m in ctx.hits(INVOICE_NUMBER):
        found = _near_label(ctx, i, m, _id_parser)
        if found is not None:
            return _field(found, str(found.value), 0.85 if found.below else 0.95)
    for i, m in ctx.hits(INVOICE_TITLE):
        found = _near_label(ctx, i, m, _id_parser, below=False)
        if found is not None:
            return _field(found, str(found.value), 0.6)
    return None


# --- dates -------------------------------------------------------------------------------


def _date_parser(line: Line, start: int, end: int) -> tuple[object, int, int] | None:
    for d in find_dates(line.norm[start:end]):
        return d.value, start + d.start, start + d.end
    return None


def _us_date_parser(line: Line, start: int, end: int) -> tuple[object, int, int] | None:
    for d in find_dates(line.norm[start:end], month_first=True):
        return d.value, start + d.start, start + d.end
    return None


def _dates(ctx: _Context) -> Parser:
    return _us_date_parser if ctx.month_first else _date_parser


def _plausible_invoice_date(ctx: _Context, value: date) -> float:
    if ctx.today is None:
        return 1.0
    if value > ctx.today + timedelta(days=31):
        return 0.3
    if value < ctx.today - timedelta(days=3650):
        return 0.5
    return 1.0


def _overlaps_any(line: Line, m: re.Match[str], *patterns: re.Pattern[str]) -> bool:
    return any(
        o.start() < m.end() and o.end() > m.start() for p in patterns for o in p.finditer(line.norm)
    )


def _invoice_date(ctx: _Context) -> Field[date] | None:
    best: tuple[float, Field[date]] | None = None
    for pattern, strength in ((INVOICE_DATE, 0.95), (GENERIC_DATE, 0.75)):
        for i, m in ctx.hits(pattern):
            if pattern is GENERIC_DATE and _overlaps_any(
                ctx.lines[i], m, DUE_DATE, OTHER_DATE, INVOICE_DATE
            ):
                continue
            found = _near_label(ctx, i, m, _dates(ctx))
            if found is None or not isinstance(found.value, date):
                continue
            s = strength * _plausible_invoice_date(ctx, found.value) * (0.95 if found.below else 1)
            field = _field(found, found.value, s)
            if best is None or s > best[0]:
                best = (s, field)
        if best is not None:
            return best[1]
    # No label: the first date on the first page that is not a due or delivery date.
    for line in ctx.lines:
        if DUE_DATE.search(line.norm) or OTHER_DATE.search(line.norm) or find_terms(line.norm):
            continue
        got = _dates(ctx)(line, 0, len(line.norm))
        if got is not None and isinstance(got[0], date):
            found = _Found(got[0], line, got[1], got[2], below=False)
            return _field(found, got[0], 0.45 * _plausible_invoice_date(ctx, got[0]))
    return None


def _terms(ctx: _Context) -> tuple[Terms, float, Box] | None:
    """Payment terms; a phrase with a payment word ("Betaling: 30 dagen") beats a bare
    "1 dag" that is a quantity in the line items."""
    bare: tuple[Terms, float, Box] | None = None
    for line in ctx.lines:
        t = find_terms(line.norm)
        if t is None:
            continue
        found = _Found(t.days, line, t.start, t.end, below=False)
        if t.explicit:
            return t, found.ocr_confidence * 0.9, found.box
        bare = bare or (t, found.ocr_confidence * 0.6, found.box)
    return bare


# "Gelieve € 614,38 te betalen voor 02/06/2023", "Please pay EUR 1,234.56 before 2 June 2023",
# "à virer au plus tard le ...": a pay verb, then a date right after "before".
_PAY_VERB = re.compile(
    r"\b(?:pay|payment|betal\w*|betaal\w*|overmaken|over\s+te\s+maken|storten|payer|regler|virer"
    r"|verser|paiement|zahl\w*|uberweisen)\b"
)
_BEFORE = re.compile(
    r"\b(?:before|by|no\s+later\s+than|voor|uiterlijk(?:\s+op)?|ten\s+laatste(?:\s+op)?"
    r"|avant(?:\s+le)?|au\s+plus\s+tard\s+le|vor\s+dem|bis(?:\s+zum)?|spatestens(?:\s+am)?)\s*$"
)


def _due_in_sentence(ctx: _Context) -> Field[date] | None:
    for line in ctx.lines:
        verb = _PAY_VERB.search(line.norm)
        if verb is None:
            continue
        for d in find_dates(line.norm[verb.end() :], month_first=ctx.month_first):
            start = verb.end() + d.start
            if _BEFORE.search(line.norm[verb.end() : start]):
                found = _Found(d.value, line, start, verb.end() + d.end, below=False)
                return _field(found, d.value, 0.8)
    return None


def _due_date(
    ctx: _Context, invoice_date: Field[date] | None, terms: tuple[Terms, float, Box] | None
) -> Field[date] | None:
    for i, m in ctx.hits(DUE_DATE):
        found = _near_label(ctx, i, m, _dates(ctx))
        if found is None or not isinstance(found.value, date):
            continue
        strength = 0.95 if not found.below else 0.9
        if invoice_date is not None and found.value < invoice_date.value:
            strength *= 0.5  # a due date before the invoice date is a misread
        return _field(found, found.value, strength)
    sentence = _due_in_sentence(ctx)
    if sentence is not None:
        return sentence
    if terms is not None and invoice_date is not None:
        t, conf, box = terms
        # Derived, not read: as sure as the weaker of its two inputs.
        return Field(t.due(invoice_date.value), round(min(conf, invoice_date.confidence), 3), box)
    return None


# --- total amount --------------------------------------------------------------------------


def _total_rank(label_text: str) -> float | None:
    if PAYABLE.search(label_text):
        return 3.0
    if INCL_TOTAL.search(label_text):
        return 2.5
    if NOT_TOTAL.search(label_text):
        return None
    if GENERIC_TOTAL.search(label_text):
        return 2.0
    return None


def _total(ctx: _Context) -> tuple[Field[Decimal] | None, Field[str] | None]:
    doc_currency = next((c for c in (currency_in(ln.text) for ln in ctx.lines) if c), None)
    best: tuple[tuple[float, float, Decimal], _Found, AmountMatch, float] | None = None
    for i, line in enumerate(ctx.lines):
        amounts = find_amounts(line.text)
        label_end = amounts[0].start if amounts else len(line.norm)
        rank = _total_rank(line.norm[:label_end])
        if rank is None:
            continue
        amounts = [a for a in amounts if a.value != 0]  # "Balance due 0.00": paid, not the total
        if amounts:
            a = amounts[-1]  # the rightmost column holds the line's total
            found = _Found(a.value, line, a.start, a.end, below=False)
        else:
            label_match = _label_match(line)
            if label_match is None or not _ends_cell(line, label_match.end()):
                continue
            label = line.box_between(label_match.start(), label_match.end())
            cells = words_below(ctx.after(i), label, max_lines=1)
            got = [(c, find_amounts(c.text)) for c in cells]
            got = [(c, am) for c, am in got if am]
            if not got:
                continue
            cell, am = got[0]
            a = am[-1]
            found = _Found(a.value, cell, a.start, a.end, below=True)
            rank -= 0.1
        key = (rank, ctx.relative_y(found.box) + found.box.page, a.value)
        if best is None or key > best[0]:
            best = (key, found, a, 0.95 if rank >= 2.5 else 0.85)
    if best is None:
        return _largest_amount(ctx, doc_currency)
    _, found, a, strength = best
    reread = _misread_total(ctx, a)
    if reread is not None:
        found, a = reread
        strength -= 0.1
    total = _field(found, a.value, strength)
    return total, _currency_field(found, a, doc_currency)


def _misread_total(ctx: _Context, total: AmountMatch) -> tuple[_Found, AmountMatch] | None:
    """The amount the labelled total was meant to be, where the page proves OCR misread it.

    - "Total 250€" beside "Paid 2.50 €": the decimal point was lost (a bare integer whose
      digits are another amount's with its cents).
    - "Totaal 22,00" over a VAT summary "1,88  20,92  22,80": net plus VAT is a gross one
      digit away from the total; the arithmetic is the stronger evidence.
    """
    if not total.cents:
        for line in ctx.lines:
            for a in find_amounts(line.text):
                if a.cents and a.value > 0 and a.value * 100 == total.value:
                    return _Found(a.value, line, a.start, a.end, below=False), a
        return None
    grosses: dict[Decimal, tuple[_Found, AmountMatch]] = {}
    for line in ctx.lines:
        row = [a for a in find_amounts(line.text) if a.value > 0]
        if len(row) < 3:
            continue
        values = [a.value for a in row]
        for k, gross in enumerate(row):
            rest = values[:k] + values[k + 1 :]
            if any(rest[i] + rest[j] == gross.value for i, j in _pairs(len(rest))):
                grosses[gross.value] = (
                    _Found(gross.value, line, gross.start, gross.end, below=False),
                    gross,
                )
    if total.value in grosses:
        return None
    near = [g for v, g in grosses.items() if _one_digit_apart(v, total.value)]
    return near[0] if len(near) == 1 else None


def _pairs(n: int) -> list[tuple[int, int]]:
    return [(i, j) for i in range(n) for j in range(i + 1, n)]


def _one_digit_apart(a: Decimal, b: Decimal) -> bool:
    x, y = f"{a:.2f}", f"{b:.2f}"
    return len(x) == len(y) and sum(p != q for p, q in zip(x, y, strict=True)) == 1


def _label_match(line: Line) -> re.Match[str] | None:
    for pattern in (PAYABLE, INCL_TOTAL, GENERIC_TOTAL):
        m = pattern.search(line.norm)
        if m:
            return m
    return None


def _largest_amount(
    ctx: _Context, doc_currency: str | None
) -> tuple[Field[Decimal] | None, Field[str] | None]:
    pool = [(a, line) for line in ctx.lines for a in find_amounts(line.text)]
    if not pool:
        return None, None
    a, line = max(pool, key=lambda p: p[0].value)
    found = _Found(a.value, line, a.start, a.end, below=False)
    return _field(found, a.value, 0.35), _currency_field(found, a, doc_currency)


def _currency_field(found: _Found, a: AmountMatch, doc_currency: str | None) -> Field[str]:
    if a.currency:
        return _field(found, a.currency, 0.95)
    in_line = currency_in(found.line.text)
    if in_line:
        return _field(found, in_line, 0.9)
    if doc_currency:
        return _field(found, doc_currency, 0.7)
    # Benelux invoices without any currency sign are in euro; say so with low confidence.
    return Field("EUR", 0.3, None)
