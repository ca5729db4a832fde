"""Document notices from NATS, fanned out to this replica's GraphQL subscribers.

Every gateway replica must see every notice to push it to its own WebSocket
clients, so this is a plain (core NATS) subscription on the subject that
ingest publishes to through JetStream, not a shared queue. Subscribers get
only their own tenant's notices; a slow subscriber loses the oldest ones
rather than holding memory.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import AsyncIterator

from google.protobuf.message import Message

from chassis.events import EventRegistry
from gateway.adapters.feeds import EventFeed
from kmo.ingest.v1 import events_pb2

NOTICES = EventRegistry(events_pb2.DocumentProcessed)
QUEUE_SIZE = 100


class DocumentNotices(EventFeed):
    subject = "document.processed"
    registry = NOTICES

    def __init__(self) -> None:
        super().__init__()
        self._listeners: dict[str, set[asyncio.Queue[events_pb2.DocumentProcessed]]] = defaultdict(
            set
        )

    def handle(self, notice: Message) -> None:
        assert isinstance(notice, events_pb2.DocumentProcessed)
        for queue in list(self._listeners.get(notice.tenant_id, ())):
            if queue.full():
                queue.get_nowait()
            queue.put_nowait(notice)

    async def listen(
        self, tenant_id: str, until: asyncio.Event | None = None
    ) -> AsyncIterator[events_pb2.DocumentProcessed]:
        """The tenant's notices as they come, until ``until`` is set (a revoked key)."""
        queue: asyncio.Queue[events_pb2.DocumentProcessed] = asyncio.Queue(QUEUE_SIZE)
        self._listeners[tenant_id].add(queue)
        stop = asyncio.ensure_future((until or asyncio.Event()).wait())
        try:
            while True:
                get = asyncio.ensure_future(queue.get())
                await asyncio.wait({get, stop}, return_when=asyncio.FIRST_COMPLETED)
                if stop.done():
                    get.cancel()
                    return
                yield get.result()
        finally:
            stop.cancel()
            self._listeners[tenant_id].discard(queue)
            if not self._listeners[tenant_id]:
                del self._listeners[tenant_id]
