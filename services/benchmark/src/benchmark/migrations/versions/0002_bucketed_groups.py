"""bucketed groups: companies, monthly history, per-group histograms, month medians

The old latest-score table and the outbox that nothing wrote to are dropped; the
counts are rebuilt from the stream (replay) or ``python -m benchmark rebuild``.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _figures() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("country", sa.String(3), nullable=False),
        sa.Column("section", sa.String(1), nullable=False),
        sa.Column("division", sa.String(2), nullable=False),
        sa.Column("score", sa.SmallInteger(), nullable=False),
        sa.Column("level", sa.SmallInteger(), nullable=False),
        sa.Column("days_to_pay", sa.Integer()),
        sa.Column("days_beyond_terms", sa.Integer()),
        sa.Column("late_share", sa.Integer()),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    ]


def upgrade() -> None:
    op.drop_table("company_scores")
    op.drop_table("outbox")
    op.drop_table("processed_events")
    op.create_table(
        "companies",
        sa.Column("vat", sa.String(20), primary_key=True),
        *_figures(),
    )
    op.create_table(
        "company_months",
        sa.Column("vat", sa.String(20), primary_key=True),
        sa.Column("month", sa.Date(), primary_key=True),
        *_figures(),
    )
    op.create_table(
        "histograms",
        sa.Column("country", sa.String(3), primary_key=True),
        sa.Column("sector", sa.String(2), primary_key=True),
        sa.Column("counts", sa.LargeBinary(), nullable=False),
        sa.Column("sums", sa.LargeBinary(), nullable=False),
    )
    # Small rows rewritten on every batch: kept inline and uncompressed.
    op.execute("ALTER TABLE histograms ALTER COLUMN counts SET STORAGE PLAIN")
    op.execute("ALTER TABLE histograms ALTER COLUMN sums SET STORAGE PLAIN")
    op.execute("ALTER TABLE histograms SET (fillfactor = 50)")
    op.create_table(
        "month_medians",
        sa.Column("month", sa.Date(), primary_key=True),
        sa.Column("country", sa.String(3), primary_key=True),
        sa.Column("sector", sa.String(2), primary_key=True),
        sa.Column("measure", sa.String(20), primary_key=True),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("median", sa.Float(), nullable=False),
    )
    op.create_table(
        "register",
        sa.Column("id", sa.SmallInteger(), primary_key=True),
        sa.Column("current_month", sa.Date()),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True)),
        sa.CheckConstraint("id = 1", name="register_one_row"),
    )
    op.execute("INSERT INTO register (id, version) VALUES (1, 0)")


def downgrade() -> None:
    raise NotImplementedError("0002 drops the old tables; restore from a backup instead")
