"""The one composition root: opens the database, and hands the UI and CLI a Desk to work with.

Nothing connects at import time; tests and the command line build their own Desk with another
database, clock or staff member.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from visitorcentre.config import settings
from visitorcentre.core.advice import AdviceChecklist, AdviceRuleDraft, AdviceRuleView
from visitorcentre.core.engagement import FeedbackView, Report, ResponseView, SupportService
from visitorcentre.core.errors import InvalidInput
from visitorcentre.core.sync_views import SyncIssue, SyncResult, SyncState
from visitorcentre.core.cost_of_visits.views import ApplicationBrief
from visitorcentre.core.cost_of_visits.views import ApplicationForm
from visitorcentre.core.cost_of_visits.views import ApplicationView
from visitorcentre.core.cost_of_visits.views import Attachment
from visitorcentre.core.cost_of_visits.views import Quote
from visitorcentre.core.kinds import ListStatus, RelationshipKind, VisitSource
from visitorcentre.core.views import (LinkedVisitor, PrisonerBrief, SessionSummary, VisitDetail, VisitorHit,
                                      VisitorRecord)
from visitorcentre.core.visitor_details import VisitorDetails
from visitorcentre.db import engine as db_engine
from visitorcentre.db import models as m
from visitorcentre.db import queries
from visitorcentre.core.cost_of_visits import rules as hcpv_rules
from visitorcentre.db import cost_of_visits as hcpv_store
from visitorcentre.config.scheme_rates import current_rates
from visitorcentre.services.visits import bookings
from visitorcentre.services.visits import check_in
from visitorcentre.services.cost_of_visits import applications as cost_applications
from visitorcentre.services.cost_of_visits import start as hcpv_start
from visitorcentre.services.visits import visitors
from visitorcentre.core.clock import Clock
from visitorcentre.core.staff import Actor
from visitorcentre.services.unit_of_work import UnitOfWork
from visitorcentre.staff_desk import StaffAtTheDesk

if TYPE_CHECKING:  # passes load cryptography and reportlab: only when a pass is printed or scanned
    from visitorcentre.core.passes import PassVerdict
    from visitorcentre.core.views import DoorVerdict, PassStatus


class Desk(StaffAtTheDesk):
    """The desk's data and actions for one database, one staff member and one establishment."""

    def __init__(self, db_path: Path | str, actor: Actor | None = None, clock: Clock | None = None,
                 establishment: str | None = None, migrate: bool = True):
        self.db_path = Path(db_path)
        self.backup_before_migration = db_engine.migrate(self.db_path) if migrate else None
        self.engine = db_engine.make_engine(self.db_path)
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write = sessionmaker(self.engine.execution_options(write=True), expire_on_commit=False)
        self.actor = actor or Actor("Desk")
        self.clock = clock or Clock()
        self.establishment = establishment or self._default_establishment()
        self._writes = 0
        self._today_cache: tuple[tuple, list[tuple[str, str]]] | None = None

    def close(self) -> None:
        self.engine.dispose()

    # --- plumbing --------------------------------------------------------------------------------

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only session (rolled back afterwards)."""
        session = self._read()
        try:
            yield session
        finally:
            session.rollback()
            session.close()

    def uow(self) -> UnitOfWork:
        self._writes += 1  # what was read before this write may be out of date
        return UnitOfWork(self._write, self.actor, self.clock, self.establishment or "")

    def _default_establishment(self) -> str:
        with self.reading() as session:
            chosen = settings.get(session, settings.DESK_ESTABLISHMENT)
            if chosen:
                return chosen
            return session.scalar(select(m.Establishment.code).order_by(m.Establishment.code)) or ""

    def establishments(self) -> list[tuple[str, str]]:
        with self.reading() as session:
            return list(session.execute(select(m.Establishment.code, m.Establishment.name)
                                        .order_by(m.Establishment.name)).all())

    def establishment_name(self) -> str:
        return dict(self.establishments()).get(self.establishment, self.establishment)

    def use_establishment(self, code: str) -> None:
        """Make this desk serve ``code`` from now on."""
        if code not in dict(self.establishments()):
            raise InvalidInput(f"There is no establishment with the code “{code}”.", "establishment")
        with self._write() as session:
            settings.put(session, settings.DESK_ESTABLISHMENT, code)
            session.commit()
        self.establishment = code

    def sync_interval_minutes(self) -> int:
        """How often the desk app syncs with the central server in the background (setting sync.interval_minutes)."""
        with self.reading() as session:
            return settings.sync_interval_minutes(session)

    # --- reading ---------------------------------------------------------------------------------

    def search(self, text: str, limit: int = 20) -> list[VisitorHit]:
        with self.reading() as session:
            return queries.search(session, text, self.clock.today(), self.establishment, limit,
                                  self._expected_today(session))

    def _expected_today(self, session: Session) -> list[tuple[str, str]]:
        """Today's visitors, asked for once per keystroke burst rather than on every keystroke.

        Kept until this desk writes anything, the day or establishment changes, or a minute
        passes (another desk's bookings reach the list within that minute).
        """
        key = (self.clock.today(), self.establishment, self._writes, int(time.monotonic() // 60))
        if self._today_cache is None or self._today_cache[0] != key:
            self._today_cache = (key, queries.visitors_today(session, key[0], self.establishment))
        return self._today_cache[1]

    def today(self, day: date | None = None) -> list[SessionSummary]:
        with self.reading() as session:
            return queries.sessions_on(session, day or self.clock.today(), self.establishment)

    def bookable_sessions(self, today_only: bool = False) -> list[SessionSummary]:
        with self.reading() as session:
            days = 0 if today_only else settings.get(session, settings.BOOKING_DAYS_AHEAD)
            return queries.bookable_sessions(session, self.establishment, self.clock.now(), days)

    def visit(self, visit_id: str) -> VisitDetail | None:
        with self.reading() as session:
            return queries.visit_detail(session, visit_id, self.clock.now())

    def visit_for_scan(self, text: str) -> str | None:
        with self.reading() as session:
            return queries.visit_id_for_reference(session, text)

    def visit_for_visitor(self, visitor_id: str) -> str | None:
        with self.reading() as session:
            return queries.upcoming_visit_for(session, visitor_id, self.clock.today())

    def find_prisoners(self, text: str) -> list[PrisonerBrief]:
        with self.reading() as session:
            return queries.find_prisoners(session, text, self.establishment)

    def prisoners_of(self, visitor_id: str) -> list[PrisonerBrief]:
        with self.reading() as session:
            return queries.prisoners_of_visitor(session, visitor_id)

    def linked_visitors(self, prisoner_id: str) -> list[LinkedVisitor]:
        with self.reading() as session:
            return queries.linked_visitors(session, prisoner_id)

    def visitor_record(self, visitor_id: str) -> VisitorRecord | None:
        with self.reading() as session:
            return queries.visitor_record(session, visitor_id)

    # --- actions (each one transaction through a service) ---------------------------------------

    def book_visit(self, session_id: str, prisoner_id: str, visitor_ids: list[str],
                   source: VisitSource = VisitSource.PHONE, overbook_reason: str = "", notes: str = "",
                   support_needs: tuple[str, ...] = ()) -> str:
        """Book a visit; returns its reference.

        ``support_needs`` are the family's additional support needs: codes of
        core.engagement.SUPPORT_NEEDS ("sensory_aids", "quiet_space", "familiarisation", ...) or
        their own words (at most 200 characters each); shown at check-in (VisitDetail.support_needs).
        Raises InvalidInput (field "support_needs") for an over-long need.
        """
        return bookings.book_visit(self.uow(), session_id, prisoner_id, visitor_ids, source, overbook_reason, notes,
                                   support_needs)

    def walk_in(self, session_id: str, prisoner_id: str, visitor_ids: list[str], overbook_reason: str = "",
                notes: str = "", support_needs: tuple[str, ...] = ()) -> str:
        """A walk-in visit in one of today's sessions (``support_needs`` as book_visit); returns its reference."""
        return bookings.walk_in(self.uow(), session_id, prisoner_id, visitor_ids, overbook_reason, notes,
                                support_needs)

    def cancel(self, visit_id: str, reason: str) -> None:
        bookings.cancel_visit(self.uow(), visit_id, reason)

    def approve_child_visit(self, prisoner_id: str, visitor_id: str, note: str) -> str:
        return bookings.approve_child_visit(self.uow(), prisoner_id, visitor_id, note)

    def check_in(self, visit_id: str, present: list[str] | None = None, late_reason: str = "") -> None:
        check_in.check_in(self.uow(), visit_id, present, late_reason)

    def refuse(self, visit_id: str, visitor_id: str, reason: str) -> None:
        check_in.refuse_person(self.uow(), visit_id, visitor_id, reason)

    def enter_hall(self, visit_id: str) -> None:
        check_in.enter_hall(self.uow(), visit_id)

    def check_out(self, visit_id: str) -> None:
        check_in.check_out(self.uow(), visit_id)

    def no_show(self, visit_id: str) -> None:
        check_in.mark_no_show(self.uow(), visit_id)

    def register_visitor(self, details: VisitorDetails, prisoner_id: str | None = None,
                         kind: RelationshipKind | None = None,
                         list_status: ListStatus = ListStatus.PENDING) -> str:
        return visitors.register_visitor(self.uow(), details, prisoner_id, kind, list_status)

    def edit_visitor(self, visitor_id: str, details: VisitorDetails, expected_version: int) -> None:
        visitors.edit_visitor(self.uow(), visitor_id, details, expected_version)

    def link_visitor(self, visitor_id: str, prisoner_id: str, kind: RelationshipKind,
                     list_status: ListStatus = ListStatus.PENDING) -> str:
        return visitors.link_visitor(self.uow(), visitor_id, prisoner_id, kind, list_status)

    # --- passes and the hall door -----------------------------------------------------------------

    def pass_status(self, visit_id: str) -> PassStatus:
        """Whether the visit's pass was printed (how often, when) or voided."""
        from visitorcentre.services.passes import visit_passes as passes

        with self.reading() as session:
            return passes.pass_status(session, visit_id)

    def issue_pass(self, visit_id: str, layout: str = "a6", reprint_reason: str = "") -> bytes:
        """Print a checked-in visit's pass (recorded); a reprint needs a reason. Returns the PDF."""
        from visitorcentre.services.passes import visit_passes as passes

        return passes.issue_pass(self.uow(), visit_id, layout, reprint_reason)

    def preview_pass(self, visit_id: str, layout: str = "a6") -> bytes:
        """What the pass will look like, marked PREVIEW and with a code the door refuses; records nothing."""
        from visitorcentre.services.passes import visit_passes as passes

        with self.reading() as session:
            return passes.preview(session, visit_id, layout, self.clock.now())

    def void_pass(self, visit_id: str, reason: str) -> None:
        from visitorcentre.services.passes import visit_passes as passes

        passes.void_pass(self.uow(), visit_id, reason)

    def day_list_pdf(self, day: date, establishment: str | None = None, every_establishment: bool = False) -> bytes:
        """The printable day list for ``day`` (this desk's establishment unless another or every one is asked for)."""
        from visitorcentre.services.passes import visit_passes as passes

        code = None if every_establishment else (establishment or self.establishment)
        with self.reading() as session:
            return passes.day_list(session, day, code, self.clock.now(), self.actor.name)

    def door_scan(self, text: str) -> DoorVerdict:
        """Check a pass at the hall door; a good one marks the visit in the hall. Never raises."""
        from visitorcentre.services.passes import hall_door

        return hall_door.door_scan(self.reading, self.uow, text, self.establishment, self.clock.today())

    def verify_token(self, text: str, establishment: str | None = None) -> PassVerdict:
        """Check a pass token with no side effects."""
        from visitorcentre.services.passes import hall_door

        with self.reading() as session:
            return hall_door.verify(session, text, establishment or self.establishment, self.clock.today())

    def printer_for(self, layout: str) -> str:
        """The printer this desk last used for ``layout`` ("a6", "receipt", "a4"); "" when none was chosen."""
        with self.reading() as session:
            return settings.get(session, self._printer_option(layout))

    def remember_printer(self, layout: str, printer_name: str) -> None:
        option = self._printer_option(layout)
        with self._write() as session:
            settings.put(session, option, printer_name)
            session.commit()

    @staticmethod
    def _printer_option(layout: str) -> settings.Option:
        if layout not in settings.PRINTERS:
            raise InvalidInput(f"There is no paper layout “{layout}”.", "layout")
        return settings.PRINTERS[layout]

    # --- help with the cost of visits -----------------------------------------------------------

    def hcpv_start(self, visit_id: str | None = None, visitor_id: str | None = None) -> ApplicationForm:
        """A new (unsaved) application prefilled from a visit, or else from a visitor.

        From a visit: the lead visitor as claimant, the prisoner, the relationship (from the
        visitor's relationship kind), the visit date, the prison's nation and the children in
        the party. From a visitor: the claimant and, when they visit exactly one prisoner, that
        prisoner; the visit date is today. ``claims_in_last_12_months`` is counted from this
        desk's records. Raises NotFound for an unknown visit or visitor, InvalidInput if neither
        is given.
        """
        if not visit_id and not visitor_id:
            raise InvalidInput("Start an application from a visit or a visitor.", "visit")
        with self.reading() as session:
            return hcpv_start.new_form(session, self.clock.today(), self.establishment, visit_id, visitor_id)

    def hcpv_quote(self, form: ApplicationForm) -> Quote:
        """Can they claim, and how much: pure and fast (no database), safe on the GUI thread.

        Raises InvalidInput (``field`` names the value) for a form the rules cannot read, e.g.
        a negative cost or universal credit without the household income.
        """
        return hcpv_rules.quote(form, current_rates())

    def hcpv_save(self, form: ApplicationForm) -> str:
        """Save the form as a draft (new or changed); returns the application id.

        Raises ChangedElsewhere when ``form.version`` is not the stored version, NotAllowed
        once the application has been submitted, InvalidInput for a form that cannot be
        saved (no claimant or prisoner, or another application for the same claimant,
        prisoner and visit date).
        """
        return cost_applications.save_draft(self.uow(), form, current_rates())

    def hcpv_submit(self, application_id: str) -> None:
        """Submit a saved draft to the central team (the amount is quoted again now).

        Raises NotAllowed if it was already submitted or the claim is not eligible, and
        InvalidInput if another application for the same claimant, prisoner and visit date
        was submitted.
        """
        cost_applications.submit(self.uow(), application_id, current_rates())

    def hcpv_attach(self, application_id: str, path: Path, kind: str,
                    expense_index: int | None = None) -> Attachment:
        """Attach a receipt (for the expense at ``expense_index``) or the stamped visit confirmation.

        ``kind`` is "receipt" or "visit_confirmation". The file must be a PNG, JPEG or PDF by
        its content (not its name) and at most 5 MB; it is stored once by SHA-256 in the data
        folder. Attaching marks the expense's receipt (or the confirmation) as received.
        Raises InvalidInput with the reason for a refused file.
        """
        attachment_id = cost_applications.attach(self.uow(), application_id, Path(path), kind, expense_index,
                                                 current_rates())
        with self.reading() as session:
            return next(a for a in hcpv_store.attachments_of(session, application_id) if a.id == attachment_id)

    def hcpv_application(self, application_id: str) -> ApplicationView:
        """One saved application: its form, quote, attachments (with thumbnails) and status history."""
        with self.reading() as session:
            row = cost_applications.application(session, application_id)
            return hcpv_store.application_view(session, row, current_rates())

    def hcpv_applications(self, visitor_id: str | None = None) -> list[ApplicationBrief]:
        """Applications at this establishment (of one claimant if ``visitor_id``), newest first."""
        with self.reading() as session:
            return hcpv_store.briefs(session, self.establishment or None, visitor_id)

    def hcpv_summary_pdf(self, application_id: str) -> bytes:
        """The printed summary for the family (A4 PDF): answers, amounts, what to send by when, declaration."""
        from visitorcentre.printing import cost_of_visits_summary as hcpv_summary

        view = self.hcpv_application(application_id)
        return hcpv_summary.render(view, self.clock.today())

    def hcpv_totals(self, start: date, end: date) -> dict:
        """For reports: applications with a visit date from ``start`` to ``end`` (inclusive), by status.

        ``{"draft": {"count": 2, "total_pence": 4140}, "submitted": {...}, ...}`` with every
        status present, plus ``"all"``.
        """
        with self.reading() as session:
            return hcpv_store.totals(session, self.establishment or None, start, end)


    # --- advice rules, the check-in checklist and leaflets -------------------------------------

    def advice_rules(self, establishment: str | None = None, language: str = "en", include_retired: bool = False,
                     on: date | None = None) -> list[AdviceRuleView]:
        """The rules in force at ``establishment`` (the desk's by default) on ``on`` (today), in position order.

        Texts are in ``language`` ("en", "pl", "gd"); a rule without that translation shows English
        with ``missing_translation`` True. ``include_retired`` adds the retired and superseded
        versions and those starting later (for the manager's editor), after the current ones.
        Raises InvalidInput (field "language") for an unknown language.
        """
        from visitorcentre.services.advice import rules as advice

        with self.reading() as session:
            return advice.rules(session, establishment or self.establishment, language, include_retired,
                                on or self.clock.today())

    def advice_rule_draft(self, rule_id: str) -> AdviceRuleDraft:
        """The rule version ``rule_id`` as a draft for the editor, with every translation. NotFound if unknown."""
        from visitorcentre.services.advice import rules as advice

        with self.reading() as session:
            return advice.draft_of(session, rule_id)

    def add_advice_rule(self, draft: AdviceRuleDraft) -> str:
        """Add a rule (manager only); returns the new version's id.

        Raises NotAllowed for a desk role; InvalidInput with ``field`` ("text", "easy_read",
        "category", "severity", "pictogram", "effective_from", "translations", "establishment")
        for a draft that cannot be saved. One transaction with audit and outbox.
        """
        from visitorcentre.services.advice import rules as advice

        return advice.add_rule(self.uow(), draft)

    def edit_advice_rule(self, rule_id: str, draft: AdviceRuleDraft, expected_version: int) -> None:
        """Replace the rule by a new version from ``draft.effective_from`` (manager only).

        The old version stays in force until that day. Raises ChangedElsewhere when the row's
        version is not ``expected_version``, NotAllowed for a desk role or a version that was
        already replaced or retired, InvalidInput as add_advice_rule, NotFound for an unknown id.
        """
        from visitorcentre.services.advice import rules as advice

        advice.edit_rule(self.uow(), rule_id, draft, expected_version)

    def retire_advice_rule(self, rule_id: str, reason: str) -> None:
        """Take a rule out of force from today (manager only; the reason is required and audited)."""
        from visitorcentre.services.advice import rules as advice

        advice.retire_rule(self.uow(), rule_id, reason)

    def move_advice_rule(self, rule_id: str, new_position: int) -> None:
        """Move a rule to ``new_position`` (0 = first) among its establishment's live rules (manager only)."""
        from visitorcentre.services.advice import rules as advice

        advice.move_rule(self.uow(), rule_id, new_position)

    def checklist(self, visit_id: str, language: str = "en") -> AdviceChecklist:
        """The short advice to read out at check-in for ``visit_id``, from its establishment's current rules.

        ``first_visit`` is True when someone in the party has no earlier completed visit (``first_timers``
        names them); then
        ``first_visit_guide`` holds the whole guide, step by step. NotFound for an unknown visit.
        """
        from visitorcentre.services.advice import rules as advice

        with self.reading() as session:
            return advice.checklist(session, visit_id, language, self.clock.today())

    def record_advice_given(self, visit_id: str) -> None:
        """Record that the advice was read out for the visit (audit and outbox; a second call does nothing)."""
        from visitorcentre.services.advice import rules as advice

        advice.record_advice_given(self.uow(), visit_id)

    def leaflet_pdf(self, kind: str, establishment: str | None = None, language: str = "en",
                    rules_override: list | None = None) -> bytes:
        """A printed leaflet (A4 PDF): kind is one of LEAFLET_KINDS.

        Dated "rules as of" today and naming the establishment (the desk's by default).
        ``rules_override`` (AdviceRuleView or AdviceRuleDraft items, in order) replaces the stored
        rules, so the editor can preview unsaved changes; drafts show their translation for
        ``language`` or else English. Raises InvalidInput (field "kind", "language" or
        "establishment") for an unknown value. Records nothing.
        """
        from visitorcentre.services.advice import rules as advice

        with self.reading() as session:
            return advice.leaflet(session, kind, establishment or self.establishment, language, rules_override,
                                  self.clock.today())

    # --- family engagement: feedback, "you said, we did", support, reports --------------------

    def leave_feedback(self, rating: int, comment: str = "", visit_id: str | None = None, by_child: bool = False,
                       anonymous: bool = True, name: str = "") -> str:
        """A family's (or a child's) rating and comment after a visit; returns the feedback's id.

        No staff role is needed: it is the family at the desk's feedback screen. ``rating`` is
        1..5 (the face scale of core.engagement.RATINGS). Feedback is anonymous unless they choose
        otherwise: anonymous feedback keeps no name and no link to the visit (only the kind of
        visit it was about and the day). With ``anonymous=False`` a ``name`` is required.
        Raises InvalidInput with ``field`` "rating", "comment" (over COMMENT_LIMIT characters),
        "name" or "visit" (unknown visit). One transaction with audit and outbox.
        """
        from visitorcentre.services.engagement import feedback as engagement

        return engagement.leave_feedback(self.uow(), rating, comment, visit_id, by_child, anonymous, name)

    def feedback(self, start: date, end: date, establishment: str | None = None) -> list[FeedbackView]:
        """Feedback left from ``start`` to ``end`` (both included) at ``establishment`` (the desk's), newest first."""
        from visitorcentre.services.engagement import feedback as engagement

        with self.reading() as session:
            return engagement.feedback(session, start, end, establishment or self.establishment)

    def respond_to_feedback(self, theme: str, you_said: str, we_did: str, feedback_ids: list[str] = ()) -> str:
        """A manager's "you said, we did" response (manager only); returns its id.

        ``feedback_ids`` are the pieces of feedback it answers (they are then marked responded).
        Raises NotAllowed for a desk role; InvalidInput with ``field`` "theme", "you_said",
        "we_did" (empty or too long) or "feedback_ids" (unknown id). Audit and outbox.
        """
        from visitorcentre.services.engagement import feedback as engagement

        return engagement.respond(self.uow(), theme, you_said, we_did, list(feedback_ids))

    def you_said_we_did(self, establishment: str | None = None) -> list[ResponseView]:
        """The "you said, we did" responses of ``establishment`` (the desk's), newest first."""
        from visitorcentre.services.engagement import feedback as engagement

        with self.reading() as session:
            return engagement.responses(session, establishment or self.establishment)

    def you_said_we_did_poster_pdf(self, establishment: str | None = None) -> bytes:
        """The "you said, we did" poster (A4 PDF) for ``establishment`` (the desk's). Records nothing."""
        from visitorcentre.services.engagement import feedback as engagement

        with self.reading() as session:
            return engagement.poster(session, establishment or self.establishment, self.clock.today())

    def support_services(self, establishment: str | None = None) -> list[SupportService]:
        """National and local support for families at ``establishment`` (the desk's), in directory order.

        National services (Families Outside's helpline and the others) come first in each
        category, then the establishment's own. Built-in national services are used when the
        database holds none.
        """
        from visitorcentre.services.engagement import feedback as engagement

        with self.reading() as session:
            return engagement.support_services(session, establishment or self.establishment)

    def support_directory_pdf(self, establishment: str | None = None) -> bytes:
        """The printable support directory (A4 PDF) for ``establishment`` (the desk's). Records nothing."""
        from visitorcentre.services.engagement import feedback as engagement

        with self.reading() as session:
            return engagement.directory(session, establishment or self.establishment, self.clock.today())

    def report(self, start: date, end: date, establishment: str | None = None) -> Report:
        """The figures of family contact from ``start`` to ``end`` (both included).

        ``establishment`` is a code, or None for every establishment (as the day lists).
        Raises InvalidInput (field "end") when ``end`` is before ``start``, and (field
        "establishment") for an unknown code. Read-only; a year of a large demo takes well
        under a second or two.
        """
        from visitorcentre.services.engagement import reports

        with self.reading() as session:
            return reports.report(session, start, end, establishment)

    def report_csv(self, report: Report) -> str:
        """The report as CSV text: a "section,item,value" table, then the weekly series (one row per week)."""
        from visitorcentre.services.engagement import reports

        return reports.to_csv(report)

    def report_pdf(self, report: Report, charts: dict[str, bytes] | None = None) -> bytes:
        """The printable report (A4 PDF): the figures and their charts.

        Charts are drawn with reportlab's own graphics unless ``charts`` supplies PNG images by
        name ("visits_by_kind", "physical_virtual", "first_time", "children", "refusals",
        "no_shows", "advice_given", "cost_applications", "feedback"), which are used instead.
        """
        from visitorcentre.printing import report as report_printing

        return report_printing.report_pdf(report, self._establishment_label(report.establishment), charts,
                                          self.clock.now())

    def _establishment_label(self, code: str | None) -> str:
        if code is None:
            return "Every establishment"
        return dict(self.establishments()).get(code, code)

    # --- keeping personal data: retention, subject access, erasure ------------------------------

    def retention_policy(self):
        """How long this desk keeps each kind of personal data (core.retention.RetentionPolicy)."""
        with self.reading() as session:
            return settings.retention_policy(session)

    def purge(self, dry_run: bool = False):
        """Anonymise what is past retention today, keeping the report figures (manager only).

        One transaction per batch with audit and outbox; receipt files of purged applications are
        deleted afterwards. ``dry_run`` writes nothing and returns the same counts (PurgeResult).
        """
        from visitorcentre.services.records import retention

        return retention.purge(self.reading, self.uow, self.retention_policy(), self.clock.today(), dry_run)

    def export_visitor(self, visitor_id: str) -> dict:
        """Everything held about one person, as JSON-ready data (manager only; audited). NotFound if unknown."""
        from visitorcentre.services.records import subject_access

        return subject_access.export(self.uow(), visitor_id)

    def erase_visitor(self, visitor_id: str, reason: str) -> None:
        """Anonymise one person at their request, keeping the statistics (manager only; audited).

        NotAllowed while they have a visit still booked, a ban in force or an application with the
        central team (the message says what to do); InvalidInput without a reason.
        """
        from visitorcentre.services.records import anonymise
        from visitorcentre.services.records import subject_access

        files = subject_access.erase(self.uow(), visitor_id, reason)
        anonymise.delete_receipt_files(files)

    # --- sync with the central server (visitorcentre.sync) -------------------------------------

    #: The network between this desk and the server: None for the real one; tests put an
    #: in-process server or a faulty network here (any httpx.BaseTransport).
    sync_transport = None

    def sync_state(self) -> SyncState:
        """Enrolled or not, online, last sync, changes waiting, open issues: local reads only, cheap."""
        from visitorcentre.sync import desk_records

        with self.reading() as session:
            return desk_records.state(session)

    def sync_issues(self, include_dismissed: bool = False) -> list[SyncIssue]:
        """What sync could not do by itself, newest first, in words for staff."""
        from visitorcentre.sync import desk_records

        with self.reading() as session:
            return desk_records.issues(session, include_dismissed)

    def dismiss_sync_issue(self, issue_id: str) -> None:
        """Mark an issue as seen (it stays in the list of dismissed issues). NotFound for an unknown id."""
        from visitorcentre.core.errors import NotFound
        from visitorcentre.db.sync_tables import SyncIssueRow

        with self._write() as session:
            row = session.get(SyncIssueRow, issue_id)
            if row is None:
                raise NotFound("There is no such sync issue.", "issue")
            row.dismissed = True
            session.commit()

    def sync_now(self, progress: Callable[[int, int], None] | None = None) -> SyncResult:
        """One sync with the central server (blocking; call it off the GUI thread and off the DB worker).

        ``progress(done, total)`` is called as pulled rows are saved. Raises SyncUnavailable (after
        recording it in the sync state) when the server cannot be reached or refuses this desk.
        """
        from visitorcentre.sync.run import DeskSync

        result = DeskSync(self.engine, self.db_path, self.clock.utcnow, self.sync_transport).run(progress)
        self._writes += 1  # pulled rows may change what the desk read before
        if not self.establishment:
            self.establishment = self._default_establishment()
        return result

    def visit_notes(self, visit_id: str) -> list[str]:
        """Notes the central server added to a visit (e.g. checked in at two desks), oldest first."""
        from visitorcentre.db.sync_tables import VisitNote

        with self.reading() as session:
            return list(session.scalars(select(VisitNote.text).where(VisitNote.visit_id == visit_id)
                                        .order_by(VisitNote.at)))


def open_desk(db_path: Path | str, **kwargs) -> Desk:
    """Build the Desk for ``db_path`` (creating and migrating the database as needed)."""
    return Desk(db_path, **kwargs)
