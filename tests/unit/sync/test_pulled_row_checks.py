"""What a desk accepts from the central server, row by row (sync.row_checks), and which errors mean damage."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

import pytest
from sqlalchemy.exc import IntegrityError

from visitorcentre.db.backups import unreadable_database_message
from visitorcentre.sync import pulled
from visitorcentre.sync.row_checks import Unstorable, establishment_problem, safe_words

STAMP = "2026-12-01T09:00:00"


def visitor(**fields):
    row = {
        "id": "v-1",
        "establishment": "BAR",
        "created_at": STAMP,
        "updated_at": STAMP,
        "version": 1,
        "first_name": "Ailsa",
        "last_name": "Brodie",
        "date_of_birth": "1990-02-28",
        "phone": "",
        "email": "",
        "address": "",
        "postcode": "",
        "language": "en",
        "support_needs": "",
        "id_checked": "",
        "photo_consent": False,
        "notes": "",
        "search_terms": "ailsa brodie",
    }
    row.update(fields)
    return row


def typed(payload, row_id="v-1"):
    return pulled.checks_for("visitor").typed(row_id, payload)


def test_a_good_row_becomes_the_desks_values():
    values = typed(visitor())
    assert values["date_of_birth"] == date(1990, 2, 28)
    assert values["created_at"] == datetime(2026, 12, 1, 9, 0)
    assert values["photo_consent"] is False and values["version"] == 1


@pytest.mark.parametrize(
    "fields, named",
    [
        ({"date_of_birth": "31/02/1990"}, "date_of_birth"),
        ({"date_of_birth": "1990-02-30"}, "date_of_birth"),
        ({"created_at": 12}, "created_at"),
        ({"version": "1"}, "version"),
        ({"version": True}, "version"),
        ({"version": 2**70}, "version"),
        ({"first_name": "A" * 81}, "first_name"),
        ({"first_name": 7}, "first_name"),
        ({"first_name": "Ail\x00sa"}, "first_name"),
        ({"first_name": "Ail\ud800sa"}, "first_name"),
        ({"photo_consent": "yes"}, "photo_consent"),
        ({"last_name": None}, "last_name"),
        ({"nickname": "Ally"}, "nickname"),
    ],
)
def test_a_value_the_desk_cannot_hold_is_refused_naming_the_detail(fields, named):
    with pytest.raises(Unstorable) as refused:
        typed(visitor(**fields))
    assert named in str(refused.value)
    assert "Ailsa" not in str(refused.value) and "Ally" not in str(refused.value)  # no values: it goes to the log


def test_a_row_that_names_another_record_is_refused():
    with pytest.raises(Unstorable, match="does not name its own record"):
        typed(visitor(), row_id="v-2")


def test_an_unknown_kind_has_no_checks():
    assert pulled.checks_for("future_kind") is None and pulled.checks_for("outbox_op") is None


def test_another_establishments_row_is_refused_unless_national_or_shared():
    assert "GRE" in establishment_problem("pass_key", {"establishment": "GRE"}, "BAR")
    assert establishment_problem("pass_key", {"establishment": "BAR"}, "BAR") is None
    assert establishment_problem("establishment", {"establishment": "GRE", "code": "GRE"}, "BAR") is None
    assert establishment_problem("support_service", {"establishment": "GRE", "national": True}, "BAR") is None
    assert establishment_problem("visitor", {"establishment": "GRE"}, "BAR") is None  # shared (policy.SHAREABLE)
    assert "none" in establishment_problem("visit", {}, "BAR")


def test_a_ban_at_every_establishment_is_taken_whichever_establishment_entered_it():
    assert establishment_problem("ban", {"establishment": "GRE", "scope": "all"}, "BAR") is None
    assert "GRE" in establishment_problem("ban", {"establishment": "GRE", "scope": "establishment"}, "BAR")
    assert "GRE" in establishment_problem("restriction", {"establishment": "GRE"}, "BAR")


def test_safe_words_never_hold_what_the_database_cannot():
    assert safe_words("a\ud800b\x00c" + "d" * 50, 6) == "a?b?cd"


def test_a_refused_row_is_not_called_a_damaged_database():
    clash = IntegrityError("INSERT", {}, sqlite3.IntegrityError("UNIQUE constraint failed: visit.reference"))
    assert unreadable_database_message(clash) is None
    assert unreadable_database_message(sqlite3.OperationalError("database is locked")) is None
    assert "may be damaged" in unreadable_database_message(sqlite3.DatabaseError("file is not a database"))
