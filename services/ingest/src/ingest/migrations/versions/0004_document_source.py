"""document source: OCR, or the e-invoice embedded in a PDF

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "documents", sa.Column("source", sa.String(16), nullable=False, server_default="ocr")
    )


def downgrade() -> None:
    op.drop_column("documents", "source")
