"""A caller's identity as signed call metadata."""

from __future__ import annotations

from callers import Caller, signed

KEY = "k" * 32


def test_a_caller_travels_as_tenant_and_sorted_scopes_metadata_signed() -> None:
    member = Caller("m-1", frozenset({"risk:read", "invoices:write"}))
    partner = Caller(None, frozenset({"risk:read"}))

    md = dict(member.metadata(KEY, now=1_700_000_000))
    assert {k: md[k] for k in ("kmo-scopes", "kmo-tenant-id", "kmo-signed-at")} == {
        "kmo-scopes": "invoices:write risk:read",
        "kmo-tenant-id": "m-1",
        "kmo-signed-at": "1700000000",
    }
    assert len(md["kmo-signature"]) == 64
    assert "kmo-tenant-id" not in dict(partner.metadata(KEY))
    assert signed(member.metadata(KEY), KEY) and signed(partner.metadata(KEY), KEY)


def test_a_forged_stale_or_foreign_signature_is_refused() -> None:
    md = Caller("m-1", frozenset({"risk:read"})).metadata(KEY, now=1_700_000_000)
    forged = tuple((k, "other-tenant") if k == "kmo-tenant-id" else (k, v) for k, v in md)
    raised = tuple((k, "risk:read admin") if k == "kmo-scopes" else (k, v) for k, v in md)
    no_signature = tuple((k, v) for k, v in md if k != "kmo-signature")

    assert signed(md, KEY, now=1_700_000_000 + 299)
    assert not signed(md, KEY, now=1_700_000_000 + 301)  # replayed too late
    assert not signed(md, "x" * 32, now=1_700_000_000)  # another deployment's key
    assert not signed(forged, KEY, now=1_700_000_000)
    assert not signed(raised, KEY, now=1_700_000_000)
    assert not signed(no_signature, KEY, now=1_700_000_000)
    assert not signed((("kmo-scopes", "admin"),), KEY)
