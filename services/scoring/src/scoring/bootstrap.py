"""Composition root: the only place scoring's adapters are wired together."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from grpc.aio import ServerInterceptor
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from callers import TrustInterceptor
from chassis.grpc_server import GrpcService
from chassis.messaging import DAY, StreamSpec
from chassis.run import Resources, ServiceDefinition, Wiring
from kmo.scoring.v1 import scoring_pb2, scoring_pb2_grpc
from scoring.adapters.rates import load_rates
from scoring.adapters.repository import AdvisoryJobLock
from scoring.adapters.tables import outbox
from scoring.adapters.uow import SqlUnitOfWork
from scoring.domain.commands import Rescore, Sweep
from scoring.domain.late_interest import RateTable
from scoring.entrypoints.consumers import company_consumer, invoice_consumer
from scoring.entrypoints.grpc_api import ScoringApi
from scoring.service_layer.handlers import Clock, UowFactory, utcnow
from scoring.service_layer.messagebus import MessageBus
from scoring.service_layer.unit_of_work import JobLock, ReadModel
from scoring.settings import Settings
from scoring.views import ProfileReader

NAME = "scoring"
log = logging.getLogger(__name__)

# Limits retention so partners can replay a month of risk changes.
STREAMS = (StreamSpec("RISK", ["risk.changed.>", "score.updated"], max_age_seconds=30 * DAY),)


def clock_for(settings: Settings) -> Clock:
    """Today, or the pinned day of ``SCORING_TODAY`` (at the current time of day)."""
    pinned = settings.today
    if pinned is None:
        return utcnow

    def pinned_now() -> datetime:
        return datetime.combine(pinned, datetime.now(UTC).time().replace(tzinfo=None), UTC)

    return pinned_now


def bus_for(
    sessions: async_sessionmaker[AsyncSession],
    engine: AsyncEngine,
    notify: Callable[[], None],
    clock: Clock,
) -> MessageBus:
    """The bus over SQL: what the service, its operator commands and the tests run on."""
    return MessageBus(
        uows=lambda: SqlUnitOfWork(sessions, notify), jobs=AdvisoryJobLock(engine), clock=clock
    )


def sweeper(bus: MessageBus, every_seconds: float) -> Callable[[], Coroutine[Any, Any, None]]:
    """Background job: the ageing sweep once a day (when the day turned), and a rebuild
    of the running sums first if they are missing (a database from before them)."""

    async def run() -> None:
        async with bus.uows() as uow:
            needs_rebuild = await uow.repo.needs_rebuild()
        if needs_rebuild:
            log.info("rebuilding running sums from stored experiences")
            await bus.handle(Rescore())
        while True:
            today = bus.clock().date()
            async with bus.uows() as uow:
                last = await uow.repo.swept("ageing")
            if last is None or last < today:
                started = datetime.now(UTC)
                seen = await bus.handle(Sweep(today))
                log.info(
                    "ageing sweep done",
                    extra={"debtors": seen, "seconds": (datetime.now(UTC) - started).seconds},
                )
            await asyncio.sleep(every_seconds)

    return run


@dataclass(frozen=True, slots=True)
class Adapters:
    """Everything the service's entry points run on: SQL and locks in production (see
    ``wire``), fakes in the unit tests."""

    uows: UowFactory
    jobs: JobLock
    views: ReadModel
    rates: RateTable
    clock: Clock


def compose(
    adapters: Adapters,
    *,
    sweep_every: float,
    interceptors: Sequence[ServerInterceptor] = (),
) -> tuple[MessageBus, Wiring]:
    """The bus and the entry points (gRPC API, consumer, sweeper) over the adapters."""
    bus = MessageBus(uows=adapters.uows, jobs=adapters.jobs, clock=adapters.clock)
    service = scoring_pb2.DESCRIPTOR.services_by_name["ScoringService"].full_name
    api = ScoringApi(adapters.views, adapters.rates)
    return bus, Wiring(
        grpc=[GrpcService(service, api, scoring_pb2_grpc.add_ScoringServiceServicer_to_server)],
        interceptors=interceptors,
        consumers=[invoice_consumer(bus), company_consumer(bus)],
        background=[sweeper(bus, sweep_every)],
    )


def wire(resources: Resources) -> Wiring:
    settings = resources.settings
    assert isinstance(settings, Settings)
    clock = clock_for(settings)
    sql = bus_for(resources.sessions, resources.engine, resources.notify, clock)
    adapters = Adapters(
        uows=sql.uows,
        jobs=sql.jobs,
        views=ProfileReader(resources.sessions, clock),
        rates=load_rates(settings.late_interest_file),
        clock=clock,
    )
    trust = TrustInterceptor(settings.require_internal_key())
    return compose(adapters, sweep_every=settings.sweep_check_seconds, interceptors=[trust])[1]


def build() -> ServiceDefinition:
    return ServiceDefinition(
        name=NAME,
        migrations=Path(__file__).parent / "migrations",
        outbox=outbox,
        streams=STREAMS,
        wire=wire,
    )
