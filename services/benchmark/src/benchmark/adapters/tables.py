"""Benchmark's schema. Alembic migrations (``benchmark/migrations``) create it."""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()


def _figures() -> list[sa.Column[object]]:
    """A company's measures as exact integers; NULL where not known (no paid invoice)."""
    return [
        sa.Column("country", sa.String(3), nullable=False),
        sa.Column("section", sa.String(1), nullable=False),
        sa.Column("division", sa.String(2), nullable=False),
        sa.Column("score", sa.SmallInteger, nullable=False),
        sa.Column("level", sa.SmallInteger, nullable=False),
        sa.Column("days_to_pay", sa.Integer),  # x10
        sa.Column("days_beyond_terms", sa.Integer),  # x100
        sa.Column("late_share", sa.Integer),  # x10000
        sa.Column("as_of", sa.Date, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    ]


# The latest published measures per company.
companies = sa.Table(
    "companies",
    metadata,
    sa.Column("vat", sa.String(20), primary_key=True),
    *_figures(),
)

# The last measures per company per month it changed, for the monthly trend's rebuild;
# pruned to the trend's window (plus each company's last row before it).
company_months = sa.Table(
    "company_months",
    metadata,
    sa.Column("vat", sa.String(20), primary_key=True),
    sa.Column("month", sa.Date, primary_key=True),
    *_figures(),
)

# Per group: companies per bucket of every measure (int32 each) and the exact sum of each
# measure (int64 each), packed little-endian. About 2.3 kB a group, about 500 groups.
histograms = sa.Table(
    "histograms",
    metadata,
    sa.Column("country", sa.String(3), primary_key=True),
    sa.Column("sector", sa.String(2), primary_key=True),
    sa.Column("counts", sa.LargeBinary, nullable=False),
    sa.Column("sums", sa.LargeBinary, nullable=False),
)

# Each group's median per measure at the close of each month (the current month is live).
month_medians = sa.Table(
    "month_medians",
    metadata,
    sa.Column("month", sa.Date, primary_key=True),
    sa.Column("country", sa.String(3), primary_key=True),
    sa.Column("sector", sa.String(2), primary_key=True),
    sa.Column("measure", sa.String(20), primary_key=True),
    sa.Column("count", sa.Integer, nullable=False),
    sa.Column("median", sa.Float, nullable=False),
)

# One row: the month the live counts are in, and a version readers compare their cache with.
register = sa.Table(
    "register",
    metadata,
    sa.Column("id", sa.SmallInteger, primary_key=True),
    sa.Column("current_month", sa.Date),
    sa.Column("version", sa.BigInteger, nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True)),
    sa.CheckConstraint("id = 1", name="register_one_row"),
)
