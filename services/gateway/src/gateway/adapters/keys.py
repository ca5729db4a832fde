"""Members and API keys in PostgreSQL, with a cache of verified keys that every replica
empties of a revoked key within a second (it polls ``key_revocations``)."""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import time
import uuid
from collections import defaultdict
from collections.abc import Iterator

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gateway.adapters.feed import KEY_REVOKED
from gateway.adapters.tables import (
    api_keys,
    key_revocations,
    members,
    partners,
    watchlists,
    webhooks,
)
from gateway.domain.model import (
    IssuedKey,
    KeyInfo,
    Member,
    Partner,
    Principal,
    digest,
    issue_key,
    lookup_of,
)

log = logging.getLogger(__name__)
POLL_SECONDS = 0.5
# Revocations are re-read for this long: a transaction that stamped its row a little
# before it committed is still seen.
LOOKBACK_SECONDS = 30.0


class KeyStore:
    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], cache_seconds: float = 30.0
    ) -> None:
        self._sessions = sessions
        self._ttl = cache_seconds
        self._cache: dict[str, tuple[float, Principal]] = {}
        self._revoked: set[str] = set()  # seen by this replica since it started
        self._watchers: dict[str, set[asyncio.Event]] = defaultdict(set)

    def revoked(self, key_id: str) -> bool:
        return key_id in self._revoked

    @contextlib.contextmanager
    def watching(self, key_id: str) -> Iterator[asyncio.Event]:
        """An event set when ``key_id`` is revoked: a subscription ends on it."""
        event = asyncio.Event()
        if key_id in self._revoked:
            event.set()
        self._watchers[key_id].add(event)
        try:
            yield event
        finally:
            self._watchers[key_id].discard(event)
            if not self._watchers[key_id]:
                del self._watchers[key_id]

    def _forget(self, key_ids: set[str]) -> None:
        fresh = key_ids - self._revoked
        if not fresh:
            return
        self._revoked |= fresh
        for secret, (_, principal) in list(self._cache.items()):
            if principal.key_id in fresh:
                del self._cache[secret]
        for key_id in fresh:
            for event in self._watchers.get(key_id, ()):
                event.set()
        log.info("api keys revoked", extra={"keys": len(fresh)})

    async def poll_revocations(self) -> None:
        """Learn of the revocations any replica (or the operator command) recorded."""
        async with self._sessions() as session:
            rows = await session.execute(
                sa.select(key_revocations.c.key_id).where(
                    key_revocations.c.revoked_at
                    > sa.func.now() - sa.text(f"interval '{LOOKBACK_SECONDS:g} seconds'")
                )
            )
            self._forget({str(r.key_id) for r in rows})

    async def watch_revocations(self, interval: float = POLL_SECONDS) -> None:
        """Poll for revocations until cancelled; a failed poll is retried, never fatal."""
        while True:
            try:
                await self.poll_revocations()
            except Exception:  # the database is away: keep serving, try again
                log.warning("could not poll key revocations", exc_info=True)
            await asyncio.sleep(interval)

    async def create_member(self, name: str, vat: str) -> Member:
        member = Member(id=str(uuid.uuid4()), name=name, vat=vat)
        async with self._sessions.begin() as session:
            await session.execute(sa.insert(members).values(id=member.id, name=name, vat=vat))
        return member

    async def member_by_vat(self, vat: str) -> Member | None:
        async with self._sessions() as session:
            row = (await session.execute(sa.select(members).where(members.c.vat == vat))).first()
        return Member(id=str(row.id), name=row.name, vat=row.vat) if row else None

    async def member(self, member_id: str) -> Member | None:
        async with self._sessions() as session:
            row = (
                await session.execute(sa.select(members).where(members.c.id == member_id))
            ).first()
        return Member(id=str(row.id), name=row.name, vat=row.vat) if row else None

    async def ensure_partner(self, name: str) -> Partner:
        """The partner of that name, made if it is new."""
        async with self._sessions.begin() as session:
            await session.execute(
                postgresql.insert(partners)
                .values(id=str(uuid.uuid4()), name=name)
                .on_conflict_do_nothing(index_elements=["name"])
            )
            row = (await session.execute(sa.select(partners).where(partners.c.name == name))).one()
        return Partner(id=str(row.id), name=row.name)

    async def create_key(
        self,
        member_id: str | None,
        label: str,
        scopes: frozenset[str],
        partner_id: str | None = None,
    ) -> IssuedKey:
        key = issue_key()
        async with self._sessions.begin() as session:
            await session.execute(
                sa.insert(api_keys).values(
                    id=key.id,
                    lookup=key.lookup,
                    digest=key.digest,
                    member_id=member_id,
                    partner_id=partner_id,
                    label=label,
                    scopes=sorted(scopes),
                )
            )
        return key

    async def list_keys(
        self, member_id: str | None = None, include_revoked: bool = False, limit: int = 500
    ) -> list[KeyInfo]:
        """Keys newest first: a member's, or all (partners' included)."""
        query = (
            sa.select(api_keys, members.c.vat, partners.c.name.label("partner_name"))
            .outerjoin(members, members.c.id == api_keys.c.member_id)
            .outerjoin(partners, partners.c.id == api_keys.c.partner_id)
            .order_by(api_keys.c.created_at.desc(), api_keys.c.id)
            .limit(limit)
        )
        if member_id is not None:
            query = query.where(api_keys.c.member_id == member_id)
        if not include_revoked:
            query = query.where(api_keys.c.revoked_at.is_(None))
        async with self._sessions() as session:
            rows = (await session.execute(query)).all()
        return [
            KeyInfo(
                id=str(r.id),
                label=r.label,
                member_vat=r.vat,
                scopes=frozenset(r.scopes),
                created_at=r.created_at,
                revoked_at=r.revoked_at,
                partner_name=r.partner_name,
            )
            for r in rows
        ]

    async def erase_member(self, member_id: str) -> int:
        """The member and every key of it leave the register (GDPR erasure); how many keys.
        The keys' ids stay in key_revocations, so every replica drops them."""
        async with self._sessions.begin() as session:
            gone = (
                await session.execute(
                    sa.delete(api_keys)
                    .where(api_keys.c.member_id == member_id)
                    .returning(api_keys.c.id)
                )
            ).all()
            ids = {str(r.id) for r in gone}
            await _record_revoked(session, ids)
            # Its watchlists and webhooks (and their queued deliveries) go with it.
            await session.execute(sa.delete(webhooks).where(webhooks.c.owner_id == member_id))
            await session.execute(sa.delete(watchlists).where(watchlists.c.owner_id == member_id))
            await session.execute(sa.delete(members).where(members.c.id == member_id))
        self._forget(ids)
        return len(ids)

    async def revoke(self, key_id: str) -> bool:
        try:
            key_id = str(uuid.UUID(key_id))
        except ValueError:
            return False  # names no key
        async with self._sessions.begin() as session:
            done = await session.execute(
                sa.update(api_keys)
                .where(api_keys.c.id == key_id, api_keys.c.revoked_at.is_(None))
                .values(revoked_at=sa.func.now())
            )
            if done.rowcount:  # type: ignore[attr-defined]
                await _record_revoked(session, {key_id})
                # Its webhooks stop at once (the deliverer also checks the key each round).
                await session.execute(
                    sa.update(webhooks)
                    .where(webhooks.c.key_id == key_id, webhooks.c.state == "active")
                    .values(state="paused", paused_reason=KEY_REVOKED, paused_at=sa.func.now())
                )
        if done.rowcount:  # type: ignore[attr-defined]
            self._forget({key_id})
        return bool(done.rowcount)  # type: ignore[attr-defined]

    async def authenticate(self, secret: str) -> Principal | None:
        """The principal behind a presented key; None if unknown or revoked."""
        lookup = lookup_of(secret)
        if lookup is None:
            return None
        hit = self._cache.get(secret)
        if hit and hit[0] > time.monotonic() and hit[1].key_id not in self._revoked:
            return hit[1]
        async with self._sessions() as session:
            row = (
                await session.execute(
                    sa.select(api_keys, members.c.vat)
                    .outerjoin(members, members.c.id == api_keys.c.member_id)
                    .where(api_keys.c.lookup == lookup, api_keys.c.revoked_at.is_(None))
                )
            ).first()
        if row is None or not hmac.compare_digest(row.digest, digest(secret)):
            return None
        principal = Principal(
            key_id=str(row.id),
            tenant_id=str(row.member_id) if row.member_id else None,
            scopes=frozenset(row.scopes),
            member_vat=row.vat,
            partner_id=str(row.partner_id) if row.partner_id else None,
        )
        if len(self._cache) > 10_000:
            self._cache.clear()
        self._cache[secret] = (time.monotonic() + self._ttl, principal)
        return principal


async def _record_revoked(session: AsyncSession, key_ids: set[str]) -> None:
    """Keep the ids where every replica's poll finds them."""
    if key_ids:
        await session.execute(
            postgresql.insert(key_revocations)
            .values([{"key_id": i} for i in key_ids])
            .on_conflict_do_nothing()
        )
