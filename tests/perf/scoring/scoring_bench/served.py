"""The scoring service as it runs: a generated world's invoice events on JetStream, the
service consuming them into PostgreSQL, profiles read back through gRPC.

The events are what ingest publishes (each carries the invoice's whole state); the
service runs in this process on the chassis, with its clock pinned to a cut-off day.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import time
from collections import defaultdict
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from decimal import Decimal

import grpc.aio
import numpy as np
from google.protobuf.message import Message
from nats.js.client import JetStreamContext

from chassis.events import HEADER_EVENT_TYPE, HEADER_MSG_ID, outgoing
from chassis.messaging import Namespace, StreamSpec, ensure_stream
from chassis.run import started
from datagen import Dataset
from devstack.servers import caller_metadata
from kmo.ingest.v1 import events_pb2 as ingest_events
from kmo.ingest.v1 import invoice_state_pb2
from kmo.scoring.v1 import scoring_pb2, scoring_pb2_grpc
from kmo.types.v1 import types_pb2
from scoring import bootstrap
from scoring.service_layer.handlers import CONSUMER
from scoring.service_layer.messagebus import MessageBus
from scoring.settings import Settings

EPOCH = dt.date(1970, 1, 1)
INVOICES = StreamSpec("INVOICES", ["invoice.>"], max_age_seconds=7 * 86400)


def operator() -> tuple[tuple[str, str], ...]:
    return caller_metadata("admin")


def _d(day: int) -> types_pb2.Date:
    x = EPOCH + dt.timedelta(days=day)
    return types_pb2.Date(year=x.year, month=x.month, day=x.day)


def _money(cents: int) -> types_pb2.Money:
    return types_pb2.Money(amount=str(Decimal(cents).scaleb(-2)), currency="EUR")


@dataclass(frozen=True, slots=True)
class Event:
    subject: str
    event_id: str
    event_type: str
    payload: bytes


def events_at(ds: Dataset, cutoff: dt.date, *, chronological: bool = False) -> Iterator[Event]:
    """What ingest would have published by ``cutoff``: every invoice issued by then, then
    every payment received by then (the order ``make demo`` loads them in), or with
    ``chronological`` in the order of their days, as a running register sees them."""
    if chronological:
        dated = sorted(_dated_events(ds, cutoff), key=lambda de: de[0])
        yield from (e for _, e in dated)
        return
    yield from (e for _, e in _dated_events(ds, cutoff))


def _dated_events(ds: Dataset, cutoff: dt.date) -> Iterator[tuple[int, Event]]:
    inv = ds.invoices
    t = (cutoff - EPOCH).days
    issue = inv.issue_date.astype(np.int64)
    due = inv.due_date.astype(np.int64)
    n_members = len(ds.members)
    states: dict[int, invoice_state_pb2.InvoiceState] = {}
    for i in np.nonzero(issue <= t)[0].tolist():
        debtor = ds.debtors[int(inv.debtor_id[i]) - n_members - 1]
        s = invoice_state_pb2.InvoiceState(
            invoice_id=f"inv-{int(inv.invoice_id[i])}",
            tenant_id=f"member-{int(inv.member_id[i])}",
            debtor=types_pb2.CompanyRef(country=debtor.country, vat=debtor.vat),
            debtor_sector=debtor.nace,
            issue_date=_d(int(issue[i])),
            due_date=_d(int(due[i])),
            amount=_money(int(inv.gross_cents[i])),
            paid_amount=_money(0),
            revision=1,
        )
        states[i] = s
        yield int(issue[i]), _event(ingest_events.InvoiceRecorded(invoice_id=s.invoice_id, state=s))
    pay = ds.payments
    paid_so_far: dict[int, int] = defaultdict(int)
    for k in np.nonzero(pay.paid_on.astype(np.int64) <= t)[0].tolist():
        i = int(pay.invoice_id[k]) - 1
        base = states.get(i)
        if base is None:
            continue
        paid_so_far[i] += int(pay.amount_cents[k])
        s = invoice_state_pb2.InvoiceState()
        s.CopyFrom(base)
        s.paid_amount.CopyFrom(_money(paid_so_far[i]))
        s.revision = base.revision + 1
        day = int(pay.paid_on[k].astype(np.int64))
        settled = paid_so_far[i] >= int(inv.gross_cents[i])
        if settled:
            s.settled_date.CopyFrom(_d(day))
        states[i] = s
        yield (
            day,
            _event(
                ingest_events.PaymentRecorded(
                    payment_id=f"{s.invoice_id}:{s.revision - 1}",
                    paid_date=_d(day),
                    amount=_money(int(pay.amount_cents[k])),
                    state=s,
                )
            ),
        )
        if settled:
            yield day, _event(ingest_events.InvoicePaid(invoice_id=s.invoice_id, state=s))


def _event(msg: Message) -> Event:
    e = outgoing(msg)
    return Event(e.subject, e.event_id, e.event_type, e.payload)


async def publish(
    js: JetStreamContext, ns: Namespace, events: list[Event], window: int = 2000
) -> None:
    for start in range(0, len(events), window):
        for e in events[start : start + window]:
            await js.publish_async(
                ns.subject(e.subject),
                e.payload,
                headers={HEADER_MSG_ID: e.event_id, HEADER_EVENT_TYPE: e.event_type},
            )
        await js.publish_async_completed()


async def wait_consumed(js: JetStreamContext, ns: Namespace, patience: float) -> float:
    """Seconds until the scoring consumer has nothing pending and nothing unacknowledged."""
    started_at = time.perf_counter()
    stream = ns.stream(INVOICES.name)
    while True:
        with contextlib.suppress(Exception):
            info = await js.consumer_info(stream, CONSUMER)
            if info.num_pending == 0 and info.num_ack_pending == 0 and info.delivered.stream_seq:
                return time.perf_counter() - started_at
        if time.perf_counter() - started_at > patience:
            raise TimeoutError("scoring did not catch up")
        await asyncio.sleep(0.1)


@dataclass
class Served:
    stub: scoring_pb2_grpc.ScoringServiceAsyncStub
    js: JetStreamContext
    ns: Namespace
    bus: MessageBus

    async def profiles(self, vats: list[str]) -> dict[str, scoring_pb2.RiskProfile]:
        found = {}
        for start in range(0, len(vats), 1000):
            chunk = vats[start : start + 1000]
            reply = await self.stub.BatchGetRiskProfiles(
                scoring_pb2.BatchGetRiskProfilesRequest(
                    companies=[types_pb2.CompanyRef(country=v[:2], vat=v) for v in chunk]
                ),
                metadata=operator(),
                timeout=60,
            )
            found.update({p.company.vat: p for p in reply.profiles if p.found})
        return found

    async def predictions(self, tenant: str) -> list[scoring_pb2.PredictedPayment]:
        out: list[scoring_pb2.PredictedPayment] = []
        token = ""
        while True:
            reply = await self.stub.ListPredictedPayments(
                scoring_pb2.ListPredictedPaymentsRequest(page_size=1000, page_token=token),
                metadata=caller_metadata("invoices:read", tenant),
                timeout=60,
            )
            out.extend(reply.payments)
            token = reply.next_page_token
            if not token:
                return out


@contextlib.asynccontextmanager
async def scoring_at(
    database_url: str, nats_url: str, namespace: str, today: dt.date, *, relay: bool = True
) -> AsyncIterator[Served]:
    settings = Settings(
        database_url=database_url,
        nats_url=nats_url,
        nats_namespace=namespace,
        grpc_host="127.0.0.1",
        grpc_port=0,
        shutdown_grace_seconds=1.0,
        today=today,
        log_level="WARNING",
        outbox_relay=relay,
    )
    async with started(bootstrap.build(), settings) as running:
        res = running.resources
        await ensure_stream(res.js, res.namespace, INVOICES)
        channel = grpc.aio.insecure_channel(
            f"127.0.0.1:{running.grpc_port}",
            options=[("grpc.max_receive_message_length", 64 << 20)],
        )
        bus = bootstrap.bus_for(res.sessions, res.engine, res.notify, bootstrap.clock_for(settings))
        try:
            yield Served(scoring_pb2_grpc.ScoringServiceStub(channel), res.js, res.namespace, bus)
        finally:
            await channel.close()
            for spec in (*bootstrap.STREAMS, INVOICES):
                with contextlib.suppress(Exception):
                    await res.js.delete_stream(res.namespace.stream(spec.name))
