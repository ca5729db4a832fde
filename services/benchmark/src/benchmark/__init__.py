"""Benchmark: sector x country aggregates of debtors' risk scores.

Consumes ``score.updated``; answers over gRPC (``kmo.benchmark.v1``). Never
imports another service; ``domain`` imports no I/O library.
"""
