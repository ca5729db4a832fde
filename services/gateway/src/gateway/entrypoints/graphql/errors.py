"""Errors the client may see: a message and a stable ``extensions.code``.

Anything else is masked as "Unexpected error." (the traceback stays in the
server log).
"""

from __future__ import annotations

from typing import NoReturn

import grpc
import grpc.aio
from graphql import GraphQLError

from chassis.grpc_server import error_code

_UNAVAILABLE = {grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED}
_PUBLIC = {
    grpc.StatusCode.INVALID_ARGUMENT,
    grpc.StatusCode.NOT_FOUND,
    grpc.StatusCode.ALREADY_EXISTS,
    grpc.StatusCode.FAILED_PRECONDITION,
    grpc.StatusCode.PERMISSION_DENIED,
    grpc.StatusCode.UNIMPLEMENTED,
}


class PublicError(Exception):
    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.extensions = {"code": code}


def should_mask(error: GraphQLError) -> bool:
    # Errors without a path are about the request itself (syntax, validation,
    # limits, a variable that is not a Date): the client's to see. Errors
    # raised while resolving are masked unless deliberately public.
    if error.path is None:
        return False
    return not isinstance(error.original_error, PublicError)


def raise_public(exc: grpc.aio.AioRpcError) -> NoReturn:
    """Turn a backend's typed gRPC error into a client-facing one; re-raise the rest."""
    code = exc.code()
    if code in _UNAVAILABLE:
        raise PublicError("a backend service is unavailable, try again", "UNAVAILABLE") from exc
    typed = error_code(exc)
    # RESOURCE_EXHAUSTED is also gRPC's own (a message over the limit): public only when a
    # service set its machine code (ingest's import_too_large).
    if code in _PUBLIC or (code == grpc.StatusCode.RESOURCE_EXHAUSTED and typed):
        raise PublicError(exc.details() or code.name, (typed or code.name).upper()) from exc
    raise exc


def checked_name(value: str, what: str = "a name") -> str:
    """A label or name as given, trimmed: 1 to 200 printable characters."""
    name = value.strip()
    if not 1 <= len(name) <= 200 or not value.isprintable():
        raise PublicError(f"{what} needs 1 to 200 printable characters", "INVALID_ARGUMENT")
    return name


def check_page(first: int, most: int, name: str = "first") -> None:
    """A page size the backend takes: 1 to ``most``."""
    if not 1 <= first <= most:
        raise PublicError(f"{name} must be between 1 and {most}", "INVALID_ARGUMENT")
