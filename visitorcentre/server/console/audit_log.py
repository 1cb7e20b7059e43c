"""The central audit log viewer: filter by who, establishment, action and date, newest first, paged by
sequence number; the same filter as a CSV file; and the hash chain's check (``centre.audit.verify``).

National administrators see every entry; establishment administrators and analysts the entries
of their establishments only.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response, StreamingResponse
from sqlalchemy import Select, select

from visitorcentre.core.errors import InvalidInput
from visitorcentre.server.centre import audit
from visitorcentre.server.centre.models import CentreAudit
from visitorcentre.server.console.accounts import ANALYST, ESTABLISHMENT_ADMIN, NATIONAL_ADMIN, Staff
from visitorcentre.server.console.forms import read_date
from visitorcentre.server.console.web import NavItem, Reader, Refused, console_of, invalid, render, require

router = APIRouter()
READERS = (NATIONAL_ADMIN, ESTABLISHMENT_ADMIN, ANALYST)
NAVIGATION = [NavItem("Audit log", "/audit", READERS)]
PAGE_SIZE = 50
CSV_BATCH = 2000
Reading = Annotated[Staff, Depends(require(*READERS))]
Text = Annotated[str, Query(max_length=120)]


@dataclass(frozen=True)
class Filter:
    actor: str = ""
    establishment: str = ""
    action: str = ""
    since: date | None = None
    until: date | None = None

    def query(self, staff: Staff) -> Select:
        query = select(CentreAudit)
        if staff.establishments is not None:
            query = query.where(CentreAudit.establishment.in_(sorted(staff.establishments)))
        if self.actor:
            query = query.where(CentreAudit.actor == self.actor)
        if self.establishment:
            query = query.where(CentreAudit.establishment == self.establishment)
        if self.action:  # a prefix: "console_user" finds every console_user.* action
            query = query.where(CentreAudit.action >= self.action, CentreAudit.action < self.action + "\uffff")
        if self.since:
            query = query.where(CentreAudit.at >= datetime.combine(self.since, time()))
        if self.until:
            query = query.where(CentreAudit.at < datetime.combine(self.until + timedelta(days=1), time()))
        return query

    def params(self) -> dict[str, str]:
        shown = {"actor": self.actor, "establishment": self.establishment, "action": self.action}
        for name, day in (("since", self.since), ("until", self.until)):
            if day:
                shown |= {f"{name}-day": str(day.day), f"{name}-month": str(day.month), f"{name}-year": str(day.year)}
        return {k: v for k, v in shown.items() if v}


def _filter(request: Request) -> Filter:
    values = {k: v[:120] for k, v in request.query_params.items()}
    since = read_date(values, "since", "From")
    until = read_date(values, "until", "To")
    if since and until and until < since:
        raise InvalidInput("To must be the same as or after From.", "until")
    return Filter(
        actor=" ".join(values.get("actor", "").split()),
        establishment=values.get("establishment", "").strip().upper(),
        action=values.get("action", "").strip(),
        since=since,
        until=until,
    )


@router.get("/audit")
def audit_log(
    request: Request,
    db: Reader,
    staff: Reading,
    before: Annotated[int | None, Query(ge=1, le=2**63 - 1)] = None,
    after: Annotated[int | None, Query(ge=0, le=2**63 - 1)] = None,
) -> Response:
    values = dict(request.query_params)
    try:
        chosen = _filter(request)
    except InvalidInput as error:
        return invalid(request, "audit/list.html", error, values=values, entries=[], links={})
    query = chosen.query(staff)
    if after is not None:  # the newer page: read upwards, show newest first
        rows = list(db.scalars(query.where(CentreAudit.seq > after).order_by(CentreAudit.seq).limit(PAGE_SIZE + 1)))
        newer, entries = len(rows) > PAGE_SIZE, rows[:PAGE_SIZE][::-1]
        older = bool(entries)
    else:
        if before is not None:
            query = query.where(CentreAudit.seq < before)
        rows = list(db.scalars(query.order_by(CentreAudit.seq.desc()).limit(PAGE_SIZE + 1)))
        older, entries = len(rows) > PAGE_SIZE, rows[:PAGE_SIZE]
        newer = before is not None and bool(entries)
    base = chosen.params()
    links = {
        "previous": {**base, "after": str(entries[0].seq)} if newer and entries else None,
        "next": {**base, "before": str(entries[-1].seq)} if older and entries else None,
        "csv": base,
    }
    return render(request, "audit/list.html", values=values, entries=entries, links=links)


@router.get("/audit/entries/{seq}")
def audit_entry(request: Request, seq: int, db: Reader, staff: Reading) -> Response:
    entry = db.get(CentreAudit, seq)
    if entry is None or (staff.establishments is not None and entry.establishment not in staff.establishments):
        raise Refused(404)
    detail = entry.detail or {}
    return render(
        request,
        "audit/entry.html",
        entry=entry,
        before=json.dumps(detail.get("before"), indent=2, ensure_ascii=False, sort_keys=True),
        after=json.dumps(detail.get("after"), indent=2, ensure_ascii=False, sort_keys=True),
    )


def _cell(value: object) -> str:
    """A CSV cell a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@router.get("/audit.csv")
def audit_csv(request: Request, staff: Reading) -> Response:
    try:
        chosen = _filter(request)
    except InvalidInput as error:
        raise Refused(400, error.message) from None
    read = console_of(request).read

    def rows() -> Iterator[str]:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(
            ["seq", "at", "who", "action", "record", "record id", "establishment", "summary", "before", "after"]
        )
        last = None
        with read() as session:
            while True:
                query = chosen.query(staff).order_by(CentreAudit.seq).limit(CSV_BATCH)
                if last is not None:
                    query = query.where(CentreAudit.seq > last)
                batch = list(session.scalars(query))
                for e in batch:
                    detail = e.detail or {}
                    writer.writerow(
                        _cell(v)
                        for v in (
                            e.seq,
                            e.at.isoformat(timespec="seconds"),
                            e.actor,
                            e.action,
                            e.entity,
                            e.entity_id,
                            e.establishment,
                            e.summary,
                            json.dumps(detail.get("before"), ensure_ascii=False, sort_keys=True),
                            json.dumps(detail.get("after"), ensure_ascii=False, sort_keys=True),
                        )
                    )
                yield out.getvalue()
                out.seek(0)
                out.truncate()
                if len(batch) < CSV_BATCH:
                    return
                last = batch[-1].seq

    return StreamingResponse(
        rows(),
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": 'attachment; filename="central-audit-log.csv"'},
    )


@router.get("/audit/check")
def check_chain(request: Request, db: Reader, staff: Annotated[Staff, Depends(require(NATIONAL_ADMIN))]) -> Response:
    report = audit.verify(db)
    return render(request, "audit/check.html", report=report)
