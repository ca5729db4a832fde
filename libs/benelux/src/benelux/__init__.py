"""Benelux reference formats: VAT numbers and NACE sections.

Pure functions over strings, shared by the services that validate user input
(gateway, ingest, OCR). Imports no I/O library and no service.
"""
