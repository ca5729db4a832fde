"""OCR evaluation tooling: a labelled invoice set rendered from ``datagen``, scored against
``ocr.extraction``.

Owns: choosing invoices from a fixed ``datagen`` seed, the tune/held-back split, the renderer
(six layouts), the scan degrader, field comparison rules and the speed measurements. Imports
``datagen`` and ``ocr.extraction`` only; nothing in a service imports this.
"""
