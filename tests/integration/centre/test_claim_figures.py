"""Claims figures (centre.claim_figures): per establishment and month of the visit, each status counted,
days to a decision, amounts approved (automatically too) and paid; only establishments the user sees."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy.orm import Session

from tests.integration.centre.claim_world import CASEWORKER, NOW, claim, establishments
from visitorcentre.core.errors import InvalidInput
from visitorcentre.server.centre import claim_decisions
from visitorcentre.server.centre.access import Scope
from visitorcentre.server.centre.claim_figures import claim_figures

ALL = [{"index": i, "decision": "approved"} for i in range(3)]  # train 4250, parking 600, refreshments 500


@pytest.fixture
def engine(engine):
    establishments(engine)
    return engine


def decide(engine, claim_id: str, outcome: str, at: datetime, **given) -> None:
    with Session(engine) as session, session.begin():
        claim_decisions.record_decision(
            session, actor=CASEWORKER, application_id=claim_id, outcome=outcome, now=at, **given
        )


def world(engine) -> None:
    submitted = datetime(2026, 11, 1, 9, 0)
    claim(engine, "bar-1", visit_date=date(2026, 10, 28), submitted_at=submitted, claimant="v1")
    claim(engine, "bar-2", visit_date=date(2026, 10, 30), submitted_at=submitted, claimant="v2")
    claim(engine, "bar-3", visit_date=date(2026, 11, 5), submitted_at=submitted, claimant="v3")
    claim(engine, "gre-1", establishment="GRE", visit_date=date(2026, 11, 6), claimant="v4", prisoner="p2")
    claim(engine, "old-1", visit_date=date(2025, 1, 6), claimant="v5")  # outside the range
    decide(engine, "bar-1", "approved", submitted + timedelta(days=4), expenses=ALL)
    decide(
        engine, "bar-1", "paid", submitted + timedelta(days=9), payment_method="bank_transfer", payment_reference="P1"
    )
    decide(engine, "bar-2", "rejected", submitted + timedelta(days=2), reason="duplicate", note="Claimed twice")
    decide(engine, "bar-3", "needs_information", NOW, note="The train ticket")


def test_each_establishment_and_month_counts_statuses_days_and_money(engine):
    world(engine)
    with Session(engine) as session:
        found = claim_figures(session, Scope(everywhere=True), [], date(2026, 10, 1), date(2026, 11, 30))
    by = {(line.code, line.month): line for line in found.lines}
    october = by[("BAR", date(2026, 10, 1))]
    assert (october.claims, october.by_status["paid"], october.by_status["rejected"]) == (2, 1, 1)
    assert (october.decided, october.average_days) == (2, "3.0")  # 4 days and 2 days
    assert (october.approved_pence, october.paid_pence) == (5350, 5350)
    november = by[("BAR", date(2026, 11, 1))]
    assert (november.claims, november.by_status["needs_information"], november.decided) == (1, 1, 0)
    assert november.average_days == ""
    assert by[("GRE", date(2026, 11, 1))].by_status["submitted"] == 1
    assert found.total.claims == 4 and found.total.approved_pence == 5350
    assert [line.code for line in found.lines] == ["BAR", "BAR", "GRE"]


def test_only_the_establishments_the_user_sees(engine):
    world(engine)
    with Session(engine) as session:
        mine = claim_figures(session, Scope.of("GRE", changes=False), [], date(2026, 10, 1), date(2026, 11, 30))
        assert [line.code for line in mine.lines] == ["GRE"] and mine.total.claims == 1
        with pytest.raises(InvalidInput) as error:
            claim_figures(session, Scope.of("GRE", changes=False), ["BAR"], date(2026, 10, 1), date(2026, 11, 30))
        assert error.value.field == "establishments"
        with pytest.raises(InvalidInput) as error:
            claim_figures(session, Scope(everywhere=True), [], date(2026, 11, 30), date(2026, 10, 1))
        assert error.value.field == "end"


def test_the_figures_are_summed_in_the_database_never_read_claim_by_claim(engine):
    """A year's national claims are ~100,000: the figures are one statement over the typed copies, by index,
    never each claim's and decision's document (which took seconds at national scale)."""
    from tests.integration.centre.test_console_query_plans import BIG, captured, plans

    world(engine)
    for more in range(5):  # (more claims do not mean more statements)
        claim(engine, f"more-{more}", visit_date=date(2026, 11, 7), claimant=f"m{more}")
    read = lambda s: claim_figures(s, Scope(everywhere=True), [], date(2026, 10, 1), date(2026, 11, 30))  # noqa: E731
    statements = captured(engine, read)
    claims = [s for s, _ in statements if "typed_cost_application" in s]
    assert len(claims) == 1 and "typed_cost_decision" in claims[0]
    documents = [str(p) for s, p in statements if "FROM document" in s]
    assert documents and all("establishment" in p and "cost_" not in p for p in documents), documents
    if engine.dialect.name == "postgresql":
        for (statement, _), plan in zip(statements, plans(engine, statements), strict=True):
            scanned = [line for line in plan.splitlines() if "Seq Scan" in line and any(t in line for t in BIG)]
            assert not scanned, f"{statement}\n{plan}"
