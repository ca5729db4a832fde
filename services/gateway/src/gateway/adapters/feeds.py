"""Plain NATS subscriptions to one subject of protobuf events, on every gateway replica.

Each replica must see every event (its own WebSocket clients, its own cache), so this is a
core NATS subscription on the subject a service publishes to through JetStream, not a
shared durable consumer. An event that cannot be decoded is logged and skipped.
"""

from __future__ import annotations

import contextlib
import logging

from google.protobuf.message import Message
from nats.aio.client import Client as NATS
from nats.aio.msg import Msg
from nats.aio.subscription import Subscription

from chassis.events import HEADER_EVENT_TYPE, EventRegistry, UndecodableEvent
from chassis.messaging import Namespace

log = logging.getLogger(__name__)


class EventFeed:
    """Subclasses name the ``subject`` and its ``registry`` and handle each event."""

    subject = ""
    registry: EventRegistry

    def __init__(self) -> None:
        self._sub: Subscription | None = None

    async def start(self, nc: NATS, ns: Namespace) -> None:
        self._sub = await nc.subscribe(ns.subject(self.subject), cb=self._receive)

    async def stop(self) -> None:
        if self._sub is not None:
            with contextlib.suppress(Exception):
                await self._sub.unsubscribe()

    async def _receive(self, msg: Msg) -> None:
        try:
            event = self.registry.decode((msg.headers or {}).get(HEADER_EVENT_TYPE, ""), msg.data)
        except UndecodableEvent:
            log.warning("ignored an undecodable event", extra={"subject": self.subject})
            return
        self.handle(event)

    def handle(self, event: Message) -> None:
        raise NotImplementedError
