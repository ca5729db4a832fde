"""Benchmark's schema. Alembic migrations (``benchmark/migrations``) create it."""

from __future__ import annotations

import sqlalchemy as sa

from chassis.outbox import Outbox

metadata = sa.MetaData()

company_scores = sa.Table(
    "company_scores",
    metadata,
    sa.Column("vat", sa.String(20), primary_key=True),
    sa.Column("country", sa.String(2), nullable=False),
    sa.Column("sector", sa.String(1), nullable=False),
    sa.Column("score", sa.SmallInteger, nullable=False),
    sa.Column("avg_days_late", sa.Float, nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_company_scores_country_sector", "country", "sector", "score"),
)

outbox = Outbox(metadata)
