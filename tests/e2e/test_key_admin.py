"""API keys managed through GraphQL by an administrator; a revoked key stops at once, its
open subscription included."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

from devstack.e2e import Client, Platform, eventually, subscription
from devstack.samples import belgian_vat

CREATE = """
mutation($label: String!, $scopes: [String!], $vat: String) {
  createApiKey(label: $label, scopes: $scopes, memberVat: $vat) { id secret scopes }
}"""
REVOKE = "mutation($id: ID!) { revokeApiKey(id: $id) }"
LIST = "query($vat: String) { apiKeys(memberVat: $vat) { id label memberVat scopes revokedAt } }"


async def subscribe_until_closed(url: str, key: str, ready: asyncio.Event) -> list[Any]:
    """Open documentProcessed and collect what arrives until the server ends it."""
    got: list[Any] = []
    async with subscription(url, key, "subscription { documentProcessed { id } }") as ws:
        ready.set()
        while True:
            message = json.loads(await asyncio.wait_for(ws.recv(), 10))
            got.append(message)
            if message["type"] in ("complete", "error"):
                return got


def test_an_admin_manages_keys_and_a_revoked_key_stops_with_its_subscription(
    platform: Platform,
) -> None:
    admin = platform.partner("admin")
    member_vat = belgian_vat()
    member = platform.new_member("Garage Claes", member_vat)

    issued = admin.execute(CREATE, {"label": "kassa", "vat": member_vat})["createApiKey"]
    assert sorted(issued["scopes"]) == ["invoices:read", "invoices:write", "risk:read",
                                        "risk:subscribe"]  # fmt: skip
    listed = admin.execute(LIST, {"vat": member_vat})["apiKeys"]
    assert {k["label"] for k in listed} == {"kassa", "Garage Claes (first key)"}
    assert "secret" not in json.dumps(listed) and issued["secret"] not in json.dumps(listed)
    kassa = Client(member.url, issued["secret"])
    assert kassa.execute("{ dashboard { openInvoices } }") == {"dashboard": {"openInvoices": 0}}

    async def scenario() -> tuple[list[Any], float]:
        ready = asyncio.Event()
        stream = asyncio.create_task(subscribe_until_closed(member.url, issued["secret"], ready))
        await asyncio.wait_for(ready.wait(), 10)
        await asyncio.sleep(0.3)  # the subscription is running
        started = time.monotonic()
        assert await asyncio.to_thread(admin.execute, REVOKE, {"id": issued["id"]}) == {
            "revokeApiKey": True
        }
        messages = await asyncio.wait_for(stream, 10)
        return messages, time.monotonic() - started

    messages, took = asyncio.run(scenario())
    assert took < 1.5
    assert messages[-1]["type"] == "next" or messages[-1]["type"] in ("complete", "error")
    errors = [m for m in messages if m["type"] == "next" and m["payload"].get("errors")]
    assert errors and errors[0]["payload"]["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert kassa.post("{ dashboard { openInvoices } }").status_code == 401
    # the member's other key keeps working; revoking twice or a made-up id is typed
    assert member.execute("{ dashboard { openInvoices } }")["dashboard"]["openInvoices"] == 0
    again = admin.errors(REVOKE, {"id": issued["id"]})
    assert again[0]["extensions"]["code"] == "KEY_NOT_FOUND"
    assert admin.errors(REVOKE, {"id": "x"})[0]["extensions"]["code"] == "KEY_NOT_FOUND"
    revoked = eventually(
        lambda: [
            k for k in admin.execute(
                "query($vat: String) { apiKeys(memberVat: $vat, includeRevoked: true) {"
                " id revokedAt } }", {"vat": member_vat},
            )["apiKeys"] if k["id"] == issued["id"] and k["revokedAt"]
        ]
    )  # fmt: skip
    assert revoked


def test_only_an_admin_manages_keys_and_partner_keys_need_scopes(platform: Platform) -> None:
    member = platform.new_member("Bakkerij Peeters", belgian_vat())
    assert member.errors(LIST, {})[0]["extensions"]["code"] == "FORBIDDEN"
    assert member.errors(CREATE, {"label": "x"})[0]["extensions"]["code"] == "FORBIDDEN"
    admin = platform.partner("admin")
    assert admin.errors(CREATE, {"label": "insurer"})[0]["extensions"]["code"] == "INVALID_ARGUMENT"
    bad = admin.errors(CREATE, {"label": "insurer", "scopes": ["risk:write"]})
    assert bad[0]["extensions"]["code"] == "INVALID_SCOPE"
    unknown = admin.errors(CREATE, {"label": "x", "vat": belgian_vat()})
    assert unknown[0]["extensions"]["code"] == "MEMBER_NOT_FOUND"
    partner = admin.execute(CREATE, {"label": "insurer", "scopes": ["risk:read"]})["createApiKey"]
    assert Client(member.url, partner["secret"]).execute('{ company(vat: "BE0403170701") { vat } }')
