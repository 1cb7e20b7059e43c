"""The caseworker's queue over the typed copies: scope, order and pages by key, counts, warnings kept up to date
when a neighbouring claim or a receipt arrives, the same warnings after a rebuild, and every query by index."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.integration.centre.claim_world import NOW, claim, establishments, receipt
from tests.integration.centre.test_console_query_plans import BIG, captured, plans
from tests.integration.servers import drop_server_db, server_db_url
from visitorcentre.core.cost_of_visits.warnings import BITS, WarningCode
from visitorcentre.server import database
from visitorcentre.server.centre import claim_view, claims_queue, typed, typed_rows

ORDER = [f"claim-{n:02d}" for n in range(60)]


@pytest.fixture
def engine(engine):
    establishments(engine)
    return engine


def warnings_of(engine, row_id: str) -> set[str]:
    with Session(engine) as session:
        value = session.scalar(
            select(typed.TypedCostApplication.warnings).where(typed.TypedCostApplication.row_id == row_id)
        )
    return {code for code, bit in BITS.items() if value & bit}


def test_pages_by_key_in_order_with_counts_and_only_the_caseworkers_establishments(engine):
    for number, row_id in enumerate(ORDER):
        claim(
            engine,
            row_id,
            claimant=f"v-{number}",
            prisoner=f"p-{number}",
            submitted_at=NOW - timedelta(hours=100 - number),
            establishment="GRE" if number % 10 == 9 else "BAR",
            status="approved" if number % 7 == 6 else "submitted",
        )
    wanted = [r for n, r in enumerate(ORDER) if n % 10 != 9 and n % 7 != 6]
    seen, after = [], ""
    with Session(engine) as session:
        while True:
            page = claims_queue.queue(session, {"BAR"}, claims_queue.Filters(), NOW, after)
            seen += [row.id for row in page.rows]
            assert len(page.rows) <= claims_queue.PER_PAGE
            if page.next_after is None:
                break
            after = page.next_after
        assert page.counts["submitted"] == len(wanted)
        assert page.counts["approved"] == len([n for n in range(60) if n % 10 != 9 and n % 7 == 6])
    assert seen == wanted


def test_warnings_follow_a_new_duplicate_a_receipt_and_survive_a_rebuild(engine):
    claim(engine, "first", lines=[{"type": "bus", "cost_pence": 700, "receipt": True}])
    assert warnings_of(engine, "first") == {WarningCode.RECEIPTS_MISSING}
    receipt(engine, "first", 0)
    assert warnings_of(engine, "first") == set()
    claim(engine, "second", lines=[{"type": "bus", "cost_pence": 700, "receipt": True}])  # same claimant, prisoner, day
    assert warnings_of(engine, "first") == {WarningCode.DUPLICATE}  # the older claim learns of the newer
    assert warnings_of(engine, "second") == {WarningCode.DUPLICATE, WarningCode.RECEIPTS_MISSING}
    claim(engine, "other", claimant="someone-else", lines=[], visit_date=date(2026, 11, 20))
    assert WarningCode.OTHER_CLAIMANT in warnings_of(engine, "first")
    before = {r: warnings_of(engine, r) for r in ("first", "second", "other")}
    with Session(engine) as session, session.begin():
        typed_rows.rebuild(session)
    assert {r: warnings_of(engine, r) for r in ("first", "second", "other")} == before


@pytest.mark.postgres
def test_the_queue_and_a_claim_read_by_index(tmp_path):
    url = server_db_url("postgres", tmp_path)
    engine = database.make_engine(url)
    try:
        database.migrate(engine)
        establishments(engine)
        claim(engine, "claim-1")
        receipt(engine, "claim-1", 0)
        filtered = claims_queue.Filters(warning="duplicate", older_than_days=7, min_pence=100, max_pence=100_000)
        reads = {
            "the queue": lambda s: claims_queue.queue(s, {"BAR"}, claims_queue.Filters(), NOW),
            "the queue filtered, a later page": lambda s: claims_queue.queue(
                s, {"BAR", "GRE"}, filtered, NOW, "2026-11-01T00:00:00|x"
            ),
            "a claim": lambda s: claim_view.claim(s, {"BAR"}, "claim-1", NOW),
        }
        for name, read in reads.items():
            statements = captured(engine, read)
            for (statement, _), plan in zip(statements, plans(engine, statements), strict=True):
                scanned = [line for line in plan.splitlines() if "Seq Scan" in line and any(t in line for t in BIG)]
                assert not scanned, f"{name}: {statement}\n{plan}"
    finally:
        engine.dispose()
        drop_server_db(url)


def test_a_tab_counts_up_to_a_limit_and_then_says_more(engine, monkeypatch):
    """A status's count stops at COUNTED_UP_TO (paid claims grow without end): "1,000+" on the tab."""
    monkeypatch.setattr(claims_queue, "COUNTED_UP_TO", 3)
    for number in range(6):
        status = "submitted" if number < 4 else "paid"
        claim(engine, f"c-{number}", claimant=f"v-{number}", submitted_at=NOW - timedelta(hours=number), status=status)
    with Session(engine) as session:
        page = claims_queue.queue(session, None, claims_queue.Filters(), NOW)
    assert page.counts["submitted"] == 4 and page.counts["paid"] == 2 and page.counts["rejected"] == 0
    assert [claims_queue.shown_count(page.counts[s]) for s in ("submitted", "paid")] == ["3+", "2"]
    assert len(page.rows) == 4  # (the list itself is not cut)
    monkeypatch.setattr(claims_queue, "COUNTED_UP_TO", 1000)
    assert claims_queue.shown_count(1001) == "1,000+" and claims_queue.shown_count(1000) == "1,000"


@pytest.mark.postgres
def test_a_warnings_filter_is_read_from_the_queue_index_alone(tmp_path):
    """The tab counts under a warnings filter go straight to the claims with those warnings along the
    status-and-warnings index (s0017): neither every claim of a status nor its index entries are walked
    to test each one's warnings (at national scale a status has 60,000 and a duplicate is rare)."""
    url = server_db_url("postgres", tmp_path)
    engine = database.make_engine(url)
    try:
        database.migrate(engine)
        establishments(engine)
        for number in range(3):
            claim(engine, f"claim-{number}", claimant=f"v-{number}")
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM ANALYZE typed_cost_application")
        for warning in ("none", "duplicate"):
            filters = claims_queue.Filters(warning=warning)
            statements = captured(engine, lambda s, f=filters: claims_queue.queue(s, None, f, NOW))
            counting = [(s, p) for s, p in statements if "UNION ALL" in s]
            assert counting, statements
            plan = plans(engine, counting)[0]
            assert plan.count("Index Only Scan using ix_typed_cost_application_status_warnings") == 5, plan
    finally:
        engine.dispose()
        drop_server_db(url)
