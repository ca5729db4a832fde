"""Typed refusals of an uploaded document.

Every refusal carries a stable machine ``code``: the gRPC handler maps it to a status detail and
the member's UI to a translated message, so codes are part of the contract and never renamed.
Messages say what is wrong with the file, never what is in it.
"""

from __future__ import annotations


class DocumentError(Exception):
    """The uploaded bytes cannot be turned into pages; the caller should not retry."""

    code: str = "document_error"


class UnsupportedDocumentType(DocumentError):
    """Not a JPEG, PNG, TIFF or PDF, judged by its magic bytes (never by the file name)."""

    code = "unsupported_type"


class DocumentTooLarge(DocumentError):
    """More bytes than the upload limit."""

    code = "too_large"


class CorruptDocument(DocumentError):
    """The header promises a known type but the file is truncated or damaged."""

    code = "corrupt"


class DecompressionBomb(DocumentError):
    """Small file, absurd decoded size: too many pixels, huge pages or huge embedded images."""

    code = "decompression_bomb"


class TooManyPages(DecompressionBomb):
    """More pages than an invoice plausibly has; splitting the upload is the member's fix."""

    code = "too_many_pages"


class EncryptedDocument(DocumentError):
    """A password-protected PDF: we never ask for or guess passwords."""

    code = "encrypted"


class EmptyDocument(DocumentError):
    """Zero bytes or zero pages."""

    code = "empty"
