"""``score.updated`` into benchmark's domain."""

from __future__ import annotations

from datetime import UTC, date

from benchmark.domain.commands import RecordScore
from benchmark.domain.measures import Figures, Measure, level_of, scaled
from benchmark.domain.model import Company
from benchmark.domain.sectors import sector_of_code
from benelux.text import shown
from chassis.events import EventRegistry
from chassis.messaging import PermanentFailure
from kmo.scoring.v1 import events_pb2, scoring_pb2

INCOMING = EventRegistry(events_pb2.ScoreUpdated)

_LEVELS: dict[int, int] = {
    scoring_pb2.RISK_LEVEL_LOW: 0,
    scoring_pb2.RISK_LEVEL_MEDIUM: 1,
    scoring_pb2.RISK_LEVEL_HIGH: 2,
    scoring_pb2.RISK_LEVEL_CRITICAL: 3,
}


def _level(level: int, score: int) -> int:
    """The level scoring sent; from the score's band for an event without one."""
    return _LEVELS[level] if level in _LEVELS else level_of(score)


def decode(event_id: str, event_type: str, payload: bytes) -> RecordScore:
    """The command for one event; PermanentFailure (terminated, not redelivered) for one
    no redelivery can make usable."""
    msg = INCOMING.decode(event_type, payload)
    assert isinstance(msg, events_pb2.ScoreUpdated)
    vat = msg.company.vat
    if not (2 < len(vat) <= 20 and vat.isascii() and vat.isalnum() and vat.isupper()):
        raise PermanentFailure(f"score.updated without a compact VAT number: {shown(vat)}")
    country = msg.company.country.upper() or vat[:2]
    if len(country) != 2 or not country.isalpha():
        raise PermanentFailure(f"score.updated with an invalid country: {shown(country)}")
    updated_at = msg.updated_at.ToDatetime(tzinfo=UTC)
    as_of = (
        date(msg.as_of.year, msg.as_of.month, msg.as_of.day)
        if msg.HasField("as_of") and msg.as_of.year
        else updated_at.date()
    )
    score = min(max(msg.score, 0), 100)
    paid = msg.paid_count > 0  # the payment measures mean something once one was paid
    section, division = sector_of_code(msg.sector)
    return RecordScore(
        event_id=event_id,
        company=Company(
            vat=vat,
            country=country,
            section=section,
            division=division,
            figures=Figures(
                score=score,
                level=_level(msg.level, score),
                days_to_pay=scaled(Measure.DAYS_TO_PAY, msg.avg_days_to_pay) if paid else None,
                days_beyond_terms=(
                    scaled(Measure.DAYS_BEYOND_TERMS, msg.days_beyond_terms) if paid else None
                ),
                late_share=scaled(Measure.LATE_SHARE, msg.late_share) if paid else None,
            ),
            as_of=as_of,
            updated_at=updated_at,
        ),
    )
