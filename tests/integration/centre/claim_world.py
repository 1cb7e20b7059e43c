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


MILE_PENCE = 40  # (what these tests' quotes pay a mile)


def _amount(expense: dict[str, Any]) -> int:
    if expense["type"] in ("car", "motorcycle"):
        return int(float(expense["miles_one_way"]) * (2 if expense.get("return_journey") else 1) * MILE_PENCE)
    return int(expense.get("cost_pence") or 0)


def quote(lines: list[dict[str, Any]], refreshments: int = 500) -> dict[str, Any]:
    items = [
        {
            "type": e["type"],
            "amount_pence": _amount(e),
            "note": "" if e.get("receipt") or e["type"] in ("car", "motorcycle") else "receipt required",
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
    names: tuple[str, str] = ("Mary", "O'Neill"),
    prisoner_names: tuple[str, str, str] = ("Sean", "MacDonald", ""),
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
                    "first_name": names[0],
                    "last_name": names[1],
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
                    "prison_number": prisoner_names[2] or f"A{sum(map(ord, prisoner)) % 10000:04d}BC",
                    "first_name": prisoner_names[0],
                    "last_name": prisoner_names[1],
                    "date_of_birth": "1990-05-01",
                    "status": "convicted",
                },
            )
        put(
            session,
            "cost_application_event",
            f"event-{row_id}",
            {
                "establishment": establishment,
                "application_id": row_id,
                "status": "submitted",
                "at": submitted.isoformat(timespec="seconds"),
                "by": "Dawn Desk",
                "note": "",
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


def picture(kind: str = "PNG", colour: str = "white", lines: tuple[str, ...] = ()) -> bytes:
    """A small receipt (PNG or JPEG picture, or a one-page PDF) as Pillow writes them, with a border and its text."""
    import io

    from PIL import Image, ImageDraw

    lines = lines or ("ScotRail", "Glasgow Queen St - Barlinnie", "Anytime return", "Total GBP 42.50")
    image = Image.new("RGB", (360, 40 + 24 * len(lines)), colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, image.width - 1, image.height - 1), outline="grey", width=2)
    for number, text in enumerate(lines):
        draw.text((20, 20 + 24 * number), text, fill="black", font_size=18)
    out = io.BytesIO()
    image.save(out, format=kind)
    return out.getvalue()


def receipt(
    engine: Engine,
    claim_id: str = "claim-1",
    index: int | None = 0,
    *,
    data: bytes | None = None,
    establishment: str = "BAR",
    row_id: str | None = None,
    kind: str = "receipt",
) -> str:
    """A receipt file uploaded by the establishment's desk and attached to the claim; returns the attachment's id."""
    import hashlib

    from visitorcentre.files.receipts import media_type_of
    from visitorcentre.server.models import Blob, BlobOwner

    data = data or picture()
    sha = hashlib.sha256(data).hexdigest()
    row_id = row_id or f"att-{claim_id}-{index}-{sha[:6]}"
    with Session(engine) as session, session.begin():
        if session.get(Blob, sha) is None:
            session.add(Blob(sha256=sha, establishment=establishment, size_bytes=len(data), data=data, at=NOW))
            session.flush()
        if session.get(BlobOwner, (sha, establishment)) is None:
            session.add(BlobOwner(sha256=sha, establishment=establishment, at=NOW))
        put(
            session,
            "cost_attachment",
            row_id,
            {
                "establishment": establishment,
                "application_id": claim_id,
                "kind": kind,
                "sha256": sha,
                "media_type": media_type_of(data),
                "size_bytes": len(data),
                "original_name": {"image/png": "receipt.png", "image/jpeg": "photo.jpg"}.get(
                    str(media_type_of(data)), "receipt.pdf"
                ),
                "expense_index": index,
            },
        )
    return row_id


def visited(
    engine: Engine, claimant: str, prisoner: str, day: date, outcome: str = "checked_in", establishment: str = "BAR"
) -> str:
    """A visit on ``day`` with the claimant on it, as the desk's check-in left it; returns the visit's reference."""
    key = f"{claimant}-{day.isoformat()}"
    with Session(engine) as session, session.begin():
        put(
            session,
            "visit_session",
            f"s-{key}",
            {
                "establishment": establishment,
                "date": day.isoformat(),
                "starts_at": "14:00",
                "ends_at": "16:00",
                "room": "Hall",
                "kind": "social",
                "capacity": 20,
            },
        )
        reference = f"V{sum(map(ord, key)) % 100000:05d}"
        put(
            session,
            "visit",
            f"v-{key}",
            {
                "establishment": establishment,
                "reference": reference,
                "session_id": f"s-{key}",
                "prisoner_id": prisoner,
                "status": "completed" if outcome == "checked_in" else outcome,
                "source": "desk",
            },
        )
        put(
            session,
            "visit_person",
            f"vp-{key}",
            {
                "establishment": establishment,
                "visit_id": f"v-{key}",
                "visitor_id": claimant,
                "session_date": day.isoformat(),
                "position": 0,
                "outcome": outcome,
            },
        )
    return reference
