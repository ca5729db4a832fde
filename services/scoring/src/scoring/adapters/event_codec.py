"""Between ``kmo.*`` protobuf events and scoring's domain."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal, InvalidOperation

from chassis.events import EventRegistry, OutgoingEvent, UndecodableEvent, outgoing
from kmo.ingest.v1 import events_pb2 as ingest_events
from kmo.ingest.v1 import invoice_state_pb2
from kmo.scoring.v1 import events_pb2, scoring_pb2
from kmo.types.v1 import types_pb2
from scoring.domain.commands import InvoiceFact
from scoring.domain.legal import Distress, LegalStatus
from scoring.domain.profile import Cause, ProfileChange
from scoring.domain.scorecard import Factor, RiskLevel, Trend

INCOMING = EventRegistry(
    ingest_events.InvoiceRecorded,
    ingest_events.InvoicePaid,
    ingest_events.PaymentRecorded,
    ingest_events.InvoiceUpdated,
    ingest_events.InvoiceDeleted,
)

COMPANY_EVENTS = EventRegistry(ingest_events.CompanyStatusChanged)
_DISTRESS = {
    ingest_events.CompanyStatusChanged.DISTRESS_BANKRUPTCY: Distress.BANKRUPTCY,
    ingest_events.CompanyStatusChanged.DISTRESS_JUDICIAL_REORGANISATION: (
        Distress.JUDICIAL_REORGANISATION
    ),
    ingest_events.CompanyStatusChanged.DISTRESS_LIQUIDATION: Distress.LIQUIDATION,
}

PB_LEVEL = {
    RiskLevel.LOW: scoring_pb2.RISK_LEVEL_LOW,
    RiskLevel.MEDIUM: scoring_pb2.RISK_LEVEL_MEDIUM,
    RiskLevel.HIGH: scoring_pb2.RISK_LEVEL_HIGH,
    RiskLevel.CRITICAL: scoring_pb2.RISK_LEVEL_CRITICAL,
}
PB_TREND = {
    Trend.UNKNOWN: scoring_pb2.TREND_UNKNOWN,
    Trend.IMPROVING: scoring_pb2.TREND_IMPROVING,
    Trend.STABLE: scoring_pb2.TREND_STABLE,
    Trend.DETERIORATING: scoring_pb2.TREND_DETERIORATING,
}
PB_CAUSE = {
    Cause.NEW_FACTS: events_pb2.CAUSE_NEW_FACTS,
    Cause.AGEING: events_pb2.CAUSE_AGEING,
    Cause.RESCORE: events_pb2.CAUSE_RESCORE,
    Cause.MODEL_CHANGE: events_pb2.CAUSE_MODEL_CHANGE,
}
TOP_REASONS = 3


def pb_date(value: date) -> types_pb2.Date:
    return types_pb2.Date(year=value.year, month=value.month, day=value.day)


def _date(value: types_pb2.Date) -> date:
    try:
        return date(value.year, value.month, value.day)
    except ValueError as exc:
        raise UndecodableEvent(f"invalid date {value.year}-{value.month}-{value.day}") from exc


def _opt_date(msg: object, field: str) -> date | None:
    return _date(getattr(msg, field)) if msg.HasField(field) else None  # type: ignore[attr-defined]


def _money(value: types_pb2.Money) -> Decimal:
    try:
        amount = Decimal(value.amount or "0")
    except InvalidOperation as exc:
        raise UndecodableEvent(f"invalid amount {value.amount[:40]!r}") from exc
    if not amount.is_finite():
        raise UndecodableEvent("amount is not finite")
    return amount


def _from_state(event_id: str, s: invoice_state_pb2.InvoiceState) -> InvoiceFact:
    return InvoiceFact(
        event_id=event_id,
        invoice_id=s.invoice_id,
        supplier=s.tenant_id,
        vat=s.debtor.vat,
        country=s.debtor.country,
        sector=s.debtor_sector,
        issue_date=_date(s.issue_date),
        due_date=_date(s.due_date),
        amount=_money(s.amount),
        paid_amount=_money(s.paid_amount),
        settled_date=_opt_date(s, "settled_date"),
        disputed=s.disputed,
        written_off_date=_opt_date(s, "written_off_date"),
        revision=s.revision,
        deleted=s.deleted,
    )


def decode(event_id: str, event_type: str, payload: bytes) -> InvoiceFact | None:
    """The fact an event carries; None for an ``invoice.paid`` that carries the invoice's
    state: the ``invoice.payment_recorded`` before it said the same (servers without
    multi-subject filters deliver it anyway)."""
    msg = INCOMING.decode(event_type, payload)
    state = getattr(msg, "state", None)
    if state is not None and msg.HasField("state"):
        if isinstance(msg, ingest_events.InvoicePaid):
            return None
        return _from_state(event_id, state)
    # Events from before invoices carried their state (revision 0).
    if isinstance(msg, ingest_events.InvoiceRecorded | ingest_events.InvoicePaid):
        fact = InvoiceFact(
            event_id=event_id,
            invoice_id=msg.invoice_id,
            supplier=msg.tenant_id,
            vat=msg.debtor.vat,
            country=msg.debtor.country,
            sector=getattr(msg, "debtor_sector", ""),
            issue_date=_date(msg.issue_date),
            due_date=_date(msg.due_date),
            amount=_money(msg.amount),
        )
        if isinstance(msg, ingest_events.InvoicePaid):
            fact = replace(fact, paid_amount=fact.amount, settled_date=_date(msg.paid_date))
        return fact
    raise UndecodableEvent(f"{event_type} without the invoice's state")


def decode_status(event_id: str, event_type: str, payload: bytes) -> LegalStatus:
    """The registry's juridical situation a ``company.status_changed`` carries."""
    msg = COMPANY_EVENTS.decode(event_type, payload)
    assert isinstance(msg, ingest_events.CompanyStatusChanged)
    if not msg.company.vat:
        raise UndecodableEvent("company.status_changed without a company")
    return LegalStatus(
        event_id=event_id,
        vat=msg.company.vat,
        distress=_DISTRESS.get(msg.distress),
        situation=msg.juridical_situation,
        description=msg.description,
        since=_date(msg.since),
        extract_number=msg.extract_number,
    )


def factor_pb(f: Factor) -> scoring_pb2.Factor:
    return scoring_pb2.Factor(
        reason=f.reason.value, points=f.points, value=f.value, sentence=f.sentence
    )


def encode(change: ProfileChange) -> list[OutgoingEvent]:
    cur = change.current
    company = types_pb2.CompanyRef(country=cur.country, vat=cur.vat)
    out = []
    if change.updated:
        updated = events_pb2.ScoreUpdated(
            company=company,
            sector=cur.sector,
            score=cur.score,
            level=PB_LEVEL[cur.level],
            avg_days_late=cur.avg_days_late,
            paid_count=cur.paid_count,
            avg_days_to_pay=cur.avg_days_to_pay,
            days_beyond_terms=cur.days_beyond_terms,
            late_share=cur.late_share,
            model_version=cur.model_version,
            cause=PB_CAUSE[change.cause],
            as_of=pb_date(cur.as_of),
        )
        updated.updated_at.FromDatetime(cur.updated_at)
        out.append(outgoing(updated))
    if change.announced:
        prev = change.previous
        last_score = prev.announced_score if prev else None
        last_level = prev.announced_level if prev else None
        changed = events_pb2.RiskChanged(
            company=company,
            previous_score=last_score or 0,
            previous_level=PB_LEVEL[last_level]
            if last_level
            else scoring_pb2.RISK_LEVEL_UNSPECIFIED,
            score=cur.score,
            level=PB_LEVEL[cur.level],
            reasons=[factor_pb(f) for f in cur.factors[:TOP_REASONS]],
            model_version=cur.model_version,
            model_change=change.cause is Cause.MODEL_CHANGE,
            cause=PB_CAUSE[change.cause],
            trend=PB_TREND[cur.trend],
            sector=cur.sector,
        )
        changed.changed_at.FromDatetime(cur.updated_at)
        out.append(outgoing(changed, country=cur.country, vat=cur.vat))
    return out
