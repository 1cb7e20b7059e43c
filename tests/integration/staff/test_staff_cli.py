"""The staff and audit verbs as an admin uses them (PINs on stdin), and the chain across the migration."""

from __future__ import annotations

import io
import json
import sqlite3
import subprocess
import sys

import pytest
from alembic import command

from visitorcentre import cli
from visitorcentre.db import engine as db_engine
from visitorcentre.desk import open_desk


def visitorcentre(*argv, stdin: str = "", env_db=None) -> subprocess.CompletedProcess:
    """The real command, in its own process (stdin is a pipe, not a terminal)."""
    return subprocess.run(
        [sys.executable, "-m", "visitorcentre", *[str(a) for a in argv]],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "desk.sqlite3"
    db_engine.migrate(path)
    return path


def test_add_list_disable_with_the_pin_on_stdin_twice(db):
    done = visitorcentre("staff", "add", "Ann Admin", "--role", "admin", "--db", db, stdin="4321\n4321\n")
    assert (done.returncode, done.stderr) == (0, "")
    assert "Added Ann Admin as admin" in done.stdout
    assert visitorcentre("staff", "add", "Dee Desk", "--role", "desk", "--db", db, stdin="1111\n1111\n").returncode == 0
    listed = visitorcentre("staff", "list", "--db", db, "--json")
    people = json.loads(listed.stdout)
    assert [(p["name"], p["role"], p["disabled"]) for p in people] == [
        ("Ann Admin", "admin", False),
        ("Dee Desk", "desk", False),
    ]
    assert set(people[0]) == {"name", "role", "disabled", "locked_until", "last_signed_in_at", "created_at"}
    assert "argon2" not in listed.stdout and "4321" not in listed.stdout
    done = visitorcentre("staff", "disable", "dee desk", "--db", db)
    assert done.returncode == 0 and "can no longer sign in" in done.stdout
    assert json.loads(visitorcentre("staff", "list", "--db", db, "--json").stdout)[1]["disabled"] is True
    text = visitorcentre("staff", "list", "--db", db)
    assert "Dee Desk" in text.stdout and "disabled" in text.stdout
    desk = open_desk(db)
    try:
        assert desk.staff.sign_in("Ann Admin", "4321").role == "admin"
        audit = [e.action for e in desk.staff.audit_entries().entries]
    finally:
        desk.close()
    assert audit == ["signed_in", "staff_disabled", "staff_added", "staff_added"]


def in_process(capsys, monkeypatch, *argv, stdin: str = ""):
    """The command line in this process, with ``stdin`` as its standard input."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    status = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize(
    "stdin, message",
    [
        ("1234\n1243\n", "The two PINs are not the same"),
        ("12\n12\n", "at least 4 characters"),
        ("", "Give the PIN twice on standard input"),
        ("1234\n", "The two PINs are not the same"),
    ],
)
def test_pin_mistakes_are_one_line_and_exit_2(db, capsys, monkeypatch, stdin, message):
    status, _out, err = in_process(
        capsys, monkeypatch, "staff", "add", "Kim Bell", "--role", "desk", "--db", db, stdin=stdin
    )
    assert status == 2
    assert message in err and len(err.strip().splitlines()) == 1
    assert in_process(capsys, monkeypatch, "staff", "list", "--db", db, "--json")[1].strip() == "[]"


def test_name_taken_and_other_mistakes(db, capsys, monkeypatch):
    assert (
        in_process(capsys, monkeypatch, "staff", "add", "Kim Bell", "--role", "desk", "--db", db, stdin="1234\n1234\n")[
            0
        ]
        == 0
    )
    for argv, stdin, message in (
        (
            ["staff", "add", "kim  bell", "--role", "manager"],
            "5678\n5678\n",
            "already a staff member called “Kim Bell”",
        ),
        (["staff", "add", "Lee", "--role", "boss"], "5678\n5678\n", "invalid choice"),
        (["staff", "disable", "Nobody"], "", "no staff member called “Nobody”"),
        (["staff", "disable", "Kim Bell", "--db", db.parent / "missing.sqlite3"], "", "no database at"),
        (["staff"], "", "required"),
        (["audit"], "", "required"),
    ):
        if "--db" not in argv and len(argv) > 1:
            argv = argv + ["--db", db]
        status, _out, err = in_process(capsys, monkeypatch, *argv, stdin=stdin)
        assert status == 2, (argv, err)
        assert message in err and "Traceback" not in err
        assert len(err.strip().splitlines()) == 1


def test_the_pin_is_never_an_argument(db, capsys):
    assert cli.main(["staff", "add", "Kim", "--role", "desk", "--db", str(db), "--pin", "1234"]) == 2
    assert "unrecognized arguments: --pin 1234" in capsys.readouterr().err


def test_audit_verify_intact_then_edited_then_deleted(tmp_path, capsys):
    db = tmp_path / "demo.sqlite3"
    assert cli.main(["demo", "--db", str(db), "--visitors", "60", "--days", "3", "--activity", "15"]) == 0
    capsys.readouterr()
    assert cli.main(["audit", "verify", "--db", str(db)]) == 0
    assert "intact" in capsys.readouterr().out
    assert cli.main(["audit", "verify", "--db", str(db), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is True and report["entries"] >= 15 and report["broken_seq"] is None
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE audit_event SET actor = 'Nobody' WHERE seq = 4")
    assert cli.main(["audit", "verify", "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "entry 4" in err and "changed after it was written" in err
    with sqlite3.connect(db) as connection:
        connection.execute("DELETE FROM audit_event WHERE seq IN (4, 5)")
    assert cli.main(["audit", "verify", "--db", str(db), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False and report["broken_seq"] == 6 and "entries (4 to 5)" in report["problem"]


def test_the_migration_chains_the_entries_made_before_it(tmp_path):
    path = tmp_path / "old.sqlite3"
    command.upgrade(db_engine.alembic_config(db_engine.sqlite_url(path)), "0005")
    with sqlite3.connect(path) as connection:
        for n in (3, 1, 2):  # written out of time order: chained by time
            connection.execute(
                "INSERT INTO audit_event (id, establishment, at, actor, action, entity, entity_id, summary, detail) "
                "VALUES (?, 'BAR', ?, 'Old Hand', 'book_visit', 'visit', ?, ?, ?)",
                (f"old-{n}", f"2026-11-0{n} 10:00:00.000000", f"v-{n}", f"Booked {n}", json.dumps({"n": n})),
            )
    desk = open_desk(path)  # migrates to the head (backing the file up first)
    try:
        assert desk.ctx.backup_before_migration is not None
        report = desk.staff.verify_audit()
        assert report.ok and report.entries == 3
        with desk.ctx.engine.connect() as connection:
            order = [r[0] for r in connection.exec_driver_sql("SELECT id FROM audit_event ORDER BY seq").all()]
        assert order == ["old-1", "old-2", "old-3"]
        desk.staff.add_first_admin("Ann Admin", "4321", "4321")
        assert desk.staff.verify_audit().ok and desk.staff.verify_audit().entries == 4
    finally:
        desk.close()
    command.downgrade(db_engine.alembic_config(db_engine.sqlite_url(path)), "0005")
    command.upgrade(db_engine.alembic_config(db_engine.sqlite_url(path)), "head")
