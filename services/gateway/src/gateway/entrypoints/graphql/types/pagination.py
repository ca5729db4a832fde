"""Relay-style connections: ``edges { cursor node }``, ``nodes`` and ``pageInfo``.

The backends page by opaque keyset tokens, one per page: ``pageInfo.endCursor`` (also the
last edge's cursor) is what ``after`` takes for the next page; the other edges carry none.
"""

from __future__ import annotations

from typing import Generic, TypeVar

import strawberry

T = TypeVar("T")


@strawberry.type(description="Where a page ends: pass endCursor as `after` for the next one.")
class PageInfo:
    has_next_page: bool
    end_cursor: str | None
    has_previous_page: bool = strawberry.field(
        default=False, description="always false: pages go forward only"
    )
    start_cursor: str | None = strawberry.field(default=None, description="always null")


@strawberry.type
class Edge(Generic[T]):
    node: T
    cursor: str | None = strawberry.field(description="set on the last edge of a page")


@strawberry.type
class Connection(Generic[T]):
    edges: list[Edge[T]]
    page_info: PageInfo

    @strawberry.field(description="the edges' nodes, for clients that need no cursors")
    def nodes(self) -> list[T]:
        return [e.node for e in self.edges]

    @classmethod
    def of(cls, items: list[T], next_token: str) -> Connection[T]:
        edges = [Edge(node=item, cursor=None) for item in items]
        if edges and next_token:
            edges[-1].cursor = next_token
        return cls(
            edges=edges,
            page_info=PageInfo(has_next_page=bool(next_token), end_cursor=next_token or None),
        )
