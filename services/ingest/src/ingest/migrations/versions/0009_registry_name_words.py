"""registry name words: the distinct words of the registry's names and how many names hold
each. A query word's completions are read from them (a byte-ordered range scan), so the names'
word index is asked for whole words instead of expanding a prefix over millions of entries;
a misspelt word is corrected against them (trigram similarity, where pg_trgm is installed).
The trigram index over the whole names, which that replaces, goes

Revision ID: 0009
Revises: 0008
"""

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# Every word but a bare number (numbers are looked up as typed). The same query fills the
# table on every full load (adapters/registry.py).
NAME_WORDS = """
SELECT w, count(*) FROM registry_denominations, unnest(string_to_array(search_key, ' ')) w
WHERE w !~ '^[0-9]+$' GROUP BY w
"""

TRIGRAMS = """
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
    CREATE INDEX IF NOT EXISTS ix_registry_name_words_trigrams
      ON registry_name_words USING gist (word gist_trgm_ops);
  END IF;
END
$$
"""


def upgrade() -> None:
    # "C": the primary key's order is the bytes', so a prefix is one range of it.
    op.execute(
        'CREATE TABLE registry_name_words (word text COLLATE "C" PRIMARY KEY, '
        "names integer NOT NULL)"
    )
    op.execute(f"INSERT INTO registry_name_words {NAME_WORDS}")
    op.execute(TRIGRAMS)
    op.execute("DROP INDEX IF EXISTS ix_registry_denominations_trigrams")


def downgrade() -> None:
    op.execute("DROP TABLE registry_name_words")
    op.execute(
        "DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN "
        "CREATE INDEX IF NOT EXISTS ix_registry_denominations_trigrams ON "
        "registry_denominations USING gin (search_key gin_trgm_ops); END IF; END $$"
    )
