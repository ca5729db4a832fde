"""experiences carry an invoice's whole state; running sums per member; scorecard profiles

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01 12:00:00

Profiles and score history are derived data: they are dropped here and rebuilt by the
service on start (``scoring.service_layer.handlers.rebuild``) from the experiences.
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

OPEN = "settled_date IS NULL AND written_off_date IS NULL AND NOT deleted"


def upgrade() -> None:
    op.alter_column(
        "experiences",
        "invoice_id",
        type_=sa.String(length=64),
        postgresql_using="invoice_id::text",
    )
    op.alter_column("experiences", "paid_date", new_column_name="settled_date")
    op.add_column(
        "experiences",
        sa.Column(
            "paid_amount", sa.Numeric(precision=14, scale=2), server_default="0", nullable=False
        ),
    )
    op.execute("UPDATE experiences SET paid_amount = amount WHERE settled_date IS NOT NULL")
    op.add_column(
        "experiences",
        sa.Column("disputed", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    op.add_column("experiences", sa.Column("written_off_date", sa.Date(), nullable=True))
    op.add_column(
        "experiences", sa.Column("revision", sa.BigInteger(), server_default="0", nullable=False)
    )
    op.add_column(
        "experiences", sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False)
    )
    op.create_index(
        "ix_experiences_open_vat", "experiences", ["vat"], postgresql_where=sa.text(OPEN)
    )
    op.create_index("ix_experiences_supplier", "experiences", ["supplier", "invoice_id"])
    op.create_table(
        "member_sums",
        sa.Column("vat", sa.String(length=20), nullable=False),
        sa.Column("supplier", sa.String(length=64), nullable=False),
        sa.Column("sums", postgresql.ARRAY(sa.Float()), nullable=False),
        sa.Column("closed_count", sa.Integer(), nullable=False),
        sa.Column("invoice_count", sa.Integer(), nullable=False),
        sa.Column("first_issue", sa.Date(), nullable=True),
        sa.Column("last_due", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("vat", "supplier"),
    )
    op.drop_table("profiles")
    op.create_table(
        "profiles",
        sa.Column("vat", sa.String(length=20), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("sector", sa.String(length=8), nullable=False),
        sa.Column("score", sa.SmallInteger(), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("trend", sa.String(length=16), nullable=False),
        sa.Column("trend_slope", sa.Float(), nullable=False),
        sa.Column("confidence", sa.String(length=16), nullable=False),
        sa.Column("model_version", sa.String(length=32), nullable=False),
        sa.Column("invoice_count", sa.Integer(), nullable=False),
        sa.Column("paid_count", sa.Integer(), nullable=False),
        sa.Column("open_count", sa.Integer(), nullable=False),
        sa.Column("supplier_count", sa.Integer(), nullable=False),
        sa.Column("contributors", postgresql.ARRAY(sa.String(length=64)), nullable=False),
        sa.Column("avg_days_to_pay", sa.Float(), nullable=False),
        sa.Column("avg_days_late", sa.Float(), nullable=False),
        sa.Column("days_beyond_terms", sa.Float(), nullable=False),
        sa.Column("late_share", sa.Float(), nullable=False),
        sa.Column("oldest_overdue_days", sa.Integer(), nullable=False),
        sa.Column("experiences", sa.Float(), nullable=False),
        sa.Column("open_amount", sa.Numeric(precision=16, scale=2), nullable=False),
        sa.Column("overdue_amount", sa.Numeric(precision=16, scale=2), nullable=False),
        sa.Column("monthly_volume", sa.Numeric(precision=16, scale=2), nullable=False),
        sa.Column("credit_advised", sa.Boolean(), nullable=False),
        sa.Column("credit_amount", sa.Numeric(precision=16, scale=2), nullable=False),
        sa.Column("credit_sentence", sa.Text(), nullable=False),
        sa.Column("factors", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("histogram", postgresql.ARRAY(sa.Float()), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("announced_score", sa.SmallInteger(), nullable=True),
        sa.Column("announced_level", sa.String(length=16), nullable=True),
        sa.Column("published_digest", sa.String(length=32), nullable=False),
        sa.Column("shown_digest", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("vat"),
    )
    op.create_index("ix_profiles_score", "profiles", [sa.text("score DESC"), "vat"])
    op.drop_table("score_history")
    op.create_table(
        "score_history",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("vat", sa.String(length=20), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("score", sa.SmallInteger(), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("model_version", sa.String(length=32), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_score_history_vat_day", "score_history", ["vat", "day"])
    op.create_table(
        "priors",
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("dbt", sa.Float(), nullable=False),
        sa.Column("late_share", sa.Float(), nullable=False),
        sa.Column("share_30", sa.Float(), nullable=False),
        sa.Column("share_60", sa.Float(), nullable=False),
        sa.Column("histogram", postgresql.ARRAY(sa.Float()), nullable=False),
        sa.Column("debtors", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("country"),
    )
    op.create_table(
        "sweeps",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )


def downgrade() -> None:
    raise NotImplementedError("scoring's running sums cannot be folded back into 0001")
