"""``server-admin console-user add NAME --role ROLE [--establishment CODE ...]``: a person who signs in to the
central console (the first national administrator is made this way).

The password is asked for twice without echo at a terminal, or read as one line of stdin with
``--password-stdin``. The second factor is not set up here: the console shows the person a QR code
for their authenticator app at their first sign-in.
"""

from __future__ import annotations

import getpass
import sys
from datetime import datetime

from sqlalchemy import Engine

from visitorcentre.core.errors import InvalidInput
from visitorcentre.server.admin import writing
from visitorcentre.server.console import accounts

ACTOR = "server-admin"


def read_password(name: str, from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        if not line.strip():
            raise InvalidInput("Give the password as one line on standard input.", "password")
        return line.rstrip("\r\n")
    if not sys.stdin.isatty():
        raise InvalidInput("Give the password with --password-stdin when there is no terminal to ask at.", "password")
    first = getpass.getpass(f"Password for {name} (at least {accounts.MIN_PASSWORD} characters): ")
    if getpass.getpass("The same password again: ") != first:
        raise InvalidInput("The two passwords are not the same.", "password")
    return first


def run_console_user(args, engine: Engine, now: datetime) -> int:
    password = read_password(args.name, args.password_stdin)
    with writing(engine) as session:
        user = accounts.add(
            session,
            actor=ACTOR,
            name=args.name,
            role=args.role,
            establishments=args.establishments,
            password=password,
            now=now,
        )
        name, role, codes = user.name, accounts.ROLES[user.role], list(user.establishments)
    where = f" for {', '.join(codes)}" if codes else ""
    print(f"Added {name} to the console as {role.lower()}{where}.")
    print("At their first sign-in at /console they set up an authenticator app with a QR code.", file=sys.stderr)
    return 0
