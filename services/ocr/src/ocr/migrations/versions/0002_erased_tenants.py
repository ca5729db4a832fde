"""erased tenants: members erased from the register, by digest

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "erased_tenants",
        sa.Column("digest", sa.String(64), primary_key=True),
        sa.Column(
            "erased_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
    )


def downgrade() -> None:
    op.drop_table("erased_tenants")
