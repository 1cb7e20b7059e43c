"""The centre's one write path: a record written as the centre, with its audit entry, in one transaction.

Every change made at the centre (the console's pages, ``server-admin``, an integration's feed)
goes through ``save``: the record is stamped (created and updated times, the next version) and
checked against the same per-kind rules as a desk's push (``sync.record_rules``), so a desk can
always store what the centre sends; it is written to the document store with its feed entries
(so each desk of its establishment, or every desk for a national record, receives it on its
next sync) and its typed copy; and the central audit log records who changed what, before and
after. All of it in the caller's transaction: commit it once, or none of it happened.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from visitorcentre.server import documents
from visitorcentre.server.centre import audit
from visitorcentre.server.models import Document
from visitorcentre.sync import record_rules

WRITTEN_BY = "server"  # documents.written_by for what the centre writes


class RecordRefused(ValueError):
    """A record the centre was about to write breaks the record rules (a bug in the calling service:
    services check what a person typed, field by field, before they get here)."""


def new_id() -> str:
    return str(uuid.uuid4())


def current(session: Session, entity: str, row_id: str) -> dict[str, Any] | None:
    """The record as the store holds it now (a copy), or None."""
    doc = session.get(Document, (entity, row_id))
    return None if doc is None else dict(doc.payload)


def save(
    session: Session,
    *,
    actor: str,
    action: str,
    entity: str,
    row_id: str,
    fields: Mapping[str, Any],
    summary: str,
    now: datetime,
) -> dict[str, Any]:
    """Write ``fields`` over the record ``entity``/``row_id`` (a new record when there is none) as the centre.

    ``fields`` are the record's own fields (``establishment`` included for a new record); the
    synced stamps (id, version, created_at, updated_at) are set here. Returns the payload written.
    ``action`` names the change for the audit log ("establishment.rules_changed"); ``summary``
    says it in a sentence.
    """
    writer = documents.Writer(session, now)
    found = writer.doc(entity, row_id)
    before = None if found is None else dict(found.payload)
    stamp = now.replace(tzinfo=None).isoformat(timespec="seconds")
    payload: dict[str, Any] = dict(before or {})
    payload.update(fields)
    payload["id"] = row_id
    payload["version"] = int((before or {}).get("version") or 0) + 1
    payload.setdefault("created_at", stamp)
    payload["updated_at"] = stamp
    wrong = record_rules.problem(entity, payload)
    if wrong:
        raise RecordRefused(wrong)
    writer.put(entity, row_id, payload, WRITTEN_BY)
    writer.flush()
    audit.record(
        session,
        actor=actor,
        action=action,
        entity=entity,
        entity_id=row_id,
        establishment=str(payload.get("establishment") or ""),
        summary=summary,
        now=now,
        before=before,
        after=payload,
    )
    return payload
