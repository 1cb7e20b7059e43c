"""Feedback (validation, anonymity, audit), "you said, we did" (managers only), support needs, virtual visits,
the support directory, and the poster and directory PDFs."""

from __future__ import annotations

import io
from datetime import time, timedelta

import pypdfium2 as pdfium
import pytest
from sqlalchemy import func, select

from tests.conftest import TODAY, _stamp
from visitorcentre.core.engagement import COMMENT_LIMIT, SUPPORT_NEEDS
from visitorcentre.core.errors import InvalidInput, NotAllowed
from visitorcentre.core.staff import Actor
from visitorcentre.db import models as m
from visitorcentre.desk import Desk, open_desk


def pdf_text(pdf: bytes) -> str:
    document = pdfium.PdfDocument(io.BytesIO(pdf))
    return "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))


def count(desk: Desk, model) -> int:
    with desk.ctx.reading() as session:
        return session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def desk_worker(world):
    desk = open_desk(world.desk.ctx.db_path, actor=Actor("Desk Worker", "desk"), clock=world.clock, establishment="BAR")
    yield desk
    desk.close()


@pytest.fixture
def booked(world):
    ref = world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.mum, world.child])
    return world.desk.visits.visit_for_scan(ref)


class TestLeavingFeedback:
    @pytest.mark.parametrize("rating", [0, 6, -1, True, "4", 3.5, None])
    def test_a_rating_must_be_a_face_from_one_to_five(self, world, rating):
        with pytest.raises(InvalidInput) as caught:
            world.desk.engagement.leave_feedback(rating, "hello")
        assert caught.value.field == "rating"
        assert count(world.desk, m.Feedback) == 0

    def test_a_comment_has_a_length_limit(self, world):
        world.desk.engagement.leave_feedback(4, "x" * COMMENT_LIMIT)
        with pytest.raises(InvalidInput) as caught:
            world.desk.engagement.leave_feedback(4, "x" * (COMMENT_LIMIT + 1))
        assert caught.value.field == "comment"
        assert count(world.desk, m.Feedback) == 1

    def test_anonymous_feedback_keeps_no_name_and_no_visit(self, world, booked):
        fid = world.desk.engagement.leave_feedback(5, "  Lovely staff  ", visit_id=booked, name="Siobhán")
        [shown] = world.desk.engagement.feedback(TODAY, TODAY)
        assert shown.id == fid and shown.anonymous and shown.name == "" and shown.visit_reference == ""
        assert shown.comment == "Lovely staff" and shown.rating == 5 and shown.session_kind == "family"
        with world.desk.ctx.reading() as session:
            row = session.get(m.Feedback, fid)
            assert row.visit_id is None and row.name == ""
            ops = session.scalars(select(m.OutboxOp).where(m.OutboxOp.row_id == fid)).all()
            assert ops and all("Siobh" not in str(op.payload) and op.payload["visit_id"] is None for op in ops)

    def test_named_feedback_needs_a_name_and_keeps_the_visit(self, world, booked):
        with pytest.raises(InvalidInput) as caught:
            world.desk.engagement.leave_feedback(3, "ok", visit_id=booked, anonymous=False, name="  ")
        assert caught.value.field == "name"
        world.desk.engagement.leave_feedback(3, "ok", visit_id=booked, anonymous=False, name=" Siobhán   MacDonald ")
        [shown] = world.desk.engagement.feedback(TODAY, TODAY)
        assert not shown.anonymous and shown.name == "Siobhán MacDonald"
        assert shown.visit_reference == world.desk.visits.visit(booked).reference

    def test_an_unknown_visit_is_refused(self, world):
        with pytest.raises(InvalidInput) as caught:
            world.desk.engagement.leave_feedback(3, visit_id="no-such-visit")
        assert caught.value.field == "visit"
        assert count(world.desk, m.Feedback) == 0

    def test_a_child_can_leave_feedback_and_no_staff_role_is_needed(self, desk_worker):
        desk_worker.engagement.leave_feedback(5, "I liked the toys", by_child=True)
        [shown] = desk_worker.engagement.feedback(TODAY, TODAY)
        assert shown.by_child and shown.rating == 5

    def test_audit_and_outbox_say_what_was_left_but_not_who_or_what_they_wrote(self, world):
        fid = world.desk.engagement.leave_feedback(2, "The wait was awful", anonymous=False, name="Kasia")
        with world.desk.ctx.reading() as session:
            [audit] = session.scalars(select(m.AuditEvent).where(m.AuditEvent.entity_id == fid)).all()
            assert audit.action == "leave_feedback" and audit.entity == "feedback"
            assert "Kasia" not in audit.summary + str(audit.detail) and "awful" not in audit.summary
            assert session.scalar(select(func.count()).select_from(m.OutboxOp).where(m.OutboxOp.row_id == fid)) == 1

    def test_feedback_lists_by_date_and_establishment(self, world):
        world.desk.engagement.leave_feedback(4)
        assert len(world.desk.engagement.feedback(TODAY, TODAY + timedelta(days=3))) == 1
        assert world.desk.engagement.feedback(TODAY - timedelta(days=9), TODAY - timedelta(days=1)) == []
        assert world.desk.engagement.feedback(TODAY, TODAY, establishment="GRE") == []
        with pytest.raises(InvalidInput):
            world.desk.engagement.feedback(TODAY, TODAY - timedelta(days=1))


class TestYouSaidWeDid:
    def test_only_a_manager_can_respond(self, world, desk_worker):
        fid = desk_worker.engagement.leave_feedback(2, "Long queue")
        with pytest.raises(NotAllowed):
            desk_worker.engagement.respond_to_feedback("Queues", "Long queue", "Second worker", [fid])
        assert count(world.desk, m.FeedbackResponse) == 0
        rid = world.desk.engagement.respond_to_feedback(
            "Queues", "You waited too long.", "We added a second worker.", [fid]
        )
        [shown] = world.desk.engagement.you_said_we_did()
        assert shown.id == rid and shown.feedback_ids == (fid,) and shown.responded_by == "Test Worker"
        assert shown.responded_on == TODAY
        assert world.desk.engagement.feedback(TODAY, TODAY)[0].responded
        assert world.desk.engagement.you_said_we_did("GRE") == []

    @pytest.mark.parametrize(
        "field, args",
        [
            ("theme", ("", "said", "did")),
            ("you_said", ("Theme", " ", "did")),
            ("we_did", ("Theme", "said", "")),
            ("theme", ("T" * 81, "said", "did")),
            ("we_did", ("Theme", "said", "d" * 501)),
        ],
    )
    def test_each_part_is_required_and_limited(self, world, field, args):
        with pytest.raises(InvalidInput) as caught:
            world.desk.engagement.respond_to_feedback(*args)
        assert caught.value.field == field

    def test_an_unknown_feedback_id_writes_nothing(self, world):
        fid = world.desk.engagement.leave_feedback(2)
        with pytest.raises(InvalidInput) as caught:
            world.desk.engagement.respond_to_feedback("Theme", "said", "did", [fid, "nope"])
        assert caught.value.field == "feedback_ids"
        assert count(world.desk, m.FeedbackResponse) == 0
        assert not world.desk.engagement.feedback(TODAY, TODAY)[0].responded
        with world.desk.ctx.reading() as session:
            assert (
                session.scalar(
                    select(func.count()).select_from(m.AuditEvent).where(m.AuditEvent.action == "respond_to_feedback")
                )
                == 0
            )

    def test_the_response_is_audited_and_queued(self, world):
        fid = world.desk.engagement.leave_feedback(2)
        rid = world.desk.engagement.respond_to_feedback("Lockers", "Broken lockers", "Fixed them", [fid])
        with world.desk.ctx.reading() as session:
            assert (
                session.scalar(select(m.AuditEvent.action).where(m.AuditEvent.entity_id == rid))
                == "respond_to_feedback"
            )
            entities = {
                op.entity for op in session.scalars(select(m.OutboxOp).where(m.OutboxOp.row_id.in_([rid, fid])))
            }
            assert entities == {"feedback", "feedback_response"}

    def test_the_poster_shows_the_responses(self, world):
        world.desk.engagement.respond_to_feedback(
            "Lockers", "The lockers kept your coins.", "We repaired every locker."
        )
        text = pdf_text(world.desk.engagement.you_said_we_did_poster_pdf())
        for words in (
            "You said, we did",
            "HMP Barlinnie",
            "Lockers",
            "The lockers kept your coins.",
            "We repaired every locker.",
        ):
            assert words in text
        assert "Nothing to show yet" in pdf_text(world.desk.engagement.you_said_we_did_poster_pdf("GRE"))
        with pytest.raises(InvalidInput):
            world.desk.engagement.you_said_we_did_poster_pdf("XXX")


class TestSupportDirectory:
    def test_national_services_are_there_without_any_data(self, world):
        services = world.desk.engagement.support_services()
        helpline = next(s for s in services if s.category == "helpline")
        assert helpline.name.startswith("Families Outside") and helpline.phone == "0800 254 0088"
        assert {"helpline", "financial", "children", "bereavement"} <= {s.category for s in services}
        assert any("cost of prison visits" in s.name for s in services)

    def test_local_services_belong_to_their_establishment(self, world):
        with world.desk.ctx.write_sessions() as session:
            session.add(
                _stamp(
                    m.SupportServiceRow(
                        name="Barlinnie Visitor Centre",
                        category="visitor_centre",
                        description="Tea and a chat",
                        phone="0141 770 2059",
                        website="",
                        hours="",
                        national=False,
                        position=1,
                    )
                )
            )
            session.commit()
        assert any(
            s.name == "Barlinnie Visitor Centre" and not s.national for s in world.desk.engagement.support_services()
        )
        assert not any(s.name == "Barlinnie Visitor Centre" for s in world.desk.engagement.support_services("GRE"))
        text = pdf_text(world.desk.engagement.support_directory_pdf())
        for words in (
            "Support for families",
            "HMP Barlinnie",
            "0800 254 0088",
            "Barlinnie Visitor Centre",
            "Bereavement",
        ):
            assert words in text


class TestSupportNeeds:
    def test_needs_recorded_at_booking_are_shown_at_check_in(self, world):
        ref = world.desk.visits.book_visit(
            world.session_tomorrow,
            world.prisoner,
            [world.mum],
            support_needs=("quiet_space", " familiarisation ", "", "quiet_space", "Our son is autistic"),
        )
        detail = world.desk.visits.visit(world.desk.visits.visit_for_scan(ref))
        assert detail.support_needs == ("quiet_space", "familiarisation", "Our son is autistic")
        assert set(SUPPORT_NEEDS) >= {"sensory_aids", "quiet_space", "familiarisation"}
        with world.desk.ctx.reading() as session:
            audit = session.scalar(select(m.AuditEvent).where(m.AuditEvent.action == "book_visit"))
            assert audit.detail["support_needs"][0] == "quiet_space"

    def test_a_walk_in_can_have_needs_and_old_calls_still_work(self, world):
        ref = world.desk.visits.walk_in(
            world.session_today, world.prisoner, [world.mum], support_needs=("sensory_aids",)
        )
        assert world.desk.visits.visit(world.desk.visits.visit_for_scan(ref)).support_needs == ("sensory_aids",)
        plain = world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.gran])
        assert world.desk.visits.visit(world.desk.visits.visit_for_scan(plain)).support_needs == ()

    def test_an_over_long_need_books_nothing(self, world):
        with pytest.raises(InvalidInput) as caught:
            world.desk.visits.book_visit(
                world.session_tomorrow, world.prisoner, [world.mum], support_needs=("x" * 201,)
            )
        assert caught.value.field == "support_needs"
        assert count(world.desk, m.Visit) == 0


@pytest.fixture
def virtual_visit(world):
    with world.desk.ctx.write_sessions() as session:
        session.add(
            _stamp(
                m.VisitSession(
                    id="ses-video",
                    date=TODAY,
                    starts_at=time(14),
                    ends_at=time(14, 30),
                    room="Video Suite",
                    kind="virtual",
                    capacity=6,
                    details="Join on the tablet in the visitor centre.",
                )
            )
        )
        session.commit()
    ref = world.desk.visits.book_visit("ses-video", world.prisoner, [world.mum])
    return world.desk.visits.visit_for_scan(ref)


class TestVirtualVisits:
    def test_joining_details_no_hall_no_pass(self, world, virtual_visit):
        detail = world.desk.visits.visit(virtual_visit)
        assert detail.virtual and detail.joining_details == "Join on the tablet in the visitor centre."
        world.desk.visits.check_in(virtual_visit)
        with pytest.raises(NotAllowed, match="virtual visit"):
            world.desk.passes.issue_pass(virtual_visit)
        with pytest.raises(NotAllowed, match="virtual visit"):
            world.desk.visits.enter_hall(virtual_visit)
        assert world.desk.passes.pass_status(virtual_visit).times_printed == 0

    def test_an_ordinary_visit_has_no_joining_details(self, world, booked):
        detail = world.desk.visits.visit(booked)
        assert not detail.virtual and detail.joining_details == ""
