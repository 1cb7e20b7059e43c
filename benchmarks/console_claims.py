"""Travel-costs claims at national scale for the console benchmark (``console_fill`` calls ``fill``).

Each claim is a ``cost_application`` a desk submitted for one of its visitors and prisoners,
with its ``cost_application_event`` (submitted, and the decision's status once decided), a
``cost_decision`` for the claims the centre has decided, and a receipt (``cost_attachment``) for
every other claim: a PNG picture or a one-page PDF, both stored once in the blob store
(``blob``, owned by every establishment) as a desk's upload leaves them. The typed copies come
from ``typed_rows.COPIES`` like every other kind; their warning bits are worked out as the write
path does (``core.cost_of_visits.warnings``) for the claim's own warnings (benefit, receipts,
total) while filling, and in one SQL statement at the end for the two that compare claims
(a possible duplicate, another claimant for the same prisoner and day). The 26-a-year and
4-a-month limits are left unset: a claimant here has one or two claims.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

from visitorcentre.core.cost_of_visits import warnings as rules

#: How the claims' statuses are shared out (one in ten of each, by the claim's number).
STATUSES = (
    "submitted",
    "submitted",
    "submitted",
    "needs_information",
    "approved",
    "approved",
    "rejected",
    "paid",
    "paid",
    "paid",
)
DUPLICATE_EVERY = 500  # every 500th claim repeats the one before it (same claimant, prisoner and day)
BENEFITS = ("income_support", "universal_credit", "pension_credit", "none", "hc2")


def picture(kind: str) -> bytes:
    """A small receipt as Pillow writes it: a PNG picture, or a one-page PDF."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (360, 136), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, image.width - 1, image.height - 1), outline="grey", width=2)
    for number, text in enumerate(("ScotRail", "Glasgow Queen St - Barlinnie", "Anytime return", "Total GBP 42.50")):
        draw.text((20, 20 + 24 * number), text, fill="black")
    out = io.BytesIO()
    image.save(out, format=kind)
    return out.getvalue()


def _quote(lines: list[dict[str, Any]], refreshments: int) -> dict[str, Any]:
    items = [
        {"type": e["type"], "amount_pence": e["cost_pence"], "note": "" if e["receipt"] else "receipt required"}
        for e in lines
    ]
    return {
        "eligible": True,
        "reasons": [],
        "claim_type": "past",
        "items": items,
        "refreshments_pence": refreshments,
        "total_pence": sum(i["amount_pence"] for i in items) + refreshments,
        "evidence_required": [f"{i['type']} receipt" for i in items if i["note"]],
        "manual_check": [],
    }


def fill(filler, scale: dict[str, int], today: date, rid, code_of) -> None:
    """Write ``scale["claims"]`` claims with their events, decisions, receipts and the receipt files."""
    places, prisoners, visitors = scale["establishments"], scale["prisoners"], scale["visitors"]
    count = scale["claims"]
    files = {"image/png": picture("PNG"), "application/pdf": picture("PDF")}
    shas = {media: hashlib.sha256(data).hexdigest() for media, data in files.items()}
    with filler.connection.cursor() as cursor:
        for media, data in files.items():
            cursor.execute(
                "INSERT INTO blob (sha256, establishment, size_bytes, data, at) VALUES (%s, %s, %s, %s, %s)",
                (shas[media], code_of(0), len(data), data, filler.now),
            )
            for n in range(places):
                cursor.execute(
                    "INSERT INTO blob_owner (sha256, establishment, at) VALUES (%s, %s, %s)",
                    (shas[media], code_of(n), filler.now),
                )

    def claim(n: int) -> dict[str, Any]:
        m = n - 1 if n % DUPLICATE_EVERY == 1 else n  # (the duplicate of the claim before it)
        place = m % places
        visit_date = today - timedelta(days=3 + (m // places) % 360)
        submitted = datetime.combine(visit_date + timedelta(days=2), datetime.min.time()) + timedelta(hours=10)
        train = {"type": "train", "cost_pence": 1500 + n % 40 * 700, "receipt": True, "description": "Return fare"}
        parking = {"type": "parking", "cost_pence": 600, "receipt": False, "description": "Station car park"}
        lines = [train, parking] if n % 3 else [train]
        answer = _quote(lines, 500 if n % 2 else 0)
        benefit = BENEFITS[n % len(BENEFITS)]
        return {
            "id": rid("cost_application", n),
            "establishment": code_of(place),
            "reference": f"C{n:07X}"[-8:],
            "claimant_id": rid("visitor", ((m // places) % (visitors // places)) * places + place),
            "prisoner_id": rid("prisoner", ((m // places) % (prisoners // places)) * places + place),
            "visit_id": None,
            "prison_nation": "scotland",
            "visit_date": visit_date.isoformat(),
            "application_date": submitted.date().isoformat(),
            "claim_type": "past",
            "claimant_date_of_birth": "1980-02-03",
            "relationship": "spouse",
            "benefit": benefit,
            "monthly_household_income_pence": 90_000 if benefit == "universal_credit" and n % 4 else None,
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
            "status": STATUSES[n % len(STATUSES)],
            "helped_by": "Desk worker",
            "submitted_at": submitted.isoformat(timespec="seconds"),
        }

    def attached(n: int) -> bool:
        return n % 2 == 0

    def warnings_of(payload: dict[str, Any]) -> int:
        """The claim's own warnings (those that compare claims are worked out at the end, in SQL)."""
        n = int(payload["id"].rsplit("-", 1)[1], 16)
        return rules.bits(rules.warnings(payload, (), {0} if attached(n) else set()))

    filler.warnings_of = warnings_of
    filler.write("cost_application", (claim(n) for n in range(count)))

    def events(n: int) -> Iterator[dict[str, Any]]:
        c = claim(n)
        yield {
            "id": rid("cost_application_event", 2 * n),
            "establishment": c["establishment"],
            "application_id": c["id"],
            "status": "submitted",
            "at": c["submitted_at"],
            "by": "Desk worker",
            "note": "",
        }
        if c["status"] != "submitted":
            yield {
                "id": rid("cost_application_event", 2 * n + 1),
                "establishment": c["establishment"],
                "application_id": c["id"],
                "status": c["status"],
                "at": (datetime.fromisoformat(c["submitted_at"]) + timedelta(days=5)).isoformat(),
                "by": "Central team",
                "note": "",
            }

    filler.write("cost_application_event", (e for n in range(count) for e in events(n)))

    def decision(n: int) -> dict[str, Any]:
        c = claim(n)
        outcome = c["status"]
        approving = outcome in ("approved", "paid")
        return {
            "id": rid("cost_decision", n),
            "establishment": c["establishment"],
            "application_id": c["id"],
            "outcome": outcome,
            "reason": "benefit" if outcome == "rejected" else "",
            "note": "Please send the benefit letter." if outcome == "needs_information" else "",
            "expenses": [
                {"index": i, "decision": "approved", "amount_pence": e["cost_pence"], "reason": ""}
                for i, e in enumerate(c["expenses"])
            ]
            if approving
            else [],
            "approved_pence": c["total_pence"] if approving else 0,
            "payment_method": "bank_transfer" if outcome == "paid" else "",
            "payment_reference": f"PAY{n:08d}" if outcome == "paid" else "",
            "decided_at": (datetime.fromisoformat(c["submitted_at"]) + timedelta(days=5)).isoformat(),
            "decided_by": "Central team",
            "automatic": False,
        }

    filler.write("cost_decision", (decision(n) for n in range(count) if STATUSES[n % len(STATUSES)] != "submitted"))

    def receipt(n: int) -> dict[str, Any]:
        c = claim(n)
        media = "image/png" if n % 4 == 0 else "application/pdf"
        return {
            "id": rid("cost_attachment", n),
            "establishment": c["establishment"],
            "application_id": c["id"],
            "kind": "receipt",
            "sha256": shas[media],
            "media_type": media,
            "size_bytes": len(files[media]),
            "original_name": "receipt.png" if media == "image/png" else "receipt.pdf",
            "expense_index": 0,
        }

    filler.write("cost_attachment", (receipt(n) for n in range(count) if attached(n)))


#: The two warnings that compare claims, as the write path sets them (claim_warnings.refresh), in bulk.
PAIRED = f"""
UPDATE typed_cost_application AS c SET warnings = c.warnings
    | CASE WHEN EXISTS (
        SELECT 1 FROM typed_cost_application o WHERE o.row_id <> c.row_id AND o.status <> 'draft'
        AND o.prisoner_id = c.prisoner_id AND o.visit_date = c.visit_date AND o.claimant_id = c.claimant_id)
      THEN {rules.BITS[rules.WarningCode.DUPLICATE]} ELSE 0 END
    | CASE WHEN EXISTS (
        SELECT 1 FROM typed_cost_application o WHERE o.row_id <> c.row_id AND o.status <> 'draft'
        AND o.prisoner_id = c.prisoner_id AND o.visit_date = c.visit_date AND o.claimant_id <> c.claimant_id)
      THEN {rules.BITS[rules.WarningCode.OTHER_CLAIMANT]} ELSE 0 END
"""
