"""The desk's first run: a new database, either enrolled with the central server or set up on its own.

``needs_setting_up(path)`` is what start-up asks (a file-exists test, nothing heavier).
``set_up_on_its_own`` makes a database serving one establishment chosen from
``resources/establishments.json`` (Scotland's establishments with editable visiting-rule
defaults); ``enrol_new`` enrols a new database with the central server and takes the first pull.
Either way nothing half-made is left: a database that could not be finished is removed, with
its sync credential, and the desk can be set up again.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from visitorcentre.config import paths, settings
from visitorcentre.core.errors import InvalidInput, SyncUnavailable
from visitorcentre.i18n import _, say

log = logging.getLogger(__name__)

ESTABLISHMENTS_FILE = "establishments.json"
#: Who the audit log says set up a desk on its own (before anyone can sign in).
SET_UP_BY = "Desk set-up"
#: Set on a desk set up on its own: its establishment came from the file, not the central server.
ON_ITS_OWN = settings.SET_UP_ON_ITS_OWN


@dataclass(frozen=True)
class EstablishmentDefaults:
    code: str
    name: str
    nation: str
    adult_age: int
    max_adults: int
    max_total: int
    cutoff_minutes: int
    locker_rule: str = ""
    cash_rule: str = ""
    address: str = ""
    booking_line: str = ""


@dataclass(frozen=True)
class FirstPull:
    """What enrolling took: the establishment's code, how many records came down, and any sync problem."""

    establishment: str
    pulled: int
    problem: str = ""


def needs_setting_up(db_path: Path | None) -> bool:
    """Whether the desk's database does not exist yet (so the first-run screen shows)."""
    return db_path is not None and not Path(db_path).exists()


def establishment_list(folder: Path | None = None) -> list[EstablishmentDefaults]:
    """Scotland's establishments from resources/establishments.json, by name."""
    path = (folder or paths.resources_dir()) / ESTABLISHMENTS_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    found = [EstablishmentDefaults(**row) for row in data["establishments"]]
    return sorted(found, key=lambda e: e.name)


def _leftovers(db_path: Path) -> list[Path]:
    from visitorcentre.sync import credential

    names = [
        db_path,
        db_path.with_name(db_path.name + "-wal"),
        db_path.with_name(db_path.name + "-shm"),
        db_path.with_name(db_path.name + "-journal"),
    ]
    return names + [credential.credential_path(db_path)]


def remove_half_made(db_path: Path) -> None:
    """Remove a database (and its credential) that setting up could not finish."""
    for path in _leftovers(Path(db_path)):
        try:
            path.unlink(missing_ok=True)
        except OSError:
            log.warning("Could not remove %s after a failed set-up", path)


def _refuse_existing(db_path: Path) -> None:
    if db_path.exists():
        raise InvalidInput(_("There is a database at {path} already; this desk is set up.").format(path=db_path), "db")


def set_up_on_its_own(db_path: Path | str, code: str, now) -> str:
    """A new database at ``db_path`` serving establishment ``code`` with the file's defaults; returns its name."""
    from visitorcentre.core.clock import FixedClock
    from visitorcentre.core.staff import Actor
    from visitorcentre.desk.context import DeskContext
    from visitorcentre.services import desk_settings

    db_path = Path(db_path)
    chosen = {e.code: e for e in establishment_list()}.get((code or "").strip().upper())
    if chosen is None:
        raise InvalidInput(_("Choose the establishment this desk serves from the list."), "establishment")
    _refuse_existing(db_path)
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        # Nobody has signed in yet (the first admin is made next): the audit log names the set-up itself.
        ctx = DeskContext(db_path, Actor(SET_UP_BY, ""), FixedClock(now)).open()
        try:
            desk_settings.set_up_on_its_own(ctx.unit_of_work(), asdict(chosen))
        finally:
            ctx.close()
    except BaseException:
        remove_half_made(db_path)
        raise
    log.info("Set up %s on its own for %s", db_path, chosen.code)
    return chosen.name


def enrol_new(
    db_path: Path | str, server_url: str, code: str, transport=None, progress: Callable[[int, int], None] | None = None
) -> FirstPull:
    """Enrol a new database at ``db_path`` and take the first pull (which may be long).

    A wrong address, an unreachable server or a refused code raise (InvalidInput field "url" or
    "code", SyncUnavailable) and leave no file. Once the server has given this desk its identity
    the code is used up, so a first pull that fails keeps the desk: ``FirstPull.problem`` says so
    and the desk's own sync tries again.
    """
    from visitorcentre.sync.enrolment import enrol

    db_path = Path(db_path)
    server_url = (server_url or "").strip()
    code = (code or "").strip()
    if not server_url:
        raise InvalidInput(_("Type the central server's address, such as https://visits.example.scot."), "url")
    if not code:
        raise InvalidInput(_("Type the one-time enrolment code the central team gave you."), "code")
    if "://" not in server_url:
        server_url = "https://" + server_url
    _refuse_existing(db_path)
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        establishment = enrol(db_path, server_url, code, transport=transport)
    except SyncUnavailable as refused:
        remove_half_made(db_path)
        raise InvalidInput(*explain_refusal(refused)) from None
    except BaseException:
        remove_half_made(db_path)
        raise
    return first_pull(db_path, establishment, transport, progress)


def explain_refusal(refused: SyncUnavailable) -> tuple[str, str]:
    """A refused enrolment as (message, field): the address ("url") or the code ("code") is at fault."""
    if any(words in refused.message for words in ("cannot be reached", "not a server address", "could not be read")):
        return say(refused.message), "url"
    message = say(refused.message)
    return _("{message} Check the code, or ask the central team for a new one.").format(message=message), "code"


def first_pull(
    db_path: Path, establishment: str, transport=None, progress: Callable[[int, int], None] | None = None
) -> FirstPull:
    """The first sync of a just-enrolled desk; a failure is reported, not raised (the desk is enrolled)."""
    from visitorcentre.desk import open_desk

    desk = open_desk(db_path)
    desk.sync.transport = transport
    try:
        result = desk.sync.now(progress)
    except SyncUnavailable as failure:
        return FirstPull(establishment, 0, failure.message)
    finally:
        desk.close()
    return FirstPull(establishment, result.pulled)
