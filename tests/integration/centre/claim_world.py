"""Travel-costs claims as the desks send them, on a server database with two establishments (BAR, GRE).

``claim(...)`` stores a submitted application (written as a desk's push would leave it), with
its claimant, prisoner and visit; the claim's lines are a train fare, parking and refreshments.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from visitorcentre.server import documents
from visitorcentre.sync import record_rules

NOW = datetime(2026, 12, 3, 9, 30)
CASEWORKER = "Cara Caseworker"
DESK = "desk-1"


def put(session: Session, entity: str, row_id: str, payload: dict, by: str = DESK) -> dict:
    record = {"id": row_id, "version": 1, "created_at": "2026-11-20T10:00:00", "updated_at": "2026-11-20T10:00:00"}
    record |= payload
    if entity.startswith("cost_"):  # (as a desk's push would be refused otherwise)
        wrong = record_rules.problem(entity, record)
        assert not wrong, wrong
    documents.put(session, entity, row_id, record, by, NOW)
    return record


def establishments(engine: Engine, *codes: str) -> None:
    with Session(engine) as session, session.begin():
        for code in codes or ("BAR", "GRE"):
            documents.put(
                session,
                "establishment",
                f"est-{code}",
                {"id": f"est-{code}", "version": 1, "establishment": code, "code": code, "name": f"HMP {code}"},
                "server",
                NOW,
            )


def expenses() -> list[dict[str, Any]]:
    train = {"type": "train", "cost_pence": 4250, "receipt": True, "description": "Glasgow to Barlinnie"}
    parking = {"type": "parking", "cost_pence": 600, "receipt": False, "description": "Station car park"}
    return [train, parking]


def quote(lines: list[dict[str, Any]], refreshments: int = 500) -> dict[str, Any]:
    items = [
        {
            "type": e["type"],
            "amount_pence": e.get("cost_pence") or 0,
            "note": "" if e.get("receipt") else "receipt required",
        }
        for e in lines
    ]
    total = sum(i["amount_pence"] for i in items) + refreshments
    return {
        "eligible": True,
        "reasons": [],
        "claim_type": "past",
        "items": items,
        "refreshments_pence": refreshments,
        "total_pence": total,
        "evidence_required": [f"{i['type']} receipt" for i in items if i["note"]],
        "manual_check": [],
    }


def claim(
    engine: Engine,
    row_id: str = "claim-1",
    *,
    establishment: str = "BAR",
    claimant: str = "visitor-1",
    prisoner: str = "prisoner-1",
    visit_date: date = date(2026, 11, 20),
    status: str = "submitted",
    lines: list[dict[str, Any]] | None = None,
    submitted_at: datetime | None = None,
    reference: str = "",
    benefit: str = "income_support",
    visit_id: str | None = None,
) -> dict[str, Any]:
    """A claim a desk submitted (its claimant and prisoner stored too, once)."""
    lines = expenses() if lines is None else lines
    answer = quote(lines)
    submitted = submitted_at or NOW - timedelta(days=3)
    with Session(engine) as session, session.begin():
        if documents.Writer(session, NOW).doc("visitor", claimant) is None:
            put(
                session,
                "visitor",
                claimant,
                {
                    "establishment": establishment,
                    "first_name": "Mary",
                    "last_name": "O'Neill",
                    "date_of_birth": "1980-02-03",
                },
            )
        if documents.Writer(session, NOW).doc("prisoner", prisoner) is None:
            put(
                session,
                "prisoner",
                prisoner,
                {
                    "establishment": establishment,
                    "prison_number": f"A{abs(hash(prisoner)) % 10000:04d}BC",
                    "first_name": "Sean",
                    "last_name": "MacDonald",
                    "date_of_birth": "1990-05-01",
                    "status": "convicted",
                },
            )
        return put(
            session,
            "cost_application",
            row_id,
            {
                "establishment": establishment,
                "reference": reference or row_id[-8:].upper().replace("-", ""),
                "claimant_id": claimant,
                "prisoner_id": prisoner,
                "visit_id": visit_id,
                "prison_nation": "scotland",
                "visit_date": visit_date.isoformat(),
                "application_date": submitted.date().isoformat(),
                "claim_type": "past",
                "claimant_date_of_birth": "1980-02-03",
                "relationship": "spouse",
                "benefit": benefit,
                "monthly_household_income_pence": None,
                "medical_condition": False,
                "children": [],
                "escort": False,
                "claims_in_last_12_months": 0,
                "hours_away_from_home": "6",
                "expenses": lines,
                "visit_confirmation": True,
                "eligible": True,
                "total_pence": answer["total_pence"],
                "quote": answer,
                "status": status,
                "helped_by": "Dawn Desk",
                "submitted_at": submitted.isoformat(timespec="seconds"),
            },
        )
