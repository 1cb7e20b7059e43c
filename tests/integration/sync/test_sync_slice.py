"""The vertical slice on a real server on loopback, over SQLite and PostgreSQL: demo, enrol, work, sync."""

from __future__ import annotations

import json
import os
import sqlite3
import stat

import pytest

from tests.integration.servers import (
    ServerProcess,
    admin,
    cli,
    drop_server_db,
    enrolment_code,
    server_db_url,
    sync_json,
)

TABLES = ("visit", "visit_person", "check_in_event", "visitor", "relationship", "prisoner", "visit_session")


def rows(db, table):
    with sqlite3.connect(db) as connection:
        return connection.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()


@pytest.fixture(params=["sqlite"])  # (the crash tests run on SQLite and PostgreSQL)
def server(request, tmp_path):
    url = server_db_url(request.param, tmp_path)
    done = admin(url, "demo", "--visitors", "200", "--json")
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert set(summary) == {"establishments", "visitors", "visits", "sessions", "actions"}
    process = ServerProcess(url).start()
    yield process
    process.stop()
    drop_server_db(url)


def test_two_desks_enrol_work_and_converge(server, tmp_path):
    desk_a, desk_b = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    for desk in (desk_a, desk_b):
        done = cli("enrol", server.address, enrolment_code(server.url), "--db", str(desk))
        assert done.returncode == 0, done.stderr
        assert "BAR" in done.stdout
        credential = desk.with_name(desk.name + ".credential")
        assert stat.S_IMODE(os.stat(credential).st_mode) == 0o600
    assert rows(desk_a, "prisoner") and rows(desk_a, "prisoner") == rows(desk_b, "prisoner")
    # Only BAR's records came down, and every establishment (national reference data).
    with sqlite3.connect(desk_a) as connection:
        assert {r[0] for r in connection.execute("SELECT DISTINCT establishment FROM visit")} == {"BAR"}
        assert connection.execute("SELECT count(*) FROM establishment").fetchone()[0] == 5

    done = cli("demo", "--db", str(desk_a), "--activity", "25", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["actions"] > 0
    first = sync_json(desk_a)
    assert first["pushed"] > 0 and first["pending"] == 0 and first["issues"] == 0
    second = sync_json(desk_b)
    assert second["pulled"] > 0
    for table in TABLES:
        assert rows(desk_a, table) == rows(desk_b, table), table
    again = sync_json(desk_b)
    assert again == {"pushed": 0, "pulled": 0, "pending": 0, "issues": 0}

    devices = admin(server.url, "devices", "--json")
    listed = json.loads(devices.stdout)
    assert len(listed) == 2 and {d["establishment"] for d in listed} == {"BAR"}
    assert set(listed[0]) == {"device_id", "establishment", "enrolled_at", "last_seen", "revoked"}
