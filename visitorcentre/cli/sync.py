"""The command-line verbs of the central server and desk sync: server, server-admin, enrol, sync."""

from __future__ import annotations

import json
import logging
import sys
from datetime import datetime
from pathlib import Path

from visitorcentre.core.errors import InvalidInput

log = logging.getLogger(__name__)


def _print_json(data) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def _server_engine(url: str | None):
    from visitorcentre.server import database

    engine = database.make_engine(url or database.default_url())
    try:
        database.migrate(engine)
    except Exception as error:  # noqa: BLE001 - an unreachable database is the admin's to fix, in one line
        from sqlalchemy.exc import OperationalError

        engine.dispose()
        if isinstance(error, OperationalError):
            raise InvalidInput(
                f"The server database cannot be opened: {str(error.orig).strip().splitlines()[0]}", "database_url"
            ) from None
        raise
    return engine


def run_server(args) -> int:
    """Run the central server under uvicorn (one or several worker processes) until stopped."""
    import os

    import uvicorn

    from visitorcentre.server import asgi, database

    asgi.keep_private()
    url = args.database_url or database.default_url()
    if args.workers < 1:
        raise InvalidInput("The server needs at least one worker (--workers).", "workers")
    proxies = asgi.trusted_proxies(args.trusted_proxies)
    engine = _server_engine(url)  # migrated once, here; a wrong URL is one line, not a traceback from uvicorn
    try:
        from visitorcentre.server.centre import scheme_rates

        scheme_rates.seed_new_server(engine, datetime.utcnow())  # a new server's rates, from the data file
    finally:
        engine.dispose()
    _check_port(args.host, args.port)
    os.environ[asgi.DATABASE_URL] = url  # the workers read their settings from the environment
    os.environ[asgi.TRUSTED_PROXIES] = ",".join(proxies)
    log.info(
        "Central server on %s:%s with %d worker(s), database %s, trusted proxies: %s",
        args.host,
        args.port,
        args.workers,
        database.make_engine(url).url.render_as_string(hide_password=True),
        ", ".join(proxies) or "none",
    )
    print(f"Visitor Centre central server on http://{args.host}:{args.port} (Ctrl+C stops it)", flush=True)
    # The proxy headers are read inside the app (create_app's trusted_proxies), not by uvicorn.
    uvicorn.run(
        "visitorcentre.server.asgi:make_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_config=None,
        access_log=False,
        proxy_headers=False,
    )
    return 0


def _check_port(host: str, port: int) -> None:
    """A port already in use (or a host that is not this machine's) is one line, before uvicorn starts."""
    import socket

    try:
        with socket.create_server((host, port)):
            pass
    except OSError as error:
        raise InvalidInput(f"The server cannot listen on {host}:{port}: {error.strerror or error}.", "port") from None


def run_server_admin(args) -> int:
    from visitorcentre.server import admin

    engine = _server_engine(args.database_url)
    try:
        now = datetime.utcnow()
        if args.admin_verb == "demo":
            counts = admin.demo(engine, args.visitors, args.seed, now)
            if args.json:
                _print_json(counts.as_json())
            else:
                print(
                    f"Demo data on the server: establishments {', '.join(counts.establishments)}; "
                    f"{counts.visitors} visitors, {counts.visits} visits, {counts.sessions} sessions."
                )
        elif args.admin_verb == "enrolment-code":
            code, expires = admin.enrolment_code(engine, args.establishment, now)
            print(code)
            print(
                f"One use only, for a desk of {args.establishment.upper()}; expires {expires:%d %b %Y %H:%M} UTC.",
                file=sys.stderr,
            )
        elif args.admin_verb == "devices":
            found = admin.devices(engine)
            if args.json:
                _print_json(
                    [
                        {k: d[k] for k in ("device_id", "establishment", "enrolled_at", "last_seen", "revoked")}
                        for d in found
                    ]
                )
            else:
                if not found:
                    print("No devices are enrolled.")
                for d in found:
                    state = "REVOKED" if d["revoked"] else "active"
                    print(
                        f"{d['device_id']}  {d['establishment']:<4} {d['name'][:24]:<24} enrolled "
                        f"{d['enrolled_at']}  last seen {d['last_seen'] or 'never'}  {state}"
                    )
        elif args.admin_verb == "revoke":
            admin.revoke(engine, args.device_id)
            print(f"Device {args.device_id} can no longer sync.")
        elif args.admin_verb == "rotate-pass-key":
            key_id, retired = admin.rotate_pass_key(engine, args.establishment, now, datetime.now().date())
            print(
                f"New pass-signing key {key_id} for {args.establishment.upper()}; desks sign with it after their "
                f"next sync."
            )
            if retired:
                print(f"Retired {', '.join(retired)}: passes printed with it stay good for sessions up to today.")
        elif args.admin_verb == "make-sessions":
            from visitorcentre.cli.timetable import run_make_sessions

            return run_make_sessions(args, engine, now)
        elif args.admin_verb == "claims":
            from visitorcentre.server.centre import auto_approval

            counts = auto_approval.run(engine, now)
            print(
                f"Claims checked: {counts['checked']}; approved automatically: {counts['approved']}; "
                f"left to a person after a change: {counts['failed']}."
            )
        elif args.admin_verb == "rebuild-typed-copies":
            copied = admin.rebuild_typed_copies(engine)
            print(f"Typed copies made again from the document store; records copied: {copied}.")
        elif args.admin_verb == "console-user":
            from visitorcentre.cli.console_users import run_console_user

            return run_console_user(args, engine, now)
        elif args.admin_verb == "import-roster":
            counts = admin.import_roster(engine, args.file, args.establishment, now)
            print(
                f"Roster for {args.establishment.upper()}: {counts['added']} added, {counts['changed']} changed, "
                f"{counts['unchanged']} unchanged, {counts['moved']} moved here from another establishment."
            )
        return 0
    finally:
        engine.dispose()


def run_enrol(args) -> int:
    from visitorcentre.core.errors import SyncUnavailable
    from visitorcentre.desk import open_desk
    from visitorcentre.sync import connect_later
    from visitorcentre.sync.enrolment import enrol

    if connect_later.is_on_its_own(args.verb_db):  # a desk set up on its own at first run, enrolled now
        establishment = connect_later.enrol_existing(args.verb_db, args.url, args.code, args.desk_name)
    else:
        establishment = enrol(args.verb_db, args.url, args.code, args.desk_name)
    desk = open_desk(args.verb_db)
    try:
        result = desk.sync.now()
    except SyncUnavailable as failure:
        raise SyncUnavailable(
            f"The desk is enrolled for {establishment}, but its first sync failed: "
            f"{failure.message} Run `visitorcentre sync --db {args.verb_db}` later."
        ) from None
    finally:
        desk.close()
    print(f"Enrolled {args.verb_db} as a desk of {establishment}; {result.pulled} records taken from the server.")
    return 0


def run_sync(args) -> int:
    from visitorcentre.core.errors import NotFound
    from visitorcentre.desk import open_desk

    path = Path(args.verb_db)
    if not path.is_file():
        raise NotFound(f"There is no database at {path}.", "db")
    desk = open_desk(path)
    try:
        result = desk.sync.now()
    finally:
        desk.close()
    if args.json:
        _print_json(result.as_json())
    else:
        print(
            f"Sent {result.pushed} changes, took {result.pulled} from the server; {result.pending} waiting, "
            f"{result.issues} issues to look at."
        )
    return 0
