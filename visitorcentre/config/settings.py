"""The desk's settings, each declared once with its default, stored in the desk database."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from visitorcentre.db.models import Setting

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class Option:
    key: str
    default: Any
    description: str


DESK_ESTABLISHMENT = Option("desk.establishment", "", "The establishment this desk serves (its code).")
DESK_NAME = Option("desk.name", "Front desk", "What staff call this desk.")
#: Set on a desk set up on its own: its establishment came from resources/establishments.json.
SET_UP_ON_ITS_OWN = Option(
    "desk.set_up_on_its_own", False, "This desk was set up without the central server (it may be enrolled later)."
)
IS_DEMO = Option("database.demo", False, "Set when the database holds demo data, never real families.")
DEMO_SEED = Option("database.demo_seed", None, "The seed the demo data was made from.")
SEARCH_LIMIT = Option("search.limit", 20, "How many visitors a search shows.")
BOOKING_DAYS_AHEAD = Option("booking.days_ahead", 28, "How far ahead the booking dialog offers sessions.")

PASS_PRINTER_A6 = Option("printing.printer.a6", "", "The printer this desk uses for A6 pass cards (empty: ask).")
PASS_PRINTER_RECEIPT = Option(
    "printing.printer.receipt", "", "The receipt printer (80 mm roll) this desk uses for passes (empty: ask)."
)
A4_PRINTER = Option(
    "printing.printer.a4",
    "",
    "The A4 printer this desk uses for day lists, leaflets, summaries and reports (empty: ask).",
)
#: The printer remembered for each paper layout.
PRINTERS = {"a6": PASS_PRINTER_A6, "receipt": PASS_PRINTER_RECEIPT, "a4": A4_PRINTER}

ALL: tuple[Option, ...] = (
    DESK_ESTABLISHMENT,
    DESK_NAME,
    IS_DEMO,
    DEMO_SEED,
    SEARCH_LIMIT,
    BOOKING_DAYS_AHEAD,
    PASS_PRINTER_A6,
    PASS_PRINTER_RECEIPT,
    A4_PRINTER,
)

#: The text sizes a desk offers, in per cent (125 and 150: large print).
TEXT_SIZES = (100, 125, 150)
TEXT_SIZE = Option(
    "desk.text_size", 100, "How large the text is on this desk's screens, in per cent: 100, 125 or 150 (large print)."
)
ALL = ALL + (TEXT_SIZE,)

DESK_LANGUAGE = Option(
    "desk.language",
    "",
    "The language of this desk's own screens: en, pl or gd (empty: English, or the one given with --language).",
)
ALL = ALL + (DESK_LANGUAGE,)

IDLE_LOCK_SECONDS = Option(
    "desk.idle_lock_seconds", 300, "How long the desk app waits with no key or mouse activity before it locks itself."
)
ALL = ALL + (IDLE_LOCK_SECONDS,)


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


# --- keeping personal data, and backups (see core.retention and db.backups) -----------------------

RETENTION_VISITOR_MONTHS = Option(
    "retention.visitor_months", 24, "Months a visitor's details are kept after their last visit (or registration)."
)
RETENTION_PHOTO_ID_MONTHS = Option(
    "retention.photo_id_months",
    6,
    "Months photo consent and the ID seen are kept after the last visit "
    "(Prison Rules (Scotland) 2011 rule 105: at most 6 months).",
)
RETENTION_APPLICATION_MONTHS = Option(
    "retention.application_months",
    13,
    "Months a cost-of-visits application and its receipts are kept after the visit "
    "(the scheme counts claims in any 12 months; claims come up to 28 days late).",
)
RETENTION_FEEDBACK_MONTHS = Option(
    "retention.feedback_months", 12, "Months feedback comments and names are kept (the ratings are kept for reports)."
)
BACKUPS_KEPT = Option("backup.daily_kept", 7, "How many daily backups of the database are kept.")
RETENTION = (
    RETENTION_VISITOR_MONTHS,
    RETENTION_PHOTO_ID_MONTHS,
    RETENTION_APPLICATION_MONTHS,
    RETENTION_FEEDBACK_MONTHS,
)
ALL = ALL + RETENTION + (BACKUPS_KEPT,)


def retention_policy(session: Session):
    """How long this desk keeps each kind of personal data (core.retention.RetentionPolicy)."""
    from visitorcentre.core.errors import InvalidInput
    from visitorcentre.core.retention import RetentionPolicy
    from visitorcentre.core.words import said

    try:
        return RetentionPolicy(*(get(session, option) for option in RETENTION))
    except ValueError as error:
        raise InvalidInput(
            said("A retention setting is wrong: {error}. Ask an admin to correct it.", error=error), "settings"
        ) from None


SYNC_INTERVAL_MINUTES = Option(
    "sync.interval_minutes", 5, "How often, in minutes, the desk app syncs with the central server in the background."
)
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
