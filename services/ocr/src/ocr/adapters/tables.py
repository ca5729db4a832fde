"""OCR's schema: extraction jobs and their results (fields only, never raw text)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from chassis.outbox import Outbox

metadata = sa.MetaData()

jobs = sa.Table(
    "extraction_jobs",
    metadata,
    sa.Column("document_id", postgresql.UUID(as_uuid=False), primary_key=True),
    sa.Column("tenant_id", sa.String(64), nullable=False),
    sa.Column("status", sa.String(16), nullable=False),  # done | failed
    sa.Column("error_code", sa.String(64)),
    sa.Column("fields", postgresql.JSONB),
    sa.Column("page_count", sa.Integer),
    sa.Column("seconds", sa.Float),
    sa.Column(
        "finished_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
    ),
)

# Members erased from the register, by the SHA-256 of their tenant id (never the id): a job
# that finishes after its member's erasure is dropped, not stored.
erased_tenants = sa.Table(
    "erased_tenants",
    metadata,
    sa.Column("digest", sa.String(64), primary_key=True),
    sa.Column(
        "erased_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
    ),
)

outbox = Outbox(metadata)
