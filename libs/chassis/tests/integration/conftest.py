"""Real PostgreSQL and JetStream for the chassis: an outbox database and a namespaced stream."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
import sqlalchemy as sa
from nats.aio.client import Client as NATS
from nats.js.client import JetStreamContext
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chassis import db, messaging
from chassis.messaging import Namespace, StreamSpec
from chassis.outbox import Outbox, OutboxRelay
from devstack.testing import Databases

metadata = sa.MetaData()
outbox = Outbox(metadata)
# What a consumer's handler changes, next to its claim on the event.
ledger = sa.Table(
    "ledger",
    metadata,
    sa.Column("event_id", sa.String(64), primary_key=True),
    sa.Column("note", sa.String(64), nullable=False),
)

STREAM = StreamSpec("EVENTS", ["invoice.>", "risk.changed.>"], max_age_seconds=3600)


@dataclass
class Bus:
    nc: NATS
    js: JetStreamContext
    ns: Namespace
    stream: str


@dataclass
class Store:
    outbox: Outbox
    ledger: sa.Table
    sessions: async_sessionmaker[AsyncSession]


@pytest.fixture(scope="module")
async def sessions(databases: Databases) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    url = databases.fresh("chassis")
    sync = sa.create_engine(url, poolclass=sa.NullPool)
    metadata.create_all(sync)
    sync.dispose()
    engine = db.create_engine(url, pool_size=4)
    yield db.session_factory(engine)
    await engine.dispose()


@pytest.fixture
async def store(sessions: async_sessionmaker[AsyncSession]) -> Store:
    async with sessions.begin() as session:
        await session.execute(sa.text("TRUNCATE outbox, processed_events, ledger"))
    return Store(outbox, ledger, sessions)


@pytest.fixture
async def bus(nats_url: str, nats_namespace: str) -> AsyncIterator[Bus]:
    """A stream of its own per test: a namespace nothing else publishes into."""
    nc = await messaging.connect(nats_url, "chassis-tests")
    js = nc.jetstream()
    ns = Namespace(f"{nats_namespace}ch{uuid.uuid4().hex[:6]}")
    await messaging.ensure_stream(js, ns, STREAM)
    yield Bus(nc, js, ns, ns.stream(STREAM.name))
    await js.delete_stream(ns.stream(STREAM.name))
    await nc.close()


@pytest.fixture
def relay(store: Store, bus: Bus) -> OutboxRelay:
    return OutboxRelay(store.outbox, store.sessions, bus.js, bus.ns, poll_seconds=0.1)
