"""gRPC plumbing: the asyncio server (health, reflection, metrics), channels, callers, errors.

The caller's identity crosses service boundaries as metadata set by the
gateway: ``kmo-tenant-id``, ``kmo-scopes`` (space separated) and
``kmo-member-vat``, signed with the deployment's internal key
(``kmo-signed-at`` and ``kmo-signature``, an HMAC-SHA256 over the time and the
identity). Every service refuses a call whose signature is missing, wrong or
older than five minutes (:class:`TrustInterceptor`), so reaching a backend port
is not enough to read a tenant's data. Services enforce scopes with
:func:`require`. Machine-readable error codes travel in the
``kmo-error-code`` trailing metadata so the gateway can turn them into typed
GraphQL errors.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, NoReturn

import grpc
import grpc.aio
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection, reflection_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2 as reflection_messages

from chassis import metrics

rpc_log = logging.getLogger("chassis.rpc")

MIB = 1 << 20
# Documents of up to 10 MB travel over gRPC; 16 MiB leaves room for framing.
MAX_MESSAGE_BYTES = 16 * MIB
_MESSAGE_OPTIONS = [
    ("grpc.max_receive_message_length", MAX_MESSAGE_BYTES),
    ("grpc.max_send_message_length", MAX_MESSAGE_BYTES),
]
SERVER_OPTIONS = [
    *_MESSAGE_OPTIONS,
    ("grpc.keepalive_time_ms", 30_000),
    ("grpc.keepalive_timeout_ms", 10_000),
    ("grpc.http2.min_ping_interval_without_data_ms", 10_000),
    ("grpc.keepalive_permit_without_calls", 1),
]

TENANT_KEY = "kmo-tenant-id"
SCOPES_KEY = "kmo-scopes"
MEMBER_VAT_KEY = "kmo-member-vat"
ERROR_CODE_KEY = "kmo-error-code"
SIGNED_AT_KEY = "kmo-signed-at"
SIGNATURE_KEY = "kmo-signature"
MAX_SIGNATURE_AGE_SECONDS = 300  # and as far ahead, for clocks that differ a little


def _signature(key: str, signed_at: str, tenant: str, scopes: str, member_vat: str) -> str:
    payload = "\n".join(("v1", signed_at, tenant, scopes, member_vat)).encode()
    return hmac.new(key.encode(), payload, hashlib.sha256).hexdigest()


@dataclass(frozen=True, slots=True)
class Caller:
    tenant_id: str | None
    scopes: frozenset[str]
    member_vat: str | None = None  # the tenant's own VAT number, when the gateway knows it

    def metadata(self, key: str, *, now: float | None = None) -> tuple[tuple[str, str], ...]:
        """This identity as call metadata, signed with the deployment's internal key."""
        scopes = " ".join(sorted(self.scopes))
        signed_at = str(int(time.time() if now is None else now))
        pairs = [(SCOPES_KEY, scopes)]
        if self.tenant_id:
            pairs.append((TENANT_KEY, self.tenant_id))
        if self.member_vat:
            pairs.append((MEMBER_VAT_KEY, self.member_vat))
        pairs.append((SIGNED_AT_KEY, signed_at))
        sig = _signature(key, signed_at, self.tenant_id or "", scopes, self.member_vat or "")
        pairs.append((SIGNATURE_KEY, sig))
        return tuple(pairs)


def signed(metadata: Sequence[tuple[str, str | bytes]], key: str, now: float | None = None) -> bool:
    """Whether the identity in ``metadata`` carries a valid, fresh signature by ``key``."""
    md = {k: v for k, v in metadata if isinstance(v, str)}
    signed_at, sig = md.get(SIGNED_AT_KEY, ""), md.get(SIGNATURE_KEY, "")
    if not signed_at.isdigit() or not sig:
        return False
    if abs((time.time() if now is None else now) - int(signed_at)) > MAX_SIGNATURE_AGE_SECONDS:
        return False
    expected = _signature(
        key,
        signed_at,
        md.get(TENANT_KEY, ""),
        " ".join(sorted(md.get(SCOPES_KEY, "").split())),
        md.get(MEMBER_VAT_KEY, ""),
    )
    return hmac.compare_digest(expected, sig)


def caller_of(context: grpc.aio.ServicerContext[Any, Any]) -> Caller:
    md = {k: v for k, v in context.invocation_metadata() or () if isinstance(v, str)}
    return Caller(
        tenant_id=md.get(TENANT_KEY) or None,
        scopes=frozenset(md.get(SCOPES_KEY, "").split()),
        member_vat=md.get(MEMBER_VAT_KEY) or None,
    )


async def abort(
    context: grpc.aio.ServicerContext[Any, Any], status: grpc.StatusCode, code: str, message: str
) -> NoReturn:
    context.set_trailing_metadata(((ERROR_CODE_KEY, code),))
    await context.abort(status, message)
    raise AssertionError("unreachable: abort raises")


async def require(
    context: grpc.aio.ServicerContext[Any, Any], scope: str, *, tenant: bool = True
) -> Caller:
    """The caller, if it holds ``scope`` (and a tenant when ``tenant``); abort otherwise."""
    who = caller_of(context)
    if scope not in who.scopes and "admin" not in who.scopes:
        await abort(
            context, grpc.StatusCode.PERMISSION_DENIED, "forbidden", f"requires scope {scope}"
        )
    if tenant and not who.tenant_id:
        await abort(context, grpc.StatusCode.PERMISSION_DENIED, "no_tenant", "a member is required")
    return who


def error_code(error: grpc.aio.AioRpcError) -> str | None:
    for key, value in error.trailing_metadata() or ():
        if key == ERROR_CODE_KEY and isinstance(value, str):
            return value
    return None


UNSIGNED = "the call's identity is not signed by this deployment's internal key"


async def _refuse(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
    await abort(context, grpc.StatusCode.UNAUTHENTICATED, "unsigned_call", UNSIGNED)


class TrustInterceptor(grpc.aio.ServerInterceptor):
    """Refuses every call to a service method whose identity the gateway did not sign.

    The standard health and reflection services (``/grpc.*``) stay open to probes and
    tools; they read nothing of a tenant's."""

    def __init__(self, key: str) -> None:
        self.key = key

    async def intercept_service(
        self,
        continuation: Callable[
            [grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler[Any, Any] | None]
        ],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler[Any, Any] | None:
        method = handler_call_details.method
        if method.startswith("/grpc.") or signed(
            handler_call_details.invocation_metadata or (), self.key
        ):
            return await continuation(handler_call_details)
        handler = await continuation(handler_call_details)
        if handler is None:
            return None
        if handler.stream_unary:  # a client stream (an import): refused before it is read
            return grpc.stream_unary_rpc_method_handler(_refuse)
        return grpc.unary_unary_rpc_method_handler(_refuse)


class MetricsInterceptor(grpc.aio.ServerInterceptor):
    async def intercept_service(
        self,
        continuation: Callable[
            [grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler[Any, Any] | None]
        ],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler[Any, Any] | None:
        handler = await continuation(handler_call_details)
        method = handler_call_details.method
        if handler is None or handler.unary_unary is None or method.startswith("/grpc."):
            return handler
        inner: Callable[..., Awaitable[Any]] = handler.unary_unary

        async def timed(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
            started = time.perf_counter()
            code = "OK"
            try:
                return await inner(request, context)
            except Exception:
                code = (context.code() or grpc.StatusCode.UNKNOWN).name
                raise
            finally:
                took = time.perf_counter() - started
                metrics.GRPC_REQUESTS.labels(method=method, code=code).inc()
                metrics.GRPC_LATENCY.labels(method=method).observe(took)
                # One line per call, inside the call's span: its trace id joins the caller's.
                rpc_log.info(
                    "rpc served", extra={"method": method, "code": code, "ms": round(took * 1e3, 2)}
                )

        return grpc.unary_unary_rpc_method_handler(
            timed,
            request_deserializer=handler.request_deserializer,
            response_serializer=handler.response_serializer,
        )


@dataclass(frozen=True, slots=True)
class GrpcService:
    """A servicer and how to add it: ``add(servicer, server)`` as generated."""

    full_name: str
    servicer: object
    add: Callable[[Any, grpc.aio.Server], None]


REFLECTION_V1 = "grpc.reflection.v1.ServerReflection"


def _serve_reflection(server: grpc.aio.Server, names: list[str]) -> None:
    """Server reflection as ``v1alpha`` and as ``v1``, which current grpcurl and Postman ask
    for first. The two protocols are the same messages field for field under another
    package, so one servicer answers both; the list names what can be described."""
    servicer = reflection.aio.ReflectionServicer(names)
    reflection_pb2_grpc.add_ServerReflectionServicer_to_server(servicer, server)
    server.add_generic_rpc_handlers(
        (
            grpc.method_handlers_generic_handler(
                REFLECTION_V1,
                {
                    "ServerReflectionInfo": grpc.stream_stream_rpc_method_handler(
                        servicer.ServerReflectionInfo,
                        request_deserializer=reflection_messages.ServerReflectionRequest.FromString,
                        response_serializer=reflection_messages.ServerReflectionResponse.SerializeToString,
                    )
                },
            ),
        )
    )


class GrpcServer:
    def __init__(self, services: Sequence[GrpcService], internal_key: str) -> None:
        self.services = services
        self.server = grpc.aio.server(
            options=SERVER_OPTIONS,
            interceptors=[TrustInterceptor(internal_key), MetricsInterceptor()],
        )
        self.health = health.aio.HealthServicer()
        health_pb2_grpc.add_HealthServicer_to_server(self.health, self.server)
        for svc in services:
            svc.add(svc.servicer, self.server)
        _serve_reflection(
            self.server,
            [s.full_name for s in services] + [health.SERVICE_NAME, reflection.SERVICE_NAME],
        )
        self.port = 0

    async def start(self, host: str, port: int) -> int:
        self.port = self.server.add_insecure_port(f"{host}:{port}")
        await self.server.start()
        await self.set_serving(True)
        return self.port

    async def set_serving(self, up: bool) -> None:
        """Every service's health (and the server's, ``""``) SERVING or NOT_SERVING."""
        status = (
            health_pb2.HealthCheckResponse.SERVING
            if up
            else health_pb2.HealthCheckResponse.NOT_SERVING
        )
        for name in ["", *(s.full_name for s in self.services)]:
            await self.health.set(name, status)

    async def stop(self, grace: float) -> None:
        await self.health.enter_graceful_shutdown()  # NOT_SERVING: load balancers stop sending
        await self.server.stop(grace)


def channel(target: str, *services: str) -> grpc.aio.Channel:
    """A client channel with raised message limits and transparent retries of the calls to
    ``services`` (every service the target serves: a method not named gets no retries)."""
    config = {
        "methodConfig": [
            {
                "name": [{"service": service} for service in services],
                "retryPolicy": {
                    "maxAttempts": 4,
                    "initialBackoff": "0.1s",
                    "maxBackoff": "1s",
                    "backoffMultiplier": 2,
                    "retryableStatusCodes": ["UNAVAILABLE"],
                },
            }
        ]
    }
    return grpc.aio.insecure_channel(
        target,
        options=[
            *_MESSAGE_OPTIONS,
            ("grpc.enable_retries", 1),
            ("grpc.service_config", json.dumps(config)),
            ("grpc.keepalive_time_ms", 30_000),
        ],
    )
