"""Page counts read before OCR, to order the work: from the file's structure, not its pixels."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from ocr.extraction import MAX_PAGES, CorruptDocument, count_pages


def pages(n: int) -> list[Image.Image]:
    return [Image.new("L", (300, 400), 255) for _ in range(n)]


def saved(images: list[Image.Image], fmt: str, **params: object) -> bytes:
    out = io.BytesIO()
    if len(images) > 1:
        params.update(save_all=True, append_images=images[1:])
    images[0].save(out, format=fmt, **params)
    return out.getvalue()


def test_a_pdf_counts_the_pages_of_its_page_tree() -> None:
    assert count_pages(saved(pages(7), "PDF")) == 7


def test_a_multi_page_tiff_counts_its_frames_and_a_photo_is_one_page() -> None:
    assert count_pages(saved(pages(4), "TIFF", compression="tiff_lzw")) == 4
    assert count_pages(saved(pages(1), "PNG")) == 1
    assert count_pages(saved(pages(1), "JPEG")) == 1


def test_a_document_over_the_page_limit_counts_one_more_than_the_limit() -> None:
    assert count_pages(saved(pages(MAX_PAGES + 5), "PDF")) == MAX_PAGES + 1


def test_an_unreadable_document_is_refused_as_extraction_would() -> None:
    with pytest.raises(CorruptDocument):
        count_pages(b"%PDF-1.4\n" + b"\x00" * 200)
