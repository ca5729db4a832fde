"""Members and API keys in a real database, and the HTTP guard in front of GraphQL."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from chassis import db
from devstack.samples import belgian_vat
from devstack.testing import Databases
from gateway.adapters.keys import KeyStore
from gateway.adapters.tables import MIGRATIONS, api_keys
from gateway.domain.model import Member, lookup_of
from gateway.entrypoints.http import Guard, TokenBuckets

Sessions = async_sessionmaker[AsyncSession]


@pytest.fixture(scope="module")
async def sessions(databases: Databases) -> AsyncIterator[Sessions]:
    url = databases.fresh("gateway")
    db.upgrade_to_head(MIGRATIONS, url)
    engine = db.create_engine(url, pool_size=4)
    yield db.session_factory(engine)
    await engine.dispose()


@pytest.fixture
def keys(sessions: Sessions) -> KeyStore:
    return KeyStore(sessions)


@pytest.fixture
async def member(keys: KeyStore) -> Member:
    return await keys.create_member(f"Drukkerij {uuid.uuid4().hex[:6]}", belgian_vat())


async def test_a_members_key_authenticates_as_that_member_with_its_scopes(
    keys: KeyStore, member: Member
) -> None:
    key = await keys.create_key(
        member.id, "boekhouding", frozenset({"invoices:write", "risk:read"})
    )

    principal = await keys.authenticate(key.secret)

    assert principal is not None
    assert principal.key_id == key.id
    assert principal.tenant_id == member.id
    assert principal.scopes == frozenset({"invoices:write", "risk:read"})


async def test_a_partner_key_has_no_tenant(keys: KeyStore) -> None:
    key = await keys.create_key(None, "insurer", frozenset({"risk:read"}))

    principal = await keys.authenticate(key.secret)

    assert principal is not None and principal.tenant_id is None


async def test_a_wrong_secret_with_the_right_lookup_is_refused(
    keys: KeyStore, member: Member
) -> None:
    key = await keys.create_key(member.id, "boekhouding", frozenset({"invoices:read"}))
    forged = f"kmo_{key.lookup}_{'A' * 43}"
    assert lookup_of(forged) == key.lookup

    assert await keys.authenticate(forged) is None
    assert await keys.authenticate(key.secret) is not None  # the real one still works


async def test_an_unknown_or_malformed_key_is_refused(keys: KeyStore) -> None:
    assert await keys.authenticate("kmo_0123456789ab_not-a-real-key") is None
    assert await keys.authenticate("not a key at all") is None


async def test_a_revoked_key_no_longer_authenticates_even_if_it_was_cached(
    keys: KeyStore, member: Member
) -> None:
    key = await keys.create_key(member.id, "old laptop", frozenset({"invoices:read"}))
    assert await keys.authenticate(key.secret) is not None  # now in the cache

    assert await keys.revoke(key.id) is True

    assert await keys.authenticate(key.secret) is None
    assert await keys.revoke(key.id) is False  # revoking twice changes nothing


async def test_the_database_keeps_only_the_digest_of_a_key(
    sessions: Sessions, keys: KeyStore, member: Member
) -> None:
    key = await keys.create_key(member.id, "boekhouding", frozenset({"invoices:read"}))

    async with sessions() as session:
        row = (await session.execute(sa.select(api_keys).where(api_keys.c.id == key.id))).one()
    stored = " ".join(str(v) for v in row)
    assert key.secret not in stored
    assert row.digest == key.digest


async def test_members_are_found_by_id_and_by_vat(keys: KeyStore, member: Member) -> None:
    assert await keys.member(member.id) == member
    assert await keys.member_by_vat(member.vat) == member
    assert await keys.member_by_vat(belgian_vat()) is None


# The guard, in front of a stand-in for the GraphQL view.


async def whoami(request: Request) -> Response:
    principal = getattr(request.state, "principal", None)
    body = await request.body()
    return JSONResponse({"tenant": principal.tenant_id if principal else None, "bytes": len(body)})


@pytest.fixture
async def guarded(keys: KeyStore) -> AsyncIterator[httpx.AsyncClient]:
    app = Starlette(
        routes=[Route("/graphql", whoami, methods=["POST"])],
        middleware=[Middleware(Guard, max_bytes=1000)],
    )
    app.state.keys = keys
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
        yield client


async def test_the_guard_lets_a_valid_key_through_as_its_member(
    guarded: httpx.AsyncClient, keys: KeyStore, member: Member
) -> None:
    key = await keys.create_key(member.id, "k", frozenset({"invoices:read"}))

    response = await guarded.post("/graphql", headers={"Authorization": f"Bearer {key.secret}"})

    assert response.status_code == 200
    assert response.json()["tenant"] == member.id


async def test_the_guard_refuses_an_invalid_key_with_401(guarded: httpx.AsyncClient) -> None:
    response = await guarded.post(
        "/graphql", headers={"Authorization": "Bearer kmo_0123456789ab_not-a-real-key"}
    )

    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_the_guard_lets_anonymous_requests_through_without_a_principal(
    guarded: httpx.AsyncClient,
) -> None:
    response = await guarded.post("/graphql", content=b"{}")

    assert response.status_code == 200
    assert response.json() == {"tenant": None, "bytes": 2}


async def test_the_guard_refuses_a_body_over_the_limit_by_its_declared_length(
    guarded: httpx.AsyncClient,
) -> None:
    response = await guarded.post("/graphql", content=b"x" * 1001)

    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"


async def test_the_guard_refuses_a_streamed_body_that_grows_over_the_limit(
    guarded: httpx.AsyncClient,
) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(5):
            yield b"y" * 300

    response = await guarded.post("/graphql", content=chunks())  # no Content-Length

    assert response.status_code == 413


async def test_a_key_revoked_on_one_replica_stops_on_another_within_a_second(
    sessions: Sessions, member: Member
) -> None:
    """Two gateway replicas share the database: each caches verified keys for 30 s, yet a
    revocation recorded by one (or by the operator command) reaches the other's cache and
    its open subscriptions through the 0.5 s poll."""
    here, there = KeyStore(sessions), KeyStore(sessions)
    key = await here.create_key(member.id, "kassa", frozenset({"invoices:read"}))
    other = await here.create_key(member.id, "boekhouding", frozenset({"invoices:read"}))
    assert await there.authenticate(key.secret) is not None  # cached on the other replica
    watch = asyncio.create_task(there.watch_revocations(interval=0.1))
    try:
        with there.watching(key.id) as ended:
            started = time.monotonic()
            assert await here.revoke(key.id)
            await asyncio.wait_for(ended.wait(), timeout=1.0)
            assert time.monotonic() - started < 1.0
        assert await there.authenticate(key.secret) is None
        assert there.revoked(key.id) and not there.revoked(other.id)
        assert await there.authenticate(other.secret) is not None
        # an erased member's keys are gone from every replica too
        assert await there.authenticate(other.secret) is not None
        with there.watching(other.id) as erased:
            assert await here.erase_member(member.id) == 2
            await asyncio.wait_for(erased.wait(), timeout=1.0)
        assert await there.authenticate(other.secret) is None
    finally:
        watch.cancel()
    assert not await here.revoke("not-a-key-id") and not await here.revoke(key.id)


async def test_a_caller_over_its_rate_gets_429_with_retry_after_and_others_do_not(
    keys: KeyStore, member: Member
) -> None:
    """A burst of 5 then 2 a second per key, 3 for anonymous callers by address: the sixth
    request of a key is refused without reaching GraphQL, another key and /healthz are not."""
    app = Starlette(
        routes=[
            Route("/graphql", whoami, methods=["POST"]),
            Route("/healthz", lambda _: JSONResponse({"status": "ok"})),
        ],
        middleware=[
            Middleware(
                Guard,
                max_bytes=1000,
                keyed=TokenBuckets(rate=2, burst=5),
                anonymous=TokenBuckets(rate=1, burst=3),
            )
        ],
    )
    app.state.keys = keys
    one = await keys.create_key(member.id, "one", frozenset({"invoices:read"}))
    two = await keys.create_key(member.id, "two", frozenset({"invoices:read"}))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:

        async def post(secret: str | None) -> httpx.Response:
            headers = {"Authorization": f"Bearer {secret}"} if secret else {}
            return await client.post("/graphql", headers=headers)

        first = [(await post(one.secret)).status_code for _ in range(6)]
        refused = await post(one.secret)
        others = [(await post(two.secret)).status_code for _ in range(5)]
        anonymous = [(await post(None)).status_code for _ in range(4)]
        health = [(await client.get("/healthz")).status_code for _ in range(20)]

    assert first == [200] * 5 + [429]
    assert refused.status_code == 429 and refused.headers["retry-after"] == "1"
    assert refused.json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
    assert others == [200] * 5 and anonymous == [200] * 3 + [429] and health == [200] * 20


def test_a_bucket_refills_at_its_rate_and_never_above_its_burst() -> None:
    bucket = TokenBuckets(rate=10, burst=2)
    assert [bucket.take("k", now=0.0) for _ in range(2)] == [0.0, 0.0]
    assert bucket.take("k", now=0.0) == pytest.approx(0.1)
    assert bucket.take("k", now=0.1) == 0.0  # one token back after 1/rate
    assert bucket.take("k", now=100.0) == 0.0 and bucket.take("k", now=100.0) == 0.0
    assert bucket.take("k", now=100.0) > 0  # the long pause refilled only up to the burst
    assert TokenBuckets(rate=0, burst=0).take("k") == 0.0  # off
