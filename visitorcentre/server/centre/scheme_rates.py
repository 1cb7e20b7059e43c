"""The scheme's rates at the centre: the tables the national administrators enter, sent to every desk.

A table is one ``scheme_rates`` record per nation and effective-from date (core.cost_of_visits.
rate_tables), written through ``store.save`` (record rules, audit, the national feed). Entering a
table again for the same nation and date replaces it (a new version every desk receives). A new
server is seeded once from the data file in resources/; after that the file is never read here.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from visitorcentre.config.scheme_rates import rates_file
from visitorcentre.core.cost_of_visits.rate_tables import (
    FIELDS,
    SchemeRates,
    check_entered,
    from_record,
    rate_table,
    tables_in,
)
from visitorcentre.core.cost_of_visits.rates import RateTable, Thresholds
from visitorcentre.core.errors import InvalidInput
from visitorcentre.server.centre import store
from visitorcentre.server.models import Document

ENTITY = "scheme_rates"
SEEDED_BY = "Scheme rates file"


def tables(session: Session) -> list[SchemeRates]:
    """Every table the centre holds, newest first within each nation."""
    found = [from_record(p) for p in session.scalars(select(Document.payload).where(Document.entity == ENTITY))]
    return sorted(found, key=lambda t: (t.nation, -t.effective_from.toordinal()))


def in_force(session: Session) -> RateTable:
    """The rates a caseworker's figures use (the centre's own tables)."""
    return rate_table(tables(session))


def thresholds_for(session: Session, claim: Mapping[str, Any]) -> Thresholds:
    """The thresholds in force on a claim's visit date for its prison's nation (the standing ones when
    the claim has no readable date)."""
    try:
        day = date.fromisoformat(str(claim.get("visit_date"))[:10])
    except ValueError:
        return Thresholds()
    return in_force(session).thresholds(str(claim.get("prison_nation") or ""), day)


def _save(session: Session, table: SchemeRates, actor: str, now: datetime) -> None:
    pounds = ", ".join(
        f"{name.removesuffix('_pence').replace('_', ' ')} {table.value(name)}{'p' if name.endswith('_pence') else ''}"
        for name in FIELDS.values()
    )
    store.save(
        session,
        actor=actor,
        action="scheme_rates.entered",
        entity=ENTITY,
        row_id=table.row_id(),
        fields=table.fields(),
        summary=f"Rates for prisons in {table.nation.capitalize()} from {table.effective_from:%d %B %Y}: {pounds}",
        now=now,
    )


def enter(
    session: Session, *, actor: str, nation: str, effective_from: date | None, typed: dict[str, str], now: datetime
) -> SchemeRates:
    """Enter a new effective-dated table (InvalidInput naming the field); it reaches every desk on its next sync."""
    table = check_entered(nation, effective_from, typed)
    if table.effective_from.year < 2000:
        raise InvalidInput("Enter a date from 2000 onwards.", "effective_from")
    _save(session, table, actor, now)
    return table


def seed_new_server(engine: Engine, now: datetime) -> int:
    """On a server that has no rate table yet: the data file's tables. Returns how many were written."""
    with Session(engine) as session:
        if session.scalar(select(Document.row_id).where(Document.entity == ENTITY).limit(1)) is not None:
            return 0
    seeded = tables_in(RateTable.from_json(json.loads(rates_file().read_text(encoding="utf-8"))))
    try:
        with Session(engine.execution_options(write=True)) as session, session.begin():
            if session.scalar(select(Document.row_id).where(Document.entity == ENTITY).limit(1)) is not None:
                return 0  # another worker starting at the same moment seeded it
            for table in seeded:
                _save(session, table, SEEDED_BY, now)
    except IntegrityError:
        return 0
    return len(seeded)
