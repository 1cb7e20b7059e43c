"""Filling a PostgreSQL schema at national scale for the console benchmark, fast: COPY, not the write path.

20 establishments, 10,000 prisoners, 300,000 visitors, 2,000,000 visits with their sessions and
parties (about two people each), an approved visitor per visitor, a few bans, advice rules and
support services, and 200,000 travel-costs claims with their events, decisions and receipts
(console_claims). Each record is written as the server holds it: its document (JSON payload),
its feed entry in its scope with a server sequence of its own, and its typed copy made by the
same mapping functions the write path uses (``typed_rows.COPIES``), with the name words of
prisoners and visitors. Rows go in with ``COPY`` in chunks, so memory stays flat whatever the
scale; ``VACUUM ANALYZE`` runs at the end, as autovacuum would on a server that has been running.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from typing import Any

import console_claims

from visitorcentre.core import names
from visitorcentre.core.kinds import ADMITTED
from visitorcentre.server.centre import typed, typed_rows
from visitorcentre.sync import policy

FULL = {"establishments": 20, "prisoners": 10_000, "visitors": 300_000, "visits": 2_000_000, "claims": 200_000}
QUICK = {"establishments": 20, "prisoners": 500, "visitors": 6_000, "visits": 40_000, "claims": 4_000}
SESSIONS_A_DAY = ((time(9, 30), time(11, 0)), (time(14, 0), time(15, 30)), (time(18, 0), time(19, 30)))
VISITS_A_SESSION = 25
CHUNK = 50_000
FIRST = ("Ann", "Seán", "Mhairi", "John", "Aisha", "Piotr", "Kirsty", "Callum", "Fatima", "Eilidh", "Tom", "Zofia")
LAST = ("MacDonald", "O'Brien", "Smith", "Kowalski", "Campbell", "Stewart", "Khan", "Robertson", "Murray", "Fraser")
KINDS = {
    "visit_session": 1,
    "visit": 2,
    "visit_person": 3,
    "prisoner": 4,
    "visitor": 5,
    "relationship": 6,
    "ban": 7,
    "visit_review": 8,
    "cost_application": 9,
    "cost_application_event": 10,
    "cost_decision": 11,
    "cost_attachment": 12,
}


def code_of(n: int) -> str:
    return f"P{n + 1:02d}"


def rid(entity: str, n: int) -> str:
    """A record id shaped like the desk's (a UUID), made without the cost of ``uuid``."""
    return f"{KINDS[entity]:08x}-0000-4000-8000-{n:012x}"


def _field(value: Any) -> str:
    """A value in COPY's text format (None is \\N; backslash, tab and line breaks escaped)."""
    if value is None:
        return "\\N"
    text = value if isinstance(value, str) else str(value)
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        text = text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return text


class Filler:
    """Writes records through one psycopg connection (``connection``) with consecutive sequence numbers."""

    def __init__(self, connection, now: datetime):
        self.connection = connection
        self.now = now
        self.stamp = now.isoformat(timespec="seconds")
        self.seq = 0
        self.counts: dict[str, int] = {}
        self.dropped: list[str] = []
        #: The status of a visit person's visit (the write path copies it: typed_visits.fill).
        self.visit_status_of = lambda person: ""
        #: A claim's warning bits (the write path works them out: claim_warnings.refresh; console_claims).
        self.warnings_of = lambda claim: 0

    def _copy(self, table: str, columns: list[str], rows: list[tuple]) -> None:
        text = "".join("\t".join(map(_field, row)) + "\n" for row in rows)
        with self.connection.cursor() as cursor:
            with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                copy.write(text.encode("utf-8"))

    def without_indexes(self) -> list[str]:
        """Drop the indexes other than primary keys (made again by ``finish``, far faster in one go)."""
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
                "AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE contype IN ('p', 'u'))"
            )
            found = cursor.fetchall()
            for name, _definition in found:
                cursor.execute(f'DROP INDEX "{name}"')
        self.dropped = [definition for _name, definition in found]
        return self.dropped

    def write(
        self, entity: str, records: Iterator[dict[str, Any]], session_days: dict[str, date] | None = None
    ) -> None:
        """Store ``records`` (payloads with id and establishment) as documents, feed entries and typed copies."""
        chunk: list[dict[str, Any]] = []
        for payload in records:
            chunk.append(payload)
            if len(chunk) >= CHUNK:
                self._chunk(entity, chunk, session_days)
                chunk = []
        if chunk:
            self._chunk(entity, chunk, session_days)

    def _chunk(self, entity: str, payloads: list[dict[str, Any]], session_days: dict[str, date] | None) -> None:
        docs, feed = [], []
        for payload in payloads:
            self.seq += 1
            payload.update(created_at=self.stamp, updated_at=self.stamp, version=1)
            docs.append(
                (entity, payload["id"], payload["establishment"], 1, json.dumps(payload, ensure_ascii=False), self.seq)
                + ("server", self.now)
            )
            feed.append((policy.scope_of(entity, payload), entity, payload["id"], self.seq))
        self._copy(
            "document",
            ["entity", "row_id", "establishment", "version", "payload", "seq", "written_by", "updated_at"],
            docs,
        )
        self._copy("feed", ["scope", "entity", "row_id", "seq"], feed)
        self.counts[entity] = self.counts.get(entity, 0) + len(payloads)
        if entity not in typed_rows.COPIES:
            return
        model, make = typed_rows.COPIES[entity]
        columns = [c.name for c in model.__table__.columns]
        rows = []
        for payload in payloads:
            row = make(payload["id"], payload)
            if entity == "visit" and session_days is not None:
                row["session_date"] = session_days.get(payload["session_id"])
            if entity == "visit_person":
                row["visit_status"] = self.visit_status_of(payload)
            if entity == "cost_application":
                row["warnings"] = self.warnings_of(payload)
            rows.append(tuple(row[c] for c in columns))
        self._copy(model.__tablename__, columns, rows)
        if entity in typed_rows.NAMED:
            words = {
                (entity, word[:80], p["id"])
                for p in payloads
                for word in names.search_terms(p["first_name"], p["last_name"]).split()
            }
            self._copy(typed.TypedNameWord.__tablename__, ["entity", "word", "row_id"], sorted(words))

    def finish(self) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute("UPDATE counter SET value = %s WHERE name = 'seq'", (self.seq,))
            # Each visitor's first day let in (the write path keeps it: typed_visits.first_days).
            cursor.execute(
                "INSERT INTO typed_first_visit (establishment, visitor_id, first_on) "
                "SELECT establishment, visitor_id, min(session_date) FROM typed_visit_person "
                "WHERE outcome = 'checked_in' AND visit_status = ANY(%s) AND session_date IS NOT NULL "
                "GROUP BY establishment, visitor_id",
                (sorted(ADMITTED),),
            )
            for definition in self.dropped:
                cursor.execute(definition)
            cursor.execute(console_claims.PAIRED)
        self.connection.commit()
        self.connection.autocommit = True
        with self.connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # (autovacuum on a running server: index-only scans)
        self.connection.autocommit = False


def fill(connection, scale: dict[str, int], today: date, seed: int = 1) -> dict[str, int]:
    """Write the whole national picture; returns how many records of each kind."""
    rng = random.Random(seed)
    now = datetime.combine(today, time(8, 0))
    filler = Filler(connection, now)
    filler.without_indexes()
    places = scale["establishments"]
    filler.write(
        "establishment",
        (
            {
                "id": f"00000000-0000-4000-8000-{n + 1:012x}",
                "establishment": code_of(n),
                "code": code_of(n),
                "name": f"HMP Example {n + 1}",
                "nation": "scotland",
                "adult_age": 18,
                "max_adults": 3,
                "max_total": 6,
                "cutoff_minutes": 15,
                "locker_rule": "Lockers take £1 coins.",
                "cash_rule": "Up to £10 for the café.",
                "address": "",
                "booking_line": "0141 000 0000",
                "local_support": "",
            }
            for n in range(places)
        ),
    )
    person = lambda: (rng.choice(FIRST), rng.choice(LAST))  # noqa: E731
    prisoners = scale["prisoners"]
    filler.write(
        "prisoner",
        (
            dict(
                zip(("first_name", "last_name"), person(), strict=True),
                id=rid("prisoner", n),
                establishment=code_of(n % places),
                prison_number=f"A{n:06d}",
                date_of_birth=(date(1960, 1, 1) + timedelta(days=rng.randrange(15000))).isoformat(),
                location=f"Hall {'ABCD'[n % 4]}",
                status="convicted",
                no_child_contact=False,
                closed_visits=False,
            )
            for n in range(prisoners)
        ),
    )
    visitors = scale["visitors"]
    filler.write(
        "visitor",
        (
            dict(
                zip(("first_name", "last_name"), person(), strict=True),
                id=rid("visitor", n),
                establishment=code_of(n % places),
                date_of_birth=(date(1950, 1, 1) + timedelta(days=rng.randrange(25000))).isoformat(),
                postcode=f"G{n % 90 + 1} {n % 9}AB",
            )
            for n in range(visitors)
        ),
    )
    per_place = -(-scale["visits"] // places)
    days = -(-per_place // (len(SESSIONS_A_DAY) * VISITS_A_SESSION))
    first_day = today - timedelta(days=max(0, days - 28))  # four weeks of them ahead
    sessions: list[tuple[str, str, date]] = []
    for n in range(places):
        for d in range(days):
            for _ in range(len(SESSIONS_A_DAY)):
                sessions.append((rid("visit_session", len(sessions)), code_of(n), first_day + timedelta(days=d)))
    filler.write(
        "visit_session",
        (
            {
                "id": row_id,
                "establishment": code,
                "date": day.isoformat(),
                "starts_at": SESSIONS_A_DAY[i % 3][0].isoformat(),
                "ends_at": SESSIONS_A_DAY[i % 3][1].isoformat(),
                "room": "Main hall",
                "kind": "standard",
                "capacity": 30,
                "details": "",
            }
            for i, (row_id, code, day) in enumerate(sessions)
        ),
    )
    day_of = {row_id: day for row_id, _code, day in sessions}
    by_place: dict[str, list[tuple[str, date]]] = {}
    for row_id, code, day in sessions:
        by_place.setdefault(code, []).append((row_id, day))
    visits = scale["visits"]

    def visit(n: int) -> dict[str, Any]:
        place = n % places
        session_id, day = by_place[code_of(place)][(n // places) // VISITS_A_SESSION % len(by_place[code_of(place)])]
        return {
            "id": rid("visit", n),
            "establishment": code_of(place),
            "reference": f"{n:08X}"[-8:],
            "session_id": session_id,
            "prisoner_id": rid("prisoner", (n // places * places + place) % prisoners),
            "status": "completed" if day < today else "booked",
            "source": "phone",
            "booked_at": filler.stamp,
            "support_needs": [],
        }

    filler.write("visit", (visit(n) for n in range(visits)), day_of)

    def party(n: int) -> Iterator[dict[str, Any]]:
        v = visit(n)
        for position in range(n % 3 + 1):
            yield {
                "id": rid("visit_person", n * 3 + position),
                "establishment": v["establishment"],
                "visit_id": v["id"],
                "visitor_id": rid(
                    "visitor", (n // places + position * 7919) % (visitors // places) * places + n % places
                ),
                "session_date": day_of[v["session_id"]].isoformat(),
                "position": position,
                "outcome": "checked_in" if v["status"] == "completed" else "expected",
                "reason": "",
            }

    filler.visit_status_of = lambda person: "completed" if person["session_date"] < today.isoformat() else "booked"
    filler.write("visit_person", (p for n in range(visits) for p in party(n)))

    def flag(n: int) -> dict[str, Any]:
        """One visit in 1,999 needs review (issue 16): open on a visit still to come, settled on a past one."""
        v = visit(n)
        settled = day_of[v["session_id"]] < today
        return {
            "id": rid("visit_review", n),
            "establishment": v["establishment"],
            "visit_id": v["id"],
            "reason": "ban",
            "words": "A visitor was banned; the visit includes them.",
            "raised_at": filler.stamp,
            "resolved_at": filler.stamp if settled else None,
            "resolved_by": "Desk worker" if settled else "",
            "resolution": "goes_ahead" if settled else "",
            "family_told": "phoned" if settled else "",
            "note": "",
        }

    filler.write("visit_review", (flag(n) for n in range(0, visits, 1999)))  # (1,999: spread over every place)
    filler.write(
        "relationship",
        (
            {
                "id": rid("relationship", n),
                "establishment": code_of(n % places),
                "visitor_id": rid("visitor", n),
                "prisoner_id": rid("prisoner", n % prisoners),
                "kind": "partner",
                "list_status": "approved",
            }
            for n in range(visitors)
        ),
    )
    filler.write(
        "ban",
        (
            {
                "id": rid("ban", n),
                "establishment": code_of(n % places),
                "visitor_id": rid("visitor", n * 97 % visitors),
                "scope": "establishment",
                "prisoner_id": None,
                "reason": "Passing items",
                "starts_on": (today - timedelta(days=30)).isoformat(),
                "ends_on": (today + timedelta(days=150)).isoformat(),
            }
            for n in range(visitors // 100)
        ),
    )
    console_claims.fill(filler, scale, today, rid, code_of)
    filler.finish()
    return dict(filler.counts)
