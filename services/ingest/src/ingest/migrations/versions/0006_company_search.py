"""company search: an accent- and case-insensitive key on every company name, indexed
for name prefixes and word prefixes

Revision ID: 0006
Revises: 0005
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# Lower case, accents off, every run of other characters one space. IMMUTABLE, so a
# generated column and its indexes may use it; searches apply it to the query too.
SEARCH_KEY = """
CREATE FUNCTION kmo_search_key(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURNS NULL ON NULL INPUT AS $$
  SELECT btrim(regexp_replace(
    replace(replace(replace(translate(lower(t),
      'àáâãäåçèéêëìíîïñòóôõöùúûüýÿāăąćĉċčďēĕėęěĝğġģĥĩīĭįĵķĺļľńņňōŏőŕŗřśŝşšţťũūŭůűųŵŷźżžſơưǎǐǒǔǖǘǚǜǟǡǧǩǫǭǰǵǹǻȁȃȅȇȉȋȍȏȑȓȕȗșțȟȧȩȫȭȯȱȳøđłıħ',
      'aaaaaaceeeeiiiinooooouuuuyyaaaccccdeeeeegggghiiiijklllnnnooorrrssssttuuuuuuwyzzzsouaiouuuuuaagkoojgnaaaeeiioorruusthaeooooyodlih'),
      'æ', 'ae'), 'œ', 'oe'), 'ß', 'ss'),
    '[^[:alnum:]]+', ' ', 'g'))
$$
"""


def upgrade() -> None:
    op.execute(SEARCH_KEY)
    op.execute(
        "ALTER TABLE companies ADD COLUMN search_name text "
        "GENERATED ALWAYS AS (kmo_search_key(name)) STORED"
    )
    op.execute("CREATE INDEX ix_companies_search_name ON companies (search_name text_pattern_ops)")
    op.execute(
        "CREATE INDEX ix_companies_search_words ON companies "
        "USING gin (to_tsvector('simple', search_name))"
    )
    op.create_index(
        "ix_companies_vat_prefix", "companies", ["vat"], postgresql_ops={"vat": "text_pattern_ops"}
    )
    op.execute(
        "CREATE INDEX ix_invoices_tenant_open ON invoices (tenant_id, debtor_vat) "
        "WHERE status IN ('open', 'partially_paid')"
    )


def downgrade() -> None:
    op.drop_index("ix_invoices_tenant_open", table_name="invoices")
    op.drop_index("ix_companies_vat_prefix", table_name="companies")
    op.drop_index("ix_companies_search_words", table_name="companies")
    op.drop_index("ix_companies_search_name", table_name="companies")
    op.drop_column("companies", "search_name")
    op.execute("DROP FUNCTION kmo_search_key(text)")
