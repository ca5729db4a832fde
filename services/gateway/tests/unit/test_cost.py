"""The query-cost budget: lists multiply what is under them, aliases and fragments count
each time, and an operation over the budget is refused before anything runs."""

from __future__ import annotations

from typing import Any

import pytest
from graphql import parse

from gateway.entrypoints.graphql.cost import BUDGET, operation_cost
from gateway.entrypoints.graphql.schema import schema

VATS = [f"BE0{n:09d}" for n in range(1000)]


def cost(query: str, variables: dict[str, Any] | None = None) -> int:
    return operation_cost(schema._schema, parse(query), variables or {})


def test_lists_multiply_by_the_size_their_arguments_give() -> None:
    assert cost('{ companies(vats: ["BE1", "BE2", "BE3"]) { vat name } }') == 1 + 3 * 2
    assert cost("query($v: [String!]!) { companies(vats: $v) { vat } }", {"v": VATS}) == 1001
    assert cost("{ invoices(first: 20) { nodes { id } } }") == 1 + 1 + 20
    # an unbounded list (factors) counts as ten
    assert cost('{ company(vat: "BE1") { riskProfile { factors { points } } } }') == 1 + 1 + 1 + 10


def test_aliases_and_fragments_count_each_time() -> None:
    one = cost("query($v: [String!]!) { companies(vats: $v) { vat name } }", {"v": VATS})
    aliased = (
        "query($v: [String!]!) { "
        + " ".join(f"a{i}: companies(vats: $v) {{ ...F }}" for i in range(10))
        + " } fragment F on Company { vat name }"
    )
    assert cost(aliased, {"v": VATS}) == 10 * one


def test_the_thousand_company_page_fits_and_thirty_of_them_do_not() -> None:
    page = (
        "companies(vats: $v) { vat name riskProfile { score level confidence }"
        " benchmark { section placements { scope } } }"
    )
    assert cost(f"query($v: [String!]!) {{ {page} }}", {"v": VATS}) < BUDGET
    many = "query($v: [String!]!) { " + " ".join(f"a{i}: {page}" for i in range(30)) + " }"
    assert cost(many, {"v": VATS}) > BUDGET


@pytest.mark.parametrize("first", [0, 10**9])
def test_an_absurd_size_argument_is_counted_as_given(first: int) -> None:
    got = cost(f"{{ invoices(first: {first}) {{ nodes {{ id }} }} }}")
    assert got == (1 + 1 + max(first, 1))
