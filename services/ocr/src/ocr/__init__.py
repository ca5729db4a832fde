"""OCR: extraction of invoice fields from images and PDFs, scaled on its own.

Serves ``kmo.ocr.v1.OcrService.Extract`` and works the ``ocr.requested`` queue;
publishes ``ocr.completed`` / ``ocr.failed``. Keeps no raw OCR text and no
image after processing. Never imports another service.
"""
