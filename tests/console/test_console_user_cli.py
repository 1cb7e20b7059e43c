"""``visitorcentre server-admin console-user add``: the first administrator, and mistakes as one line."""

from __future__ import annotations

import os
import subprocess
import sys

from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.console.harness import add_establishment
from visitorcentre.server import database
from visitorcentre.server.centre.models import CentreAudit
from visitorcentre.server.console.models import ConsoleUser


def add(url: str, *args: str, password: str = "a good long password\n") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "visitorcentre", "server-admin", "--database-url", url, "console-user", "add", *args],
        input=password,
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=120,
    )


def test_the_first_administrator_and_an_establishment_admin(console_url):
    done = add(console_url, "Ann Smith", "--role", "national_admin", "--password-stdin")
    assert done.returncode == 0, done.stderr
    assert "Added Ann Smith to the console as national administrator." in done.stdout
    assert "a good long password" not in done.stdout + done.stderr
    engine = database.make_engine(console_url)
    try:
        add_establishment(engine, "BAR")
        estab = add(console_url, "Eve", "--role", "establishment-admin", "--establishment", "bar", "--password-stdin")
        assert estab.returncode == 0, estab.stderr
        with Session(engine) as session:
            users = {u.name: u for u in session.scalars(select(ConsoleUser))}
            actors = session.scalars(select(CentreAudit.actor).where(CentreAudit.entity == "console_user")).all()
        assert users["Eve"].establishments == ["BAR"] and not users["Ann Smith"].totp_confirmed
        assert actors == ["server-admin", "server-admin"]
    finally:
        engine.dispose()


def test_mistakes_are_one_line_and_add_nobody(console_url):
    cases = [
        (("Bob", "--role", "establishment_admin", "--password-stdin"), "at least one establishment"),
        (("Bob", "--role", "analyst", "--establishment", "NOPE", "--password-stdin"), "no establishment with the code"),
        (("Bob", "--role", "analyst", "--password-stdin"), "at least 12 characters", "short\n"),
        (("Bob", "--role", "analyst", "--password-stdin"), "one line on standard input", ""),
        (("Bob", "--role", "analyst"), "--password-stdin", ""),
    ]
    for args, words, *password in cases:
        done = add(console_url, *args, password=password[0] if password else "a good long password\n")
        assert done.returncode == 2, (args, done.stderr)
        assert words in done.stderr and len(done.stderr.strip().splitlines()) == 1, done.stderr
    wrong_role = add(console_url, "Bob", "--role", "boss", "--password-stdin")
    assert wrong_role.returncode == 2 and "invalid choice" in wrong_role.stderr
    engine = database.make_engine(console_url)
    try:
        with Session(engine) as session:
            assert session.scalars(select(ConsoleUser)).all() == []
    finally:
        engine.dispose()
