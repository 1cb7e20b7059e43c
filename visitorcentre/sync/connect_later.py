"""Enrolling a desk that was set up on its own (first_run.set_up_on_its_own) with the central server.

``enrolment.enrol`` takes only a new database. A desk set up on its own already holds its work
(staff, visitors, visits, each with its change waiting in the outbox) and one establishment row
copied from resources/establishments.json. Enrolling it keeps the work — the outbox sends it up
on the first sync like any offline change — and swaps the copied establishment row for the
central server's (the server's row has its own id; two rows for one code would clash), so the
visiting rules become the centre's. The code must be for the establishment this desk serves.
The desk's own pass keys are retired (services/passes/pass_keys.py): from its first pull it signs with
the centre's key.
"""

from __future__ import annotations

import logging
import socket
from datetime import date
from pathlib import Path

import httpx
from sqlalchemy import delete, select, update

from visitorcentre.config import settings
from visitorcentre.config.settings import SET_UP_ON_ITS_OWN as ON_ITS_OWN
from visitorcentre.core.errors import InvalidInput, NotFound
from visitorcentre.core.words import said
from visitorcentre.db import engine as db_engine
from visitorcentre.db.models import Establishment, OutboxOp, PassKey
from visitorcentre.db.sync_tables import SyncStateRow
from visitorcentre.sync import credential as credentials
from visitorcentre.sync.client import SyncClient

log = logging.getLogger(__name__)


def is_on_its_own(db_path: Path | str) -> bool:
    """Whether ``db_path`` is a desk set up on its own and not enrolled since."""
    db_path = Path(db_path)
    if not db_path.is_file() or db_path.stat().st_size == 0:
        return False
    db_engine.migrate(db_path)
    engine = db_engine.make_engine(db_path)
    try:
        from sqlalchemy.orm import Session

        with Session(engine) as session:
            enrolled = session.scalar(select(SyncStateRow.device_id).where(SyncStateRow.id == 1))
            return bool(settings.get(session, ON_ITS_OWN)) and not enrolled
    finally:
        engine.dispose()


def enrol_existing(
    db_path: Path | str, server_url: str, code: str, desk_name: str = "", transport: httpx.BaseTransport | None = None
) -> str:
    """Enrol the desk set up on its own at ``db_path``; returns its establishment. The first pull is the caller's."""
    from sqlalchemy.orm import Session

    db_path = Path(db_path)
    server_url = (server_url or "").strip()
    if not server_url.startswith(("http://", "https://")):
        raise InvalidInput(
            said("“{address}” is not a server address; it starts with https:// or http://.", address=server_url), "url"
        )
    if not (code or "").strip():
        raise InvalidInput(said("Type the one-time enrolment code the central team gave you."), "code")
    if not db_path.is_file():
        raise NotFound(said("There is no database at {path}.", path=db_path), "db")
    if not is_on_its_own(db_path):
        raise InvalidInput(
            said("{path} is not a desk set up on its own (it may be enrolled already).", path=db_path), "db"
        )
    engine = db_engine.make_engine(db_path)
    try:
        with Session(engine) as session:
            serves = settings.get(session, settings.DESK_ESTABLISHMENT)
        with SyncClient(server_url, transport=transport) as client:
            answer = client.enrol(code.strip(), desk_name or socket.gethostname())
        if answer.establishment != serves:
            raise InvalidInput(
                said(
                    "That code is for a desk of {code}, but this desk serves {serves}. "
                    "Ask the central team for a code for {serves} (and to withdraw the one used).",
                    code=answer.establishment,
                    serves=serves,
                ),
                "code",
            )
        credentials.save(
            db_path,
            credentials.Credential(
                server_url=server_url.rstrip("/"),
                device_id=answer.device_id,
                establishment=answer.establishment,
                token=answer.secret,
            ),
        )
        with Session(engine.execution_options(write=True)) as session:
            copied = list(session.scalars(select(Establishment.id)))
            session.execute(
                delete(OutboxOp).where(OutboxOp.entity == Establishment.__tablename__, OutboxOp.row_id.in_(copied))
            )
            session.execute(delete(Establishment).where(Establishment.id.in_(copied)))
            row = session.get(SyncStateRow, 1) or SyncStateRow(id=1)
            row.server_url = server_url.rstrip("/")
            row.device_id = answer.device_id
            row.establishment = answer.establishment
            row.pull_cursor = 0
            row.last_error = ""
            session.add(row)
            settings.put(session, ON_ITS_OWN, False)
            # Its own pass keys sign no more (services/passes/pass_keys.py); their passes stay good here for
            # sessions up to today. A key queued by an older version never goes up: keys are the centre's.
            session.execute(delete(OutboxOp).where(OutboxOp.entity == PassKey.__tablename__))
            session.execute(
                update(PassKey)
                .where(PassKey.retired_on.is_(None))
                .values(active=False, retired_on=date.today(), private_key="")
            )
            session.commit()
    finally:
        engine.dispose()
    log.info(
        "Enrolled the desk set up on its own at %s as device %s of %s", db_path, answer.device_id, answer.establishment
    )
    return answer.establishment
