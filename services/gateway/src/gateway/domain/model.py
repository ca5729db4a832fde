"""Members and the API keys they call with."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime

SCOPES = frozenset({"invoices:write", "invoices:read", "risk:read", "risk:subscribe", "admin"})
MEMBER_SCOPES = frozenset({"invoices:write", "invoices:read", "risk:read", "risk:subscribe"})
KEY_PREFIX = "kmo_"


class InvalidScope(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Member:
    """A member company (tenant): it uploads invoices and sees only its own."""

    id: str
    name: str
    vat: str


@dataclass(frozen=True, slots=True)
class Partner:
    """A credit insurer, collector or accountant: keys without a tenant, and the
    watchlists and webhooks those keys manage."""

    id: str
    name: str


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling: a member's key, or a partner's key with no tenant."""

    key_id: str
    tenant_id: str | None
    scopes: frozenset[str]
    member_vat: str | None = None  # the member's own VAT number (None for a partner)
    partner_id: str | None = None  # the partner a key without tenant belongs to

    @property
    def owner_id(self) -> str:
        """Who owns the watchlists and webhooks this key manages: its member or partner
        (a key of neither owns its own)."""
        return self.tenant_id or self.partner_id or self.key_id

    def has(self, scope: str) -> bool:
        return scope in self.scopes or "admin" in self.scopes


@dataclass(frozen=True, slots=True)
class KeyInfo:
    """What an administrator sees of a key: never its secret."""

    id: str
    label: str
    member_vat: str | None
    scopes: frozenset[str]
    created_at: datetime
    revoked_at: datetime | None
    partner_name: str | None = None


@dataclass(frozen=True, slots=True)
class IssuedKey:
    """A new key: ``secret`` is shown once and only its hash is stored."""

    id: str
    secret: str
    lookup: str
    digest: str


def issue_key() -> IssuedKey:
    # 256 random bits: a fast hash is enough (nothing to brute-force), so a
    # lookup costs one SHA-256 instead of a slow password hash per request.
    lookup = secrets.token_hex(6)
    secret = f"{KEY_PREFIX}{lookup}_{secrets.token_urlsafe(32)}"
    return IssuedKey(id=str(uuid.uuid4()), secret=secret, lookup=lookup, digest=digest(secret))


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def lookup_of(secret: str) -> str | None:
    """The public part of a key, used to find its row; None if it is malformed."""
    if not secret.startswith(KEY_PREFIX):
        return None
    lookup, _, rest = secret[len(KEY_PREFIX) :].partition("_")
    return lookup if len(lookup) == 12 and rest else None


def checked_scopes(scopes: list[str]) -> frozenset[str]:
    unknown = set(scopes) - SCOPES
    if unknown:
        raise InvalidScope(f"unknown scopes: {', '.join(sorted(unknown))}")
    return frozenset(scopes)
