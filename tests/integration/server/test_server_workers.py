"""``visitorcentre server --workers 4`` on PostgreSQL: desks enrol, push and pull through it at once and
converge, and the limits hold across the worker processes (they share only the database)."""

from __future__ import annotations

import sqlite3
import threading
from datetime import date, datetime

import httpx
import pytest

from tests.conftest import NOW
from tests.integration.sync_world import empty_desk_database
from visitorcentre.core.clock import FixedClock
from visitorcentre.core.staff import Actor
from visitorcentre.core.visitor_details import VisitorDetails
from visitorcentre.desk import open_desk
from visitorcentre.server import admin
from visitorcentre.sync.enrolment import enrol

pytestmark = pytest.mark.postgres
DESKS, ROUNDS, PER_ROUND = 4, 3, 3
ENROL_LIMIT = 10  # SignInLimits.enrol_per_address, per minute
HEADERS = {"X-Sync-Protocol": "1", "X-Sync-Schema": "1"}
FIRST, LETTERS = ("Ailsa", "Bridie", "Catriona", "Donella"), "abcdefgh"


def visitors(path) -> set[tuple[str, str]]:
    with sqlite3.connect(path) as connection:
        return set(connection.execute("SELECT id, last_name FROM visitor"))


def test_desks_converge_through_four_workers_and_the_enrolment_limit_holds_across_them(
    server_on_four_workers, tmp_path
):
    codes = [admin.enrolment_code(server_on_four_workers.engine, "BAR", datetime.utcnow())[0] for _ in range(DESKS)]
    paths = [empty_desk_database(tmp_path / f"desk{n}.sqlite3") for n in range(DESKS)]
    failures: list[BaseException] = []

    def desk_at_work(n: int) -> None:
        try:
            enrol(paths[n], server_on_four_workers.address, codes[n], f"desk{n}")
            desk = open_desk(paths[n], actor=Actor(f"Worker {n}", "manager"), clock=FixedClock(NOW))
            try:
                desk.sync.now()
                for round_ in range(ROUNDS):
                    for k in range(PER_ROUND):
                        family = f"Family-{LETTERS[n]}{LETTERS[round_]}{LETTERS[k]}"
                        desk.visits.register_visitor(VisitorDetails(FIRST[n], family, date(1980, 1 + n, 1 + k)), "pr-1")
                    desk.sync.now()
            finally:
                desk.close()
        except BaseException as error:  # noqa: BLE001 - reported on the test's thread
            failures.append(error)

    threads = [threading.Thread(target=desk_at_work, args=(n,)) for n in range(DESKS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not failures, failures
    for _ in range(2):  # a round for everyone to take the others' last changes
        for path in paths:
            desk = open_desk(path, actor=Actor("Closing", "manager"), clock=FixedClock(NOW))
            try:
                result = desk.sync.now()
                assert result.pending == 0 and result.issues == 0
            finally:
                desk.close()
    seen = [visitors(path) for path in paths]
    made = {(i, last) for i, last in seen[0] if last.startswith("Family-")}
    assert len(made) == DESKS * ROUNDS * PER_ROUND
    assert all(s == seen[0] for s in seen)

    # The enrolment limit is counted in the database: the desks' enrolments above used some of this
    # address's attempts, whichever worker took them; every new connection may land on another worker.
    answers = []
    for n in range(ENROL_LIMIT + 2):
        with httpx.Client(base_url=server_on_four_workers.address, timeout=30) as fresh:
            answers.append(
                fresh.post(
                    "/v1/enrol", json={"code": f"WRONG-{n:04d}"}, headers={**HEADERS, "X-Forwarded-For": f"192.0.2.{n}"}
                ).status_code
            )
    allowed = ENROL_LIMIT - DESKS
    assert answers == [403] * allowed + [429] * (len(answers) - allowed)
