"""Gateway's schema. Alembic migrations (``gateway/migrations``) create it."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

MIGRATIONS = Path(__file__).parents[1] / "migrations"

metadata = sa.MetaData()

members = sa.Table(
    "members",
    metadata,
    sa.Column("id", postgresql.UUID(as_uuid=False), primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("vat", sa.String(20), nullable=False, unique=True),
    sa.Column(
        "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
    ),
)

# Credit insurers, collectors, accountants: they hold keys without a tenant and own
# watchlists and webhooks (so those outlive a key rotation).
partners = sa.Table(
    "partners",
    metadata,
    sa.Column("id", postgresql.UUID(as_uuid=False), primary_key=True),
    sa.Column("name", sa.String(200), nullable=False, unique=True),
    sa.Column(
        "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
    ),
)

api_keys = sa.Table(
    "api_keys",
    metadata,
    sa.Column("id", postgresql.UUID(as_uuid=False), primary_key=True),
    sa.Column("lookup", sa.String(16), nullable=False, unique=True),
    sa.Column("digest", sa.String(64), nullable=False),
    sa.Column("member_id", postgresql.UUID(as_uuid=False), sa.ForeignKey("members.id")),
    sa.Column("partner_id", postgresql.UUID(as_uuid=False), sa.ForeignKey("partners.id")),
    sa.Column("label", sa.String(200), nullable=False),
    sa.Column("scopes", postgresql.ARRAY(sa.String(32)), nullable=False),
    sa.Column(
        "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
    ),
    sa.Column("revoked_at", sa.DateTime(timezone=True)),
)

# Every revoked or erased key, kept (ids only) so each gateway replica learns of it by
# polling: rows of erased keys are deleted from api_keys.
key_revocations = sa.Table(
    "key_revocations",
    metadata,
    sa.Column("key_id", postgresql.UUID(as_uuid=False), primary_key=True),
    sa.Column(
        "revoked_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
    ),
    sa.Index("ix_key_revocations_revoked_at", "revoked_at"),
)

UUID = postgresql.UUID(as_uuid=False)


def _created() -> sa.Column[object]:
    return sa.Column(
        "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
    )


# --- the partner feed ---------------------------------------------------------------------
# The owner of a watchlist or webhook is a member (tenant id) or a partner (partner id).
watchlists = sa.Table(
    "watchlists",
    metadata,
    sa.Column("id", UUID, primary_key=True),
    sa.Column("owner_id", UUID, nullable=False, index=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("min_level", sa.String(10), nullable=False),
    sa.Column("min_score_move", sa.Integer, nullable=False),
    sa.Column("model_changes", sa.Boolean, nullable=False),
    sa.Column("countries", postgresql.ARRAY(sa.String(2)), nullable=False),
    sa.Column("sectors", postgresql.ARRAY(sa.String(8)), nullable=False),
    _created(),
)

watchlist_vats = sa.Table(
    "watchlist_vats",
    metadata,
    sa.Column(
        "watchlist_id",
        UUID,
        sa.ForeignKey("watchlists.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("vat", sa.String(20), primary_key=True),
    sa.Index("ix_watchlist_vats_vat", "vat"),
)

webhooks = sa.Table(
    "webhooks",
    metadata,
    sa.Column("id", UUID, primary_key=True),
    sa.Column("owner_id", UUID, nullable=False, index=True),
    # The key that registered it (or resumed it last): deliveries stop when it is revoked.
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

webhook_secrets = sa.Table(
    "webhook_secrets",
    metadata,
    sa.Column("id", UUID, primary_key=True),
    sa.Column("webhook_id", UUID, sa.ForeignKey("webhooks.id", ondelete="CASCADE"), nullable=False),
    sa.Column("secret", sa.Text, nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True)),  # set when rotated out
    _created(),
    sa.Index("ix_webhook_secrets_webhook_id", "webhook_id"),
)

# Every risk.changed the gateway received, for deliveries, dead letters and resuming a
# subscription by event id; kept as long as the RISK stream keeps events.
risk_events = sa.Table(
    "risk_events",
    metadata,
    sa.Column("event_id", UUID, primary_key=True),
    sa.Column("sequence", sa.BigInteger, nullable=False, unique=True),
    sa.Column("vat", sa.String(20), nullable=False),
    sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("payload", postgresql.JSONB, nullable=False),
    sa.Column(
        "received_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
    ),
    sa.Index("ix_risk_events_received_at", "received_at"),
)

# One row per event and webhook: the durable queue the deliverer works through.
deliveries = sa.Table(
    "deliveries",
    metadata,
    sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
    sa.Column("webhook_id", UUID, sa.ForeignKey("webhooks.id", ondelete="CASCADE"), nullable=False),
    sa.Column(
        "event_id", UUID, sa.ForeignKey("risk_events.event_id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("vat", sa.String(20), nullable=False),
    sa.Column("sequence", sa.BigInteger, nullable=False),
    sa.Column("status", sa.String(10), nullable=False, server_default="pending"),
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Column("first_attempt_at", sa.DateTime(timezone=True)),
    sa.Column(
        "next_attempt_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
    ),
    sa.Column("leased_until", sa.DateTime(timezone=True)),
    sa.Column("last_status", sa.Integer),
    sa.Column("last_error", sa.Text),
    sa.Column("delivered_at", sa.DateTime(timezone=True)),
    _created(),
    sa.UniqueConstraint("webhook_id", "event_id", name="uq_deliveries_webhook_event"),
    sa.Index(
        "ix_deliveries_due",
        "next_attempt_at",
        postgresql_where=sa.text("status = 'pending'"),
    ),
    sa.Index(
        "ix_deliveries_order",
        "webhook_id",
        "vat",
        "sequence",
        postgresql_where=sa.text("status = 'pending'"),
    ),
    sa.Index("ix_deliveries_dead", "webhook_id", postgresql_where=sa.text("status = 'dead'")),
)
