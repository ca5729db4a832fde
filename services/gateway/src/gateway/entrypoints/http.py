"""The HTTP side of the gateway: the GraphQL view, the request guard, and the middleware
in front of the routes (the HTTP metrics are ``http_metrics``)."""

from __future__ import annotations

import asyncio
import json
import logging
import math
import time
from typing import Any

from graphql import GraphQLError
from starlette.middleware import Middleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.http import GraphQLHTTPResponse
from strawberry.types import ExecutionResult
from strawberry.types.unset import UNSET, UnsetType

from gateway.adapters.clients import Backends
from gateway.adapters.keys import KeyStore
from gateway.domain.model import Principal
from gateway.entrypoints.graphql.context import Context
from gateway.entrypoints.http_metrics import HttpMetrics


def _bearer(headers: Any) -> str | None:
    value = headers.get("authorization") or ""
    scheme, _, token = value.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


GRAPHQL_RESPONSE = "application/graphql-response+json"
_REQUEST_ERROR_STATUS = {"UNAUTHENTICATED": 401, "FORBIDDEN": 403, "TIMEOUT": 504}


def wants_graphql_response(accept: str) -> bool:
    """Whether the client prefers ``application/graphql-response+json`` (the GraphQL over
    HTTP media type) to ``application/json``: it is listed with a quality at least as high.
    Without an Accept header a client gets the legacy ``application/json``."""
    best: dict[str, float] = {}
    for part in accept.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        best[media.lower()] = max(quality, best.get(media.lower(), 0.0))
    ours = best.get(GRAPHQL_RESPONSE, 0.0)
    legacy = max(best.get("application/json", 0.0), best.get("*/*", 0.0) * 0.99)
    return ours > 0 and ours >= legacy


class GatewayGraphQL(GraphQL[Context, None]):
    """Strawberry's ASGI view with our typed context, key authentication, and GraphQL over
    HTTP's media type: a client that accepts ``application/graphql-response+json`` gets it,
    and a request that fails before execution (parse, validation, variable coercion, a
    refused introspection) then answers 4xx without a ``data`` entry. ``application/json``
    clients keep the legacy 200."""

    time_budget: float = 30.0  # seconds a request (not an upload) may take in all

    async def execute_single(
        self,
        request: Request,
        request_adapter: Any,
        sub_response: Response,
        context: Context,
        root_value: None,
        request_data: Any,
    ) -> ExecutionResult:
        """The request as Strawberry runs it, within the time budget: a request that would
        hold a worker longer (a backend slow on every call of a long operation) is cut off
        with TIMEOUT. Multipart uploads stream for as long as their size needs instead."""
        media = request.headers.get("content-type", "").partition(";")[0].strip().lower()
        if self.time_budget <= 0 or media == "multipart/form-data":
            return await super().execute_single(
                request, request_adapter, sub_response, context, root_value, request_data
            )
        try:
            async with asyncio.timeout(self.time_budget):
                return await super().execute_single(
                    request, request_adapter, sub_response, context, root_value, request_data
                )
        except TimeoutError:
            log.info("graphql request over its time budget", extra={"code": "TIMEOUT"})
            return ExecutionResult(
                data=None,
                errors=[
                    GraphQLError(
                        f"the request took longer than {self.time_budget:g} s and was stopped",
                        extensions={"code": "TIMEOUT"},
                    )
                ],
            )

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        processed = await super().process_result(request, result)
        sub = getattr(request.state, "sub_response", None)
        if (
            sub is not None
            and sub.media_type == GRAPHQL_RESPONSE
            and result.data is None
            and result.errors
            and all(e.path is None for e in result.errors)
        ):
            code = (result.errors[0].extensions or {}).get("code", "")
            sub.status_code = _REQUEST_ERROR_STATUS.get(str(code), 400)
            processed.pop("data", None)
        return processed

    def create_response(
        self,
        response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse],
        sub_response: Response,
    ) -> Response:
        response = super().create_response(response_data, sub_response)
        if sub_response.media_type:
            response.headers["content-type"] = f"{sub_response.media_type}; charset=utf-8"
        return response

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket | None = None
    ) -> Context:
        state = request.app.state
        backends: Backends = state.backends
        timeout: float = state.rpc_timeout
        principal: Principal | None = getattr(request.state, "principal", None)
        if principal is None and isinstance(request, WebSocket):
            principal = await _authenticate(state.keys, _bearer(request.headers))
        if isinstance(response, Response):
            response.media_type = (
                GRAPHQL_RESPONSE
                if wants_graphql_response(request.headers.get("accept", ""))
                else "application/json"
            )
            request.state.sub_response = response
        return Context(
            request=request,
            response=response if isinstance(response, Response) else None,
            principal=principal,
            backends=backends,
            timeout=timeout,
            internal_key=state.internal_key,
            notices=state.notices,
            max_document_bytes=state.max_document_bytes,
            max_import_bytes=state.max_import_bytes,
            introspection_open=getattr(state, "introspection_open", True),
            keys=state.keys,
            profiles=getattr(state, "profiles", None),
            feed=getattr(state, "feed", None),
            revoked=state.keys.revoked,
            watching=state.keys.watching,
        )

    async def on_ws_connect(self, context: Context) -> UnsetType | dict[str, object] | None:
        """graphql-transport-ws: browsers cannot set headers, so the key may come in
        connection_init ({"authorization": "Bearer ..."}); refuse bad keys there."""
        params = context.connection_params or {}
        raw = params.get("authorization") or params.get("Authorization")
        if isinstance(raw, str):
            principal = await _authenticate(
                context.request.app.state.keys, _bearer({"authorization": raw})
            )
            if principal is None:
                raise ConnectionRejectionError({"code": "UNAUTHENTICATED"})
            context.principal = principal
        return UNSET  # type: ignore[no-any-return]


async def _authenticate(keys: KeyStore, token: str | None) -> Principal | None:
    return await keys.authenticate(token) if token else None


def _json(status: int, code: str, message: str) -> Response:
    body = {"errors": [{"message": message, "extensions": {"code": code}}]}
    return Response(json.dumps(body), status_code=status, media_type="application/json")


log = logging.getLogger(__name__)
MULTIPART_FRAMING = 64 * 1024  # a multipart request's other parts and boundaries


class TokenBuckets:
    """Per-caller token buckets: ``rate`` requests a second on average, ``burst`` at once.
    A caller is its key, or its address when it has none. This replica's share only: with
    N replicas a caller may make N x rate (say so in the deployment's numbers)."""

    MAX_CALLERS = 50_000

    def __init__(self, rate: float, burst: float) -> None:
        self.rate = rate
        self.burst = max(burst, 1.0)
        self._buckets: dict[str, tuple[float, float]] = {}  # caller -> (tokens, at)

    def take(self, caller: str, now: float | None = None) -> float:
        """0 when the request may go ahead, else the seconds until it may."""
        if self.rate <= 0:
            return 0.0  # limits off
        now = time.monotonic() if now is None else now
        tokens, at = self._buckets.get(caller, (self.burst, now))
        tokens = min(self.burst, tokens + (now - at) * self.rate)
        if tokens < 1.0:
            self._buckets[caller] = (tokens, now)
            return (1.0 - tokens) / self.rate
        if len(self._buckets) >= self.MAX_CALLERS and caller not in self._buckets:
            self._buckets.clear()  # bounded memory; everyone starts with a full bucket
        self._buckets[caller] = (tokens - 1.0, now)
        return 0.0


def _rate_limited(wait: float) -> Response:
    retry = max(1, math.ceil(wait))
    response = _json(429, "RATE_LIMITED", f"too many requests: retry in {retry} s")
    response.headers["retry-after"] = str(retry)
    return response


class Guard:
    """Checks every HTTP request before GraphQL parses it.

    - The body is capped from Content-Length and while it streams: neither Starlette
      nor Strawberry limits uploads. ``multipart/form-data`` (uploads, which Starlette
      spools to a temporary file) may reach ``max_multipart_bytes``; every other body
      (JSON, read whole into memory) ``max_bytes``. The guard only counts the body's
      messages as they pass; it never holds them.
    - A presented API key must be valid (401 otherwise); requests without one
      reach only what needs no scope (the IDE, ``__typename``).
    - ``/graphql`` is rate-limited per key (per address without one): 429 with
      Retry-After once a caller's bucket is empty. Health and metrics are not.

    Its refusals are counted by :class:`HttpMetrics`, which sits outside it
    (:func:`edge_middleware`).
    """

    def __init__(
        self,
        app: ASGIApp,
        max_bytes: int,
        max_multipart_bytes: int | None = None,
        keyed: TokenBuckets | None = None,
        anonymous: TokenBuckets | None = None,
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.max_multipart_bytes = max(max_bytes, max_multipart_bytes or max_bytes)
        self.keyed = keyed or TokenBuckets(0, 0)
        self.anonymous = anonymous or TokenBuckets(0, 0)

    def limit(self, request: Request) -> int:
        media = request.headers.get("content-type", "").partition(";")[0].strip().lower()
        return self.max_multipart_bytes if media == "multipart/form-data" else self.max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        most = self.limit(request)
        too_large = _json(413, "PAYLOAD_TOO_LARGE", f"request body over {most} bytes")
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > most):
            await too_large(scope, receive, send)
            return
        token = _bearer(request.headers)
        principal: Principal | None = None
        if token is not None:
            principal = await _authenticate(request.app.state.keys, token)
            if principal is None:
                await _json(401, "UNAUTHENTICATED", "invalid or revoked API key")(
                    scope, receive, send
                )
                return
            scope.setdefault("state", {})["principal"] = principal
        if scope["path"] == "/graphql":
            if principal is not None:
                wait = self.keyed.take(principal.key_id)
            else:
                wait = self.anonymous.take(request.client.host if request.client else "")
            if wait:
                await _rate_limited(wait)(scope, receive, send)
                return
        received = 0

        async def capped() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > most:
                    raise BodyTooLarge
            return message

        try:
            await self.app(scope, capped, send)
        except BodyTooLarge:
            await too_large(scope, receive, send)
        except ClientDisconnect:
            # The client went away mid-request (a cancelled upload, a closed tab): nobody
            # to answer and nothing wrong with the gateway, so no 500 and no traceback.
            scope.setdefault("state", {})["disconnected"] = True
            log.info(
                "client disconnected before its request was read", extra={"path": scope["path"]}
            )


class BodyTooLarge(Exception):
    pass


def edge_middleware(
    max_bytes: int,
    max_multipart_bytes: int | None = None,
    keyed: TokenBuckets | None = None,
    anonymous: TokenBuckets | None = None,
) -> list[Middleware]:
    """The middleware in front of the routes, outermost first: the metrics, then the guard,
    so a request the guard refuses is counted with the status it was refused with."""
    return [
        Middleware(HttpMetrics),
        Middleware(
            Guard,
            max_bytes=max_bytes,
            max_multipart_bytes=max_multipart_bytes,
            keyed=keyed,
            anonymous=anonymous,
        ),
    ]
