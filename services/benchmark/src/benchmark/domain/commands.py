"""Facts benchmark learns from events."""

from __future__ import annotations

from dataclasses import dataclass

from benchmark.domain.model import CompanyScore


@dataclass(frozen=True, slots=True)
class RecordScore:
    event_id: str
    company: CompanyScore
