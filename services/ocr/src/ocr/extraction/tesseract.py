"""Tesseract through pytesseract: word boxes and confidences, one thread per process.

Tesseract's OpenMP threads fight each other on small machines (tech-notes 9.3: one A4 page takes
9.1 s with them and 1.9 s without); parallelism belongs to the process pool, one page per
process, so every call runs with ``OMP_THREAD_LIMIT=1``.

Images go to Tesseract as uncompressed BMP files (pytesseract would otherwise PNG-encode every
page, ~0.1-0.2 s per A4 page) carrying the page's real resolution, and ``--dpi`` says it again:
a BMP header defaults to 96 dpi, and Tesseract sizes its text-height expectations by it, which
lost small receipt print (dates, totals) that the same image read as PNG at 300 dpi kept.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

import pytesseract
from PIL import Image

from .model import Box, Word

#: All four languages of our members' invoices; each one added costs OCR time.
ALL_LANGUAGES = "nld+fra+deu+eng"
#: What a page is taken to be when nothing says otherwise (the pipeline normalises to it).
DEFAULT_DPI = 300.0


class TesseractUnavailable(RuntimeError):
    """The ``tesseract`` binary (or a language pack) is not installed: an operations problem."""


def configure_worker() -> None:
    """Process-pool initializer: one OpenMP thread per Tesseract process."""
    os.environ["OMP_THREAD_LIMIT"] = "1"


def tesseract_available() -> bool:
    return shutil.which(str(pytesseract.pytesseract.tesseract_cmd)) is not None


def _run(
    image: Image.Image, fn: str, config: str, lang: str | None, dpi: float = DEFAULT_DPI
) -> str:
    # setdefault: an operator may tune it deliberately; otherwise never run with OpenMP threads.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    with tempfile.TemporaryDirectory(prefix="ocr-") as tmp:
        path = Path(tmp) / "page.bmp"
        resolution = max(70, min(1200, round(dpi)))
        image.save(path, format="BMP", dpi=(resolution, resolution))
        config = f"{config} --dpi {resolution}"
        try:
            if fn == "osd":
                return str(pytesseract.image_to_osd(str(path), config=config))
            return str(pytesseract.image_to_data(str(path), lang=lang, config=config))
        except pytesseract.TesseractNotFoundError as e:
            raise TesseractUnavailable("tesseract binary not found") from e


def ocr_words(
    image: Image.Image, *, page: int, languages: str = ALL_LANGUAGES, dpi: float = DEFAULT_DPI
) -> list[Word]:
    """Words with boxes (in ``image`` pixels) and confidences 0..1; empty and layout rows dropped.

    ``--psm 3`` (automatic layout) keeps lines of an invoice's blocks together, which the field
    extraction relies on; ``preserve_interword_spaces`` is irrelevant because we get boxes.
    """
    tsv = _run(image, "data", "--psm 3", languages, dpi)
    words: list[Word] = []
    lines = tsv.splitlines()
    if not lines:
        return words
    header = lines[0].split("\t")
    col = {name: i for i, name in enumerate(header)}
    for row in lines[1:]:
        cells = row.split("\t")
        if len(cells) != len(header):
            continue
        text = cells[col["text"]].strip()
        conf = float(cells[col["conf"]])
        if not text or conf < 0:
            continue
        box = Box(
            page,
            int(cells[col["left"]]),
            int(cells[col["top"]]),
            int(cells[col["width"]]),
            int(cells[col["height"]]),
        )
        words.append(Word(text, box, round(conf / 100.0, 3)))
    return words


_ROTATE = re.compile(r"Rotate:\s*(\d+)")
_ORIENTATION_CONF = re.compile(r"Orientation confidence:\s*([\d.]+)")


def detect_rotation(image: Image.Image, *, min_confidence: float = 2.0) -> int:
    """Clockwise degrees (0/90/180/270) that make the page upright, via Tesseract OSD.

    OSD fails outright on sparse pages ("Too few characters") and guesses on pages with little
    text; both mean "leave the page as it is".
    """
    try:
        out = _run(image, "osd", "--psm 0 -c min_characters_to_try=10", None)
    except pytesseract.TesseractError:
        return 0
    rotate, conf = _ROTATE.search(out), _ORIENTATION_CONF.search(out)
    if rotate is None or conf is None or float(conf.group(1)) < min_confidence:
        return 0
    return int(rotate.group(1)) % 360
