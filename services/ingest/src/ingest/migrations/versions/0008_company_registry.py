"""company registry: the Belgian enterprises of the KBO open data (enterprise number, VAT
number, status, juridical situation, legal form, start date, main NACE codes), their names
in every language, the code tables, and the extracts loaded

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# pg_trgm ranks names by trigram similarity. It is a contrib module: PostgreSQL servers
# from the distributions carry it, the embedded development server does not. Without it
# the search still finds names by prefix and by word prefixes (README).
TRIGRAMS = """
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE INDEX IF NOT EXISTS ix_registry_denominations_trigrams
      ON registry_denominations USING gin (search_key gin_trgm_ops);
  END IF;
END
$$
"""

# dd-mm-yyyy (the cookbook's date format) to a date; NULL for anything that is no day, so
# one malformed line cannot stop a load. Nested CASEs fix the order of the checks.
KBO_DATE = r"""
CREATE FUNCTION kmo_kbo_date(t text) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURNS NULL ON NULL INPUT AS $$
  SELECT CASE WHEN t ~ '^\d{2}-\d{2}-\d{4}$' THEN
    CASE WHEN substr(t, 4, 2)::int BETWEEN 1 AND 12 AND substr(t, 7, 4)::int >= 1 THEN
      CASE WHEN substr(t, 1, 2)::int BETWEEN 1 AND extract(day FROM
          make_date(substr(t, 7, 4)::int, substr(t, 4, 2)::int, 1)
          + interval '1 month' - interval '1 day')::int
        THEN make_date(substr(t, 7, 4)::int, substr(t, 4, 2)::int, substr(t, 1, 2)::int)
      END
    END
  END
$$
"""


def upgrade() -> None:
    op.execute(KBO_DATE)
    op.create_table(
        "registry_extracts",
        sa.Column("extract_number", sa.Integer, primary_key=True),
        sa.Column("extract_type", sa.String(8), nullable=False),
        sa.Column("snapshot_date", sa.Date, nullable=False),
        sa.Column("extract_timestamp", sa.String(40), nullable=False),
        sa.Column("version", sa.String(20), nullable=False),
        sa.Column("summary", sa.dialects.postgresql.JSONB, nullable=False),
        sa.Column(
            "loaded_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
    )
    op.create_table(
        "registry_codes",
        sa.Column("category", sa.String(40), primary_key=True),
        sa.Column("code", sa.String(16), primary_key=True),
        sa.Column("language", sa.String(2), primary_key=True),
        sa.Column("description", sa.Text, nullable=False),
    )
    op.create_table(
        "registry_enterprises",
        sa.Column("enterprise_number", sa.String(10), primary_key=True),
        sa.Column("vat", sa.String(12), nullable=False, unique=True),
        sa.Column("status", sa.String(2), nullable=False),
        sa.Column("juridical_situation", sa.String(3), nullable=False),
        sa.Column("situation_since", sa.Date, nullable=False),
        sa.Column("type_of_enterprise", sa.String(1), nullable=False, server_default=""),
        sa.Column("juridical_form", sa.String(3), nullable=False, server_default=""),
        sa.Column("juridical_form_cac", sa.String(3), nullable=False, server_default=""),
        sa.Column("start_date", sa.Date),
        sa.Column("nace2008", sa.String(7), nullable=False, server_default=""),
        sa.Column("nace2025", sa.String(7), nullable=False, server_default=""),
        sa.Column("nace_division", sa.String(2), nullable=False, server_default=""),
        sa.Column("nace_section", sa.String(1), nullable=False, server_default=""),
        sa.Column("name", sa.String(320), nullable=False, server_default=""),
        sa.Column("extract_number", sa.Integer, nullable=False),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
    )
    op.create_table(
        "registry_denominations",
        sa.Column("enterprise_number", sa.String(10), primary_key=True),
        sa.Column("type", sa.String(3), primary_key=True),
        sa.Column("language", sa.String(1), primary_key=True),
        sa.Column("denomination", sa.String(320), primary_key=True),
        sa.Column(
            "search_key", sa.Text, sa.Computed("kmo_search_key(denomination)", persisted=True)
        ),
    )
    op.execute(
        "CREATE INDEX ix_registry_denominations_search_key ON registry_denominations "
        "(search_key text_pattern_ops)"
    )
    op.execute(
        "CREATE INDEX ix_registry_denominations_search_words ON registry_denominations "
        "USING gin (to_tsvector('simple', search_key))"
    )
    op.execute(TRIGRAMS)


def downgrade() -> None:
    op.drop_table("registry_denominations")
    op.drop_table("registry_enterprises")
    op.drop_table("registry_codes")
    op.drop_table("registry_extracts")
    op.execute("DROP FUNCTION kmo_kbo_date(text)")
