"""Scoring's schema. Alembic migrations (``scoring/migrations``) create it."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from chassis.outbox import Outbox

metadata = sa.MetaData()

experiences = sa.Table(
    "experiences",
    metadata,
    sa.Column("invoice_id", postgresql.UUID(as_uuid=False), primary_key=True),
    sa.Column("supplier", sa.String(64), nullable=False),
    sa.Column("vat", sa.String(20), nullable=False),
    sa.Column("issue_date", sa.Date, nullable=False),
    sa.Column("due_date", sa.Date, nullable=False),
    sa.Column("amount", sa.Numeric(14, 2), nullable=False),
    sa.Column("paid_date", sa.Date),
    sa.Index("ix_experiences_vat", "vat"),
)

profiles = sa.Table(
    "profiles",
    metadata,
    sa.Column("vat", sa.String(20), primary_key=True),
    sa.Column("country", sa.String(2), nullable=False),
    sa.Column("sector", sa.String(8), nullable=False),
    sa.Column("score", sa.SmallInteger, nullable=False),
    sa.Column("level", sa.String(16), nullable=False),
    sa.Column("invoice_count", sa.Integer, nullable=False),
    sa.Column("paid_count", sa.Integer, nullable=False),
    sa.Column("supplier_count", sa.Integer, nullable=False),
    sa.Column("avg_days_to_pay", sa.Float, nullable=False),
    sa.Column("avg_days_late", sa.Float, nullable=False),
    sa.Column("open_amount", sa.Numeric(16, 2), nullable=False),
    sa.Column("overdue_amount", sa.Numeric(16, 2), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)

score_history = sa.Table(
    "score_history",
    metadata,
    sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
    sa.Column("vat", sa.String(20), nullable=False),
    sa.Column("score", sa.SmallInteger, nullable=False),
    sa.Column("level", sa.String(16), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_score_history_vat_at", "vat", "at"),
)

outbox = Outbox(metadata)
