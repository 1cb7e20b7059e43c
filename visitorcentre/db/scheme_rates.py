"""The scheme's rates as the desk holds them: the centre's tables received through sync, else the data file."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from visitorcentre.config.scheme_rates import current_rates
from visitorcentre.core.cost_of_visits.rate_tables import FIELDS, SchemeRates, rate_table
from visitorcentre.core.cost_of_visits.rates import RateTable
from visitorcentre.db import models as m


def received(session: Session) -> list[SchemeRates]:
    """Every rate table the centre has sent this desk, oldest first."""
    rows = session.scalars(select(m.SchemeRatesRow).order_by(m.SchemeRatesRow.effective_from))
    return [
        SchemeRates(row.nation, row.effective_from, {name: getattr(row, name) for name in FIELDS.values()})
        for row in rows
    ]


def rates_in_force(session: Session) -> RateTable:
    """The rates the desk quotes with: the centre's tables once any has arrived, the data file until then."""
    tables = received(session)
    return rate_table(tables) if tables else current_rates()
