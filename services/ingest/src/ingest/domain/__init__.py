"""Invoices, payments and VAT numbers as pure Python: no database, gRPC or NATS."""
