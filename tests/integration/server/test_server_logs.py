"""Nothing personal or secret in the server's logs: a seeded family's names, pushed in changes the server
refuses or chokes on, appear in no log record (in-process at DEBUG, and a real server's stderr and
log file), and the real server's log file is private (0600 in a 0700 folder)."""

from __future__ import annotations

import logging
import os
import stat
from datetime import date, datetime

import httpx
import pytest
from sqlalchemy import text
from starlette.testclient import TestClient

from tests.conftest import NOW, build_world
from tests.integration.servers import ServerProcess, drop_server_db, server_db_url
from tests.integration.sync_world import empty_desk_database, make_sync_world
from visitorcentre.core.clock import FixedClock
from visitorcentre.core.staff import Actor
from visitorcentre.core.visitor_details import VisitorDetails
from visitorcentre.desk import open_desk
from visitorcentre.server import admin, database
from visitorcentre.sync import credential
from visitorcentre.sync.enrolment import enrol

FIRST, LAST, PHONE = "Xanthippe", "Quillfeather", "07700 931 458"
SECRETS = (FIRST, LAST, PHONE, "1971-08-29", "Quillfeather".lower())
HEADERS = {"X-Sync-Protocol": "1", "X-Sync-Schema": "1"}


def family_payload(row_id: str, establishment: str, **extra) -> dict:
    return {
        "id": row_id,
        "establishment": establishment,
        "created_at": NOW.isoformat(),
        "updated_at": NOW.isoformat(),
        "version": 1,
        "first_name": FIRST,
        "last_name": LAST,
        "date_of_birth": "1971-08-29",
        "phone": PHONE,
        "email": "",
        "address": "",
        "postcode": "",
        "language": "en",
        "support_needs": "",
        "id_checked": "",
        "photo_consent": False,
        "notes": "",
        "search_terms": f"{FIRST.lower()} {LAST.lower()}",
        **extra,
    }


def op(row_id: str, payload: dict, entity: str = "visitor") -> dict:
    return {
        "op_id": f"op-{row_id}",
        "seq": 1,
        "entity": entity,
        "row_id": row_id,
        "operation": "insert",
        "schema_version": 1,
        "payload": payload,
    }


def hostile_pushes() -> list[dict]:
    """Changes carrying the family's details that the server refuses, or might fail on."""
    return [
        {"ops": [op("fam-gre", family_payload("fam-gre", "GRE"))]},  # another establishment
        {"ops": [op("fam-nat", family_payload("fam-nat", ""))]},  # national scope
        {"ops": [op("pr-1", {**family_payload("pr-1", "BAR")}, "prisoner")]},  # the centre's roster
        {"ops": [op("fam-big", family_payload("fam-big", "BAR", version=2**64))]},  # a number out of range
        {"ops": [op("fam-nul", family_payload("fam-nul", "BAR", notes=f"{LAST}\u0000"))]},
        {"ops": [{**op("fam-bad", family_payload("fam-bad", "BAR")), "seq": f"{FIRST} {LAST}"}]},
    ]  # 422


def leaks(text_seen: str) -> list[str]:
    return [word for word in SECRETS if word in text_seen]


def test_no_log_record_names_the_family_in_process(tmp_path, caplog, monkeypatch):
    caplog.set_level(logging.DEBUG)
    world = make_sync_world(tmp_path)
    try:
        desk = world.enrol("a")
        token = credential.load(desk.ctx.db_path).token
        desk.visits.register_visitor(VisitorDetails(FIRST, LAST, date(1971, 8, 29), phone=PHONE), "pr-1")
        desk.sync.now()  # a full sync of the family
        client = TestClient(world.app, raise_server_exceptions=False)
        signed = {**HEADERS, "Authorization": f"Bearer {token}"}
        for body in hostile_pushes():
            client.post("/v1/establishments/BAR/push", json=body, headers=signed)  # (what is refused: test_push_*)

        def choking(session, device, ops, now):  # a fault whose SQL parameters and message carry the names
            session.execute(
                text("INSERT INTO counter (name, value) VALUES ('seq', :value)"), {"value": f"{FIRST} {LAST}"}
            )
            raise AssertionError("not reached")

        monkeypatch.setattr("visitorcentre.server.app.apply_ops", choking)
        answer = client.post("/v1/establishments/BAR/push", json=hostile_pushes()[0], headers=signed)
        assert answer.status_code == 500 and not leaks(answer.text)

        def careless(session, device, ops, now):  # a bug that puts a payload in its message
            raise ValueError(f"could not read {ops[0].payload}")

        monkeypatch.setattr("visitorcentre.server.app.apply_ops", careless)
        assert client.post("/v1/establishments/BAR/push", json=hostile_pushes()[0], headers=signed).status_code == 500
    finally:
        world.close()
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    seen = "\n".join(formatter.format(record) for record in caplog.records)
    assert "Server fault" in seen and "IntegrityError" in seen and "ValueError" in seen  # the faults were logged
    assert leaks(seen) == [] and token.split(".", 1)[1] not in seen


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_a_real_server_logs_nothing_of_the_family(kind, tmp_path):
    url = server_db_url(kind, tmp_path)
    engine = database.make_engine(url)
    database.migrate(engine)
    seed = build_world(tmp_path / "seed.sqlite3")
    seed.desk.close()
    admin.load_desk_database(engine, tmp_path / "seed.sqlite3", datetime.utcnow())
    data = tmp_path / "server-data"
    server = ServerProcess(
        url, None, "--workers", "2", env={"VISITORCENTRE_DATA_DIR": str(data), "VISITORCENTRE_LOG_DIR": ""}
    ).start()
    try:
        path = tmp_path / "a.sqlite3"
        code, _ = admin.enrolment_code(engine, "BAR", datetime.utcnow())
        enrol(empty_desk_database(path), server.address, code, "a")
        desk = open_desk(path, actor=Actor("Worker A", "manager"), clock=FixedClock(NOW))
        try:
            desk.sync.now()
            desk.visits.register_visitor(VisitorDetails(FIRST, LAST, date(1971, 8, 29), phone=PHONE), "pr-1")
            assert desk.sync.now().pending == 0
            signed = {**HEADERS, "Authorization": f"Bearer {credential.load(path).token}"}
            for body in hostile_pushes():
                answer = httpx.post(
                    f"{server.address}/v1/establishments/BAR/push", json=body, headers=signed, timeout=30
                )
                assert answer.status_code < 500 or not leaks(answer.text)
        finally:
            desk.close()
    finally:
        server.process.terminate()  # uvicorn stops its workers and returns
        stderr = server.process.communicate(timeout=60)[1].decode(errors="replace")
        server.stop()
        engine.dispose()
        drop_server_db(url)
    log_folder = data / "logs"
    written = "".join(p.read_text(errors="replace") for p in log_folder.glob("visitorcentre.log*"))
    assert "Central server on" in written  # the log was written to, and read here
    assert leaks(stderr) == [] and leaks(written) == [], (stderr[-2000:], written[-2000:])
    assert stat.S_IMODE(os.stat(log_folder).st_mode) == 0o700
    assert {stat.S_IMODE(os.stat(p).st_mode) for p in log_folder.glob("visitorcentre.log*")} == {0o600}
