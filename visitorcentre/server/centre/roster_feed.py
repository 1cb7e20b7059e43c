"""An integration's nightly roster feed: a JSON body of roster entries, checked whole, applied once.

The body is ``{"prisoners": [{"prison_number": ..., "first_name": ..., "last_name": ...,
"date_of_birth": ..., "location": ..., "status": ..., "restrictions": [...]}, ...]}``; every
entry is checked by the same rules as a roster CSV's row (``server.roster``) and any problem
refuses the whole feed, naming the row (counted from 1) and the field. A feed is applied once:
it is remembered by its ``Idempotency-Key`` (or, without one, the body's SHA-256), and the same
key again answers with what the first one did and writes nothing.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from visitorcentre.core.errors import InvalidInput, NotAllowed
from visitorcentre.server.centre import roster_import
from visitorcentre.server.centre.integration_models import RosterFeedReceipt, RosterIntegration
from visitorcentre.server.roster import COLUMNS, MAX_SHOWN, RosterEntry, entry_from

MAX_ROWS = 20_000
_KEY = re.compile(r"^[\x21-\x7e]{1,80}$")


class FeedRefused(InvalidInput):
    """The feed cannot be applied; ``problems`` lists (row, field, message)."""

    def __init__(self, problems: list[tuple[int, str, str]]):
        shown = "; ".join(f"row {row}, field {name}: {message}" for row, name, message in problems[:MAX_SHOWN])
        more = f"; and {len(problems) - MAX_SHOWN} more" if len(problems) > MAX_SHOWN else ""
        first = problems[0][1] if problems else "prisoners"
        super().__init__(f"Nothing was applied: {shown}{more}", first)
        self.problems = problems


def _text(value: Any, name: str, row: int, problems: list[tuple[int, str, str]]) -> str:
    if value is None:
        return ""
    if name == "restrictions" and isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ";".join(value)
    if isinstance(value, str):
        return value
    problems.append((row, name, "must be text" + (" or a list of text" if name == "restrictions" else "")))
    return ""


def entries(body: bytes) -> list[RosterEntry]:
    """The feed's entries, or FeedRefused naming each bad row and field."""
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        raise FeedRefused([(0, "body", "the body is not JSON")]) from None
    rows = data.get("prisoners") if isinstance(data, dict) else None
    if not isinstance(rows, list):
        raise FeedRefused([(0, "prisoners", "the body must be an object with a list “prisoners”")])
    if not rows:
        raise FeedRefused([(0, "prisoners", "the list is empty; send every prisoner at the establishment")])
    if len(rows) > MAX_ROWS:
        raise FeedRefused([(0, "prisoners", f"at most {MAX_ROWS} prisoners in one feed")])
    problems: list[tuple[int, str, str]] = []
    found: list[RosterEntry] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows, 1):
        if not isinstance(row, dict):
            problems.append((number, "prisoners", "each prisoner must be an object of named fields"))
            continue
        unknown = sorted(str(k)[:40] for k in row if k not in COLUMNS)
        if unknown:
            problems.append((number, unknown[0], f"not a roster field; the fields are {', '.join(COLUMNS)}"))
            continue
        before = len(problems)
        values = {name: _text(row.get(name), name, number, problems).strip() for name in COLUMNS}
        if len(problems) > before:
            continue
        checked: list[tuple[int, int, str]] = []
        entry = entry_from(values, number, checked)
        for _line, column, message in checked:
            name = COLUMNS[column - 1]
            problems.append((number, name, message.removeprefix(f"{name}: ")))
        if entry is None:
            continue
        if entry.prison_number in seen:
            problems.append(
                (number, "prison_number", f"{entry.prison_number} is also in row {seen[entry.prison_number]}")
            )
            continue
        seen[entry.prison_number] = number
        found.append(entry)
    if problems:
        raise FeedRefused(problems)
    return found


def apply(
    session: Session, integration: RosterIntegration, body: bytes, idempotency_key: str | None, now: datetime
) -> tuple[dict, bool]:
    """Apply the feed once; returns (what it did, whether this was a repeat that wrote nothing)."""
    digest = hashlib.sha256(body).hexdigest()
    key = idempotency_key if idempotency_key is not None else f"sha256:{digest}"
    if not _KEY.match(key):
        raise InvalidInput("The Idempotency-Key header must be 1 to 80 printable characters.", "Idempotency-Key")
    seen = session.get(RosterFeedReceipt, (integration.id, key))
    if seen is not None:
        if seen.body_sha256 != digest:
            raise NotAllowed("This Idempotency-Key was used for a different feed; send a new key with a new feed.")
        return dict(seen.result), True
    found = entries(body)
    result = roster_import.load(
        session,
        actor=f"integration {integration.name}",
        scope={integration.establishment},
        now=now,
        establishment=integration.establishment,
        entries=found,
        source=f"the feed of {integration.name}",
    )
    done = {"establishment": integration.establishment, **result.counts()}
    session.add(
        RosterFeedReceipt(
            integration_id=integration.id,
            idempotency_key=key,
            body_sha256=digest,
            at=now.replace(tzinfo=None),
            result=done,
        )
    )
    session.flush()
    return done, False
