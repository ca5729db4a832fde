"""key revocations: every replica polls them, so a revoked or erased key stops within a
second everywhere

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "key_revocations",
        sa.Column("key_id", postgresql.UUID(as_uuid=False), primary_key=True),
        sa.Column(
            "revoked_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
    )
    op.create_index("ix_key_revocations_revoked_at", "key_revocations", ["revoked_at"])


def downgrade() -> None:
    op.drop_table("key_revocations")
