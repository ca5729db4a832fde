"""Ingest events in (with the invoice's whole state), scoring events out."""

from __future__ import annotations

from datetime import UTC, date

import pytest
from scoring_testing import NOW, VAT, experience, profile_of

from chassis.events import UndecodableEvent, outgoing
from kmo.ingest.v1 import events_pb2 as ingest_events
from kmo.ingest.v1 import invoice_state_pb2
from kmo.scoring.v1 import events_pb2, scoring_pb2
from kmo.types.v1 import types_pb2
from scoring.adapters.event_codec import decode, encode
from scoring.domain.profile import Cause, ProfileChange


def pb_date(d: date) -> types_pb2.Date:
    return types_pb2.Date(year=d.year, month=d.month, day=d.day)


def state(**overrides: object) -> invoice_state_pb2.InvoiceState:
    s = invoice_state_pb2.InvoiceState(
        invoice_id="i-1",
        tenant_id="member-a",
        debtor=types_pb2.CompanyRef(country="BE", vat=VAT),
        debtor_sector="F41",
        issue_date=pb_date(date(2026, 6, 1)),
        due_date=pb_date(date(2026, 7, 1)),
        amount=types_pb2.Money(amount="1000.00", currency="EUR"),
        paid_amount=types_pb2.Money(amount="400.00", currency="EUR"),
        revision=3,
    )
    for k, v in overrides.items():
        if isinstance(v, date):
            getattr(s, k).CopyFrom(pb_date(v))
        else:
            setattr(s, k, v)
    return s


def test_a_partial_payment_event_carries_the_invoices_state() -> None:
    event = outgoing(
        ingest_events.PaymentRecorded(
            payment_id="i-1:1",
            paid_date=pb_date(date(2026, 7, 5)),
            amount=types_pb2.Money(amount="400.00", currency="EUR"),
            state=state(),
        )
    )

    fact = decode("e-1", event.event_type, event.payload)

    assert fact is not None
    assert (fact.invoice_id, fact.supplier, fact.vat, fact.sector) == (
        "i-1",
        "member-a",
        VAT,
        "F41",
    )
    assert (str(fact.amount), str(fact.paid_amount)) == ("1000.00", "400.00")
    assert fact.settled_date is None and fact.revision == 3


def test_an_update_and_a_deletion_decode_with_their_flags() -> None:
    disputed = outgoing(
        ingest_events.InvoiceUpdated(
            change=ingest_events.InvoiceUpdated.CHANGE_DISPUTED, state=state(disputed=True)
        )
    )
    gone = outgoing(
        ingest_events.InvoiceDeleted(
            reason=ingest_events.InvoiceDeleted.REASON_ERASED, state=state(deleted=True)
        )
    )

    assert (d := decode("e-1", disputed.event_type, disputed.payload)) and d.disputed
    assert (g := decode("e-2", gone.event_type, gone.payload)) and g.deleted


def test_an_invoice_paid_with_its_state_is_redundant_after_its_payment() -> None:
    paid = outgoing(ingest_events.InvoicePaid(invoice_id="i-1", state=state()))

    assert decode("e-1", paid.event_type, paid.payload) is None


def test_an_event_from_before_states_still_decodes_as_revision_zero() -> None:
    legacy = outgoing(
        ingest_events.InvoicePaid(
            invoice_id="i-1",
            tenant_id="member-a",
            debtor=types_pb2.CompanyRef(country="BE", vat=VAT),
            issue_date=pb_date(date(2026, 6, 1)),
            due_date=pb_date(date(2026, 7, 1)),
            paid_date=pb_date(date(2026, 7, 20)),
            amount=types_pb2.Money(amount="10.00", currency="EUR"),
        )
    )

    fact = decode("e-1", legacy.event_type, legacy.payload)

    assert fact is not None
    assert fact.revision == 0 and fact.settled_date == date(2026, 7, 20)


@pytest.mark.parametrize(
    "payload",
    [b"\xff\xfe not protobuf", ingest_events.PaymentRecorded(payment_id="p").SerializeToString()],
    ids=["garbage", "no-state"],
)
def test_undecodable_events_are_refused_typed(payload: bytes) -> None:
    with pytest.raises(UndecodableEvent):
        decode("e-1", "kmo.ingest.v1.PaymentRecorded", payload)


def test_an_impossible_date_is_undecodable() -> None:
    bad = state()
    bad.due_date.CopyFrom(types_pb2.Date(year=2026, month=2, day=30))
    event = outgoing(ingest_events.InvoiceUpdated(state=bad))

    with pytest.raises(UndecodableEvent):
        decode("e-1", event.event_type, event.payload)


def test_a_first_profile_yields_score_updated_and_risk_changed_with_reasons() -> None:
    current = profile_of(experience(due=date(2026, 7, 1), paid=date(2026, 8, 15)))

    updated, changed = encode(ProfileChange(None, current))

    assert updated.subject == "score.updated"
    assert changed.subject == f"risk.changed.BE.{VAT}"
    msg = events_pb2.RiskChanged.FromString(changed.payload)
    assert msg.previous_level == scoring_pb2.RISK_LEVEL_UNSPECIFIED
    assert msg.score == current.score
    assert len(msg.reasons) == 3 and msg.reasons[0].reason == current.factors[0].reason.value
    assert msg.model_version == current.model_version
    assert msg.cause == events_pb2.CAUSE_NEW_FACTS and not msg.model_change
    assert msg.changed_at.ToDatetime(tzinfo=UTC).date() == NOW.date()
    u = events_pb2.ScoreUpdated.FromString(updated.payload)
    assert (u.days_beyond_terms, u.late_share) == (current.days_beyond_terms, current.late_share)
    assert u.avg_days_to_pay == current.avg_days_to_pay


def test_a_model_change_is_flagged_for_partners_to_mute() -> None:
    # As stored after its first announcement.
    before_profile = ProfileChange(
        None, profile_of(experience(due=date(2026, 7, 1), paid=date(2026, 7, 1)))
    ).settled()
    after = profile_of(experience(due=date(2026, 7, 1), paid=date(2026, 10, 1)))

    before = before_profile.summary()
    events = encode(ProfileChange(before, after, Cause.MODEL_CHANGE))

    changed = next(e for e in events if e.subject.startswith("risk.changed"))
    msg = events_pb2.RiskChanged.FromString(changed.payload)
    assert msg.model_change and msg.cause == events_pb2.CAUSE_MODEL_CHANGE
    assert msg.previous_score == before.score
