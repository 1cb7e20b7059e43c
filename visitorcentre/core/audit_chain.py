"""The audit log's hash chain: each entry's hash covers its fields and the hash of the entry before.

An entry edited after it was written no longer matches its hash; an entry removed leaves a gap
in the sequence and a ``prev_hash`` that matches nothing; the newest entry removed no longer
matches the chain head kept beside the log. (Someone able to rewrite the whole file and
recompute every hash is not stopped by a chain alone: the copy synced to the central office is
the check on that.) Pure: no database, no Qt.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

GENESIS = "0" * 64
ENCODING = "vc-audit-1"  # part of every hash, so a future encoding cannot be mistaken for this one


@dataclass(frozen=True)
class ChainedFields:
    """What an audit entry's hash covers."""

    seq: int
    id: str
    establishment: str
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: str
    summary: str
    detail: Any
    prev_hash: str


def canonical(fields: ChainedFields) -> bytes:
    """The entry in one fixed byte form: JSON, sorted keys, no spaces, UTF-8, microsecond times."""
    values = [
        ENCODING,
        fields.seq,
        fields.id,
        fields.establishment,
        fields.at.isoformat(timespec="microseconds"),
        fields.actor,
        fields.action,
        fields.entity,
        fields.entity_id,
        fields.summary,
        fields.detail if fields.detail is not None else {},
        fields.prev_hash,
    ]
    return json.dumps(values, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str).encode("utf-8")


def entry_hash(fields: ChainedFields) -> str:
    """SHA-256 (hex) of the canonical form."""
    return hashlib.sha256(canonical(fields)).hexdigest()


def as_stored(detail: Any) -> Any:
    """The detail as it will read back from the database (JSON round trip: tuples become lists, keys strings)."""
    return json.loads(json.dumps(detail if detail is not None else {}, default=str))


@dataclass(frozen=True)
class ChainReport:
    """The verifier's answer: ``ok``, how many entries were checked, and the first broken one."""

    ok: bool
    entries: int
    broken_seq: int | None = None
    broken_id: str | None = None
    problem: str = ""

    def as_json(self) -> dict:
        return {
            "ok": self.ok,
            "entries": self.entries,
            "broken_seq": self.broken_seq,
            "broken_id": self.broken_id,
            "problem": self.problem,
        }

    def sentence(self) -> str:
        if self.ok:
            return f"The audit log is intact: {self.entries} entries, each chained to the one before."
        return f"The audit log has been tampered with at entry {self.broken_seq}: {self.problem}"


def verify(entries: Iterable[tuple[ChainedFields, str]], head: tuple[int, str] | None) -> ChainReport:
    """Check ``(fields, stored hash)`` pairs in sequence order against each other and the chain ``head``.

    ``head`` is the (seq, hash) recorded with the newest entry, or None when none was recorded.
    """
    expected_seq, prev_hash, count = 1, GENESIS, 0
    last: tuple[int, str] | None = None
    for fields, stored in entries:
        count += 1
        if fields.seq != expected_seq:
            missing = "{} before it {} missing (removed from the log).".format(*_entries(expected_seq, fields.seq - 1))
            return ChainReport(False, count, fields.seq, fields.id, missing)
        if fields.prev_hash != prev_hash:
            return ChainReport(
                False,
                count,
                fields.seq,
                fields.id,
                "it does not follow on from the entry before it (an entry was removed or changed).",
            )
        if entry_hash(fields) != stored:
            return ChainReport(
                False,
                count,
                fields.seq,
                fields.id,
                f"it was changed after it was written ({fields.action} by {fields.actor}).",
            )
        prev_hash, expected_seq = stored, expected_seq + 1
        last = (fields.seq, stored)
    if head is not None and last != tuple(head):
        if last is None or head[0] > last[0]:
            seq = (last[0] if last else 0) + 1
            return ChainReport(
                False,
                count,
                seq,
                None,
                "the newest {} {} missing (removed from the log).".format(*_entries(seq, head[0])),
            )
        return ChainReport(False, count, last[0], None, "the chain's recorded end does not match its newest entry.")
    if head is None and last is not None:
        return ChainReport(False, count, last[0], None, "the chain's recorded end is missing.")
    return ChainReport(True, count)


def _entries(first: int, last: int) -> tuple[str, str]:
    return (f"entry ({first})", "is") if first >= last else (f"entries ({first} to {last})", "are")
