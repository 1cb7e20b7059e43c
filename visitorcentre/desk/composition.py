"""The one composition root: a Desk is its context and its areas, the way Anki's collection has ``col.decks``.

``open_desk(path, actor=..., clock=..., establishment=...)`` opens the database (migrating it,
with a backup first) and hands back the Desk the UI and the command line work with:
``desk.visits.check_in(visit_id)``, ``desk.passes.issue_pass(visit_id)``, ``desk.ctx.actor``.
Each area is loaded on first use, so a desk that never prints a pass never loads reportlab.
Nothing connects at import time; tests and the command line open their own Desk with another
database, clock or staff member.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from visitorcentre.core.clock import Clock
from visitorcentre.core.staff import Actor
from visitorcentre.desk.context import DeskContext

if TYPE_CHECKING:
    from visitorcentre.desk.advice import Advice
    from visitorcentre.desk.costs import Costs
    from visitorcentre.desk.engagement import Engagement
    from visitorcentre.desk.passes import Passes
    from visitorcentre.desk.records import Records
    from visitorcentre.desk.settings import DeskSettings
    from visitorcentre.desk.staff import Staff
    from visitorcentre.desk.sync import Sync
    from visitorcentre.desk.visits import Visits

#: The desk's areas, as attributes of a Desk.
AREAS = ("visits", "passes", "costs", "advice", "engagement", "records", "sync", "staff", "settings")


class Desk:
    """The desk's areas for one database, one staff member and one establishment (all held by ``ctx``)."""

    def __init__(self, ctx: DeskContext):
        self.ctx = ctx

    def close(self) -> None:
        self.ctx.close()

    @cached_property
    def visits(self) -> Visits:
        from visitorcentre.desk.visits import Visits

        return Visits(self.ctx)

    @cached_property
    def passes(self) -> Passes:
        from visitorcentre.desk.passes import Passes

        return Passes(self.ctx)

    @cached_property
    def costs(self) -> Costs:
        from visitorcentre.desk.costs import Costs

        return Costs(self.ctx)

    @cached_property
    def advice(self) -> Advice:
        from visitorcentre.desk.advice import Advice

        return Advice(self.ctx)

    @cached_property
    def engagement(self) -> Engagement:
        from visitorcentre.desk.engagement import Engagement

        return Engagement(self.ctx)

    @cached_property
    def records(self) -> Records:
        from visitorcentre.desk.records import Records

        return Records(self.ctx)

    @cached_property
    def sync(self) -> Sync:
        from visitorcentre.desk.sync import Sync

        return Sync(self.ctx)

    @cached_property
    def staff(self) -> Staff:
        from visitorcentre.desk.staff import Staff

        return Staff(self.ctx)

    @cached_property
    def settings(self) -> DeskSettings:
        from visitorcentre.desk.settings import DeskSettings

        return DeskSettings(self.ctx)


def open_desk(
    db_path: Path | str,
    actor: Actor | None = None,
    clock: Clock | None = None,
    establishment: str | None = None,
    migrate: bool = True,
) -> Desk:
    """The Desk for ``db_path`` (creating and migrating the database as needed)."""
    return Desk(DeskContext(db_path, actor, clock, establishment).open(migrate))
