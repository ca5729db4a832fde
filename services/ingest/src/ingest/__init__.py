"""Ingest: the debtor registry, members' invoices and payments.

Owns its own database. Talks to other services only through its gRPC API
(``kmo.ingest.v1``) and the events it publishes; never imports another
service. ``domain`` imports no I/O library.
"""
