"""``extract``: bytes in, fields out. The one function the gRPC handler and the worker call.

It is a top-level function over plain data (bytes and keyword arguments in, frozen dataclasses
out) so that a ``ProcessPoolExecutor`` can run it; give the pool
``initializer=configure_worker`` so Tesseract runs single-threaded.

Language: Tesseract's cost grows with each language. The first OCR'd page runs with the caller's
languages (all four by default; the tenant's language when the service knows it); the page's
words then vote for one language, and further pages run with that language plus English.
"""

from __future__ import annotations

import math
import re
import statistics
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict
from datetime import date
from decimal import Decimal
from typing import Any

from PIL import Image

from .documents import RasterPage, TextLayerPage, iter_pages, sniff
from .fields import extract_fields
from .layout import normalise
from .model import Box, ExtractionResult, PageReport, Word
from .preprocess import (
    dark_border,
    estimate_dpi,
    estimate_skew,
    invert_printed_bands,
    normalise_resolution,
    rotate,
    to_grayscale,
)
from .tesseract import ALL_LANGUAGES, detect_rotation, ocr_words

# Below this skew a line of invoice text drifts less than half a word height.
_MIN_DESKEW_DEGREES = 0.3
# A first pass this poor on a page with ink suggests a sideways or upside-down page: ask OSD.
_POOR_MEAN_CONFIDENCE = 0.6
_MIN_WORDS = 15
_LANDSCAPE = 1.15


def extract(
    document: bytes,
    *,
    tenant_vat: str | None = None,
    today: date | None = None,
    languages: str | None = None,
) -> ExtractionResult:
    """Read an invoice.

    Raises a :class:`~ocr.extraction.errors.DocumentError` subclass for hostile or unreadable
    input, and :class:`~ocr.extraction.tesseract.TesseractUnavailable` when OCR is needed but
    Tesseract is not installed.
    """
    started = time.perf_counter()
    kind = sniff(document)
    timings: dict[str, float] = {}
    words, reports, lang, ocr_pages = read_words(document, languages=languages, timings=timings)
    mark = time.perf_counter()
    fields = extract_fields(words, tenant_vat=tenant_vat, today=today)
    timings["fields"] = time.perf_counter() - mark
    timings["total"] = time.perf_counter() - started
    return ExtractionResult(
        fields=fields,
        page_count=len(reports),
        pages=tuple(reports),
        document_type=kind,
        languages=lang if ocr_pages else "",
        timings={k: round(v, 4) for k, v in timings.items()},
    )


def read_words(
    document: bytes, *, languages: str | None = None, timings: dict[str, float] | None = None
) -> tuple[list[Word], list[PageReport], str, int]:
    """Every page's words (text layer or OCR): (words, page reports, languages, OCR'd pages)."""
    clock = timings if timings is not None else {}
    words: list[Word] = []
    reports: list[PageReport] = []
    lang = languages or ALL_LANGUAGES
    ocr_pages = 0
    mark = time.perf_counter()
    for page in iter_pages(document):
        _tick(clock, "load", mark)
        if isinstance(page, TextLayerPage):
            words.extend(page.words)
            reports.append(
                PageReport(page.index, True, word_count=len(page.words), mean_confidence=1.0)
            )
        else:
            page_words, report = ocr_page(page, languages=lang, timings=clock)
            words.extend(page_words)
            reports.append(report)
            ocr_pages += 1
            if ocr_pages == 1 and languages is None:
                lang = detect_language(page_words)
        mark = time.perf_counter()
    _tick(clock, "load", mark)
    return words, reports, lang, ocr_pages


def ocr_page(
    page: RasterPage, *, languages: str = ALL_LANGUAGES, timings: dict[str, float] | None = None
) -> tuple[list[Word], PageReport]:
    """Preprocess and OCR one page image; boxes refer to the upright, deskewed 300 dpi page."""
    clock = timings if timings is not None else {}
    mark = time.perf_counter()
    image = to_grayscale(page.image)
    source_dpi = estimate_dpi(image, page.dpi)
    image, factor = normalise_resolution(image, source_dpi)
    dpi = source_dpi * factor
    image = invert_printed_bands(image)
    left, top, right, bottom = dark_border(image)
    trimmed = (left, top, right, bottom) != (0, 0, image.width, image.height)
    if trimmed:
        image = image.crop((left, top, right, bottom))
    _tick(clock, "preprocess", mark)

    rotation = 0
    if image.width > _LANDSCAPE * image.height:
        # Invoices are portrait: a landscape page is most likely a sideways photo. Asking OSD
        # first (~1 s) is cheaper than a failed OCR pass over sideways text (~4 s).
        rotation = _osd(image, clock)
        image = rotate(image, -rotation)  # OSD says clockwise, rotate() turns anticlockwise
    mark = time.perf_counter()
    words = ocr_words(image, page=page.index, languages=languages, dpi=dpi)
    _tick(clock, "ocr", mark)
    if rotation == 0 and _looks_wrong(words):
        rotation = _osd(image, clock)
        if rotation:
            mark = time.perf_counter()
            upright = rotate(image, -rotation)
            retry = ocr_words(upright, page=page.index, languages=languages, dpi=dpi)
            _tick(clock, "ocr", mark)
            if _quality(retry) > _quality(words):
                words, image = retry, upright
            else:
                rotation = 0

    mark = time.perf_counter()
    # Deskew the word boxes, not the image: Tesseract reads 1-4 degree skew as well as straight
    # text (measured: same words, same confidences), but our line grouping needs level lines,
    # and turning boxes is free where a bicubic rotation of an A4 page costs ~0.5 s.
    skew = estimate_skew(image)
    if abs(skew) >= _MIN_DESKEW_DEGREES:
        words = unskew_words(words, skew, image.width / 2, image.height / 2)
    if trimmed and rotation == 0:
        # Boxes back in the page's own pixels (a turned page keeps the turned frame).
        words = [
            Word(
                w.text,
                Box(w.box.page, w.box.x + left, w.box.y + top, w.box.w, w.box.h),
                w.confidence,
            )
            for w in words
        ]
    _tick(clock, "preprocess", mark)
    return words, PageReport(
        index=page.index,
        used_text_layer=False,
        rotation_degrees=rotation,
        skew_degrees=skew if abs(skew) >= _MIN_DESKEW_DEGREES else 0.0,
        word_count=len(words),
        mean_confidence=round(_mean_confidence(words), 3),
    )


def _tick(clock: dict[str, float], key: str, since: float) -> None:
    clock[key] = clock.get(key, 0.0) + time.perf_counter() - since


def _osd(image: Image.Image, clock: dict[str, float]) -> int:
    mark = time.perf_counter()
    try:
        return detect_rotation(image)
    finally:
        _tick(clock, "osd", mark)


def unskew_words(words: Iterable[Word], degrees: float, cx: float, cy: float) -> list[Word]:
    """Turn word boxes clockwise by ``degrees`` about (cx, cy), undoing an anticlockwise skew.

    Boxes keep their size; only their centres move, which is what line grouping looks at.
    """
    a = math.radians(degrees)
    cos, sin = math.cos(a), math.sin(a)
    out = []
    for w in words:
        dx = w.box.x + w.box.w / 2 - cx
        dy = w.box.y + w.box.h / 2 - cy
        nx = cx + dx * cos - dy * sin
        ny = cy + dx * sin + dy * cos
        box = Box(
            w.box.page,
            max(0, round(nx - w.box.w / 2)),
            max(0, round(ny - w.box.h / 2)),
            w.box.w,
            w.box.h,
        )
        out.append(Word(w.text, box, w.confidence))
    return out


def _mean_confidence(words: Iterable[Word]) -> float:
    confs = [w.confidence for w in words]
    return statistics.fmean(confs) if confs else 0.0


def _quality(words: list[Word]) -> float:
    return sum(w.confidence for w in words if len(w.text) > 1)


def _looks_wrong(words: list[Word]) -> bool:
    return len(words) < _MIN_WORDS or _mean_confidence(words) < _POOR_MEAN_CONFIDENCE


# Words that only one of our languages uses on invoices; a handful decides the page.
_LANGUAGE_WORDS = {
    "nld": "factuur factuurdatum factuurnummer vervaldatum btw klant totaal betalen bedrag "
    "omschrijving aantal prijs binnen dagen straat te van",
    "fra": "facture date tva client montant total payer prix quantite jours rue avenue le la "
    "de du echeance",
    "deu": "rechnung rechnungsdatum mwst ust kunde gesamtbetrag zahlen betrag menge preis tage "
    "strasse und der die",
    "eng": "invoice due amount customer bill quantity price days street the and of to",
}
_WORD = re.compile(r"[a-z]+")


def detect_language(words: Iterable[Word]) -> str:
    """The page's main language + English (amount and label words are often English), or all
    four when the vote is unclear."""
    votes: Counter[str] = Counter()
    vocab = {lang: set(text.split()) for lang, text in _LANGUAGE_WORDS.items()}
    for w in words:
        for token in _WORD.findall(normalise(w.text)):
            for lang, known in vocab.items():
                if token in known:
                    votes[lang] += 1
    ranked = votes.most_common(2)
    if not ranked or ranked[0][1] < 3 or (len(ranked) > 1 and ranked[1][1] * 2 > ranked[0][1]):
        return ALL_LANGUAGES
    best = ranked[0][0]
    return "eng" if best == "eng" else f"{best}+eng"


def to_dict(result: ExtractionResult) -> dict[str, Any]:
    """JSON-ready: ``Decimal`` as a string (never a float), dates as ISO strings."""

    def plain(value: object) -> object:
        if isinstance(value, Decimal):
            return str(value)
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [plain(v) for v in value]
        return value

    out = plain(asdict(result))
    assert isinstance(out, dict)
    return out
