"""``risk.changed`` events published as scoring's outbox relay publishes them, for tests
and benchmarks of the partner feed (the stream, headers and payload are the real ones)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from google.protobuf.timestamp_pb2 import Timestamp
from nats.js import JetStreamContext

from chassis.events import (
    HEADER_EVENT_TYPE,
    HEADER_MSG_ID,
    HEADER_SCHEMA_VERSION,
    OutgoingEvent,
    outgoing,
)
from chassis.messaging import Namespace, StreamSpec, ensure_stream
from kmo.scoring.v1 import events_pb2, scoring_pb2
from kmo.types.v1 import types_pb2

RISK = StreamSpec("RISK", ["risk.changed.>", "score.updated"], max_age_seconds=30 * 86_400)
LEVELS = {
    "low": scoring_pb2.RISK_LEVEL_LOW,
    "medium": scoring_pb2.RISK_LEVEL_MEDIUM,
    "high": scoring_pb2.RISK_LEVEL_HIGH,
    "critical": scoring_pb2.RISK_LEVEL_CRITICAL,
}


def level_of(score: int) -> str:
    return (
        "low" if score <= 30 else "medium" if score <= 50 else "high" if score <= 70 else "critical"
    )


def risk_changed(
    vat: str,
    score: int,
    previous: int | None = None,
    *,
    sector: str = "F41",
    model_change: bool = False,
    at: datetime | None = None,
) -> OutgoingEvent:
    stamp = Timestamp()
    stamp.FromDatetime(at or datetime.now(UTC))
    event = events_pb2.RiskChanged(
        company=types_pb2.CompanyRef(country=vat[:2], vat=vat),
        previous_score=previous or 0,
        previous_level=LEVELS[level_of(previous)]
        if previous is not None
        else scoring_pb2.RISK_LEVEL_UNSPECIFIED,
        score=score,
        level=LEVELS[level_of(score)],
        changed_at=stamp,
        reasons=[
            scoring_pb2.Factor(
                reason="PAYMENT_TIMING", points=score // 2, sentence="Pays 20 days late."
            )
        ],
        model_version="scorecard-test",
        model_change=model_change,
        cause=events_pb2.CAUSE_MODEL_CHANGE if model_change else events_pb2.CAUSE_NEW_FACTS,
        trend=scoring_pb2.TREND_STABLE,
        sector=sector,
    )
    return outgoing(event, country=vat[:2], vat=vat)


async def publish(js: JetStreamContext, ns: Namespace, events: Iterable[OutgoingEvent]) -> int:
    """Publish on the RISK stream (made if missing); the last stream sequence."""
    await ensure_stream(js, ns, RISK)
    seq = 0
    for event in events:
        ack = await js.publish(
            ns.subject(event.subject),
            event.payload,
            headers={
                HEADER_MSG_ID: event.event_id,
                HEADER_EVENT_TYPE: event.event_type,
                HEADER_SCHEMA_VERSION: str(event.schema_version),
            },
        )
        seq = ack.seq
    return seq
