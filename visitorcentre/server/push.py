"""Applying a desk's pushed ops: each once by its op id, with the per-kind clash policy (sync.policy).

One push request is one transaction: every op's effect, its feed entries and its
``applied_op`` record commit together, and the answers go back only after the commit. A
repeated op id is answered as the first time and changes nothing. Within a request, once a
row's op has clashed, the desk's later ops on that row (made on top of the refused change)
clash too; across requests the desk marks them ``stale`` itself.

Nothing a desk sends is trusted: each op's payload is checked against its kind's rules
(sync.record_rules) and against ownership (the desk's own establishment only, never moved
elsewhere, naming no other establishment's records but a shared visitor, never what the
centre owns, an append-only record changed only where its services change it) before
anything is stored. A refusal is the op's answer, ``rejected``, naming what is wrong. An op
id belongs to the device that first sent it: another device re-using it is refused, and told
nothing of the first answer.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from visitorcentre.files import receipts as receipt_files
from visitorcentre.server import bulk, documents
from visitorcentre.server.models import AppliedOp, Blob, BlobOwner, Conflict, Device
from visitorcentre.sync import desk_records, policy, record_rules
from visitorcentre.sync.protocol import ACCEPTED_SCHEMAS, Op, OpResult, Outcome

_READ_ONLY = {
    "establishment": "the establishment's details",
    "prisoner": "the prisoner roster",
    "restriction": "restrictions on prisoners' visits",
    "ban": "bans",
    "visit_session": "visiting sessions",
    "support_service": "the support directory",
    "pass_key": "pass-signing keys",
    "visit_note": "the notes the server adds to visits",
    "cost_decision": "the central team's decisions on travel-costs claims",
}
#: The statuses a desk may give a travel-costs claim: the decisions are the centre's (claim_decisions).
_DESK_CLAIM_STATUSES = frozenset({"draft", "submitted"})
_DECIDED_CLAIM_STATUSES = frozenset({"approved", "rejected", "paid"})
_NAMES = {
    "visit": "visit",
    "visit_session": "visiting session",
    "prisoner": "prisoner",
    "visitor": "visitor",
    "cost_application": "travel-costs application",
    "feedback": "feedback",
}


class Rejected(Exception):
    pass


def apply_ops(session: Session, device: Device, ops: list[Op], now: datetime) -> list[OpResult]:
    """Apply ``ops`` in order for ``device``; returns one result per op (the caller commits)."""
    diverged: set[tuple[str, str]] = set()
    writer = documents.Writer(session, now)
    with session.no_autoflush:
        ids = [op.op_id for op in ops]
        connection = session.connection()
        seen_before: dict[str, AppliedOp | documents.NewAppliedOp] = {
            row.op_id: row
            for start in range(0, len(ids), 400)
            for row in session.scalars(
                select(AppliedOp).where(bulk.among(connection, AppliedOp.op_id, ids[start : start + 400]))
            )
        }
        keys = {(op.entity, op.row_id) for op in ops}
        keys |= {key for op in ops for key in _named(op)}
        writer.prefetch(keys)
        results = []
        for op in ops:
            seen = seen_before.get(op.op_id)
            if seen is not None and seen.device_id != device.device_id:
                results.append(OpResult(op_id=op.op_id, outcome="rejected", message=_NOT_YOURS.format(op.op_id)))
                continue
            if seen is not None:
                results.append(_repeat(writer, seen, diverged))
                continue
            try:
                _check(session, writer, device, op)
            except Rejected as refusal:
                results.append(_record(writer, device, op, "rejected", str(refusal), now, seen_before))
                continue
            results.append(_apply(writer, device, op, diverged, now, seen_before))
        writer.flush()
    return results


def _repeat(writer: documents.Writer, seen: AppliedOp | documents.NewAppliedOp, diverged: set) -> OpResult:
    current = None
    if seen.outcome in ("conflict", "double_check_in"):
        doc = writer.doc(seen.entity, seen.row_id)
        current = doc.payload if doc is not None else None
    if seen.outcome in ("conflict", "double_check_in"):
        diverged.add((seen.entity, seen.row_id))
    # The stored outcome is one _record() wrote from an Outcome; pydantic checks it again here.
    return OpResult(op_id=seen.op_id, outcome=cast(Outcome, seen.outcome), message=seen.message, current=current)


_NOT_YOURS = (
    "The op id {} was already used by another desk, so this change was not taken. An op id must be "
    "new; if this desk's database was copied from another desk, enrol it again."
)


def _named(op: Op, stored: dict | None = None) -> set[tuple[str, str]]:
    """(entity, row id) of the records ``op``'s payload names (only in fields changed from ``stored``)."""
    named = set()
    for field, entity in policy.REFERENCES.get(op.entity, ()):
        value = op.payload.get(field)
        if stored is not None and stored.get(field) == value:
            continue
        for row_id in value if isinstance(value, list) else [value]:
            if isinstance(row_id, str) and row_id:
                named.add((entity, row_id))
    return named


def _check(session: Session, writer: documents.Writer, device: Device, op: Op) -> None:
    if op.schema_version not in ACCEPTED_SCHEMAS:
        raise Rejected("This change was made by a desk version the server cannot read; update the desk software.")
    if op.entity in _READ_ONLY:
        raise Rejected(
            f"Desks cannot change {_READ_ONLY[op.entity]}: the central records are kept at the centre. "
            "This change was not taken; ask the central team if the record is wrong."
        )
    if op.entity not in policy.DESK_WRITABLE:
        raise Rejected(f"The server does not keep records of the kind “{op.entity}”.")
    if op.payload.get("id") != op.row_id:
        raise Rejected("This change does not name the record it belongs to.")
    own = device.establishment
    payload_est = record_rules.shown(op.payload.get("establishment") or "none")
    doc = writer.doc(op.entity, op.row_id)
    if doc is not None and doc.establishment != own:  # another establishment's record, unless shared with us
        shared = (
            op.entity in policy.SHAREABLE
            and payload_est == doc.establishment
            and own in writer.scopes(op.entity, op.row_id)
        )
        if not shared:
            raise Rejected(
                f"This record belongs to another establishment ({doc.establishment}); "
                "this desk can only change its own establishment's records."
            )
    elif payload_est != own:  # new, or ours: it stays ours
        raise Rejected(
            f"The field “establishment” must be this desk's own establishment ({own}), not "
            f"{payload_est}: a desk cannot move a record to another establishment."
        )
    problem = record_rules.problem(op.entity, op.payload)
    if problem:
        raise Rejected(f"{problem} This change was not taken.")
    # A link the record already had stays: the visit of a prisoner the centre has since moved
    # away can still be cancelled at the desk that booked it.
    for entity, row_id in _named(op, doc.payload if doc is not None else None):
        named = writer.doc(entity, row_id)
        if named is not None and named.establishment != own and entity not in policy.SHAREABLE:
            raise Rejected(
                f"This record names a {_NAMES.get(entity, entity)} of another establishment "
                f"({named.establishment}); a desk's records can only name its own establishment's."
            )
    if op.entity in ("cost_application", "cost_application_event"):
        _check_claim_status(op, doc)
    if doc is not None and op.entity in policy.APPEND_ONLY:
        _check_append_only(op, doc)
    if op.entity == "cost_attachment" and op.payload["sha256"]:
        _check_receipt(session, op.payload, own)


def _check_claim_status(op: Op, doc: documents.Stored | None) -> None:
    """A desk drafts, submits and (after a request for information) resubmits a claim; only the centre decides it."""
    new = op.payload.get("status")
    old = doc.payload.get("status") if doc is not None else None
    if op.entity == "cost_application_event":
        refused = doc is None and new not in _DESK_CLAIM_STATUSES  # (a stored step cannot change: append-only)
    else:
        refused = new != old and (
            new not in _DESK_CLAIM_STATUSES or old in _DECIDED_CLAIM_STATUSES or (new == "draft" and old is not None)
        )
    if refused:
        raise Rejected(
            f"Only the central team decides a travel-costs claim: a desk cannot make it “{new}”"
            + (f" once it is “{old}”" if old else "")
            + ". This change was not taken."
        )


def _check_receipt(session: Session, payload: dict, own: str) -> None:
    """The file an attachment names: uploaded by this establishment, and the kind and size it says."""
    sha = payload["sha256"]
    if session.get(BlobOwner, (sha, own)) is None:
        raise Rejected("The receipt file for this attachment never reached the server; attach it again.")
    blob = session.get_one(Blob, sha)  # an owner row names a stored file
    if receipt_files.media_type_of(blob.data[:16]) != payload["media_type"]:
        raise Rejected(
            "The field “media_type” must be the kind of file the receipt is "
            f"({receipt_files.media_type_of(blob.data[:16])})."
        )
    if blob.size_bytes != payload["size_bytes"]:
        raise Rejected(f"The field “size_bytes” must be the receipt file's size ({blob.size_bytes}).")


_STAMPS = frozenset({"updated_at", "version"})


def _check_append_only(op: Op, doc: documents.Stored) -> None:
    """An append-only record already stored changes only where its services change it."""
    allowed = policy.APPEND_ONLY_CHANGES.get(op.entity, {})
    for field in sorted(set(op.payload) | set(doc.payload)):
        old, new = doc.payload.get(field), op.payload.get(field)
        if old == new or field in _STAMPS:
            continue
        choices = allowed.get(field, ())  # policy.ANY (None): any value its rule allows
        # An insert again (the first copy stands, see _apply) may be an earlier state of a field
        # its services change: e.g. the same visit_review flag raised by two desks, one settled.
        if op.operation == "insert" and field in allowed:
            continue
        if field not in allowed or (choices is not None and new not in choices):
            raise Rejected(
                f"The field “{field}” of {desk_records.label(op.entity)} cannot be changed once it is "
                "stored; this change was not taken."
            )


def _apply(writer: documents.Writer, device: Device, op: Op, diverged: set, now: datetime, seen: dict) -> OpResult:
    key = (op.entity, op.row_id)
    doc = writer.doc(*key)
    payload = op.payload
    if op.stale or key in diverged:
        return _clash(writer, device, op, doc, diverged, now, seen)
    if doc is None:
        writer.put(op.entity, op.row_id, payload, device.device_id)
        return _record(writer, device, op, "applied", "", now, seen)
    if doc.payload == payload:  # the same change again (e.g. a row the desk had before it enrolled)
        return _record(writer, device, op, "applied", "", now, seen)
    if op.operation == "insert":
        if op.entity in policy.APPEND_ONLY:  # written once: the first copy stands
            return _record(writer, device, op, "applied", "", now, seen)
        return _clash(writer, device, op, doc, diverged, now, seen)
    if int(payload.get("version") or 0) == doc.version + 1:
        writer.put(op.entity, op.row_id, payload, device.device_id)
        return _record(writer, device, op, "applied", "", now, seen)
    return _clash(writer, device, op, doc, diverged, now, seen)


def _clash(
    writer: documents.Writer,
    device: Device,
    op: Op,
    doc: documents.Stored | None,
    diverged: set,
    now: datetime,
    seen: dict,
) -> OpResult:
    session = writer.session
    diverged.add((op.entity, op.row_id))
    if doc is None:  # nothing to clash with (a stale op on a row the server never had): keep it aside
        session.add(
            Conflict(
                op_id=op.op_id,
                device_id=device.device_id,
                entity=op.entity,
                row_id=op.row_id,
                establishment=device.establishment,
                kind="conflict",
                payload=op.payload,
                server_version=0,
                at=now,
            )
        )
        return _record(writer, device, op, "conflict", _CLASH_MESSAGE, now, seen)
    visit_id = _double_check_in(writer, op, doc)
    kind: Outcome = "double_check_in" if visit_id else "conflict"
    session.add(
        Conflict(
            op_id=op.op_id,
            device_id=device.device_id,
            entity=op.entity,
            row_id=op.row_id,
            establishment=doc.establishment,
            kind=kind,
            payload=op.payload,
            server_version=doc.version,
            at=now,
        )
    )
    if visit_id:
        _note_double_check_in(writer, visit_id, op, now)
        message = "This family was also checked in at another desk; the first check-in is kept."
    else:
        message = _CLASH_MESSAGE
    result = _record(writer, device, op, kind, message, now, seen)
    result.current = doc.payload
    return result


_CLASH_MESSAGE = (
    "This record was changed at another desk at the same time. The other desk's change is kept; "
    "this desk's change was set aside. Check the record and make the change again if it is "
    "still needed."
)


def _double_check_in(writer: documents.Writer, op: Op, doc: documents.Stored) -> str | None:
    """The visit's id if this clash is the same family checked in at two desks."""
    if op.entity == "visit":
        if (
            doc.payload.get("status") in policy.CHECKED_IN_STATUSES
            and op.payload.get("status") in policy.CHECKED_IN_STATUSES
        ):
            return op.row_id
        return None
    if op.entity == "visit_person":
        visit = writer.doc("visit", str(op.payload.get("visit_id")))
        if (
            visit is not None
            and visit.payload.get("status") in policy.CHECKED_IN_STATUSES
            and op.payload.get("outcome") in policy.CHECKED_IN_OUTCOMES
            and doc.payload.get("outcome") in policy.CHECKED_IN_OUTCOMES
        ):
            return visit.row_id
    return None


def note_id(visit_id: str) -> str:
    """One double check-in note per visit, whichever server request finds it."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"visitorcentre:double-check-in:{visit_id}"))


def _clock(text) -> str:
    try:
        return datetime.fromisoformat(str(text)).strftime("%H:%M")
    except ValueError:
        return "an unknown time"


def _note_double_check_in(writer: documents.Writer, visit_id: str, op: Op, now: datetime) -> None:
    row_id = note_id(visit_id)
    if writer.doc("visit_note", row_id) is not None:
        return
    visit = writer.doc("visit", visit_id)
    if visit is None:  # _double_check_in() found the visit; nothing to note without it
        return
    first = _clock(visit.payload.get("checked_in_at"))
    second = _clock(op.payload.get("checked_in_at") or op.payload.get("outcome_at"))
    reference = visit.payload.get("reference", "")
    text = (
        f"Visit {reference} was checked in at two desks while they were offline: first at {first}, "
        f"and again at {second} at another desk. The first check-in is the one kept, and both are in the "
        "visit's history. Check the party with the family if anything looks different."
    )
    stamp = now.isoformat()
    payload = {
        "id": row_id,
        "establishment": visit.establishment,
        "created_at": stamp,
        "updated_at": stamp,
        "version": 1,
        "visit_id": visit_id,
        "kind": "double_check_in",
        "text": text,
        "at": stamp,
    }
    writer.put("visit_note", row_id, payload, "server")


def _record(
    writer: documents.Writer, device: Device, op: Op, outcome: Outcome, message: str, now: datetime, seen: dict
) -> OpResult:
    doc = writer.doc(op.entity, op.row_id)
    record = documents.NewAppliedOp(
        op.op_id, device.device_id, op.entity, op.row_id, outcome, message, doc.seq if doc is not None else None, now
    )
    writer.add_new(record)
    seen[op.op_id] = record  # the same op id twice in one request is answered the same way
    # Only a clash sends the server's row back: a rejected op may name a row the desk must not see.
    current = doc.payload if (doc is not None and outcome in ("conflict", "double_check_in")) else None
    # Built by the server from checked values (pydantic checking each of a push's answers again was a
    # tenth of applying it).
    return OpResult.model_construct(op_id=op.op_id, outcome=outcome, message=message, current=current)
