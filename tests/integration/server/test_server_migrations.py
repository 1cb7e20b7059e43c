"""The server's own Alembic history builds the tables its models describe, indexes included."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from visitorcentre.server import database
from visitorcentre.server.tables import ServerBase


def test_server_models_match_its_migrations(tmp_path):
    engine = database.make_engine(f"sqlite:///{tmp_path / 'server.sqlite3'}")
    try:
        database.migrate(engine)
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, ServerBase.metadata)
    finally:
        engine.dispose()
    version_table = [d for d in differences if d[0] == "remove_table" and d[1].name == "server_alembic_version"]
    assert [d for d in differences if d not in version_table] == []


def test_a_push_finds_feed_entries_by_entity_and_row_without_a_scan(tmp_path):
    engine = database.make_engine(f"sqlite:///{tmp_path / 'server.sqlite3'}")
    try:
        database.migrate(engine)
        with engine.connect() as connection:
            plan = " ".join(
                str(row[-1])
                for row in connection.execute(
                    text("EXPLAIN QUERY PLAN SELECT scope, seq FROM feed WHERE entity = 'visitor' AND row_id = 'v1'")
                )
            )
        assert "ix_feed_entity_row_id" in plan and "SCAN" not in plan
    finally:
        engine.dispose()


def test_a_pull_page_reads_the_feed_from_its_index_alone(tmp_path):
    engine = database.make_engine(f"sqlite:///{tmp_path / 'server.sqlite3'}")
    try:
        database.migrate(engine)
        with engine.connect() as connection:
            plan = " ".join(
                str(row[-1])
                for row in connection.execute(
                    text(
                        "EXPLAIN QUERY PLAN SELECT seq, entity, row_id FROM feed WHERE scope = 'BAR' AND seq > 5 "
                        "ORDER BY seq LIMIT 1001"
                    )
                )
            )
        assert "COVERING INDEX ix_feed_scope_seq_row" in plan and "TEMP B-TREE" not in plan
    finally:
        engine.dispose()
