"""A desk put back from a backup: it gets its own later changes back, and its outbox never goes backwards.

The server leaves a desk's own changes out of its pulls (the desk has them). A desk restored to
an older copy of its database has lost the changes it pushed after that copy was taken, so its
next pull must ask for them (``own_rows_wanted`` in ``sync_state``; the server's ``own=1``) and
its next edit must be numbered after everything it sent before, or the server would take it for
a clash or a repeat.

How the desk knows it was restored: the restore on the damaged-records screen says so
(``restore_backup``); a copy put back by hand is noticed at the next sync, because the desk
keeps the highest device sequence the server acknowledged in a small private file beside the
database (``<db>.sync-mark``), which a backup does not carry back in time.

A restore waits for a sync of the same database to finish (``sync_lock``), and a sync waits for
a restore: the two never touch the file at once.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.orm import Session

log = logging.getLogger(__name__)

_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()


def sync_lock(db_path: Path | str) -> threading.Lock:
    """The lock a sync of ``db_path`` holds from start to end, and a restore of it takes first."""
    key = str(Path(db_path).resolve())
    with _locks_guard:
        return _locks.setdefault(key, threading.Lock())


def mark_path(db_path: Path | str) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".sync-mark")


def read_mark(db_path: Path | str) -> tuple[str, int]:
    """(device id, highest acknowledged device sequence) from the mark file; ("", 0) if there is none."""
    try:
        data = json.loads(mark_path(db_path).read_text(encoding="utf-8"))
        return str(data["device_id"]), int(data["seq"])
    except (OSError, ValueError, KeyError, TypeError):
        return "", 0


def write_mark(db_path: Path | str, device_id: str, seq: int) -> None:
    """Note that the server acknowledged this device's ops up to ``seq`` (never lowers the mark)."""
    known_device, known = read_mark(db_path)
    if known_device == device_id and known >= seq:
        return
    target = mark_path(db_path)
    partial = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump({"device_id": device_id, "seq": seq}, handle)
        os.replace(partial, target)
        os.chmod(target, 0o600)
    except OSError as error:  # the mark only helps after a hand-made restore; the sync itself went well
        log.warning("Sync: could not note the acknowledged changes in %s: %s", target.name, error.strerror)


def _mark_for(db_path: Path | str, device_id: str) -> int:
    mark_device, mark = read_mark(db_path)
    return mark if mark_device == device_id else 0


def _numbered(session: Session) -> int:
    """The highest device sequence this database has ever given an outbox op."""
    connection = session.connection()
    ever = connection.execute(text("SELECT seq FROM sqlite_sequence WHERE name = 'outbox_op'")).scalar() or 0
    return max(ever, connection.execute(text("SELECT max(seq) FROM outbox_op")).scalar() or 0)


def is_behind(session: Session, db_path: Path | str, device_id: str) -> bool:
    """Whether the database numbers its changes below what the server already acknowledged (put back by hand)."""
    mark = _mark_for(db_path, device_id)
    return bool(mark) and mark > _numbered(session)


def settle(session: Session, db_path: Path | str, device_id: str, restored: bool = False) -> bool:
    """If the database was put back from a backup (``restored``, or it is behind the mark file), make the
    next pull ask for this desk's own changes and number the outbox after everything sent before.

    Returns whether it was restored. Call inside a write transaction; the caller commits.
    """
    mark = _mark_for(db_path, device_id)
    connection = session.connection()
    ever = _numbered(session)
    if not (restored or mark > ever):
        return False
    log.warning(
        "Sync: this desk's records were put back from a backup; its own later changes will be "
        "fetched again from the central server"
    )
    connection.execute(text("UPDATE sync_state SET own_rows_wanted = 1 WHERE id = 1"))
    oldest = connection.execute(text("SELECT min(seq) FROM outbox_op")).scalar()
    if oldest is not None and oldest <= mark:  # changes made since the restore: numbered after the mark
        offset = mark + 1 - oldest
        connection.execute(text("UPDATE outbox_op SET seq = -seq"))
        connection.execute(text("UPDATE outbox_op SET seq = :offset - seq"), {"offset": offset})
    top = max(mark, connection.execute(text("SELECT max(seq) FROM outbox_op")).scalar() or 0, ever)
    if connection.execute(text("SELECT count(*) FROM sqlite_sequence WHERE name = 'outbox_op'")).scalar():
        connection.execute(text("UPDATE sqlite_sequence SET seq = :top WHERE name = 'outbox_op'"), {"top": top})
    else:
        connection.execute(text("INSERT INTO sqlite_sequence (name, seq) VALUES ('outbox_op', :top)"), {"top": top})
    return True


def restore_backup(
    db_path: Path | str, backup: Path | str, now: datetime, before: Callable[[], None] | None = None
) -> Path:
    """Put ``backup`` in place of the desk's database once no sync is running (see ``db.backups.restore``),
    then mark it restored for the next sync. ``before()`` runs first, inside the lock (e.g. closing the
    desk's connections). Returns where the old file was kept."""
    from visitorcentre.db import backups
    from visitorcentre.db import engine as db_engine

    with sync_lock(db_path):
        if before is not None:
            before()
        aside = backups.restore_and_migrate(Path(db_path), Path(backup), now)
        engine = db_engine.make_engine(db_path)
        try:
            with Session(engine) as session:
                device = session.execute(text("SELECT device_id FROM sync_state WHERE id = 1")).scalar()
                if device:
                    settle(session, db_path, device, restored=True)
                    session.commit()
        finally:
            engine.dispose()
    return aside
