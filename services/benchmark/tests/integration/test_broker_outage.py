"""A service without its broker says so: its gRPC health turns NOT_SERVING while NATS is
down and SERVING again once it is back, so the orchestrator routes around it."""

from __future__ import annotations

import asyncio
from pathlib import Path

import grpc.aio
from grpc_health.v1 import health_pb2, health_pb2_grpc

from benchmark import bootstrap
from benchmark.settings import Settings
from chassis.run import started
from devstack.servers import NatsServer
from devstack.testing import Databases

SERVING = health_pb2.HealthCheckResponse.SERVING
NOT_SERVING = health_pb2.HealthCheckResponse.NOT_SERVING


async def status(stub: health_pb2_grpc.HealthStub) -> int:
    reply = await stub.Check(health_pb2.HealthCheckRequest(service=""), timeout=5)
    return int(reply.status)


async def until(stub: health_pb2_grpc.HealthStub, wanted: int) -> None:
    """Poll Check until it reports ``wanted`` (the asyncio health servicer's Watch fails
    with a TypeError in grpcio-health-checking 1.85, so there is no stream to follow)."""
    async with asyncio.timeout(20):
        while await status(stub) != wanted:  # noqa: ASYNC110
            await asyncio.sleep(0.1)


async def test_health_follows_the_broker_down_and_back(
    databases: Databases, scratch_dir: Path
) -> None:
    own = NatsServer.start(scratch_dir / "outage-nats", scratch_dir / "outage-nats.log")
    port = int(own.url.rsplit(":", 1)[1])
    settings = Settings(
        database_url=databases.fresh("benchmark_outage"),
        nats_url=own.url,
        grpc_host="127.0.0.1",
        grpc_port=0,
        shutdown_grace_seconds=1.0,
    )
    try:
        async with (
            started(bootstrap.build(), settings) as running,
            grpc.aio.insecure_channel(f"127.0.0.1:{running.grpc_port}") as channel,
        ):
            stub = health_pb2_grpc.HealthStub(channel)
            assert await status(stub) == SERVING
            own.stop()
            await until(stub, NOT_SERVING)
            own = NatsServer.start(
                scratch_dir / "outage-nats", scratch_dir / "outage-nats.log", port=port
            )
            await until(stub, SERVING)
    finally:
        own.stop()


async def test_a_service_whose_broker_is_gone_still_stops_within_its_grace(
    databases: Databases, scratch_dir: Path
) -> None:
    own = NatsServer.start(scratch_dir / "gone-nats", scratch_dir / "gone-nats.log")
    settings = Settings(
        database_url=databases.fresh("benchmark_gone"),
        nats_url=own.url,
        grpc_host="127.0.0.1",
        grpc_port=0,
        shutdown_grace_seconds=1.0,
    )
    try:
        loop = asyncio.get_running_loop()
        async with asyncio.timeout(30):  # a hung shutdown fails here, not in CI's limit
            async with started(bootstrap.build(), settings) as running:
                assert running.grpc_port
                own.stop()
                await asyncio.sleep(3)  # the client has noticed and keeps reconnecting
                stopping = loop.time()
            took = loop.time() - stopping
    finally:
        own.stop()

    # Every shutdown step is bounded by the grace: gRPC, tasks, NATS, closers.
    assert took < 4 * settings.shutdown_grace_seconds + 1, took
