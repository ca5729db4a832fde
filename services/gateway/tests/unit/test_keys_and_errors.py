"""API keys, scopes and which GraphQL errors a client may see."""

from __future__ import annotations

import grpc
import grpc.aio
import pytest
from graphql import GraphQLError

from gateway.domain.model import (
    InvalidScope,
    Principal,
    checked_scopes,
    digest,
    issue_key,
    lookup_of,
)
from gateway.entrypoints.graphql.errors import PublicError, raise_public, should_mask


def test_an_issued_key_is_found_by_its_lookup_and_verified_by_its_digest() -> None:
    key = issue_key()

    assert key.secret.startswith("kmo_")
    assert lookup_of(key.secret) == key.lookup
    assert len(key.lookup) == 12
    assert digest(key.secret) == key.digest


def test_every_issued_key_is_different() -> None:
    keys = [issue_key() for _ in range(20)]

    assert len({k.secret for k in keys}) == 20
    assert len({k.lookup for k in keys}) == 20
    assert len({k.id for k in keys}) == 20


@pytest.mark.parametrize(
    "presented",
    [
        "",
        "kmo_",
        "kmo_0123456789ab",  # lookup without a secret part
        "kmo_0123456789ab_",  # empty secret part
        "kmo_0123456789a_secret",  # lookup one character short
        "kmo_0123456789abc_secret",  # lookup one character long
        "KMO_0123456789ab_secret",
        "0123456789ab_secret",
        "Bearer kmo_0123456789ab_secret",
    ],
)
def test_a_malformed_key_has_no_lookup(presented: str) -> None:
    assert lookup_of(presented) is None


def test_a_well_formed_key_has_a_lookup_even_if_nobody_issued_it() -> None:
    assert lookup_of("kmo_0123456789ab_not-a-real-key") == "0123456789ab"


def test_known_scopes_are_accepted() -> None:
    assert checked_scopes(["risk:read", "invoices:write", "risk:read"]) == frozenset(
        {"risk:read", "invoices:write"}
    )


def test_an_unknown_scope_is_rejected_by_name() -> None:
    with pytest.raises(InvalidScope, match="risk:write, superuser"):
        checked_scopes(["risk:read", "superuser", "risk:write"])


def test_an_admin_principal_holds_every_scope() -> None:
    admin = Principal("k-1", None, frozenset({"admin"}))
    reader = Principal("k-2", "m-1", frozenset({"risk:read"}))

    assert admin.has("invoices:write")
    assert reader.has("risk:read")
    assert not reader.has("invoices:write")


def test_an_error_without_a_path_is_about_the_request_and_not_masked() -> None:
    assert not should_mask(GraphQLError("Syntax Error: Unexpected Name", path=None))


def test_a_public_error_raised_while_resolving_is_not_masked() -> None:
    error = GraphQLError(
        "no invoice", path=["invoice"], original_error=PublicError("no invoice", "NOT_FOUND")
    )

    assert not should_mask(error)


def test_any_other_error_raised_while_resolving_is_masked() -> None:
    error = GraphQLError(
        "connection refused to 10.0.0.3", path=["company", "riskProfile"],
        original_error=RuntimeError("connection refused to 10.0.0.3"),
    )  # fmt: skip

    assert should_mask(error)


def rpc_error(
    code: grpc.StatusCode, details: str, error_code: str | None = None
) -> grpc.aio.AioRpcError:
    trailing = grpc.aio.Metadata(("kmo-error-code", error_code)) if error_code else None
    return grpc.aio.AioRpcError(code, grpc.aio.Metadata(), trailing, details=details)


def test_a_typed_backend_error_becomes_a_public_error_with_its_machine_code() -> None:
    error = rpc_error(grpc.StatusCode.INVALID_ARGUMENT, "bad check digit", "invalid_vat")

    with pytest.raises(PublicError) as raised:
        raise_public(error)

    assert raised.value.message == "bad check digit"
    assert raised.value.extensions == {"code": "INVALID_VAT"}


def test_a_public_status_without_a_machine_code_uses_the_status_name() -> None:
    with pytest.raises(PublicError) as raised:
        raise_public(rpc_error(grpc.StatusCode.NOT_FOUND, "nothing"))

    assert raised.value.extensions == {"code": "NOT_FOUND"}


def test_an_unavailable_backend_becomes_a_retryable_public_error() -> None:
    with pytest.raises(PublicError) as raised:
        raise_public(rpc_error(grpc.StatusCode.DEADLINE_EXCEEDED, "slow"))

    assert raised.value.extensions == {"code": "UNAVAILABLE"}


def test_an_internal_backend_error_is_re_raised_to_be_masked() -> None:
    error = rpc_error(grpc.StatusCode.INTERNAL, "stack trace with secrets")

    with pytest.raises(grpc.aio.AioRpcError) as raised:
        raise_public(error)

    assert raised.value is error


def test_a_typed_resource_exhausted_error_is_public_with_its_machine_code() -> None:
    error = rpc_error(grpc.StatusCode.RESOURCE_EXHAUSTED, "over 256 MB", "import_too_large")

    with pytest.raises(PublicError) as raised:
        raise_public(error)

    assert raised.value.extensions == {"code": "IMPORT_TOO_LARGE"}


def test_grpcs_own_resource_exhausted_error_stays_masked() -> None:
    error = rpc_error(grpc.StatusCode.RESOURCE_EXHAUSTED, "Received message larger than max")

    with pytest.raises(grpc.aio.AioRpcError):
        raise_public(error)
