"""``score.updated`` into benchmark's domain."""

from __future__ import annotations

from datetime import UTC

from benchmark.domain.commands import RecordScore
from benchmark.domain.model import CompanyScore, nace_section
from chassis.events import EventRegistry
from kmo.scoring.v1 import events_pb2

INCOMING = EventRegistry(events_pb2.ScoreUpdated)


def decode(event_id: str, event_type: str, payload: bytes) -> RecordScore:
    msg = INCOMING.decode(event_type, payload)
    assert isinstance(msg, events_pb2.ScoreUpdated)
    return RecordScore(
        event_id=event_id,
        company=CompanyScore(
            vat=msg.company.vat,
            country=msg.company.country,
            sector=nace_section(msg.sector),
            score=msg.score,
            avg_days_late=msg.avg_days_late,
            updated_at=msg.updated_at.ToDatetime(tzinfo=UTC),
        ),
    )
