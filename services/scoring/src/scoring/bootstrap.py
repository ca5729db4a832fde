"""Composition root: the only place scoring's adapters are wired together."""

from __future__ import annotations

from pathlib import Path

from chassis.grpc_server import GrpcService
from chassis.messaging import DAY, StreamSpec
from chassis.run import Resources, ServiceDefinition, Wiring
from kmo.scoring.v1 import scoring_pb2, scoring_pb2_grpc
from scoring.adapters.tables import outbox
from scoring.adapters.uow import SqlUnitOfWork
from scoring.entrypoints.consumers import invoice_consumer
from scoring.entrypoints.grpc_api import ScoringApi
from scoring.views import ProfileReader

NAME = "scoring"

# Limits retention so partners can replay a month of risk changes.
STREAMS = (StreamSpec("RISK", ["risk.changed.>", "score.updated"], max_age_seconds=30 * DAY),)


def wire(resources: Resources) -> Wiring:
    def uow() -> SqlUnitOfWork:
        return SqlUnitOfWork(resources.sessions, resources.relay.notify)

    service = scoring_pb2.DESCRIPTOR.services_by_name["ScoringService"].full_name
    api = ScoringApi(ProfileReader(resources.sessions))
    return Wiring(
        grpc=[GrpcService(service, api, scoring_pb2_grpc.add_ScoringServiceServicer_to_server)],
        consumers=[invoice_consumer(uow)],
    )


def build() -> ServiceDefinition:
    return ServiceDefinition(
        name=NAME,
        migrations=Path(__file__).parent / "migrations",
        outbox=outbox,
        streams=STREAMS,
        wire=wire,
    )
