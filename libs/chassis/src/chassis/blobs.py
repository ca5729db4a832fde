"""Large payloads by reference: a JetStream object store bucket per owner.

A 10 MB document never rides in an event (NATS caps messages at 1 MB): the
owner puts the bytes here under a key and the event carries the key. The
owner creates the bucket; readers bind to it, waiting until it exists.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

import nats.js.errors
from nats.js.api import ObjectStoreConfig, StorageType
from nats.js.client import JetStreamContext
from nats.js.object_store import ObjectStore

from chassis.messaging import Namespace

log = logging.getLogger(__name__)


class BlobStore:
    def __init__(self, store: ObjectStore) -> None:
        self._store = store

    @classmethod
    async def create(
        cls, js: JetStreamContext, ns: Namespace, bucket: str, *, ttl_seconds: float
    ) -> BlobStore:
        name = ns.stream(bucket)
        try:
            store = await js.create_object_store(
                name, config=ObjectStoreConfig(ttl=ttl_seconds, storage=StorageType.FILE)
            )
        except nats.js.errors.BadRequestError:
            store = await js.object_store(name)  # exists already (another replica)
        return cls(store)

    @classmethod
    async def bind(cls, js: JetStreamContext, ns: Namespace, bucket: str) -> BlobStore:
        name = ns.stream(bucket)
        while True:
            try:
                return cls(await js.object_store(name))
            except nats.js.errors.NotFoundError:
                log.info("waiting for object store %s", name)
                await asyncio.sleep(1)

    async def put(self, key: str, data: bytes) -> None:
        await self._store.put(key, data)

    async def get(self, key: str) -> bytes | None:
        """The bytes, or None when the key was never stored or is deleted."""
        try:
            result = await self._store.get(key)
        except (nats.js.errors.ObjectNotFoundError, nats.js.errors.ObjectDeletedError):
            return None
        return bytes(result.data or b"")

    async def delete(self, key: str) -> None:
        # Deleting twice is fine: the bytes are gone either way.
        with contextlib.suppress(
            nats.js.errors.ObjectNotFoundError, nats.js.errors.ObjectDeletedError
        ):
            await self._store.delete(key)
