"""The desk's pass-signing keys: which key signs a new pass, and which keys may vouch for one.

On an enrolled desk the keys come from the central server (server/pass_keys.py), one
establishment's only: the desk signs with the newest of them that is not retired, never makes
a key of its own, and checks passes only against its own establishment's keys. Until its first
pull has brought a key, it prints no pass (the family's pass would be good at no other desk).

A desk working on its own (not enrolled) makes its own key on first use, as it always has; the
key stays on this desk (it is never put in the outbox). When such a desk is enrolled later,
its own keys are retired on the day of enrolment (sync/connect_later.py): passes it printed with
them stay good at its hall door for sessions up to that day, and from the first pull on it signs
with the centre's key.
"""

from __future__ import annotations

import logging
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from visitorcentre.core import passes as tokens
from visitorcentre.core.errors import NotAllowed
from visitorcentre.db import models as m
from visitorcentre.db.sync_tables import SyncStateRow
from visitorcentre.i18n import N_, _
from visitorcentre.services.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

NO_KEY_YET = N_(
    "This desk has not received {establishment}'s pass-signing key from the central server yet. "
    "Sync the desk (it needs the network once), then print the pass."
)


def enrolled_as(session: Session) -> str:
    """The establishment this desk is enrolled for ("" for a desk working on its own)."""
    row = session.get(SyncStateRow, 1)
    return row.establishment if row is not None and row.device_id else ""


def _usable(establishment: str):
    return (
        select(m.PassKey)
        .where(
            m.PassKey.establishment == establishment,
            m.PassKey.active.is_(True),
            m.PassKey.retired_on.is_(None),
            m.PassKey.private_key != "",
        )
        .order_by(m.PassKey.created_at.desc(), m.PassKey.key_id)
        .limit(1)
    )


def signing_key(uow: UnitOfWork, establishment: str) -> m.PassKey:
    """The key a new pass of ``establishment`` is signed with (see the module docstring)."""
    enrolled = enrolled_as(uow.session)
    if enrolled and establishment != enrolled:
        raise NotAllowed(
            _("This desk is enrolled for {enrolled}; it cannot print passes for {establishment}.").format(
                enrolled=enrolled, establishment=establishment
            )
        )
    key = uow.session.scalar(_usable(establishment))
    if key is not None:
        return key
    if enrolled:
        raise NotAllowed(_(NO_KEY_YET).format(establishment=establishment))
    key_id, private, public = tokens.new_key_pair()
    key = uow.stamp_new(
        m.PassKey(key_id=key_id, public_key=public.hex(), private_key=private.hex(), active=True),
        establishment=establishment,
    )
    # Audited (by key id only), but not queued: a desk's own key never leaves the desk.
    uow.audit(
        "create_pass_key",
        key,
        f"New pass-signing key {key_id} for {establishment} (this desk only)",
        {"key_id": key_id},
    )
    log.info("Made pass-signing key %s for %s on this desk", key_id, establishment)
    return key


def verification_keys(session: Session) -> dict[str, tokens.PublicKey]:
    """The keys that may vouch for a pass here, by key id: an enrolled desk's own establishment's only."""
    query = select(m.PassKey.key_id, m.PassKey.establishment, m.PassKey.public_key, m.PassKey.retired_on)
    enrolled = enrolled_as(session)
    if enrolled:
        query = query.where(m.PassKey.establishment == enrolled)
    keys = {}
    for key_id, establishment, public, retired_on in session.execute(query):
        try:
            keys[key_id] = tokens.PublicKey(key_id, establishment, bytes.fromhex(public), retired_on)
        except ValueError:  # a damaged key vouches for nothing; the others still work
            log.warning("Pass key %s is not readable; passes signed with it will be refused", key_id)
    return keys


def replaced_for(session: Session, key_id: str, day: date) -> bool:
    """Whether the key ``key_id`` was retired before ``day``, so its passes for that day are refused."""
    retired_on = session.scalar(select(m.PassKey.retired_on).where(m.PassKey.key_id == key_id))
    return retired_on is not None and day > retired_on
