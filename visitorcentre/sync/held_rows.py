"""Rows from the central server that this desk could not store, kept aside so the sync never stalls.

A pulled row the desk cannot store (``sync.row_checks``; or its database refused it, e.g. the
same visit reference as a record made here) is put in ``sync_held_row`` with a sync issue
naming the record in plain words, and the pull carries on: the cursor moves past it. The desk's
schema revision and software version are noted with it; once either differs (the desk was
upgraded), the next sync tries the row again. A try that works, or a later copy of the same
row that stores, removes the held row and its issue.

Nothing here says the desk's database may be damaged: it is not. The log gets the kind, the id
and the reason, never a value from the row.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import delete, func, or_, select, text, tuple_
from sqlalchemy.orm import Session

import visitorcentre
from visitorcentre.db.models import new_id
from visitorcentre.db.sync_tables import SyncHeldRow, SyncIssueRow
from visitorcentre.sync import desk_records
from visitorcentre.sync.row_checks import safe_words

log = logging.getLogger(__name__)
ISSUE_KIND = "held"


def desk_revision(session: Session) -> str:
    """The desk database's schema revision (Alembic's), "" if it has none."""
    return session.scalar(text("SELECT version_num FROM alembic_version LIMIT 1")) or ""


def _label(entity: str, payload: dict) -> str:
    try:
        words = desk_records.label(entity, payload)
    except Exception:  # noqa: BLE001 - a row too broken to describe is still named by its kind
        words = f"a {entity.replace('_', ' ')}"
    return safe_words(words, 120)


def hold(
    session: Session, entity: str, row_id: str, payload: dict, reason: str, now: datetime, revision: str | None = None
) -> None:
    """Keep a pulled row aside with a sync issue (replacing an older held copy of the same row)."""
    entity, row_id = safe_words(str(entity), 40), safe_words(str(row_id), 80)
    log.warning("Sync: a %s record from the server (id %s) was set aside: %s", entity, row_id, reason)
    release(session, [(entity, row_id)])
    what = _label(entity, payload if isinstance(payload, dict) else {})
    issue_id = new_id()
    session.add(
        SyncIssueRow(
            id=issue_id,
            raised_at=now,
            kind=ISSUE_KIND,
            entity=entity,
            row_id=row_id,
            message=(
                f"A record from the central server ({what}) was not taken onto this desk: {reason}. It is kept "
                "aside and tried again when the desk software is updated; everything else was synced as usual. "
                "Nothing on this desk is damaged. If this stays, tell the central team."
            ),
            detail={"held": True},
            dismissed=False,
        )
    )
    session.add(
        SyncHeldRow(
            id=new_id(),
            entity=entity,
            row_id=row_id,
            payload=payload,
            reason=reason,
            held_at=now,
            desk_revision=revision if revision is not None else desk_revision(session),
            app_version=visitorcentre.__version__,
            issue_id=issue_id,
        )
    )
    session.flush()


def any_held(session: Session) -> bool:
    return session.scalar(select(SyncHeldRow.id).limit(1)) is not None


def release(session: Session, keys: list[tuple[str, str]]) -> None:
    """Forget held copies of these ``(entity, row_id)`` rows and their issues (a newer copy was stored)."""
    for start in range(0, len(keys), 200):
        chunk = keys[start : start + 200]
        held = tuple_(SyncHeldRow.entity, SyncHeldRow.row_id).in_(chunk)
        issues = list(session.scalars(select(SyncHeldRow.issue_id).where(held)))
        if not issues:
            continue
        session.execute(delete(SyncIssueRow).where(SyncIssueRow.id.in_(issues)))
        session.execute(delete(SyncHeldRow).where(held))


def due(session: Session) -> list[SyncHeldRow]:
    """Held rows set aside by another schema revision or software version than the desk's now."""
    revision = desk_revision(session)
    return list(
        session.scalars(
            select(SyncHeldRow)
            .where(or_(SyncHeldRow.desk_revision != revision, SyncHeldRow.app_version != visitorcentre.__version__))
            .order_by(SyncHeldRow.held_at, SyncHeldRow.id)
        )
    )


def count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(SyncHeldRow)) or 0
