"""``desk.engagement``: feedback, "you said, we did", support for families and the reports (services.engagement)."""

from __future__ import annotations

from datetime import date

from visitorcentre.core.engagement import FeedbackView, Report, ResponseView, SupportService
from visitorcentre.desk.area import Area, action, same_as
from visitorcentre.printing import report as report_printing
from visitorcentre.services.desk_settings import establishments
from visitorcentre.services.engagement import feedback as engagement
from visitorcentre.services.engagement import reports


class Engagement(Area):
    """Family engagement at this desk; ``establishment=None`` means the desk's own."""

    leave_feedback = action(engagement.leave_feedback)
    respond_to_feedback = action(engagement.respond)

    @same_as(engagement.feedback)
    def feedback(self, start: date, end: date, establishment: str | None = None) -> list[FeedbackView]:
        with self.ctx.reading() as session:
            return engagement.feedback(session, start, end, establishment or self.ctx.establishment)

    @same_as(engagement.responses)
    def you_said_we_did(self, establishment: str | None = None) -> list[ResponseView]:
        with self.ctx.reading() as session:
            return engagement.responses(session, establishment or self.ctx.establishment)

    @same_as(engagement.poster)
    def you_said_we_did_poster_pdf(self, establishment: str | None = None) -> bytes:
        with self.ctx.reading() as session:
            return engagement.poster(session, establishment or self.ctx.establishment, self.ctx.clock.today())

    @same_as(engagement.support_services)
    def support_services(self, establishment: str | None = None) -> list[SupportService]:
        with self.ctx.reading() as session:
            return engagement.support_services(session, establishment or self.ctx.establishment)

    @same_as(engagement.directory)
    def support_directory_pdf(self, establishment: str | None = None, language: str = "en") -> bytes:
        with self.ctx.reading() as session:
            return engagement.directory(
                session, establishment or self.ctx.establishment, self.ctx.clock.today(), language
            )

    @same_as(reports.report)
    def report(self, start: date, end: date, establishment: str | None = None) -> Report:
        # None here is every establishment, as on the day lists.
        with self.ctx.reading() as session:
            return reports.report(session, start, end, establishment)

    report_csv = staticmethod(reports.to_csv)

    @same_as(report_printing.report_pdf)
    def report_pdf(self, report: Report, charts: dict[str, bytes] | None = None) -> bytes:
        return report_printing.report_pdf(
            report, self._establishment_label(report.establishment), charts, self.ctx.clock.now()
        )

    def _establishment_label(self, code: str | None) -> str:
        if code is None:
            return "Every establishment"
        with self.ctx.reading() as session:
            return dict(establishments(session)).get(code, code)
