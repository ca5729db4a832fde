"""The partner feed over GraphQL: watchlists, webhooks, dead letters, and the
``riskChanged`` subscription. Everything here needs the ``risk:subscribe`` scope and
belongs to the caller's member or partner."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncGenerator
from dataclasses import replace
from datetime import datetime, timedelta
from enum import Enum
from typing import cast

import strawberry
from starlette.datastructures import UploadFile
from strawberry.file_uploads import Upload
from strawberry.scalars import JSON

from benelux.vat import InvalidVatNumber, parse_vat
from gateway.adapters import feed as store_types
from gateway.adapters.deliverer import resolve
from gateway.adapters.feed import FeedStore
from gateway.adapters.risk_feed import replay
from gateway.domain import feed as domain
from gateway.domain.model import Principal
from gateway.entrypoints.graphql.batch import check_batch
from gateway.entrypoints.graphql.context import Context
from gateway.entrypoints.graphql.errors import PublicError, checked_name
from gateway.entrypoints.graphql.types.risk import RiskLevel, Trend

Info = strawberry.Info[Context, None]
MAX_CSV_BYTES = 4 * 1024 * 1024  # 100,000 VAT numbers with room for a second column
MAX_REJECTED_SHOWN = 100
SNAPSHOT_SECONDS = 10.0  # a subscription rereads its owner's watchlists this often
RESUME_WAIT_SECONDS = 2.0  # an event id just published may not be recorded yet


def _owner(info: Info) -> tuple[Principal, FeedStore]:
    ctx = info.context
    principal = ctx.require("risk:subscribe")
    if ctx.feed is None:
        raise PublicError("the partner feed is not available", "UNAVAILABLE")
    return principal, ctx.feed.store


def _public(exc: domain.FeedError) -> PublicError:
    return PublicError(str(exc), exc.code)


def _level(level: RiskLevel | None) -> str | None:
    return level.value if level is not None else None


@strawberry.type(description="Debtors a partner follows, and how loud a change must be.")
class Watchlist:
    id: strawberry.ID
    name: str
    min_level: RiskLevel = strawberry.field(
        description="Changes that leave or reach at least this level."
    )
    min_score_move: int = strawberry.field(
        description="Without a level change, the score must move at least this much."
    )
    model_changes: bool = strawberry.field(
        description="Whether changes a new scoring model made are wanted (muted by default)."
    )
    countries: list[str] = strawberry.field(description="Every debtor of these countries.")
    sectors: list[str] = strawberry.field(
        description="Every debtor in these NACE codes (F covers F41)."
    )
    vat_count: int
    created_at: datetime | None

    @strawberry.field(description="Its VAT numbers in order, after `after` (100 at most).")
    async def vats(self, info: Info, first: int = 100, after: str = "") -> list[str]:
        principal, store = _owner(info)
        return await store.watchlist_vats(
            principal.owner_id, str(self.id), after, max(0, min(first, 100))
        )

    @classmethod
    def of(cls, w: domain.Watchlist) -> Watchlist:
        return cls(
            id=strawberry.ID(w.id),
            name=w.name,
            min_level=RiskLevel(w.min_level),
            min_score_move=w.min_score_move,
            model_changes=w.model_changes,
            countries=sorted(w.countries),
            sectors=sorted(w.sectors),
            vat_count=w.vat_count,
            created_at=w.created_at,
        )


@strawberry.input
class WatchlistInput:
    name: str
    vats: list[str] = strawberry.field(default_factory=list)
    countries: list[str] = strawberry.field(default_factory=list)
    sectors: list[str] = strawberry.field(default_factory=list)
    min_level: RiskLevel = RiskLevel.LOW
    min_score_move: int = 0
    model_changes: bool = False


@strawberry.input(description="What to change; what is left out stays.")
class WatchlistRulesInput:
    name: str | None = None
    countries: list[str] | None = None
    sectors: list[str] | None = None
    min_level: RiskLevel | None = None
    min_score_move: int | None = None
    model_changes: bool | None = None


@strawberry.type
class RejectedVat:
    line: int = strawberry.field(description="The CSV line, or the position in the list (1..)")
    value: str = strawberry.field(description="The value, cut to 40 characters")
    message: str


@strawberry.type
class WatchlistChange:
    watchlist: Watchlist
    added: int
    already_listed: int
    rejected_count: int
    rejected: list[RejectedVat] = strawberry.field(description="The first 100 refused.")


@strawberry.enum
class WebhookState(Enum):
    ACTIVE = "active"
    PAUSED = "paused"


@strawberry.type
class Webhook:
    id: strawberry.ID
    url: str
    digest_seconds: int = strawberry.field(
        description="0: one call per change; otherwise one call per period with all changes."
    )
    state: WebhookState
    paused_reason: str | None
    paused_at: datetime | None
    failures: int = strawberry.field(description="Failed calls since the last success.")
    last_error: str | None
    last_success_at: datetime | None
    created_at: datetime
    pending: int = strawberry.field(description="Deliveries waiting (or being retried).")
    dead_letters: int

    @classmethod
    def of(cls, w: store_types.Webhook) -> Webhook:
        return cls(
            id=strawberry.ID(w.id),
            url=w.url,
            digest_seconds=w.digest_seconds,
            state=WebhookState(w.state),
            paused_reason=w.paused_reason,
            paused_at=w.paused_at,
            failures=w.failures,
            last_error=w.last_error,
            last_success_at=w.last_success_at,
            created_at=w.created_at,
            pending=w.pending,
            dead_letters=w.dead,
        )


@strawberry.type(description="A new webhook and its signing secret (shown this once).")
class WebhookRegistration:
    webhook: Webhook
    secret: str


@strawberry.type(description="A delivery given up after the retry window.")
class DeadLetter:
    id: strawberry.ID
    event_id: strawberry.ID
    vat: str
    attempts: int
    last_status: int | None
    last_error: str | None
    first_attempt_at: datetime | None
    payload: JSON = strawberry.field(description="The body the webhook was sent.")


@strawberry.type
class RiskReason:
    code: str
    points: int
    sentence: str


@strawberry.type(description="A debtor's risk changed (level, or the score moved enough).")
class RiskChange:
    id: strawberry.ID = strawberry.field(
        description="The event id (webhooks carry the same): resume after it."
    )
    sequence: int = strawberry.field(description="Its position in the feed; also a resume point")
    vat: str
    country: str
    sector: str
    previous_score: int | None
    previous_level: RiskLevel | None
    score: int
    level: RiskLevel
    changed_at: datetime
    reasons: list[RiskReason]
    trend: Trend
    cause: str = strawberry.field(description="new_facts, ageing, rescore or model_change")
    model_version: str
    model_change: bool
    watchlists: list[strawberry.ID] = strawberry.field(description="Your lists that wanted it.")

    @classmethod
    def of(cls, c: domain.RiskChange, watchlists: list[str]) -> RiskChange:
        return cls(
            id=strawberry.ID(c.event_id),
            sequence=c.sequence,
            vat=c.vat,
            country=c.country,
            sector=c.sector,
            previous_score=c.previous_score,
            previous_level=RiskLevel(c.previous_level) if c.previous_level else None,
            score=c.score,
            level=RiskLevel(c.level),
            changed_at=c.changed_at,
            reasons=[
                RiskReason(code=r.code, points=r.points, sentence=r.sentence) for r in c.reasons
            ],
            trend=Trend(c.trend),
            cause=c.cause,
            model_version=c.model_version,
            model_change=c.model_change,
            watchlists=[strawberry.ID(w) for w in watchlists],
        )


def _checked_rules(
    min_level: str, min_score_move: int, countries: list[str], sectors: list[str]
) -> dict[str, object]:
    try:
        level, move, codes, nace = domain.checked_rules(
            min_level, min_score_move, countries, sectors
        )
    except domain.FeedError as exc:
        raise _public(exc) from exc
    return {"min_level": level, "min_score_move": move, "countries": codes, "sectors": nace}


def _parse_vats(values: list[tuple[int, str]]) -> tuple[list[str], list[RejectedVat], int]:
    good: list[str] = []
    rejected: list[RejectedVat] = []
    count = 0
    for line, raw in values:
        try:
            good.append(parse_vat(raw).number)
        except InvalidVatNumber as exc:
            count += 1
            if len(rejected) < MAX_REJECTED_SHOWN:
                shown = raw if len(raw) <= 40 else raw[:37] + "..."
                message = str(exc) if len(str(exc)) <= 200 else "not a valid VAT number"
                rejected.append(RejectedVat(line=line, value=shown, message=message))
    return good, rejected, count


async def _change(
    store: FeedStore, owner: str, watchlist_id: str, values: list[tuple[int, str]]
) -> WatchlistChange:
    good, rejected, count = _parse_vats(values)
    current = await store.watchlist(owner, watchlist_id)
    if current is None:
        raise PublicError("no watchlist of yours with that id", "NOT_FOUND")
    if current.vat_count + len(set(good)) > domain.MAX_WATCHLIST_VATS:
        raise PublicError(
            f"a watchlist holds {domain.MAX_WATCHLIST_VATS:,} VAT numbers at most", "TOO_LARGE"
        )
    added = await store.add_vats(owner, watchlist_id, good)
    if added is None:  # deleted meanwhile
        raise PublicError("no watchlist of yours with that id", "NOT_FOUND")
    return WatchlistChange(
        watchlist=Watchlist.of(replace(current, vat_count=current.vat_count + added)),
        added=added,
        already_listed=len(set(good)) - added,
        rejected_count=count,
        rejected=rejected,
    )


@strawberry.type
class PartnerQuery:
    @strawberry.field(description="Your watchlists. Needs risk:subscribe.")
    async def watchlists(self, info: Info) -> list[Watchlist]:
        principal, store = _owner(info)
        return [Watchlist.of(w) for w in await store.watchlists(principal.owner_id)]

    @strawberry.field(description="Your webhooks with their state. Needs risk:subscribe.")
    async def webhooks(self, info: Info) -> list[Webhook]:
        principal, store = _owner(info)
        return [Webhook.of(w) for w in await store.webhooks(principal.owner_id)]

    @strawberry.field(
        description="Deliveries of a webhook given up after the retry window, oldest first "
        "(100 at most, after the delivery id `after`); replay them with replayDeadLetters."
    )
    async def dead_letters(
        self, info: Info, webhook_id: strawberry.ID, first: int = 100, after: int = 0
    ) -> list[DeadLetter]:
        principal, store = _owner(info)
        letters = await store.dead_letters(
            principal.owner_id, str(webhook_id), max(0, min(first, 100)), after
        )
        return [
            DeadLetter(
                id=strawberry.ID(str(d.delivery_id)),
                event_id=strawberry.ID(d.event_id),
                vat=d.vat,
                attempts=d.attempts,
                last_status=d.last_status,
                last_error=d.last_error,
                first_attempt_at=d.first_attempt_at,
                payload=cast(JSON, d.payload),
            )
            for d in letters
        ]


@strawberry.type
class PartnerMutation:
    @strawberry.mutation(
        description="A watchlist: VAT numbers (500 per request; importWatchlist for a CSV "
        "of up to 100,000), whole countries and NACE sectors, a minimum level and score move, "
        "and whether model-change events are wanted. Needs risk:subscribe."
    )
    async def create_watchlist(self, info: Info, input: WatchlistInput) -> WatchlistChange:
        principal, store = _owner(info)
        check_batch(info, len(input.vats))
        rules = _checked_rules(
            input.min_level.value, input.min_score_move, input.countries, input.sectors
        )
        created = await store.create_watchlist(
            principal.owner_id, checked_name(input.name), model_changes=input.model_changes, **rules
        )
        return await _change(store, principal.owner_id, created.id, list(enumerate(input.vats, 1)))

    @strawberry.mutation(description="Change a watchlist's name or rules.")
    async def update_watchlist(
        self, info: Info, id: strawberry.ID, input: WatchlistRulesInput
    ) -> Watchlist:
        principal, store = _owner(info)
        current = await store.watchlist(principal.owner_id, str(id))
        if current is None:
            raise PublicError("no watchlist of yours with that id", "NOT_FOUND")
        rules = _checked_rules(
            _level(input.min_level) or current.min_level,
            current.min_score_move if input.min_score_move is None else input.min_score_move,
            sorted(current.countries) if input.countries is None else input.countries,
            sorted(current.sectors) if input.sectors is None else input.sectors,
        )
        updated = await store.update_watchlist(
            principal.owner_id,
            str(id),
            name=checked_name(input.name) if input.name is not None else None,
            model_changes=input.model_changes,
            **rules,
        )
        assert updated is not None
        return Watchlist.of(updated)

    @strawberry.mutation(description="Delete a watchlist.")
    async def delete_watchlist(self, info: Info, id: strawberry.ID) -> bool:
        principal, store = _owner(info)
        if not await store.delete_watchlist(principal.owner_id, str(id)):
            raise PublicError("no watchlist of yours with that id", "NOT_FOUND")
        return True

    @strawberry.mutation(description="Add VAT numbers (500 per request, bad ones listed).")
    async def add_to_watchlist(
        self, info: Info, id: strawberry.ID, vats: list[str]
    ) -> WatchlistChange:
        principal, store = _owner(info)
        check_batch(info, len(vats))
        return await _change(store, principal.owner_id, str(id), list(enumerate(vats, 1)))

    @strawberry.mutation(description="Remove VAT numbers; how many were on the list.")
    async def remove_from_watchlist(self, info: Info, id: strawberry.ID, vats: list[str]) -> int:
        principal, store = _owner(info)
        check_batch(info, len(vats))
        good, _, _ = _parse_vats(list(enumerate(vats, 1)))
        removed = await store.remove_vats(principal.owner_id, str(id), good)
        if removed is None:
            raise PublicError("no watchlist of yours with that id", "NOT_FOUND")
        return removed

    @strawberry.mutation(
        description="Add the VAT numbers of a CSV file (first column; a header line is "
        "skipped; at most 100,000 lines and 4 MB). Bad numbers are listed with their line."
    )
    async def import_watchlist(
        self, info: Info, id: strawberry.ID, file: Upload
    ) -> WatchlistChange:
        principal, store = _owner(info)
        upload = cast(UploadFile, file)
        await upload.seek(0)
        data = await upload.read(MAX_CSV_BYTES + 1)
        if len(data) > MAX_CSV_BYTES:
            raise PublicError("a watchlist CSV is at most 4 MB", "TOO_LARGE")
        text = data.decode("utf-8-sig", errors="replace")
        try:
            values = list(domain.watchlist_vats_from_csv(text))
        except domain.FeedError as exc:
            raise _public(exc) from exc
        return await _change(store, principal.owner_id, str(id), values)

    @strawberry.mutation(
        description="Register an HTTPS webhook for your watchlists' changes (plain HTTP only to "
        "loopback on a development stack). Calls are signed (webhook-id, webhook-timestamp, "
        "webhook-signature: HMAC-SHA256 of id.timestamp.body with the secret); retried with "
        "back-off for 24 hours, then dead-lettered and the webhook paused. digestSeconds > 0 "
        "sends one call per period with every change in it."
    )
    async def create_webhook(
        self, info: Info, url: str, digest_seconds: int = 0
    ) -> WebhookRegistration:
        principal, store = _owner(info)
        feed = info.context.feed
        assert feed is not None
        if not 0 <= digest_seconds <= 86_400:
            raise PublicError("a digest period is 0 to 86,400 seconds", "INVALID_ARGUMENT")
        try:
            target = domain.checked_url(url, feed.allow_loopback)
            domain.checked_addresses(await resolve(target.host, target.port), feed.allow_loopback)
        except domain.FeedError as exc:
            raise _public(exc) from exc
        except OSError as exc:
            raise PublicError("the webhook's host name does not resolve", "UNRESOLVABLE") from exc
        webhook, secret = await store.create_webhook(
            principal.owner_id, principal.key_id, url, digest_seconds
        )
        return WebhookRegistration(webhook=Webhook.of(webhook), secret=secret)

    @strawberry.mutation(
        description="A new signing secret; the old ones keep signing too for overlapHours "
        "(both signatures in the header), so receivers can switch without losing a call."
    )
    async def rotate_webhook_secret(
        self, info: Info, id: strawberry.ID, overlap_hours: float = 24.0
    ) -> str:
        principal, store = _owner(info)
        if not 0 <= overlap_hours <= 24 * 30:
            raise PublicError("an overlap is 0 to 720 hours", "INVALID_ARGUMENT")
        secret = await store.rotate_secret(
            principal.owner_id, str(id), timedelta(hours=overlap_hours)
        )
        if secret is None:
            raise PublicError("no webhook of yours with that id", "NOT_FOUND")
        return secret

    @strawberry.mutation(description="Stop calling a webhook; changes wait for it.")
    async def pause_webhook(self, info: Info, id: strawberry.ID) -> Webhook:
        principal, store = _owner(info)
        webhook = await store.set_state(principal.owner_id, str(id), active=False)
        if webhook is None:
            raise PublicError("no webhook of yours with that id", "NOT_FOUND")
        return Webhook.of(webhook)

    @strawberry.mutation(
        description="Call a paused webhook again (what waited goes first); it is bound to the "
        "key that resumes it."
    )
    async def resume_webhook(self, info: Info, id: strawberry.ID) -> Webhook:
        principal, store = _owner(info)
        webhook = await store.set_state(
            principal.owner_id, str(id), active=True, key_id=principal.key_id
        )
        if webhook is None:
            raise PublicError("no webhook of yours with that id", "NOT_FOUND")
        if info.context.feed is not None:
            info.context.feed.wake()
        return Webhook.of(webhook)

    @strawberry.mutation(description="Delete a webhook and what waits for it.")
    async def delete_webhook(self, info: Info, id: strawberry.ID) -> bool:
        principal, store = _owner(info)
        if not await store.delete_webhook(principal.owner_id, str(id)):
            raise PublicError("no webhook of yours with that id", "NOT_FOUND")
        return True

    @strawberry.mutation(
        description="Queue dead letters again (all of the webhook's, or the ids given), with "
        "a fresh retry window; how many."
    )
    async def replay_dead_letters(
        self, info: Info, webhook_id: strawberry.ID, ids: list[strawberry.ID] | None = None
    ) -> int:
        principal, store = _owner(info)
        wanted = None
        if ids is not None:
            if len(ids) > 500:
                raise PublicError("at most 500 ids per request", "BATCH_TOO_LARGE")
            if not all(str(i).isdigit() for i in ids):
                raise PublicError("dead-letter ids are numbers", "INVALID_ARGUMENT")
            wanted = [int(i) for i in ids]
        count = await store.replay(principal.owner_id, str(webhook_id), wanted)
        if count and info.context.feed is not None:
            info.context.feed.wake()
        return count


async def _resume_point(store: FeedStore, after: str) -> int:
    if after.isdigit():
        return int(after)
    deadline = time.monotonic() + RESUME_WAIT_SECONDS
    while (seq := await store.sequence_of(after)) is None:
        if time.monotonic() > deadline:
            raise PublicError(
                "no such event id in the feed; resume with its sequence or a time", "NOT_FOUND"
            )
        await asyncio.sleep(0.2)
    return seq


@strawberry.type
class PartnerSubscription:
    @strawberry.subscription(
        description="Risk changes your watchlists want, in order per debtor. Reconnect with "
        "`after` (the last id or sequence you received) or `since` (a time) to get what you "
        "missed from the feed, then live changes. Needs risk:subscribe; ends with "
        "UNAUTHENTICATED when the key is revoked."
    )
    async def risk_changed(
        self, info: Info, after: str | None = None, since: datetime | None = None
    ) -> AsyncGenerator[RiskChange, None]:
        principal, store = _owner(info)
        ctx = info.context
        assert ctx.feed is not None
        if after is not None and since is not None:
            raise PublicError("give after or since, not both", "INVALID_ARGUMENT")
        start = await _resume_point(store, after) if after is not None else None
        lists = await store.snapshot(principal.owner_id)
        read_at = time.monotonic()
        with ctx.watching(principal.key_id) as revoked:
            async for change in replay(
                ctx.feed.js, ctx.feed.ns, after=start, since=since, until=revoked
            ):
                if time.monotonic() - read_at > SNAPSHOT_SECONDS:
                    lists = await store.snapshot(principal.owner_id)
                    read_at = time.monotonic()
                wanted = [w.id for w, vats in lists if w.wants(change, change.vat in vats)]
                if wanted:
                    yield RiskChange.of(change, wanted)
        raise PublicError("this API key was revoked", "UNAUTHENTICATED")
