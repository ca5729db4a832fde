"""Experiences, profiles and the score: pure Python, no database, gRPC or NATS."""
