"""API-key management for administrators (keys with the admin scope)."""

from __future__ import annotations

from datetime import datetime

import strawberry

from gateway.domain.model import MEMBER_SCOPES, InvalidScope, KeyInfo, checked_scopes
from gateway.entrypoints.graphql.context import Context
from gateway.entrypoints.graphql.errors import PublicError, checked_name
from gateway.entrypoints.graphql.vat import vat_input

Info = strawberry.Info[Context, None]


@strawberry.type(description="An API key as an administrator sees it: never its secret.")
class ApiKey:
    id: strawberry.ID
    label: str
    member_vat: str | None = strawberry.field(description="null for a partner's key")
    partner_name: str | None = strawberry.field(description="the partner a key belongs to")
    scopes: list[str]
    created_at: datetime
    revoked_at: datetime | None

    @classmethod
    def of(cls, key: KeyInfo) -> ApiKey:
        return cls(
            id=strawberry.ID(key.id),
            label=key.label,
            member_vat=key.member_vat,
            partner_name=key.partner_name,
            scopes=sorted(key.scopes),
            created_at=key.created_at,
            revoked_at=key.revoked_at,
        )


@strawberry.type(description="A new key: the secret is shown this once and never stored.")
class IssuedApiKey:
    id: strawberry.ID
    secret: str
    scopes: list[str]


async def _member_id(ctx: Context, member_vat: str | None) -> str | None:
    if member_vat is None:
        return None
    member = await ctx.key_store.member_by_vat(vat_input(member_vat).number)
    if member is None:
        raise PublicError("no member with that VAT number", "MEMBER_NOT_FOUND")
    return member.id


@strawberry.type
class KeyQuery:
    @strawberry.field(description="API keys, newest first (at most 500). Admins only.")
    async def api_keys(
        self, info: Info, member_vat: str | None = None, include_revoked: bool = False
    ) -> list[ApiKey]:
        ctx = info.context
        ctx.require("admin")
        keys = await ctx.key_store.list_keys(await _member_id(ctx, member_vat), include_revoked)
        return [ApiKey.of(k) for k in keys]


@strawberry.type
class KeyMutation:
    @strawberry.mutation(
        description="Issue a key for a member (default scopes: a member's) or, without "
        "memberVat, for a partner (scopes required; partnerName groups a partner's keys, "
        "which share its watchlists and webhooks). Admins only."
    )
    async def create_api_key(
        self,
        info: Info,
        label: str,
        scopes: list[str] | None = None,
        member_vat: str | None = None,
        partner_name: str | None = None,
    ) -> IssuedApiKey:
        ctx = info.context
        ctx.require("admin")
        label = checked_name(label, "a label")
        member_id = await _member_id(ctx, member_vat)
        if partner_name is not None and member_id is not None:
            raise PublicError("a key is a member's or a partner's", "INVALID_ARGUMENT")
        name = checked_name(partner_name, "a partner name") if partner_name is not None else None
        if not scopes and member_id is None:
            raise PublicError("a partner's key needs its scopes", "INVALID_ARGUMENT")
        try:
            wanted = checked_scopes(scopes) if scopes else MEMBER_SCOPES
        except InvalidScope as exc:
            raise PublicError(str(exc)[:200], "INVALID_SCOPE") from exc
        # The partner is made only for a key that will be issued: a refused request
        # leaves no partner row behind.
        partner_id = (await ctx.key_store.ensure_partner(name)).id if name is not None else None
        key = await ctx.key_store.create_key(member_id, label, wanted, partner_id=partner_id)
        return IssuedApiKey(id=strawberry.ID(key.id), secret=key.secret, scopes=sorted(wanted))

    @strawberry.mutation(
        description="Revoke a key: every gateway replica refuses it within a second and "
        "ends its open subscriptions. Admins only."
    )
    async def revoke_api_key(self, info: Info, id: strawberry.ID) -> bool:
        ctx = info.context
        ctx.require("admin")
        if not await ctx.key_store.revoke(str(id)):
            raise PublicError("no active key with that id", "KEY_NOT_FOUND")
        return True
