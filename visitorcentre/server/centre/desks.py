"""An establishment's desks at the centre: enrolment codes, the enrolled desks and what waits for them, revoking one.

Devices are the server's own records, not synced ones, so these changes do not go through
``store.save``: each writes its device rows and its central audit entry (``audit.record``) in
the caller's transaction. An enrolment code is shown once: only its SHA-256 is kept
(``devices``), and the audit log names the code by the start of that hash, never the code.
"""

from __future__ import annotations

import base64
import hashlib
import io
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from visitorcentre.core import enrolment_link
from visitorcentre.core.errors import NotAllowed, NotFound
from visitorcentre.server import devices, pass_keys
from visitorcentre.server.centre import audit, establishments
from visitorcentre.server.centre.access import Scope
from visitorcentre.server.models import AppliedOp, Conflict, Device

REFUSED = "rejected"  # AppliedOp.outcome of an op the server would not apply


@dataclass(frozen=True)
class NewCode:
    """A new enrolment code, to be shown once: the code, its expiry, the link a desk scans, as a QR code (SVG)."""

    code: str
    expires_at: datetime
    link: str
    qr_svg: str

    @property
    def qr_data_uri(self) -> str:
        """The QR code as an image address a page can show (no file, nothing fetched)."""
        return "data:image/svg+xml;base64," + base64.b64encode(self.qr_svg.encode()).decode()


@dataclass(frozen=True)
class Desk:
    device_id: str
    establishment: str
    name: str
    enrolled_at: datetime
    last_seen: datetime | None
    revoked: bool
    conflicts: int  # desk changes that clashed, kept at the centre
    refused: int  # desk changes the server refused

    @property
    def waiting(self) -> int:
        return self.conflicts + self.refused


@dataclass(frozen=True)
class Issue:
    at: datetime
    kind: str  # "clash" or "refused"
    entity: str
    row_id: str
    message: str


def qr_svg(text: str) -> str:
    """``text`` as a QR code, an SVG drawn in black on white (no script, no outside files)."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=10, border=4)
    out = io.BytesIO()
    image.save(out)
    svg = out.getvalue().decode("utf-8")
    return svg[svg.index("<svg") :]  # (no XML declaration inside a page)


def make_code(session: Session, scope: Scope, actor: str, now: datetime, code: str, server_url: str) -> NewCode:
    """A one-time enrolment code for a new desk of ``code`` (valid for a day), with its pass key made if it
    had none; the code itself is returned once and never stored or audited."""
    place = establishments.one(session, scope, code)
    scope.require_change(place.code, "enrol desks")
    raw, expires = devices.new_enrolment_code(session, place.code, now)
    pass_keys.ensure(session, place.code, now)
    hashed = hashlib.sha256(devices.normalise_code(raw).encode()).hexdigest()
    audit.record(
        session,
        actor=actor,
        action="desk.enrolment_code_made",
        entity="enrolment_code",
        entity_id=hashed[:16],
        establishment=place.code,
        summary=f"Made an enrolment code for a desk of {place.name}, valid until {expires:%d %B %Y %H:%M}",
        now=now,
        after={"establishment": place.code, "expires_at": expires.isoformat(timespec="seconds")},
    )
    line = enrolment_link.link(server_url, raw)
    return NewCode(raw, expires, line, qr_svg(line))


def enrolled(session: Session, scope: Scope, code: str) -> list[Desk]:
    """The desks enrolled for ``code`` (revoked ones last), with how many of their changes wait at the centre."""
    place = establishments.one(session, scope, code)
    found = list(session.scalars(select(Device).where(Device.establishment == place.code)))
    ids = [d.device_id for d in found]
    clashes = dict(
        session.execute(
            select(Conflict.device_id, func.count()).where(Conflict.device_id.in_(ids)).group_by(Conflict.device_id)
        ).all()
    )
    refused = dict(
        session.execute(
            select(AppliedOp.device_id, func.count())
            .where(AppliedOp.device_id.in_(ids), AppliedOp.outcome == REFUSED)
            .group_by(AppliedOp.device_id)
        ).all()
    )
    desks = [
        Desk(
            d.device_id,
            d.establishment,
            d.name,
            d.enrolled_at,
            d.last_seen,
            d.revoked,
            clashes.get(d.device_id, 0),
            refused.get(d.device_id, 0),
        )
        for d in found
    ]
    return sorted(desks, key=lambda d: (d.revoked, d.name.casefold(), d.enrolled_at))


def _device(session: Session, scope: Scope, device_id: str) -> Device:
    device = session.get(Device, device_id) if device_id else None
    if device is None or not scope.sees(device.establishment):
        raise NotFound("There is no such desk.", "device")
    return device


def desk(session: Session, scope: Scope, device_id: str) -> Desk:
    device = _device(session, scope, device_id)
    return next(d for d in enrolled(session, scope, device.establishment) if d.device_id == device_id)


def issues(session: Session, scope: Scope, device_id: str, limit: int = 50) -> list[Issue]:
    """The newest changes of the desk that wait at the centre: clashes kept and changes refused."""
    device = _device(session, scope, device_id)
    clashes = session.scalars(
        select(Conflict).where(Conflict.device_id == device.device_id).order_by(Conflict.at.desc()).limit(limit)
    )
    refused = session.scalars(
        select(AppliedOp)
        .where(AppliedOp.device_id == device.device_id, AppliedOp.outcome == REFUSED)
        .order_by(AppliedOp.at.desc())
        .limit(limit)
    )
    found = [
        Issue(
            c.at,
            "clash",
            c.entity,
            c.row_id,
            "Changed at the centre or on another desk first; the desk's change is kept.",
        )
        for c in clashes
    ] + [Issue(a.at, "refused", a.entity, a.row_id, a.message) for a in refused]
    return sorted(found, key=lambda i: i.at, reverse=True)[:limit]


def revoke(session: Session, scope: Scope, actor: str, now: datetime, device_id: str) -> Desk:
    """Stop a desk: from its next request the server refuses it (a lost or stolen kiosk)."""
    device = _device(session, scope, device_id)
    scope.require_change(device.establishment, "revoke desks")
    if device.revoked:
        raise NotAllowed("This desk is revoked already.", "device")
    before = {"name": device.name, "revoked": False}
    devices.revoke(session, device.device_id)
    audit.record(
        session,
        actor=actor,
        action="desk.revoked",
        entity="device",
        entity_id=device.device_id,
        establishment=device.establishment,
        summary=f"Revoked the desk “{device.name}” of {device.establishment}",
        now=now,
        before=before,
        after={"name": device.name, "revoked": True},
    )
    session.flush()
    return desk(session, scope, device_id)
