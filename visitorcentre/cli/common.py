"""What each command-line verb does, and how it prints its answer (text for people, JSON for scripts)."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from visitorcentre.core.errors import InvalidInput, NotFound
from visitorcentre.core.kinds import SESSION_KIND_LABELS, VISIT_STATUS_LABELS
from visitorcentre.core.staff import Actor
from visitorcentre.desk import open_desk

if TYPE_CHECKING:
    from visitorcentre.db.direct import Reading
    from visitorcentre.desk import Desk


def _existing_desk(path: Path, actor: Actor | None = None) -> Desk:
    """The Desk on an existing database; a missing file is a user mistake, not a new database."""
    from visitorcentre.db.backups import looks_like_database

    if not (found := looks_like_database(path)).ok:  # missing, a folder, or not a database at all
        raise (InvalidInput if path.exists() else NotFound)(found.problem, "db")
    return open_desk(path, actor=actor)


def _reading(path: Path) -> Reading:
    """The existing database read straight through sqlite3, for a verb that touches one record (db/direct).

    SQLAlchemy loads only when the database needs upgrading: the Desk upgrades it (backing it
    up first) exactly as it would for any other verb, and the reading follows.
    """
    from visitorcentre.db.direct import open_reading

    reading = open_reading(path)
    if reading is None:
        _existing_desk(path).close()
        reading = open_reading(path)
        if reading is None:  # the upgrade left it behind the newest migration: never expected
            raise RuntimeError("The database was upgraded but is not at the newest revision.")
    return reading


def _print_json(data) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def run_demo(args) -> int:
    from visitorcentre.db.engine import migrate
    from visitorcentre.demo import activity, generate
    from visitorcentre.sync.desk_records import is_enrolled

    migrate(args.verb_db)
    if is_enrolled(args.verb_db):  # an enrolled desk acts on the records it took from the server
        import sqlite3

        connection = sqlite3.connect(args.verb_db)
        try:
            result = generate.counts(connection)
        finally:
            connection.close()
    else:
        result = generate.build(args.verb_db, args.visitors, args.days, args.seed, datetime.now())
    if args.activity:
        desk = open_desk(args.verb_db, actor=Actor("Demo Desk", "desk"))
        try:
            result.actions = activity.run(desk, args.activity, args.seed)
            with desk.ctx.reading() as session:
                result = generate.DemoCounts(result.establishments, *_totals(session), actions=result.actions)
        finally:
            desk.close()
    if args.json:
        _print_json(result.as_json())
    else:
        print(
            f"Demo database {args.verb_db}: establishments {', '.join(result.establishments)}; "
            f"{result.visitors} visitors, {result.visits} visits, {result.sessions} sessions; "
            f"{result.actions} desk actions."
        )
    return 0


def _totals(session) -> tuple[int, int, int]:
    from sqlalchemy import func, select

    from visitorcentre.db import models as m

    count = lambda model: session.scalar(select(func.count()).select_from(model))  # noqa: E731
    return count(m.Visitor), count(m.Visit), count(m.VisitSession)


def run_search(args) -> int:
    reading = _reading(args.verb_db)
    try:
        hits = reading.search(args.query, limit=args.limit)
        # A hit holds its nearest visit (what the desk's row shows); the command line lists the nearest few.
        nearest = {hit.visitor_id: reading.nearest_visits(hit.visitor_id) for hit in hits}
    finally:
        reading.close()
    if args.json:
        _print_json(
            [
                {
                    "visitor_id": h.visitor_id,
                    "name": h.name,
                    "date_of_birth": h.date_of_birth.isoformat(),
                    "visits": [
                        {
                            "reference": v.reference,
                            "date": v.date.isoformat(),
                            "establishment": v.establishment,
                            "status": v.status,
                        }
                        for v in nearest[h.visitor_id]
                    ],
                }
                for h in hits
            ]
        )
        return 0
    if not hits:
        print(f"Nobody found for “{args.query}”.")
    for hit in hits:
        visits = (
            "; ".join(
                f"{v.reference} {v.date:%d %b %Y} {v.establishment} {VISIT_STATUS_LABELS.get(v.status, v.status)}"
                for v in nearest[hit.visitor_id]
            )
            or "no visits"
        )
        print(f"{hit.name:<32} born {hit.date_of_birth:%d %b %Y}  {visits}")
    return 0


def run_visits(args) -> int:
    from visitorcentre.db import queries

    desk = _existing_desk(args.verb_db)
    try:
        codes = dict(desk.settings.establishments())
        if args.establishment and args.establishment.upper() not in codes:
            raise InvalidInput(
                f"There is no establishment with the code “{args.establishment}” (known: {', '.join(sorted(codes))}).",
                "establishment",
            )
        with desk.ctx.reading() as session:
            visits = queries.day_list(session, args.date, args.establishment.upper() if args.establishment else None)
    finally:
        desk.close()
    if args.json:
        _print_json(
            [
                {
                    "reference": v.reference,
                    "establishment": v.establishment,
                    "session_start": v.session_start.isoformat(),
                    "kind": v.kind,
                    "prisoner": {"number": v.prisoner_number, "name": v.prisoner_name},
                    "party": [
                        {
                            "visitor_id": p.visitor_id,
                            "name": p.name,
                            "date_of_birth": p.date_of_birth.isoformat(),
                            "outcome": p.outcome,
                        }
                        for p in v.party
                    ],
                    "status": v.status,
                }
                for v in visits
            ]
        )
        return 0
    if not visits:
        print(f"No visits on {args.date:%A %d %B %Y}.")
    for v in visits:
        party = ", ".join(p.name for p in v.party)
        print(
            f"{v.session_start:%H:%M} {v.establishment} {v.reference}  {SESSION_KIND_LABELS.get(v.kind, v.kind):<28} "
            f"{v.prisoner_number} {v.prisoner_name:<24} {VISIT_STATUS_LABELS.get(v.status, v.status):<12} {party}"
        )
    return 0


def run_visit(args) -> int:
    reading = _reading(args.verb_db)
    try:
        visit_id = reading.visit_for_scan(args.reference)
        if visit_id is None:
            raise NotFound(f"There is no visit with the reference “{args.reference}”.", "reference")
        detail = reading.visit(visit_id)
    finally:
        reading.close()
    if detail is None:  # found by its reference a moment ago: only if another desk removed it since
        raise NotFound(f"There is no visit with the reference “{args.reference}”.", "reference")
    people = [
        {
            "visitor_id": p.visitor_id,
            "name": p.name,
            "date_of_birth": p.date_of_birth.isoformat(),
            "age": p.age,
            "outcome": p.outcome,
            "reason": p.reason,
            "checks": [
                {"code": r.code, "severity": str(r.severity), "message": r.message, "next_step": r.next_step}
                for r in p.results
            ],
        }
        for p in detail.party
    ]
    if args.json:
        _print_json(
            {
                "reference": detail.reference,
                "status": detail.status,
                "establishment": detail.establishment,
                "session_start": detail.session.date.isoformat() + "T" + detail.session.starts_at.isoformat(),
                "prisoner": {"number": detail.prisoner_number, "name": detail.prisoner_name},
                "party": people,
                "checks": [
                    {"code": r.code, "severity": str(r.severity), "message": r.message, "next_step": r.next_step}
                    for r in detail.party_results
                ],
            }
        )
        return 0
    print(f"Visit {detail.reference} — {VISIT_STATUS_LABELS.get(detail.status, detail.status)}")
    print(
        f"{detail.establishment_name}, {detail.session.date:%A %d %B %Y} {detail.session.starts_at:%H:%M}, "
        f"{detail.session.room} (arrive by {detail.cut_off:%H:%M})"
    )
    print(f"Visiting {detail.prisoner_name} ({detail.prisoner_number})")
    for person in detail.party:
        print(f"  {person.name} ({person.age}) — {person.outcome.replace('_', ' ')}")
        for result in person.results:
            print(f"      {result.severity.upper()}: {result.message} {result.next_step}")
    for result in detail.party_results:
        print(f"  {result.severity.upper()}: {result.message} {result.next_step}")
    return 0
