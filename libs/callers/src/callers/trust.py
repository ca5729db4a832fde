"""The service side: refuse unsigned calls, read the caller, enforce scopes."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import grpc
import grpc.aio

from callers.identity import MEMBER_VAT_KEY, SCOPES_KEY, SUPERSCOPE, TENANT_KEY, Caller, signed
from chassis.grpc_server import abort


def caller_of(context: grpc.aio.ServicerContext[Any, Any]) -> Caller:
    md = {k: v for k, v in context.invocation_metadata() or () if isinstance(v, str)}
    return Caller(
        tenant_id=md.get(TENANT_KEY) or None,
        scopes=frozenset(md.get(SCOPES_KEY, "").split()),
        member_vat=md.get(MEMBER_VAT_KEY) or None,
    )


async def require(
    context: grpc.aio.ServicerContext[Any, Any], scope: str, *, tenant: bool = True
) -> Caller:
    """The caller, if it holds ``scope`` (and a tenant when ``tenant``); abort otherwise."""
    who = caller_of(context)
    if scope not in who.scopes and SUPERSCOPE not in who.scopes:
        await abort(
            context, grpc.StatusCode.PERMISSION_DENIED, "forbidden", f"requires scope {scope}"
        )
    if tenant and not who.tenant_id:
        await abort(context, grpc.StatusCode.PERMISSION_DENIED, "no_tenant", "a member is required")
    return who


UNSIGNED = "the call's identity is not signed by this deployment's internal key"


async def _refuse(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
    await abort(context, grpc.StatusCode.UNAUTHENTICATED, "unsigned_call", UNSIGNED)


class TrustInterceptor(grpc.aio.ServerInterceptor):
    """Refuses every call to a service method whose identity the gateway did not sign.

    The standard health and reflection services (``/grpc.*``) stay open to probes and
    tools; they read nothing of a tenant's. Each service's composition root puts it in
    its ``Wiring.interceptors``, so it runs before the chassis' metrics: a refused call
    is not counted as served."""

    def __init__(self, key: str) -> None:
        self.key = key

    async def intercept_service(
        self,
        continuation: Callable[
            [grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler[Any, Any] | None]
        ],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler[Any, Any] | None:
        method = handler_call_details.method
        if method.startswith("/grpc.") or signed(
            handler_call_details.invocation_metadata or (), self.key
        ):
            return await continuation(handler_call_details)
        handler = await continuation(handler_call_details)
        if handler is None:
            return None
        if handler.stream_unary:  # a client stream (an import): refused before it is read
            return grpc.stream_unary_rpc_method_handler(_refuse)
        return grpc.unary_unary_rpc_method_handler(_refuse)
