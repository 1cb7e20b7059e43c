"""``desk.passes``: printing, previewing and voiding visit passes, the day list, and the hall door.

Loaded the first time a pass is printed or scanned: passes bring in cryptography and reportlab.
"""

from __future__ import annotations

from datetime import date

from visitorcentre.core.views import DoorVerdict
from visitorcentre.desk.area import Area, action, query, same_as
from visitorcentre.services.passes import day_passes, hall_door, pass_verdict, visit_passes


class Passes(Area):
    """Visit passes and the hall door at this desk."""

    pass_status = query(visit_passes.pass_status)
    issue_pass = action(visit_passes.issue_pass)
    void_pass = action(visit_passes.void_pass)

    @same_as(visit_passes.preview)
    def preview_pass(self, visit_id: str, layout: str = "a6") -> bytes:
        with self.ctx.reading() as session:
            return visit_passes.preview(session, visit_id, layout, self.ctx.clock.now())

    @same_as(day_passes.issue_day_passes)
    def issue_day_passes(self, day: date, layout: str = "a6", reprint_reason: str = "") -> day_passes.DayPasses:
        ctx = self.ctx
        return day_passes.issue_day_passes(ctx.unit_of_work(), day, ctx.establishment, layout, reprint_reason)

    @same_as(day_passes.preview_day_passes)
    def preview_day_passes(self, day: date, layout: str = "a6") -> day_passes.DayPasses:
        ctx = self.ctx
        with ctx.reading() as session:
            return day_passes.preview_day_passes(session, day, ctx.establishment, layout, ctx.clock.now())

    @same_as(day_passes.printed_before)
    def printed_before_on(self, day: date) -> int:
        with self.ctx.reading() as session:
            return day_passes.printed_before(session, day, self.ctx.establishment)

    @same_as(visit_passes.day_list)
    def day_list_pdf(self, day: date, establishment: str | None = None, every_establishment: bool = False) -> bytes:
        ctx = self.ctx
        code = None if every_establishment else (establishment or ctx.establishment)
        with ctx.reading() as session:
            return visit_passes.day_list(session, day, code, ctx.clock.now(), ctx.actor.name)

    @same_as(hall_door.door_scan)
    def door_scan(self, text: str) -> DoorVerdict:
        ctx = self.ctx
        return hall_door.door_scan(ctx.reading, ctx.unit_of_work, text, ctx.establishment, ctx.clock.today())

    @same_as(pass_verdict.pass_verdict)
    def verify_token(self, text: str, establishment: str | None = None) -> DoorVerdict:
        with self.ctx.reading() as session:
            return pass_verdict.pass_verdict(
                session, text, establishment or self.ctx.establishment, self.ctx.clock.today()
            )
