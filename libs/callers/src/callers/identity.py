"""The caller's identity as call metadata, and its signature.

The gateway sets ``kmo-tenant-id``, ``kmo-scopes`` (space separated) and
``kmo-member-vat``, signed with the deployment's internal key (``kmo-signed-at`` and
``kmo-signature``, an HMAC-SHA256 over the time and the identity). A signature is good
for five minutes either way. Plain Python: no gRPC here.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Sequence
from dataclasses import dataclass

TENANT_KEY = "kmo-tenant-id"
SCOPES_KEY = "kmo-scopes"
MEMBER_VAT_KEY = "kmo-member-vat"
SIGNED_AT_KEY = "kmo-signed-at"
SIGNATURE_KEY = "kmo-signature"
MAX_SIGNATURE_AGE_SECONDS = 300  # and as far ahead, for clocks that differ a little
SUPERSCOPE = "admin"  # holds every scope


def _signature(key: str, signed_at: str, tenant: str, scopes: str, member_vat: str) -> str:
    payload = "\n".join(("v1", signed_at, tenant, scopes, member_vat)).encode()
    return hmac.new(key.encode(), payload, hashlib.sha256).hexdigest()


@dataclass(frozen=True, slots=True)
class Caller:
    tenant_id: str | None
    scopes: frozenset[str]
    member_vat: str | None = None  # the tenant's own VAT number, when the gateway knows it

    def metadata(self, key: str, *, now: float | None = None) -> tuple[tuple[str, str], ...]:
        """This identity as call metadata, signed with the deployment's internal key."""
        scopes = " ".join(sorted(self.scopes))
        signed_at = str(int(time.time() if now is None else now))
        pairs = [(SCOPES_KEY, scopes)]
        if self.tenant_id:
            pairs.append((TENANT_KEY, self.tenant_id))
        if self.member_vat:
            pairs.append((MEMBER_VAT_KEY, self.member_vat))
        pairs.append((SIGNED_AT_KEY, signed_at))
        sig = _signature(key, signed_at, self.tenant_id or "", scopes, self.member_vat or "")
        pairs.append((SIGNATURE_KEY, sig))
        return tuple(pairs)


def signed(metadata: Sequence[tuple[str, str | bytes]], key: str, now: float | None = None) -> bool:
    """Whether the identity in ``metadata`` carries a valid, fresh signature by ``key``."""
    md = {k: v for k, v in metadata if isinstance(v, str)}
    signed_at, sig = md.get(SIGNED_AT_KEY, ""), md.get(SIGNATURE_KEY, "")
    if not signed_at.isdigit() or not sig:
        return False
    if abs((time.time() if now is None else now) - int(signed_at)) > MAX_SIGNATURE_AGE_SECONDS:
        return False
    expected = _signature(
        key,
        signed_at,
        md.get(TENANT_KEY, ""),
        " ".join(sorted(md.get(SCOPES_KEY, "").split())),
        md.get(MEMBER_VAT_KEY, ""),
    )
    return hmac.compare_digest(expected, sig)
