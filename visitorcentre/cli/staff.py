"""The ``staff`` and ``audit`` verbs: adding, listing and disabling staff, and checking the audit log.

The command line acts as an admin: whoever can open the database file (mode 0600) can already
do anything to it, so the verbs record their changes in the audit log as "command line (USER)".
A PIN is never taken from the command line itself (it would be kept in the shell's history and
shown to other users in the process list): it is asked for twice, or read as two lines of stdin.
"""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

from visitorcentre.cli.common import _existing_desk, _print_json
from visitorcentre.core.errors import InvalidInput
from visitorcentre.core.roles import ADMIN
from visitorcentre.core.staff import Actor

BROKEN = 1


def command_line_actor() -> Actor:
    """Who the command line acts as (an admin), named for the audit log."""
    try:
        user = getpass.getuser()
    except Exception:  # no user name in the environment: still an admin at this machine
        user = "unknown user"
    return Actor(f"command line ({user})", ADMIN)


def read_pin_twice(name: str) -> tuple[str, str]:
    """The new PIN and its repeat: prompted for without echo at a terminal, else two lines of stdin."""
    if sys.stdin.isatty():
        return getpass.getpass(f"PIN for {name}: "), getpass.getpass("The same PIN again: ")
    first, again = sys.stdin.readline(), sys.stdin.readline()
    if not first:
        raise InvalidInput("Give the PIN twice on standard input, one per line.", "pin")
    return first.rstrip("\r\n"), again.rstrip("\r\n")


def run_add(args) -> int:
    desk = _existing_desk(args.verb_db, command_line_actor())
    try:
        pin, again = read_pin_twice(args.name)
        name = desk.staff.add_staff(args.name, args.role, pin, again)
    finally:
        desk.close()
    print(f"Added {name} as {args.role}.")
    return 0


def run_list(args) -> int:
    desk = _existing_desk(args.verb_db, command_line_actor())
    try:
        people = desk.staff.list_staff()
    finally:
        desk.close()
    if args.json:
        _print_json([p.as_json() for p in people])
        return 0
    if not people:
        print("No staff yet: the desk app's first screen makes the first admin, or use “staff add”.")
    for person in people:
        state = (
            "disabled"
            if person.disabled
            else (f"locked until {person.locked_until:%H:%M} UTC" if person.locked_until else "can sign in")
        )
        print(f"{person.name:<32} {person.role:<8} {state}")
    return 0


def run_disable(args) -> int:
    desk = _existing_desk(args.verb_db, command_line_actor())
    try:
        desk.staff.disable_staff(args.name)
    finally:
        desk.close()
    print(f"{' '.join(args.name.split())} can no longer sign in.")
    return 0


def run_verify(args) -> int:
    desk = _existing_desk(Path(args.verb_db), command_line_actor())
    try:
        report = desk.staff.verify_audit()
    finally:
        desk.close()
    if args.json:
        _print_json(report.as_json())
    else:
        print(report.sentence(), file=sys.stdout if report.ok else sys.stderr)
    return 0 if report.ok else BROKEN
