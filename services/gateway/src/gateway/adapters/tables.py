"""Gateway's schema. Alembic migrations (``gateway/migrations``) create it."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

MIGRATIONS = Path(__file__).parents[1] / "migrations"

metadata = sa.MetaData()

members = sa.Table(
    "members",
    metadata,
    sa.Column("id", postgresql.UUID(as_uuid=False), primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("vat", sa.String(20), nullable=False, unique=True),
    sa.Column(
        "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
    ),
)

api_keys = sa.Table(
    "api_keys",
    metadata,
    sa.Column("id", postgresql.UUID(as_uuid=False), primary_key=True),
    sa.Column("lookup", sa.String(16), nullable=False, unique=True),
    sa.Column("digest", sa.String(64), nullable=False),
    sa.Column("member_id", postgresql.UUID(as_uuid=False), sa.ForeignKey("members.id")),
    sa.Column("label", sa.String(200), nullable=False),
    sa.Column("scopes", postgresql.ARRAY(sa.String(32)), nullable=False),
    sa.Column(
        "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
    ),
    sa.Column("revoked_at", sa.DateTime(timezone=True)),
)

# Every revoked or erased key, kept (ids only) so each gateway replica learns of it by
# polling: rows of erased keys are deleted from api_keys.
key_revocations = sa.Table(
    "key_revocations",
    metadata,
    sa.Column("key_id", postgresql.UUID(as_uuid=False), primary_key=True),
    sa.Column(
        "revoked_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
    ),
    sa.Index("ix_key_revocations_revoked_at", "revoked_at"),
)
