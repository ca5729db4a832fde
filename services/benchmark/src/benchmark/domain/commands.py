"""What benchmark is asked to do."""

from __future__ import annotations

from dataclasses import dataclass

from benchmark.domain.model import Company


@dataclass(frozen=True, slots=True)
class RecordScore:
    """A debtor's published measures changed (``score.updated``)."""

    event_id: str
    company: Company


@dataclass(frozen=True, slots=True)
class Rebuild:
    """Recompute every group's counts and the closed months' medians from the store."""
