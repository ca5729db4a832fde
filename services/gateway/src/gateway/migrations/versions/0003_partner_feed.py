"""partner feed: partners, watchlists, webhooks with their secrets, the risk events
received and one delivery row per event and webhook

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

UUID = postgresql.UUID(as_uuid=False)


def _created() -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(
        "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
    )


def upgrade() -> None:
    op.create_table(
        "partners",
        sa.Column("id", UUID, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        _created(),
    )
    op.add_column("api_keys", sa.Column("partner_id", UUID, sa.ForeignKey("partners.id")))
    op.create_table(
        "watchlists",
        sa.Column("id", UUID, primary_key=True),
        sa.Column("owner_id", UUID, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("min_level", sa.String(10), nullable=False),
        sa.Column("min_score_move", sa.Integer, nullable=False),
        sa.Column("model_changes", sa.Boolean, nullable=False),
        sa.Column("countries", postgresql.ARRAY(sa.String(2)), nullable=False),
        sa.Column("sectors", postgresql.ARRAY(sa.String(8)), nullable=False),
        _created(),
    )
    op.create_index("ix_watchlists_owner_id", "watchlists", ["owner_id"])
    op.create_table(
        "watchlist_vats",
        sa.Column(
            "watchlist_id",
            UUID,
            sa.ForeignKey("watchlists.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("vat", sa.String(20), primary_key=True),
    )
    op.create_index("ix_watchlist_vats_vat", "watchlist_vats", ["vat"])
    op.create_table(
        "webhooks",
        sa.Column("id", UUID, primary_key=True),
        sa.Column("owner_id", UUID, nullable=False),
        sa.Column("key_id", UUID, sa.ForeignKey("api_keys.id", ondelete="SET NULL")),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("digest_seconds", sa.Integer, nullable=False, server_default="0"),
        sa.Column("state", sa.String(10), nullable=False, server_default="active"),
        sa.Column("paused_reason", sa.Text),
        sa.Column("paused_at", sa.DateTime(timezone=True)),
        sa.Column("failures", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_error", sa.Text),
        sa.Column("last_success_at", sa.DateTime(timezone=True)),
        _created(),
    )
    op.create_index("ix_webhooks_owner_id", "webhooks", ["owner_id"])
    op.create_table(
        "webhook_secrets",
        sa.Column("id", UUID, primary_key=True),
        sa.Column(
            "webhook_id",
            UUID,
            sa.ForeignKey("webhooks.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("secret", sa.Text, nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True)),
        _created(),
    )
    op.create_index("ix_webhook_secrets_webhook_id", "webhook_secrets", ["webhook_id"])
    op.create_table(
        "risk_events",
        sa.Column("event_id", UUID, primary_key=True),
        sa.Column("sequence", sa.BigInteger, nullable=False, unique=True),
        sa.Column("vat", sa.String(20), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("payload", postgresql.JSONB, nullable=False),
        sa.Column(
            "received_at",
            sa.DateTime(timezone=True),
            nullable=False,
            server_default=sa.func.now(),
        ),
    )
    op.create_index("ix_risk_events_received_at", "risk_events", ["received_at"])
    op.create_table(
        "deliveries",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column(
            "webhook_id",
            UUID,
            sa.ForeignKey("webhooks.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "event_id",
            UUID,
            sa.ForeignKey("risk_events.event_id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("vat", sa.String(20), nullable=False),
        sa.Column("sequence", sa.BigInteger, nullable=False),
        sa.Column("status", sa.String(10), nullable=False, server_default="pending"),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("first_attempt_at", sa.DateTime(timezone=True)),
        sa.Column(
            "next_attempt_at",
            sa.DateTime(timezone=True),
            nullable=False,
            server_default=sa.func.now(),
        ),
        sa.Column("leased_until", sa.DateTime(timezone=True)),
        sa.Column("last_status", sa.Integer),
        sa.Column("last_error", sa.Text),
        sa.Column("delivered_at", sa.DateTime(timezone=True)),
        _created(),
        sa.UniqueConstraint("webhook_id", "event_id", name="uq_deliveries_webhook_event"),
    )
    op.create_index(
        "ix_deliveries_due",
        "deliveries",
        ["next_attempt_at"],
        postgresql_where=sa.text("status = 'pending'"),
    )
    op.create_index(
        "ix_deliveries_order",
        "deliveries",
        ["webhook_id", "vat", "sequence"],
        postgresql_where=sa.text("status = 'pending'"),
    )
    op.create_index(
        "ix_deliveries_dead",
        "deliveries",
        ["webhook_id"],
        postgresql_where=sa.text("status = 'dead'"),
    )


def downgrade() -> None:
    for table in ("deliveries", "risk_events", "webhook_secrets", "webhooks"):
        op.drop_table(table)
    op.drop_table("watchlist_vats")
    op.drop_table("watchlists")
    op.drop_column("api_keys", "partner_id")
    op.drop_table("partners")
