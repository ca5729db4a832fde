"""Documents in PostgreSQL (metadata and draft fields; the bytes live in the object store)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from ingest.adapters.tables import documents, outbox
from ingest.domain.documents import Document, DraftField, Status


def document_from_row(row: Any) -> Document:
    m = row._mapping
    return Document(
        id=str(m["id"]),
        tenant_id=m["tenant_id"],
        filename=m["filename"],
        content_type=m["content_type"],
        size_bytes=m["size_bytes"],
        sha256=m["sha256"],
        status=Status(m["status"]),
        uploaded_at=m["uploaded_at"],
        updated_at=m["updated_at"],
        draft={
            name: DraftField(
                value=f["value"],
                confidence=f["confidence"],
                page=f.get("page"),
                box=tuple(f["box"]) if f.get("box") else None,
            )
            for name, f in (m["draft"] or {}).items()
        },
        page_count=m["page_count"],
        error_code=m["error_code"],
        error_message=m["error_message"],
        invoice_id=str(m["invoice_id"] or ""),
        source=m["source"],
    )


def _values(doc: Document) -> dict[str, object]:
    return {
        "status": doc.status.value,
        "draft": {
            name: {
                "value": f.value,
                "confidence": f.confidence,
                "page": f.page,
                "box": list(f.box) if f.box else None,
            }
            for name, f in doc.draft.items()
        },
        "page_count": doc.page_count,
        "error_code": doc.error_code,
        "error_message": doc.error_message,
        "invoice_id": doc.invoice_id or None,
        "updated_at": doc.updated_at,
    }


class SqlDocumentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, document: Document) -> None:
        await self.session.execute(
            sa.insert(documents).values(
                id=document.id,
                tenant_id=document.tenant_id,
                filename=document.filename,
                content_type=document.content_type,
                size_bytes=document.size_bytes,
                sha256=document.sha256,
                uploaded_at=document.uploaded_at,
                source=document.source,
                **_values(document),
            )
        )

    async def get(self, tenant_id: str, document_id: str) -> Document | None:
        return await self._one(
            sa.and_(documents.c.id == document_id, documents.c.tenant_id == tenant_id), lock=True
        )

    async def get_for_update(self, document_id: str) -> Document | None:
        return await self._one(documents.c.id == document_id, lock=True)

    async def read(self, tenant_id: str, document_id: str) -> Document | None:
        return await self._one(
            sa.and_(documents.c.id == document_id, documents.c.tenant_id == tenant_id), lock=False
        )

    async def save(self, document: Document) -> None:
        await self.session.execute(
            sa.update(documents).where(documents.c.id == document.id).values(**_values(document))
        )

    async def claim(self, consumer: str, event_id: str) -> bool:
        return await outbox.claim(self.session, consumer, event_id)

    async def erase_tenant(self, tenant_id: str) -> list[str]:
        """Delete every document of the member; the ids, for their bytes."""
        rows = await self.session.execute(
            sa.delete(documents).where(documents.c.tenant_id == tenant_id).returning(documents.c.id)
        )
        return [str(r.id) for r in rows]

    async def _one(self, where: sa.ColumnElement[bool], *, lock: bool) -> Document | None:
        query = sa.select(documents).where(where)
        if lock:
            query = query.with_for_update()
        row = (await self.session.execute(query)).first()
        return document_from_row(row) if row else None
