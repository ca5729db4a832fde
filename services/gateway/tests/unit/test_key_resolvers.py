"""The API-key resolvers against a fake key store: how a stored key becomes an ``ApiKey``
(never its secret), what a new key is issued with (a member's scopes by default, a
partner's named), and that every refusal (no admin scope, a revoked key, bad input) comes
as a typed error before the store is asked anything."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any, cast

from strawberry.types import ExecutionResult

from gateway.adapters.clients import Backends
from gateway.adapters.keys import KeyStore
from gateway.adapters.notices import DocumentNotices
from gateway.domain.model import MEMBER_SCOPES, IssuedKey, KeyInfo, Member, Partner, Principal
from gateway.entrypoints.graphql.context import Context
from gateway.entrypoints.graphql.schema import schema

ADMIN = Principal("k-admin", None, frozenset({"admin"}))
MEMBER = Principal("k-member", "tenant-1", MEMBER_SCOPES, "BE0123456749")
ACME = Member(id="m-acme", name="Acme BV", vat="BE0123456749")
CREATED = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


@dataclass
class FakeKeys:
    """The key store's API-key side, in memory; ``asked`` lists every call in order."""

    members: dict[str, Member] = field(default_factory=lambda: {ACME.vat: ACME})
    keys: list[KeyInfo] = field(default_factory=list)
    active: set[str] = field(default_factory=set)
    asked: list[tuple[str, tuple[object, ...]]] = field(default_factory=list)

    async def member_by_vat(self, vat: str) -> Member | None:
        self.asked.append(("member_by_vat", (vat,)))
        return self.members.get(vat)

    async def list_keys(
        self, member_id: str | None = None, include_revoked: bool = False
    ) -> list[KeyInfo]:
        self.asked.append(("list_keys", (member_id, include_revoked)))
        return self.keys

    async def ensure_partner(self, name: str) -> Partner:
        self.asked.append(("ensure_partner", (name,)))
        return Partner(id=f"p-{name}", name=name)

    async def create_key(
        self,
        member_id: str | None,
        label: str,
        scopes: frozenset[str],
        partner_id: str | None = None,
    ) -> IssuedKey:
        self.asked.append(("create_key", (member_id, label, scopes, partner_id)))
        return IssuedKey(id="k-new", secret="kmo_0123456789ab_secret", lookup="", digest="")

    async def revoke(self, key_id: str) -> bool:
        self.asked.append(("revoke", (key_id,)))
        if key_id in self.active:
            self.active.discard(key_id)
            return True
        return False


async def run(
    query: str,
    variables: dict[str, Any] | None = None,
    *,
    keys: FakeKeys,
    principal: Principal | None = ADMIN,
    revoked: frozenset[str] = frozenset(),
) -> ExecutionResult:
    context = Context(
        request=None,  # type: ignore[arg-type]  # these resolvers never read the request
        response=None,
        principal=principal,
        backends=cast(Backends, SimpleNamespace()),
        timeout=5,
        internal_key="k" * 32,
        notices=cast(DocumentNotices, None),
        keys=cast(KeyStore, keys),
        revoked=lambda key_id: key_id in revoked,
    )
    return await schema.execute(query, variable_values=variables, context_value=context)


def code(result: ExecutionResult) -> object:
    assert result.errors, result.data
    return (result.errors[0].extensions or {}).get("code")


LIST = """query($vat: String, $all: Boolean! = false) {
  apiKeys(memberVat: $vat, includeRevoked: $all) {
    id label memberVat partnerName scopes createdAt revokedAt } }"""
CREATE = """mutation($label: String!, $scopes: [String!], $vat: String, $partner: String) {
  createApiKey(label: $label, scopes: $scopes, memberVat: $vat, partnerName: $partner) {
    id secret scopes } }"""
REVOKE = "mutation($id: ID!) { revokeApiKey(id: $id) }"


async def test_keys_are_listed_with_sorted_scopes_and_never_a_secret() -> None:
    keys = FakeKeys(
        keys=[
            KeyInfo(
                id="k1",
                label="boekhouding",
                member_vat="BE0123456749",
                scopes=frozenset({"risk:read", "invoices:write", "invoices:read"}),
                created_at=CREATED,
                revoked_at=None,
            ),
            KeyInfo(
                id="k2",
                label="feed",
                member_vat=None,
                scopes=frozenset({"risk:subscribe"}),
                created_at=CREATED,
                revoked_at=datetime(2026, 12, 1, tzinfo=UTC),
                partner_name="Kredietverzekeraar",
            ),
        ]
    )

    result = await run(LIST, {"all": True}, keys=keys)

    assert not result.errors, result.errors
    assert result.data == {
        "apiKeys": [
            {
                "id": "k1",
                "label": "boekhouding",
                "memberVat": "BE0123456749",
                "partnerName": None,
                "scopes": ["invoices:read", "invoices:write", "risk:read"],
                "createdAt": "2026-11-30T09:00:00+00:00",
                "revokedAt": None,
            },
            {
                "id": "k2",
                "label": "feed",
                "memberVat": None,
                "partnerName": "Kredietverzekeraar",
                "scopes": ["risk:subscribe"],
                "createdAt": "2026-11-30T09:00:00+00:00",
                "revokedAt": "2026-12-01T00:00:00+00:00",
            },
        ]
    }
    assert keys.asked == [("list_keys", (None, True))]


async def test_a_members_keys_are_found_by_its_vat_number_in_any_spelling() -> None:
    keys = FakeKeys()

    result = await run(LIST, {"vat": "be 0123.456.749"}, keys=keys)

    assert not result.errors, result.errors
    assert keys.asked == [("member_by_vat", ("BE0123456749",)), ("list_keys", ("m-acme", False))]


async def test_keys_of_an_unknown_or_invalid_member_vat_are_refused_before_listing() -> None:
    unknown, invalid = FakeKeys(), FakeKeys()

    not_found = await run(LIST, {"vat": "BE0403170701"}, keys=unknown)
    bad = await run(LIST, {"vat": "BE0123456748"}, keys=invalid)

    assert code(not_found) == "MEMBER_NOT_FOUND"
    assert unknown.asked == [("member_by_vat", ("BE0403170701",))]
    assert code(bad) == "INVALID_VAT"
    assert invalid.asked == []


async def test_key_management_is_for_admin_keys_only() -> None:
    keys = FakeKeys(active={"k1"})
    operations: list[tuple[str, dict[str, Any]]] = [
        (LIST, {}),
        (CREATE, {"label": "x", "vat": "BE0123456749"}),
        (REVOKE, {"id": "k1"}),
    ]

    for query, variables in operations:
        member = await run(query, variables, keys=keys, principal=MEMBER)
        anonymous = await run(query, variables, keys=keys, principal=None)
        revoked = await run(query, variables, keys=keys, revoked=frozenset({ADMIN.key_id}))

        assert code(member) == "FORBIDDEN"
        assert member.errors and "admin" in member.errors[0].message
        assert code(anonymous) == "UNAUTHENTICATED"
        assert code(revoked) == "UNAUTHENTICATED"
    assert keys.asked == []
    assert keys.active == {"k1"}


async def test_a_members_key_gets_a_members_scopes_unless_others_are_named() -> None:
    keys = FakeKeys()

    default = await run(CREATE, {"label": "  boekhouding ", "vat": "BE0123456749"}, keys=keys)
    reader = await run(
        CREATE,
        {"label": "dashboard", "vat": "BE0123456749", "scopes": ["risk:read", "invoices:read"]},
        keys=keys,
    )

    assert not default.errors and not reader.errors, (default.errors, reader.errors)
    assert default.data == {
        "createApiKey": {
            "id": "k-new",
            "secret": "kmo_0123456789ab_secret",
            "scopes": sorted(MEMBER_SCOPES),
        }
    }
    assert reader.data == {
        "createApiKey": {
            "id": "k-new",
            "secret": "kmo_0123456789ab_secret",
            "scopes": ["invoices:read", "risk:read"],
        }
    }
    created = [args for name, args in keys.asked if name == "create_key"]
    assert created == [
        ("m-acme", "boekhouding", MEMBER_SCOPES, None),
        ("m-acme", "dashboard", frozenset({"risk:read", "invoices:read"}), None),
    ]


async def test_a_partners_key_belongs_to_its_partner_by_name_with_the_scopes_named() -> None:
    keys = FakeKeys()

    result = await run(
        CREATE,
        {"label": "feed", "partner": " Kredietverzekeraar ", "scopes": ["risk:subscribe"]},
        keys=keys,
    )

    assert not result.errors, result.errors
    assert keys.asked == [
        ("ensure_partner", ("Kredietverzekeraar",)),
        ("create_key", (None, "feed", frozenset({"risk:subscribe"}), "p-Kredietverzekeraar")),
    ]


async def test_bad_key_requests_are_refused_with_a_code_and_nothing_is_stored() -> None:
    cases: list[tuple[dict[str, Any], str]] = [
        ({"label": "   "}, "INVALID_ARGUMENT"),  # no label
        ({"label": "x\u0000y", "vat": "BE0123456749"}, "INVALID_ARGUMENT"),
        ({"label": "feed", "partner": "Kredietverzekeraar"}, "INVALID_ARGUMENT"),  # no scopes
        ({"label": "feed"}, "INVALID_ARGUMENT"),  # neither a member's nor scoped
        ({"label": "x", "vat": "BE0123456749", "scopes": ["risk:write"]}, "INVALID_SCOPE"),
        ({"label": "x", "partner": "P", "scopes": ["superuser"]}, "INVALID_SCOPE"),
        ({"label": "x", "vat": "BE0123456749", "partner": "P"}, "INVALID_ARGUMENT"),
        ({"label": "x", "vat": "BE0403170701"}, "MEMBER_NOT_FOUND"),
        ({"label": "x", "vat": "BE0123456748"}, "INVALID_VAT"),
    ]

    for variables, expected in cases:
        keys = FakeKeys()
        result = await run(CREATE, variables, keys=keys)

        assert code(result) == expected, variables
        assert [name for name, _ in keys.asked if name != "member_by_vat"] == [], variables


async def test_revoking_answers_true_once_and_then_key_not_found() -> None:
    keys = FakeKeys(active={"k1"})

    first = await run(REVOKE, {"id": "k1"}, keys=keys)
    again = await run(REVOKE, {"id": "k1"}, keys=keys)

    assert first.data == {"revokeApiKey": True}
    assert code(again) == "KEY_NOT_FOUND"
    assert keys.asked == [("revoke", ("k1",)), ("revoke", ("k1",))]
