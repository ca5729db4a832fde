"""Ingest's schema. Alembic migrations (``ingest/migrations``) create it."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from chassis.outbox import Outbox

metadata = sa.MetaData()

companies = sa.Table(
    "companies",
    metadata,
    sa.Column("vat", sa.String(20), primary_key=True),  # compact, validated
    sa.Column("country", sa.String(2), nullable=False),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("sector", sa.String(8), nullable=False, server_default=""),
    # kmo_search_key(name): lower case, no accents, punctuation as spaces (migration 0006).
    sa.Column("search_name", sa.Text, sa.Computed("kmo_search_key(name)", persisted=True)),
    sa.Column(
        "first_seen", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
    ),
    sa.Column(
        "updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
    ),
    sa.Index(
        "ix_companies_search_name",
        "search_name",
        postgresql_ops={"search_name": "text_pattern_ops"},
    ),
    sa.Index(
        "ix_companies_search_words",
        sa.text("to_tsvector('simple', search_name)"),
        postgresql_using="gin",
    ),
    sa.Index("ix_companies_vat_prefix", "vat", postgresql_ops={"vat": "text_pattern_ops"}),
)

invoices = sa.Table(
    "invoices",
    metadata,
    sa.Column("id", postgresql.UUID(as_uuid=False), primary_key=True),
    sa.Column("tenant_id", sa.String(64), nullable=False),
    sa.Column("debtor_vat", sa.String(20), sa.ForeignKey("companies.vat"), nullable=False),
    sa.Column("debtor_name", sa.String(200), nullable=False),
    sa.Column("invoice_number", sa.String(64), nullable=False),
    sa.Column("issue_date", sa.Date, nullable=False),
    sa.Column("due_date", sa.Date, nullable=False),
    sa.Column("amount", sa.Numeric(14, 2), nullable=False),
    sa.Column("currency", sa.String(3), nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("credited_amount", sa.Numeric(14, 2), nullable=False, server_default="0"),
    sa.Column("disputed", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("dispute_reason", sa.String(200), nullable=False, server_default=""),
    sa.Column("written_off_date", sa.Date),
    # 1 when recorded, +1 per payment and per change (the revision its events carry).
    sa.Column("revision", sa.Integer, nullable=False, server_default="1"),
    # The day a paid invoice was settled (its last payment's), and when its last payment
    # was recorded: a member's statistics read these instead of every member's payments.
    sa.Column("settled_on", sa.Date),
    sa.Column("last_payment_at", sa.DateTime(timezone=True)),
    sa.UniqueConstraint("tenant_id", "invoice_number", name="uq_invoices_tenant_number"),
    sa.Index("ix_invoices_tenant_recorded", "tenant_id", "recorded_at", "id"),
    sa.Index("ix_invoices_debtor", "debtor_vat"),
    sa.Index(
        "ix_invoices_tenant_settled",
        "tenant_id",
        "settled_on",
        postgresql_where=sa.text("settled_on IS NOT NULL"),
    ),
    sa.Index(
        "ix_invoices_tenant_last_payment",
        "tenant_id",
        "last_payment_at",
        postgresql_where=sa.text("last_payment_at IS NOT NULL"),
    ),
    sa.Index(
        "ix_invoices_tenant_open",
        "tenant_id",
        "debtor_vat",
        postgresql_where=sa.text("status IN ('open', 'partially_paid')"),
    ),
)

payments = sa.Table(
    "payments",
    metadata,
    sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
    sa.Column(
        "invoice_id", postgresql.UUID(as_uuid=False), sa.ForeignKey("invoices.id"), nullable=False
    ),
    sa.Column("paid_date", sa.Date, nullable=False),
    sa.Column("amount", sa.Numeric(14, 2), nullable=False),
    sa.Column(
        "recorded_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
    ),
    sa.Index("ix_payments_invoice", "invoice_id"),
)

documents = sa.Table(
    "documents",
    metadata,
    sa.Column("id", postgresql.UUID(as_uuid=False), primary_key=True),
    sa.Column("tenant_id", sa.String(64), nullable=False),
    sa.Column("filename", sa.String(200), nullable=False),
    sa.Column("content_type", sa.String(64), nullable=False),
    sa.Column("size_bytes", sa.Integer, nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    # Normalised field values with confidences and positions; never raw OCR text.
    sa.Column("draft", postgresql.JSONB, nullable=False),
    sa.Column("page_count", sa.Integer, nullable=False),
    sa.Column("error_code", sa.String(64), nullable=False),
    sa.Column("error_message", sa.String(500), nullable=False),
    sa.Column("invoice_id", postgresql.UUID(as_uuid=False)),
    sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("source", sa.String(16), nullable=False, server_default="ocr"),
    sa.Index("ix_documents_tenant_uploaded", "tenant_id", "uploaded_at"),
)

# Accounting CSV exports imported in the background. The file's bytes wait in
# import_chunks until the job is done; last_line says where a restart resumes.
import_jobs = sa.Table(
    "import_jobs",
    metadata,
    sa.Column("id", postgresql.UUID(as_uuid=False), primary_key=True),
    sa.Column("tenant_id", sa.String(64), nullable=False),
    sa.Column("member_vat", sa.String(20), nullable=False, server_default=""),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("filename", sa.String(200), nullable=False),
    sa.Column("options", postgresql.JSONB, nullable=False),
    sa.Column("size_bytes", sa.BigInteger, nullable=False),
    sa.Column("chunks", sa.Integer, nullable=False),
    sa.Column("bytes_done", sa.BigInteger, nullable=False, server_default="0"),
    sa.Column("last_line", sa.BigInteger, nullable=False, server_default="0"),
    sa.Column("accepted", sa.BigInteger, nullable=False, server_default="0"),
    sa.Column("rejected", sa.BigInteger, nullable=False, server_default="0"),
    sa.Column("errors", postgresql.JSONB, nullable=False, server_default="[]"),
    sa.Column("error_code", sa.String(64), nullable=False, server_default=""),
    sa.Column("error_message", sa.String(500), nullable=False, server_default=""),
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("finished_at", sa.DateTime(timezone=True)),
    sa.Index("ix_import_jobs_tenant_created", "tenant_id", "created_at"),
    sa.Index(
        "ix_import_jobs_pending",
        "created_at",
        postgresql_where=sa.text("status IN ('queued', 'running')"),
    ),
)

import_chunks = sa.Table(
    "import_chunks",
    metadata,
    sa.Column(
        "job_id",
        postgresql.UUID(as_uuid=False),
        sa.ForeignKey("import_jobs.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("seq", sa.Integer, primary_key=True),
    sa.Column("data", sa.LargeBinary, nullable=False),
)

# The KBO open data (Belgium's Crossroads Bank for Enterprises), loaded by
# ``python -m ingest registry-import`` (migration 0008; adapters/registry.py).
registry_extracts = sa.Table(
    "registry_extracts",
    metadata,
    sa.Column("extract_number", sa.Integer, primary_key=True),
    sa.Column("extract_type", sa.String(8), nullable=False),
    sa.Column("snapshot_date", sa.Date, nullable=False),
    sa.Column("extract_timestamp", sa.String(40), nullable=False),
    sa.Column("version", sa.String(20), nullable=False),
    sa.Column("summary", postgresql.JSONB, nullable=False),
    sa.Column(
        "loaded_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
    ),
)

registry_codes = sa.Table(
    "registry_codes",
    metadata,
    sa.Column("category", sa.String(40), primary_key=True),
    sa.Column("code", sa.String(16), primary_key=True),
    sa.Column("language", sa.String(2), primary_key=True),
    sa.Column("description", sa.Text, nullable=False),
)

registry_enterprises = sa.Table(
    "registry_enterprises",
    metadata,
    sa.Column("enterprise_number", sa.String(10), primary_key=True),  # compact, 10 digits
    sa.Column("vat", sa.String(12), nullable=False, unique=True),  # BE + the number, valid
    sa.Column("status", sa.String(2), nullable=False),  # AC active, ST stopped
    sa.Column("juridical_situation", sa.String(3), nullable=False),
    # The snapshot day of the extract that first carried this situation: the open data
    # gives no date of the situation itself.
    sa.Column("situation_since", sa.Date, nullable=False),
    sa.Column("type_of_enterprise", sa.String(1), nullable=False, server_default=""),
    sa.Column("juridical_form", sa.String(3), nullable=False, server_default=""),
    sa.Column("juridical_form_cac", sa.String(3), nullable=False, server_default=""),
    sa.Column("start_date", sa.Date),
    # The main activity (enterprise level), NACE-BEL 2008 and 2025 codes as published.
    sa.Column("nace2008", sa.String(7), nullable=False, server_default=""),
    sa.Column("nace2025", sa.String(7), nullable=False, server_default=""),
    sa.Column("nace_division", sa.String(2), nullable=False, server_default=""),
    sa.Column("nace_section", sa.String(1), nullable=False, server_default=""),
    sa.Column("name", sa.String(320), nullable=False, server_default=""),  # the one shown
    sa.Column("extract_number", sa.Integer, nullable=False),
    sa.Column(
        "updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
    ),
)

registry_denominations = sa.Table(
    "registry_denominations",
    metadata,
    sa.Column("enterprise_number", sa.String(10), primary_key=True),
    sa.Column("type", sa.String(3), primary_key=True),
    sa.Column("language", sa.String(1), primary_key=True),
    sa.Column("denomination", sa.String(320), primary_key=True),
    sa.Column("search_key", sa.Text, sa.Computed("kmo_search_key(denomination)", persisted=True)),
    sa.Index(
        "ix_registry_denominations_search_key",
        "search_key",
        postgresql_ops={"search_key": "text_pattern_ops"},
    ),
    sa.Index(
        "ix_registry_denominations_search_words",
        sa.text("to_tsvector('simple', search_key)"),
        postgresql_using="gin",
    ),
)

# The distinct words of the registry's names (all but bare numbers) and how many names hold
# each: a query word's completions and a misspelt word's corrections are read from these.
registry_name_words = sa.Table(
    "registry_name_words",
    metadata,
    sa.Column("word", sa.Text(collation="C"), primary_key=True),
    sa.Column("names", sa.Integer, nullable=False),
    # ix_registry_name_words_trigrams (gist_trgm_ops) exists where pg_trgm does.
)

# Indexes a migration creates only where the server has the extension they need: schema
# comparisons leave them out.
metadata.info["optional_indexes"] = {"ix_registry_name_words_trigrams"}

outbox = Outbox(metadata)
