"""Resolvers through the real schema in front of fake backends: ``run(query, variables,
backends=..., principal=...)`` executes one operation and returns the result."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from types import SimpleNamespace
from typing import Any

import pytest
from strawberry.types import ExecutionResult

from gateway.domain.model import Principal
from gateway.entrypoints.graphql.context import Context
from gateway.entrypoints.graphql.schema import schema

MEMBER = Principal("k1", "tenant-1", frozenset({"invoices:read", "invoices:write"}), "BE1")
Run = Callable[..., Awaitable[ExecutionResult]]


@pytest.fixture
def run() -> Run:
    async def execute(
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        backends: dict[str, object],
        principal: Principal = MEMBER,
    ) -> ExecutionResult:
        context = Context(
            request=None,  # type: ignore[arg-type]  # resolvers here never read the request
            response=None,
            principal=principal,
            backends=SimpleNamespace(**backends),  # type: ignore[arg-type]
            timeout=5,
            internal_key="k" * 32,
            notices=None,  # type: ignore[arg-type]
        )
        return await schema.execute(query, variable_values=variables, context_value=context)

    return execute
