"""Extraction jobs as pure Python: no database, gRPC or NATS."""
