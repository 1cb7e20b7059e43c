"""server-admin, enrol and sync on the command line, including the mistakes people make (one line, exit 2)."""

from __future__ import annotations

import json
import sqlite3

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.integration.servers import free_port
from visitorcentre import cli
from visitorcentre.server import database
from visitorcentre.server.models import Document

HEADER = "prison_number,first_name,last_name,date_of_birth,location,status,restrictions\n"


def run(capsys, *argv):
    status = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def one_line_mistake(status, err):
    assert status == 2, err
    assert err.count("\n") == 1 and "Traceback" not in err


@pytest.fixture
def server_url(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    status, out, err = run(capsys, "server-admin", "--database-url", url, "demo", "--visitors", "60", "--json")
    assert status == 0, err
    summary = json.loads(out)
    assert set(summary) == {"establishments", "visitors", "visits", "sessions", "actions"}
    assert summary["establishments"] == ["ADD", "BAR", "EDI", "GRE", "KIL"]
    return url


def prisoners(url, establishment):
    engine = database.make_engine(url)
    try:
        with Session(engine) as session:
            return {
                d.payload["prison_number"]: d.payload
                for d in session.scalars(
                    select(Document).where(Document.entity == "prisoner", Document.establishment == establishment)
                )
            }
    finally:
        engine.dispose()


def test_import_roster_is_all_or_nothing(server_url, tmp_path, capsys):
    before = prisoners(server_url, "GRE")
    bad = tmp_path / "bad.csv"
    bad.write_bytes(
        (
            HEADER + "S900001,Ann,Lee,1980-01-01,Hall 1,convicted,\n" + "S900002,Bob,,1980-01-01,Hall 1,convicted,\n"
        ).encode("latin-1")
    )
    status, out, err = run(
        capsys, "server-admin", "--database-url", server_url, "import-roster", bad, "--establishment", "GRE"
    )
    one_line_mistake(status, err)
    assert "line 3, column 3" in err and "nothing imported" in err
    assert prisoners(server_url, "GRE") == before

    good = tmp_path / "good.csv"
    good.write_bytes(
        b"\xef\xbb\xbf"
        + (
            HEADER + "S900001,Ann,Lee,1980-01-01,Hall 1,convicted,\n"
            "S900002,Bob,Ó Neill,02/03/1981,Hall 2,remand,no_child_contact\n"
        ).encode()
    )
    status, out, err = run(
        capsys, "server-admin", "--database-url", server_url, "import-roster", good, "--establishment", "gre"
    )
    assert status == 0, err
    assert "2 added" in out
    after = prisoners(server_url, "GRE")
    assert after["S900002"]["last_name"] == "Ó Neill" and after["S900002"]["no_child_contact"] is True
    status, out, _ = run(
        capsys, "server-admin", "--database-url", server_url, "import-roster", good, "--establishment", "GRE"
    )
    assert "0 added, 0 changed, 2 unchanged" in out


@pytest.mark.parametrize(
    "argv, words",
    [
        (["server-admin", "--database-url", "mysql://x/y", "devices"], "SQLite or PostgreSQL"),
        (["server-admin", "--database-url", "not a url", "devices"], "not a database URL"),
        (
            ["server-admin", "--database-url", "postgresql+psycopg://nobody@127.0.0.1:1/x", "devices"],
            "cannot be opened",
        ),
        (["server-admin", "--database-url", "{url}", "enrolment-code", "--establishment", "XYZ"], "no establishment"),
        (["server-admin", "--database-url", "{url}", "revoke", "no-such-device"], "no device"),
        (
            ["server-admin", "--database-url", "{url}", "import-roster", "{tmp}/none.csv", "--establishment", "BAR"],
            "no file",
        ),
        (
            ["server-admin", "--database-url", "{url}", "import-roster", "{tmp}/empty.csv", "--establishment", "BAR"],
            "empty",
        ),
        (
            ["server-admin", "--database-url", "{url}", "import-roster", "{tmp}/ok.csv", "--establishment", "NOPE"],
            "no establishment",
        ),
        (["server-admin", "--database-url", "{url}", "demo"], "already holds"),
        (["server-admin", "--database-url", "{url}"], "required"),
        (["server-admin", "--database-url", "{url}", "fly"], "invalid choice"),
        (["server", "--port", "many"], "not a whole number"),
    ],
)
def test_admin_mistakes_are_one_line(server_url, tmp_path, capsys, argv, words):
    (tmp_path / "empty.csv").write_bytes(b"")
    (tmp_path / "ok.csv").write_text(HEADER + "S1,Jo,Lee,1980-01-01,,convicted,\n")
    argv = [a.format(url=server_url, tmp=tmp_path) for a in argv]
    status, out, err = run(capsys, *argv)
    one_line_mistake(status, err)
    assert words in err


def test_enrol_and_sync_mistakes_are_one_line(server_url, tmp_path, capsys):
    port = free_port()  # nothing listens there
    db = tmp_path / "desk.sqlite3"
    status, _, err = run(capsys, "enrol", f"http://127.0.0.1:{port}", "ABCD-EFGH", "--db", db)
    one_line_mistake(status, err)
    assert "cannot be reached" in err
    status, _, err = run(capsys, "enrol", "ftp://example", "ABCD", "--db", db)
    one_line_mistake(status, err)
    status, _, err = run(capsys, "sync", "--db", tmp_path / "missing.sqlite3")
    one_line_mistake(status, err)
    assert "no database" in err
    status, _, err = run(capsys, "demo", "--db", db, "--visitors", "10", "--days", "1")
    assert status == 0
    status, _, err = run(capsys, "sync", "--db", db)
    one_line_mistake(status, err)
    assert "not enrolled" in err
    status, _, err = run(capsys, "enrol", f"http://127.0.0.1:{port}", "ABCD-EFGH", "--db", db)
    one_line_mistake(status, err)
    assert "already holds records" in err


def test_the_server_database_is_private(server_url):
    import os
    import stat

    path = server_url.removeprefix("sqlite:///")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_devices_and_enrolment_codes(server_url, capsys):
    status, out, err = run(
        capsys, "server-admin", "--database-url", server_url, "enrolment-code", "--establishment", "bar"
    )
    assert status == 0 and len(out.strip()) == 14 and "BAR" in err
    status, out, _ = run(capsys, "server-admin", "--database-url", server_url, "devices", "--json")
    assert status == 0 and json.loads(out) == []
    status, out, _ = run(capsys, "server-admin", "--database-url", server_url, "devices")
    assert "No devices" in out


def test_enrolled_desk_demo_activity_works_on_pulled_data(tmp_path, capsys, server_url):
    from datetime import datetime

    from visitorcentre.desk import open_desk
    from visitorcentre.server import admin
    from visitorcentre.server.app import create_app
    from visitorcentre.sync.enrolment import enrol
    from visitorcentre.sync.in_process import server_transport

    app = create_app(server_url)
    code, _ = admin.enrolment_code(app.state.engine, "BAR", datetime.utcnow())
    db = tmp_path / "desk.sqlite3"
    transport = server_transport(app)
    enrol(db, "http://server", code, transport=transport)
    desk = open_desk(db)
    desk.sync.transport = transport
    desk.sync.now()
    desk.close()
    status, out, err = run(capsys, "demo", "--db", db, "--activity", "5", "--json")
    assert status == 0, err
    summary = json.loads(out)
    assert summary["actions"] > 0 and summary["visitors"] > 0, summary
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT count(*) FROM outbox_op").fetchone()[0] > 0
    app.state.engine.dispose()
