"""The partner-feed resolvers against a fake feed store and a fake JetStream: how stored
watchlists, webhooks and dead letters become GraphQL types, that everything is asked for
the caller's owner (its member, or its partner shared by the partner's keys) so another
owner's ids are NOT_FOUND, that bad input is refused with a typed code before the store is
asked, and what the ``riskChanged`` subscription streams: only the changes a list wants,
from where it was asked to resume, until the key is revoked."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncGenerator, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any, cast

import pytest
from nats.js import JetStreamContext
from nats.js.api import DeliverPolicy
from strawberry.types import ExecutionResult

from chassis.events import HEADER_EVENT_TYPE, HEADER_MSG_ID
from chassis.messaging import Namespace
from gateway.adapters.clients import Backends
from gateway.adapters.feed import DeadLetter, FeedStore, Webhook
from gateway.adapters.notices import DocumentNotices
from gateway.adapters.risk_feed import PartnerFeed
from gateway.domain.feed import MAX_WATCHLIST_VATS, Watchlist
from gateway.domain.model import MEMBER_SCOPES, Principal
from gateway.entrypoints.graphql import partners
from gateway.entrypoints.graphql.context import Context
from gateway.entrypoints.graphql.schema import schema
from kmo.scoring.v1 import events_pb2, scoring_pb2
from kmo.types.v1 import types_pb2

FEED = frozenset({"risk:subscribe"})
PARTNER = Principal("k-p1", None, FEED, partner_id="p-insurer")
PARTNER_OTHER_KEY = Principal("k-p2", None, FEED, partner_id="p-insurer")
OTHER_PARTNER = Principal("k-q1", None, FEED, partner_id="p-collector")
MEMBER = Principal("k-m1", "tenant-1", MEMBER_SCOPES, "BE0123456749")
READER = Principal("k-r1", "tenant-1", frozenset({"risk:read", "invoices:read"}), "BE0123456749")
AT = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
LISTED, UNLISTED = "BE0403170701", "BE0202239951"
PUBLIC_HOOK = "https://93.184.215.14/hooks/kmo"  # a literal address: nothing to resolve


def hook(id: str, owner_id: str, **changes: Any) -> Webhook:
    return replace(
        Webhook(
            id=id,
            owner_id=owner_id,
            url=PUBLIC_HOOK,
            digest_seconds=0,
            state="active",
            paused_reason=None,
            paused_at=None,
            failures=0,
            last_error=None,
            last_success_at=None,
            created_at=AT,
        ),
        **changes,
    )


@dataclass
class FakeFeedStore:
    """The feed store in memory, scoped by owner as the SQL one is; ``asked`` lists every
    call's name and owner in order."""

    lists: dict[str, Watchlist] = field(default_factory=dict)
    vats: dict[str, list[str]] = field(default_factory=dict)
    hooks: dict[str, Webhook] = field(default_factory=dict)
    letters: list[DeadLetter] = field(default_factory=list)
    sequences: dict[str, int] = field(default_factory=dict)
    asked: list[tuple[str, str, tuple[object, ...]]] = field(default_factory=list)

    def _ask(self, name: str, owner_id: str, *args: object) -> None:
        self.asked.append((name, owner_id, args))

    def _list(self, owner_id: str, watchlist_id: str) -> Watchlist | None:
        found = self.lists.get(watchlist_id)
        return found if found is not None and found.owner_id == owner_id else None

    def _hook(self, owner_id: str, webhook_id: str) -> Webhook | None:
        found = self.hooks.get(webhook_id)
        return found if found is not None and found.owner_id == owner_id else None

    async def create_watchlist(self, owner_id: str, name: str, **rules: Any) -> Watchlist:
        self._ask("create_watchlist", owner_id, name, rules)
        made = Watchlist(id=f"w{len(self.lists) + 1}", owner_id=owner_id, name=name, **rules)
        self.lists[made.id], self.vats[made.id] = made, []
        return made

    async def update_watchlist(
        self, owner_id: str, watchlist_id: str, **changes: Any
    ) -> Watchlist | None:
        self._ask("update_watchlist", owner_id, watchlist_id, changes)
        current = self._list(owner_id, watchlist_id)
        if current is None:
            return None
        wanted = {k: v for k, v in changes.items() if v is not None}
        self.lists[watchlist_id] = replace(current, **wanted)
        return self.lists[watchlist_id]

    async def delete_watchlist(self, owner_id: str, watchlist_id: str) -> bool:
        self._ask("delete_watchlist", owner_id, watchlist_id)
        return self._list(owner_id, watchlist_id) is not None

    async def watchlists(self, owner_id: str) -> list[Watchlist]:
        self._ask("watchlists", owner_id)
        return [w for w in self.lists.values() if w.owner_id == owner_id]

    async def watchlist(self, owner_id: str, watchlist_id: str) -> Watchlist | None:
        self._ask("watchlist", owner_id, watchlist_id)
        current = self._list(owner_id, watchlist_id)
        return replace(current, vat_count=len(self.vats[current.id])) if current else None

    async def watchlist_vats(
        self, owner_id: str, watchlist_id: str, after: str = "", limit: int = 100
    ) -> list[str]:
        self._ask("watchlist_vats", owner_id, watchlist_id, after, limit)
        if self._list(owner_id, watchlist_id) is None:
            return []
        return [v for v in sorted(self.vats[watchlist_id]) if v > after][:limit]

    async def add_vats(self, owner_id: str, watchlist_id: str, vats: list[str]) -> int | None:
        self._ask("add_vats", owner_id, watchlist_id, list(vats))
        if self._list(owner_id, watchlist_id) is None:
            return None
        new = [v for v in dict.fromkeys(vats) if v not in self.vats[watchlist_id]]
        self.vats[watchlist_id] += new
        return len(new)

    async def remove_vats(self, owner_id: str, watchlist_id: str, vats: list[str]) -> int | None:
        self._ask("remove_vats", owner_id, watchlist_id, list(vats))
        if self._list(owner_id, watchlist_id) is None:
            return None
        before = self.vats[watchlist_id]
        self.vats[watchlist_id] = [v for v in before if v not in vats]
        return len(before) - len(self.vats[watchlist_id])

    async def snapshot(self, owner_id: str) -> list[tuple[Watchlist, frozenset[str]]]:
        self._ask("snapshot", owner_id)
        mine = [w for w in self.lists.values() if w.owner_id == owner_id]
        return [(w, frozenset(self.vats[w.id])) for w in mine]

    async def sequence_of(self, event_id: str) -> int | None:
        self._ask("sequence_of", "", event_id)
        return self.sequences.get(event_id)

    async def create_webhook(
        self, owner_id: str, key_id: str, url: str, digest_seconds: int = 0
    ) -> tuple[Webhook, str]:
        self._ask("create_webhook", owner_id, key_id, url, digest_seconds)
        made = hook(f"h{len(self.hooks) + 1}", owner_id, url=url, digest_seconds=digest_seconds)
        self.hooks[made.id] = made
        return made, "whsec_c2VjcmV0"

    async def webhooks(self, owner_id: str) -> list[Webhook]:
        self._ask("webhooks", owner_id)
        return [h for h in self.hooks.values() if h.owner_id == owner_id]

    async def delete_webhook(self, owner_id: str, webhook_id: str) -> bool:
        self._ask("delete_webhook", owner_id, webhook_id)
        if self._hook(owner_id, webhook_id) is None:
            return False
        del self.hooks[webhook_id]
        return True

    async def set_state(
        self, owner_id: str, webhook_id: str, *, active: bool, key_id: str | None = None
    ) -> Webhook | None:
        self._ask("set_state", owner_id, webhook_id, active, key_id)
        current = self._hook(owner_id, webhook_id)
        if current is None:
            return None
        self.hooks[webhook_id] = replace(current, state="active" if active else "paused")
        return self.hooks[webhook_id]

    async def rotate_secret(self, owner_id: str, webhook_id: str, overlap: timedelta) -> str | None:
        self._ask("rotate_secret", owner_id, webhook_id, overlap)
        return "whsec_bmV3" if self._hook(owner_id, webhook_id) else None

    async def dead_letters(
        self, owner_id: str, webhook_id: str, limit: int = 100, after: int = 0
    ) -> list[DeadLetter]:
        self._ask("dead_letters", owner_id, webhook_id, limit, after)
        if self._hook(owner_id, webhook_id) is None:
            return []
        return [d for d in self.letters if d.delivery_id > after][:limit]

    async def replay(
        self, owner_id: str, webhook_id: str, delivery_ids: list[int] | None = None
    ) -> int:
        self._ask("replay", owner_id, webhook_id, delivery_ids)
        if self._hook(owner_id, webhook_id) is None:
            return 0
        return len(
            [d for d in self.letters if delivery_ids is None or d.delivery_id in delivery_ids]
        )


# --- a fake JetStream for the riskChanged subscription ------------------------------------


@dataclass(frozen=True)
class Position:
    stream: int


@dataclass(frozen=True)
class Metadata:
    sequence: Position


@dataclass(frozen=True)
class Msg:
    data: bytes
    headers: dict[str, str]
    metadata: Metadata


@dataclass
class Subscription:
    messages: asyncio.Queue[Msg]
    unsubscribed: bool = False

    async def next_msg(self, timeout: float | None = None) -> Msg:  # noqa: ASYNC109
        return await self.messages.get()

    async def unsubscribe(self) -> None:
        self.unsubscribed = True


@dataclass
class FakeJetStream:
    """What ``replay`` asks of JetStream: one ordered consumer per subscription, fed from
    ``messages``; ``subscribed`` keeps each consumer's subject and options."""

    messages: asyncio.Queue[Msg] = field(default_factory=asyncio.Queue)
    subscribed: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    subscriptions: list[Subscription] = field(default_factory=list)

    async def subscribe(self, subject: str, **options: Any) -> Subscription:
        self.subscribed.append((subject, options))
        self.subscriptions.append(Subscription(self.messages))
        return self.subscriptions[-1]

    def publish(self, sequence: int, vat: str, **fields: Any) -> None:
        values: dict[str, Any] = {
            "sector": "F41.20",
            "previous_score": 28,
            "previous_level": scoring_pb2.RISK_LEVEL_LOW,
            "score": 61,
            "level": scoring_pb2.RISK_LEVEL_HIGH,
            "cause": events_pb2.CAUSE_NEW_FACTS,
            "trend": scoring_pb2.TREND_DETERIORATING,
            "model_version": "m3",
        }
        event = events_pb2.RiskChanged(
            company=types_pb2.CompanyRef(country="BE", vat=vat), **(values | fields)
        )
        event.changed_at.FromDatetime(AT)
        event.reasons.add(reason="late_payments", points=20, sentence="pays late")
        headers = {
            HEADER_EVENT_TYPE: events_pb2.RiskChanged.DESCRIPTOR.full_name,
            HEADER_MSG_ID: f"e-{sequence}",
        }
        msg = Msg(event.SerializeToString(), headers, Metadata(Position(sequence)))
        self.messages.put_nowait(msg)


@dataclass
class Bell:
    rung: int = 0

    def __call__(self) -> None:
        self.rung += 1


@dataclass
class Revocations:
    """The key store's revocation watch: ``revoke`` sets the event a watcher holds."""

    events: dict[str, asyncio.Event] = field(default_factory=dict)

    @contextlib.contextmanager
    def watching(self, key_id: str) -> Iterator[asyncio.Event]:
        event = self.events.setdefault(key_id, asyncio.Event())
        yield event

    def revoke(self, key_id: str) -> None:
        self.events.setdefault(key_id, asyncio.Event()).set()


@dataclass
class Feed:
    store: FakeFeedStore = field(default_factory=FakeFeedStore)
    js: FakeJetStream = field(default_factory=FakeJetStream)
    bell: Bell = field(default_factory=Bell)
    revocations: Revocations = field(default_factory=Revocations)
    allow_loopback: bool = False
    available: bool = True

    def context(self, principal: Principal | None) -> Context:
        feed = PartnerFeed(
            store=cast(FeedStore, self.store),
            js=cast(JetStreamContext, self.js),
            ns=Namespace(),
            allow_loopback=self.allow_loopback,
            wake=self.bell,
        )
        return Context(
            request=None,  # type: ignore[arg-type]  # these resolvers never read the request
            response=None,
            principal=principal,
            backends=cast(Backends, SimpleNamespace()),
            timeout=5,
            internal_key="k" * 32,
            notices=cast(DocumentNotices, None),
            feed=feed if self.available else None,
            watching=self.revocations.watching,
        )

    async def run(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        principal: Principal | None = PARTNER,
    ) -> ExecutionResult:
        return await schema.execute(
            query, variable_values=variables, context_value=self.context(principal)
        )

    async def subscribe(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        principal: Principal | None = PARTNER,
    ) -> AsyncGenerator[ExecutionResult, None]:
        stream = await schema.subscribe(
            query, variable_values=variables, context_value=self.context(principal)
        )
        assert not isinstance(stream, ExecutionResult), stream
        return stream

    def listing(self, owner_id: str, vats: Sequence[str] = (), **rules: Any) -> Watchlist:
        made = Watchlist(
            id=f"w{len(self.store.lists) + 1}", owner_id=owner_id, name="portfolio", **rules
        )
        self.store.lists[made.id], self.store.vats[made.id] = made, list(vats)
        return made

    def stored(self) -> list[str]:
        """The store calls that change something."""
        reads = {"watchlist", "watchlists", "watchlist_vats", "webhooks", "snapshot"}
        return [name for name, _, _ in self.store.asked if name not in reads]


def code(result: ExecutionResult) -> object:
    assert result.errors, result.data
    return (result.errors[0].extensions or {}).get("code")


WATCHLISTS = """{ watchlists { id name minLevel minScoreMove modelChanges countries sectors
  vatCount vats } }"""
CREATE_WATCHLIST = """mutation($input: WatchlistInput!) { createWatchlist(input: $input) {
  watchlist { id name minLevel minScoreMove countries sectors vatCount }
  added alreadyListed rejectedCount rejected { line value message } } }"""
ADD = """mutation($id: ID!, $vats: [String!]!) { addToWatchlist(id: $id, vats: $vats) {
  added alreadyListed rejectedCount watchlist { vatCount } } }"""
WEBHOOK_FIELDS = """id url digestSeconds state pausedReason pausedAt failures lastError
  lastSuccessAt createdAt pending deadLetters"""
CREATE_WEBHOOK = f"""mutation($url: String!, $digest: Int! = 0) {{
  createWebhook(url: $url, digestSeconds: $digest) {{ secret webhook {{ {WEBHOOK_FIELDS} }} }} }}"""
RISK_CHANGED = """subscription($after: String, $since: DateTime) {
  riskChanged(after: $after, since: $since) { id sequence vat country sector previousScore
    previousLevel score level changedAt reasons { code points sentence } trend cause
    modelVersion modelChange watchlists } }"""


# --- watchlists ---------------------------------------------------------------------------


async def test_watchlists_are_the_owners_with_their_rules_sorted_and_their_vats() -> None:
    feed = Feed()
    mine = feed.listing(
        "p-insurer",
        [LISTED, UNLISTED],
        min_level="high",
        min_score_move=10,
        countries=frozenset({"NL", "BE"}),
        sectors=frozenset({"F41", "C"}),
    )
    feed.listing("p-collector", [LISTED])

    result = await feed.run(WATCHLISTS)

    assert not result.errors, result.errors
    assert result.data == {
        "watchlists": [
            {
                "id": mine.id,
                "name": "portfolio",
                "minLevel": "HIGH",
                "minScoreMove": 10,
                "modelChanges": False,
                "countries": ["BE", "NL"],
                "sectors": ["C", "F41"],
                "vatCount": 0,
                "vats": [UNLISTED, LISTED],
            }
        ]
    }
    assert ("watchlists", "p-insurer", ()) in feed.store.asked


async def test_a_partners_keys_share_its_lists_and_a_member_owns_its_own() -> None:
    feed = Feed()
    feed.listing("p-insurer")
    feed.listing("tenant-1")

    first = await feed.run("{ watchlists { id } }", principal=PARTNER)
    second = await feed.run("{ watchlists { id } }", principal=PARTNER_OTHER_KEY)
    member = await feed.run("{ watchlists { id } }", principal=MEMBER)

    assert first.data == second.data == {"watchlists": [{"id": "w1"}]}
    assert member.data == {"watchlists": [{"id": "w2"}]}


async def test_a_new_watchlist_has_checked_rules_compact_vats_and_the_bad_ones_listed() -> None:
    feed = Feed()
    vats = ["be 0403.170.701", "BE0403170701", "BE0123456748", "x" * 50, "BE0202239951"]
    given = {
        "name": "  debiteuren ",
        "vats": vats,
        "countries": [" nl"],
        "sectors": ["f41"],
        "minLevel": "MEDIUM",
        "minScoreMove": 5,
    }

    result = await feed.run(CREATE_WATCHLIST, {"input": given})

    assert not result.errors, result.errors
    change = result.data["createWatchlist"] if result.data else {}
    assert change["watchlist"] == {
        "id": "w1",
        "name": "debiteuren",
        "minLevel": "MEDIUM",
        "minScoreMove": 5,
        "countries": ["NL"],
        "sectors": ["F41"],
        "vatCount": 2,
    }
    assert (change["added"], change["alreadyListed"], change["rejectedCount"]) == (2, 0, 2)
    assert [(r["line"], r["value"]) for r in change["rejected"]] == [
        (3, "BE0123456748"),
        (4, "x" * 37 + "..."),
    ]
    assert feed.store.asked[0] == (
        "create_watchlist",
        "p-insurer",
        (
            "debiteuren",
            {
                "min_level": "medium",
                "min_score_move": 5,
                "countries": frozenset({"NL"}),
                "sectors": frozenset({"F41"}),
                "model_changes": False,
            },
        ),
    )
    assert ("add_vats", "p-insurer", ("w1", [LISTED, LISTED, UNLISTED])) in feed.store.asked


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({"name": "x", "minScoreMove": 101}, "INVALID_ARGUMENT"),
        ({"name": "x", "countries": ["Belgium"]}, "INVALID_ARGUMENT"),
        ({"name": "x", "sectors": ["41F"]}, "INVALID_ARGUMENT"),
        ({"name": "   "}, "INVALID_ARGUMENT"),
        ({"name": "x", "vats": [LISTED] * 501}, "BATCH_TOO_LARGE"),
    ],
)
async def test_a_bad_watchlist_is_refused_before_anything_is_stored(
    given: dict[str, Any], expected: str
) -> None:
    feed = Feed()

    result = await feed.run(CREATE_WATCHLIST, {"input": given})

    assert code(result) == expected
    assert feed.store.asked == []


async def test_the_feed_needs_the_subscribe_scope_a_live_key_and_the_feed() -> None:
    feed, unavailable = Feed(), Feed(available=False)
    feed.listing("tenant-1")
    queries = [
        "{ watchlists { id } }",
        "{ webhooks { id } }",
        'mutation { deleteWatchlist(id: "w1") }',
    ]

    for query in queries:
        assert code(await feed.run(query, principal=READER)) == "FORBIDDEN"
        assert code(await feed.run(query, principal=None)) == "UNAUTHENTICATED"
        assert code(await unavailable.run(query, principal=MEMBER)) == "UNAVAILABLE"
    assert feed.store.asked == [] and unavailable.store.asked == []


async def test_another_owners_watchlist_is_not_found_and_stays_as_it_was() -> None:
    feed = Feed()
    theirs = feed.listing("p-collector", [LISTED])
    variables = {"id": theirs.id, "vats": [UNLISTED]}

    added = await feed.run(ADD, variables)
    removed = await feed.run(
        "mutation($id: ID!, $vats: [String!]!) { removeFromWatchlist(id: $id, vats: $vats) }",
        {"id": theirs.id, "vats": [LISTED]},
    )
    updated = await feed.run(
        'mutation($id: ID!) { updateWatchlist(id: $id, input: {name: "mine"}) { id } }',
        {"id": theirs.id},
    )
    deleted = await feed.run("mutation($id: ID!) { deleteWatchlist(id: $id) }", {"id": theirs.id})

    assert [code(r) for r in (added, removed, updated, deleted)] == ["NOT_FOUND"] * 4
    assert feed.store.vats[theirs.id] == [LISTED]
    assert feed.store.lists[theirs.id].name == "portfolio"
    assert {owner for _, owner, _ in feed.store.asked} == {"p-insurer"}


async def test_adding_counts_what_was_listed_already_and_refuses_a_list_over_its_size() -> None:
    feed = Feed()
    mine = feed.listing("p-insurer", [LISTED])
    full = feed.listing("p-insurer", [f"BE0{n:09d}" for n in range(MAX_WATCHLIST_VATS)])

    added = await feed.run(ADD, {"id": mine.id, "vats": [LISTED, UNLISTED, "nonsense"]})
    too_many = await feed.run(ADD, {"id": full.id, "vats": [UNLISTED]})

    assert added.data == {
        "addToWatchlist": {
            "added": 1,
            "alreadyListed": 1,
            "rejectedCount": 1,
            "watchlist": {"vatCount": 2},
        }
    }
    assert code(too_many) == "TOO_LARGE"
    assert [args for name, _, args in feed.store.asked if name == "add_vats"] == [
        (mine.id, [LISTED, UNLISTED])
    ]


async def test_an_update_keeps_the_rules_left_out_and_checks_the_rest() -> None:
    feed = Feed()
    mine = feed.listing(
        "p-insurer", min_level="high", min_score_move=10, countries=frozenset({"BE"})
    )
    update = """mutation($id: ID!, $input: WatchlistRulesInput!) {
      updateWatchlist(id: $id, input: $input) {
        name minLevel minScoreMove countries modelChanges } }"""

    result = await feed.run(update, {"id": mine.id, "input": {"minLevel": "CRITICAL"}})
    bad = await feed.run(update, {"id": mine.id, "input": {"minScoreMove": -1}})

    assert result.data == {
        "updateWatchlist": {
            "name": "portfolio",
            "minLevel": "CRITICAL",
            "minScoreMove": 10,
            "countries": ["BE"],
            "modelChanges": False,
        }
    }
    (changed,) = [args for name, _, args in feed.store.asked if name == "update_watchlist"]
    assert changed == (
        mine.id,
        {
            "name": None,
            "model_changes": None,
            "min_level": "critical",
            "min_score_move": 10,
            "countries": frozenset({"BE"}),
            "sectors": frozenset(),
        },
    )
    assert code(bad) == "INVALID_ARGUMENT"


async def test_removing_passes_only_valid_numbers_made_compact() -> None:
    feed = Feed()
    mine = feed.listing("p-insurer", [LISTED, UNLISTED])

    result = await feed.run(
        "mutation($id: ID!, $vats: [String!]!) { removeFromWatchlist(id: $id, vats: $vats) }",
        {"id": mine.id, "vats": ["be0403 170 701", "BE0123456748"]},
    )

    assert result.data == {"removeFromWatchlist": 1}
    assert ("remove_vats", "p-insurer", (mine.id, [LISTED])) in feed.store.asked
    assert feed.store.vats[mine.id] == [UNLISTED]


# --- webhooks -----------------------------------------------------------------------------


async def test_a_webhook_is_registered_for_the_owner_and_the_key_with_its_secret_shown() -> None:
    feed = Feed()

    result = await feed.run(CREATE_WEBHOOK, {"url": PUBLIC_HOOK, "digest": 300})

    assert not result.errors, result.errors
    assert result.data == {
        "createWebhook": {
            "secret": "whsec_c2VjcmV0",
            "webhook": {
                "id": "h1",
                "url": PUBLIC_HOOK,
                "digestSeconds": 300,
                "state": "ACTIVE",
                "pausedReason": None,
                "pausedAt": None,
                "failures": 0,
                "lastError": None,
                "lastSuccessAt": None,
                "createdAt": "2026-12-02T09:00:00+00:00",
                "pending": 0,
                "deadLetters": 0,
            },
        }
    }
    assert feed.store.asked == [("create_webhook", "p-insurer", ("k-p1", PUBLIC_HOOK, 300))]


@pytest.mark.parametrize(
    ("url", "digest", "expected"),
    [
        ("https://10.0.0.7/hook", 0, "FORBIDDEN_ADDRESS"),
        ("https://169.254.169.254/latest/meta-data", 0, "FORBIDDEN_ADDRESS"),
        ("http://93.184.215.14/hook", 0, "INVALID_URL"),  # plain HTTP outside development
        ("http://127.0.0.1:8123/hook", 0, "INVALID_URL"),
        ("https://user:pw@93.184.215.14/hook", 0, "INVALID_URL"),
        (PUBLIC_HOOK, 86_401, "INVALID_ARGUMENT"),
        (PUBLIC_HOOK, -1, "INVALID_ARGUMENT"),
    ],
)
async def test_a_webhook_to_an_unsafe_address_or_with_a_bad_period_is_refused_unstored(
    url: str, digest: int, expected: str
) -> None:
    feed = Feed()

    result = await feed.run(CREATE_WEBHOOK, {"url": url, "digest": digest})

    assert code(result) == expected
    assert feed.store.asked == []


async def test_plain_http_to_loopback_is_registered_on_a_development_stack() -> None:
    feed = Feed(allow_loopback=True)

    result = await feed.run(CREATE_WEBHOOK, {"url": "http://127.0.0.1:8123/hook"})

    assert not result.errors, result.errors
    assert feed.stored() == ["create_webhook"]


async def test_webhooks_show_their_state_queue_and_dead_letters() -> None:
    feed = Feed()
    feed.store.hooks["h1"] = hook(
        "h1",
        "p-insurer",
        state="paused",
        paused_reason="dead letter after 24 hours",
        paused_at=AT,
        failures=31,
        last_error="HTTP 503",
        pending=4,
        dead=1,
    )
    feed.store.hooks["h2"] = hook("h2", "p-collector")

    result = await feed.run(f"{{ webhooks {{ {WEBHOOK_FIELDS} }} }}")

    assert not result.errors, result.errors
    (shown,) = result.data["webhooks"] if result.data else []
    assert (shown["id"], shown["state"], shown["pausedReason"]) == (
        "h1",
        "PAUSED",
        "dead letter after 24 hours",
    )
    assert (shown["failures"], shown["lastError"], shown["pending"], shown["deadLetters"]) == (
        31,
        "HTTP 503",
        4,
        1,
    )
    assert shown["pausedAt"] == "2026-12-02T09:00:00+00:00"


async def test_resuming_binds_the_webhook_to_the_resuming_key_and_wakes_the_deliverer() -> None:
    feed = Feed()
    feed.store.hooks["h1"] = hook("h1", "p-insurer", state="paused")

    paused = await feed.run('mutation { pauseWebhook(id: "h1") { state } }')
    rung_after_pause = feed.bell.rung
    resumed = await feed.run(
        'mutation { resumeWebhook(id: "h1") { state } }', principal=PARTNER_OTHER_KEY
    )

    assert paused.data == {"pauseWebhook": {"state": "PAUSED"}}
    assert resumed.data == {"resumeWebhook": {"state": "ACTIVE"}}
    assert rung_after_pause == 0 and feed.bell.rung == 1
    assert [args for name, _, args in feed.store.asked if name == "set_state"] == [
        ("h1", False, None),
        ("h1", True, "k-p2"),
    ]


async def test_another_owners_webhook_is_not_found_for_every_change() -> None:
    feed = Feed()
    feed.store.hooks["h1"] = hook("h1", "p-collector")
    mutations = [
        'mutation { pauseWebhook(id: "h1") { id } }',
        'mutation { resumeWebhook(id: "h1") { id } }',
        'mutation { rotateWebhookSecret(id: "h1") }',
        'mutation { deleteWebhook(id: "h1") }',
    ]

    results = [await feed.run(m) for m in mutations]

    assert [code(r) for r in results] == ["NOT_FOUND"] * 4
    assert feed.store.hooks["h1"] == hook("h1", "p-collector")
    assert feed.bell.rung == 0


async def test_a_rotation_keeps_the_old_secret_for_the_overlap_asked_within_bounds() -> None:
    feed = Feed()
    feed.store.hooks["h1"] = hook("h1", "p-insurer")

    rotated = await feed.run('mutation { rotateWebhookSecret(id: "h1", overlapHours: 1.5) }')
    too_long = await feed.run('mutation { rotateWebhookSecret(id: "h1", overlapHours: 721) }')

    assert rotated.data == {"rotateWebhookSecret": "whsec_bmV3"}
    assert code(too_long) == "INVALID_ARGUMENT"
    assert [args for name, _, args in feed.store.asked if name == "rotate_secret"] == [
        ("h1", timedelta(hours=1.5))
    ]


async def test_dead_letters_show_the_body_sent_and_pages_hold_100_at_most() -> None:
    feed = Feed()
    feed.store.hooks["h1"] = hook("h1", "p-insurer")
    feed.store.letters = [
        DeadLetter(
            delivery_id=7,
            event_id="e-7",
            vat=LISTED,
            attempts=31,
            last_status=503,
            last_error="HTTP 503",
            first_attempt_at=AT,
            payload={"id": "e-7", "type": "risk.changed"},
        )
    ]

    result = await feed.run(
        '{ deadLetters(webhookId: "h1", first: 500, after: 3) { id eventId vat attempts '
        "lastStatus lastError firstAttemptAt payload } }"
    )

    assert result.data == {
        "deadLetters": [
            {
                "id": "7",
                "eventId": "e-7",
                "vat": LISTED,
                "attempts": 31,
                "lastStatus": 503,
                "lastError": "HTTP 503",
                "firstAttemptAt": "2026-12-02T09:00:00+00:00",
                "payload": {"id": "e-7", "type": "risk.changed"},
            }
        ]
    }
    assert ("dead_letters", "p-insurer", ("h1", 100, 3)) in feed.store.asked


async def test_replaying_dead_letters_checks_the_ids_and_wakes_the_deliverer_for_work() -> None:
    feed = Feed()
    feed.store.hooks["h1"] = hook("h1", "p-insurer")
    feed.store.hooks["h2"] = hook("h2", "p-insurer")
    feed.store.letters = [
        DeadLetter(7, "e-7", LISTED, 31, 503, None, AT, {}),
        DeadLetter(9, "e-9", LISTED, 31, 503, None, AT, {}),
    ]
    replay = "mutation($h: ID!, $ids: [ID!]) { replayDeadLetters(webhookId: $h, ids: $ids) }"

    named = await feed.run(replay, {"h": "h1", "ids": ["9"]})
    none_due = await feed.run(replay, {"h": "h2", "ids": []})
    not_numbers = await feed.run(replay, {"h": "h1", "ids": ["9", "e-7"]})
    too_many = await feed.run(replay, {"h": "h1", "ids": [str(n) for n in range(501)]})

    assert named.data == {"replayDeadLetters": 1}
    assert none_due.data == {"replayDeadLetters": 0}
    assert code(not_numbers) == "INVALID_ARGUMENT"
    assert code(too_many) == "BATCH_TOO_LARGE"
    assert [args for name, _, args in feed.store.asked if name == "replay"] == [
        ("h1", [9]),
        ("h2", []),
    ]
    assert feed.bell.rung == 1  # only the replay that queued something


# --- the riskChanged subscription ---------------------------------------------------------


async def test_risk_changed_streams_the_changes_a_list_wants_with_the_lists_that_want_it() -> None:
    feed = Feed()
    listed = feed.listing("p-insurer", [LISTED])
    belgium = feed.listing("p-insurer", min_level="critical", countries=frozenset({"BE"}))
    feed.listing("p-collector", [UNLISTED])  # someone else's list
    feed.js.publish(41, UNLISTED)  # high: not on the list, below the country list's level
    feed.js.publish(42, LISTED, model_change=True)  # muted: a model change
    feed.js.publish(43, LISTED)
    feed.js.publish(44, UNLISTED, score=80, level=scoring_pb2.RISK_LEVEL_CRITICAL)

    stream = await feed.subscribe(RISK_CHANGED)
    first, second = await anext(stream), await anext(stream)
    waiting = asyncio.ensure_future(anext(stream))
    await asyncio.sleep(0.01)
    waiting.cancel()  # the client stops: the server cancels the operation's task
    with contextlib.suppress(asyncio.CancelledError):
        await waiting

    assert not first.errors and not second.errors, (first.errors, second.errors)
    assert first.data == {
        "riskChanged": {
            "id": "e-43",
            "sequence": 43,
            "vat": LISTED,
            "country": "BE",
            "sector": "F41.20",
            "previousScore": 28,
            "previousLevel": "LOW",
            "score": 61,
            "level": "HIGH",
            "changedAt": "2026-12-02T09:00:00+00:00",
            "reasons": [{"code": "late_payments", "points": 20, "sentence": "pays late"}],
            "trend": "DETERIORATING",
            "cause": "new_facts",
            "modelVersion": "m3",
            "modelChange": False,
            "watchlists": [listed.id],
        }
    }
    assert second.data and second.data["riskChanged"]["watchlists"] == [belgium.id]
    assert second.data["riskChanged"]["sequence"] == 44
    ((subject, options),) = feed.js.subscribed
    assert (subject, options["stream"], options["ordered_consumer"]) == (
        "risk.changed.>",
        "RISK",
        True,
    )
    assert options["config"].deliver_policy == DeliverPolicy.NEW
    assert feed.js.subscriptions[0].unsubscribed
    assert ("snapshot", "p-insurer", ()) in feed.store.asked


async def test_risk_changed_resumes_after_a_sequence_or_an_event_id_or_from_a_time() -> None:
    feed = Feed()
    feed.listing("p-insurer", [LISTED])
    feed.store.sequences["e-40"] = 40
    for n in (1, 2, 3):
        feed.js.publish(40 + n, LISTED)

    for variables in ({"after": "39"}, {"after": "e-40"}, {"since": "2026-12-01T00:00:00+01:00"}):
        stream = await feed.subscribe(RISK_CHANGED, variables)
        assert (await anext(stream)).data is not None
        await stream.aclose()

    configs = [options["config"] for _, options in feed.js.subscribed]
    assert [(c.deliver_policy, c.opt_start_seq) for c in configs[:2]] == [
        (DeliverPolicy.BY_START_SEQUENCE, 40),
        (DeliverPolicy.BY_START_SEQUENCE, 41),
    ]
    assert configs[2].deliver_policy == DeliverPolicy.BY_START_TIME
    assert configs[2].opt_start_time == datetime(2026, 11, 30, 23, 0, tzinfo=UTC)


async def test_risk_changed_refuses_bad_resume_points_and_scopes_before_subscribing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(partners, "RESUME_WAIT_SECONDS", 0.0)
    feed = Feed()

    both = await feed.subscribe(RISK_CHANGED, {"after": "1", "since": "2026-12-01T00:00:00Z"})
    unknown = await feed.subscribe(RISK_CHANGED, {"after": "e-unknown"})
    reader = await feed.subscribe(RISK_CHANGED, principal=READER)

    assert code(await anext(both)) == "INVALID_ARGUMENT"
    assert code(await anext(unknown)) == "NOT_FOUND"
    assert code(await anext(reader)) == "FORBIDDEN"
    assert feed.js.subscribed == []


async def test_risk_changed_ends_with_unauthenticated_when_the_key_is_revoked() -> None:
    feed = Feed()
    feed.listing("p-insurer", [LISTED])
    feed.js.publish(43, LISTED)
    stream = await feed.subscribe(RISK_CHANGED)
    assert (await anext(stream)).data is not None

    feed.revocations.revoke(PARTNER.key_id)
    ended = await asyncio.wait_for(anext(stream), timeout=5)

    assert code(ended) == "UNAUTHENTICATED"
    assert feed.js.subscriptions[0].unsubscribed
    await stream.aclose()
