"""Thin entry points: gRPC requests (and later events) become commands for the handlers."""
