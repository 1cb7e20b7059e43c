"""National figures: the desk report's figures for any establishments the person may see, over any days,
side by side, with charts (each with its table), a CSV file and a printable PDF (``centre.figures``).

Analysts and national administrators see every establishment; establishment administrators only
theirs. Caseworkers work on claims and do not see the figures.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from visitorcentre.core.errors import InvalidInput
from visitorcentre.core.figure_lines import CHARTED, HEADLINE, lines
from visitorcentre.server.centre import establishments
from visitorcentre.server.centre.figures import EstateFigures, estate_figures
from visitorcentre.server.console.accounts import Staff
from visitorcentre.server.console.centre_scope import READERS, scope_of
from visitorcentre.server.console.figure_charts import bar_chart
from visitorcentre.server.console.forms import read_date
from visitorcentre.server.console.web import NavItem, Reader, Refused, invalid, now, render, require

router = APIRouter()
NAVIGATION = [NavItem("Figures", "/figures", READERS)]
Reading = Annotated[Staff, Depends(require(*READERS))]
MOST_CHOSEN = 200


@dataclass(frozen=True)
class Asked:
    codes: list[str]
    start: date
    end: date

    def params(self) -> list[tuple[str, str]]:
        found = [("establishments", code) for code in self.codes]
        for name, day in (("start", self.start), ("end", self.end)):
            found += [(f"{name}-day", str(day.day)), (f"{name}-month", str(day.month)), (f"{name}-year", str(day.year))]
        return found


def _asked(request: Request) -> Asked:
    """What the form asked for; by default this month so far, every establishment the person sees."""
    values = {k: v[:120] for k, v in request.query_params.items()}
    codes = [c[:8] for c in request.query_params.getlist("establishments")[:MOST_CHOSEN] if c.strip()]
    today = now(request).date()
    start = read_date(values, "start", "Start date") or today.replace(day=1)
    end = read_date(values, "end", "End date") or max(today, start)
    return Asked(codes, start, end)


def _read(request: Request, db, staff: Staff) -> tuple[Asked, EstateFigures]:
    asked = _asked(request)
    return asked, estate_figures(db, scope_of(staff), asked.codes, asked.start, asked.end)


def _values(request: Request) -> dict:
    values: dict = {k: v[:120] for k, v in request.query_params.items()}
    values["establishments"] = request.query_params.getlist("establishments")[:MOST_CHOSEN]
    return values


@router.get("/figures")
def figures_page(request: Request, db: Reader, staff: Reading) -> Response:
    choices = [(e.code, f"{e.name} ({e.code})") for e in establishments.listed(db, scope_of(staff))]
    values = _values(request)
    try:
        asked, found = _read(request, db, staff)
    except InvalidInput as error:
        return invalid(request, "figures/page.html", error, values=values, choices=choices, found=None)
    if not any(k.endswith("-day") for k in values):
        values |= {k: v for k, v in asked.params() if k != "establishments"}
    names = [*found.names.values()]
    charts = [
        bar_chart(
            key,
            f"{words}, {found.start:%-d %b %Y} to {found.end:%-d %b %Y}",
            [(name, getattr(f, key)) for name, f in zip(names, found.each.values(), strict=True)],
        )
        for key, words in HEADLINE
        if key in CHARTED
    ]
    return render(
        request,
        "figures/page.html",
        values=values,
        choices=choices,
        found=found,
        lines=lines(found.each, found.total),
        charts=charts,
        query=asked.params(),
    )


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@router.get("/figures.csv")
def figures_csv(request: Request, db: Reader, staff: Reading) -> Response:
    try:
        asked, found = _read(request, db, staff)
    except InvalidInput as error:
        raise Refused(400, error.message) from None
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["from", asked.start.isoformat(), "to", asked.end.isoformat()])
    writer.writerow(["section", "figure", *found.each, "total"])
    for line in lines(found.each, found.total):
        writer.writerow([_cell(line.section), _cell(line.label), *(_cell(v) for v in line.values)])
    name = f"national-figures-{asked.start.isoformat()}-to-{asked.end.isoformat()}.csv"
    return Response(
        out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{name}"'},
    )


@router.get("/figures.pdf")
def figures_pdf(request: Request, db: Reader, staff: Reading) -> Response:
    from visitorcentre.printing.estate_figures import estate_figures_pdf

    try:
        asked, found = _read(request, db, staff)
    except InvalidInput as error:
        raise Refused(400, error.message) from None
    pdf = estate_figures_pdf(found, lines(found.each, found.total), now(request), staff.name)
    name = f"national-figures-{asked.start.isoformat()}-to-{asked.end.isoformat()}.pdf"
    return Response(pdf, media_type="application/pdf", headers={"content-disposition": f'inline; filename="{name}"'})
