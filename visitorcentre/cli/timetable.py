"""``server-admin make-sessions``: the visiting timetable's dated sessions made some weeks ahead, for a nightly job."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from visitorcentre.server.centre import timetable
from visitorcentre.server.centre.reach import Reach


def run_make_sessions(args, engine: Engine, now: datetime) -> int:
    """Make the coming weeks at each establishment with weekly sessions (or only ``--establishment``)."""
    reach = Reach.national("server-admin")
    with Session(engine) as session, session.begin():
        codes = [args.establishment.upper()] if args.establishment else timetable.establishments_with_templates(session)
        if args.establishment:
            timetable.known_establishment(session, reach, codes[0])
        made = {code: timetable.make_sessions(session, reach, code, now.date(), now, args.weeks) for code in codes}
    if not made:
        print("No establishment has weekly sessions yet.")
    for code, result in made.items():
        line = (
            f"{code}: {result.created} new, {result.changed} changed, {result.closed} closed, "
            f"{result.unchanged} already right."
        )
        if result.kept:
            line += f" {len(result.kept)} with visits booked left as they were: see the console's timetable."
        print(line)
    return 0
