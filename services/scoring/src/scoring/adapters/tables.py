"""Scoring's schema. Alembic migrations (``scoring/migrations``) create it."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from chassis.outbox import Outbox

metadata = sa.MetaData()

_OPEN = sa.text("settled_date IS NULL AND written_off_date IS NULL AND NOT deleted")

# One row per invoice, at its latest revision. Deleted invoices stay as tombstones
# (without their member) so an older, late event cannot bring them back.
experiences = sa.Table(
    "experiences",
    metadata,
    sa.Column("invoice_id", sa.String(64), primary_key=True),
    sa.Column("supplier", sa.String(64), nullable=False),
    sa.Column("vat", sa.String(20), nullable=False),
    sa.Column("issue_date", sa.Date, nullable=False),
    sa.Column("due_date", sa.Date, nullable=False),
    sa.Column("amount", sa.Numeric(14, 2), nullable=False),
    sa.Column("paid_amount", sa.Numeric(14, 2), nullable=False, server_default="0"),
    sa.Column("settled_date", sa.Date),
    sa.Column("disputed", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("written_off_date", sa.Date),
    sa.Column("revision", sa.BigInteger, nullable=False, server_default="0"),
    sa.Column("deleted", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Index("ix_experiences_vat", "vat"),
    sa.Index("ix_experiences_open_vat", "vat", postgresql_where=_OPEN),
    # A member's invoices by id (its predicted payments).
    sa.Index("ix_experiences_supplier", "supplier", "invoice_id"),
)

# A member's closed experiences with a debtor folded into running sums
# (scoring.domain.evidence.Sums): one event is O(1) whatever the history.
member_sums = sa.Table(
    "member_sums",
    metadata,
    sa.Column("vat", sa.String(20), primary_key=True),
    sa.Column("supplier", sa.String(64), primary_key=True),
    sa.Column("sums", postgresql.ARRAY(sa.Float), nullable=False),
    sa.Column("closed_count", sa.Integer, nullable=False),
    sa.Column("invoice_count", sa.Integer, nullable=False),
    sa.Column("first_issue", sa.Date),
    sa.Column("last_due", sa.Date),
)

profiles = sa.Table(
    "profiles",
    metadata,
    sa.Column("vat", sa.String(20), primary_key=True),
    sa.Column("country", sa.String(2), nullable=False),
    sa.Column("sector", sa.String(8), nullable=False),
    sa.Column("score", sa.SmallInteger, nullable=False),
    sa.Column("level", sa.String(16), nullable=False),
    sa.Column("trend", sa.String(16), nullable=False),
    sa.Column("trend_slope", sa.Float, nullable=False),
    sa.Column("confidence", sa.String(16), nullable=False),
    sa.Column("model_version", sa.String(32), nullable=False),
    sa.Column("invoice_count", sa.Integer, nullable=False),
    sa.Column("paid_count", sa.Integer, nullable=False),
    sa.Column("open_count", sa.Integer, nullable=False),
    sa.Column("supplier_count", sa.Integer, nullable=False),
    sa.Column("contributors", postgresql.ARRAY(sa.String(64)), nullable=False),
    sa.Column("avg_days_to_pay", sa.Float, nullable=False),
    sa.Column("avg_days_late", sa.Float, nullable=False),
    sa.Column("days_beyond_terms", sa.Float, nullable=False),
    sa.Column("late_share", sa.Float, nullable=False),
    sa.Column("oldest_overdue_days", sa.Integer, nullable=False),
    sa.Column("experiences", sa.Float, nullable=False),
    sa.Column("open_amount", sa.Numeric(16, 2), nullable=False),
    sa.Column("overdue_amount", sa.Numeric(16, 2), nullable=False),
    sa.Column("monthly_volume", sa.Numeric(16, 2), nullable=False),
    sa.Column("credit_advised", sa.Boolean, nullable=False),
    sa.Column("credit_amount", sa.Numeric(16, 2), nullable=False),
    sa.Column("credit_sentence", sa.Text, nullable=False),
    sa.Column("factors", postgresql.JSONB, nullable=False),
    sa.Column("histogram", postgresql.ARRAY(sa.Float), nullable=False),
    sa.Column("as_of", sa.Date, nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("announced_score", sa.SmallInteger),
    sa.Column("announced_level", sa.String(16)),
    # Digests of what score.updated carries and of everything shown (domain.profile).
    sa.Column("published_digest", sa.String(32), nullable=False),
    sa.Column("shown_digest", sa.String(32), nullable=False),
    sa.Index("ix_profiles_score", sa.text("score DESC"), "vat"),
)

# One row per change of a debtor's score or level (not per recomputation).
score_history = sa.Table(
    "score_history",
    metadata,
    sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
    sa.Column("vat", sa.String(20), nullable=False),
    sa.Column("day", sa.Date, nullable=False),
    sa.Column("score", sa.SmallInteger, nullable=False),
    sa.Column("level", sa.String(16), nullable=False),
    sa.Column("model_version", sa.String(32), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_score_history_vat_day", "vat", "day"),
)

# The register's own figures per country, refreshed by the daily sweep: what a debtor
# with a thin history is pulled towards.
priors = sa.Table(
    "priors",
    metadata,
    sa.Column("country", sa.String(2), primary_key=True),
    sa.Column("dbt", sa.Float, nullable=False),
    sa.Column("late_share", sa.Float, nullable=False),
    sa.Column("share_30", sa.Float, nullable=False),
    sa.Column("share_60", sa.Float, nullable=False),
    sa.Column("histogram", postgresql.ARRAY(sa.Float), nullable=False),
    sa.Column("debtors", sa.Integer, nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)

# The last day the ageing sweep completed: every profile is current as of it.
sweeps = sa.Table(
    "sweeps",
    metadata,
    sa.Column("name", sa.String(32), primary_key=True),
    sa.Column("day", sa.Date, nullable=False),
    sa.Column("finished_at", sa.DateTime(timezone=True), nullable=False),
)

# The company registry's juridical situation per company (ingest's company.status_changed):
# "" distress for a normal one. The latest extract wins.
legal_statuses = sa.Table(
    "legal_statuses",
    metadata,
    sa.Column("vat", sa.String(20), primary_key=True),
    sa.Column("distress", sa.String(32), nullable=False),
    sa.Column("situation", sa.String(8), nullable=False),
    sa.Column("description", sa.String(200), nullable=False),
    sa.Column("since", sa.Date, nullable=False),
    sa.Column("extract_number", sa.BigInteger, nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)

outbox = Outbox(metadata)
