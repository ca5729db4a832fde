"""Thin entry points: gRPC requests and queue jobs become extraction calls."""
