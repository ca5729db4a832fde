"""The typed per-request context resolvers receive, and the one way they call a backend."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

import grpc
import grpc.aio
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.dataloader import DataLoader

from callers import Caller
from gateway.adapters.clients import Backends
from gateway.adapters.keys import KeyStore
from gateway.adapters.notices import DocumentNotices
from gateway.adapters.profiles import ProfileCache
from gateway.adapters.risk_feed import PartnerFeed
from gateway.domain.model import Principal
from gateway.entrypoints.graphql.errors import PublicError, raise_public
from gateway.entrypoints.graphql.loaders import company_loader, position_loader, risk_loader
from gateway.entrypoints.graphql.types.benchmark import CompanyBenchmark
from gateway.settings import UPLOAD_LIMIT
from kmo.ingest.v1 import ingest_pb2
from kmo.scoring.v1 import scoring_pb2

Reply = TypeVar("Reply")
RESIGN_SECONDS = 60.0  # well inside the services' five minutes


@dataclass
class Context:
    request: Request | WebSocket
    response: Response | None
    principal: Principal | None
    backends: Backends
    timeout: float
    internal_key: str = field(repr=False)
    notices: DocumentNotices = field(repr=False)
    max_document_bytes: int = UPLOAD_LIMIT
    max_import_bytes: int = 256 * 1024 * 1024
    introspection_open: bool = True  # the IDE is on: anyone may read the schema
    bulk_items: int = 0  # inputs of the bulk mutations so far in this request
    # Set by Strawberry from a WebSocket's connection_init payload.
    connection_params: dict[str, object] | None = None
    keys: KeyStore | None = field(default=None, repr=False)  # members and API keys
    profiles: ProfileCache | None = field(default=None, repr=False)  # scoring's answers
    feed: PartnerFeed | None = field(default=None, repr=False)  # watchlists and webhooks
    # Whether a key was revoked since it was verified (a long-lived WebSocket), and an
    # event set when it is: the key store's, on every replica within a second.
    revoked: Callable[[str], bool] = field(default=lambda _: False, repr=False)
    watching: Callable[[str], AbstractContextManager[asyncio.Event]] = field(
        default=lambda _: contextlib.nullcontext(asyncio.Event()), repr=False
    )
    _metadata: tuple[tuple[str, str], ...] = field(default=(), init=False, repr=False)
    _signed: tuple[Principal | None, float] = field(default=(None, 0.0), init=False, repr=False)

    # One loader per backend batch call, made when a request first needs it.
    @cached_property
    def risk_loader(self) -> DataLoader[str, scoring_pb2.RiskProfile]:
        tenant = self.principal.tenant_id if self.principal else None
        return risk_loader(self.backends, self.call, self.profiles, tenant or "")

    @cached_property
    def position_loader(self) -> DataLoader[str, CompanyBenchmark | None]:
        return position_loader(self.backends, self.call)

    @cached_property
    def placement_loader(self) -> DataLoader[str, CompanyBenchmark | None]:
        """Positions without their measures, for lists that select none."""
        return position_loader(self.backends, self.call, measures=False)

    @cached_property
    def company_loader(self) -> DataLoader[str, ingest_pb2.CompanyRecord]:
        return company_loader(self.backends, self.call)

    @property
    def key_store(self) -> KeyStore:
        assert self.keys is not None, "the app's key store"
        return self.keys

    def require(self, scope: str, *, tenant: bool = False) -> Principal:
        if self.principal is None:
            raise PublicError("missing or invalid API key", "UNAUTHENTICATED")
        if self.revoked(self.principal.key_id):
            raise PublicError("this API key was revoked", "UNAUTHENTICATED")
        if not self.principal.has(scope):
            raise PublicError(f"this API key lacks the {scope} scope", "FORBIDDEN")
        if tenant and self.principal.tenant_id is None:
            raise PublicError("only a member's API key can do this", "FORBIDDEN")
        return self.principal

    def metadata(self) -> tuple[tuple[str, str], ...]:
        """The caller's identity for the backends, signed once per request (a subscription
        outlives a signature, so it signs again after a minute)."""
        p = self.principal
        assert p is not None, "call require() first"
        now = time.monotonic()
        if self._signed[0] is not p or now - self._signed[1] > RESIGN_SECONDS:
            caller = Caller(tenant_id=p.tenant_id, scopes=p.scopes, member_vat=p.member_vat)
            self._metadata = caller.metadata(self.internal_key)
            self._signed = (p, now)
        return self._metadata

    async def call(
        self,
        method: Callable[..., Awaitable[Reply]],
        request: Any,
        *,
        timeout: float | None = None,  # noqa: ASYNC109 - the gRPC deadline, not ours
    ) -> Reply:
        """One backend call with the caller's signed identity and the deadline; a typed
        backend error becomes a public GraphQL error, anything else stays masked."""
        try:
            return await method(request, metadata=self.metadata(), timeout=timeout or self.timeout)
        except grpc.aio.AioRpcError as exc:
            raise_public(exc)

    async def find(self, method: Callable[..., Awaitable[Reply]], request: Any) -> Reply | None:
        """Like :meth:`call`, but NOT_FOUND is an answer: None."""
        try:
            return await method(request, metadata=self.metadata(), timeout=self.timeout)
        except grpc.aio.AioRpcError as exc:
            if exc.code() == grpc.StatusCode.NOT_FOUND:
                return None
            raise_public(exc)
