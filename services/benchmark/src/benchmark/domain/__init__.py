"""Sectors and positions: pure Python, no database, gRPC or NATS."""
