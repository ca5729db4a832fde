"""Who is calling: the caller's identity between the gateway and the services.

The gateway signs each call's caller (:class:`Caller`: tenant, scopes, member VAT) with
the deployment's internal key; every service refuses a call whose signature is missing,
wrong or stale (:class:`TrustInterceptor`, added to its gRPC server by its composition
root) and enforces scopes with :func:`require` (``admin`` holds every scope).
Imports the chassis (``abort``) and gRPC; no service and no development tooling, and the
chassis never imports it.
"""

from callers.identity import (
    MAX_SIGNATURE_AGE_SECONDS,
    MEMBER_VAT_KEY,
    SCOPES_KEY,
    SIGNATURE_KEY,
    SIGNED_AT_KEY,
    SUPERSCOPE,
    TENANT_KEY,
    Caller,
    signed,
)
from callers.trust import UNSIGNED, TrustInterceptor, caller_of, require

__all__ = [
    "MAX_SIGNATURE_AGE_SECONDS",
    "MEMBER_VAT_KEY",
    "SCOPES_KEY",
    "SIGNATURE_KEY",
    "SIGNED_AT_KEY",
    "SUPERSCOPE",
    "TENANT_KEY",
    "UNSIGNED",
    "Caller",
    "TrustInterceptor",
    "caller_of",
    "require",
    "signed",
]
