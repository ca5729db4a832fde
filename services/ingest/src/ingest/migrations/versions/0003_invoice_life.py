"""an invoice's life: credit notes, disputes, write-offs, revisions

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 12:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "invoices",
        sa.Column("credited_amount", sa.Numeric(precision=14, scale=2), server_default="0",
                  nullable=False),
    )  # fmt: skip
    op.add_column(
        "invoices", sa.Column("disputed", sa.Boolean(), server_default=sa.false(), nullable=False)
    )
    op.add_column(
        "invoices",
        sa.Column("dispute_reason", sa.String(length=200), server_default="", nullable=False),
    )
    op.add_column("invoices", sa.Column("written_off_date", sa.Date(), nullable=True))
    op.add_column(
        "invoices", sa.Column("revision", sa.Integer(), server_default="1", nullable=False)
    )
    # Invoices recorded before revisions: 1 plus one per payment, as their events said.
    op.execute(
        "UPDATE invoices SET revision = 1 + (SELECT count(*) FROM payments p"
        " WHERE p.invoice_id = invoices.id)"
    )


def downgrade() -> None:
    for column in ("revision", "written_off_date", "dispute_reason", "disputed", "credited_amount"):
        op.drop_column("invoices", column)
