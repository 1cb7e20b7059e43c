"""Search, asked of the sqlite3 connection itself: a name (partial, any order), a visit reference or a prison number.

A keystroke asks SQLite a handful of small questions. Through SQLAlchemy's statement machinery
each costs several times what SQLite takes to answer it, so search speaks to a sqlite3
connection directly, reading only the columns a result row shows: the desk hands it the
connection under its session's transaction (``db.queries.search``), the command line a
connection of its own (``db.direct``), so ``visitorcentre search`` never loads SQLAlchemy.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from datetime import date, time

from visitorcentre.core import names, references
from visitorcentre.core.views import VisitBrief, VisitorHit

VISITS_PER_HIT = 5
_CANDIDATES = 400


def _marks(count: int) -> str:
    return ",".join("?" * count)


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
    """(visitor id, search terms) of everyone on a visit on ``day`` at ``establishment``."""
    sql = (
        "SELECT p.id, p.search_terms FROM visitor p"
        " JOIN visit_person vp ON vp.visitor_id = p.id"
        " JOIN visit v ON v.id = vp.visit_id"
        " JOIN visit_session s ON s.id = v.session_id"
        " WHERE s.date = ?"
    )
    if establishment:
        return db.execute(sql + " AND s.establishment = ?", (day.isoformat(), establishment)).fetchall()
    return db.execute(sql, (day.isoformat(),)).fetchall()


def _fts(db: sqlite3.Connection, match: str, limit: int) -> list[tuple[str, str]]:
    return db.execute(
        "SELECT visitor_id, terms FROM visitor_search WHERE visitor_search MATCH ? LIMIT ?", (match, limit)
    ).fetchall()


def _by_name(db: sqlite3.Connection, words: list[str], limit: int) -> list[str]:
    """Visitor ids with a name starting with each of ``words``, in any order.

    Joining long posting lists is what makes a full-text query slow, so the index is asked
    only about the longest (most telling) word and the others are checked on its candidates;
    only if that leaves too few is the full query run.
    """
    terms = [f'"{w}"*' for w in words]
    if len(words) == 1:
        return [vid for vid, _ in _fts(db, terms[0], limit)]
    candidates = _fts(db, max(terms, key=len), _CANDIDATES)
    found = [vid for vid, indexed in candidates if names.matches(words, indexed)]
    if len(found) >= limit or len(candidates) < _CANDIDATES:
        return found[:limit]
    return [vid for vid, _ in _fts(db, " ".join(terms), limit)]


# Each visitor's nearest visits, ranked on the covering index (visitor_id, session_date, visit_id)
# alone; only the visits kept are read, with the person's own outcome and the establishment's name.
_NEAREST = """
    WITH nearest AS (
        SELECT visitor_id, visit_id FROM (
            SELECT visitor_id, visit_id, row_number() OVER (
                PARTITION BY visitor_id
                ORDER BY session_date < ?1, abs(julianday(session_date) - julianday(?1))) AS nearness
            FROM visit_person WHERE visitor_id IN ({ids}))
        WHERE nearness <= ?2)
    SELECT n.visitor_id, v.id, v.reference, s.date, s.starts_at, s.establishment, v.status,
           vp.outcome, coalesce(e.name, '')
    FROM nearest n
    JOIN visit v ON v.id = n.visit_id
    JOIN visit_session s ON s.id = v.session_id
    JOIN visit_person vp ON vp.visit_id = n.visit_id AND vp.visitor_id = n.visitor_id
    LEFT JOIN establishment e ON e.code = s.establishment"""


def _briefs(db: sqlite3.Connection, visitor_ids: list[str], today: date) -> dict[str, list[VisitBrief]]:
    """Each visitor's nearest visits: today's first, then coming ones soonest first, then past ones latest first."""
    rows = db.execute(
        _NEAREST.replace("{ids}", ",".join(f"?{n}" for n in range(3, 3 + len(visitor_ids)))),
        (today.isoformat(), VISITS_PER_HIT, *visitor_ids),
    )
    grouped: dict[str, list[VisitBrief]] = defaultdict(list)
    for visitor_id, visit_id, reference, day, starts_at, establishment, status, outcome, place in rows:
        grouped[visitor_id].append(
            VisitBrief(
                visit_id,
                reference,
                date.fromisoformat(day),
                time.fromisoformat(starts_at),
                establishment,
                status,
                outcome=outcome,
                establishment_name=place,
            )
        )

    def nearness(brief: VisitBrief) -> tuple:
        if brief.date >= today:
            return (0, brief.date.toordinal(), brief.starts_at)
        return (1, -brief.date.toordinal(), brief.starts_at)

    return {vid: sorted(briefs, key=nearness) for vid, briefs in grouped.items()}


def search(
    db: sqlite3.Connection,
    query: str,
    today: date,
    establishment: str | None = None,
    limit: int = 20,
    expected_today: list[tuple[str, str]] | None = None,
) -> list[VisitorHit]:
    """Visitors matching a name (partial, any order), a visit reference or a prison number.

    Visitors expected today at ``establishment`` come first; ``expected_today`` (from
    ``visitors_today``) saves asking for them again on every keystroke.
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
        ordered += [vid for vid, terms in expected_today if names.matches(words, terms)]
        ordered += _by_name(db, words, limit + len(ordered))
    unique = list(dict.fromkeys(ordered))[:limit]
    if not unique:
        return []
    people = {
        row[0]: row
        for row in db.execute(
            "SELECT id, first_name, last_name, date_of_birth, postcode FROM visitor"
            f" WHERE id IN ({_marks(len(unique))})",
            unique,
        )
    }
    briefs = _briefs(db, unique, today)
    return [
        VisitorHit(
            visitor_id=vid,
            name=names.full_name(first, last),
            date_of_birth=date.fromisoformat(born),
            postcode=postcode,
            visits=tuple(briefs.get(vid, ())),
        )
        for vid in unique
        if vid in people
        for _, first, last, born, postcode in [people[vid]]
    ]
