"""Uploads that must be refused cheaply, each with its own stable error code."""

from __future__ import annotations

import io
import os
import time
from types import SimpleNamespace

import pytest
from PIL import Image

from ocr.extraction import (
    MAX_BYTES,
    CorruptDocument,
    DecompressionBomb,
    DocumentError,
    DocumentTooLarge,
    EmptyDocument,
    EncryptedDocument,
    TooManyPages,
    UnsupportedDocumentType,
    extract,
    inspect_document,
)


def small_png() -> bytes:
    buf = io.BytesIO()
    Image.new("L", (20, 20), 255).save(buf, "PNG")
    return buf.getvalue()


def refused(data: bytes) -> DocumentError:
    with pytest.raises(DocumentError) as info:
        extract(data)
    return info.value


def test_random_bytes_are_not_a_document() -> None:
    error = refused(os.urandom(4096))
    assert isinstance(error, UnsupportedDocumentType)
    assert error.code == "unsupported_type"


@pytest.mark.parametrize(
    "data",
    [b"GIF89a" + b"\x00" * 100, b"PK\x03\x04 a zip, or a docx", b"<html>invoice</html>"],
)
def test_other_file_types_are_refused_by_their_magic_bytes(data: bytes) -> None:
    assert isinstance(refused(data), UnsupportedDocumentType)


def test_an_empty_upload_is_empty() -> None:
    error = refused(b"")
    assert isinstance(error, EmptyDocument)
    assert error.code == "empty"


def test_one_byte_over_ten_megabytes_is_too_large_before_anything_is_parsed() -> None:
    data = small_png() + b"\x00" * (MAX_BYTES + 1)
    error = refused(data[: MAX_BYTES + 1])
    assert isinstance(error, DocumentTooLarge)
    assert error.code == "too_large"


def test_exactly_ten_megabytes_is_still_accepted_as_far_as_size_goes() -> None:
    data = small_png()
    padded = data + b"\x00" * (MAX_BYTES - len(data))  # trailing junk after IEND is tolerated
    assert inspect_document(padded).page_count == 1


def test_a_png_header_claiming_100000_by_100000_pixels_is_a_bomb(build: SimpleNamespace) -> None:
    started = time.perf_counter()
    error = refused(build.png_header_only(100_000, 100_000))
    assert isinstance(error, DecompressionBomb)
    assert error.code == "decompression_bomb"
    assert time.perf_counter() - started < 1.0  # refused from the header, nothing decoded


def test_our_pixel_limit_is_stricter_than_pillows_own(build: SimpleNamespace) -> None:
    # 10000 x 7000 = 70 Mpx: under Pillow's default warning level (89 Mpx), over our 60 Mpx.
    assert isinstance(refused(build.png_header_only(10_000, 7_000)), DecompressionBomb)


def test_a_truncated_jpeg_is_corrupt(build: SimpleNamespace) -> None:
    page = build.render_page(build.NL_INVOICE, size=(1240, 1754))
    jpeg = build.to_bytes(page, "JPEG", quality=80)
    error = refused(jpeg[: len(jpeg) // 2])
    assert isinstance(error, CorruptDocument)
    assert error.code == "corrupt"


def test_a_png_signature_with_garbage_behind_it_is_corrupt() -> None:
    assert isinstance(refused(b"\x89PNG\r\n\x1a\n" + os.urandom(200)), CorruptDocument)


def test_a_pdf_header_with_garbage_behind_it_is_corrupt() -> None:
    assert isinstance(refused(b"%PDF-1.7\n" + os.urandom(500)), CorruptDocument)


def test_a_pdf_with_zero_pages_is_empty(build: SimpleNamespace) -> None:
    error = refused(build.make_pdf([]))
    assert isinstance(error, EmptyDocument)


def test_a_500_page_pdf_is_refused_before_any_page_is_read(build: SimpleNamespace) -> None:
    started = time.perf_counter()
    error = refused(build.make_pdf([b""] * 500))
    assert isinstance(error, TooManyPages)
    assert isinstance(error, DecompressionBomb)  # callers catching bombs catch this too
    assert error.code == "too_many_pages"
    assert time.perf_counter() - started < 1.0


def test_a_tiff_with_too_many_pages_is_refused(build: SimpleNamespace) -> None:
    frames = [Image.new("L", (8, 8), 255) for _ in range(51)]
    tiff = build.to_bytes(frames[0], "TIFF", save_all=True, append_images=frames[1:])
    assert isinstance(refused(tiff), TooManyPages)


def test_an_absurdly_large_pdf_page_is_a_bomb(build: SimpleNamespace) -> None:
    # 200 x 200 inches: at any readable resolution that is gigapixels.
    pdf = build.make_pdf([b""], media_box=(14_400, 14_400))
    assert isinstance(refused(pdf), DecompressionBomb)


def test_a_page_larger_than_the_pdf_specification_allows_is_a_bomb(
    build: SimpleNamespace,
) -> None:
    pdf = build.make_pdf([b""], media_box=(1_000_000, 1_000_000))
    assert isinstance(refused(pdf), DecompressionBomb)


def test_a_pdf_embedding_a_huge_image_is_a_bomb(build: SimpleNamespace) -> None:
    content = b"q 595 0 0 842 0 0 cm /Im1 Do Q"
    pdf = build.make_pdf(
        [content],
        extra_objects=[build.huge_image_xobject(100_000, 100_000)],
        resources=b"/XObject << /Im1 4 0 R >>",
    )
    assert isinstance(refused(pdf), DecompressionBomb)


def _encrypted_pdf(build: SimpleNamespace) -> bytes:
    """A PDF whose standard security handler wants a user password we do not have.

    Hand-made (pypdfium2 cannot write encryption): an /Encrypt dictionary whose /U entry does
    not match the empty password, which is what a password-protected file looks like to PDFium.
    """
    encrypt = (
        b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 "
        b"/O <" + b"ab" * 32 + b"> /U <" + b"cd" * 32 + b"> >>"
    )
    doc_id = b"<" + b"01" * 16 + b">"
    return build.make_pdf(  # type: ignore[no-any-return]
        [build.text_content([(72, 72, "Factuur")])],
        extra_objects=[encrypt],
        trailer_extra=b"/Encrypt 4 0 R /ID [%s %s]" % (doc_id, doc_id),
    )


def test_a_password_protected_pdf_is_encrypted(build: SimpleNamespace) -> None:
    error = refused(_encrypted_pdf(build))
    assert isinstance(error, EncryptedDocument)
    assert error.code == "encrypted"


def test_a_pdf_encrypted_by_a_real_writer_is_encrypted(build: SimpleNamespace) -> None:
    pypdf = pytest.importorskip("pypdf", reason="pypdf (test-only) writes real encryption")
    writer = pypdf.PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt(user_password="geheim", owner_password="nog-geheimer")
    buf = io.BytesIO()
    writer.write(buf)
    assert isinstance(refused(buf.getvalue()), EncryptedDocument)


def test_the_type_is_judged_by_content_so_a_pdf_with_leading_junk_is_still_a_pdf(
    build: SimpleNamespace,
) -> None:
    pdf = build.make_pdf([build.text_content([(72, 72, "Factuurnummer: F-1 en nog tekst")])])
    assert inspect_document(b"\r\n" + pdf).kind == "pdf"


def test_every_refusal_has_a_distinct_stable_code() -> None:
    classes = [
        UnsupportedDocumentType,
        DocumentTooLarge,
        CorruptDocument,
        DecompressionBomb,
        TooManyPages,
        EncryptedDocument,
        EmptyDocument,
    ]
    codes = [c.code for c in classes]
    assert len(set(codes)) == len(codes)
    assert all(issubclass(c, DocumentError) for c in classes)
