"""gRPC plumbing: the asyncio server (health, reflection, metrics), channels, errors.

A service hands the server its own interceptors (``GrpcServer(services, interceptors)``,
from its ``Wiring``); they run before the metrics interceptor, in the order given.
Machine-readable error codes travel in the ``kmo-error-code`` trailing metadata
(:func:`abort`, :func:`error_code`) so the gateway can turn them into typed GraphQL
errors.
"""

from __future__ import annotations

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

ERROR_CODE_KEY = "kmo-error-code"


async def abort(
    context: grpc.aio.ServicerContext[Any, Any], status: grpc.StatusCode, code: str, message: str
) -> NoReturn:
    context.set_trailing_metadata(((ERROR_CODE_KEY, code),))
    await context.abort(status, message)
    raise AssertionError("unreachable: abort raises")


def error_code(error: grpc.aio.AioRpcError) -> str | None:
    for key, value in error.trailing_metadata() or ():
        if key == ERROR_CODE_KEY and isinstance(value, str):
            return value
    return None


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
    def __init__(
        self,
        services: Sequence[GrpcService],
        interceptors: Sequence[grpc.aio.ServerInterceptor] = (),
    ) -> None:
        self.services = services
        self.server = grpc.aio.server(
            options=SERVER_OPTIONS, interceptors=[*interceptors, MetricsInterceptor()]
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
