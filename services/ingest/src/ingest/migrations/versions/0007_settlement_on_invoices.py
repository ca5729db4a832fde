"""settlement on the invoice: the day it was settled and when its last payment was
recorded, so a member's payment statistics and recent payments read its own invoice rows
instead of every member's payments

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("invoices", sa.Column("settled_on", sa.Date))
    op.add_column("invoices", sa.Column("last_payment_at", sa.DateTime(timezone=True)))
    op.execute(
        "UPDATE invoices i SET last_payment_at = p.last_at, "
        "settled_on = CASE WHEN i.status = 'paid' THEN p.last_day END "
        "FROM (SELECT invoice_id, max(recorded_at) AS last_at, max(paid_date) AS last_day "
        "FROM payments GROUP BY invoice_id) p WHERE p.invoice_id = i.id"
    )
    op.create_index(
        "ix_invoices_tenant_settled",
        "invoices",
        ["tenant_id", "settled_on"],
        postgresql_where=sa.text("settled_on IS NOT NULL"),
    )
    op.create_index(
        "ix_invoices_tenant_last_payment",
        "invoices",
        ["tenant_id", "last_payment_at"],
        postgresql_where=sa.text("last_payment_at IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_invoices_tenant_last_payment", table_name="invoices")
    op.drop_index("ix_invoices_tenant_settled", table_name="invoices")
    op.drop_column("invoices", "last_payment_at")
    op.drop_column("invoices", "settled_on")
