"""Members and API keys in PostgreSQL, with a short-lived cache of verified keys."""

from __future__ import annotations

import hmac
import time
import uuid

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gateway.adapters.tables import api_keys, members
from gateway.domain.model import IssuedKey, Member, Principal, digest, issue_key, lookup_of


class KeyStore:
    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], cache_seconds: float = 30.0
    ) -> None:
        self._sessions = sessions
        self._ttl = cache_seconds
        self._cache: dict[str, tuple[float, Principal]] = {}

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

    async def create_key(
        self, member_id: str | None, label: str, scopes: frozenset[str]
    ) -> IssuedKey:
        key = issue_key()
        async with self._sessions.begin() as session:
            await session.execute(
                sa.insert(api_keys).values(
                    id=key.id,
                    lookup=key.lookup,
                    digest=key.digest,
                    member_id=member_id,
                    label=label,
                    scopes=sorted(scopes),
                )
            )
        return key

    async def erase_member(self, member_id: str) -> int:
        """The member and every key of it leave the register (GDPR erasure); how many keys."""
        async with self._sessions.begin() as session:
            gone = await session.execute(
                sa.delete(api_keys).where(api_keys.c.member_id == member_id)
            )
            await session.execute(sa.delete(members).where(members.c.id == member_id))
        self._cache.clear()
        return int(gone.rowcount or 0)  # type: ignore[attr-defined]

    async def revoke(self, key_id: str) -> bool:
        async with self._sessions.begin() as session:
            done = await session.execute(
                sa.update(api_keys)
                .where(api_keys.c.id == key_id, api_keys.c.revoked_at.is_(None))
                .values(revoked_at=sa.func.now())
            )
        self._cache.clear()
        return bool(done.rowcount)  # type: ignore[attr-defined]

    async def authenticate(self, secret: str) -> Principal | None:
        """The principal behind a presented key; None if unknown or revoked."""
        lookup = lookup_of(secret)
        if lookup is None:
            return None
        hit = self._cache.get(secret)
        if hit and hit[0] > time.monotonic():
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
        )
        if len(self._cache) > 10_000:
            self._cache.clear()
        self._cache[secret] = (time.monotonic() + self._ttl, principal)
        return principal
