"""Partners follow debtors through the running platform: watchlists and webhooks over
GraphQL, a real score change reaching a signed webhook and the riskChanged subscription,
resuming after a disconnect, the delivering gateway killed in a burst of 1,000 events, a
receiver that fails for a while and one that never recovers, SSRF and tenancy."""

from __future__ import annotations

import asyncio
import json
import signal
import time
import uuid
from typing import Any

import nats

from chassis.messaging import Namespace
from devstack.e2e import Client, Platform, eventually, submit_invoice, subscription, upload
from devstack.risk_events import publish, risk_changed
from devstack.samples import belgian_vat
from devstack.webhooks import Receiver, receiving
from gateway.domain.feed import verify

WATCH = """
mutation($input: WatchlistInput!) {
  createWatchlist(input: $input) {
    watchlist { id vatCount minLevel } added alreadyListed rejectedCount rejected { line message }
  }
}"""
HOOK = """
mutation($url: String!) { createWebhook(url: $url) { secret webhook { id state } } }"""
HOOKS = "{ webhooks { id state pausedReason pending deadLetters failures lastError } }"
CHANGES = "subscription($after: String) { riskChanged(after: $after) { id sequence vat score level watchlists } }"  # noqa: E501


def partner(platform: Platform) -> Client:
    return platform.partner("risk:read", "risk:subscribe", name=f"Insurer {uuid.uuid4().hex[:8]}")


def watch(client: Client, vats: list[str], **rules: Any) -> dict[str, Any]:
    made = client.execute(WATCH, {"input": {"name": "portfolio", "vats": vats, **rules}})
    listed: dict[str, Any] = made["createWatchlist"]
    return listed


def hook(client: Client, url: str) -> tuple[str, str]:
    made = client.execute(HOOK, {"url": url})["createWebhook"]
    return made["webhook"]["id"], made["secret"]


async def subscribe(
    url: str, key: str, got: list[dict[str, Any]], ready: asyncio.Event, after: str | None = None
) -> None:
    async with subscription(url, key, CHANGES, {"after": after}) as ws:
        ready.set()
        while True:
            message = json.loads(await ws.recv())
            if message["type"] != "next":
                return
            assert "errors" not in message["payload"], message
            got.append(message["payload"]["data"]["riskChanged"])


def namespace(platform: Platform) -> Namespace:
    return Namespace(platform.stack.config.namespace)


async def published(platform: Platform, events: list[Any]) -> int:
    nc = await nats.connect(platform.stack.config.nats_url)
    try:
        return await publish(nc.jetstream(), namespace(platform), events)
    finally:
        await nc.close()


def test_a_real_score_change_reaches_the_webhook_and_the_subscription_and_resumes(
    platform: Platform,
) -> None:
    insurer = partner(platform)
    assert insurer.key is not None
    key = insurer.key
    member = platform.new_member("Schrijnwerkerij Maes", belgian_vat())
    debtor, elsewhere = belgian_vat(), belgian_vat()
    listed = watch(insurer, [debtor, " be 0403.170.701 ", "BE0000000000"])
    assert listed["added"] == 2 and listed["rejectedCount"] == 1
    assert listed["rejected"][0]["line"] == 3
    with receiving() as receiver:
        webhook_id, secret = hook(insurer, receiver.url)

        async def scenario() -> list[dict[str, Any]]:
            got: list[dict[str, Any]] = []
            ready = asyncio.Event()
            stream = asyncio.create_task(subscribe(insurer.url, key, got, ready))
            await asyncio.wait_for(ready.wait(), 10)
            await asyncio.sleep(0.5)
            await asyncio.to_thread(submit_invoice, member, debtor)
            await asyncio.to_thread(submit_invoice, member, elsewhere)  # not on the list
            deadline = time.monotonic() + 30
            while not got or not receiver.calls:
                assert time.monotonic() < deadline, "no risk change arrived"
                await asyncio.sleep(0.1)
            await asyncio.sleep(1.0)  # the unlisted debtor's change would be here by now
            stream.cancel()
            return got

        got = asyncio.run(scenario())
        events = receiver.events(verify, secret)
    assert [e["data"]["company"]["vat"] for e in events] == [debtor]
    assert [g["vat"] for g in got] == [debtor]
    assert got[0]["id"] == events[0]["id"] == receiver.calls[0].headers["webhook-id"]
    assert got[0]["watchlists"] == [listed["watchlist"]["id"]]
    assert events[0]["data"]["previous"] is None  # the debtor's first profile
    assert events[0]["data"]["modelVersion"]

    # Reconnecting after the event replays what came after it, then live ones.
    async def resume() -> list[dict[str, Any]]:
        got: list[dict[str, Any]] = []
        ready = asyncio.Event()
        stream = asyncio.create_task(
            subscribe(insurer.url, key, got, ready, after=str(got_first["sequence"] - 1))
        )
        await asyncio.wait_for(ready.wait(), 10)
        deadline = time.monotonic() + 10
        while not got:
            assert time.monotonic() < deadline
            await asyncio.sleep(0.05)
        stream.cancel()
        return got

    got_first = got[0]
    assert [g["id"] for g in asyncio.run(resume())] == [got_first["id"]]
    [state] = insurer.execute(HOOKS)["webhooks"]
    assert state["id"] == webhook_id and state["pending"] == 0 and state["state"] == "ACTIVE"


def test_the_gateway_killed_in_a_burst_of_1000_events_delivers_all_in_order_per_debtor(
    platform: Platform,
) -> None:
    insurer = partner(platform)
    debtors = [belgian_vat() for _ in range(40)]
    watch(insurer, debtors)
    events = [
        risk_changed(vat, 20 + (step * 7 + n) % 80, 20 + (step * 7 + n + 1) % 80)
        for step in range(25)
        for n, vat in enumerate(debtors)
    ]
    assert len(events) == 1_000
    with receiving() as receiver:
        _, secret = hook(insurer, receiver.url)
        receiver.fail_first = 30  # the receiver is down for a while, too
        asyncio.run(published(platform, events))
        eventually(lambda: len(receiver.calls) >= 150, timeout=60, interval=0.05)
        platform.stack.kill("gateway", signal.SIGKILL)
        at_kill = len(receiver.calls)
        platform.stack.start_one("gateway")
        platform.stack.wait_ready(timeout=60, services=("gateway",))
        try:
            eventually(
                lambda: {e["id"] for e in receiver.events()} >= {e.event_id for e in events},
                timeout=90,
                interval=0.5,
            )
        except AssertionError:
            got = {e["id"] for e in receiver.events()}
            raise AssertionError(
                f"{len(got)} of 1,000 arrived ({at_kill} before the kill): {insurer.execute(HOOKS)}"
            ) from None
        received = receiver.events(verify, secret)  # every signature checked
    assert at_kill < 1_000, "the burst was over before the kill"
    assert receiver.refused >= 30
    bodies: dict[str, str] = {}
    for e in received:  # duplicates (at least once) carry the same id and the same body
        assert bodies.setdefault(e["id"], json.dumps(e, sort_keys=True)) == json.dumps(
            e, sort_keys=True
        )
    sent = {e.event_id: i for i, e in enumerate(events)}
    for vat in debtors:
        firsts: list[int] = []
        for e in received:
            if e["data"]["company"]["vat"] == vat and sent[e["id"]] not in firsts:
                firsts.append(sent[e["id"]])
        assert firsts == sorted(firsts), f"{vat}: out of order"


def test_a_receiver_that_never_recovers_ends_paused_with_dead_letters_and_can_replay(
    platform: Platform,
) -> None:
    insurer = partner(platform)
    debtor = belgian_vat()
    watch(insurer, [debtor])
    with receiving() as receiver:
        receiver.status = 500
        webhook_id, secret = hook(insurer, receiver.url)
        asyncio.run(published(platform, [risk_changed(debtor, 60, 20)]))

        def paused() -> dict[str, Any] | None:
            [state] = insurer.execute(HOOKS)["webhooks"]
            return state if state["state"] == "PAUSED" else None

        state = eventually(paused, timeout=60, interval=0.5)
        assert state["deadLetters"] == 1 and "retry window" in state["pausedReason"]
        assert state["lastError"] == "the receiver answered HTTP 500"
        letters = insurer.execute(
            "query($id: ID!) { deadLetters(webhookId: $id) { id eventId attempts lastStatus payload } }",  # noqa: E501
            {"id": webhook_id},
        )["deadLetters"]
        assert letters[0]["lastStatus"] == 500 and letters[0]["attempts"] >= 3
        assert letters[0]["payload"]["data"]["company"]["vat"] == debtor

        receiver.status = 204
        replay = "mutation($id: ID!) { replayDeadLetters(webhookId: $id) }"
        assert insurer.execute(replay, {"id": webhook_id}) == {"replayDeadLetters": 1}
        resumed = insurer.execute(
            "mutation($id: ID!) { resumeWebhook(id: $id) { state } }", {"id": webhook_id}
        )
        assert resumed == {"resumeWebhook": {"state": "ACTIVE"}}
        eventually(lambda: receiver.calls, timeout=20)
        assert receiver.events(verify, secret)[0]["id"] == letters[0]["eventId"]


def test_webhooks_are_refused_for_inside_addresses_and_partners_see_only_their_own(
    platform: Platform,
) -> None:
    insurer, collector = partner(platform), partner(platform)
    for url, code in (
        ("https://10.0.0.7/hook", "FORBIDDEN_ADDRESS"),
        ("https://169.254.169.254/latest/meta-data", "FORBIDDEN_ADDRESS"),
        ("https://[::ffff:192.168.0.1]/h", "FORBIDDEN_ADDRESS"),
        ("http://partner.example/hook", "INVALID_URL"),
        ("https://no-such-host.invalid/hook", "UNRESOLVABLE"),
    ):
        assert insurer.errors(HOOK, {"url": url})[0]["extensions"]["code"] == code, url
    debtor = belgian_vat()
    mine = watch(insurer, [debtor])["watchlist"]["id"]
    with receiving() as receiver, receiving() as other:
        webhook_id, _ = hook(insurer, receiver.url)
        hook(collector, other.url)
        # The collector can neither see nor touch the insurer's list and webhook.
        assert collector.execute("{ watchlists { id } }") == {"watchlists": []}
        add = "mutation($id: ID!, $v: [String!]!) { addToWatchlist(id: $id, vats: $v) { added } }"
        assert (
            collector.errors(add, {"id": mine, "v": [belgian_vat()]})[0]["extensions"]["code"]
            == "NOT_FOUND"
        )
        pause = "mutation($id: ID!) { pauseWebhook(id: $id) { state } }"
        assert collector.errors(pause, {"id": webhook_id})[0]["extensions"]["code"] == "NOT_FOUND"
        asyncio.run(published(platform, [risk_changed(debtor, 70, 20)]))
        eventually(lambda: receiver.calls, timeout=20)
        time.sleep(0.5)
        assert other.calls == []  # not on the collector's lists
    reader = platform.partner("risk:read", name=f"Reader {uuid.uuid4().hex[:6]}")
    assert reader.errors("{ watchlists { id } }")[0]["extensions"]["code"] == "FORBIDDEN"


def test_revoking_a_partners_key_ends_its_subscription_and_pauses_its_webhooks(
    platform: Platform,
) -> None:
    admin = platform.partner("admin")
    name = f"Collector {uuid.uuid4().hex[:6]}"
    issued = admin.execute(
        'mutation($n: String!) { createApiKey(label: "feed", scopes: ["risk:subscribe"],'
        " partnerName: $n) { id secret } }",
        {"n": name},
    )["createApiKey"]
    collector = Client(platform.stack.gateway_url, issued["secret"])
    debtor = belgian_vat()
    watch(collector, [debtor])
    receiver: Receiver
    with receiving() as receiver:
        webhook_id, _ = hook(collector, receiver.url)

        async def revoke_while_subscribed() -> list[dict[str, Any]]:
            async with subscription(collector.url, collector.key or "", CHANGES) as ws:
                await asyncio.sleep(0.5)
                await asyncio.to_thread(
                    admin.execute,
                    "mutation($id: ID!) { revokeApiKey(id: $id) }",
                    {"id": issued["id"]},
                )
                return [json.loads(await asyncio.wait_for(ws.recv(), 5)) for _ in range(2)]

        ended = asyncio.run(revoke_while_subscribed())
        assert ended[0]["payload"]["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        assert ended[1]["type"] == "complete"
        asyncio.run(published(platform, [risk_changed(debtor, 80, 20)]))
        time.sleep(1.5)
        assert receiver.calls == []
    # Another key of the same partner sees the webhook paused, and why.
    other = platform.partner("risk:subscribe", name=name)
    [state] = other.execute(HOOKS)["webhooks"]
    assert state["id"] == webhook_id and state["state"] == "PAUSED"
    assert "revoked" in state["pausedReason"] and state["pending"] == 1


def test_a_watchlist_takes_a_csv_of_100000_lines_and_holds_no_more(platform: Platform) -> None:
    insurer = partner(platform)
    wl = watch(insurer, [])["watchlist"]["id"]
    vats = [f"BE{b:08d}{97 - b % 97:02d}" for b in range(3_000_000, 3_099_999)]
    lines = ["btw-nummer;naam", *(f"{v};Klant" for v in vats[:50_000]), "BE0000000000;fout"]
    lines += [f"{v[:2]} {v[2:6]}.{v[6:9]}.{v[9:]};Klant" for v in vats[50_000:]]  # as printed
    query = (
        f'mutation($file: Upload!) {{ importWatchlist(id: "{wl}", file: $file) {{'
        " added alreadyListed rejectedCount rejected { line value } watchlist { vatCount } } }"
    )
    started = time.monotonic()
    reply = upload(insurer, "\n".join(lines).encode(), "portefeuille.csv", query).json()
    took = time.monotonic() - started
    assert reply.get("data"), reply
    done = reply["data"]["importWatchlist"]
    assert done["added"] == 99_999 and done["watchlist"]["vatCount"] == 99_999
    assert done["rejectedCount"] == 1 and done["rejected"][0]["line"] == 50_002
    assert took < 60
    more = "\n".join(f"BE{b:08d}{97 - b % 97:02d}" for b in range(4_000_000, 4_000_002))
    again = upload(insurer, more.encode(), "nog.csv", query).json()
    assert again["errors"][0]["extensions"]["code"] == "TOO_LARGE"  # 100,001 in all
    assert (
        upload(insurer, vats[0].encode(), "dubbel.csv", query).json()["data"]["importWatchlist"][
            "alreadyListed"
        ]
        == 1
    )
    listed = insurer.execute(
        f'{{ watchlists {{ id vatCount vats(first: 3, after: "{vats[10]}") }} }}'
    )["watchlists"]
    assert listed == [{"id": wl, "vatCount": 99_999, "vats": vats[11:14]}]
