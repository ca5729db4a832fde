"""Between ``kmo.*`` protobuf events and scoring's domain."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from chassis.events import EventRegistry, OutgoingEvent, outgoing
from kmo.ingest.v1 import events_pb2 as ingest_events
from kmo.scoring.v1 import events_pb2, scoring_pb2
from kmo.types.v1 import types_pb2
from scoring.domain.commands import RecordExperience
from scoring.domain.model import ProfileChange, RiskLevel

INCOMING = EventRegistry(ingest_events.InvoiceRecorded, ingest_events.InvoicePaid)

PB_LEVEL = {
    RiskLevel.LOW: scoring_pb2.RISK_LEVEL_LOW,
    RiskLevel.MEDIUM: scoring_pb2.RISK_LEVEL_MEDIUM,
    RiskLevel.HIGH: scoring_pb2.RISK_LEVEL_HIGH,
    RiskLevel.CRITICAL: scoring_pb2.RISK_LEVEL_CRITICAL,
}


def _date(value: types_pb2.Date) -> date:
    return date(value.year, value.month, value.day)


def decode(event_id: str, event_type: str, payload: bytes) -> RecordExperience:
    msg = INCOMING.decode(event_type, payload)
    if isinstance(msg, ingest_events.InvoiceRecorded):
        return RecordExperience(
            event_id=event_id,
            invoice_id=msg.invoice_id,
            supplier=msg.tenant_id,
            vat=msg.debtor.vat,
            country=msg.debtor.country,
            sector=msg.debtor_sector,
            issue_date=_date(msg.issue_date),
            due_date=_date(msg.due_date),
            amount=Decimal(msg.amount.amount),
            paid_date=None,
        )
    assert isinstance(msg, ingest_events.InvoicePaid)
    return RecordExperience(
        event_id=event_id,
        invoice_id=msg.invoice_id,
        supplier=msg.tenant_id,
        vat=msg.debtor.vat,
        country=msg.debtor.country,
        sector="",
        issue_date=_date(msg.issue_date),
        due_date=_date(msg.due_date),
        amount=Decimal(msg.amount.amount),
        paid_date=_date(msg.paid_date),
    )


def encode(change: ProfileChange) -> list[OutgoingEvent]:
    cur = change.current
    company = types_pb2.CompanyRef(country=cur.country, vat=cur.vat)
    updated = events_pb2.ScoreUpdated(
        company=company,
        sector=cur.sector,
        score=cur.score,
        level=PB_LEVEL[cur.level],
        avg_days_late=cur.avg_days_late,
        paid_count=cur.paid_count,
    )
    updated.updated_at.FromDatetime(cur.updated_at)
    out = [outgoing(updated)]
    if change.moved:
        prev = change.previous
        changed = events_pb2.RiskChanged(
            company=company,
            previous_score=prev.score if prev else 0,
            previous_level=PB_LEVEL[prev.level] if prev else scoring_pb2.RISK_LEVEL_UNSPECIFIED,
            score=cur.score,
            level=PB_LEVEL[cur.level],
        )
        changed.changed_at.FromDatetime(cur.updated_at)
        out.append(outgoing(changed, country=cur.country, vat=cur.vat))
    return out
