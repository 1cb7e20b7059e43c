"""Loading a roster (from the console's upload page or an integration's nightly feed) for one establishment.

The entries come already checked, every row (``server.roster``: all or nothing). Each prisoner is
matched by prison number across the country: a new number is added, a known one at this
establishment is changed (or left alone when nothing differs), and one at another establishment
is moved here. Every change is written through ``store.save`` with its own audit entry, and one
more entry records the import with its counts, all in the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from visitorcentre.server import pass_keys
from visitorcentre.server.centre import audit, prisoners, store, typed
from visitorcentre.server.centre.scope import Scope, establishment_for
from visitorcentre.server.models import Document
from visitorcentre.server.roster import RosterEntry

CHUNK = 400


@dataclass(frozen=True)
class Change:
    what: str  # "added", "changed" or "moved"
    prison_number: str
    name: str
    came_from: str = ""  # the establishment a moved prisoner came from


@dataclass
class RosterResult:
    added: int = 0
    changed: int = 0
    moved: int = 0
    unchanged: int = 0
    changes: list[Change] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {"added": self.added, "changed": self.changed, "moved": self.moved, "unchanged": self.unchanged}

    def sentence(self) -> str:
        return f"{self.added} added, {self.changed} changed, {self.moved} moved here, {self.unchanged} unchanged"


def fields_of(entry: RosterEntry, establishment: str) -> dict[str, object]:
    """The prisoner record's fields as the roster gives them."""
    return {
        "establishment": establishment,
        "prison_number": entry.prison_number,
        "first_name": entry.first_name,
        "last_name": entry.last_name,
        "date_of_birth": entry.date_of_birth.isoformat(),
        "location": entry.location,
        "status": entry.status,
        "no_child_contact": entry.no_child_contact,
        "closed_visits": entry.closed_visits,
    }


def _known(session: Session, numbers: list[str]) -> dict[str, dict]:
    """The stored prisoner records with these prison numbers, by number (along the typed copy's index)."""
    found: dict[str, dict] = {}
    for start in range(0, len(numbers), CHUNK):
        ids = session.scalars(
            select(typed.TypedPrisoner.row_id).where(
                typed.TypedPrisoner.prison_number.in_(numbers[start : start + CHUNK])
            )
        ).all()
        for doc in session.scalars(select(Document).where(Document.entity == "prisoner", Document.row_id.in_(ids))):
            found[str(doc.payload.get("prison_number"))] = dict(doc.payload)
    return found


def load(
    session: Session,
    *,
    actor: str,
    scope: Scope,
    now: datetime,
    establishment: str,
    entries: Sequence[RosterEntry],
    source: str,
) -> RosterResult:
    """Write a checked roster for ``establishment``; ``source`` names it in the audit log (a file, a feed)."""
    code = establishment_for(session, scope, establishment)
    known = _known(session, sorted({e.prison_number for e in entries}))
    result = RosterResult()
    for entry in entries:
        fields = fields_of(entry, code)
        name = f"{entry.first_name} {entry.last_name}"
        record = known.get(entry.prison_number)
        if record is None:
            result.added += 1
            result.changes.append(Change("added", entry.prison_number, name))
            store.save(
                session,
                actor=actor,
                action="prisoner.added",
                entity="prisoner",
                row_id=store.new_id(),
                fields=fields,
                summary=f"Added the prisoner {name} ({entry.prison_number}) at {code} from {source}",
                now=now,
            )
        elif record.get("establishment") != code:
            result.moved += 1
            result.changes.append(Change("moved", entry.prison_number, name, str(record.get("establishment"))))
            prisoners.moved(
                session, actor=actor, now=now, record=record, to=code, summary_end=f" ({source})", fields=fields
            )
        elif all(record.get(key) == value for key, value in fields.items()):
            result.unchanged += 1
        else:
            result.changed += 1
            result.changes.append(Change("changed", entry.prison_number, name))
            store.save(
                session,
                actor=actor,
                action="prisoner.changed",
                entity="prisoner",
                row_id=record["id"],
                fields=fields,
                summary=f"Changed the prisoner {name} ({entry.prison_number}) at {code} from {source}",
                now=now,
            )
    audit.record(
        session,
        actor=actor,
        action="roster.imported",
        entity="roster",
        entity_id=code,
        establishment=code,
        summary=f"Roster for {code} from {source}: {result.sentence()}",
        now=now,
        after=result.counts(),
    )
    pass_keys.ensure(session, code, now)
    return result
