"""A claim's warnings (``core.cost_of_visits.warnings``) read from the typed copies, and kept on the queue's copy.

``for_claim`` gives the claim page its warnings; ``refresh`` (called by ``typed_rows.refresh``
whenever a claim or an attachment is written, in the same transaction) stores each affected
claim's warnings as bits on ``typed_cost_application.warnings`` so the queue can filter on them:
the claims written, and every claim of the same claimants and of the same prisoners on those
days (a new claim can make an older one a possible duplicate).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping
from datetime import date
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from visitorcentre.core.cost_of_visits import warnings as rules
from visitorcentre.core.cost_of_visits.rates import Thresholds
from visitorcentre.core.cost_of_visits.vocab import AttachmentKind
from visitorcentre.server.centre import typed
from visitorcentre.server.models import Document

CHUNK = 400
Claim = typed.TypedCostApplication
#: The columns read (rows, never ORM objects: the typed copies are written by plain statements).
COLUMNS = (
    Claim.row_id,
    Claim.reference,
    Claim.claimant_id,
    Claim.prisoner_id,
    Claim.visit_date,
    Claim.status,
    Claim.warnings,
)


def _other(row: Any) -> rules.OtherClaim:
    return rules.OtherClaim(row.row_id, row.reference, row.claimant_id, row.prisoner_id, row.visit_date, row.status)


def _chunks(values: Collection[str]) -> Iterable[list[str]]:
    listed = sorted(values)
    for start in range(0, len(listed), CHUNK):
        yield listed[start : start + CHUNK]


def _neighbours(session: Session, claims: list[Any]) -> list[Any]:
    """Every claim of these claims' claimants, and of their prisoners (the day is picked later)."""
    found: dict[str, Any] = {}
    claimants = {c.claimant_id for c in claims if c.claimant_id}
    prisoners = {c.prisoner_id for c in claims if c.prisoner_id}
    for column, values in ((Claim.claimant_id, claimants), (Claim.prisoner_id, prisoners)):
        for part in _chunks(values):
            found.update({row.row_id: row for row in session.execute(select(*COLUMNS).where(column.in_(part)))})
    return list(found.values())


def _receipts(session: Session, ids: Collection[str]) -> dict[str, set[int]]:
    receipts: dict[str, set[int]] = defaultdict(set)
    for part in _chunks(ids):
        rows = session.execute(
            select(typed.TypedCostAttachment.application_id, typed.TypedCostAttachment.expense_index).where(
                typed.TypedCostAttachment.application_id.in_(part),
                typed.TypedCostAttachment.kind == AttachmentKind.RECEIPT,
                typed.TypedCostAttachment.sha256 != "",
                typed.TypedCostAttachment.expense_index.is_not(None),
            )
        )
        for application_id, index in rows:
            receipts[application_id].add(int(index or 0))
    return receipts


def for_claim(session: Session, claim: Mapping[str, Any]) -> tuple[rules.ClaimWarning, ...]:
    """The warnings of one claim (its stored record)."""
    row_id = str(claim.get("id") or "")
    me = session.execute(select(*COLUMNS).where(Claim.row_id == row_id)).first()
    others = [_other(row) for row in _neighbours(session, [me])] if me is not None else []
    limits = _limits(session)(claim)
    return rules.warnings(claim, others, _receipts(session, [row_id]).get(row_id, set()), limits)


def _limits(session: Session) -> Callable[[Mapping[str, Any]], Thresholds]:
    """The rate table's thresholds for a claim (its visit date, its prison's nation), the table read once."""
    from visitorcentre.server.centre import scheme_rates  # scheme_rates writes through store, which calls refresh

    table = scheme_rates.in_force(session)

    def limits(claim: Mapping[str, Any]) -> Thresholds:
        try:
            day = date.fromisoformat(str(claim.get("visit_date"))[:10])
        except ValueError:
            return Thresholds()
        return table.thresholds(str(claim.get("prison_nation") or ""), day)

    return limits


def refresh(
    session: Session, application_ids: Collection[str], written_now: Mapping[str, Mapping[str, Any]] | None = None
) -> None:
    """Work out again and store the warnings of these claims and of the claims around them.

    ``written_now``: the payloads of claims being written in this flush, by id. The documents
    themselves are inserted after the typed copies (``documents.Writer.flush``), so these count
    over what ``document`` holds.
    """
    written: list[Any] = []
    for part in _chunks(application_ids):
        written.extend(session.execute(select(*COLUMNS).where(Claim.row_id.in_(part))))
    if not written:
        return
    around = _neighbours(session, written)
    by_claimant: dict[str, list[rules.OtherClaim]] = defaultdict(list)
    by_prisoner: dict[str, list[rules.OtherClaim]] = defaultdict(list)
    for row in around:
        by_claimant[row.claimant_id].append(_other(row))
        by_prisoner[row.prisoner_id].append(_other(row))
    affected = {row.row_id: row for row in around} | {row.row_id: row for row in written}
    payloads: dict[str, dict] = {}
    for part in _chunks(affected):
        found = session.execute(
            select(Document.row_id, Document.payload).where(
                Document.entity == "cost_application", Document.row_id.in_(part)
            )
        )
        payloads.update({row_id: payload for row_id, payload in found})
    payloads.update({row_id: dict(payload) for row_id, payload in (written_now or {}).items() if row_id in affected})
    receipts = _receipts(session, affected)
    changes = []
    limits = _limits(session)
    for row_id, row in affected.items():
        payload = payloads.get(row_id)
        if payload is None:
            continue
        others = by_claimant.get(row.claimant_id, []) + by_prisoner.get(row.prisoner_id, [])
        value = rules.bits(rules.warnings(payload, others, receipts.get(row_id, set()), limits(payload)))
        if value != row.warnings:
            changes.append({"key": row_id, "value": value})
    for change in changes:
        session.execute(update(Claim).where(Claim.row_id == change["key"]).values(warnings=change["value"]))
