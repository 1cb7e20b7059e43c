"""Search, asked of the sqlite3 connection itself: a name (partial, any order), a visit reference or a prison number.

A keystroke asks SQLite a handful of small questions. Through SQLAlchemy's statement machinery
each costs several times what SQLite takes to answer it, so search speaks to a sqlite3
connection directly, reading only the columns a result row shows: the desk asks through its own
kept connection (``db.direct.desk_reader``), the command line through a connection of its own
(``db.direct``), so ``visitorcentre search`` never loads SQLAlchemy.
"""

from __future__ import annotations

import functools
import sqlite3
from datetime import date, time
from itertools import islice

from visitorcentre.core import names, references
from visitorcentre.core.views import VisitBrief, VisitorHit

VISITS_PER_HIT = 5


def _visitors_on_visit(db: sqlite3.Connection, reference: str) -> list[str]:
    return [
        vid
        for (vid,) in db.execute(
            "SELECT vp.visitor_id FROM visit_person vp JOIN visit v ON v.id = vp.visit_id"
            " WHERE v.reference = ? ORDER BY vp.position",
            (reference,),
        )
    ]


def _visitors_of_prisoner(db: sqlite3.Connection, number: str, limit: int) -> list[str]:
    return [
        vid
        for (vid,) in db.execute(
            "SELECT r.visitor_id FROM relationship r JOIN prisoner p ON p.id = r.prisoner_id"
            " WHERE p.prison_number = ? LIMIT ?",
            (number, limit),
        )
    ]


def sync_mark(db: sqlite3.Connection) -> tuple | None:
    """Where this desk's last sync left it (pull cursor, when): a sync may have changed today's visits."""
    return db.execute("SELECT pull_cursor, last_sync FROM sync_state WHERE id = 1").fetchone()


def visitors_today(db: sqlite3.Connection, day: date, establishment: str | None) -> list[tuple[str, str]]:
    """(visitor id, search terms each after a space) of everyone on a visit on ``day`` at ``establishment``."""
    sql = (
        "SELECT p.id, ' ' || p.search_terms FROM visitor p"
        " JOIN visit_person vp ON vp.visitor_id = p.id"
        " JOIN visit v ON v.id = vp.visit_id"
        " JOIN visit_session s ON s.id = v.session_id"
        " WHERE s.date = ?"
    )
    if establishment:
        return db.execute(sql + " AND s.establishment = ?", (day.isoformat(), establishment)).fetchall()
    return db.execute(sql, (day.isoformat(),)).fetchall()


def _expected_matching(words: list[str], expected_today: list[tuple[str, str]]) -> list[str]:
    """Those expected today with a name starting with each of ``words`` (``names.matches``): a word at a
    time, each over the few the words before it left, as it is asked on every keystroke."""
    left = expected_today
    for word in words:
        needle = f" {word}"  # (terms are single-space separated, each after a space: see visitors_today)
        left = [(vid, terms) for vid, terms in left if needle in terms]
    return [vid for vid, _terms in left]


def _by_name(db: sqlite3.Connection, words: list[str], limit: int) -> list[str]:
    """Visitor ids with a name starting with each of ``words``, in any order: one question to the index."""
    match = " ".join(f'"{w}"*' for w in words)
    return [vid for (vid,) in db.execute(_BY_NAME, (match, limit))]


_BY_NAME = "SELECT visitor_id FROM visitor_search WHERE visitor_search MATCH ? LIMIT ?"

# One visitor's nearest visits: today's and coming ones soonest first, then past ones latest first.
# Each half walks the covering index (visitor_id, session_date, visit_id) from today outwards and
# stops at VISITS_PER_HIT; only the rows fetched are joined to their visit and session. The text
# never changes, so SQLite prepares it once per connection (the sqlite3 module keeps it).
_NEAREST = f"""
    SELECT * FROM (
        SELECT vp.visit_id, v.reference, vp.session_date, s.starts_at, s.establishment, v.status, vp.outcome
        FROM visit_person vp JOIN visit v ON v.id = vp.visit_id JOIN visit_session s ON s.id = v.session_id
        WHERE vp.visitor_id = ?1 AND vp.session_date >= ?2 ORDER BY vp.session_date LIMIT {VISITS_PER_HIT})
    UNION ALL
    SELECT * FROM (
        SELECT vp.visit_id, v.reference, vp.session_date, s.starts_at, s.establishment, v.status, vp.outcome
        FROM visit_person vp JOIN visit v ON v.id = vp.visit_id JOIN visit_session s ON s.id = v.session_id
        WHERE vp.visitor_id = ?1 AND vp.session_date < ?2 ORDER BY vp.session_date DESC LIMIT {VISITS_PER_HIT})"""


def establishment_names(db: sqlite3.Connection) -> dict[str, str]:
    """Each establishment's name by its code."""
    return dict(db.execute("SELECT code, name FROM establishment"))


def _nearness(brief: VisitBrief) -> tuple:
    return (brief.date.toordinal(), brief.starts_at)


def nearest_visits(
    db: sqlite3.Connection, visitor_id: str, today: date, places: dict[str, str] | None = None
) -> tuple[VisitBrief, ...]:
    """The visitor's nearest visits (up to ``VISITS_PER_HIT``): today's first, then coming ones soonest
    first, then past ones latest first."""
    if places is None:
        places = establishment_names(db)
    coming: list[VisitBrief] = []
    past: list[VisitBrief] = []
    for row in islice(db.execute(_NEAREST, (visitor_id, today.isoformat())), VISITS_PER_HIT):
        brief = _brief(row, places)
        (coming if brief.date >= today else past).append(brief)
    # The index orders a day's visits by id: within a day, by the time of the session.
    coming.sort(key=_nearness)
    past.sort(key=lambda brief: (-brief.date.toordinal(), brief.starts_at))
    return (*coming, *past)


@functools.lru_cache(maxsize=4096)
def _day(text: str) -> date:
    return date.fromisoformat(text)


@functools.lru_cache(maxsize=256)
def _time(text: str) -> time:
    return time.fromisoformat(text)


def search(
    db: sqlite3.Connection,
    query: str,
    today: date,
    establishment: str | None = None,
    limit: int = 20,
    expected_today: list[tuple[str, str]] | None = None,
    places: dict[str, str] | None = None,
    known: dict[str, VisitorHit] | None = None,
) -> list[VisitorHit]:
    """Visitors matching a name (partial, any order), a visit reference or a prison number, each
    with their nearest visit (today's, else their next, else their last; ``nearest_visits`` gives more).

    Visitors expected today at ``establishment`` come first; ``expected_today`` (from
    ``visitors_today``) and ``places`` (from ``establishment_names``) save asking for them
    again on every keystroke. ``known``: hits read earlier in the same state of the records
    (as of the same day), by visitor id; those are not read again, and those read now are added.
    """
    query = query.strip()
    if not query:
        return []
    ordered: list[str] = []
    reference = references.normalise(query)
    if reference:
        ordered += _visitors_on_visit(db, reference)
    if not ordered and query.replace(" ", "").isalnum():
        ordered += _visitors_of_prisoner(db, query.replace(" ", "").upper(), limit)
    words = names.query_words(query)
    if words:
        if expected_today is None:
            expected_today = visitors_today(db, today, establishment)
        ordered += _expected_matching(words, expected_today)
        ordered += _by_name(db, words, limit + len(ordered))
    unique = list(dict.fromkeys(ordered))[:limit]
    if not unique:
        return []
    if places is None:
        places = establishment_names(db)
    found = {} if known is None else known
    missing = [vid for vid in unique if vid not in found]
    if missing:
        for row in db.execute(_hits_sql(len(missing)), (today.isoformat(), *missing)):
            found[row[0]] = _hit(row, places)
    return [found[vid] for vid in unique if vid in found]


# Each visitor found with their nearest visit, in one statement: the person's row, then one index
# step to today's or their next visit (else their last), joined to that visit and its session
# alone. The text depends only on how many were found, so each is prepared once per connection.
_HITS = """
    SELECT p.id, p.first_name, p.last_name, p.date_of_birth, p.postcode,
           v.id, v.reference, s.date, s.starts_at, s.establishment, v.status, vp.outcome
    FROM visitor p
    LEFT JOIN visit_person vp ON vp.rowid = coalesce(
        (SELECT rowid FROM visit_person WHERE visitor_id = p.id AND session_date >= ?1
         ORDER BY session_date LIMIT 1),
        (SELECT rowid FROM visit_person WHERE visitor_id = p.id AND session_date < ?1
         ORDER BY session_date DESC LIMIT 1))
    LEFT JOIN visit v ON v.id = vp.visit_id
    LEFT JOIN visit_session s ON s.id = v.session_id
    WHERE p.id IN ({ids})"""


@functools.lru_cache(maxsize=64)
def _hits_sql(count: int) -> str:
    return _HITS.replace("{ids}", ",".join(f"?{n}" for n in range(2, 2 + count)))


def _hit(row: tuple, places: dict[str, str]) -> VisitorHit:
    vid, first, last, born, postcode = row[:5]
    nearest = () if row[5] is None else (_brief(row[5:], places),)
    return VisitorHit(vid, names.full_name(first, last), _day(born), postcode, nearest)


def _brief(row: tuple, places: dict[str, str]) -> VisitBrief:
    """A visit as a result shows it, from (id, reference, day, starts at, establishment, status, outcome)."""
    visit_id, reference, day, starts_at, establishment, status, outcome = row
    return VisitBrief(
        visit_id,
        reference,
        _day(day),
        _time(starts_at),
        establishment,
        status,
        outcome=outcome,
        establishment_name=places.get(establishment, ""),
    )
