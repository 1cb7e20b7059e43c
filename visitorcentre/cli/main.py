"""The command line: the desk app by default, and verbs for admins, scripts and checks.

A user's mistake is one line on stderr and exit status 2; never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from pathlib import Path

from visitorcentre import __version__
from visitorcentre.cli.admin_verbs import add_server_verbs, add_staff_verbs
from visitorcentre.cli.verbs import UsageError, VerbParser, add_desk_verbs, add_records_verbs, one_line
from visitorcentre.config import logs
from visitorcentre.core.errors import VisitorCentreError
from visitorcentre.files.private import keep_private

log = logging.getLogger(__name__)
USER_ERROR = 2


def build_parser() -> argparse.ArgumentParser:
    """The whole command line: the desk app's options, then every verb."""
    parser = VerbParser(
        prog="visitorcentre",
        description="Visitor Centre: the prison visitor centre desk. With no verb, opens the desk app.",
    )
    parser.add_argument("--version", action="version", version=f"visitorcentre {__version__}")
    parser.add_argument("--db", type=Path, help="the desk database (default: desk.sqlite3 in the data folder)")
    parser.add_argument(
        "--demo", action="store_true", help="open a demo database in the data folder, making it if needed"
    )
    parser.add_argument("--staff", default=None, help="the staff member's name shown in the status bar")
    parser.add_argument(
        "--language",
        default=None,
        metavar="LANG",
        help="the language of the desk's own screens: en, pl or gd (each family's words follow their record; "
        "en-XA makes every string 40%% longer, for testing)",
    )
    parser.add_argument("--smoke-test", type=Path, default=None, metavar="FOLDER", help=argparse.SUPPRESS)
    verbs = parser.add_subparsers(dest="verb", metavar="VERB", parser_class=VerbParser)
    add_desk_verbs(verbs)
    add_staff_verbs(verbs)
    add_records_verbs(verbs)
    add_server_verbs(verbs)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    argv = sys.argv[1:] if argv is None else argv
    try:
        args = build_parser().parse_args(argv)
        if args.language:
            from visitorcentre import i18n

            i18n.set_language(args.language)
        keep_private()  # the log, receipts, PDFs and database files: this account only
        logs.configure()
        if args.verb is None and args.smoke_test is not None:  # installer/build.py, on a fresh bundle
            from visitorcentre.cli import smoke_test

            return smoke_test.run(args.db, args.smoke_test, args.staff)
        if args.verb is None:
            from visitorcentre.ui.runtime import desk_app  # the window opens before the database layer loads

            return desk_app.run(args.db, args.demo, args.staff, args.language)
        module, function = args.runner.split(":")
        return getattr(importlib.import_module(module), function)(args)
    except VisitorCentreError as error:
        print(
            one_line(f"visitorcentre: {error.message}" if not isinstance(error, UsageError) else error.message),
            file=sys.stderr,
        )
        return USER_ERROR
    except KeyboardInterrupt:
        print("visitorcentre: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as error:  # a file the user named cannot be read or written: their problem to fix
        print(one_line(f"visitorcentre: {error.filename or 'a file'}: {error.strerror or error}"), file=sys.stderr)
        return USER_ERROR
    except Exception as error:  # a fault of ours, not the user's: the details go to the log, not the screen
        from visitorcentre.db.backups import unreadable_database_message

        if (message := unreadable_database_message(error)) is not None:
            log.exception("The database could not be read running %s", argv)
            print(one_line(f"visitorcentre: {message}"), file=sys.stderr)
            return USER_ERROR
        log.exception("Unexpected failure running %s", argv)
        print(
            f"visitorcentre: something went wrong; the details are in the log file ({logs.log_file()})", file=sys.stderr
        )
        return 1
