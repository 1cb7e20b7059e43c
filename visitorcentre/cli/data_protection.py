"""The command-line verbs for keeping personal data and the database safe: purge, export, erase, backup.

They run as ``COMMAND_LINE``, a manager: whoever can run them can already open the desk's database
file, which only the desk's own account can read (mode 0600). The services still check the role.
"""

from __future__ import annotations

import json
import sys

from visitorcentre.cli.common import _existing_desk
from visitorcentre.core.staff import Actor

COMMAND_LINE = Actor("Command line", "manager")


def _print_json(data) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def run_purge(args) -> int:
    desk = _existing_desk(args.verb_db, COMMAND_LINE)
    try:
        result = desk.records.purge(dry_run=args.dry_run)
    finally:
        desk.close()
    if args.json:
        _print_json(result.as_json())
        return 0
    would = "Would anonymise" if result.dry_run else "Anonymised"
    print(
        f"{would}: {result.visitors} visitors (last seen before {result.cut_offs['visitor']}), "
        f"photo and ID details of {result.photo_id} more, {result.applications} travel-cost applications "
        f"(visits before {result.cut_offs['application']}) and {result.receipt_files} receipt files, "
        f"{result.feedback} pieces of feedback, notes of {result.visits} visits."
    )
    if result.kept_for_bans:
        print(f"Kept: {result.kept_for_bans} visitors past retention who have a ban in force.")
    if result.dry_run:
        print("Dry run: nothing was changed.")
    return 0


def run_export_visitor(args) -> int:
    from visitorcentre.files.private import PrivateFile, export_visitor_to

    PrivateFile(args.out).discard()  # a path that cannot be written is refused before opening anything
    desk = _existing_desk(args.verb_db, COMMAND_LINE)
    try:
        data = export_visitor_to(desk, args.visitor_id, args.out)
    finally:
        desk.close()
    print(
        f"Everything held about visitor {args.visitor_id} written to {args.out} "
        f"({len(data['visits'])} visits, {len(data['cost_applications'])} applications)."
    )
    return 0


def run_erase_visitor(args) -> int:
    desk = _existing_desk(args.verb_db, COMMAND_LINE)
    try:
        desk.records.erase_visitor(args.visitor_id, args.reason)
    finally:
        desk.close()
    print(f"Visitor {args.visitor_id} erased: their details are gone; the figures for reports are kept.")
    return 0


def run_backup(args) -> int:
    from visitorcentre.db import backups

    made = backups.copy_database(args.verb_db, args.out)  # BackupFailed: one line, exit 2
    print(f"Backup of {args.verb_db} written to {made} and checked (integrity_check ok).")
    return 0
