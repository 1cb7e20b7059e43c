"""``desk.costs``: help with the cost of prison visits (services.cost_of_visits, core.cost_of_visits).

Every quote uses the scheme's rates as the centre sent them to this desk (db.scheme_rates: the rates in
force on the visit's date for the prison's nation; the data file only until the first table arrives);
the rules themselves are pure.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from visitorcentre.core.cost_of_visits import rules
from visitorcentre.core.cost_of_visits.rates import RateTable
from visitorcentre.core.cost_of_visits.views import (
    ApplicationBrief,
    ApplicationForm,
    ApplicationView,
    Attachment,
    InformationRequest,
    Quote,
)
from visitorcentre.core.errors import InvalidInput
from visitorcentre.db import cost_of_visits as store
from visitorcentre.db import cost_requests
from visitorcentre.db.scheme_rates import rates_in_force
from visitorcentre.desk.area import Area, same_as
from visitorcentre.i18n import _
from visitorcentre.services.cost_of_visits import applications, start


class Costs(Area):
    """Applications for help with the cost of visits, made at this desk."""

    @same_as(start.new_form)
    def start(self, visit_id: str | None = None, visitor_id: str | None = None) -> ApplicationForm:
        if not visit_id and not visitor_id:
            raise InvalidInput(_("Start an application from a visit or a visitor."), "visit")
        ctx = self.ctx
        with ctx.reading() as session:
            return start.new_form(session, ctx.clock.today(), ctx.establishment, visit_id, visitor_id)

    def rates(self) -> RateTable:
        """The scheme's rates this desk quotes with (the centre's, once received; else the data file)."""
        with self.ctx.reading() as session:
            return rates_in_force(session)

    @same_as(rules.quote)
    def quote(self, form: ApplicationForm) -> Quote:
        return rules.quote(form, self.rates())

    @same_as(applications.save_draft)
    def save(self, form: ApplicationForm) -> str:
        return applications.save_draft(self.ctx.unit_of_work(), form, self.rates())

    @same_as(applications.submit)
    def submit(self, application_id: str) -> None:
        applications.submit(self.ctx.unit_of_work(), application_id, self.rates())

    @same_as(applications.attach)
    def attach(self, application_id: str, path: Path, kind: str, expense_index: int | None = None) -> Attachment:
        attachment_id = applications.attach(
            self.ctx.unit_of_work(), application_id, Path(path), kind, expense_index, self.rates()
        )
        with self.ctx.reading() as session:
            return next(a for a in store.attachments_of(session, application_id) if a.id == attachment_id)

    @same_as(store.application_view)
    def application(self, application_id: str) -> ApplicationView:
        with self.ctx.reading() as session:
            row = applications.application(session, application_id)
            return store.application_view(session, row, rates_in_force(session))

    @same_as(store.briefs)
    def applications(self, visitor_id: str | None = None) -> list[ApplicationBrief]:
        with self.ctx.reading() as session:
            return store.briefs(session, self.ctx.establishment or None, visitor_id)

    def summary_pdf(self, application_id: str) -> bytes:
        """The printed summary for the family (A4 PDF): see printing.cost_of_visits_summary.render."""
        from visitorcentre.printing import cost_of_visits_summary

        return cost_of_visits_summary.render(self.application(application_id), self.ctx.clock.today())

    def letter_pdf(self, application_id: str) -> bytes:
        """The letter telling the family the central team's decision (A4 PDF): see printing.cost_of_visits_letter."""
        from visitorcentre.printing import cost_of_visits_letter

        return cost_of_visits_letter.render(self.application(application_id), self.ctx.clock.today())

    @same_as(cost_requests.information_requests)
    def information_requests(self, visitor_ids: list[str] | None = None) -> list[InformationRequest]:
        with self.ctx.reading() as session:
            return cost_requests.information_requests(session, self.ctx.establishment or None, visitor_ids)

    @same_as(cost_requests.information_request_count)
    def information_request_count(self) -> int:
        with self.ctx.reading() as session:
            return cost_requests.information_request_count(session, self.ctx.establishment or None)

    @same_as(store.totals)
    def totals(self, start: date, end: date) -> dict:
        with self.ctx.reading() as session:
            return store.totals(session, self.ctx.establishment or None, start, end)
