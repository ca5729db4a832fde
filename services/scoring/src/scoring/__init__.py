"""Scoring: payment experiences per debtor and the risk profiles built on them.

Consumes ``invoice.*``; publishes ``risk.changed.<country>.<vat>`` and
``score.updated``. Profiles aggregate all members and never reveal who
contributed. Never imports another service; ``domain`` imports no I/O library.
"""
