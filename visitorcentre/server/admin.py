"""The server administrator's work: demo data, enrolment codes, devices, and the prisoner roster.

Each function takes the server's engine and does its work in one transaction. ``demo`` reuses
the desk's demo generator: it builds a demo desk database in a temporary folder and loads every
synced row of it into the server's document store, with a pass-signing key per establishment
made here (server/pass_keys.py; the key travels only to that establishment's desks).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from pathlib import Path

from sqlalchemy import Engine, func, insert, select
from sqlalchemy.orm import Session

from visitorcentre.core.errors import InvalidInput
from visitorcentre.server import devices as device_store
from visitorcentre.server import documents, pass_keys
from visitorcentre.server.centre import roster_import, typed_rows
from visitorcentre.server.centre.scope import EVERY
from visitorcentre.server.models import Counter, Device, Document, Feed
from visitorcentre.server.roster import read_file
from visitorcentre.sync import policy


@contextmanager
def writing(engine: Engine) -> Iterator[Session]:
    session = Session(engine.execution_options(write=True))
    try:
        yield session
        session.commit()
    finally:
        session.rollback()
        session.close()


def _plain(value):
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    return value


# --- demo ----------------------------------------------------------------------------------------


def demo(engine: Engine, visitors: int, seed: int, now: datetime, days: int = 14):
    """The national reference data and the demo establishments; returns the desk demo's counts."""
    from visitorcentre.db import engine as desk_engine
    from visitorcentre.demo import generate

    with Session(engine) as session:
        marker = session.get(Counter, "demo")
        existing = session.scalar(select(func.count()).select_from(Document))
    if existing and marker is None:
        raise InvalidInput(
            "This server holds real records, not demo data; demo data can only go into a new server database.",
            "database_url",
        )
    if existing:
        raise InvalidInput("This server already holds the demo data.", "database_url")
    with tempfile.TemporaryDirectory(prefix="visitorcentre-demo-") as folder:
        path = Path(folder) / "demo.sqlite3"
        desk_engine.migrate(path)
        counts = generate.build(path, visitors, days, seed, now)
        load_desk_database(engine, path, now, after=lambda session: session.add(Counter(name="demo", value=seed)))
    return counts


def load_desk_database(engine: Engine, path: Path, now: datetime, after=None) -> None:
    """Load every synced row of the desk database at ``path`` into the server, with a pass key per
    establishment made here (a desk's own keys are not loaded), in one transaction (``after(session)``
    runs in it too)."""
    from visitorcentre.db import engine as desk_engine
    from visitorcentre.db.models import Base

    source = desk_engine.make_engine(path)
    try:
        with source.connect() as connection, writing(engine) as session:
            for table in Base.metadata.sorted_tables:
                if table.name not in policy.SYNCED or table.name == pass_keys.ENTITY:
                    continue
                batch = []
                for row in connection.execute(select(table)).mappings():
                    batch.append({key: _plain(value) for key, value in row.items()})
                    if len(batch) >= 5000:
                        _load(session, table.name, batch, now)
                _load(session, table.name, batch, now)
            for (code,) in connection.execute(select(Base.metadata.tables["establishment"].c.code)):
                pass_keys.ensure(session, code, now)
            if after is not None:
                after(session)
    finally:
        source.dispose()


def _load(session: Session, entity: str, payloads: list[dict], now: datetime) -> None:
    """Bulk-store new documents (each in its scope) with their server sequence numbers, in order."""
    if not payloads:
        return
    numbers = documents.take_seqs(session, len(payloads))
    docs, feed = [], []
    for seq, payload in zip(numbers, payloads, strict=True):
        docs.append(
            {
                "entity": entity,
                "row_id": payload["id"],
                "establishment": payload.get("establishment") or "",
                "version": payload.get("version") or 1,
                "payload": payload,
                "seq": seq,
                "written_by": "server",
                "updated_at": now,
            }
        )
        feed.append({"scope": policy.scope_of(entity, payload), "entity": entity, "row_id": payload["id"], "seq": seq})
    session.execute(insert(Document), docs)
    session.execute(insert(Feed), feed)
    typed_rows.refresh(session, ((entity, payload["id"], payload) for payload in payloads))
    payloads.clear()


# --- enrolment and devices -------------------------------------------------------------------------


def enrolment_code(engine: Engine, establishment: str, now: datetime) -> tuple[str, datetime]:
    """A one-time enrolment code for a desk of ``establishment`` (whose pass key is made now if it has none)."""
    with writing(engine) as session:
        answer = device_store.new_enrolment_code(session, establishment.upper(), now)
        pass_keys.ensure(session, establishment.upper(), now)
        return answer


def rotate_pass_key(engine: Engine, establishment: str, now: datetime, today: date) -> tuple[str, list[str]]:
    """A new pass-signing key for ``establishment``, older ones retired on ``today``; returns the key ids."""
    from sqlalchemy.exc import IntegrityError

    try:
        with writing(engine) as session:
            new, retired = pass_keys.rotate(session, establishment, now, today)
            return new.payload["key_id"], [d.payload.get("key_id", "") for d in retired]
    except IntegrityError:
        raise InvalidInput(
            f"{establishment.upper()}'s pass key was being changed at the same moment elsewhere; "
            "run the command again.",
            "establishment",
        ) from None


def devices(engine: Engine) -> list[dict]:
    with Session(engine) as session:
        rows = session.scalars(select(Device).order_by(Device.establishment, Device.enrolled_at))
        return [
            {
                "device_id": d.device_id,
                "establishment": d.establishment,
                "name": d.name,
                "enrolled_at": d.enrolled_at.isoformat(timespec="seconds"),
                "last_seen": d.last_seen.isoformat(timespec="seconds") if d.last_seen else None,
                "revoked": d.revoked,
            }
            for d in rows
        ]


def revoke(engine: Engine, device_id: str) -> None:
    with writing(engine) as session:
        device_store.revoke(session, device_id)


ADMIN_ACTOR = "server-admin"  # who the central audit log names for the command line


def rebuild_typed_copies(engine: Engine) -> int:
    """Make every typed copy again from the documents, in one transaction; returns how many records."""
    with writing(engine) as session:
        return typed_rows.rebuild(session)


# --- the roster -------------------------------------------------------------------------------------


def import_roster(engine: Engine, path: Path, establishment: str, now: datetime) -> dict[str, int]:
    """Load a roster CSV for ``establishment``: all rows or none, each change in the central audit log.

    Returns {"added", "changed", "moved", "unchanged"} (server.centre.roster_import).
    """
    entries = read_file(path)  # every row is checked before anything is written
    with writing(engine) as session:
        code = establishment.upper()
        if not device_store.establishment_id(session, code):
            raise InvalidInput(f"The server knows no establishment with the code “{code}”.", "establishment")
        result = roster_import.load(
            session,
            actor=ADMIN_ACTOR,
            scope=EVERY,
            now=now,
            establishment=code,
            entries=entries,
            source=path.name,
        )
        return result.counts()
