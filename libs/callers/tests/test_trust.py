"""A service's gRPC server with the trust interceptor: unsigned calls are refused, scopes
are enforced, and health stays open. A real ``grpc.aio`` server on port 0, no proto."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import grpc
import grpc.aio
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from callers import Caller, TrustInterceptor, require
from chassis.grpc_server import GrpcServer, error_code

KEY = "k" * 32
METHOD = "/test.v1.Who/Am"


async def who_am_i(request: bytes, context: grpc.aio.ServicerContext[Any, Any]) -> bytes:
    who = await require(context, "risk:read")
    return (who.tenant_id or "").encode()


@pytest.fixture(scope="module")
async def channel() -> AsyncIterator[grpc.aio.Channel]:
    server = GrpcServer([], interceptors=[TrustInterceptor(KEY)])
    # No serializers: the method takes and returns raw bytes.
    handlers: dict[str, grpc.RpcMethodHandler[bytes, bytes]] = {
        "Am": grpc.unary_unary_rpc_method_handler(who_am_i)
    }
    server.server.add_generic_rpc_handlers(
        (grpc.method_handlers_generic_handler("test.v1.Who", handlers),)
    )
    port = await server.start("127.0.0.1", 0)
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as ch:
        yield ch
    await server.stop(0)


async def call(channel: grpc.aio.Channel, metadata: tuple[tuple[str, str], ...]) -> bytes:
    am: grpc.aio.UnaryUnaryMultiCallable[bytes, bytes] = channel.unary_unary(METHOD)
    return await am(b"", metadata=metadata, timeout=5)


async def test_a_signed_caller_with_the_scope_is_served(channel: grpc.aio.Channel) -> None:
    member = Caller("m-1", frozenset({"risk:read"})).metadata(KEY)
    operator = Caller("m-2", frozenset({"admin"})).metadata(KEY)  # admin holds every scope

    assert await call(channel, member) == b"m-1"
    assert await call(channel, operator) == b"m-2"


async def test_an_unsigned_or_foreign_caller_is_refused(channel: grpc.aio.Channel) -> None:
    unsigned = (("kmo-tenant-id", "m-1"), ("kmo-scopes", "admin"))
    foreign = Caller("m-1", frozenset({"risk:read"})).metadata("x" * 32)
    for metadata in (unsigned, foreign, ()):
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await call(channel, metadata)
        assert refused.value.code() == grpc.StatusCode.UNAUTHENTICATED
        assert error_code(refused.value) == "unsigned_call"


async def test_a_missing_scope_or_tenant_is_forbidden(channel: grpc.aio.Channel) -> None:
    cases = {
        Caller("m-1", frozenset({"invoices:read"})): "forbidden",
        Caller(None, frozenset({"risk:read"})): "no_tenant",
    }
    for who, code in cases.items():
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await call(channel, who.metadata(KEY))
        assert refused.value.code() == grpc.StatusCode.PERMISSION_DENIED
        assert error_code(refused.value) == code


async def test_probes_reach_the_health_service_unsigned(channel: grpc.aio.Channel) -> None:
    served = await health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest())
    assert served.status == health_pb2.HealthCheckResponse.SERVING
