"""Transactional outbox: events are rows written with the state change, then relayed.

A producer calls :func:`write` inside the transaction that changes its state;
:class:`OutboxRelay` publishes the rows to JetStream with ``Nats-Msg-Id`` set
to the event id (the server drops duplicates inside its window) and marks them
sent. Consumers remember processed event ids with :func:`claim`, so a
redelivered message is acknowledged without being applied twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from nats.js.client import JetStreamContext
from opentelemetry import propagate
from opentelemetry.trace import SpanKind
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chassis import metrics
from chassis.db import TransactionUnitOfWork, driver_connection
from chassis.events import HEADER_EVENT_TYPE, HEADER_MSG_ID, HEADER_SCHEMA_VERSION, OutgoingEvent
from chassis.messaging import Namespace
from chassis.telemetry import tracer

log = logging.getLogger(__name__)


def outbox_table(metadata: sa.MetaData) -> sa.Table:
    return sa.Table(
        "outbox",
        metadata,
        sa.Column("seq", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("event_id", sa.String(64), nullable=False, unique=True),
        sa.Column("subject", sa.String(255), nullable=False),
        sa.Column("event_type", sa.String(255), nullable=False),
        sa.Column("schema_version", sa.Integer, nullable=False),
        sa.Column("payload", sa.LargeBinary, nullable=False),
        sa.Column("headers", postgresql.JSONB, nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        sa.Column("published_at", sa.DateTime(timezone=True)),
        sa.Index("ix_outbox_unpublished", "seq", postgresql_where=sa.text("published_at IS NULL")),
    )


def processed_events_table(metadata: sa.MetaData) -> sa.Table:
    return sa.Table(
        "processed_events",
        metadata,
        sa.Column("consumer", sa.String(64), primary_key=True),
        sa.Column("event_id", sa.String(64), primary_key=True),
        sa.Column(
            "processed_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
    )


_INSERT_MANY = sa.text(
    "INSERT INTO outbox (event_id, subject, event_type, schema_version, payload, headers) "
    "SELECT e, s, t, v, p, CAST(:headers AS jsonb) FROM unnest("
    "CAST(:event_ids AS varchar[]), CAST(:subjects AS varchar[]), CAST(:event_types AS varchar[]), "
    "CAST(:versions AS integer[]), CAST(:payloads AS bytea[])) AS u(e, s, t, v, p)"
)


_COPY = "COPY outbox (event_id, subject, event_type, schema_version, payload, headers) FROM STDIN"
COPY_FROM = 64  # events: from this many on a write is a COPY


class Outbox:
    """The outbox and processed-event tables of one service's metadata."""

    def __init__(self, metadata: sa.MetaData) -> None:
        self.table = outbox_table(metadata)
        self.processed = processed_events_table(metadata)

    async def write(self, session: AsyncSession, events: Iterable[OutgoingEvent]) -> int:
        """Stage events in the caller's transaction, with the current trace context."""
        staged = list(events)
        if not staged:
            return 0
        headers: dict[str, str] = {}
        propagate.inject(headers)
        if len(staged) >= COPY_FROM:  # an import's thousands: COPY, twice the speed of arrays
            trace = json.dumps(headers)
            pg = await driver_connection(session)
            async with pg.cursor() as cur, cur.copy(_COPY) as copy:
                for e in staged:
                    await copy.write_row(
                        (e.event_id, e.subject, e.event_type, e.schema_version, e.payload, trace)
                    )
            return len(staged)
        # One statement over arrays: a batch of 500 costs about what one row does,
        # where executemany pays per row.
        await session.execute(
            _INSERT_MANY.bindparams(
                event_ids=[e.event_id for e in staged],
                subjects=[e.subject for e in staged],
                event_types=[e.event_type for e in staged],
                versions=[e.schema_version for e in staged],
                payloads=[e.payload for e in staged],
                headers=json.dumps(headers),
            )
        )
        return len(staged)

    async def claim(self, session: AsyncSession, consumer: str, event_id: str) -> bool:
        """Record that ``consumer`` processes ``event_id``; False if it already did.

        Runs in the consumer's transaction: if the state change rolls back, so
        does the claim, and the redelivery is applied.
        """
        stmt = (
            postgresql.insert(self.processed)
            .values(consumer=consumer, event_id=event_id)
            .on_conflict_do_nothing()
            .returning(self.processed.c.event_id)
        )
        return (await session.execute(stmt)).first() is not None

    async def claim_many(
        self, session: AsyncSession, consumer: str, event_ids: Sequence[str]
    ) -> set[str]:
        """The ids among ``event_ids`` this consumer had not processed yet, now claimed."""
        if not event_ids:
            return set()
        # One statement over an array: its text is the same for every batch size.
        rows = await session.execute(
            sa.text(
                f"INSERT INTO {self.processed.name} (consumer, event_id) "
                "SELECT :consumer, e FROM unnest(CAST(:ids AS varchar[])) AS e "
                "ON CONFLICT DO NOTHING RETURNING event_id"
            ),
            {"consumer": consumer, "ids": list(dict.fromkeys(event_ids))},
        )
        return {row.event_id for row in rows}

    async def forget(self, session: AsyncSession, needle: bytes) -> tuple[int, int]:
        """Delete the published rows whose payload contains ``needle`` (an erasure: no row
        may keep naming who was erased); (deleted, still unpublished that contain it)."""
        name, found = self.table.name, "position(CAST(:needle AS bytea) IN payload) > 0"
        # Count first, delete second: when the count finds none unpublished, every row that
        # names the needle was published before the delete looked, so the delete takes them
        # all (the other order misses a row the relay marks between the two).
        pending = await session.execute(
            sa.text(f"SELECT count(*) FROM {name} WHERE published_at IS NULL AND {found}"),
            {"needle": needle},
        )
        deleted = await session.execute(
            sa.text(f"DELETE FROM {name} WHERE published_at IS NOT NULL AND {found}"),
            {"needle": needle},
        )
        return int(deleted.rowcount or 0), int(pending.scalar_one())  # type: ignore[attr-defined]

    async def forget_once_published(
        self, sessions: async_sessionmaker[AsyncSession], needle: bytes, wait_seconds: float
    ) -> bool:
        """``forget`` until nothing naming ``needle`` waits for the relay (at most
        ``wait_seconds``); False when the relay had not published it all by then."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + wait_seconds
        while True:
            async with sessions.begin() as session:
                _, pending = await self.forget(session, needle)
            if pending == 0:
                return True
            if loop.time() > deadline:
                return False
            await asyncio.sleep(0.2)


class OutboxRelay:
    """Publishes staged events in order; several replicas may run at once."""

    def __init__(
        self,
        outbox: Outbox,
        sessions: async_sessionmaker[AsyncSession],
        js: JetStreamContext,
        namespace: Namespace,
        *,
        batch_size: int = 200,
        poll_seconds: float = 1.0,
        keep_published: timedelta = timedelta(days=1),
    ) -> None:
        self._outbox = outbox
        self._sessions = sessions
        self._js = js
        self._ns = namespace
        self._batch = batch_size
        self._poll = poll_seconds
        self._keep = keep_published
        self._wake = asyncio.Event()
        self._last_purge = datetime.min.replace(tzinfo=UTC)

    def notify(self) -> None:
        """Wake the relay after a commit that staged events (no waiting for the poll)."""
        self._wake.set()

    async def run(self) -> None:
        while True:
            try:
                sent = await self.publish_pending()
                await self._purge_if_due()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("outbox relay failed; retrying")
                sent = 0
            if sent < self._batch:
                # Poll as well as wait: rows may come from another replica or
                # from before a crash.
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), self._poll)
                self._wake.clear()

    async def publish_pending(self) -> int:
        t = self._outbox.table
        async with self._sessions() as session, session.begin():
            rows = (
                await session.execute(
                    sa.select(
                        t.c.seq,
                        t.c.event_id,
                        t.c.subject,
                        t.c.event_type,
                        t.c.schema_version,
                        t.c.payload,
                        t.c.headers,
                    )
                    .where(t.c.published_at.is_(None))
                    .order_by(t.c.seq)
                    .limit(self._batch)
                    .with_for_update(skip_locked=True)
                )
            ).all()
            # Pipelined: every publish goes out, then all acks are awaited
            # (several times faster than one round trip each). Any failure
            # rolls the batch back; re-published rows are dropped as
            # duplicates by their Nats-Msg-Id.
            acks = await self._publish_all(rows)
            if acks:
                await asyncio.wait_for(asyncio.gather(*acks), timeout=30)
                for row in rows:
                    metrics.EVENTS_PUBLISHED.labels(subject=str(row.subject)).inc()
            if rows:
                await session.execute(
                    sa.text(
                        f"UPDATE {t.name} SET published_at = now() "
                        "WHERE seq = ANY(CAST(:seqs AS bigint[]))"
                    ),
                    {"seqs": [r.seq for r in rows]},
                )
        return len(rows)

    async def _publish_all(self, rows: Sequence[Any]) -> list[asyncio.Future[Any]]:
        """One PRODUCER span per run of rows staged by the same trace for the same subject
        (a consumer's batch stages hundreds of ``score.updated`` at once): each message
        still carries its own ``traceparent``, of that span."""
        acks: list[asyncio.Future[Any]] = []
        i = 0
        while i < len(rows):
            first = rows[i]
            key = (first.headers.get("traceparent"), first.subject)
            j = i + 1
            while j < len(rows) and (rows[j].headers.get("traceparent"), rows[j].subject) == key:
                j += 1
            group = rows[i:j]
            subject = self._ns.subject(str(first.subject))
            attributes: dict[str, Any] = {
                "messaging.system": "nats",
                "messaging.destination.name": subject,
            }
            if len(group) == 1:
                attributes["messaging.message.id"] = str(first.event_id)
            else:
                attributes["messaging.batch.message_count"] = len(group)
            with tracer().start_as_current_span(
                f"{first.subject} publish",
                context=propagate.extract(dict(first.headers)),
                kind=SpanKind.PRODUCER,
                attributes=attributes,
            ):
                trace_headers: dict[str, str] = {}
                propagate.inject(trace_headers)
                for row in group:
                    headers = {
                        HEADER_MSG_ID: str(row.event_id),
                        HEADER_EVENT_TYPE: str(row.event_type),
                        HEADER_SCHEMA_VERSION: str(row.schema_version),
                        **trace_headers,
                    }
                    acks.append(
                        await self._js.publish_async(subject, bytes(row.payload), headers=headers)
                    )
            i = j
        return acks

    async def _purge_if_due(self) -> None:
        now = datetime.now(UTC)
        if now - self._last_purge < timedelta(minutes=5):
            return
        self._last_purge = now
        t = self._outbox.table
        async with self._sessions() as session, session.begin():
            await session.execute(
                sa.delete(t).where(
                    t.c.published_at.is_not(None), t.c.published_at < now - self._keep
                )
            )


class OutboxUnitOfWork(TransactionUnitOfWork):
    """One transaction per ``async with``: state changes and their events commit together.

    A service subclasses it with its repositories (properties over ``self.session``) and
    a ``commit`` that turns its aggregates' events into outgoing events and calls
    :meth:`commit_events`.
    """

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        outbox: Outbox,
        notify: Callable[[], None] = lambda: None,
    ) -> None:
        super().__init__(sessions)
        self._outbox = outbox
        self._notify = notify

    async def commit_events(self, events: Sequence[OutgoingEvent]) -> None:
        await self._outbox.write(self.session, events)
        await self.session.commit()
        if events:
            self._notify()  # the relay publishes now instead of at its next poll
