"""Composition root: builds the ASGI app (``uvicorn gateway.bootstrap:create_app --factory``)."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from collections.abc import AsyncIterator
from datetime import timedelta

from nats.aio.client import Client as NATS
from opentelemetry.instrumentation.asgi import OpenTelemetryMiddleware
from opentelemetry.sdk.trace import TracerProvider
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.types import ASGIApp
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL

from chassis import db, messaging
from chassis.run import GC_THRESHOLD
from chassis.telemetry import setup_telemetry
from gateway.adapters.clients import connect_backends
from gateway.adapters.deliverer import Deliverer
from gateway.adapters.feed import FeedStore
from gateway.adapters.keys import KeyStore
from gateway.adapters.notices import DocumentNotices
from gateway.adapters.profiles import ProfileCache
from gateway.adapters.risk_feed import PartnerFeed, ack_floor, intake
from gateway.adapters.tables import MIGRATIONS
from gateway.domain.feed import RetryPolicy
from gateway.entrypoints.graphql.schema import schema
from gateway.entrypoints.http import (
    MULTIPART_FRAMING,
    GatewayGraphQL,
    TokenBuckets,
    edge_middleware,
)
from gateway.entrypoints.web import web_routes
from gateway.settings import Settings

log = logging.getLogger(__name__)


async def healthz(_: Request) -> Response:
    return JSONResponse({"status": "ok"})


async def metrics(_: Request) -> Response:
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)


async def readyz(request: Request) -> Response:
    """Ready once started and while NATS is connected (subscriptions and the profile
    cache's freshness depend on it)."""
    state = request.app.state
    started = getattr(state, "ready", False)
    nc = getattr(state, "nc", None)
    broker = nc is not None and nc.is_connected
    ready = started and broker
    return JSONResponse({"ready": ready, "broker": broker}, status_code=200 if ready else 503)


async def _start_feed(
    app: Starlette,
    settings: Settings,
    engine: AsyncEngine,
    nc: NATS,
    ns: messaging.Namespace,
) -> list[asyncio.Task[None]]:
    """The partner feed's store for the API and, unless turned off, its intake consumer,
    deliverer and pruning in this process."""
    store = FeedStore(db.session_factory(engine))
    js = nc.jetstream()
    app.state.deliverer = None
    if not settings.partner_feed:
        app.state.feed = PartnerFeed(store, js, ns, settings.webhook_allow_loopback)
        return []
    deliverer = Deliverer(
        store,
        policy=RetryPolicy(
            base=timedelta(seconds=settings.webhook_retry_base_seconds),
            cap=timedelta(seconds=settings.webhook_retry_cap_seconds),
            give_up_after=timedelta(seconds=settings.webhook_retry_window_seconds),
        ),
        allow_loopback=settings.webhook_allow_loopback,
        concurrency=settings.webhook_concurrency,
        timeout=settings.webhook_timeout_seconds,
        lease=timedelta(seconds=settings.webhook_lease_seconds),
        floor=ack_floor(js, ns),
    )
    app.state.deliverer = deliverer
    app.state.feed = PartnerFeed(
        store, js, ns, settings.webhook_allow_loopback, wake=deliverer.wake
    )
    retention = timedelta(days=settings.feed_retention_days)

    async def prune() -> None:
        while True:
            try:
                await store.prune(retention)
            except Exception:
                log.warning("could not prune the partner feed", exc_info=True)
            await asyncio.sleep(3600)

    return [
        asyncio.create_task(messaging.run_consumer(js, ns, intake(store, deliverer.wake))),
        asyncio.create_task(deliverer.run()),
        asyncio.create_task(prune()),
    ]


def create_app(
    settings: Settings | None = None, tracer_provider: TracerProvider | None = None
) -> ASGIApp:
    settings = settings or Settings()
    internal_key = settings.require_internal_key()
    setup_telemetry("gateway", settings.otlp_endpoint, tracer_provider)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await db.migrate(MIGRATIONS, settings.database_url)
        engine = db.create_engine(settings.database_url)
        app.state.keys = KeyStore(db.session_factory(engine))
        app.state.backends = connect_backends(
            settings.ingest_addr, settings.scoring_addr, settings.benchmark_addr, settings.ocr_addr
        )
        app.state.internal_key = internal_key
        app.state.rpc_timeout = settings.rpc_timeout_seconds
        app.state.max_document_bytes = settings.max_document_bytes
        app.state.max_import_bytes = settings.max_import_bytes
        # With the IDE off, the schema is shown only to keys that hold a scope.
        app.state.introspection_open = settings.graphiql
        nc = await messaging.connect(settings.nats_url, "gateway")
        app.state.nc = nc
        ns = messaging.Namespace(settings.nats_namespace)
        app.state.notices = DocumentNotices()
        await app.state.notices.start(nc, ns)
        app.state.profiles = ProfileCache(ttl=settings.profile_cache_seconds)
        if settings.profile_cache_seconds > 0:
            await app.state.profiles.start(nc, ns)
        else:
            app.state.profiles = None
        revocations = asyncio.create_task(app.state.keys.watch_revocations())
        feed_tasks = await _start_feed(app, settings, engine, nc, ns)
        # As the chassis does for the services: a request allocates thousands of small
        # objects, and a larger first generation keeps the collector's pauses out of the
        # tail latency; what start-up made lives as long as the process.
        gc.set_threshold(GC_THRESHOLD, 50, 100)
        gc.freeze()
        app.state.ready = True
        try:
            yield
        finally:
            app.state.ready = False
            revocations.cancel()
            for task in feed_tasks:
                task.cancel()
            await asyncio.gather(*feed_tasks, return_exceptions=True)
            if app.state.deliverer is not None:
                await app.state.deliverer.close()
            await app.state.notices.stop()
            if app.state.profiles is not None:
                await app.state.profiles.stop()
            await nc.drain()
            await app.state.backends.close()
            await engine.dispose()

    graphql = GatewayGraphQL(
        schema,
        graphql_ide="graphiql" if settings.graphiql else None,
        multipart_uploads_enabled=True,
        allowed_origins=settings.allowed_origins,
        # Only the current protocol: the legacy one allowed skipping
        # connection_init, i.e. authentication.
        subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
    )
    graphql.time_budget = settings.request_budget_seconds
    app = Starlette(
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST"]),
            WebSocketRoute("/graphql", graphql),
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            Route("/metrics", metrics),
            *web_routes(settings.web_dir),
        ],
        middleware=edge_middleware(
            max_bytes=settings.max_request_bytes,
            max_multipart_bytes=max(
                settings.max_request_bytes, settings.max_import_bytes + MULTIPART_FRAMING
            ),
            keyed=TokenBuckets(settings.rate_per_second, settings.rate_burst),
            anonymous=TokenBuckets(
                settings.anonymous_rate_per_second, settings.anonymous_rate_burst
            ),
        ),
        lifespan=lifespan,
    )
    return OpenTelemetryMiddleware(app, exclude_spans=["receive", "send"])
