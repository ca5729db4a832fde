"""ScoringService over a real gRPC channel, fed by real JetStream events, the chassis running
the whole service on a migrated database."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import date, timedelta

import grpc
import grpc.aio
import pytest
from google.protobuf.message import Message
from nats.js.client import JetStreamContext

from chassis.events import HEADER_EVENT_TYPE, HEADER_MSG_ID, outgoing
from chassis.grpc_server import error_code
from chassis.messaging import Namespace, StreamSpec, ensure_stream
from chassis.run import started
from devstack.samples import belgian_vat, dutch_vat
from devstack.servers import caller_metadata
from devstack.testing import Databases
from kmo.ingest.v1 import events_pb2 as ingest_events
from kmo.ingest.v1 import invoice_state_pb2
from kmo.scoring.v1 import scoring_pb2, scoring_pb2_grpc
from kmo.types.v1 import types_pb2
from scoring import bootstrap
from scoring.settings import Settings

TODAY = date(2026, 9, 15)
# Call metadata as devstack signs it.
Metadata = tuple[tuple[str, str], ...]
INVOICES = StreamSpec("INVOICES", ["invoice.>"], max_age_seconds=3600)


@dataclass
class Running:
    stub: scoring_pb2_grpc.ScoringServiceAsyncStub
    js: JetStreamContext
    ns: Namespace

    async def publish(self, state: invoice_state_pb2.InvoiceState, paid: bool = False) -> None:
        if paid:
            msg: Message = ingest_events.PaymentRecorded(
                payment_id=f"{state.invoice_id}:1", paid_date=state.settled_date,
                amount=state.amount, state=state,
            )  # fmt: skip
        else:
            msg = ingest_events.InvoiceRecorded(invoice_id=state.invoice_id, state=state)
        event = outgoing(msg)
        await self.js.publish(
            self.ns.subject(event.subject),
            event.payload,
            headers={HEADER_MSG_ID: event.event_id, HEADER_EVENT_TYPE: event.event_type},
        )


def d(day: date) -> types_pb2.Date:
    return types_pb2.Date(year=day.year, month=day.month, day=day.day)


def invoice(
    tenant: str, vat: str, *, due: date, paid: date | None = None, amount: str = "1000.00",
    sector: str = "F41",
) -> invoice_state_pb2.InvoiceState:  # fmt: skip
    s = invoice_state_pb2.InvoiceState(
        invoice_id=str(uuid.uuid4()),
        tenant_id=tenant,
        debtor=types_pb2.CompanyRef(country=vat[:2], vat=vat),
        debtor_sector=sector,
        issue_date=d(due - timedelta(days=30)),
        due_date=d(due),
        amount=types_pb2.Money(amount=amount, currency="EUR"),
        paid_amount=types_pb2.Money(amount=amount if paid else "0.00", currency="EUR"),
        revision=2 if paid else 1,
    )
    if paid:
        s.settled_date.CopyFrom(d(paid))
    return s


@pytest.fixture(scope="module")
async def scoring_service(
    databases: Databases, nats_url: str, nats_namespace: str
) -> AsyncIterator[Running]:
    settings = Settings(
        database_url=databases.fresh("scoring_grpc"),
        nats_url=nats_url,
        nats_namespace=f"{nats_namespace}scoring",
        grpc_host="127.0.0.1",
        grpc_port=0,
        shutdown_grace_seconds=1.0,
        today=TODAY,
    )
    async with started(bootstrap.build(), settings) as running:
        res = running.resources
        await ensure_stream(res.js, res.namespace, INVOICES)  # ingest's, in production
        channel = grpc.aio.insecure_channel(f"127.0.0.1:{running.grpc_port}")
        yield Running(scoring_pb2_grpc.ScoringServiceStub(channel), res.js, res.namespace)
        await channel.close()
        for spec in (*bootstrap.STREAMS, INVOICES):
            await res.js.delete_stream(res.namespace.stream(spec.name))


def caller(tenant: str | None = None, scopes: str = "risk:read invoices:read") -> Metadata:
    return caller_metadata(scopes, tenant)


def ref(vat: str) -> types_pb2.CompanyRef:
    return types_pb2.CompanyRef(country=vat[:2], vat=vat)


async def profile_when(
    svc: Running,
    vat: str,
    ready: Callable[[scoring_pb2.RiskProfile], bool],
    md: Metadata | None = None,
    patience: float = 20.0,
) -> scoring_pb2.RiskProfile:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + patience
    while True:
        try:
            p = await svc.stub.GetRiskProfile(
                scoring_pb2.GetRiskProfileRequest(company=ref(vat)),
                metadata=md or caller(scopes="admin"),
            )
            if ready(p):
                return p
        except grpc.aio.AioRpcError as exc:
            if exc.code() != grpc.StatusCode.NOT_FOUND:
                raise
        if loop.time() > deadline:
            raise AssertionError(f"no profile for {vat} in time")
        await asyncio.sleep(0.2)


async def test_events_become_an_explained_profile_as_of_today(scoring_service: Running) -> None:
    vat = belgian_vat()
    for i in range(6):
        due = TODAY - timedelta(days=200 - 30 * i)
        await scoring_service.publish(
            invoice("m-a", vat, due=due, paid=due + timedelta(days=40)), paid=True
        )

    p = await profile_when(scoring_service, vat, lambda p: p.paid_count == 6)

    assert p.level in (scoring_pb2.RISK_LEVEL_MEDIUM, scoring_pb2.RISK_LEVEL_HIGH)
    assert sum(f.points for f in p.factors) == p.score
    assert p.factors[0].reason == "PAYMENT_TIMING" and p.factors[0].sentence
    assert (p.as_of.year, p.as_of.month, p.as_of.day) == (2026, 9, 15)
    assert p.confidence == scoring_pb2.CONFIDENCE_LIMITED  # a single member
    assert p.avg_days_late == 40.0
    assert p.credit_limit.sentence


async def test_a_profile_needs_risk_read_and_an_unknown_debtor_is_not_found(
    scoring_service: Running,
) -> None:
    request = scoring_pb2.GetRiskProfileRequest(company=ref(belgian_vat()))
    with pytest.raises(grpc.aio.AioRpcError) as denied:
        await scoring_service.stub.GetRiskProfile(request, metadata=caller(scopes="invoices:read"))
    with pytest.raises(grpc.aio.AioRpcError) as missing:
        await scoring_service.stub.GetRiskProfile(request, metadata=caller())

    assert denied.value.code() == grpc.StatusCode.PERMISSION_DENIED
    assert missing.value.code() == grpc.StatusCode.NOT_FOUND
    assert error_code(missing.value) == "no_profile"


async def test_a_call_the_gateway_did_not_sign_is_refused(scoring_service: Running) -> None:
    request = scoring_pb2.GetRiskProfileRequest(company=ref(belgian_vat()))
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await scoring_service.stub.GetRiskProfile(request, metadata=(("kmo-scopes", "admin"),))
    assert refused.value.code() == grpc.StatusCode.UNAUTHENTICATED
    assert error_code(refused.value) == "unsigned_call"


async def test_a_member_never_sees_another_members_amounts(scoring_service: Running) -> None:
    vat = dutch_vat()
    await scoring_service.publish(invoice("m-mine", vat, due=TODAY - timedelta(days=5)))
    await scoring_service.publish(
        invoice("m-rival", vat, due=TODAY - timedelta(days=9), amount="77777.77")
    )
    await profile_when(scoring_service, vat, lambda p: p.supplier_count == 2)

    mine = await scoring_service.stub.GetRiskProfile(
        scoring_pb2.GetRiskProfileRequest(company=ref(vat)), metadata=caller("m-mine")
    )
    partner = await scoring_service.stub.GetRiskProfile(
        scoring_pb2.GetRiskProfileRequest(company=ref(vat)), metadata=caller()
    )

    for seen in (mine, partner):
        assert seen.amount_disclosure == scoring_pb2.DISCLOSURE_WITHHELD
        assert not seen.HasField("open_amount") and not seen.HasField("open_amount_band")
        assert seen.count_disclosure == scoring_pb2.DISCLOSURE_BANDED
        assert seen.invoice_count == 0 and seen.invoice_count_band.lower == 1
        assert "77777" not in str(seen)


async def test_batches_history_and_highest_risk(scoring_service: Running) -> None:
    bad = belgian_vat()
    for i in range(4):
        await scoring_service.publish(
            invoice("m-b", bad, due=TODAY - timedelta(days=150 + i), amount="20000.00")
        )
    await profile_when(scoring_service, bad, lambda p: p.level == scoring_pb2.RISK_LEVEL_CRITICAL)

    too_many = scoring_pb2.BatchGetRiskProfilesRequest(companies=[ref(bad)] * 1001)
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await scoring_service.stub.BatchGetRiskProfiles(too_many, metadata=caller())
    assert error_code(raised.value) == "batch_too_large"
    batch = await scoring_service.stub.BatchGetRiskProfiles(
        scoring_pb2.BatchGetRiskProfilesRequest(companies=[ref(bad), ref(belgian_vat())]),
        metadata=caller(),
    )
    assert [p.found for p in batch.profiles] == [True, False]

    history = await scoring_service.stub.GetScoreHistory(
        scoring_pb2.GetScoreHistoryRequest(company=ref(bad), period=scoring_pb2.PERIOD_MONTH),
        metadata=caller(),
    )
    assert len(history.points) == 13 and history.points[-1].known
    assert history.points[-1].level == scoring_pb2.RISK_LEVEL_CRITICAL
    assert not history.points[0].known

    top = await scoring_service.stub.ListHighestRisk(
        scoring_pb2.ListHighestRiskRequest(
            country="BE", min_level=scoring_pb2.RISK_LEVEL_CRITICAL, page_size=1
        ),
        metadata=caller(),
    )
    assert top.profiles[0].level == scoring_pb2.RISK_LEVEL_CRITICAL
    assert all(p.company.country == "BE" for p in top.profiles)
    with pytest.raises(grpc.aio.AioRpcError) as bad_token:
        await scoring_service.stub.ListHighestRisk(
            scoring_pb2.ListHighestRiskRequest(page_token="not-a-token!"), metadata=caller()
        )
    assert error_code(bad_token.value) == "invalid_page_token"


async def test_a_members_action_plan_and_predicted_payments_are_its_own(
    scoring_service: Running,
) -> None:
    vat = belgian_vat()
    mine = invoice("m-plan", vat, due=TODAY - timedelta(days=40), amount="2000.00")
    await scoring_service.publish(mine)
    await scoring_service.publish(invoice("m-other", vat, due=TODAY - timedelta(days=60)))
    await profile_when(scoring_service, vat, lambda p: p.supplier_count == 2)

    plan = await scoring_service.stub.GetActionPlan(
        scoring_pb2.GetActionPlanRequest(company=ref(vat), creditor_country="BE"),
        metadata=caller("m-plan"),
    )
    assert [i.invoice_id for i in plan.invoices] == [mine.invoice_id]
    assert plan.reminder.invoice_ids == [mine.invoice_id]
    assert plan.reminder.compensation.amount == "40.00"
    assert float(plan.invoices[0].late_interest.amount) > 0
    assert len(plan.ladder) == 5 and "2 August 2002" in plan.law

    with pytest.raises(grpc.aio.AioRpcError) as partner:
        await scoring_service.stub.GetActionPlan(
            scoring_pb2.GetActionPlanRequest(company=ref(vat), creditor_country="BE"),
            metadata=caller(),
        )
    assert error_code(partner.value) == "no_tenant"
    with pytest.raises(grpc.aio.AioRpcError) as country:
        await scoring_service.stub.GetActionPlan(
            scoring_pb2.GetActionPlanRequest(company=ref(vat), creditor_country="XX"),
            metadata=caller("m-plan"),
        )
    assert error_code(country.value) == "invalid_country"

    predicted = await scoring_service.stub.ListPredictedPayments(
        scoring_pb2.ListPredictedPaymentsRequest(), metadata=caller("m-plan")
    )
    assert [p.invoice_id for p in predicted.payments] == [mine.invoice_id]
    p = predicted.payments[0]
    assert (p.expected.year, p.expected.month, p.expected.day) >= (2026, 9, 15)
    assert (p.early.year, p.early.month, p.early.day) <= (p.late.year, p.late.month, p.late.day)
