"""the visitor search index keeps the first one to six letters of every name word (it kept one to three): a
keystroke's words of four to six letters are looked up in the index itself, not by reading every name that
starts with them

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05
"""

from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

# The index is made again with the other prefixes, each row keeping its rowid: search lists what it
# finds in the index's rowid order, so the answers stay exactly as they were. The triggers that keep it
# in step with the visitor table (migration 0001) name it, not its options, so they stay as they are.
_MADE = (
    "CREATE VIRTUAL TABLE visitor_search USING fts5(visitor_id UNINDEXED, terms, "
    "tokenize = 'unicode61 remove_diacritics 2', prefix = '{prefixes}')"
)


def _make_again(prefixes: str) -> None:
    op.execute("CREATE TEMP TABLE visitor_search_rows AS SELECT rowid AS row, visitor_id, terms FROM visitor_search")
    op.execute("DROP TABLE visitor_search")
    op.execute(_MADE.format(prefixes=prefixes))
    op.execute(
        "INSERT INTO visitor_search (rowid, visitor_id, terms)"
        " SELECT row, visitor_id, terms FROM visitor_search_rows ORDER BY row"
    )
    op.execute("DROP TABLE visitor_search_rows")
    # One segment, as a long-used index settles into: a keystroke reads one list of rows per word.
    op.execute("INSERT INTO visitor_search (visitor_search) VALUES ('optimize')")


def upgrade() -> None:
    _make_again("1 2 3 4 5 6")


def downgrade() -> None:
    _make_again("1 2 3")
