"""The varied set's layouts: each one a convention real invoices, receipts and credit notes use.

Drawn with the original renderer's ``Canvas`` and fonts (``render.py`` is not changed: the
original set's pages stay pixel for pixel the same). Every layout takes a :class:`VDoc` from
``varied.prepare`` and prints only what it holds, so the truth follows the page. The table in
tests/perf/ocr/README.md lists them with what each one tests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from PIL import Image, ImageDraw, ImageFont

from .evalset import Record, pick
from .render import _FONT_FILES, FONT_ROOT, LEFT, RIGHT, Canvas, H, W, _font
from .varied import LANGUAGES, Spec, VariedTruth, VDoc, fmt_date, prepare

_MONO: Final = {
    "liberation-mono": (
        "liberation/LiberationMono-Regular.ttf",
        "liberation/LiberationMono-Bold.ttf",
    ),
    "dejavu-mono": ("dejavu/DejaVuSansMono.ttf", "dejavu/DejaVuSansMono-Bold.ttf"),
    "freemono": ("freefont/FreeMono.ttf", "freefont/FreeMonoBold.ttf"),
}
RECEIPT_W: Final = 945  # 80 mm till roll at 300 dpi


class Sheet(Canvas):
    """A canvas of any size; ``mono_family`` makes monospace the default (till rolls)."""

    def __init__(
        self, family: str, size: tuple[int, int] = (W, H), mono_family: str | None = None
    ) -> None:
        self.image = Image.new("L", size, 255)
        self.draw = ImageDraw.Draw(self.image)
        self.regular, self.bold = _FONT_FILES[family]
        mono = _MONO.get(mono_family or "", _MONO["liberation-mono"])
        if not (FONT_ROOT / mono[0]).is_file():
            mono = _MONO["dejavu-mono"]
        self.mono, self.mono_bold = mono
        if mono_family:
            self.regular, self.bold = mono

    def font(self, size: int, bold: bool = False, mono: bool = False) -> ImageFont.FreeTypeFont:
        if mono:
            return _font(self.mono_bold if bold else self.mono, size)
        return _font(self.bold if bold else self.regular, size)

    def width(self, s: str, size: int = 40, bold: bool = False) -> float:
        return float(self.font(size, bold).getlength(s))

    def dashed(self, x0: float, x1: float, y: float, dash: int = 18, width: int = 2) -> None:
        x = x0
        while x < x1:
            self.draw.line([(x, y), (min(x + dash, x1), y)], fill=0, width=width)
            x += 2 * dash


def mono_families() -> list[str]:
    return [n for n, files in _MONO.items() if all((FONT_ROOT / f).is_file() for f in files)]


# --- shared pieces -------------------------------------------------------------------------


def _lines(
    c: Sheet,
    x: float,
    y: float,
    lines: list[str],
    size: int,
    *,
    bold_first: bool = False,
    right: bool = False,
    step: float = 1.35,
    fill: int = 0,
) -> float:
    for i, s in enumerate(lines):
        c.text(x, y, s, size, bold=bold_first and i == 0, right=right, fill=fill)
        y += size * step
    return y


def _kv(
    c: Sheet,
    x: float,
    y: float,
    pairs: list[tuple[str, str]],
    size: int,
    value_x: float,
    *,
    colon: str = ":",
    right_labels: bool = False,
    bold_values: bool = False,
) -> float:
    for label, value in pairs:
        if right_labels:
            c.text(value_x - 25, y, f"{label}{colon}", size, right=True)
        else:
            c.text(x, y, f"{label}{colon}", size)
        c.text(value_x, y, value, size, bold=bold_values)
        y += size * 1.5
    return y


def _meta(doc: VDoc, *, due: bool = True, customer_no: bool = False) -> list[tuple[str, str]]:
    pairs = [(doc.number_label, doc.number), (doc.date_label, doc.issue)]
    if due and doc.due:
        pairs.append((doc.labels["due"], doc.due))
    if customer_no:
        pairs.append((doc.labels["customer_no"], doc.customer_no))
    return pairs


def _table(
    c: Sheet,
    doc: VDoc,
    y: float,
    *,
    style: str = "rules",
    size: int = 38,
    x0: float = LEFT,
    x1: float = RIGHT,
    rate: bool = False,
    mono: bool = False,
) -> float:
    """Items; ``style`` rules | grid | none | zebra | shaded | ascii. Returns the y below."""
    lab = doc.labels
    span = x1 - x0
    cols = [x0 + 20, x0 + span * 0.55, x0 + span * 0.72, x1 - 20]
    head = [lab["desc"], lab["qty"], lab["unit_price"], lab["amount"]]
    if rate:
        cols = [x0 + 20, x0 + span * 0.5, x0 + span * 0.64, x0 + span * 0.78, x1 - 20]
        head = [lab["desc"], lab["qty"], lab["unit_price"], lab["rate"], lab["amount"]]
    row_h = size * 1.6
    top = y
    if style == "shaded":
        c.rect((x0, y - 12, x1, y + row_h - 12), fill=210, width=0)
    if style == "ascii":
        c.dashed(x0, x1, y - 12)
    for i, (x, h) in enumerate(zip(cols, head, strict=True)):
        c.text(x, y, h, size, bold=True, right=i > 0, mono=mono)
    y += row_h
    if style in ("rules", "grid", "ascii"):
        (c.dashed if style == "ascii" else c.hline)(x0, x1, y - 14)
    for n, row in enumerate(doc.lines):
        if style == "zebra" and n % 2 == 0:
            c.rect((x0, y - 12, x1, y + row_h - 12), fill=230, width=0)
        values = [row.desc, row.qty, row.unit_price, row.amount]
        if rate:
            values = [row.desc, row.qty, row.unit_price, row.rate, row.amount]
        for i, (x, v) in enumerate(zip(cols, values, strict=True)):
            c.text(x, y, v, size, right=i > 0, mono=mono)
        y += row_h
        if style == "grid":
            c.hline(x0, x1, y - 14, width=2)
    if style == "grid":
        c.rect((x0, top - 20, x1, y - 14), width=3)
        for x in cols[1:]:
            c.vline(x - span * 0.13, top - 20, y - 14, width=2)
    if style in ("rules", "ascii"):
        (c.dashed if style == "ascii" else c.hline)(x0, x1, y - 10)
    return y + 30


def _totals(
    c: Sheet,
    doc: VDoc,
    y: float,
    *,
    size: int = 38,
    x_label: float = 1350,
    x_right: float = RIGHT - 20,
    big: bool = False,
    vat_per_rate: bool = True,
    rule: bool = True,
) -> float:
    lab = doc.labels
    step = size * 1.6
    c.text(x_label, y, lab["subtotal"], size)
    c.text(x_right, y, doc.subtotal, size, right=True)
    y += step
    for v in doc.vat_lines if vat_per_rate else []:
        c.text(x_label, y, f"{lab['vat']} {v.rate}", size)
        c.text(x_right, y, v.money, size, right=True)
        y += step
    if not vat_per_rate:
        c.text(x_label, y, lab["vat_total"], size)
        c.text(x_right, y, doc.vat_total, size, right=True)
        y += step
    if rule:
        c.hline(x_label, x_right + 20, y - 12, width=2)
    tsize = int(size * 1.25) if big else size
    c.text(x_label, y + 8, doc.total_label, tsize, bold=True)
    c.text(x_right, y + 8, doc.total, tsize, bold=True, right=True)
    return y + tsize * 1.6 + 30


def _notes(
    c: Sheet, doc: VDoc, y: float, *, size: int = 34, x: float = LEFT, terms: bool = True
) -> float:
    lab = doc.labels
    if terms and doc.terms:
        c.text(x, y, f"{lab['terms']}: {doc.terms}", size)
        y += size * 1.5
    if doc.reference:
        c.text(x, y, f"{lab['reference']}: {doc.reference}", size)
        y += size * 1.5
    if doc.note:
        c.text(x, y, doc.note, size - 4)
        y += size * 1.5
    if doc.original_number:
        c.text(x, y, f"{lab['original']} {doc.original_number}", size)
        y += size * 1.5
    return y


def _buyer_vat(doc: VDoc) -> list[str]:
    return [f"{doc.labels['vat_id']} {doc.buyer_vat}"] if doc.buyer_vat else []


def _seller_vat(doc: VDoc) -> str:
    return f"{doc.labels['vat_id']} {doc.seller_vat}"


def _initials(name: str) -> str:
    words = [w for w in name.split() if w[:1].isalpha()]
    return "".join(w[0] for w in words[:2]).upper()


def _footer(c: Sheet, doc: VDoc, y: float = 3260, size: int = 30) -> None:
    s = doc.seller
    c.hline(LEFT, RIGHT, y - 20, width=2)
    c.text(W / 2, y, f"{s.name} · {s.street} · {s.postcode} {s.city}", size, centre=True)
    iban = f" · IBAN {doc.seller_iban}" if doc.seller_iban else ""
    c.text(W / 2, y + size * 1.5, f"{_seller_vat(doc)}{iban}", size, centre=True)


# --- A4 layouts ----------------------------------------------------------------------------


def keyvalue(c: Sheet, doc: VDoc) -> None:
    """Key-value blocks: a heading per party, then ``Name:``, ``Anschrift:``, ``USt-IdNr.:``."""
    lab = doc.labels
    c.text(LEFT, 180, doc.title, 80, bold=True)
    y = 360.0
    s = doc.seller
    blocks = [
        (
            lab["seller"],
            [
                (lab["name"], s.name),
                (lab["address"], s.street),
                (lab["city"], f"{s.postcode} {s.city}"),
                (lab["vat_id"], doc.seller_vat),
            ],
        ),
    ]
    if doc.buyer:
        b = doc.buyer
        pairs = [
            (lab["name"], b.name),
            (lab["address"], b.street),
            (lab["city"], f"{b.postcode} {b.city}"),
        ]
        if doc.buyer_vat:
            pairs.append((lab["vat_id"], doc.buyer_vat))
        blocks.append((lab["buyer"], pairs))
    for heading, pairs in blocks:
        c.text(LEFT, y, heading, 42, bold=True)
        y = _kv(c, LEFT, y + 65, pairs, 38, 700) + 40
    y = _kv(c, LEFT, y + 20, _meta(doc, customer_no=True), 38, 900) + 60
    y = _table(c, doc, y, style="rules")
    y = _totals(c, doc, y + 10)
    _notes(c, doc, y + 40)


def two_column(c: Sheet, doc: VDoc) -> None:
    """Seller and customer side by side, their lines sharing the same baselines."""
    lab = doc.labels
    c.text(RIGHT, 160, doc.title, 76, bold=True, right=True)
    c.text(LEFT, 330, lab["seller"], 34, fill=80)
    right_x = 1300
    if doc.buyer:
        c.text(right_x, 330, lab["buyer"], 34, fill=80)
    left = [*doc.seller_lines, _seller_vat(doc)]
    right = [*doc.buyer_lines, *_buyer_vat(doc)]
    y = 390.0
    for i in range(max(len(left), len(right))):
        if i < len(left):
            c.text(LEFT, y, left[i], 40, bold=i == 0)
        if i < len(right):
            c.text(right_x, y, right[i], 40, bold=i == 0)
        y += 56
    y = _kv(c, LEFT, y + 80, _meta(doc), 40, 800) + 80
    y = _table(c, doc, y, style="rules")
    y = _totals(c, doc, y + 10)
    _notes(c, doc, y + 40)
    c.text(LEFT, 3300, f"IBAN {doc.seller_iban}", 32)


def din5008(c: Sheet, doc: VDoc) -> None:
    """A business letter: one-line return address over the window, info block on the right,
    a subject line with the number, the due date only in a sentence."""
    lab = doc.labels
    s = doc.seller
    c.text(RIGHT, 160, s.name, 58, bold=True, right=True)
    _lines(c, RIGHT, 240, [s.street, f"{s.postcode} {s.city}"], 34, right=True)
    ret = f"{s.name} · {s.street} · {s.postcode} {s.city}"
    c.text(LEFT, 520, ret, 26)
    c.hline(LEFT, LEFT + c.width(ret, 26), 556, width=1)
    _lines(c, LEFT, 600, [*doc.buyer_lines, *_buyer_vat(doc)], 42)
    pairs = [
        (lab["customer_no"], doc.customer_no),
        (doc.number_label, doc.number),
        (doc.date_label, doc.issue),
    ]
    _kv(c, 1450, 560, pairs, 34, 1850)
    c.text(LEFT, 1080, f"{doc.title} {doc.number}", 50, bold=True)
    y = _table(c, doc, 1250, style="rules")
    y = _totals(c, doc, y + 10)
    if doc.due:
        c.text(LEFT, y + 40, lab["due_sentence"].format(doc.due), 38)
        y += 100
    _notes(c, doc, y + 40, terms=False)
    cols = [
        [s.name, s.street, f"{s.postcode} {s.city}"],
        [_seller_vat(doc), lab["page"]],
        [f"IBAN {doc.seller_iban}" if doc.seller_iban else "", "BIC GEBABEBB"],
    ]
    c.hline(LEFT, RIGHT, 3160, width=2)
    for x, lines in zip((LEFT, 1000, 1650), cols, strict=True):
        _lines(c, x, 3190, lines, 28)


def boxed_parties(c: Sheet, doc: VDoc) -> None:
    """Two framed boxes with a header inside (Seller / Buyer), meta as four framed cells."""
    lab = doc.labels
    c.text(W / 2, 160, doc.title, 80, bold=True, centre=True)
    boxes = [(LEFT, lab["seller"], [*doc.seller_lines, _seller_vat(doc)])]
    if doc.buyer:
        boxes.append((1280, lab["buyer"], [*doc.buyer_lines, *_buyer_vat(doc)]))
    for x, head, lines in boxes:
        c.rect((x, 350, x + 1000, 820), width=3)
        c.rect((x, 350, x + 1000, 420), fill=220, width=3)
        c.text(x + 25, 362, head, 38, bold=True)
        _lines(c, x + 25, 450, lines, 36, bold_first=True)
    cells = _meta(doc, customer_no=True)
    w = (RIGHT - LEFT) / len(cells)
    for i, (label, value) in enumerate(cells):
        cx = LEFT + i * w
        c.rect((cx, 900, cx + w, 1060), width=2)
        c.text(cx + 20, 915, label, 32, bold=True)
        c.text(cx + 20, 985, value, 38)
    y = _table(c, doc, 1180, style="grid")
    y = _totals(c, doc, y + 20)
    _notes(c, doc, y + 40)


def meta_table(c: Sheet, doc: VDoc) -> None:
    """Invoice data as a ruled table: a row of labels over a row of values."""
    lab = doc.labels
    _lines(c, LEFT, 180, doc.seller_lines, 38, bold_first=True)
    c.text(LEFT, 180 + 38 * 1.35 * len(doc.seller_lines), _seller_vat(doc), 38)
    if doc.buyer:
        c.text(1350, 480, f"{lab['customer']}:", 38, bold=True)
        _lines(c, 1350, 540, [*doc.buyer_lines, *_buyer_vat(doc)], 40)
    c.text(LEFT, 900, doc.title, 64, bold=True)
    cells = [*_meta(doc), (lab["customer_no"], doc.customer_no), (lab["order_no"], doc.order_no)]
    w = (RIGHT - LEFT) / len(cells)
    top = 1020
    c.rect((LEFT, top, RIGHT, top + 150), width=3)
    c.hline(LEFT, RIGHT, top + 70, width=2)
    for i, (label, value) in enumerate(cells):
        x = LEFT + i * w
        if i:
            c.vline(x, top, top + 150, width=2)
        c.text(x + 15, top + 15, label, 30, bold=True)
        c.text(x + 15, top + 88, value, 36)
    y = _table(c, doc, top + 280, style="grid")
    y = _totals(c, doc, y + 20)
    _notes(c, doc, y + 40)


def unruled(c: Sheet, doc: VDoc) -> None:
    """No rule anywhere: whitespace columns, right-aligned labels, customer without a label."""
    _lines(c, RIGHT, 180, [*doc.seller_lines, _seller_vat(doc)], 36, right=True, bold_first=True)
    _lines(c, LEFT, 500, [*doc.buyer_lines, *_buyer_vat(doc)], 42, bold_first=True)
    c.text(LEFT, 950, doc.title, 60)
    _kv(c, 0, 1080, _meta(doc, customer_no=True), 38, 800, right_labels=True)
    y = _table(c, doc, 1450, style="none")
    y = _totals(c, doc, y + 30, rule=False)
    _notes(c, doc, y + 40)


def small_print(c: Sheet, doc: VDoc) -> None:
    """Everything in 7-8 pt type with a block of general terms under the totals."""
    size = 30
    _lines(c, LEFT, 160, [*doc.seller_lines, _seller_vat(doc)], size, bold_first=True)
    c.text(RIGHT, 160, doc.title, 56, bold=True, right=True)
    _kv(c, 1500, 260, _meta(doc, customer_no=True), size, 1900)
    if doc.buyer:
        c.text(LEFT, 480, doc.labels["customer"], size, bold=True)
        _lines(c, LEFT, 525, [*doc.buyer_lines, *_buyer_vat(doc)], size + 4)
    y = _table(c, doc, 900, style="rules", size=size, rate=True)
    y = _totals(c, doc, y + 10, size=size)
    y = _notes(c, doc, y + 30, size=size)
    terms = {
        "nl": "Algemene voorwaarden: elke factuur is betaalbaar op de vervaldag. Bij laattijdige "
        "betaling is van rechtswege een intrest van 10% verschuldigd en een forfaitaire "
        "schadevergoeding van 10% met een minimum van 40 euro.",
        "fr": "Conditions générales : toute facture est payable à l'échéance. En cas de retard, "
        "un intérêt de 10% est dû de plein droit ainsi qu'une indemnité forfaitaire de 10% avec "
        "un minimum de 40 euros.",
        "de": "Allgemeine Geschäftsbedingungen: Rechnungen sind zum Fälligkeitstag zahlbar. Bei "
        "Zahlungsverzug werden Verzugszinsen von 9 Prozentpunkten über dem Basiszinssatz und "
        "eine Pauschale von 40 Euro berechnet.",
        "en": "General terms: invoices are payable on the due date. Late payment carries "
        "interest of 10% per year and a fixed compensation of 10%, at least 40 euro.",
    }[doc.lang]
    words, line = terms.split(), ""
    y += 40
    for w in words:
        if c.width(f"{line} {w}", 26) > RIGHT - LEFT:
            c.text(LEFT, y, line, 26, fill=60)
            y += 38
            line = w
        else:
            line = f"{line} {w}".strip()
    c.text(LEFT, y, line, 26, fill=60)


def saas(c: Sheet, doc: VDoc) -> None:
    """A software company's invoice: meta first, a big "€ … due <date>" line, light rules."""
    lab = doc.labels
    c.text(LEFT, 180, doc.title, 64, bold=True)
    c.draw.rounded_rectangle((RIGHT - 160, 160, RIGHT, 320), radius=30, fill=60)
    c.text(RIGHT - 80, 200, _initials(doc.seller.name), 60, bold=True, centre=True, fill=255)
    _kv(c, LEFT, 320, _meta(doc), 34, 650, colon="")
    y = 620.0
    _lines(c, LEFT, y, [*doc.seller_lines, _seller_vat(doc)], 34, bold_first=True)
    if doc.buyer:
        c.text(1100, y, lab["customer"], 34, bold=True)
        _lines(c, 1100, y + 50, [*doc.buyer_lines, *_buyer_vat(doc)], 34)
    headline = doc.total
    if doc.due:
        headline = {
            "nl": "{} te betalen voor {}",
            "fr": "{} à payer avant le {}",
            "de": "{} fällig am {}",
            "en": "{} due {}",
        }[doc.lang].format(doc.total, doc.due)
    c.text(LEFT, 1040, headline, 56, bold=True)
    y = _table(c, doc, 1250, style="rules", size=34)
    y = _totals(c, doc, y + 10, size=34)
    c.text(1350, y, doc.labels["total"], 34, bold=True)
    c.text(RIGHT - 20, y, doc.total, 34, bold=True, right=True)
    _notes(c, doc, y + 100, size=32)


def utility(c: Sheet, doc: VDoc) -> None:
    """An account statement: previous balance and payments beside this invoice's amount."""
    from decimal import Decimal

    lab = doc.labels
    c.rect((0, 120, W, 300), fill=70, width=0)
    c.text(LEFT, 165, doc.trade, 66, bold=True, fill=255)
    _lines(c, LEFT, 360, [*doc.buyer_lines, *_buyer_vat(doc)], 42, bold_first=True)
    pairs = [(lab["account"], doc.customer_no), *_meta(doc, due=False)]
    _kv(c, 1350, 360, pairs, 36, 1800)
    previous = (doc.gross * Decimal("0.8")).quantize(Decimal("0.01"))
    box = (LEFT, 900, RIGHT, 1400)
    c.rect(box, width=3)
    c.text(LEFT + 30, 920, doc.title, 44, bold=True)
    rows = [
        (lab["previous"], doc.money(previous)),
        (lab["payment_received"], doc.money(-previous)),
        (f"{doc.title} {doc.number}", doc.total),
    ]
    y = 1000.0
    for label, value in rows:
        c.text(LEFT + 30, y, label, 38)
        c.text(RIGHT - 30, y, value, 38, right=True)
        y += 62
    c.hline(LEFT + 20, RIGHT - 20, y, width=2)
    c.text(LEFT + 30, y + 25, doc.total_label, 46, bold=True)
    c.text(RIGHT - 30, y + 25, doc.total, 46, bold=True, right=True)
    if doc.due:
        c.text(LEFT + 30, y + 95, f"{lab['due']}: {doc.due}", 38)
    y = _table(c, doc, 1560, style="zebra", size=36)
    y = _totals(c, doc, y + 20, size=36)
    _notes(c, doc, y + 40)
    _footer(c, doc)


def multi_vat(c: Sheet, doc: VDoc) -> None:
    """Two VAT rates: a rate column and a VAT summary table (base / VAT / gross per rate)."""
    lab = doc.labels
    _lines(c, LEFT, 180, [*doc.seller_lines, _seller_vat(doc)], 38, bold_first=True)
    c.text(RIGHT, 180, doc.title, 72, bold=True, right=True)
    if doc.buyer:
        c.text(1350, 450, f"{lab['customer']}:", 38, bold=True)
        _lines(c, 1350, 510, [*doc.buyer_lines, *_buyer_vat(doc)], 40)
    _kv(c, LEFT, 600, _meta(doc, customer_no=True), 38, 760)
    y = _table(c, doc, 1050, style="rules", rate=True)
    # VAT summary table: the per-rate amounts and "Total VAT" are not the total.
    head = [lab["rate"], lab["subtotal"], lab["vat"], lab["amount"]]
    xs = [LEFT + 20, 1000, 1500, RIGHT - 20]
    for i, (x, h) in enumerate(zip(xs, head, strict=True)):
        c.text(x, y + 20, h, 34, bold=True, right=i > 0)
    c.hline(LEFT, RIGHT, y + 75, width=2)
    y += 100
    for v in doc.vat_lines:
        for i, (x, t) in enumerate(zip(xs, [v.rate, v.base, v.amount, v.gross], strict=True)):
            c.text(x, y, t, 34, right=i > 0)
        y += 55
    c.hline(LEFT, RIGHT, y, width=2)
    c.text(LEFT + 20, y + 15, lab["vat_total"], 34, bold=True)
    c.text(1500, y + 15, doc.vat_total, 34, bold=True, right=True)
    y += 120
    c.text(1350, y, doc.total_label, 46, bold=True)
    c.text(RIGHT - 20, y, doc.total, 46, bold=True, right=True)
    _notes(c, doc, y + 120)


def payment_slip(c: Sheet, doc: VDoc) -> None:
    """An invoice with a transfer slip to cut off: amount in boxed digits, the payee again."""
    lab = doc.labels
    c.text(LEFT, 170, doc.trade, 56, bold=True)
    _lines(c, LEFT, 250, [*doc.seller_lines[1:], _seller_vat(doc)], 32)
    _lines(c, 1350, 420, [*doc.buyer_lines, *_buyer_vat(doc)], 40, bold_first=True)
    c.text(LEFT, 820, doc.title, 60, bold=True)
    _kv(c, LEFT, 920, _meta(doc), 36, 760)
    y = _table(c, doc, 1200, style="rules", size=36)
    y = _totals(c, doc, y + 10, size=36)
    _notes(c, doc, y + 30, terms=False)
    top = 2450
    c.dashed(0, W, top, dash=25)
    c.text(
        LEFT,
        top + 30,
        {"nl": "Overschrijving", "fr": "Virement", "de": "Überweisung", "en": "Bank transfer"}[
            doc.lang
        ],
        40,
        bold=True,
    )
    c.rect((LEFT, top + 110, RIGHT, top + 950), width=3)
    payee = {"nl": "Begunstigde", "fr": "Bénéficiaire", "de": "Empfänger", "en": "Payee"}
    c.text(LEFT + 30, top + 140, payee[doc.lang], 30, fill=80)
    c.text(LEFT + 30, top + 185, doc.seller.name, 38)
    c.text(LEFT + 30, top + 240, doc.seller_iban, 38, mono=True)
    amount = {"nl": "Bedrag", "fr": "Montant", "de": "Betrag", "en": "Amount"}
    c.text(1400, top + 140, f"{amount[doc.lang]} ({doc.currency_code})", 30, fill=80)
    digits = doc.total_bare
    for i, ch in enumerate(digits):
        x = 1400 + i * 55
        c.rect((x, top + 185, x + 50, top + 255), width=2)
        c.text(x + 25, top + 195, ch, 44, centre=True, mono=True)
    c.text(LEFT + 30, top + 330, lab["reference"], 30, fill=80)
    c.text(LEFT + 30, top + 375, doc.reference or doc.number, 40, mono=True)
    if doc.due:
        c.text(1400, top + 330, lab["due"], 30, fill=80)
        c.text(1400, top + 375, doc.due, 40)
    if doc.buyer:
        payer = {
            "nl": "Opdrachtgever",
            "fr": "Donneur d'ordre",
            "de": "Auftraggeber",
            "en": "Payer",
        }
        c.text(LEFT + 30, top + 480, payer[doc.lang], 30, fill=80)
        _lines(c, LEFT + 30, top + 525, doc.buyer_lines[:3], 36)


def logo_letterhead(c: Sheet, doc: VDoc) -> None:
    """A logo (drawn shapes and initials) beside a trade name; the legal name in small type."""
    lab = doc.labels
    c.draw.polygon([(LEFT, 330), (LEFT + 110, 140), (LEFT + 220, 330)], fill=40)
    c.draw.ellipse((LEFT + 120, 200, LEFT + 290, 370), fill=150)
    c.text(LEFT + 205, 250, _initials(doc.trade), 56, bold=True, centre=True, fill=255)
    c.text(LEFT + 340, 190, doc.trade, 72, bold=True)
    c.text(
        LEFT + 340,
        290,
        f"{doc.seller.name} · {doc.seller.street} · {doc.seller.postcode} {doc.seller.city}",
        30,
    )
    c.text(LEFT + 340, 335, _seller_vat(doc), 30)
    if doc.buyer:
        c.text(1350, 520, lab["customer"], 36, fill=90)
        _lines(c, 1350, 575, [*doc.buyer_lines, *_buyer_vat(doc)], 42, bold_first=True)
    c.text(LEFT, 1000, f"{doc.title}", 64, bold=True)
    _kv(c, LEFT, 1110, _meta(doc, customer_no=True), 38, 760)
    y = _table(c, doc, 1450, style="shaded")
    y = _totals(c, doc, y + 20, big=True)
    _notes(c, doc, y + 40)


def footer_legal(c: Sheet, doc: VDoc) -> None:
    """The letterhead shows a trade name only; the legal name is in the footer alone."""
    lab = doc.labels
    c.text(LEFT, 160, doc.trade, 90, bold=True)
    c.hline(LEFT, LEFT + c.width(doc.trade, 90, bold=True), 270, width=8)
    web = "www." + "".join(ch for ch in doc.trade.lower() if ch.isalnum())[:14] + ".eu"
    c.text(RIGHT, 180, web, 34, right=True)
    if doc.buyer:
        c.text(1350, 450, f"{lab['customer']}:", 36, bold=True)
        _lines(c, 1350, 510, [*doc.buyer_lines, *_buyer_vat(doc)], 42)
    c.text(LEFT, 480, doc.title, 60, bold=True)
    _kv(c, LEFT, 580, _meta(doc), 38, 720)
    y = _table(c, doc, 1150, style="rules")
    y = _totals(c, doc, y + 20)
    _notes(c, doc, y + 40)
    _footer(c, doc)


def order_numbers(c: Sheet, doc: VDoc) -> None:
    """Order, customer and delivery-note numbers printed beside the invoice number."""
    lab = doc.labels
    _lines(c, LEFT, 180, [*doc.seller_lines, _seller_vat(doc)], 36, bold_first=True)
    c.text(RIGHT, 180, doc.title, 72, bold=True, right=True)
    _lines(c, 1350, 420, [*doc.buyer_lines, *_buyer_vat(doc)], 42, bold_first=True)
    cells = [
        (lab["order_no"], doc.order_no),
        (lab["customer_no"], doc.customer_no),
        (doc.number_label, doc.number),
        (lab["delivery_no"], doc.delivery_no),
    ]
    x = float(LEFT)
    for label, value in cells:
        c.text(x, 900, label, 32, fill=70)
        c.text(x, 945, value, 40, bold=True)
        x += (RIGHT - LEFT) / 4
    pairs = [(doc.date_label, doc.issue)]
    if doc.due:
        pairs.append((doc.labels["due"], doc.due))
    _kv(c, LEFT, 1060, pairs, 36, 700)
    y = _table(c, doc, 1320, style="rules")
    y = _totals(c, doc, y + 20)
    _notes(c, doc, y + 40)


def terms_only(c: Sheet, doc: VDoc) -> None:
    """No due date: only payment terms in days, in a sentence under the totals."""
    lab = doc.labels
    c.text(LEFT, 170, doc.seller.name, 54, bold=True)
    _lines(c, LEFT, 250, [*doc.seller_lines[1:], _seller_vat(doc)], 34)
    if doc.buyer:
        c.text(1350, 460, lab["customer"], 36, bold=True)
        _lines(c, 1350, 515, [*doc.buyer_lines, *_buyer_vat(doc)], 40)
    c.text(LEFT, 900, doc.title, 60, bold=True)
    _kv(c, LEFT, 1000, _meta(doc, customer_no=True), 38, 760)
    y = _table(c, doc, 1320, style="rules")
    y = _totals(c, doc, y + 20)
    if doc.terms:
        c.text(LEFT, y + 40, f"{lab['terms']}: {doc.terms}", 40, bold=True)
    _notes(c, doc, y + 120, terms=False)
    _footer(c, doc)


def us_dates(c: Sheet, doc: VDoc) -> None:
    """English with month-first dates (03/14/2024) and 1,234.56 amounts; meta in a box."""
    lab = doc.labels
    c.text(LEFT, 170, doc.title, 90, bold=True)
    _lines(c, RIGHT, 170, [*doc.seller_lines, _seller_vat(doc)], 34, right=True, bold_first=True)
    c.rect((1400, 520, RIGHT, 800), width=3)
    _kv(c, 1430, 545, _meta(doc), 36, 1800)
    if doc.buyer:
        c.text(LEFT, 520, lab["customer"].upper(), 34, bold=True)
        _lines(c, LEFT, 575, [*doc.buyer_lines, *_buyer_vat(doc)], 40)
    y = _table(c, doc, 1000, style="shaded")
    y = _totals(c, doc, y + 20, big=True)
    _notes(c, doc, y + 40)


def written_months(c: Sheet, doc: VDoc) -> None:
    """Dates with the month written out (14 maart 2024, 14. März 2024, March 14, 2024),
    the place and date on one line as letters have them."""
    lab = doc.labels
    c.text(W / 2, 170, doc.seller.name, 58, bold=True, centre=True)
    c.text(
        W / 2,
        260,
        f"{doc.seller.street} - {doc.seller.postcode} {doc.seller.city} - {_seller_vat(doc)}",
        32,
        centre=True,
    )
    _lines(c, 1350, 480, [*doc.buyer_lines, *_buyer_vat(doc)], 42)
    c.text(LEFT, 930, f"{doc.seller.city}, {doc.issue}", 40)
    c.text(LEFT, 1020, f"{doc.title} {doc.number_label.lower()} {doc.number}", 50, bold=True)
    y = _table(c, doc, 1200, style="rules")
    y = _totals(c, doc, y + 20)
    if doc.due:
        c.text(LEFT, y + 40, f"{lab['due']}: {doc.due}", 40)
        y += 80
    _notes(c, doc, y + 40)


def dotmatrix(c: Sheet, doc: VDoc) -> None:
    """A continuous-form printout: monospace capitals, dashed separators, `LABEL : value`."""
    size = 36
    y = 160.0
    for i, s in enumerate([*doc.seller_lines, _seller_vat(doc)]):
        c.text(LEFT, y, s.upper() if i else s, size, mono=True, bold=i == 0)
        y += 50
    c.dashed(LEFT, RIGHT, y + 20)
    c.text(LEFT, y + 60, doc.title.upper(), 48, mono=True, bold=True)
    y += 160
    pairs = [(k.upper(), v) for k, v in _meta(doc, customer_no=True)]
    for k, v in pairs:
        c.text(LEFT, y, f"{k:<20}: {v}", size, mono=True)
        y += 52
    if doc.buyer:
        y += 30
        for i, s in enumerate([*doc.buyer_lines, *_buyer_vat(doc)]):
            c.text(1300, 400 + i * 52, s.upper() if i else s, size, mono=True)
    c.dashed(LEFT, RIGHT, y + 10)
    y = _table(c, doc, y + 60, style="ascii", mono=True, size=34)
    lab = doc.labels
    rows = [
        (lab["subtotal"], doc.subtotal),
        *((f"{lab['vat']} {v.rate}", v.money) for v in doc.vat_lines),
        (doc.total_label, doc.total),
    ]
    for k, v in rows:
        c.text(1150, y, f"{k.upper():<22}{v:>16}", 34, mono=True, bold=k == doc.total_label)
        y += 52
    c.dashed(LEFT, RIGHT, y + 10)
    _notes(c, doc, y + 50, size=32)


def stamped(c: Sheet, doc: VDoc) -> None:
    """A paid invoice: a rotated stamp and a signature beside the totals."""
    lab = doc.labels
    c.text(LEFT, 170, doc.seller.name, 52, bold=True)
    _lines(c, LEFT, 245, [*doc.seller_lines[1:], _seller_vat(doc)], 34)
    if doc.buyer:
        c.text(1350, 440, f"{lab['customer']}:", 36, bold=True)
        _lines(c, 1350, 495, [*doc.buyer_lines, *_buyer_vat(doc)], 40)
    c.text(LEFT, 880, doc.title, 64, bold=True)
    _kv(c, LEFT, 990, _meta(doc), 38, 760)
    y = _table(c, doc, 1300, style="rules")
    ty = y
    y = _totals(c, doc, y + 20)
    stamp = Image.new("L", (620, 220), 0)
    d = ImageDraw.Draw(stamp)
    d.rounded_rectangle((8, 8, 612, 212), radius=25, outline=255, width=10)
    d.text((310, 110), lab["paid"], font=c.font(96, bold=True), fill=255, anchor="mm")
    stamp = stamp.rotate(14, expand=True, resample=Image.Resampling.BICUBIC)
    ink = Image.new("L", stamp.size, 110)
    c.image.paste(ink, (300, int(ty) + 20), stamp)
    pts = [(LEFT + 60 + i * 18, y + 160 + 25 * ((i * 7) % 5 - 2)) for i in range(24)]
    c.draw.line(pts, fill=40, width=5)
    _notes(c, doc, y + 260)


def sidebar_band(c: Sheet, doc: VDoc) -> None:
    """A shaded band down the left edge holds the seller's details; content to its right."""
    lab = doc.labels
    c.rect((0, 0, 640, H), fill=225, width=0)
    s = doc.seller
    y = _lines(c, 60, 200, [s.name], 32, bold_first=True)
    y = _lines(c, 60, y + 20, [s.street, f"{s.postcode} {s.city}"], 32)
    y = _lines(c, 60, y + 40, [lab["vat_id"], doc.seller_vat], 32)
    if doc.seller_iban:
        _lines(c, 60, y + 40, ["IBAN", doc.seller_iban[:19], doc.seller_iban[20:]], 32)
    x0 = 760
    c.text(x0, 180, doc.title, 80, bold=True)
    if doc.buyer:
        c.text(x0, 380, lab["customer"], 34, fill=80)
        _lines(c, x0, 430, [*doc.buyer_lines, *_buyer_vat(doc)], 40, bold_first=True)
    _kv(c, x0, 850, _meta(doc), 36, 1400)
    y = _table(c, doc, 1150, style="zebra", x0=x0, size=34)
    y = _totals(c, doc, y + 20, size=36, x_label=1400)
    _notes(c, doc, y + 40, x=x0, size=30)


def credit_note(c: Sheet, doc: VDoc) -> None:
    """A credit note naming the invoice it corrects; the amount to credit is positive."""
    lab = doc.labels
    _lines(c, LEFT, 180, doc.seller_lines, 40, bold_first=True)
    c.text(LEFT, 180 + 54 * len(doc.seller_lines), _seller_vat(doc), 36)
    c.text(RIGHT, 180, doc.title, 80, bold=True, right=True)
    if doc.buyer:
        c.text(1350, 500, f"{lab['customer']}:", 38, bold=True)
        _lines(c, 1350, 560, [*doc.buyer_lines, *_buyer_vat(doc)], 40)
    pairs = [*_meta(doc), (lab["original"], doc.original_number or "")]
    _kv(c, LEFT, 1000, pairs, 38, 900)
    y = _table(c, doc, 1350, style="rules")
    y = _totals(c, doc, y + 20)
    _notes(c, doc, y + 40)
    _footer(c, doc)


def credit_note_negative(c: Sheet, doc: VDoc) -> None:
    """A credit note printed as a negative invoice: minus signs on the lines and the total."""
    lab = doc.labels
    c.rect((0, 0, W, 240), fill=235, width=0)
    c.text(LEFT, 80, doc.title, 80, bold=True)
    c.text(RIGHT, 90, doc.seller.name, 46, bold=True, right=True)
    c.text(
        RIGHT, 160, f"{doc.seller.street}, {doc.seller.postcode} {doc.seller.city}", 30, right=True
    )
    c.text(LEFT, 300, _seller_vat(doc), 32)
    if doc.buyer:
        _lines(c, LEFT, 450, [*doc.buyer_lines, *_buyer_vat(doc)], 42, bold_first=True)
    pairs = [*_meta(doc, customer_no=True), (lab["original"], doc.original_number or "")]
    _kv(c, 1350, 450, pairs, 34, 1850)
    y = _table(c, doc, 1100, style="shaded")
    y = _totals(c, doc, y + 20, big=True)
    _notes(c, doc, y + 40)


# --- receipts (a till roll, 80 mm wide) ----------------------------------------------------


def _receipt_items(c: Sheet, doc: VDoc, y: float, size: int, *, mono: bool) -> float:
    right = RECEIPT_W - 40
    for row in doc.lines:
        c.text(40, y, row.desc, size, mono=mono)
        y += size * 1.3
        c.text(70, y, f"{row.qty} x {row.unit_price}", size, mono=mono)
        c.text(right, y, row.amount, size, right=True, mono=mono)
        y += size * 1.4
    return y


def _receipt_head(c: Sheet, doc: VDoc, size: int, *, mono: bool) -> float:
    mid = RECEIPT_W / 2
    s = doc.seller
    y = 60.0
    c.text(
        mid,
        y,
        doc.trade if doc.spec.trade_name else s.name,
        size + 8,
        bold=True,
        centre=True,
        mono=mono,
    )
    y += size * 1.6
    for line in (s.street, f"{s.postcode} {s.city}", _seller_vat(doc)):
        c.text(mid, y, line, size - 2, centre=True, mono=mono)
        y += size * 1.3
    return y + 20


def _crop(c: Sheet, bottom: float) -> None:
    c.image = c.image.crop((0, 0, RECEIPT_W, int(bottom) + 80))
    c.draw = ImageDraw.Draw(c.image)


def receipt_till(c: Sheet, doc: VDoc) -> None:
    """A till roll: monospace, receipt number and time, VAT lines that are not the total."""
    size = 30
    lab = doc.labels
    right = RECEIPT_W - 40
    y = _receipt_head(c, doc, size, mono=True)
    c.text(RECEIPT_W / 2, y, doc.title, size + 4, bold=True, centre=True, mono=True)
    y += size * 1.8
    c.text(40, y, f"{doc.number_label} {doc.number}", size, mono=True)
    y += size * 1.4
    c.text(
        40, y, f"{doc.date_label} {doc.issue}  14:{doc.issue_date.day + 10:02d}", size, mono=True
    )
    y += size * 1.4
    c.text(40, y, f"{lab['till']} 2", size, mono=True)
    y += size * 1.6
    c.dashed(40, right, y, dash=12)
    y = _receipt_items(c, doc, y + 20, size, mono=True)
    c.dashed(40, right, y, dash=12)
    y += 20
    c.text(40, y, doc.total_label, size + 8, bold=True, mono=True)
    c.text(right, y, doc.total, size + 8, bold=True, right=True, mono=True)
    y += size * 2
    c.text(40, y, lab["card"], size, mono=True)
    c.text(right, y, doc.total_bare, size, right=True, mono=True)
    y += size * 1.8
    for v in doc.vat_lines:
        c.text(40, y, f"{lab['vat']} {v.rate}", size - 2, mono=True)
        c.text(RECEIPT_W * 0.5, y, v.base, size - 2, right=True, mono=True)
        c.text(right, y, v.amount, size - 2, right=True, mono=True)
        y += size * 1.4
    y += 30
    c.text(RECEIPT_W / 2, y, lab["thanks"], size - 2, centre=True, mono=True)
    _crop(c, y + size)


def receipt_vat_table(c: Sheet, doc: VDoc) -> None:
    """A receipt with the VAT breakdown table after the total (rate, net, VAT, gross)."""
    size = 30
    lab = doc.labels
    right = RECEIPT_W - 40
    y = _receipt_head(c, doc, size, mono=False)
    c.text(40, y, f"{doc.title}  {doc.number}", size, bold=True)
    y += size * 1.4
    c.text(40, y, f"{doc.date_label}: {doc.issue}", size)
    y += size * 1.8
    y = _receipt_items(c, doc, y, size, mono=False)
    c.hline(40, right, y, width=2)
    y += 20
    c.text(40, y, doc.total_label, size + 10, bold=True)
    c.text(right, y, doc.total, size + 10, bold=True, right=True)
    y += size * 2.2
    xs = [40, RECEIPT_W * 0.45, RECEIPT_W * 0.68, right]
    head = [lab["rate"], lab["subtotal"].split()[0], lab["vat"], lab["amount"]]
    for i, (x, h) in enumerate(zip(xs, head, strict=True)):
        c.text(x, y, h, size - 4, bold=True, right=i > 0)
    y += size * 1.4
    for v in doc.vat_lines:
        for i, (x, t) in enumerate(zip(xs, [v.rate, v.base, v.amount, v.gross], strict=True)):
            c.text(x, y, t, size - 4, right=i > 0)
        y += size * 1.3
    c.text(40, y, lab["vat_total"], size - 2)
    c.text(right, y, doc.vat_total, size - 2, right=True)
    y += size * 2
    c.text(RECEIPT_W / 2, y, lab["thanks"], size - 2, centre=True)
    _crop(c, y + size)


def receipt_simplified(c: Sheet, doc: VDoc) -> None:
    """A simplified invoice on a till roll, with the customer's name and VAT number written in."""
    size = 30
    lab = doc.labels
    right = RECEIPT_W - 40
    y = _receipt_head(c, doc, size, mono=True)
    c.text(RECEIPT_W / 2, y, lab["simplified"], size, bold=True, centre=True, mono=True)
    y += size * 1.6
    c.text(40, y, f"{doc.number_label} {doc.number}", size, mono=True)
    y += size * 1.4
    c.text(40, y, f"{doc.date_label} {doc.issue}", size, mono=True)
    y += size * 1.6
    if doc.buyer:
        c.text(40, y, f"{lab['customer']}:", size, mono=True)
        y += size * 1.3
        for line in [doc.buyer.name, *_buyer_vat(doc)]:
            c.text(40, y, line, size, mono=True)
            y += size * 1.3
    c.dashed(40, right, y + 10, dash=12)
    y = _receipt_items(c, doc, y + 30, size, mono=True)
    c.dashed(40, right, y, dash=12)
    y += 20
    c.text(40, y, lab["subtotal"], size, mono=True)
    c.text(right, y, doc.subtotal, size, right=True, mono=True)
    y += size * 1.4
    for v in doc.vat_lines:
        c.text(40, y, f"{lab['vat']} {v.rate}", size, mono=True)
        c.text(right, y, v.amount, size, right=True, mono=True)
        y += size * 1.4
    c.text(40, y, doc.total_label, size + 6, bold=True, mono=True)
    c.text(right, y, doc.total, size + 6, bold=True, right=True, mono=True)
    y += size * 2
    c.text(RECEIPT_W / 2, y, lab["thanks"], size - 2, centre=True, mono=True)
    _crop(c, y + size)


def receipt_restaurant(c: Sheet, doc: VDoc) -> None:
    """A restaurant bill: table and covers, tax 'included' lines, a card slip under it."""
    size = 30
    lab = doc.labels
    right = RECEIPT_W - 40
    y = _receipt_head(c, doc, size, mono=False)
    c.text(40, y, f"{lab['table_no']} 12    2 x", size)
    c.text(right, y, f"{doc.number_label} {doc.number}", size, right=True)
    y += size * 1.4
    c.text(40, y, f"{doc.issue}  20:{doc.issue_date.day + 15:02d}", size)
    y += size * 1.8
    y = _receipt_items(c, doc, y, size, mono=False)
    c.hline(40, right, y, width=3)
    y += 20
    c.text(40, y, doc.total_label, size + 10, bold=True)
    c.text(right, y, doc.total, size + 10, bold=True, right=True)
    y += size * 2
    incl = {"nl": "waarvan", "fr": "dont", "de": "enthalten", "en": "incl."}[doc.lang]
    for v in doc.vat_lines:
        c.text(40, y, f"{incl} {lab['vat']} {v.rate}", size - 2)
        c.text(right, y, v.amount, size - 2, right=True)
        y += size * 1.4
    y += 20
    c.dashed(40, right, y, dash=10)
    y += 30
    c.text(
        40, y, f"{lab['card']}  **** **** **** {4000 + doc.issue_date.toordinal() % 5000}", size - 4
    )
    y += size * 1.4
    c.text(40, y, lab["paid"], size - 2)
    c.text(right, y, doc.total_bare, size - 2, right=True)
    y += size * 2
    c.text(RECEIPT_W / 2, y, lab["thanks"], size - 2, centre=True)
    _crop(c, y + size)


# --- the table of layouts ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Layout:
    name: str
    draw: Callable[[Sheet, VDoc], None]
    spec: Spec


R = "receipt"
LAYOUTS: Final[list[Layout]] = [
    Layout("keyvalue", keyvalue, Spec(wording=0, date_style="dot", currency="{} €", vat_style=1)),
    Layout(
        "two_column",
        two_column,
        Spec(wording=1, amount_style="fr", currency="{} €", number_scheme="dash"),
    ),
    Layout(
        "din5008",
        din5008,
        Spec(wording=0, date_style="dot", currency="{} EUR", due="sentence", number_scheme="short"),
    ),
    Layout("boxed_parties", boxed_parties, Spec(wording=2, currency="EUR {}", vat_style=2)),
    Layout(
        "meta_table",
        meta_table,
        Spec(wording=1, date_style="dash", currency="€ {}", number_scheme="slash"),
    ),
    Layout("unruled", unruled, Spec(wording=2, amount_style="fr", currency="{} €", vat_style=1)),
    Layout("small_print", small_print, Spec(wording=0, currency="€ {}", number_scheme="digits")),
    Layout(
        "saas",
        saas,
        Spec(
            wording=1,
            date_style="long",
            amount_style="en",
            currency="€{}",
            number_scheme="dash",
            vat_style=0,
        ),
    ),
    Layout(
        "utility",
        utility,
        Spec(wording=0, currency="€ {}", number_scheme="digits", trade_name=True),
    ),
    Layout(
        "multi_vat", multi_vat, Spec(wording=0, amount_style="fr", currency="{} €", multi_rate=True)
    ),
    Layout(
        "payment_slip",
        payment_slip,
        Spec(wording=1, currency="EUR {}", due="date", prints_terms=False),
    ),
    Layout(
        "logo_letterhead",
        logo_letterhead,
        Spec(wording=2, date_style="dot", currency="{} EUR", trade_name=True, vat_style=2),
    ),
    Layout(
        "footer_legal",
        footer_legal,
        Spec(wording=1, currency="€ {}", trade_name=True, number_scheme="short"),
    ),
    Layout(
        "order_numbers",
        order_numbers,
        Spec(wording=0, currency="EUR {}", date_style="dot", number_scheme="digits"),
    ),
    Layout(
        "terms_only", terms_only, Spec(wording=1, currency="{} €", due="terms", amount_style="fr")
    ),
    Layout(
        "us_dates",
        us_dates,
        Spec(
            wording=0,
            amount_style="en",
            currency="EUR {}",
            us_dates=True,
            language="en",
            number_scheme="dash",
        ),
    ),
    Layout(
        "written_months",
        written_months,
        Spec(wording=2, date_style="long", currency="{} €", amount_style="fr"),
    ),
    Layout(
        "dotmatrix",
        dotmatrix,
        Spec(
            wording=1, amount_style="plain", currency="{} EUR", number_scheme="digits", vat_style=0
        ),
    ),
    Layout("stamped", stamped, Spec(wording=2, currency="€ {}", date_style="short")),
    Layout(
        "sidebar_band",
        sidebar_band,
        Spec(wording=0, amount_style="fr", currency="{} €", number_scheme="dotted", vat_style=2),
    ),
    Layout(
        "credit_note",
        credit_note,
        Spec(kind="credit_note", wording=0, currency="€ {}", number_scheme="record"),
    ),
    Layout(
        "credit_note_negative",
        credit_note_negative,
        Spec(
            kind="credit_note",
            wording=1,
            currency="{} €",
            negative=True,
            number_scheme="dash",
            date_style="dot",
        ),
    ),
    Layout(
        "receipt_till",
        receipt_till,
        Spec(
            kind=R,
            wording=0,
            currency="{}",
            page=R,
            multi_rate=True,
            number_scheme="till",
            customer="none",
            date_style="dot",
        ),
    ),
    Layout(
        "receipt_vat_table",
        receipt_vat_table,
        Spec(
            kind=R,
            wording=1,
            currency="{} €",
            page=R,
            number_scheme="digits",
            customer="none",
            amount_style="fr",
        ),
    ),
    Layout(
        "receipt_simplified",
        receipt_simplified,
        Spec(
            kind=R,
            wording=2,
            currency="EUR {}",
            page=R,
            number_scheme="till",
            customer="name_vat",
            date_style="slash",
        ),
    ),
    Layout(
        "receipt_restaurant",
        receipt_restaurant,
        Spec(
            kind=R,
            wording=1,
            currency="€ {}",
            page=R,
            multi_rate=True,
            number_scheme="short",
            customer="none",
            date_style="slash",
        ),
    ),
]
LAYOUT_NAMES: Final = [layout.name for layout in LAYOUTS]


def layout_and_language(position: int) -> tuple[int, str]:
    """Layouts in turn; within a layout the languages in turn (each layout gets all four)."""
    layout = position % len(LAYOUTS)
    lap = position // len(LAYOUTS)
    return layout, LANGUAGES[(layout + lap) % len(LANGUAGES)]


def varied_font(invoice_id: int, layout: int, fonts: list[str]) -> str:
    """A proportional family, or a monospace one for the monospace till rolls."""
    name = LAYOUTS[layout].name
    if name in ("receipt_till", "receipt_simplified"):
        monos = mono_families() or ["liberation-mono"]
        return monos[pick(invoice_id, "vfont", len(monos))]
    return fonts[pick(invoice_id, "vfont", len(fonts))]


def render_varied(
    record: Record, layout: int, language: str, font: str
) -> tuple[Image.Image, VariedTruth]:
    """One page (grayscale, 300 dpi) and its truth."""
    spec = LAYOUTS[layout]
    doc, truth = prepare(record, spec.spec, spec.name, language)
    if spec.spec.page == "receipt":
        mono = font if font in _MONO else None
        base = font if font in _FONT_FILES else "dejavu-sans"
        sheet = Sheet(base, (RECEIPT_W, 2600), mono_family=mono)
    else:
        sheet = Sheet(font)
    spec.draw(sheet, doc)
    return sheet.image, truth


__all__ = ["LAYOUTS", "LAYOUT_NAMES", "fmt_date", "layout_and_language", "render_varied"]
