"""Automatic approval of repeat travel-costs claims at the centre: its settings, and the run.

The settings are the national administrators' (the console's "Automatic approval" page): off
until one of them turns it on, and each check switchable; every change is in the central audit
log. The run (``server-admin claims auto-approve``, on a timer) looks at every submitted claim,
records what each check said (``ClaimAutoCheck``, shown on the claim page) and approves, through
the caseworkers' own write path (``claim_decisions.record_decision``), each claim that passes
every check switched on. It runs apart from the desks' pushes, so it never slows or fails one,
and a claim whose check-in arrives later is approved on a later run.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from visitorcentre.core.cost_of_visits import decisions
from visitorcentre.core.cost_of_visits.auto_approval import (
    CHECK_LABELS,
    SWITCHABLE,
    Assessment,
    AutoApprovalSettings,
    assess,
)
from visitorcentre.core.cost_of_visits.claim_lines import claim_lines
from visitorcentre.core.cost_of_visits.vocab import ApplicationStatus
from visitorcentre.core.errors import InvalidInput, VisitorCentreError
from visitorcentre.server.centre import audit, claim_decisions, claim_facts
from visitorcentre.server.centre.claim_automation_models import CentreSetting, ClaimAutoCheck
from visitorcentre.server.centre.typed import TypedCostApplication
from visitorcentre.server.models import Document

log = logging.getLogger(__name__)
SETTING = "auto_approval"
ACTOR = claim_decisions.AUTOMATIC  # "Automatic approval"


def settings(session: Session) -> AutoApprovalSettings:
    """The settings in force (off, with every check, until an administrator changes them)."""
    row = session.get(CentreSetting, SETTING)
    try:
        return AutoApprovalSettings.from_json(row.value if row is not None else None)
    except InvalidInput:
        log.warning("auto-approval settings unreadable; automatic approval is off")
        return AutoApprovalSettings()


def change_settings(session: Session, *, actor: str, enabled: bool, checks: list[str], now: datetime) -> None:
    """Turn automatic approval on or off and choose its checks (audited in the caller's transaction)."""
    unknown = [c for c in checks if c not in set(SWITCHABLE)]
    if unknown:
        raise InvalidInput("Choose checks from the list.", "checks")
    wanted = AutoApprovalSettings(enabled=enabled, checks=frozenset(checks))
    row = session.get(CentreSetting, SETTING)
    before = None if row is None else dict(row.value)
    if row is None:
        row = CentreSetting(name=SETTING, value={}, changed_at=now, changed_by=actor)
        session.add(row)
    row.value, row.changed_at, row.changed_by = wanted.to_json(), now.replace(tzinfo=None), actor
    off = sorted(CHECK_LABELS[c] for c in SWITCHABLE if c not in wanted.checks)
    summary = ("Turned automatic approval of claims on" if enabled else "Turned automatic approval of claims off") + (
        f"; checks switched off: {', '.join(off)}" if off else "; every check on"
    )
    audit.record(
        session,
        actor=actor,
        action="claims.auto_approval_settings",
        entity="centre_setting",
        entity_id=SETTING,
        summary=summary,
        now=now,
        before=before,
        after=wanted.to_json(),
    )


def last_check(session: Session, application_id: str) -> ClaimAutoCheck | None:
    """What the checks said the last time they looked at the claim (for the claim page), or None."""
    return session.get(ClaimAutoCheck, application_id)


def _remember(session: Session, claim: dict, result: Assessment, now: datetime) -> None:
    row = session.get(ClaimAutoCheck, str(claim["id"]))
    if row is None:
        row = ClaimAutoCheck(application_id=str(claim["id"]))
        session.add(row)
    row.claim_version = int(claim.get("version") or 0)
    row.checked_at = now.replace(tzinfo=None)
    row.approved = result.approve
    row.results = [
        {"check": r.check, "label": r.label, "applies": r.applies, "passed": r.passed, "words": r.words}
        for r in result.results
    ]


def consider(session: Session, application_id: str, now: datetime) -> bool:
    """Run the checks on one submitted claim and approve it when they all pass; True when approved."""
    chosen = settings(session)
    doc = session.get(Document, ("cost_application", application_id))
    if doc is None or doc.payload.get("status") != ApplicationStatus.SUBMITTED:
        return False
    claim = dict(doc.payload)
    result = assess(claim_facts.gather(session, claim), chosen)
    _remember(session, claim, result, now)
    if not result.approve:
        return False
    lines = claim_lines(claim.get("expenses") or [], claim.get("quote") or {})
    claim_decisions.record_decision(
        session,
        actor=ACTOR,
        application_id=application_id,
        outcome=ApplicationStatus.APPROVED,
        expenses=decisions.plain_approval([line.claimed_pence for line in lines]),
        automatic=True,
        now=now,
        seen_version=int(claim.get("version") or 0),
    )
    return True


def run(engine: Engine, now: datetime) -> dict[str, int]:
    """Look at every submitted claim, one transaction each; ``{"checked", "approved", "failed"}``.

    Nothing is looked at while automatic approval is off. A claim a caseworker decides meanwhile
    is left to them (record_decision refuses it, and the run moves on).
    """
    counts = {"checked": 0, "approved": 0, "failed": 0}
    with Session(engine) as session:
        if not settings(session).enabled:
            return counts
        waiting = list(
            session.scalars(
                select(TypedCostApplication.row_id)
                .where(TypedCostApplication.status == ApplicationStatus.SUBMITTED)
                .order_by(TypedCostApplication.row_id)
            )
        )
    for application_id in waiting:
        try:
            with Session(engine.execution_options(write=True)) as session, session.begin():
                approved = consider(session, application_id, now)
        except VisitorCentreError as error:  # decided by a person meanwhile, or changed by its desk
            log.info("auto-approval left a claim to a person: %s", type(error).__name__)
            counts["failed"] += 1
            continue
        counts["checked"] += 1
        counts["approved"] += int(approved)
    return counts
