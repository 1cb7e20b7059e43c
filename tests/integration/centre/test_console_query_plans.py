"""The establishment pages' queries read by index on PostgreSQL (plans, not timings).

Each service the establishment pages call is run with every statement it sends captured; each
statement is then EXPLAINed with its own parameters and sequential scans switched off, so a
query that has no index to use still shows a "Seq Scan" however small the tables are. At
national scale such a query would read millions of documents per page.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from tests.integration.servers import drop_server_db, server_db_url
from visitorcentre.server import database, devices
from visitorcentre.server.centre import advice_rules, desks, establishments, support_services
from visitorcentre.server.centre.access import Scope

NOW = datetime(2026, 12, 3, 9, 30)
NATIONAL = Scope.national()
#: Tables that grow with the visits (millions of rows at national scale).
BIG = ("document", "feed", "applied_op", "conflict", "typed_")


@pytest.fixture
def engine(tmp_path):
    url = server_db_url("postgres", tmp_path)
    engine = database.make_engine(url)
    database.migrate(engine)
    with Session(engine) as session, session.begin():
        for code in ("BAR", "GRE"):
            establishments.add(session, NATIONAL, "Ann", NOW, code, f"HMP {code}", "scotland")
            advice_rules.add(session, NATIONAL, "Ann", NOW, code, advice_rules.Wording("dress", "must", "No hoods."))
            support_services.add(session, NATIONAL, "Ann", NOW, code, support_services.Details("Centre", "other"))
            made = desks.make_code(session, NATIONAL, "Ann", NOW, code, "http://x")
            devices.enrol(session, made.code, f"Desk at {code}", NOW)
    yield engine
    engine.dispose()
    drop_server_db(url)


def captured(engine, read) -> list[tuple[str, object]]:
    sent: list[tuple[str, object]] = []

    def keep(_connection, _cursor, statement, parameters, _context, _many):
        if statement.lstrip().upper().startswith("SELECT"):
            sent.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", keep)
    try:
        with Session(engine) as session:
            read(session)
    finally:
        event.remove(engine, "before_cursor_execute", keep)
    return sent


def plans(engine, statements) -> list[str]:
    found = []
    with engine.connect() as connection:
        connection.exec_driver_sql("SET enable_seqscan = off")
        for statement, parameters in statements:
            rows = connection.exec_driver_sql("EXPLAIN " + statement, parameters).all()
            found.append("\n".join(row[0] for row in rows))
    return found


def device_at(engine, code: str) -> str:
    with Session(engine) as session:
        return desks.enrolled(session, NATIONAL, code)[0].device_id


@pytest.mark.postgres
def test_every_establishment_page_query_reads_by_index(engine):
    device = device_at(engine, "BAR")
    mine = Scope.of("BAR")
    reads = {
        "establishments (national)": lambda s: establishments.listed(s, NATIONAL),
        "establishments (one's own)": lambda s: establishments.listed(s, mine),
        "an establishment": lambda s: establishments.one(s, mine, "BAR"),
        "advice rules": lambda s: advice_rules.rules(s, mine, "BAR", NOW.date()),
        "support services": lambda s: support_services.listed(s, mine, "BAR"),
        "desks": lambda s: desks.enrolled(s, mine, "BAR"),
        "a desk's issues": lambda s: desks.issues(s, mine, device),
    }
    for page, read in reads.items():
        statements = captured(engine, read)
        assert statements, page
        for (statement, _), plan in zip(statements, plans(engine, statements), strict=True):
            scanned = [line for line in plan.splitlines() if "Seq Scan" in line and any(t in line for t in BIG)]
            assert not scanned, f"{page}: {statement}\n{plan}"
