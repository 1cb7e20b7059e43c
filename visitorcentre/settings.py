"""The desk's settings, each declared once with its default, stored in the desk database."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from visitorcentre.db.models import Setting


@dataclass(frozen=True)
class Option:
    key: str
    default: Any
    description: str


DESK_ESTABLISHMENT = Option("desk.establishment", "", "The establishment this desk serves (its code).")
DESK_NAME = Option("desk.name", "Front desk", "What staff call this desk.")
IS_DEMO = Option("database.demo", False, "Set when the database holds demo data, never real families.")
DEMO_SEED = Option("database.demo_seed", None, "The seed the demo data was made from.")
SEARCH_LIMIT = Option("search.limit", 20, "How many visitors a search shows.")
BOOKING_DAYS_AHEAD = Option("booking.days_ahead", 28, "How far ahead the booking dialog offers sessions.")

PASS_PRINTER_A6 = Option("printing.printer.a6", "", "The printer this desk uses for A6 pass cards (empty: ask).")
PASS_PRINTER_RECEIPT = Option("printing.printer.receipt", "",
                              "The receipt printer (80 mm roll) this desk uses for passes (empty: ask).")
A4_PRINTER = Option("printing.printer.a4", "", "The A4 printer this desk uses for day lists (empty: ask).")
#: The printer remembered for each paper layout.
PRINTERS = {"a6": PASS_PRINTER_A6, "receipt": PASS_PRINTER_RECEIPT, "a4": A4_PRINTER}

ALL = (DESK_ESTABLISHMENT, DESK_NAME, IS_DEMO, DEMO_SEED, SEARCH_LIMIT, BOOKING_DAYS_AHEAD, PASS_PRINTER_A6,
       PASS_PRINTER_RECEIPT, A4_PRINTER)


def get(session: Session, option: Option) -> Any:
    """The stored value, or the option's default."""
    row = session.get(Setting, option.key)
    return option.default if row is None else json.loads(row.value)


def put(session: Session, option: Option, value: Any) -> None:
    """Store a value (the caller commits)."""
    row = session.get(Setting, option.key)
    if row is None:
        session.add(Setting(key=option.key, value=json.dumps(value)))
    else:
        row.value = json.dumps(value)


SYNC_INTERVAL_MINUTES = Option("sync.interval_minutes", 5,
                               "How often, in minutes, the desk app syncs with the central server in the background.")
#: The shortest and longest background sync interval the desk app accepts (outside: the default).
SYNC_INTERVAL_RANGE = (1, 24 * 60)
ALL += (SYNC_INTERVAL_MINUTES,)


def sync_interval_minutes(session: Session) -> int:
    """The background sync interval in whole minutes (the default when the stored value is not a sensible one)."""
    value = get(session, SYNC_INTERVAL_MINUTES)
    low, high = SYNC_INTERVAL_RANGE
    if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
        return value
    return SYNC_INTERVAL_MINUTES.default
