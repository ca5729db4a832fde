"""Profile changes into ``score.updated`` and ``risk.changed`` events, and ingest events in."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from chassis.events import UndecodableEvent, outgoing
from kmo.ingest.v1 import events_pb2 as ingest_events
from kmo.scoring.v1 import events_pb2, scoring_pb2
from kmo.types.v1 import types_pb2
from scoring.adapters.event_codec import decode, encode
from scoring.domain.model import Experience, ProfileChange, RiskProfile, compute_profile

NOW = datetime(2026, 9, 15, 12, 0, tzinfo=UTC)


def profile(days_late: int) -> RiskProfile:
    due = date(2026, 7, 1)
    return compute_profile(
        "BE0123456749",
        "BE",
        "F",
        [
            Experience(
                "i-1", "member-a", date(2026, 6, 1), due, Decimal("100.00"),
                due + timedelta(days=days_late),
            )
        ],
        NOW,
    )  # fmt: skip


def test_a_first_profile_yields_score_updated_and_risk_changed_on_the_debtors_subject() -> None:
    current = profile(30)

    updated, changed = encode(ProfileChange(None, current))

    assert updated.subject == "score.updated"
    assert updated.event_type == "kmo.scoring.v1.ScoreUpdated"
    assert changed.subject == "risk.changed.BE.BE0123456749"
    assert changed.event_type == "kmo.scoring.v1.RiskChanged"
    msg = events_pb2.RiskChanged.FromString(changed.payload)
    assert msg.previous_level == scoring_pb2.RISK_LEVEL_UNSPECIFIED
    assert msg.previous_score == 0
    assert (msg.score, msg.level) == (63, scoring_pb2.RISK_LEVEL_HIGH)
    assert msg.changed_at.ToDatetime(tzinfo=UTC) == NOW


def test_score_updated_carries_the_profile() -> None:
    [updated, _] = encode(ProfileChange(None, profile(30)))

    msg = events_pb2.ScoreUpdated.FromString(updated.payload)
    assert (msg.company.country, msg.company.vat) == ("BE", "BE0123456749")
    assert msg.sector == "F"
    assert msg.score == 63
    assert msg.avg_days_late == 30.0
    assert msg.paid_count == 1
    assert msg.updated_at.ToDatetime(tzinfo=UTC) == NOW


def test_an_unmoved_profile_yields_only_score_updated() -> None:
    before = profile(0)
    after = dataclasses.replace(before, updated_at=NOW + timedelta(minutes=1))

    events = encode(ProfileChange(before, after))

    assert [e.subject for e in events] == ["score.updated"]


def test_a_moved_profile_reports_where_it_came_from() -> None:
    before, after = profile(0), profile(30)

    events = encode(ProfileChange(before, after))

    assert [e.subject for e in events] == ["score.updated", "risk.changed.BE.BE0123456749"]
    msg = events_pb2.RiskChanged.FromString(events[1].payload)
    assert (msg.previous_score, msg.previous_level) == (0, scoring_pb2.RISK_LEVEL_LOW)


def test_an_invoice_recorded_event_becomes_an_open_experience() -> None:
    msg = ingest_events.InvoiceRecorded(
        invoice_id="i-1",
        tenant_id="member-a",
        debtor=types_pb2.CompanyRef(country="BE", vat="BE0123456749"),
        debtor_sector="F41",
        issue_date=types_pb2.Date(year=2026, month=6, day=1),
        due_date=types_pb2.Date(year=2026, month=7, day=1),
        amount=types_pb2.Money(amount="1234.56", currency="EUR"),
    )
    out = outgoing(msg)

    cmd = decode("e-1", out.event_type, out.payload)

    assert cmd.event_id == "e-1"
    assert (cmd.vat, cmd.country, cmd.sector, cmd.supplier) == (
        "BE0123456749", "BE", "F41", "member-a",
    )  # fmt: skip
    assert cmd.amount == Decimal("1234.56")
    assert cmd.paid_date is None
    assert cmd.due_date == date(2026, 7, 1)


def test_an_invoice_paid_event_becomes_a_settled_experience() -> None:
    msg = ingest_events.InvoicePaid(
        invoice_id="i-1",
        tenant_id="member-a",
        debtor=types_pb2.CompanyRef(country="BE", vat="BE0123456749"),
        issue_date=types_pb2.Date(year=2026, month=6, day=1),
        due_date=types_pb2.Date(year=2026, month=7, day=1),
        paid_date=types_pb2.Date(year=2026, month=7, day=31),
        amount=types_pb2.Money(amount="1234.56", currency="EUR"),
    )

    cmd = decode("e-2", "kmo.ingest.v1.InvoicePaid", msg.SerializeToString())

    assert cmd.paid_date == date(2026, 7, 31)
    assert cmd.sector == ""


def test_an_event_scoring_does_not_know_is_undecodable() -> None:
    with pytest.raises(UndecodableEvent):
        decode("e-3", "kmo.ingest.v1.OcrRequested", b"")
