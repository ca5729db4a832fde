"""Thin entry points: JetStream events and gRPC requests become handler calls."""
