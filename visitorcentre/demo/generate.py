"""Building a demo database in bulk: establishments, families, sessions and years of visits.

Rows go in through plain SQL in one transaction, in the same formats SQLAlchemy writes, because
a million visits through the ORM would take many minutes; everything else uses the services.
"""

from __future__ import annotations

import json
import random
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from visitorcentre.config import settings
from visitorcentre.core.errors import VisitorCentreError
from visitorcentre.core.kinds import SessionKind
from visitorcentre.demo import staff as demo_staff
from visitorcentre.demo.establishments import ESTABLISHMENTS, WEEK
from visitorcentre.demo.families import Family, FamilyMaker, demo_id
from visitorcentre.demo.visits import VisitMaker

VISITS_PER_VISITOR = 5
_CHUNK = 20_000

_COLUMNS = {
    "establishment": "code, name, nation, adult_age, max_adults, max_total, cutoff_minutes, locker_rule, "
    "cash_rule, address, booking_line",
    "prisoner": "prison_number, first_name, last_name, date_of_birth, location, status, no_child_contact, "
    "closed_visits",
    "visitor": "first_name, last_name, date_of_birth, phone, email, address, postcode, language, support_needs, "
    "id_checked, photo_consent, notes, search_terms",
    "relationship": "visitor_id, prisoner_id, kind, list_status",
    "ban": "visitor_id, scope, prisoner_id, reason, starts_on, ends_on",
    "child_approval": "prisoner_id, visitor_id, approved_by, approved_on, valid_until, note",
    "visit_session": "date, starts_at, ends_at, room, kind, capacity, details",
    "visit": "reference, session_id, prisoner_id, status, source, booked_at, checked_in_at, in_hall_at, "
    "completed_at, late_reason, overbooked_reason, cancel_reason, notes, support_needs",
    "visit_person": "visit_id, visitor_id, session_date, position, outcome, reason, outcome_at",
}


class NotADemoDatabase(VisitorCentreError):
    """Demo data must never be mixed into a database that holds real families."""


@dataclass
class DemoCounts:
    establishments: list[str]
    visitors: int
    visits: int
    sessions: int
    actions: int = 0

    def as_json(self) -> dict:
        return {
            "establishments": self.establishments,
            "visitors": self.visitors,
            "visits": self.visits,
            "sessions": self.sessions,
            "actions": self.actions,
        }


def stamp(moment: datetime) -> str:
    """A datetime in the text form SQLAlchemy stores in SQLite."""
    return f"{moment:%Y-%m-%d %H:%M:%S}.{moment.microsecond:06d}"


def clock_time(moment: time) -> str:
    return f"{moment:%H:%M:%S}.000000"


def insert(connection: sqlite3.Connection, table: str, rows: list[tuple]) -> None:
    columns = "id, establishment, created_at, updated_at, version, " + _COLUMNS[table]
    marks = ", ".join("?" * len(columns.split(",")))
    connection.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)
    rows.clear()


def counts(connection: sqlite3.Connection) -> DemoCounts:
    codes = [r[0] for r in connection.execute("SELECT code FROM establishment ORDER BY code")]
    one = lambda table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: E731
    return DemoCounts(codes, one("visitor"), one("visit"), one("visit_session"))


def guard(connection: sqlite3.Connection) -> bool:
    """True if the database already holds demo data; raises if it holds anything else."""
    row = connection.execute("SELECT value FROM setting WHERE key = ?", (settings.IS_DEMO.key,)).fetchone()
    is_demo = bool(row and json.loads(row[0]))
    has_data = connection.execute("SELECT EXISTS (SELECT 1 FROM establishment)").fetchone()[0]
    if has_data and not is_demo:
        raise NotADemoDatabase(
            "This database holds real records, not demo data; "
            "demo data can only go into a new file or a demo database.",
            "db",
        )
    return is_demo and has_data


def _sessions(rng: random.Random, first: date, last: date, stamp_: str) -> list[tuple]:
    rows = []
    day = first
    while day <= last:
        for est in ESTABLISHMENTS:
            for kind, start, end, room, places in WEEK[day.weekday()]:
                details = (
                    "Join on the tablet in the visitor centre, or by the link sent by text."
                    if kind == SessionKind.VIRTUAL
                    else ""
                )
                rows.append(
                    (
                        demo_id(rng),
                        est.code,
                        stamp_,
                        stamp_,
                        1,
                        day.isoformat(),
                        clock_time(start),
                        clock_time(end),
                        room,
                        str(kind),
                        places,
                        details,
                    )
                )
        day += timedelta(days=1)
    return rows


@contextmanager
def _indexes_built_afterwards(connection: sqlite3.Connection, tables: tuple[str, ...]):
    """Drop the tables' secondary indexes for a bulk load and build them again after it.

    Building an index over rows already in place is much faster than keeping it up to date
    row by row with random keys; it is all one transaction, so nothing is left half-indexed.
    """
    marks = ", ".join("?" * len(tables))
    indexes = connection.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({marks})",
        tables,
    ).fetchall()
    for name, _ in indexes:
        connection.execute(f'DROP INDEX "{name}"')
    yield
    for _, sql in indexes:
        connection.execute(sql)


def build(db_path: Path, visitors: int, days: int, seed: int, now: datetime) -> DemoCounts:
    """Fill a new (migrated) database with demo data; a demo database that has it already is left alone."""
    connection = sqlite3.connect(db_path, isolation_level=None)
    try:
        connection.execute("PRAGMA foreign_keys=ON")
        connection.execute("PRAGMA busy_timeout=15000")
        if guard(connection):
            with connection:  # a demo made before staff signed in gets its demo staff too
                demo_staff.ensure(connection, now)
            return counts(connection)
        # A bulk build: a big page cache, and durability only at the final commit (a crash part-way
        # leaves nothing, since it is one transaction).
        connection.execute("PRAGMA cache_size=-1000000")
        connection.execute("PRAGMA synchronous=OFF")
        connection.execute("BEGIN IMMEDIATE")
        with _indexes_built_afterwards(connection, ("visitor", "visit", "visit_person")):
            _fill(connection, visitors, days, seed, now)
        connection.execute("COMMIT")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute("ANALYZE")
        return counts(connection)
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    finally:
        connection.close()


def _fill(connection: sqlite3.Connection, visitors: int, days: int, seed: int, now: datetime) -> None:
    rng = random.Random(seed)
    today = now.date()
    made = stamp(now - timedelta(days=1))
    insert(
        connection,
        "establishment",
        [
            (
                demo_id(rng),
                e.code,
                made,
                made,
                1,
                e.code,
                e.name,
                "scotland",
                e.adult_age,
                e.max_adults,
                e.max_total,
                e.cutoff_minutes,
                e.locker_rule,
                e.cash_rule,
                e.address,
                e.booking_line,
            )
            for e in ESTABLISHMENTS
        ],
    )
    _advice(connection, random.Random(f"advice-{seed}"), today, made)
    demo_staff.ensure(connection, now)
    maker = FamilyMaker(rng, today, made)
    families: list[Family] = []
    visitor_total = 0
    while visitor_total < visitors:
        family = maker.family(len(families))
        families.append(family)
        visitor_total += len(family.members)
        if len(maker.visitors) >= _CHUNK:
            _flush_people(connection, maker)
    _flush_people(connection, maker)

    back = days // 2
    window_start, window_end = today - timedelta(days=back), today + timedelta(days=days - back - 1)
    window = _sessions(rng, window_start, window_end, made)
    insert(connection, "visit_session", list(window))
    visits = VisitMaker(rng, now, families, made)
    target = visitor_total * VISITS_PER_VISITOR
    for row in window:
        visits.fill(row, target)
        _flush_visits(connection, visits, _CHUNK)
    day = window_start
    while visits.count < target:
        day -= timedelta(days=1)
        history = _sessions(rng, day, day, made)
        insert(connection, "visit_session", list(history))
        for row in history:
            visits.fill(row, target)
        _flush_visits(connection, visits, _CHUNK)
    _flush_visits(connection, visits, 0)
    from visitorcentre.demo import engagement

    engagement.fill(connection, random.Random(f"engagement-{seed}"), now, made)
    connection.executemany(
        "INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)",
        [
            (settings.IS_DEMO.key, json.dumps(True)),
            (settings.DEMO_SEED.key, json.dumps(seed)),
            (settings.DESK_ESTABLISHMENT.key, json.dumps(ESTABLISHMENTS[0].code)),
        ],
    )


def _advice(connection: sqlite3.Connection, rng: random.Random, today: date, made: str) -> None:
    """Each establishment's default advice rules (demo/advice.py) and local support, translations included."""
    from visitorcentre.demo import advice

    rows = []
    for e in ESTABLISHMENTS:
        connection.execute(
            "UPDATE establishment SET local_support = ? WHERE code = ?", (advice.LOCAL_SUPPORT.get(e.code, ""), e.code)
        )
        for position, rule in enumerate(advice.rules_for(e.code, e.cutoff_minutes)):
            row_id = demo_id(rng)
            rows.append(
                (
                    row_id,
                    e.code,
                    made,
                    made,
                    1,
                    row_id,
                    rule.category,
                    rule.severity,
                    rule.text,
                    rule.easy_read,
                    rule.pictogram,
                    position,
                    advice.effective_from(rule, today).isoformat(),
                    None,
                    False,
                    "",
                    json.dumps(advice.translations(rule), ensure_ascii=False),
                    "Demo",
                )
            )
    connection.executemany(
        "INSERT INTO advice_rule (id, establishment, created_at, updated_at, version, rule_key, category, severity, "
        "text, easy_read, pictogram, position, effective_from, ends_on, retired, retired_reason, translations, "
        "changed_by) VALUES (" + ", ".join("?" * 18) + ")",
        rows,
    )


def _flush_people(connection: sqlite3.Connection, maker: FamilyMaker) -> None:
    insert(connection, "prisoner", maker.prisoners)
    insert(connection, "visitor", maker.visitors)
    insert(connection, "relationship", maker.relationships)
    insert(connection, "ban", maker.bans)
    insert(connection, "child_approval", maker.approvals)


def _flush_visits(connection: sqlite3.Connection, visits: VisitMaker, at_least: int) -> None:
    if len(visits.visits) >= at_least:
        insert(connection, "visit", visits.visits)
        insert(connection, "visit_person", visits.people)
