"""Where the server's document store sends a ban: at every establishment, everywhere the visitor's
details go (now and later, within one write or across several); at one establishment or for one
prisoner, only there. SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.integration.servers import drop_server_db, server_db_url
from visitorcentre.server import database, documents
from visitorcentre.server.models import Feed

STAMP = "2026-12-03T09:00:00"
NOW = datetime(2026, 12, 3, 9)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine(request, tmp_path):
    url = server_db_url(request.param, tmp_path)
    made = database.make_engine(url)
    database.migrate(made)
    yield made
    made.dispose()
    drop_server_db(url)


def record(row_id: str, establishment: str, **fields) -> dict:
    return {
        "id": row_id,
        "establishment": establishment,
        "created_at": STAMP,
        "updated_at": STAMP,
        "version": 1,
        **fields,
    }


def visitor(row_id: str, establishment: str = "BAR") -> dict:
    return record(row_id, establishment, first_name="Ailsa", last_name="Brodie", date_of_birth="1990-02-28")


def ban(row_id: str, visitor_id: str, scope: str, establishment: str = "BAR", prisoner_id=None) -> dict:
    return record(
        row_id,
        establishment,
        visitor_id=visitor_id,
        scope=scope,
        prisoner_id=prisoner_id,
        reason="Threats to staff",
        starts_on="2026-12-01",
        ends_on=None,
        lifted_on=None,
        lifted_reason="",
    )


def link(row_id: str, visitor_id: str, establishment: str) -> dict:
    return record(
        row_id,
        establishment,
        visitor_id=visitor_id,
        prisoner_id=f"pr-{establishment}",
        kind="friend",
        list_status="approved",
    )


def scopes(engine, entity: str, row_id: str) -> set[str]:
    with Session(engine) as session:
        return set(session.scalars(select(Feed.scope).where(Feed.entity == entity, Feed.row_id == row_id)))


def test_a_ban_everywhere_follows_the_visitor_to_each_establishment_that_comes_to_know_them(engine):
    with Session(engine) as session:
        writer = documents.Writer(session, NOW)
        for row_id, payload in [
            ("v-1", visitor("v-1")),
            ("b-all", ban("b-all", "v-1", "all")),
            ("b-bar", ban("b-bar", "v-1", "establishment")),
            ("b-pr", ban("b-pr", "v-1", "prisoner", prisoner_id="pr-BAR")),
        ]:
            writer.put("visitor" if row_id == "v-1" else "ban", row_id, payload, "console")
        writer.put("relationship", "r-gre", link("r-gre", "v-1", "GRE"), "console")  # in the same write
        writer.flush()
        session.commit()
    assert scopes(engine, "visitor", "v-1") == {"BAR", "GRE"}
    assert scopes(engine, "ban", "b-all") == {"BAR", "GRE"}
    assert scopes(engine, "ban", "b-bar") == scopes(engine, "ban", "b-pr") == {"BAR"}

    with Session(engine) as session:  # a later write: another establishment comes to know her
        documents.put(session, "relationship", "r-lin", link("r-lin", "v-1", "LIN"), "console", NOW)
        session.commit()
    assert scopes(engine, "ban", "b-all") == {"BAR", "GRE", "LIN"}
    assert scopes(engine, "ban", "b-bar") == {"BAR"}

    with Session(engine) as session:  # lifted: the change goes everywhere the ban went
        lifted = {**ban("b-all", "v-1", "all"), "version": 2, "lifted_on": "2026-12-03", "lifted_reason": "Appeal"}
        documents.put(session, "ban", "b-all", lifted, "console", NOW)
        session.commit()
        entries = session.scalars(select(Feed).where(Feed.entity == "ban", Feed.row_id == "b-all")).all()
        assert {e.scope for e in entries} == {"BAR", "GRE", "LIN"}
        assert len({e.seq for e in entries}) == 3


def test_a_ban_everywhere_on_a_visitor_the_server_has_not_seen_goes_only_to_its_establishment(engine):
    with Session(engine) as session:
        documents.put(session, "ban", "b-x", ban("b-x", "v-unknown", "all", "GRE"), "console", NOW)
        session.commit()
    assert scopes(engine, "ban", "b-x") == {"GRE"}
