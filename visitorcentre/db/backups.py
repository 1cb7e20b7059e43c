"""Backups of the desk database, checking a database is sound, and putting a good backup back.

Plain ``sqlite3`` only (no SQLAlchemy), so the checks can run before the desk's records open.
A copy is made with SQLite's online backup (safe while the desk is writing), checked with
``PRAGMA integrity_check``, and only then given its final name: a half-made or damaged copy
never looks like a backup. Copies are private (mode 0600): they hold the same family data.
A damaged database is never deleted: restoring moves it aside, with its WAL, under a dated name.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from visitorcentre.core.errors import VisitorCentreError

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"
#: The desk setting (settings.BACKUPS_KEPT) read here without loading the settings module.
DAILY_KEPT_KEY = "backup.daily_kept"
_DAILY = "daily"
_STAMP = re.compile(r"-(\d{8})-(\d{6})")
#: How a backup's name is stamped: to the second (one a day), or to the microsecond (before each migration).
DAY_STAMP, UNIQUE_STAMP = "%Y%m%d-%H%M%S", "%Y%m%d-%H%M%S-%f"


class BackupFailed(VisitorCentreError):
    """A backup or restore could not be made; the message says why in plain words."""


@dataclass(frozen=True)
class Health:
    """What the check found: ``ok``, or the plain words of what is wrong."""

    ok: bool
    problem: str = ""


@dataclass(frozen=True)
class Backup:
    path: Path
    taken: datetime

    def label(self) -> str:
        return f"{self.taken:%A %d %B %Y at %H:%M}"


def _private(path: Path) -> None:
    path.touch(mode=0o600)
    os.chmod(path, 0o600)


def looks_like_database(path: Path) -> Health:
    """Cheap: the file is there and starts like an SQLite database (no pages are read beyond the first)."""
    path = Path(path)
    if path.is_dir():
        return Health(False, f"{path} is a folder, not a database file.")
    if not path.is_file():
        return Health(False, f"There is no database at {path}.")
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        return Health(False, f"The database {path} cannot be read ({error.strerror}).")
    if header != SQLITE_HEADER:
        return Health(False, f"{path} is not a database: it may be damaged, or it is another kind of file.")
    return Health(True)


class RecordsDamaged(VisitorCentreError):
    """The desk's database file cannot be used; the start-up check offers the latest good backup."""


def refuse_unreadable(path: Path) -> None:
    """RecordsDamaged if an existing file at ``path`` is plainly not a database (cheap: its first bytes)."""
    path = Path(path)
    if path.exists() and path.stat().st_size > 0 and not (found := looks_like_database(path)).ok:
        raise RecordsDamaged(
            f"This desk's records cannot be opened: {found.problem} "
            "Wait for the check of the records, which offers the latest backup.",
            "db",
        )


def check(path: Path, thorough: bool = False) -> Health:
    """Whether the database at ``path`` is sound: ``PRAGMA quick_check`` (or ``integrity_check`` if ``thorough``)."""
    first = looks_like_database(path)
    if not first.ok:
        return first
    pragma = "integrity_check" if thorough else "quick_check"
    try:
        connection = sqlite3.connect(f"file:{Path(path).resolve().as_posix()}?mode=ro", uri=True, timeout=15)
        try:
            rows = [r[0] for r in connection.execute(f"PRAGMA {pragma}").fetchall()]
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        return Health(False, f"The database {path} is damaged and cannot be read ({error}).")
    if rows != ["ok"]:
        log.error("%s of %s found: %s", pragma, path, rows[:20])
        return Health(
            False,
            f"The database {path} is damaged ({len(rows)} problem"
            f"{'s' if len(rows) != 1 else ''} found, e.g. “{rows[0]}”).",
        )
    return Health(True)


def copy_database(source: Path, target: Path, thorough: bool = True) -> Path:
    """Copy ``source`` to ``target`` with the online backup API, check the copy, then give it its name.

    The check is ``integrity_check``; ``thorough=False`` uses ``quick_check`` (the daily backup of
    a large file: minutes less of a shared machine's time, still every page read and checked).

    BackupFailed (and nothing left at ``target``) if the source is not sound or the copy cannot be made.
    """
    source, target = Path(source), Path(target)
    found = looks_like_database(source)
    if not found.ok:
        raise BackupFailed(found.problem)
    if target.is_dir():
        raise BackupFailed(f"{target} is a folder; give the backup a file name.")
    if not target.parent.is_dir():
        raise BackupFailed(f"There is no folder {target.parent} to put the backup in.")
    if target.resolve() == source.resolve():
        raise BackupFailed("The backup cannot be written over the database itself.")
    partial = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        _private(partial)
        try:
            origin = sqlite3.connect(f"file:{source.resolve().as_posix()}?mode=ro", uri=True, timeout=15)
            try:
                copy = sqlite3.connect(partial)
                try:
                    origin.backup(copy)
                    # A self-contained file: the copy keeps no WAL beside it, whatever the source used.
                    copy.execute("PRAGMA journal_mode=DELETE")
                finally:
                    copy.close()
            finally:
                origin.close()
        except sqlite3.DatabaseError as error:
            raise BackupFailed(f"The database {source} could not be copied: it may be damaged ({error}).") from None
        verdict = check(partial, thorough=thorough)
        if not verdict.ok:
            raise BackupFailed(f"The copy failed its integrity check, so it was not kept: {verdict.problem}")
        os.replace(partial, target)
        os.chmod(target, 0o600)
        return target
    except OSError as error:
        raise BackupFailed(f"The backup could not be written to {target} ({error.strerror or error}).") from None
    finally:
        for leftover in (partial, *(Path(f"{partial}{end}") for end in ("-journal", "-wal", "-shm"))):
            try:
                leftover.unlink()
            except FileNotFoundError:
                pass


def named_backup(db_path: Path, folder: Path, reason: str, now: datetime, stamp: str = DAY_STAMP) -> Path:
    """A checked copy of ``db_path`` in ``folder``, named ``<name>-<reason>-<stamp>`` (the one way backups are made)."""
    db_path = Path(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{db_path.stem}-{reason}-{now.strftime(stamp)}{db_path.suffix}"
    return copy_database(db_path, target, thorough=False)


def backups_of(db_path: Path, folder: Path) -> list[Backup]:
    """The backups of ``db_path`` in ``folder`` (daily ones and those made before a migration), newest first."""
    db_path = Path(db_path)
    found: list[Backup] = []
    if not folder.is_dir():
        return found
    for path in folder.glob(f"{db_path.stem}-*{db_path.suffix}"):
        match = _STAMP.search(path.name[len(db_path.stem) :])
        if not match or not path.is_file():
            continue
        try:
            taken = datetime.strptime("".join(match.groups()), "%Y%m%d%H%M%S")
        except ValueError:
            continue
        found.append(Backup(path, taken))
    return sorted(found, key=lambda b: (b.taken, b.path.name), reverse=True)


def latest_good_backup(db_path: Path, folder: Path) -> Backup | None:
    """The newest backup of ``db_path`` that passes the quick check."""
    for backup in backups_of(db_path, folder):
        if check(backup.path).ok:
            return backup
        log.warning("Backup %s is damaged; trying an older one", backup.path)
    return None


def daily_backup(db_path: Path, folder: Path, keep: int, now: datetime) -> Path | None:
    """Today's backup of ``db_path`` if there is none yet (None if there is); keeps the newest ``keep`` daily ones."""
    db_path = Path(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    today = f"{db_path.stem}-{_DAILY}-{now:%Y%m%d}-"
    if any(p.name.startswith(today) for p in folder.glob(f"{today}*{db_path.suffix}")):
        return None
    made = named_backup(db_path, folder, _DAILY, now)
    dailies = sorted(folder.glob(f"{db_path.stem}-{_DAILY}-*{db_path.suffix}"), key=lambda p: p.name, reverse=True)
    for old in dailies[max(keep, 1) :]:
        old.unlink()
        log.info("Removed the old daily backup %s", old)
    log.info("Daily backup of %s made: %s", db_path, made)
    return made


def set_aside(db_path: Path, now: datetime) -> Path:
    """Move a damaged database (and its WAL and shared-memory files) aside under a dated name; returns its new path."""
    db_path = Path(db_path)
    aside = db_path.with_name(f"{db_path.stem}-damaged-{now:%Y%m%d-%H%M%S}{db_path.suffix}")
    for suffix in ("", "-wal", "-shm"):
        source = Path(f"{db_path}{suffix}")
        if source.exists():
            os.replace(source, Path(f"{aside}{suffix}"))
    return aside


def restore(db_path: Path, backup: Path, now: datetime) -> Path:
    """Put ``backup`` in place of the database at ``db_path``; the old file is kept aside (returned), never deleted."""
    db_path, backup = Path(db_path), Path(backup)
    verdict = check(backup, thorough=True)
    if not verdict.ok:
        raise BackupFailed(f"The backup {backup.name} is damaged too, so it was not restored.")
    partial = db_path.with_name(f".{db_path.name}.restoring")
    copy_database(backup, partial)
    aside = set_aside(db_path, now) if db_path.exists() else db_path
    os.replace(partial, db_path)
    os.chmod(db_path, 0o600)
    log.warning("Restored %s from %s; the damaged file is kept as %s", db_path, backup, aside)
    return aside


def restore_and_migrate(db_path: Path, backup: Path, now: datetime) -> Path:
    """Restore ``backup`` (see ``restore``) and bring it up to this release's schema; returns where the old file
    went."""
    aside = restore(db_path, backup, now)
    from visitorcentre.db.engine import migrate  # a backup from before a migration needs it again

    migrate(db_path)
    return aside


def unreadable_database_message(error: BaseException) -> str | None:
    """One plain line for an error that means the database file itself cannot be used; None for anything else."""
    original = getattr(error, "orig", None) or error
    if not isinstance(original, sqlite3.DatabaseError):
        return None
    # A refused row (a unique clash, a value of the wrong kind) or a busy file is not a damaged one.
    if isinstance(
        original, (sqlite3.IntegrityError, sqlite3.DataError, sqlite3.ProgrammingError, sqlite3.InterfaceError)
    ):
        return None
    if isinstance(original, sqlite3.OperationalError) and any(
        word in str(original) for word in ("database is locked", "database table is locked")
    ):
        return None
    return (
        f"the database could not be used ({original}); it may be damaged — open the desk app to check it "
        "and restore the latest backup, or ask a manager"
    )


@dataclass(frozen=True)
class StartUpCare:
    """What the start-up check found, the daily backup it made (if any), and the backup to offer if damaged."""

    health: Health
    daily_backup: Path | None = None
    backup_problem: str = ""
    latest_backup: Backup | None = None


def kept_setting(db_path: Path, key: str, default: int) -> int:
    """A whole-number desk setting read straight from SQLite (the records need not be open), else ``default``."""
    try:
        connection = sqlite3.connect(f"file:{Path(db_path).resolve().as_posix()}?mode=ro", uri=True, timeout=15)
        try:
            row = connection.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
        finally:
            connection.close()
        value = json.loads(row[0]) if row else default
        return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else default
    except (sqlite3.Error, ValueError, TypeError):
        return default


def start_up_care(db_path: Path, folder: Path, keep: int, now: datetime, thorough: bool = False) -> StartUpCare:
    """Check the database; if sound, take today's backup (once a day); if damaged, find the latest good backup."""
    db_path = Path(db_path)
    if not db_path.exists():  # a new desk: nothing to check or back up yet
        return StartUpCare(Health(True))
    health = check(db_path, thorough)
    if not health.ok:
        log.error("Start-up check: %s", health.problem)
        return StartUpCare(health, latest_backup=latest_good_backup(db_path, folder))
    try:
        return StartUpCare(health, daily_backup=daily_backup(db_path, folder, keep, now))
    except BackupFailed as error:
        log.error("The daily backup failed: %s", error)
        return StartUpCare(health, backup_problem=str(error))
