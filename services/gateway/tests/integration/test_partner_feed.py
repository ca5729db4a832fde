"""The partner feed against real PostgreSQL, real NATS and a real HTTP receiver on
loopback: what is queued for whom, signed deliveries in order per debtor, retries, dead
letters and pausing, leases after a crash, revocation, SSRF at call time, rotation,
digests, and the intake and replay consumers on the RISK stream."""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import nats
import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chassis import db, messaging
from devstack.risk_events import publish, risk_changed
from devstack.samples import belgian_vat
from devstack.testing import Databases
from devstack.webhooks import Receiver, receiving
from gateway.adapters.deliverer import Deliverer, Floor, Resolver, resolve
from gateway.adapters.feed import FeedStore
from gateway.adapters.keys import KeyStore
from gateway.adapters.risk_feed import ack_floor, change_of, intake, replay
from gateway.adapters.tables import MIGRATIONS, deliveries
from gateway.domain.feed import RetryPolicy, RiskChange, Watchlist, verify
from gateway.domain.model import Principal
from kmo.scoring.v1 import events_pb2

Sessions = async_sessionmaker[AsyncSession]
FAST = RetryPolicy(
    base=timedelta(milliseconds=20),
    cap=timedelta(milliseconds=100),
    give_up_after=timedelta(seconds=30),
)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with receiving() as rec:
        yield rec


def events(rec: Receiver, secret: str) -> list[dict[str, Any]]:
    return rec.events(verify, secret)


@pytest.fixture(scope="module")
async def sessions(databases: Databases) -> AsyncIterator[Sessions]:
    url = databases.fresh("gateway")
    db.upgrade_to_head(MIGRATIONS, url)
    engine = db.create_engine(url, pool_size=8)
    yield db.session_factory(engine)
    await engine.dispose()


@pytest.fixture
def store(sessions: Sessions) -> FeedStore:
    return FeedStore(sessions)


@pytest.fixture
def keys(sessions: Sessions) -> KeyStore:
    return KeyStore(sessions)


@pytest.fixture
async def partner(store: FeedStore, keys: KeyStore) -> Principal:
    p = await keys.ensure_partner(f"Kredietverzekeraar {uuid.uuid4().hex[:8]}")
    key = await keys.create_key(None, "feed", frozenset({"risk:subscribe"}), partner_id=p.id)
    principal = await keys.authenticate(key.secret)
    assert principal is not None and principal.owner_id == p.id
    return principal


async def listing(
    store: FeedStore, partner: Principal, vats: list[str], **rules: object
) -> Watchlist:
    """A watchlist of the partner's with these debtors (every change wanted by default)."""
    values: dict[str, object] = {
        "min_level": "low",
        "min_score_move": 0,
        "model_changes": False,
        "countries": [],
        "sectors": [],
    }
    values.update(rules)
    wl = await store.create_watchlist(partner.owner_id, "portfolio", **values)
    if vats:
        await store.add_vats(partner.owner_id, wl.id, vats)
    return wl


def deliverer(
    store: FeedStore,
    *,
    policy: RetryPolicy = FAST,
    allow_loopback: bool = True,
    resolver: Resolver = resolve,
    floor: Floor | None = None,
) -> Deliverer:
    return Deliverer(
        store,
        policy=policy,
        allow_loopback=allow_loopback,
        poll_seconds=0.05,
        resolver=resolver,
        floor=floor,
    )


_sequence = iter(range(1_000_000, 10_000_000))


def change(
    vat: str, score: int, previous: int | None = 20, *, model_change: bool = False
) -> RiskChange:
    out = risk_changed(vat, score, previous, model_change=model_change)
    event = events_pb2.RiskChanged.FromString(out.payload)
    return change_of(event, out.event_id, next(_sequence))


async def drain(d: Deliverer, until: Callable[[], bool], seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while not until():
        assert time.monotonic() < deadline, "deliveries did not finish in time"
        if not await d.deliver_due():
            await asyncio.sleep(0.03)


async def test_changes_are_queued_only_for_webhooks_whose_watchlists_want_them(
    store: FeedStore, partner: Principal, receiver: Receiver
) -> None:
    listed, other = belgian_vat(), belgian_vat()
    wl = await listing(store, partner, [], min_level="high")
    assert await store.add_vats(partner.owner_id, wl.id, [listed]) == 1
    hook, _ = await store.create_webhook(partner.owner_id, partner.key_id, receiver.url)
    loud = change(listed, 60, 45)
    quiet = change(listed, 40, 35)  # medium: below the list's minimum level
    unlisted = change(other, 80, 20)
    launch = change(listed, 75, 50, model_change=True)  # muted model change

    assert await store.record_changes([loud, quiet, unlisted, launch]) == 1
    assert await store.record_changes([loud]) == 0  # a redelivered event adds nothing
    [queued] = await store.webhooks(partner.owner_id, hook.id)
    assert queued.pending == 1


async def test_deliveries_are_signed_and_keep_each_debtors_order(
    store: FeedStore, partner: Principal, receiver: Receiver
) -> None:
    vats = [belgian_vat() for _ in range(5)]
    await listing(store, partner, vats)
    hook, secret = await store.create_webhook(partner.owner_id, partner.key_id, receiver.url)
    changes = [change(v, 20 + step * 10, 10 + step * 10) for step in range(6) for v in vats]
    await store.record_changes(changes)
    receiver.fail_first = 7  # a few failures in the middle must not reorder anything
    d = deliverer(store)
    try:
        await drain(d, lambda: len(receiver.calls) >= len(changes))
    finally:
        await d.close()

    got = events(receiver, secret)
    assert sorted(e["id"] for e in got) == sorted(c.event_id for c in changes)
    for vat in vats:
        seen = [e["data"]["sequence"] for e in got if e["data"]["company"]["vat"] == vat]
        assert seen == sorted(seen), f"{vat} out of order"
    headers = receiver.calls[0].headers
    assert headers["content-type"] == "application/json"
    assert headers["webhook-id"] == json.loads(receiver.calls[0].body)["id"]
    [after] = await store.webhooks(partner.owner_id, hook.id)
    assert (after.pending, after.dead, after.failures, after.state) == (0, 0, 0, "active")


async def test_a_receiver_that_never_recovers_ends_in_dead_letters_and_is_paused(
    store: FeedStore, partner: Principal, receiver: Receiver
) -> None:
    vat = belgian_vat()
    await listing(store, partner, [vat])
    hook, secret = await store.create_webhook(partner.owner_id, partner.key_id, receiver.url)
    await store.record_changes([change(vat, 60, 20), change(vat, 75, 60)])
    receiver.status = 503
    short = RetryPolicy(
        base=timedelta(milliseconds=20),
        cap=timedelta(milliseconds=50),
        give_up_after=timedelta(milliseconds=400),
    )
    d = deliverer(store, policy=short)

    async def paused() -> bool:
        return (await store.webhooks(partner.owner_id, hook.id))[0].state == "paused"

    deadline = time.monotonic() + 20
    while not await paused():
        assert time.monotonic() < deadline
        if not await d.deliver_due():
            await asyncio.sleep(0.03)
    [stopped] = await store.webhooks(partner.owner_id, hook.id)
    assert "retry window" in (stopped.paused_reason or "")
    assert stopped.last_error == "the receiver answered HTTP 503"
    letters = await store.dead_letters(partner.owner_id, hook.id)
    assert len(letters) == 1 and letters[0].last_status == 503 and letters[0].attempts >= 3
    assert stopped.pending == 1  # the second waits behind it, and nothing is sent while paused
    assert await d.deliver_due() == 0

    # The receiver is fixed: the partner replays the dead letter and resumes the webhook.
    receiver.status = 204
    assert await store.replay(partner.owner_id, hook.id) == 1
    await store.set_state(partner.owner_id, hook.id, active=True, key_id=partner.key_id)
    try:
        await drain(d, lambda: len(receiver.calls) >= 2)
    finally:
        await d.close()
    scores = [e["data"]["current"]["score"] for e in events(receiver, secret)]
    assert scores == [60, 75]


async def test_a_gone_receiver_pauses_the_webhook_at_once(
    store: FeedStore, partner: Principal, receiver: Receiver
) -> None:
    wl = await listing(store, partner, [], countries=["LU"])
    assert wl.countries == frozenset({"LU"})
    hook, _ = await store.create_webhook(partner.owner_id, partner.key_id, receiver.url)
    await store.record_changes([change("LU15027442", 60, 20)])
    receiver.status = 410
    d = deliverer(store)
    try:
        assert await d.deliver_due() == 1
    finally:
        await d.close()
    [gone] = await store.webhooks(partner.owner_id, hook.id)
    assert gone.state == "paused" and "410" in (gone.paused_reason or "")
    assert len(await store.dead_letters(partner.owner_id, hook.id)) == 1


async def test_a_lease_that_runs_out_hands_the_delivery_to_another_deliverer(
    store: FeedStore, partner: Principal, receiver: Receiver
) -> None:
    vat = belgian_vat()
    await listing(store, partner, [vat])
    hook, secret = await store.create_webhook(partner.owner_id, partner.key_id, receiver.url)
    await store.record_changes([change(vat, 55, 20)])

    # A deliverer claims it and dies before calling: nobody else may take it meanwhile.
    [claimed] = await store.claim(10, timedelta(milliseconds=300))
    assert claimed.webhook_id == hook.id
    assert await store.claim(10, timedelta(seconds=30)) == []
    await asyncio.sleep(0.4)
    d = deliverer(store)
    try:
        await drain(d, lambda: len(receiver.calls) == 1)
    finally:
        await d.close()
    assert events(receiver, secret)[0]["id"] == receiver.calls[0].headers["webhook-id"]


async def test_revoking_the_key_pauses_its_webhooks_and_stops_their_deliveries(
    store: FeedStore, keys: KeyStore, partner: Principal, receiver: Receiver
) -> None:
    vat = belgian_vat()
    await listing(store, partner, [vat])
    hook, _ = await store.create_webhook(partner.owner_id, partner.key_id, receiver.url)
    await store.record_changes([change(vat, 65, 20)])

    assert await keys.revoke(partner.key_id)
    d = deliverer(store)
    try:
        assert await d.deliver_due() == 0
    finally:
        await d.close()
    [stopped] = await store.webhooks(partner.owner_id, hook.id)
    assert stopped.state == "paused" and "revoked" in (stopped.paused_reason or "")
    assert receiver.calls == []


async def test_a_host_that_now_resolves_inside_our_network_is_not_called(
    store: FeedStore, partner: Principal
) -> None:
    vat = belgian_vat()
    await listing(store, partner, [vat])
    hook, _ = await store.create_webhook(
        partner.owner_id, partner.key_id, "https://hooks.partner.example/kmo"
    )
    await store.record_changes([change(vat, 65, 20)])

    async def rebound(host: str, port: int) -> list[str]:  # DNS now answers a private address
        return ["10.0.0.5"]

    d = deliverer(store, allow_loopback=False, resolver=rebound)
    try:
        assert await d.deliver_due() == 1
    finally:
        await d.close()
    [refused] = await store.webhooks(partner.owner_id, hook.id)
    assert "not a public address" in (refused.last_error or "")
    assert refused.pending == 1 and refused.failures == 1


async def test_after_a_rotation_both_secrets_sign_until_the_overlap_ends(
    store: FeedStore, partner: Principal, receiver: Receiver
) -> None:
    vat = belgian_vat()
    await listing(store, partner, [vat])
    hook, old = await store.create_webhook(partner.owner_id, partner.key_id, receiver.url)
    new = await store.rotate_secret(partner.owner_id, hook.id, timedelta(hours=1))
    assert new is not None and new != old
    await store.record_changes([change(vat, 60, 20)])
    d = deliverer(store)
    try:
        await drain(d, lambda: len(receiver.calls) == 1)
        assert events(receiver, old) and events(receiver, new)  # both verify

        newest = await store.rotate_secret(partner.owner_id, hook.id, timedelta(0))
        assert newest is not None
        await store.record_changes([change(vat, 75, 60)])
        await drain(d, lambda: len(receiver.calls) == 2)
    finally:
        await d.close()
    headers, body = receiver.calls[1].headers, receiver.calls[1].body
    assert verify(newest, headers, body, now=time.time())
    assert not verify(old, headers, body, now=time.time())
    assert not verify(new, headers, body, now=time.time())


async def test_a_digest_webhook_gets_one_call_with_every_change_of_its_period(
    store: FeedStore, partner: Principal, receiver: Receiver
) -> None:
    vats = [belgian_vat() for _ in range(3)]
    await listing(store, partner, vats)
    _hook, secret = await store.create_webhook(
        partner.owner_id, partner.key_id, receiver.url, digest_seconds=1
    )
    await store.record_changes([change(v, 60, 20) for v in vats])
    d = deliverer(store)
    try:
        await drain(d, lambda: len(receiver.calls) >= 1)
    finally:
        await d.close()
    assert len(receiver.calls) == 1
    assert json.loads(receiver.calls[0].body)["type"] == "risk.digest"
    assert sorted(e["data"]["company"]["vat"] for e in events(receiver, secret)) == sorted(vats)


async def test_intake_and_replay_read_the_risk_stream(
    store: FeedStore,
    partner: Principal,
    receiver: Receiver,
    sessions: Sessions,
    nats_url: str,
    nats_namespace: str,
) -> None:
    ns = messaging.Namespace(f"{nats_namespace}feed{uuid.uuid4().hex[:6]}")
    nc = await nats.connect(nats_url)
    js = nc.jetstream()
    vat = belgian_vat()
    await listing(store, partner, [vat])
    hook, secret = await store.create_webhook(partner.owner_id, partner.key_id, receiver.url)
    started = datetime.now(UTC)
    published = [risk_changed(vat, s, p) for p, s in ((None, 35), (35, 55), (55, 80))]
    last = await publish(js, ns, published)
    d = deliverer(store, floor=ack_floor(js, ns))
    consumer = asyncio.create_task(messaging.run_consumer(js, ns, intake(store, d.wake)))
    worker = asyncio.create_task(d.run())
    try:
        deadline = time.monotonic() + 20
        while len(receiver.calls) < 3:
            assert time.monotonic() < deadline, "the intake did not deliver"
            await asyncio.sleep(0.05)
        got = events(receiver, secret)
        assert [e["id"] for e in got] == [e.event_id for e in published]
        assert got[0]["data"]["previous"] is None
        first_seq = got[0]["data"]["sequence"]
        assert await store.sequence_of(published[1].event_id) == first_seq + 1

        # Replay from after the first event, then a live one; and from a time.
        stop = asyncio.Event()
        seen: list[RiskChange] = []

        async def follow() -> None:
            async for c in replay(js, ns, after=int(first_seq), until=stop):
                seen.append(c)

        follower = asyncio.create_task(follow())
        live = risk_changed(vat, 60, 80)
        await asyncio.sleep(0.3)
        assert await publish(js, ns, [live]) == last + 1
        deadline = time.monotonic() + 10
        while len(seen) < 3:
            assert time.monotonic() < deadline
            await asyncio.sleep(0.05)
        stop.set()
        await asyncio.wait_for(follower, 5)
        assert [c.event_id for c in seen] == [e.event_id for e in [*published[1:], live]]
        assert [c.score for c in seen] == [55, 80, 60]

        since: list[RiskChange] = []
        stop2 = asyncio.Event()
        async for c in replay(js, ns, since=started - timedelta(seconds=1), until=stop2):
            since.append(c)
            if len(since) == 4:
                stop2.set()
        assert [c.event_id for c in since] == [e.event_id for e in [*published, live]]
        while len(receiver.calls) < 4:  # the live one reached the webhook too
            assert time.monotonic() < deadline + 10
            await asyncio.sleep(0.05)
        while (await store.webhooks(partner.owner_id, hook.id))[0].pending:
            assert time.monotonic() < deadline + 10  # recorded as delivered, too
            await asyncio.sleep(0.05)
    finally:
        consumer.cancel()
        worker.cancel()
        await asyncio.gather(consumer, worker, return_exceptions=True)
        await d.close()
        await nc.close()
    async with sessions() as session:
        count = await session.scalar(
            sa.select(sa.func.count())
            .select_from(deliveries)
            .where(deliveries.c.webhook_id == hook.id, deliveries.c.status == "delivered")
        )
    assert count == 4
