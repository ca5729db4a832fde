"""Renderings of a `Dataset`: loader CSVs (`rows`), accounting-package CSV (`csv_export`), Peppol
UBL invoices (`ubl`), invoice-image records (`ocr_records`) and the hidden truth (`truth_export`).
Every writer is deterministic: same dataset, same bytes."""
