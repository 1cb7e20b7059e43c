"""The command-line verbs for passes: print one, print a day's, verify a token, print the day list."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from visitorcentre.cli.common import _existing_desk, _reading
from visitorcentre.core.errors import InvalidInput, NotFound
from visitorcentre.core.staff import Actor

if TYPE_CHECKING:
    from visitorcentre.desk import Desk

COMMAND_LINE = Actor("Command line", "desk")


def _issue(desk: Desk, visit_ids: list[str], args) -> bytes:
    from visitorcentre.services.passes import visit_passes as passes

    try:
        return passes.issue_passes(desk.ctx.unit_of_work(), visit_ids, args.layout, args.reason, ahead=True)
    except passes.ReprintNeedsReason as error:
        raise passes.ReprintNeedsReason(
            error.times_printed, error.message.replace("say why", "give the reason with --reason to say why")
        ) from None


def _can_write(path: Path) -> None:
    """Refuse, before any work is recorded, an output that cannot be written (no folder, a folder, no permission)."""
    if path.parent and not path.parent.is_dir():
        raise NotFound(f"There is no folder {path.parent} to write {path.name} into.", "out")
    if path.is_dir():
        raise InvalidInput(f"{path} is a folder; give a file name to write.", "out")
    probe = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        probe.touch()
        probe.unlink()
    except OSError as error:
        raise InvalidInput(f"Cannot write {path}: {error.strerror}.", "out") from None


def _write(path: Path, pdf: bytes) -> None:
    """Write the whole file or nothing: a half-written PDF never carries the name."""
    _can_write(path)
    partial = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        partial.write_bytes(pdf)
        os.replace(partial, path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise InvalidInput(f"Cannot write {path}: {error.strerror}.", "out") from None


def _establishment(desk: Desk, code: str | None) -> str | None:
    return _known_establishment(desk.settings.establishments(), code)


def _known_establishment(establishments: list[tuple[str, str]], code: str | None) -> str | None:
    if code is None:
        return None
    known = dict(establishments)
    if code.upper() not in known:
        raise InvalidInput(
            f"There is no establishment with the code “{code}” (known: {', '.join(sorted(known))}).", "establishment"
        )
    return code.upper()


def run_pass(args) -> int:
    _can_write(args.out)  # printing is recorded: never record one whose PDF cannot be saved
    desk = _existing_desk(args.verb_db, COMMAND_LINE)
    try:
        visit_id = desk.visits.visit_for_scan(args.reference)
        if visit_id is None:
            raise NotFound(f"There is no visit with the reference “{args.reference}”.", "reference")
        pdf = _issue(desk, [visit_id], args)
    finally:
        desk.close()
    _write(args.out, pdf)
    print(f"Pass for {args.reference.upper()} written to {args.out}.")
    return 0


def run_passes(args) -> int:
    from visitorcentre.services.passes import day_passes
    from visitorcentre.services.passes import visit_passes as passes

    _can_write(args.out)
    desk = _existing_desk(args.verb_db, COMMAND_LINE)
    try:
        code = _establishment(desk, args.establishment)
        try:
            day = day_passes.issue_day_passes(desk.ctx.unit_of_work(), args.date, code, args.layout, args.reason)
        except passes.ReprintNeedsReason as error:
            raise passes.ReprintNeedsReason(
                error.times_printed, error.message.replace("say why", "give the reason with --reason to say why")
            ) from None
    finally:
        desk.close()
    _write(args.out, day.pdf)
    passes_word = "pass" if day.printed == 1 else "passes"
    said = f"{day.printed} {passes_word} for {args.date:%A %d %B %Y} written to {args.out}."
    if day.virtual_left_out:
        count = day.virtual_left_out
        said += (
            f" {count} virtual {'visit is' if count == 1 else 'visits are'} left out: they join by video, with no pass."
        )
    print(said)
    return 0


def run_verify(args) -> int:
    """The hall door's verdict on a token (the same function), without letting anyone in."""
    from visitorcentre.services.passes import door_words

    reading = _reading(args.verb_db)  # the verdict read straight through sqlite3 (db/direct/door.py)
    try:
        here = _known_establishment(reading.establishments(), args.establishment) or reading.establishment
        verdict = door_words.read_directly(reading.db, args.token, here, reading.clock.today())
    finally:
        reading.close()
    if args.json:
        json.dump(
            {
                "valid": verdict.valid,
                "reason": verdict.reason,
                "reference": verdict.reference,
                "party_size": verdict.party_size,
                "session": verdict.session,
                "message": verdict.message,
            },
            sys.stdout,
        )
        sys.stdout.write("\n")
    elif verdict.valid:
        print(f"VALID: visit {verdict.reference}, {verdict.party_size} people, session {verdict.session}.")
    else:
        print(f"NOT VALID ({verdict.reason}): {verdict.message}")
    return 0 if verdict.valid else 1


def run_day_list(args) -> int:
    desk = _existing_desk(args.verb_db, COMMAND_LINE)
    try:
        code = _establishment(desk, args.establishment)
        pdf = desk.passes.day_list_pdf(args.date, code, every_establishment=code is None)
    finally:
        desk.close()
    _write(args.out, pdf)
    print(f"Day list for {args.date:%A %d %B %Y} written to {args.out}.")
    return 0
