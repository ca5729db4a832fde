"""legal statuses: each company's juridical situation as the company registry reports it
(ingest's company.status_changed), read with its profile

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "legal_statuses",
        sa.Column("vat", sa.String(20), primary_key=True),
        sa.Column("distress", sa.String(32), nullable=False),
        sa.Column("situation", sa.String(8), nullable=False),
        sa.Column("description", sa.String(200), nullable=False),
        sa.Column("since", sa.Date, nullable=False),
        sa.Column("extract_number", sa.BigInteger, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("legal_statuses")
