"""Synthetic Benelux B2B payment data for development, tests and model validation.

Owns: deterministic generation (one integer seed) of members (tenants), debtor companies with
valid BE/NL/LU VAT numbers, invoices, payments, and the hidden truth per debtor (payment
discipline, drift, bankruptcy, expected risk class), plus their renderings: loader rows, the
CSV that Benelux accounting packages export, Peppol BIS Billing 3.0 UBL invoices and the
records an invoice-image renderer needs.

Must not import: any service package (gateway, ingest, ocr, scoring, benchmark), chassis, protos,
or anything doing I/O at import time. It is tooling: services never depend on it, so it may be
used by tests and benchmarks of every service without creating a cycle.

The loader entry point is `generate(GeneratorConfig(seed=..., n_invoices=...))` -> `Dataset`.
"""

from datagen.config import GeneratorConfig
from datagen.dataset import (
    Dataset,
    DebtorTruth,
    InvoiceRow,
    InvoiceTable,
    PaymentRow,
    PaymentTable,
    generate,
)
from datagen.model import Company

__all__ = [
    "Company",
    "Dataset",
    "DebtorTruth",
    "GeneratorConfig",
    "InvoiceRow",
    "InvoiceTable",
    "PaymentRow",
    "PaymentTable",
    "generate",
]
