"""The service as ``bootstrap.compose`` wires it, over fakes: events in through the
consumer, answers out through the gRPC servicer."""

from __future__ import annotations

from datetime import date, timedelta

import grpc
import pytest
from google.protobuf.message import Message
from nats.aio.client import Client as NATS
from nats.aio.msg import Msg
from scoring_testing import VAT, Aborted, FakeJobLock, FakeViews, World, servicer_context

from chassis.events import outgoing
from chassis.messaging import Delivery
from chassis.run import Wiring
from kmo.ingest.v1 import events_pb2 as ingest_events
from kmo.ingest.v1 import invoice_state_pb2
from kmo.scoring.v1 import scoring_pb2
from kmo.types.v1 import types_pb2
from scoring.adapters.rates import load_rates
from scoring.bootstrap import Adapters, compose
from scoring.entrypoints.grpc_api import ScoringApi
from scoring.settings import DEFAULT_RATES


def wired(world: World) -> Wiring:
    adapters = Adapters(
        uows=world.uow,
        jobs=FakeJobLock(),
        views=FakeViews(world),
        rates=load_rates(DEFAULT_RATES),
        clock=world.clock,
    )
    _, wiring = compose(adapters, sweep_every=3600)
    return wiring


def d(day: date) -> types_pb2.Date:
    return types_pb2.Date(year=day.year, month=day.month, day=day.day)


def delivery(msg: Message, n: int) -> Delivery:
    e = outgoing(msg)
    # A message of a client that never connects: the handlers under test get the delivery
    # directly and never ack it.
    raw = Msg(NATS(), subject=e.subject, data=e.payload)
    return Delivery(f"ev-{n}", e.event_type, e.subject, e.payload, 1, raw)


def state(i: int, tenant: str, *, paid: date | None = None) -> invoice_state_pb2.InvoiceState:
    due = date(2026, 6, 1) + timedelta(days=7 * i)
    s = invoice_state_pb2.InvoiceState(
        invoice_id=f"i-{tenant}-{i}",
        tenant_id=tenant,
        debtor=types_pb2.CompanyRef(country="BE", vat=VAT),
        debtor_sector="F41",
        issue_date=d(due - timedelta(days=30)),
        due_date=d(due),
        amount=types_pb2.Money(amount="1500.00", currency="EUR"),
        paid_amount=types_pb2.Money(amount="1500.00" if paid else "0.00", currency="EUR"),
        revision=2 if paid else 1,
    )
    if paid:
        s.settled_date.CopyFrom(d(paid))
    return s


async def test_events_through_the_consumer_answer_through_the_servicer(world: World) -> None:
    wiring = wired(world)
    consumer, _companies = wiring.consumers
    [service] = wiring.grpc
    batch = [
        delivery(ingest_events.InvoiceRecorded(invoice_id=f"i-m-{i}", state=state(i, "m")), i)
        for i in range(6)
    ]
    paid = state(0, "m", paid=date(2026, 6, 20))
    batch.append(delivery(ingest_events.PaymentRecorded(payment_id="p", state=paid), 99))
    batch.append(delivery(ingest_events.InvoicePaid(invoice_id="i-m-0", state=paid), 100))

    assert consumer.batch_handler is not None
    await consumer.batch_handler(batch)

    api = service.servicer
    assert isinstance(api, ScoringApi)
    profile = await api.GetRiskProfile(
        scoring_pb2.GetRiskProfileRequest(company=types_pb2.CompanyRef(country="BE", vat=VAT)),
        servicer_context("m"),
    )
    assert profile.found and profile.invoice_count == 6 and profile.paid_count == 1
    assert profile.amount_disclosure == scoring_pb2.DISCLOSURE_EXACT  # the caller's own
    plan = await api.GetActionPlan(
        scoring_pb2.GetActionPlanRequest(
            company=types_pb2.CompanyRef(country="BE", vat=VAT), creditor_country="BE"
        ),
        servicer_context("m"),
    )
    assert plan.reminder.invoice_ids  # overdue ones, in one letter


async def test_the_servicer_refuses_a_caller_without_the_scope(world: World) -> None:
    [service] = wired(world).grpc
    api = service.servicer
    assert isinstance(api, ScoringApi)

    with pytest.raises(Aborted) as refused:
        await api.GetRiskProfile(
            scoring_pb2.GetRiskProfileRequest(company=types_pb2.CompanyRef(vat=VAT)),
            servicer_context(scopes="invoices:write"),
        )

    assert refused.value.code == grpc.StatusCode.PERMISSION_DENIED
