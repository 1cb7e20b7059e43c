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


def test_the_needs_review_copies_are_made_from_the_flags_already_synced(tmp_path):
    """s0014 on a server whose desks have already pushed visit_review flags: each gets its typed copy."""
    from datetime import datetime

    from alembic import command
    from alembic.config import Config
    from sqlalchemy.orm import Session

    from visitorcentre.server.centre.typed import TypedVisitReview
    from visitorcentre.server.models import Document

    engine = database.make_engine(f"sqlite:///{tmp_path / 'server.sqlite3'}")
    try:
        config = Config()
        config.set_main_option("script_location", str(database.MIGRATIONS))
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "s0013_caseworker_queue")
        flag = {
            "id": "flag-1",
            "establishment": "BAR",
            "visit_id": "visit-1",
            "reason": "ban",
            "words": "Margaret McDonald was banned on 22 November; the visit on 23 November includes Margaret.",
            "raised_at": "2026-11-22T13:00:00",
            "resolved_at": "2026-11-22T14:05:00",
            "resolved_by": "Ann Desk",
            "resolution": "goes_ahead",
            "family_told": "phoned",
            "note": "",
        }
        with Session(engine) as session, session.begin():
            session.add(
                Document(
                    entity="visit_review",
                    row_id="flag-1",
                    establishment="BAR",
                    version=2,
                    payload=flag,
                    seq=1,
                    written_by="desk-1",
                    updated_at=datetime(2026, 11, 22, 14, 5),
                )
            )
        database.migrate(engine)
        with Session(engine) as session:
            (copy,) = session.query(TypedVisitReview).all()
        assert (copy.establishment, copy.visit_id, copy.reason, copy.resolution, copy.family_told) == (
            "BAR",
            "visit-1",
            "ban",
            "goes_ahead",
            "phoned",
        )
        assert copy.resolved_at == datetime(2026, 11, 22, 14, 5) and copy.words.startswith("Margaret McDonald")
    finally:
        engine.dispose()
