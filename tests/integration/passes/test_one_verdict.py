"""`visitorcentre verify` and the hall door give the same answer for every kind of pass (one function decides).

Each case sets up a pass on the known world, asks the command line first (it changes nothing),
then the hall door, and compares valid, reason, message and reference; the command line's exit
status follows the verdict.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import update

from tests.unit.ledger import visit_id
from visitorcentre import cli
from visitorcentre.core import passes as tokens
from visitorcentre.db import models as m
from visitorcentre.services.passes import visit_passes as passes


def token_of(world, vid: str) -> str:
    with world.desk.ctx.engine.connect() as connection:
        return connection.exec_driver_sql(
            "SELECT token FROM visit_pass WHERE visit_id = ? AND NOT voided", (vid,)
        ).scalar()


def booked(world, *who) -> str:
    return visit_id(world, world.desk.visits.book_visit(world.session_today, world.prisoner, list(who or [world.mum])))


def printed_ahead(world, *who) -> tuple[str, str]:
    vid = booked(world, *who)
    passes.issue_pass(world.desk.ctx.unit_of_work(), vid, ahead=True)
    return vid, token_of(world, vid)


def checked_in(world) -> tuple[str, str]:
    vid = booked(world, world.mum, world.child)
    world.desk.visits.check_in(vid)
    world.desk.passes.issue_pass(vid)
    return vid, token_of(world, vid)


# --- the cases: each returns the scanned text -------------------------------------------------------


def case_checked_in(world):
    return checked_in(world)[1]


def case_in_the_hall_already(world):
    _, token = checked_in(world)
    assert world.desk.passes.door_scan(token).reason == tokens.OK
    return token


def case_checked_out(world):
    vid, token = checked_in(world)
    world.desk.visits.check_out(vid)
    return token


def case_not_yet_checked_in(world):
    return printed_ahead(world)[1]


def case_cancelled(world):
    vid, token = printed_ahead(world)
    world.desk.visits.cancel(vid, "the family rang")
    return token


def case_refused(world):
    vid, token = printed_ahead(world)
    world.desk.visits.refuse(vid, world.mum, "no identification")
    return token


def case_no_show(world):
    vid, token = printed_ahead(world)
    world.clock.moment = world.clock.moment.replace(hour=14, minute=30)  # after the 13:45 cut-off
    world.desk.visits.no_show(vid)
    return token


def case_voided(world):
    vid, token = checked_in(world)
    world.desk.passes.void_pass(vid, "lost in the car park")
    return token


def case_superseded_by_a_new_pass(world):
    vid, old = checked_in(world)
    world.desk.passes.void_pass(vid, "torn")
    world.desk.passes.issue_pass(vid)
    assert token_of(world, vid) != old
    return old


def case_the_pass_that_superseded_it(world):
    vid, _ = checked_in(world)
    world.desk.passes.void_pass(vid, "torn")
    world.desk.passes.issue_pass(vid)
    return token_of(world, vid)


def case_a_reprinted_copy(world):
    vid, token = checked_in(world)
    world.desk.passes.issue_pass(vid, reprint_reason="printer jammed")
    assert token_of(world, vid) == token  # a copy is the same pass
    return token


def case_expired(world):
    token = checked_in(world)[1]
    world.clock.moment += timedelta(days=1)
    return token


def case_for_a_later_day(world):
    token = checked_in(world)[1]
    world.clock.moment -= timedelta(days=1)
    return token


def case_another_establishment(world):
    """A genuine Greenock pass (signed with Greenock's key, which this desk holds) at Barlinnie."""
    with world.desk.ctx.unit_of_work() as uow:
        key = passes.signing_key(uow, "GRE")
        claims = tokens.PassClaims(
            establishment="GRE",
            reference="7K3M9Q",
            session_date=world.clock.today(),
            session_start=world.clock.now().time().replace(hour=14, minute=0),
            party_size=1,
            serial=42,
            issued_at=world.clock.utcnow(),
            key_id=key.key_id,
        )
        private = bytes.fromhex(key.private_key)
        uow.commit()
    return tokens.issue(claims, private)


def case_tampered(world):
    token = checked_in(world)[1]
    position = 30
    return token[:position] + ("A" if token[position] != "A" else "B") + token[position + 1 :]


def case_signed_by_a_replaced_key(world):
    vid, token = checked_in(world)
    with world.desk.ctx.write_sessions() as session:  # as if the key had been retired yesterday
        session.execute(update(m.PassKey).values(retired_on=world.clock.today() - timedelta(days=1), active=False))
        session.commit()
    return token


def case_still_good_on_the_day_its_key_was_replaced(world):
    vid, token = checked_in(world)
    with world.desk.ctx.write_sessions() as session:
        session.execute(update(m.PassKey).values(retired_on=world.clock.today(), active=False))
        session.commit()
    return token


def case_not_a_pass(world):
    return "https://www.gov.scot/"


CASES: list[tuple[Callable, bool, str]] = [
    (case_checked_in, True, "ok"),
    (case_in_the_hall_already, True, "already_in_hall"),
    (case_checked_out, False, "visit_over"),
    (case_not_yet_checked_in, False, "not_checked_in"),
    (case_cancelled, False, "visit_cancelled"),
    (case_refused, False, "visit_cancelled"),
    (case_no_show, False, "visit_cancelled"),
    (case_voided, False, "voided"),
    (case_superseded_by_a_new_pass, False, "voided"),
    (case_the_pass_that_superseded_it, True, "ok"),
    (case_a_reprinted_copy, True, "ok"),
    (case_expired, False, "expired"),
    (case_for_a_later_day, False, "not_yet"),
    (case_another_establishment, False, "other_establishment"),
    (case_tampered, False, "altered"),
    (case_signed_by_a_replaced_key, False, "key_replaced"),
    (case_still_good_on_the_day_its_key_was_replaced, True, "ok"),
    (case_not_a_pass, False, "not_ours"),
]


@pytest.mark.parametrize("make, valid, reason", CASES, ids=[c[0].__name__.removeprefix("case_") for c in CASES])
def test_the_command_line_and_the_hall_door_agree(world, capsys, monkeypatch, make, valid, reason):
    text = make(world)
    import visitorcentre.core.clock as clock

    monkeypatch.setattr(clock.Clock, "now", lambda self: world.clock.moment)  # the command line's "today"
    status = cli.main(["verify", text, "--db", str(world.desk.ctx.db_path), "--json"])
    said = json.loads(capsys.readouterr().out)
    door = world.desk.passes.door_scan(text)
    assert (said["valid"], said["reason"]) == (valid, reason), said
    assert (door.valid, door.reason, door.message, door.reference) == (
        said["valid"],
        said["reason"],
        said["message"],
        said["reference"],
    )
    assert status == (0 if valid else 1)
    assert door.message and "Traceback" not in door.message


def test_every_reason_is_covered():
    reasons = {reason for _, _, reason in CASES}
    assert reasons >= {
        tokens.OK,
        tokens.EXPIRED,
        tokens.NOT_YET,
        tokens.VOIDED,
        tokens.OTHER_ESTABLISHMENT,
        tokens.ALTERED,
        tokens.NOT_OURS,
        tokens.KEY_REPLACED,
        "not_checked_in",
        "visit_cancelled",
        "already_in_hall",
        "visit_over",
    }
