"""The partner feed in PostgreSQL: partners, watchlists, webhooks and their secrets, the
risk events received, and the delivery queue (one row per event and webhook).

The queue is worked with leases: a deliverer claims due rows for ``lease`` seconds, calls
the webhooks and records the outcome; a deliverer killed mid-way leaves leases that run
out, and the rows are claimed again (at least once, the same ``webhook-id`` each time).
A debtor's events reach a webhook in stream order: a row is due only when no earlier row
of the same webhook and debtor is still pending.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gateway.adapters.tables import (
    api_keys,
    deliveries,
    risk_events,
    watchlist_vats,
    watchlists,
    webhook_secrets,
    webhooks,
)
from gateway.domain.feed import RiskChange, Watchlist, new_secret

INSERT_CHUNK = 5_000
KEY_REVOKED = "the API key that registered it was revoked; resume it with another key"


@dataclass(frozen=True, slots=True)
class Webhook:
    id: str
    owner_id: str
    url: str
    digest_seconds: int
    state: str  # active | paused
    paused_reason: str | None
    paused_at: datetime | None
    failures: int
    last_error: str | None
    last_success_at: datetime | None
    created_at: datetime
    pending: int = 0
    dead: int = 0


@dataclass(frozen=True, slots=True)
class DeadLetter:
    delivery_id: int
    event_id: str
    vat: str
    attempts: int
    last_status: int | None
    last_error: str | None
    first_attempt_at: datetime | None
    payload: dict[str, object]


@dataclass(frozen=True, slots=True)
class Claim:
    """Deliveries leased to one call of one webhook (several in digest mode)."""

    webhook_id: str
    url: str
    digest: bool
    secrets: tuple[str, ...]
    delivery_ids: tuple[int, ...]
    payloads: tuple[dict[str, object], ...]
    first_attempt_at: datetime | None
    attempts: int


def _watchlist(row: sa.Row[object], vat_count: int = 0) -> Watchlist:
    m = row._mapping
    return Watchlist(
        id=str(m["id"]),
        owner_id=str(m["owner_id"]),
        name=m["name"],
        min_level=m["min_level"],
        min_score_move=m["min_score_move"],
        model_changes=m["model_changes"],
        countries=frozenset(m["countries"]),
        sectors=frozenset(m["sectors"]),
        created_at=m["created_at"],
        vat_count=vat_count,
    )


def _webhook(row: sa.Row[object]) -> Webhook:
    m = row._mapping
    return Webhook(
        id=str(m["id"]),
        owner_id=str(m["owner_id"]),
        url=m["url"],
        digest_seconds=m["digest_seconds"],
        state=m["state"],
        paused_reason=m["paused_reason"],
        paused_at=m["paused_at"],
        failures=m["failures"],
        last_error=m["last_error"],
        last_success_at=m["last_success_at"],
        created_at=m["created_at"],
        pending=m.get("pending") or 0,
        dead=m.get("dead") or 0,
    )


def _uuid(value: str) -> str | None:
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return None


class FeedStore:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    # --- watchlists -------------------------------------------------------------------

    async def create_watchlist(self, owner_id: str, name: str, **rules: object) -> Watchlist:
        watchlist_id = str(uuid.uuid4())
        async with self._sessions.begin() as session:
            row = (
                await session.execute(
                    sa.insert(watchlists)
                    .values(id=watchlist_id, owner_id=owner_id, name=name, **_rules(rules))
                    .returning(watchlists)
                )
            ).one()
        return _watchlist(row)

    async def update_watchlist(
        self, owner_id: str, watchlist_id: str, **changes: object
    ) -> Watchlist | None:
        if (wid := _uuid(watchlist_id)) is None:
            return None
        async with self._sessions.begin() as session:
            row = (
                await session.execute(
                    sa.update(watchlists)
                    .where(watchlists.c.id == wid, watchlists.c.owner_id == owner_id)
                    .values(**_rules(changes))
                    .returning(watchlists)
                )
            ).first()
            count = await _vat_count(session, wid) if row else 0
        return _watchlist(row, count) if row else None

    async def delete_watchlist(self, owner_id: str, watchlist_id: str) -> bool:
        if (wid := _uuid(watchlist_id)) is None:
            return False
        async with self._sessions.begin() as session:
            done = await session.execute(
                sa.delete(watchlists).where(
                    watchlists.c.id == wid, watchlists.c.owner_id == owner_id
                )
            )
        return bool(done.rowcount)  # type: ignore[attr-defined]

    async def watchlists(self, owner_id: str) -> list[Watchlist]:
        counts = (
            sa.select(sa.func.count())
            .where(watchlist_vats.c.watchlist_id == watchlists.c.id)
            .scalar_subquery()
        )
        async with self._sessions() as session:
            rows = (
                await session.execute(
                    sa.select(watchlists, counts.label("vat_count"))
                    .where(watchlists.c.owner_id == owner_id)
                    .order_by(watchlists.c.created_at, watchlists.c.id)
                )
            ).all()
        return [_watchlist(r, r.vat_count) for r in rows]

    async def watchlist(self, owner_id: str, watchlist_id: str) -> Watchlist | None:
        return next((w for w in await self.watchlists(owner_id) if w.id == watchlist_id), None)

    async def watchlist_vats(
        self, owner_id: str, watchlist_id: str, after: str = "", limit: int = 100
    ) -> list[str]:
        if (wid := _uuid(watchlist_id)) is None:
            return []
        async with self._sessions() as session:
            rows = await session.execute(
                sa.select(watchlist_vats.c.vat)
                .join(watchlists, watchlists.c.id == watchlist_vats.c.watchlist_id)
                .where(
                    watchlists.c.id == wid,
                    watchlists.c.owner_id == owner_id,
                    watchlist_vats.c.vat > after,
                )
                .order_by(watchlist_vats.c.vat)
                .limit(limit)
            )
            return [r.vat for r in rows]

    async def add_vats(self, owner_id: str, watchlist_id: str, vats: Iterable[str]) -> int | None:
        """How many were new (None: no such watchlist of this owner)."""
        if (wid := _uuid(watchlist_id)) is None:
            return None
        added = 0
        async with self._sessions.begin() as session:
            owned = await session.scalar(
                sa.select(watchlists.c.id)
                .where(watchlists.c.id == wid, watchlists.c.owner_id == owner_id)
                .with_for_update()
            )
            if owned is None:
                return None
            batch = sorted(set(vats))
            for start in range(0, len(batch), INSERT_CHUNK):
                chunk = batch[start : start + INSERT_CHUNK]
                done = await session.execute(
                    postgresql.insert(watchlist_vats)
                    .values([{"watchlist_id": wid, "vat": v} for v in chunk])
                    .on_conflict_do_nothing()
                    .returning(watchlist_vats.c.vat)
                )
                added += len(done.all())
        return added

    async def remove_vats(
        self, owner_id: str, watchlist_id: str, vats: Sequence[str]
    ) -> int | None:
        if (wid := _uuid(watchlist_id)) is None:
            return None
        async with self._sessions.begin() as session:
            owned = await session.scalar(
                sa.select(watchlists.c.id).where(
                    watchlists.c.id == wid, watchlists.c.owner_id == owner_id
                )
            )
            if owned is None:
                return None
            done = await session.execute(
                sa.delete(watchlist_vats).where(
                    watchlist_vats.c.watchlist_id == wid, watchlist_vats.c.vat.in_(list(vats))
                )
            )
        return int(done.rowcount)  # type: ignore[attr-defined]

    async def snapshot(self, owner_id: str) -> list[tuple[Watchlist, frozenset[str]]]:
        """An owner's watchlists with their VAT numbers: what a subscription filters by."""
        lists = await self.watchlists(owner_id)
        async with self._sessions() as session:
            rows = await session.execute(
                sa.select(watchlist_vats.c.watchlist_id, watchlist_vats.c.vat).where(
                    watchlist_vats.c.watchlist_id.in_([w.id for w in lists])
                )
            )
            members: dict[str, set[str]] = {w.id: set() for w in lists}
            for r in rows:
                members[str(r.watchlist_id)].add(r.vat)
        return [(w, frozenset(members[w.id])) for w in lists]

    # --- webhooks ---------------------------------------------------------------------

    async def create_webhook(
        self, owner_id: str, key_id: str, url: str, digest_seconds: int = 0
    ) -> tuple[Webhook, str]:
        webhook_id, secret = str(uuid.uuid4()), new_secret()
        async with self._sessions.begin() as session:
            row = (
                await session.execute(
                    sa.insert(webhooks)
                    .values(
                        id=webhook_id,
                        owner_id=owner_id,
                        key_id=key_id,
                        url=url,
                        digest_seconds=digest_seconds,
                    )
                    .returning(webhooks)
                )
            ).one()
            await session.execute(
                sa.insert(webhook_secrets).values(
                    id=str(uuid.uuid4()), webhook_id=webhook_id, secret=secret
                )
            )
        return _webhook(row), secret

    async def webhooks(self, owner_id: str, webhook_id: str | None = None) -> list[Webhook]:
        pending = (
            sa.select(sa.func.count())
            .where(deliveries.c.webhook_id == webhooks.c.id, deliveries.c.status == "pending")
            .scalar_subquery()
        )
        dead = (
            sa.select(sa.func.count())
            .where(deliveries.c.webhook_id == webhooks.c.id, deliveries.c.status == "dead")
            .scalar_subquery()
        )
        query = (
            sa.select(webhooks, pending.label("pending"), dead.label("dead"))
            .where(webhooks.c.owner_id == owner_id)
            .order_by(webhooks.c.created_at, webhooks.c.id)
        )
        if webhook_id is not None:
            if (wid := _uuid(webhook_id)) is None:
                return []
            query = query.where(webhooks.c.id == wid)
        async with self._sessions() as session:
            return [_webhook(r) for r in (await session.execute(query)).all()]

    async def webhook(self, owner_id: str, webhook_id: str) -> Webhook | None:
        found = await self.webhooks(owner_id, webhook_id)
        return found[0] if found else None

    async def delete_webhook(self, owner_id: str, webhook_id: str) -> bool:
        if (wid := _uuid(webhook_id)) is None:
            return False
        async with self._sessions.begin() as session:
            done = await session.execute(
                sa.delete(webhooks).where(webhooks.c.id == wid, webhooks.c.owner_id == owner_id)
            )
        return bool(done.rowcount)  # type: ignore[attr-defined]

    async def set_state(
        self, owner_id: str, webhook_id: str, *, active: bool, key_id: str | None = None
    ) -> Webhook | None:
        """Pause by the partner's wish, or resume (bound to the resuming key)."""
        if (wid := _uuid(webhook_id)) is None:
            return None
        values: dict[str, object] = (
            {"state": "active", "paused_reason": None, "paused_at": None, "failures": 0}
            if active
            else {"state": "paused", "paused_reason": "paused by the partner", "paused_at": _now()}
        )
        if key_id is not None:
            values["key_id"] = key_id
        async with self._sessions.begin() as session:
            row = (
                await session.execute(
                    sa.update(webhooks)
                    .where(webhooks.c.id == wid, webhooks.c.owner_id == owner_id)
                    .values(**values)
                    .returning(webhooks.c.id)
                )
            ).first()
            if row is not None and active:
                # What waited while it was paused goes out now, not at its old back-off.
                await session.execute(
                    sa.update(deliveries)
                    .where(deliveries.c.webhook_id == wid, deliveries.c.status == "pending")
                    .values(next_attempt_at=sa.func.now())
                )
        return await self.webhook(owner_id, webhook_id) if row else None

    async def rotate_secret(self, owner_id: str, webhook_id: str, overlap: timedelta) -> str | None:
        """A new secret; the current ones stay valid for ``overlap`` (both sign meanwhile)."""
        if (wid := _uuid(webhook_id)) is None:
            return None
        secret = new_secret()
        async with self._sessions.begin() as session:
            owned = await session.scalar(
                sa.select(webhooks.c.id).where(
                    webhooks.c.id == wid, webhooks.c.owner_id == owner_id
                )
            )
            if owned is None:
                return None
            await session.execute(
                sa.update(webhook_secrets)
                .where(
                    webhook_secrets.c.webhook_id == wid,
                    sa.or_(
                        webhook_secrets.c.expires_at.is_(None),
                        webhook_secrets.c.expires_at > sa.func.now() + overlap,
                    ),
                )
                .values(expires_at=sa.func.now() + overlap)
            )
            await session.execute(
                sa.delete(webhook_secrets).where(
                    webhook_secrets.c.webhook_id == wid,
                    webhook_secrets.c.expires_at <= sa.func.now(),
                )
            )
            await session.execute(
                sa.insert(webhook_secrets).values(
                    id=str(uuid.uuid4()), webhook_id=wid, secret=secret
                )
            )
        return secret

    # --- intake -----------------------------------------------------------------------

    async def record_changes(self, changes: Sequence[RiskChange]) -> int:
        """Keep each event once and queue it for every webhook whose owner's watchlists
        want it; how many deliveries were queued. Idempotent: a redelivered event adds
        nothing."""
        queued = 0
        async with self._sessions.begin() as session:
            fresh = (
                await session.execute(
                    postgresql.insert(risk_events)
                    .values(
                        [
                            {
                                "event_id": c.event_id,
                                "sequence": c.sequence,
                                "vat": c.vat,
                                "changed_at": c.changed_at,
                                "payload": c.payload(),
                            }
                            for c in changes
                        ]
                    )
                    .on_conflict_do_nothing()
                    .returning(risk_events.c.event_id)
                )
            ).all()
            new_ids = {str(r.event_id) for r in fresh}
            batch = [c for c in changes if c.event_id in new_ids]
            wanting = await _owners_wanting(session, batch)
            owners = sorted({o for found in wanting for o in found})
            hooks: dict[str, list[tuple[str, int]]] = {}
            if owners:
                for h in await session.execute(
                    sa.select(webhooks.c.id, webhooks.c.owner_id, webhooks.c.digest_seconds).where(
                        webhooks.c.owner_id.in_(owners)
                    )
                ):
                    hooks.setdefault(str(h.owner_id), []).append((str(h.id), h.digest_seconds))
            now = _now()
            rows: list[dict[str, object]] = [
                {
                    "webhook_id": webhook_id,
                    "event_id": change.event_id,
                    "vat": change.vat,
                    "sequence": change.sequence,
                    "next_attempt_at": _digest_due(now, digest),
                }
                for change, found in zip(batch, wanting, strict=True)
                for owner in sorted(found)
                for webhook_id, digest in hooks.get(owner, ())
            ]
            for start in range(0, len(rows), INSERT_CHUNK):
                done = await session.execute(
                    postgresql.insert(deliveries)
                    .values(rows[start : start + INSERT_CHUNK])
                    .on_conflict_do_nothing()
                    .returning(deliveries.c.id)
                )
                queued += len(done.all())
        return queued

    async def sequence_of(self, event_id: str) -> int | None:
        if (eid := _uuid(event_id)) is None:
            return None
        async with self._sessions() as session:
            seq = await session.scalar(
                sa.select(risk_events.c.sequence).where(risk_events.c.event_id == eid)
            )
        return int(seq) if seq is not None else None

    # --- delivering -------------------------------------------------------------------

    async def claim(self, limit: int, lease: timedelta, floor: int | None = None) -> list[Claim]:
        """Lease due deliveries. ``floor``: the stream position below which the intake has
        stored every event, so no earlier event of a debtor can still arrive (after a
        crash, JetStream redelivers what the dead process held, out of order)."""
        d, e = deliveries, deliveries.alias("earlier")
        earlier = sa.exists().where(
            e.c.webhook_id == d.c.webhook_id,
            e.c.vat == d.c.vat,
            e.c.status == "pending",
            e.c.sequence < d.c.sequence,
        )
        due = (
            sa.select(d.c.id)
            .join(webhooks, webhooks.c.id == d.c.webhook_id)
            .join(api_keys, api_keys.c.id == webhooks.c.key_id)
            .where(
                d.c.status == "pending",
                d.c.next_attempt_at <= sa.func.now(),
                sa.or_(d.c.leased_until.is_(None), d.c.leased_until < sa.func.now()),
                webhooks.c.state == "active",
                api_keys.c.revoked_at.is_(None),
                sa.or_(webhooks.c.digest_seconds > 0, ~earlier),
                d.c.sequence <= floor if floor is not None else sa.true(),
            )
            .order_by(d.c.next_attempt_at, d.c.sequence)
            .limit(limit)
            .with_for_update(of=d, skip_locked=True)
            .cte("due")
        )
        async with self._sessions.begin() as session:
            claimed = (
                await session.execute(
                    sa.update(d)
                    .where(d.c.id.in_(sa.select(due.c.id)))
                    .values(leased_until=sa.func.now() + lease)
                    .returning(
                        d.c.id,
                        d.c.webhook_id,
                        d.c.event_id,
                        d.c.sequence,
                        d.c.attempts,
                        d.c.first_attempt_at,
                    )
                )
            ).all()
            if not claimed:
                return []
            hook_ids = {str(r.webhook_id) for r in claimed}
            hooks = {
                str(r.id): r
                for r in await session.execute(
                    sa.select(webhooks.c.id, webhooks.c.url, webhooks.c.digest_seconds).where(
                        webhooks.c.id.in_(hook_ids)
                    )
                )
            }
            secrets: dict[str, list[str]] = {h: [] for h in hook_ids}
            for r in await session.execute(
                sa.select(webhook_secrets.c.webhook_id, webhook_secrets.c.secret)
                .where(
                    webhook_secrets.c.webhook_id.in_(hook_ids),
                    sa.or_(
                        webhook_secrets.c.expires_at.is_(None),
                        webhook_secrets.c.expires_at > sa.func.now(),
                    ),
                )
                .order_by(webhook_secrets.c.created_at.desc())
            ):
                secrets[str(r.webhook_id)].append(r.secret)
            payloads = {
                str(r.event_id): r.payload
                for r in await session.execute(
                    sa.select(risk_events.c.event_id, risk_events.c.payload).where(
                        risk_events.c.event_id.in_({str(r.event_id) for r in claimed})
                    )
                )
            }
        return _claims(claimed, hooks, secrets, payloads)

    async def delivered(self, delivery_ids: Sequence[int], status: int) -> None:
        async with self._sessions.begin() as session:
            webhook_ids = (
                await session.execute(
                    sa.update(deliveries)
                    .where(deliveries.c.id.in_(list(delivery_ids)))
                    .values(
                        status="delivered",
                        delivered_at=sa.func.now(),
                        attempts=deliveries.c.attempts + 1,
                        first_attempt_at=sa.func.coalesce(
                            deliveries.c.first_attempt_at, sa.func.now()
                        ),
                        leased_until=None,
                        last_status=status,
                        last_error=None,
                    )
                    .returning(deliveries.c.webhook_id)
                )
            ).all()
            await session.execute(
                sa.update(webhooks)
                .where(webhooks.c.id.in_({r.webhook_id for r in webhook_ids}))
                .values(failures=0, last_success_at=sa.func.now())
            )

    async def failed(
        self,
        claim: Claim,
        status: int | None,
        error: str,
        retry_at: datetime | None,
        pause: str | None = None,
    ) -> None:
        """Record a failed call: try again at ``retry_at``, or (None) dead-letter it and
        pause the webhook; ``pause`` pauses it at once (the receiver said 410 Gone)."""
        error = error[:500]
        async with self._sessions.begin() as session:
            await session.execute(
                sa.update(deliveries)
                .where(deliveries.c.id.in_(list(claim.delivery_ids)))
                .values(
                    status="pending" if retry_at is not None else "dead",
                    attempts=deliveries.c.attempts + 1,
                    first_attempt_at=sa.func.coalesce(deliveries.c.first_attempt_at, sa.func.now()),
                    next_attempt_at=retry_at or sa.func.now(),
                    leased_until=None,
                    last_status=status,
                    last_error=error,
                )
            )
            reason = pause or (
                None
                if retry_at is not None
                else f"deliveries kept failing for the whole retry window; last: {error}"
            )
            values: dict[str, object] = {
                "failures": webhooks.c.failures + 1,
                "last_error": error,
            }
            if reason is not None:
                values |= {"state": "paused", "paused_reason": reason, "paused_at": sa.func.now()}
            await session.execute(
                sa.update(webhooks).where(webhooks.c.id == claim.webhook_id).values(**values)
            )

    async def dead_letters(
        self, owner_id: str, webhook_id: str, limit: int = 100, after: int = 0
    ) -> list[DeadLetter]:
        if (wid := _uuid(webhook_id)) is None:
            return []
        async with self._sessions() as session:
            rows = await session.execute(
                sa.select(deliveries, risk_events.c.payload)
                .join(webhooks, webhooks.c.id == deliveries.c.webhook_id)
                .join(risk_events, risk_events.c.event_id == deliveries.c.event_id)
                .where(
                    webhooks.c.owner_id == owner_id,
                    deliveries.c.webhook_id == wid,
                    deliveries.c.status == "dead",
                    deliveries.c.id > after,
                )
                .order_by(deliveries.c.id)
                .limit(limit)
            )
            return [
                DeadLetter(
                    delivery_id=r.id,
                    event_id=str(r.event_id),
                    vat=r.vat,
                    attempts=r.attempts,
                    last_status=r.last_status,
                    last_error=r.last_error,
                    first_attempt_at=r.first_attempt_at,
                    payload=r.payload,
                )
                for r in rows
            ]

    async def replay(
        self, owner_id: str, webhook_id: str, delivery_ids: Sequence[int] | None = None
    ) -> int:
        """Dead letters back in the queue (all of the webhook's, or those named), due now,
        with a fresh retry window."""
        if (wid := _uuid(webhook_id)) is None:
            return 0
        query = (
            sa.update(deliveries)
            .where(
                deliveries.c.webhook_id == wid,
                deliveries.c.status == "dead",
                deliveries.c.webhook_id.in_(
                    sa.select(webhooks.c.id).where(webhooks.c.owner_id == owner_id)
                ),
            )
            .values(
                status="pending",
                next_attempt_at=sa.func.now(),
                first_attempt_at=None,
                attempts=0,
            )
        )
        if delivery_ids is not None:
            query = query.where(deliveries.c.id.in_(list(delivery_ids)))
        async with self._sessions.begin() as session:
            done = await session.execute(query)
        return int(done.rowcount)  # type: ignore[attr-defined]

    async def prune(self, keep: timedelta) -> int:
        """Forget events older than ``keep`` (the stream's retention) whose deliveries are
        all done; dead letters keep theirs."""
        active = sa.exists().where(
            deliveries.c.event_id == risk_events.c.event_id,
            deliveries.c.status != "delivered",
        )
        async with self._sessions.begin() as session:
            done = await session.execute(
                sa.delete(risk_events).where(
                    risk_events.c.received_at < sa.func.now() - keep, ~active
                )
            )
        return int(done.rowcount)  # type: ignore[attr-defined]


def _rules(values: dict[str, object]) -> dict[str, object]:
    rules = {k: v for k, v in values.items() if v is not None}
    for name in ("countries", "sectors"):
        if name in rules:
            rules[name] = sorted(rules[name])  # type: ignore[call-overload]
    return rules


async def _vat_count(session: AsyncSession, watchlist_id: str) -> int:
    count = await session.scalar(
        sa.select(sa.func.count()).where(watchlist_vats.c.watchlist_id == watchlist_id)
    )
    return int(count or 0)


# The changes of a batch as a relation, to match them against every watchlist at once.
_CHANGES = """
    SELECT * FROM unnest(CAST(:idx AS int[]), CAST(:vat AS text[]), CAST(:country AS text[]),
                         CAST(:sector AS text[])) AS c(idx, vat, country, sector)
"""
_BY_VAT = sa.text(
    f"WITH c AS ({_CHANGES}) SELECT c.idx, w.* FROM c"
    " JOIN watchlist_vats v ON v.vat = c.vat JOIN watchlists w ON w.id = v.watchlist_id"
)
_BY_RULE = sa.text(
    f"WITH c AS ({_CHANGES}) SELECT c.idx, w.* FROM c JOIN watchlists w"
    " ON c.country = ANY(w.countries) OR (c.sector <> '' AND EXISTS ("
    " SELECT 1 FROM unnest(w.sectors) AS s(code) WHERE starts_with(c.sector, s.code)))"
    " WHERE cardinality(w.countries) > 0 OR cardinality(w.sectors) > 0"
)


async def _owners_wanting(session: AsyncSession, changes: Sequence[RiskChange]) -> list[set[str]]:
    """For each change, the owners with a watchlist that covers and wants it: one query
    for debtors on lists (by the VAT index), one for lists of countries and sectors."""
    if not changes:
        return []
    params = {
        "idx": list(range(len(changes))),
        "vat": [c.vat for c in changes],
        "country": [c.country for c in changes],
        "sector": [c.sector for c in changes],
    }
    listed = {(r.idx, str(r.id)): r for r in await session.execute(_BY_VAT, params)}
    ruled = {(r.idx, str(r.id)): r for r in await session.execute(_BY_RULE, params)}
    found: list[set[str]] = [set() for _ in changes]
    for key, row in {**ruled, **listed}.items():
        idx = key[0]
        if _watchlist(row).wants(changes[idx], on_list=key in listed):
            found[idx].add(str(row.owner_id))
    return found


def _digest_due(now: datetime, period: int) -> datetime:
    """Now, or (digest mode) the end of the current period: all its changes go at once."""
    if period <= 0:
        return now
    epoch = int(now.timestamp())
    return datetime.fromtimestamp(epoch - epoch % period + period, UTC)


def _now() -> datetime:
    return datetime.now(UTC)


def _claims(
    claimed: Sequence[sa.Row[Any]],
    hooks: dict[str, Any],
    secrets: dict[str, list[str]],
    payloads: dict[str, dict[str, object]],
) -> list[Claim]:
    groups: dict[tuple[str, int], list[sa.Row[Any]]] = {}
    for row in sorted(claimed, key=lambda r: r._mapping["sequence"]):
        webhook_id = str(row._mapping["webhook_id"])
        digest = hooks[webhook_id]._mapping["digest_seconds"] > 0
        key = (webhook_id, 0 if digest else int(row._mapping["id"]))
        groups.setdefault(key, []).append(row)
    claims = []
    for (webhook_id, _), rows in groups.items():
        hook = hooks[webhook_id]._mapping
        firsts = [r._mapping["first_attempt_at"] for r in rows if r._mapping["first_attempt_at"]]
        claims.append(
            Claim(
                webhook_id=webhook_id,
                url=hook["url"],
                digest=hook["digest_seconds"] > 0,
                secrets=tuple(secrets[webhook_id]),
                delivery_ids=tuple(int(r._mapping["id"]) for r in rows),
                payloads=tuple(payloads[str(r._mapping["event_id"])] for r in rows),
                first_attempt_at=min(firsts) if firsts else None,
                attempts=max(int(r._mapping["attempts"]) for r in rows),
            )
        )
    return claims
