"""The hall door: check a scanned pass with no network, and let a valid party into the hall.

Whatever the scanner types (random keys, a URL, half a token, another QR code) the answer is a
verdict in plain words, never an exception: the door officer must never see an error dialog.
The verdict itself is pass_verdict.pass_verdict, the same one ``visitorcentre verify`` gives.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import replace
from datetime import date

from sqlalchemy.orm import Session

from visitorcentre.core import passes as tokens
from visitorcentre.core.errors import NotAllowed
from visitorcentre.core.views import DoorVerdict
from visitorcentre.db import models as m
from visitorcentre.services.passes.pass_verdict import (  # noqa: F401
    ALREADY_IN_HALL,
    NOT_CHECKED_IN,
    VIRTUAL_VISIT,
    VISIT_CANCELLED,
    VISIT_OVER,
    about_visit,
    by_state,
    let_in,
    pass_verdict,
)
from visitorcentre.services.unit_of_work import UnitOfWork
from visitorcentre.services.visits import check_in

log = logging.getLogger(__name__)

FAULT = "fault"


def door_scan(
    reading: Callable[[], AbstractContextManager[Session]],
    uow: Callable[[], UnitOfWork],
    text: str,
    here: str,
    today: date,
) -> DoorVerdict:
    """Check a scanned pass and, when it is good, mark the visit in the hall (one transaction)."""
    try:
        with reading() as session:
            verdict = pass_verdict(session, text, here, today)
        if not (verdict.valid and verdict.reason == tokens.OK and verdict.visit_id):
            return verdict
        try:
            check_in.enter_hall(uow(), verdict.visit_id)
            entered = True
        except NotAllowed:
            entered = False  # another door or desk got there first; the visit's state says what happened
        with reading() as session:
            visit = session.get_one(m.Visit, verdict.visit_id)  # the verdict found it a moment ago
            if not entered:
                return by_state(session, visit) or about_visit(
                    session, visit, False, VISIT_CANCELLED, "Please send the family to the desk."
                )
            return replace(let_in(session, visit), party_size=verdict.party_size, session=verdict.session)
    except Exception:  # noqa: BLE001 - a fault of ours must not become a crash at the door
        log.exception("The hall door could not check a scan")
        return DoorVerdict(
            valid=False,
            reason=FAULT,
            message="The desk could not check this pass just now. "
            "Please scan it again, or send the family to the desk.",
        )
