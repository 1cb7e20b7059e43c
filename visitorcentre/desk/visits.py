"""``desk.visits``: finding families, booking, checking in, the day's visits (services.visits, db.queries,
db.session_queries and db.people_queries).

Search asks the desk's own plain sqlite3 connection (``ctx.reader``, db/direct/desk_reader.py),
which keeps today's expected visitors until the records change (this desk's writes, a sync,
another desk on the same file) or the day or establishment does.
"""

from __future__ import annotations

from datetime import date

from visitorcentre.config import settings
from visitorcentre.core.evacuation import EvacuationList
from visitorcentre.core.views import (
    LinkedVisitor,
    PrisonerBrief,
    ReviewFlag,
    SessionSummary,
    VisitBrief,
    VisitDetail,
    VisitorHit,
)
from visitorcentre.db import evacuation_queries, people_queries, queries, review_queries, session_queries
from visitorcentre.db.direct import search as direct_search
from visitorcentre.desk import quick_reads
from visitorcentre.desk.area import Area, action, query, same_as
from visitorcentre.services.visits import bookings, review, visitors
from visitorcentre.services.visits import check_in as arrivals


class Visits(Area):
    """Visits and visitors at this desk."""

    # --- reading ---------------------------------------------------------------------------------

    @same_as(direct_search.search)
    def search(self, text: str, limit: int = 20) -> list[VisitorHit]:
        return quick_reads.search(self.ctx, text, limit)

    @same_as(direct_search.nearest_visits)
    def nearest_visits(self, visitor_id: str) -> tuple[VisitBrief, ...]:
        return quick_reads.nearest_visits(self.ctx, visitor_id)

    @same_as(session_queries.sessions_on)
    def today(self, day: date | None = None) -> list[SessionSummary]:
        return quick_reads.today(self.ctx, day)  # the reader's answer (db/direct/sessions.py): the same

    @same_as(session_queries.bookable_sessions)
    def bookable_sessions(self, today_only: bool = False) -> list[SessionSummary]:
        with self.ctx.reading() as session:
            days = 0 if today_only else settings.get(session, settings.BOOKING_DAYS_AHEAD)
            return session_queries.bookable_sessions(session, self.ctx.establishment, self.ctx.clock.now(), days)

    @same_as(queries.visit_detail)
    def visit(self, visit_id: str) -> VisitDetail | None:
        with self.ctx.reading() as session:
            return queries.visit_detail(session, visit_id, self.ctx.clock.now())

    @same_as(queries.upcoming_visit_for)
    def visit_for_visitor(self, visitor_id: str) -> str | None:
        with self.ctx.reading() as session:
            return queries.upcoming_visit_for(session, visitor_id, self.ctx.clock.today(), self.ctx.establishment)

    @same_as(people_queries.find_prisoners)
    def find_prisoners(self, text: str) -> list[PrisonerBrief]:
        with self.ctx.reading() as session:
            return people_queries.find_prisoners(session, text, self.ctx.establishment, day=self.ctx.clock.today())

    @same_as(people_queries.linked_visitors)
    def linked_visitors(self, prisoner_id: str) -> list[LinkedVisitor]:
        with self.ctx.reading() as session:
            return people_queries.linked_visitors(session, prisoner_id, self.ctx.clock.today())

    @same_as(review_queries.open_reviews)
    def needing_review(self) -> list[ReviewFlag]:
        with self.ctx.reading() as session:
            return review_queries.open_reviews(session, self.ctx.establishment, self.ctx.clock.today())

    @same_as(review_queries.open_review_count)
    def needing_review_count(self) -> int:
        with self.ctx.reading() as session:
            return review_queries.open_review_count(session, self.ctx.establishment, self.ctx.clock.today())

    @same_as(review_queries.nearest_with_places)
    def nearest_sessions(self, visit_id: str, count: int = 3) -> list[SessionSummary]:
        with self.ctx.reading() as session:
            return review_queries.nearest_with_places(session, visit_id, self.ctx.clock.now(), count)

    reviews_of_visit = query(review_queries.reviews_of_visit)

    def review_letter_pdf(self, review_id: str) -> bytes:
        """The letter telling the family their booking changed or needs their call, in their language."""
        from visitorcentre.printing.review_letter import review_letter_pdf

        with self.ctx.reading() as session:
            letter = review_queries.family_letter(session, review_id, self.ctx.clock.now())
        return review_letter_pdf(letter, self.ctx.clock.today())

    @same_as(evacuation_queries.in_building)
    def in_building(self) -> EvacuationList:
        """Everyone in the building now at this desk's establishment (the evacuation list)."""
        with self.ctx.reading() as session:
            return evacuation_queries.in_building(session, self.ctx.establishment, self.ctx.clock.now())

    def evacuation_pdf(self) -> bytes:
        """The evacuation list as a PDF, made now."""
        from visitorcentre.printing.evacuation import evacuation_pdf

        return evacuation_pdf(self.in_building(), self.ctx.actor.name)

    visit_for_scan = query(queries.visit_id_for_reference)
    prisoners_of = query(people_queries.prisoners_of_visitor)
    visitor_record = query(people_queries.visitor_record)

    # --- actions ---------------------------------------------------------------------------------

    book_visit = action(bookings.book_visit)
    walk_in = action(bookings.walk_in)
    cancel = action(bookings.cancel_visit)
    resolve_review = action(review.resolve_review)
    cancel_for_review = action(review.cancel_for_review)
    move_booking = action(review.move_booking)
    change_party = action(review.change_party)
    approve_child_visit = action(bookings.approve_child_visit)
    check_in = action(arrivals.check_in)
    refuse = action(arrivals.refuse_person)
    enter_hall = action(arrivals.enter_hall)
    check_out = action(arrivals.check_out)
    no_show = action(arrivals.mark_no_show)
    register_visitor = action(visitors.register_visitor)
    edit_visitor = action(visitors.edit_visitor)
    link_visitor = action(visitors.link_visitor)
    set_family_language = action(visitors.set_family_language)
