"""Invoice extraction core of the OCR service: document bytes in, invoice fields out.

Owns: refusing hostile uploads (type by magic bytes, size, pixel and page bombs, encryption),
reading PDF text layers, preprocessing page images, running Tesseract, and turning positioned
words into fields (debtor name and VAT, seller VAT, invoice number, dates, total and currency),
each with a confidence and a box. Keeps no page text: results hold fields only.

Must not import grpc, nats, sqlalchemy, ``chassis`` or any other part of the service or of
another service: it is a library of pure functions over plain data, run in a process pool by the
service's handler and worker. Its only I/O is the ``tesseract`` subprocess.
"""

from .documents import (
    MAX_BYTES,
    MAX_PAGES,
    MAX_PIXELS_PER_PAGE,
    count_pages,
    inspect_document,
    sniff,
)
from .errors import (
    CorruptDocument,
    DecompressionBomb,
    DocumentError,
    DocumentTooLarge,
    EmptyDocument,
    EncryptedDocument,
    TooManyPages,
    UnsupportedDocumentType,
)
from .fields import extract_fields
from .model import Box, ExtractionResult, Field, InvoiceFields, PageReport, Word
from .pipeline import extract, to_dict
from .tesseract import TesseractUnavailable, configure_worker, tesseract_available

__all__ = [
    "MAX_BYTES",
    "MAX_PAGES",
    "MAX_PIXELS_PER_PAGE",
    "Box",
    "CorruptDocument",
    "DecompressionBomb",
    "DocumentError",
    "DocumentTooLarge",
    "EmptyDocument",
    "EncryptedDocument",
    "ExtractionResult",
    "Field",
    "InvoiceFields",
    "PageReport",
    "TesseractUnavailable",
    "TooManyPages",
    "UnsupportedDocumentType",
    "Word",
    "configure_worker",
    "count_pages",
    "extract",
    "extract_fields",
    "inspect_document",
    "sniff",
    "tesseract_available",
    "to_dict",
]
