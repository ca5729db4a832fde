"""Calls partners' webhooks: signed, pinned to the addresses that were checked, retried
with back-off, dead-lettered after the retry window, paused when a webhook keeps failing.

Any number of deliverers (gateway replicas and their workers) share the queue in
PostgreSQL; each claims due rows with a lease (:class:`gateway.adapters.feed.FeedStore`).
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import logging
import socket
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit, urlunsplit

import httpx

from gateway.adapters.feed import Claim, FeedStore
from gateway.domain.feed import (
    FeedError,
    RetryPolicy,
    body_of,
    checked_addresses,
    checked_url,
    signature_header,
)

log = logging.getLogger(__name__)
USER_AGENT = "kmo-alert-webhooks/1"
Resolver = Callable[[str, int], Awaitable[list[str]]]
Floor = Callable[[], Awaitable[int | None]]


async def resolve(host: str, port: int) -> list[str]:
    if _literal(host):
        return [host.strip("[]")]
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


def _literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


class CachedResolver:
    """Names resolved at most every ``ttl`` seconds (a burst to one webhook does not ask
    DNS a thousand times); the answer is checked before every call all the same."""

    def __init__(self, resolver: Resolver = resolve, ttl: float = 10.0) -> None:
        self._resolve = resolver
        self._ttl = ttl
        self._cache: dict[tuple[str, int], tuple[float, list[str]]] = {}

    async def __call__(self, host: str, port: int) -> list[str]:
        now = time.monotonic()
        hit = self._cache.get((host, port))
        if hit is not None and hit[0] > now:
            return hit[1]
        addresses = await self._resolve(host, port)
        if len(self._cache) > 10_000:
            self._cache.clear()
        self._cache[(host, port)] = (now + self._ttl, addresses)
        return addresses


class Deliverer:
    def __init__(
        self,
        store: FeedStore,
        *,
        policy: RetryPolicy | None = None,
        allow_loopback: bool = False,
        concurrency: int = 64,
        timeout: float = 10.0,
        lease: timedelta = timedelta(seconds=30),
        poll_seconds: float = 1.0,
        resolver: Resolver = resolve,
        floor: Floor | None = None,
    ) -> None:
        self._store = store
        self._policy = policy or RetryPolicy()
        self._allow_loopback = allow_loopback
        self._concurrency = concurrency
        self._lease = lease
        self._poll = poll_seconds
        self._resolve = CachedResolver(resolver)
        self._floor = floor
        self._wake = asyncio.Event()
        self._client = httpx.AsyncClient(
            timeout=httpx.Timeout(timeout),
            follow_redirects=False,  # a redirect could lead anywhere: it is a failure
            limits=httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency),
            headers={"user-agent": USER_AGENT},
            trust_env=False,  # no proxy from the environment between us and the partner
        )

    def wake(self) -> None:
        """New deliveries were queued: look now instead of at the next poll."""
        self._wake.set()

    async def close(self) -> None:
        await self._client.aclose()

    async def run(self) -> None:
        """Work the queue until cancelled; a failed round is logged and retried."""
        eager = 0  # rounds to retry soon after a wake (the intake's acks may lag its bell)
        while True:
            try:
                busy = await self.deliver_due()
            except Exception:
                log.warning("webhook deliveries failed; trying again", exc_info=True)
                busy = 0
            if busy:
                eager = 0
                continue
            if eager > 0:
                eager -= 1
                await asyncio.sleep(0.02)
                continue
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self._poll)
                eager = 10

    async def deliver_due(self) -> int:
        """One round: claim what is due, call the webhooks concurrently, record the
        successes together (one transaction, not one per call); how many calls."""
        floor = await self._floor() if self._floor is not None else None
        claims = await self._store.claim(self._concurrency * 2, self._lease, floor)
        if not claims:
            return 0
        started = time.perf_counter()
        gate = asyncio.Semaphore(self._concurrency)

        async def one(claim: Claim) -> int | None:
            async with gate:
                return await self._attempt(claim)

        statuses = await asyncio.gather(*(one(c) for c in claims))
        by_status: dict[int, list[int]] = {}
        for claim, status in zip(claims, statuses, strict=True):
            if status is not None:
                by_status.setdefault(status, []).extend(claim.delivery_ids)
        for status, ids in by_status.items():
            await self._store.delivered(ids, status)
        log.info(
            "webhooks called",
            extra={
                "calls": len(claims),
                "delivered": sum(len(ids) for ids in by_status.values()),
                "ms": round((time.perf_counter() - started) * 1000, 1),
            },
        )
        return len(claims)

    async def _attempt(self, claim: Claim) -> int | None:
        """Call the webhook: its 2xx status, or None after recording the failure."""
        status: int | None = None
        try:
            status = await self._call(claim)
        except FeedError as exc:
            error = str(exc)
        except (httpx.HTTPError, OSError) as exc:  # OSError: the name did not resolve
            error = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        except Exception as exc:  # never let one webhook stop the round
            log.exception("webhook call failed", extra={"webhook": claim.webhook_id})
            error = f"internal error: {type(exc).__name__}"
        else:
            if 200 <= status < 300:
                return status
            error = f"the receiver answered HTTP {status}"
        now = datetime.now(UTC)
        first = claim.first_attempt_at or now
        if status == 410:  # Gone: the receiver asks us to stop
            await self._store.failed(
                claim, status, error, None, pause="the receiver answered 410 Gone"
            )
            return None
        retry_at = self._policy.next_attempt(first, now, claim.attempts + 1)
        await self._store.failed(claim, status, error, retry_at)
        log.info(
            "webhook failed",
            extra={
                "webhook": claim.webhook_id,
                "error": error,
                "retry_at": retry_at.isoformat() if retry_at else "dead letter",
            },
        )
        return None

    async def _call(self, claim: Claim) -> int:
        target = checked_url(claim.url, self._allow_loopback)
        # Resolve now and call the address we checked (a name that resolved to a public
        # address at registration may point inside our network by now).
        address = checked_addresses(
            await self._resolve(target.host, target.port), self._allow_loopback
        )[0]
        if len(claim.payloads) == 1 and not claim.digest:
            payload: object = claim.payloads[0]
            msg_id = str(claim.payloads[0]["id"])
        else:
            msg_id = f"digest_{claim.delivery_ids[0]}_{claim.delivery_ids[-1]}"
            payload = {
                "id": msg_id,
                "type": "risk.digest",
                "timestamp": datetime.now(UTC).isoformat(),
                "data": {"events": list(claim.payloads)},
            }
        body = body_of(payload)
        timestamp = int(time.time())
        parts = urlsplit(target.url)
        host = f"[{address}]" if ":" in address else address
        netloc = f"{host}:{parts.port}" if parts.port else host
        request = self._client.build_request(
            "POST",
            urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, "")),
            content=body,
            headers={
                "host": parts.netloc.rpartition("@")[2],
                "content-type": "application/json",
                "webhook-id": msg_id,
                "webhook-timestamp": str(timestamp),
                "webhook-signature": signature_header(claim.secrets, msg_id, timestamp, body),
            },
            extensions={"sni_hostname": target.host},
        )
        # The answer's body is never read: a receiver cannot make us hold a large one.
        response = await self._client.send(request, stream=True)
        await response.aclose()
        return response.status_code
