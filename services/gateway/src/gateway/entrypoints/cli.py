"""``python -m gateway``: serve (the container's command), and the admin commands."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys

import grpc.aio
import uvicorn

from benelux.vat import InvalidVatNumber, parse_vat
from callers import Caller
from chassis import db
from chassis.logging import setup_logging
from gateway.adapters.keys import KeyStore
from gateway.adapters.tables import MIGRATIONS
from gateway.domain.model import MEMBER_SCOPES, InvalidScope, checked_scopes
from gateway.settings import Settings
from kmo.ingest.v1 import ingest_pb2, ingest_pb2_grpc


def serve(settings: Settings) -> None:
    setup_logging("gateway", settings.log_level)
    uvicorn.run(
        "gateway.bootstrap:create_app",
        factory=True,
        host=settings.host,
        port=settings.port,
        log_config=None,  # our JSON root handler
        proxy_headers=True,
        timeout_graceful_shutdown=10,
        workers=max(1, settings.workers),
    )


async def _with_store(settings: Settings, work: object) -> None:
    await db.migrate(MIGRATIONS, settings.database_url)
    engine = db.create_engine(settings.database_url, pool_size=1)
    try:
        await work(KeyStore(db.session_factory(engine)))  # type: ignore[operator]
    finally:
        await engine.dispose()


def create_member(settings: Settings, name: str, vat: str, if_missing: bool) -> int:
    try:
        number = parse_vat(vat).number
    except InvalidVatNumber as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    async def work(store: KeyStore) -> None:
        existing = await store.member_by_vat(number)
        if existing is not None:
            if if_missing:
                print(json.dumps({"member_id": existing.id, "vat": number, "created": False}))
                return
            raise SystemExit(f"error: a member with VAT {number} exists")
        member = await store.create_member(name, number)
        key = await store.create_key(member.id, f"{name} (first key)", MEMBER_SCOPES)
        print(
            json.dumps(
                {"member_id": member.id, "vat": number, "created": True, "api_key": key.secret}
            )
        )

    asyncio.run(_with_store(settings, work))
    return 0


def create_key(
    settings: Settings, member_vat: str | None, partner: str | None, scopes: list[str]
) -> int:
    try:
        wanted = checked_scopes(scopes) if scopes else MEMBER_SCOPES
    except InvalidScope as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    async def work(store: KeyStore) -> None:
        member_id = partner_id = None
        label = partner or "partner"
        if member_vat:
            member = await store.member_by_vat(parse_vat(member_vat).number)
            if member is None:
                raise SystemExit(f"error: no member with VAT {member_vat}")
            member_id, label = member.id, member.name
        elif partner:
            partner_id = (await store.ensure_partner(partner)).id
        key = await store.create_key(member_id, label, wanted, partner_id=partner_id)
        print(json.dumps({"key_id": key.id, "api_key": key.secret, "scopes": sorted(wanted)}))

    asyncio.run(_with_store(settings, work))
    return 0


def erase_member(settings: Settings, member_vat: str) -> int:
    """GDPR erasure: ingest erases the member's invoices, payments and documents (scoring and
    OCR forget them from its events), then its keys and the member itself go."""

    async def work(store: KeyStore) -> None:
        member = await store.member_by_vat(parse_vat(member_vat).number)
        if member is None:
            raise SystemExit(f"error: no member with VAT {member_vat}")
        operator = Caller(tenant_id=None, scopes=frozenset({"admin"})).metadata(
            settings.require_internal_key()
        )
        async with grpc.aio.insecure_channel(settings.ingest_addr) as channel:
            done = await ingest_pb2_grpc.IngestServiceStub(channel).EraseMember(
                ingest_pb2.EraseMemberRequest(tenant_id=member.id), metadata=operator, timeout=300
            )
        keys = await store.erase_member(member.id)
        print(json.dumps({
            "member": member.vat, "invoices": done.invoices, "documents": done.documents,
            "keys": keys, "outbox_clean": done.outbox_clean,
        }))  # fmt: skip

    asyncio.run(_with_store(settings, work))
    return 0


def revoke_key(settings: Settings, key_id: str) -> int:
    async def work(store: KeyStore) -> None:
        if not await store.revoke(key_id):
            raise SystemExit(f"error: no active key {key_id}")
        print(json.dumps({"key_id": key_id, "revoked": True}))

    asyncio.run(_with_store(settings, work))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gateway", description=__doc__)
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("serve", help="serve the GraphQL API (default)")
    sub.add_parser("schema", help="print the GraphQL SDL")
    m = sub.add_parser("create-member", help="add a member and print its first API key")
    m.add_argument("--name", required=True)
    m.add_argument("--vat", required=True)
    m.add_argument("--if-missing", action="store_true", help="no error if the VAT exists")
    k = sub.add_parser("create-key", help="issue an API key for a member or a partner")
    who = k.add_mutually_exclusive_group(required=True)
    who.add_argument("--member-vat")
    who.add_argument(
        "--partner",
        help="partner name (made if new); partner keys have no tenant and share the "
        "partner's watchlists and webhooks",
    )
    k.add_argument("--scope", action="append", default=[], dest="scopes")
    e = sub.add_parser(
        "erase-member", help="GDPR: erase a member leaving the register, with all it reported"
    )
    e.add_argument("--member-vat", required=True)
    r = sub.add_parser("revoke-key", help="revoke an API key by id")
    r.add_argument("key_id")
    args = parser.parse_args(argv)

    settings = Settings()
    if args.command in (None, "serve"):
        serve(settings)
        return 0
    if args.command == "schema":
        from gateway.entrypoints.graphql.schema import schema

        print(schema.as_str())
        return 0
    if args.command == "create-member":
        return create_member(settings, args.name, args.vat, args.if_missing)
    if args.command == "create-key":
        return create_key(settings, args.member_vat, args.partner, args.scopes)
    if args.command == "erase-member":
        return erase_member(settings, args.member_vat)
    return revoke_key(settings, args.key_id)
