"""The typed per-request context resolvers receive."""

from __future__ import annotations

from dataclasses import dataclass, field

from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.dataloader import DataLoader

from chassis.grpc_server import Caller
from gateway.adapters.clients import Backends
from gateway.adapters.notices import DocumentNotices
from gateway.domain.model import Principal
from gateway.entrypoints.graphql.errors import PublicError
from gateway.entrypoints.graphql.types.benchmark import CompanyBenchmark
from kmo.scoring.v1 import scoring_pb2


@dataclass
class Context:
    request: Request | WebSocket
    response: Response | None
    principal: Principal | None
    backends: Backends
    timeout: float
    risk_loader: DataLoader[str, scoring_pb2.RiskProfile] = field(repr=False)
    position_loader: DataLoader[str, CompanyBenchmark | None] = field(repr=False)
    notices: DocumentNotices = field(repr=False)
    max_document_bytes: int = 10 * 1024 * 1024
    max_import_bytes: int = 256 * 1024 * 1024
    introspection_open: bool = True  # the IDE is on: anyone may read the schema
    bulk_items: int = 0  # inputs of the bulk mutations so far in this request
    # Set by Strawberry from a WebSocket's connection_init payload.
    connection_params: dict[str, object] | None = None

    def require(self, scope: str, *, tenant: bool = False) -> Principal:
        if self.principal is None:
            raise PublicError("missing or invalid API key", "UNAUTHENTICATED")
        if not self.principal.has(scope):
            raise PublicError(f"this API key lacks the {scope} scope", "FORBIDDEN")
        if tenant and self.principal.tenant_id is None:
            raise PublicError("only a member's API key can do this", "FORBIDDEN")
        return self.principal

    def metadata(self) -> tuple[tuple[str, str], ...]:
        p = self.principal
        assert p is not None, "call require() first"
        return Caller(tenant_id=p.tenant_id, scopes=p.scopes, member_vat=p.member_vat).metadata()
