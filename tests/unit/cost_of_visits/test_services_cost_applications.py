"""Cost-of-visits applications at the desk: start, save, submit, attach, status, list, totals and summary."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from PIL import Image

from tests.conftest import NOW, TODAY, _stamp
from visitorcentre.config import paths
from visitorcentre.core.cost_of_visits.views import Expense
from visitorcentre.core.errors import ChangedElsewhere, InvalidInput, NotAllowed, NotFound
from visitorcentre.db import models as m

YESTERDAY = TODAY - timedelta(days=1)


def past_visit(world, visitors=("vis-mum", "vis-child", "vis-teen"), prisoner="pr-1") -> str:
    """A completed visit yesterday (written directly: booking refuses past sessions)."""
    with world.desk.ctx.write_sessions() as s:
        visit = _stamp(
            m.Visit(
                id=f"visit-{len(visitors)}-{prisoner}",
                reference="H7K2MP",
                session_id="ses-past",
                prisoner_id=prisoner,
                status="completed",
                source="desk",
                booked_at=NOW - timedelta(days=3),
            )
        )
        s.add(visit)
        s.flush()
        for position, visitor in enumerate(visitors):
            s.add(
                _stamp(
                    m.VisitPerson(
                        visit_id=visit.id,
                        visitor_id=visitor,
                        session_date=YESTERDAY,
                        position=position,
                        outcome="checked_in",
                    )
                )
            )
        s.commit()
    return visit.id


def filled(form, **changes):
    """A form a worker has finished: universal credit under the limit, a car journey, parking and a bus."""
    base = replace(
        form,
        claimant=replace(form.claimant, benefit="universal_credit", monthly_household_income_pence=90000),
        hours_away_from_home=Decimal("6.5"),
        expenses=(
            Expense("car", miles_one_way=Decimal(42), return_journey=True),
            Expense("parking", cost_pence=300, receipt=True),
            Expense("bus", cost_pence=420),
        ),
    )
    return replace(base, **changes)


def png_file(tmp_path, name="receipt.png", colour="white", size=(400, 300)):
    path = tmp_path / name
    Image.new("RGB", size, colour).save(path, format="PNG")
    return path


@pytest.fixture
def saved(world):
    form = filled(world.desk.costs.start(visit_id=past_visit(world)))
    return world.desk.costs.save(form)


# --- starting --------------------------------------------------------------------------------------


def test_starting_from_a_visit_fills_in_the_lead_visitor_the_prisoner_and_the_children(world):
    form = world.desk.costs.start(visit_id=past_visit(world))
    assert (form.claimant_id, form.prisoner_id, form.visit_date, form.prison_nation) == (
        "vis-mum",
        "pr-1",
        YESTERDAY,
        "scotland",
    )
    assert form.claimant.relationship == "partner"  # her relationship kind to John
    assert form.claimant.date_of_birth == date(1990, 4, 12)
    assert [(c.visitor_id, c.child_of) for c in form.children] == [("vis-child", "prisoner"), ("vis-teen", "prisoner")]
    assert form.application_date == TODAY and form.claim_type == "past"
    assert form.claims_in_last_12_months == 0
    assert form.application_id is None and form.establishment == "BAR"


def test_starting_from_a_visitor_with_one_prisoner_fills_in_that_prisoner(world):
    form = world.desk.costs.start(visitor_id="vis-gran")
    assert (form.prisoner_id, form.claimant.relationship, form.visit_date) == ("pr-1", "parent", TODAY)


def test_a_friend_is_started_as_a_friend_and_the_quote_says_why_not(world):
    form = world.desk.costs.start(visit_id=past_visit(world, ("vis-pending",)))
    answer = world.desk.costs.quote(filled(form))
    assert form.claimant.relationship == "friend"
    assert answer.reasons == ("relationship",) and answer.explanation[0].startswith("You can't claim because")


def test_starting_needs_a_visit_or_a_visitor(world):
    with pytest.raises(InvalidInput):
        world.desk.costs.start()
    with pytest.raises(NotFound):
        world.desk.costs.start(visitor_id="nobody")


# --- saving ----------------------------------------------------------------------------------------


def test_save_writes_the_draft_its_first_status_and_the_audit_and_outbox_in_one_go(world, ledger):
    form = filled(world.desk.costs.start(visit_id=past_visit(world)))
    ledger.mark()
    application_id = world.desk.costs.save(form)
    event_id = ledger._rows("SELECT id FROM cost_application_event")[0][0]
    ledger.expect(
        audit=[("Test Worker", "start_cost_application", "cost_application", application_id)],
        outbox=[("cost_application", application_id, "insert"), ("cost_application_event", event_id, "insert")],
    )
    view = world.desk.costs.application(application_id)
    assert view.status == "draft" and view.helped_by == "Test Worker"
    assert [e.status for e in view.history] == ["draft"]
    assert view.quote.total_pence == 2520 + 300 + 420 + 3 * 450  # mum and two children for refreshments
    assert view.form.expenses == form.expenses and view.form.children == form.children
    assert view.form.claimant == form.claimant and view.form.version == 1


def test_a_second_save_needs_the_version_it_was_opened_at(world, saved, ledger):
    form = world.desk.costs.application(saved).form
    world.desk.costs.save(replace(form, hours_away_from_home=Decimal(11)))
    assert world.desk.costs.application(saved).quote.refreshments_pence == 3 * 510
    with ledger.nothing_written(), pytest.raises(ChangedElsewhere):
        world.desk.costs.save(replace(form, escort=True))  # still at version 1


def test_the_same_claimant_prisoner_and_visit_date_twice_is_refused(world, saved, ledger):
    again = filled(world.desk.costs.start(visitor_id="vis-mum"), prisoner_id="pr-1", visit_date=YESTERDAY)
    with ledger.nothing_written(), pytest.raises(InvalidInput) as error:
        world.desk.costs.save(again)
    assert error.value.field == "visit_date"
    assert world.desk.costs.save(replace(again, prisoner_id="pr-2"))  # another prisoner is another claim


def test_a_form_the_rules_cannot_read_is_not_saved(world, ledger):
    form = filled(world.desk.costs.start(visit_id=past_visit(world)), expenses=(Expense("bus", cost_pence=-5),))
    with ledger.nothing_written(), pytest.raises(InvalidInput) as error:
        world.desk.costs.save(form)
    assert error.value.field == "expenses[0].cost_pence"


def test_no_bank_details_anywhere_in_the_schema():
    from visitorcentre.db.models import Base

    columns = {c.name for t in Base.metadata.tables.values() if t.name.startswith("cost_") for c in t.columns}
    assert not {c for c in columns if any(w in c for w in ("bank", "account", "sort_code", "iban"))}


# --- submitting ------------------------------------------------------------------------------------


def test_submit_moves_a_draft_on_with_its_history_audit_and_outbox(world, saved, ledger):
    ledger.mark()
    world.desk.costs.submit(saved)
    audit = ledger.audit()
    assert [a.action for a in audit] == ["submit_cost_application"]
    assert [(o.entity, o.operation) for o in ledger.outbox()] == [
        ("cost_application", "update"),
        ("cost_application_event", "insert"),
    ]
    view = world.desk.costs.application(saved)
    assert view.status == "submitted" and view.submitted_at == NOW
    assert [e.status for e in view.history] == ["draft", "submitted"]


def test_a_double_submit_is_refused_and_writes_nothing(world, saved, ledger):
    world.desk.costs.submit(saved)
    with ledger.nothing_written(), pytest.raises(NotAllowed):
        world.desk.costs.submit(saved)


def test_an_ineligible_claim_cannot_be_submitted(world, ledger):
    form = filled(world.desk.costs.start(visit_id=past_visit(world)))
    application_id = world.desk.costs.save(replace(form, claimant=replace(form.claimant, benefit="none")))
    with ledger.nothing_written(), pytest.raises(NotAllowed) as error:
        world.desk.costs.submit(application_id)
    assert "You can't claim because" in error.value.message


def test_a_submitted_claim_counts_towards_the_next_one_and_cannot_be_edited(world, saved):
    world.desk.costs.submit(saved)
    assert world.desk.costs.start(visitor_id="vis-mum").claims_in_last_12_months == 1
    with pytest.raises(NotAllowed):
        world.desk.costs.save(world.desk.costs.application(saved).form)


def test_a_duplicate_draft_made_elsewhere_cannot_be_submitted_after_the_first(world, saved):
    # Another desk's draft for the same visit, arrived by sync (written directly).
    with world.desk.ctx.write_sessions() as s:
        row = s.get(m.CostApplication, saved)
        copy = m.CostApplication(
            **{
                c.key: getattr(row, c.key)
                for c in m.CostApplication.__table__.columns
                if c.key not in ("id", "reference")
            },
            id="other-desk",
            reference="ZZZZZZ",
        )
        s.add(copy)
        s.commit()
    world.desk.costs.submit(saved)
    with pytest.raises(InvalidInput):
        world.desk.costs.submit("other-desk")


# --- attachments -----------------------------------------------------------------------------------


def test_a_receipt_is_stored_once_by_its_sha256_with_a_thumbnail(world, saved, tmp_path, ledger):
    ledger.mark()
    attachment = world.desk.costs.attach(saved, png_file(tmp_path), "receipt", expense_index=2)
    assert [a.action for a in ledger.audit()] == ["attach_cost_evidence"]
    assert [(o.entity, o.operation) for o in ledger.outbox()] == [
        ("cost_attachment", "insert"),
        ("cost_application", "update"),
    ]
    assert attachment.media_type == "image/png" and attachment.expense_index == 2
    assert attachment.path == paths.data_dir() / "receipts" / attachment.sha256[:2] / attachment.sha256
    assert attachment.path.read_bytes() == (tmp_path / "receipt.png").read_bytes()
    thumb = Image.open(io.BytesIO(attachment.thumbnail_png))
    assert thumb.format == "PNG" and max(thumb.size) <= 160
    again = world.desk.costs.attach(saved, png_file(tmp_path, "copy.png"), "receipt", expense_index=2)
    assert again.path == attachment.path
    assert len([p for p in attachment.path.parent.iterdir() if not p.name.endswith(".png")]) == 1
    view = world.desk.costs.application(saved)
    assert view.quote.evidence_required == () and len(view.attachments) == 2
    assert view.form.expenses[2].receipt


def test_a_pdf_and_a_jpeg_are_accepted_by_their_content_whatever_their_names(world, saved, tmp_path):
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "confirmation.dat"
    page = canvas.Canvas(str(pdf))
    page.drawString(100, 700, "Visit confirmed - HMP Barlinnie")
    page.save()
    jpeg = tmp_path / "ticket.pdf"
    Image.new("RGB", (200, 100), "grey").save(jpeg, format="JPEG")
    confirmation = world.desk.costs.attach(saved, pdf, "visit_confirmation", None)
    ticket = world.desk.costs.attach(saved, jpeg, "receipt", 2)
    assert (confirmation.media_type, ticket.media_type) == ("application/pdf", "image/jpeg")
    assert confirmation.thumbnail_png.startswith(b"\x89PNG")
    assert world.desk.costs.application(saved).form.visit_confirmation


def test_a_png_that_is_really_text_is_refused_and_nothing_is_kept(world, saved, tmp_path, ledger):
    fake = tmp_path / "receipt.png"
    fake.write_text("this is not a picture", encoding="utf-8")
    with ledger.nothing_written(), pytest.raises(InvalidInput) as error:
        world.desk.costs.attach(saved, fake, "receipt", 2)
    assert "receipt.png" in error.value.message
    assert not (paths.data_dir() / "receipts").exists() or not any((paths.data_dir() / "receipts").rglob("*"))


def test_a_damaged_png_is_refused(world, saved, tmp_path, ledger):
    good = png_file(tmp_path, size=(600, 600)).read_bytes()
    broken = tmp_path / "broken.png"
    broken.write_bytes(good[: len(good) // 2])
    with ledger.nothing_written(), pytest.raises(InvalidInput) as error:
        world.desk.costs.attach(saved, broken, "receipt", 2)
    assert "damaged" in error.value.message


def test_a_6_mb_file_is_refused_for_its_size(world, saved, tmp_path, ledger):
    big = tmp_path / "big.png"
    big.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * (6 * 1024 * 1024))
    with ledger.nothing_written(), pytest.raises(InvalidInput) as error:
        world.desk.costs.attach(saved, big, "receipt", 2)
    assert "5 MB" in error.value.message


def test_exactly_5_mb_is_allowed_by_size(tmp_path):
    from visitorcentre.files import receipts as receipt_files

    noisy = Image.frombytes(
        "RGB", (1400, 1400), bytes(range(256)) * (1400 * 1400 * 3 // 256) + b"\0" * (1400 * 1400 * 3 % 256)
    )
    path = tmp_path / "a.png"
    noisy.save(path, format="PNG")
    data = path.read_bytes()
    assert len(data) <= 5 * 1024 * 1024
    padded = tmp_path / "padded.png"
    padded.write_bytes(data + b"\0" * (5 * 1024 * 1024 - len(data)))  # trailing bytes after IEND are ignored
    assert receipt_files.check_file(padded).media_type == "image/png"
    padded.write_bytes(data + b"\0" * (5 * 1024 * 1024 - len(data) + 1))
    with pytest.raises(InvalidInput):
        receipt_files.check_file(padded)


def test_a_receipt_must_name_an_expense_that_needs_one(world, saved, tmp_path):
    with pytest.raises(InvalidInput):
        world.desk.costs.attach(saved, png_file(tmp_path), "receipt", None)
    with pytest.raises(InvalidInput):
        world.desk.costs.attach(saved, png_file(tmp_path), "receipt", 0)  # the car journey
    with pytest.raises(InvalidInput):
        world.desk.costs.attach(saved, png_file(tmp_path), "photo", None)


# --- lists, totals and the printed summary -----------------------------------------------------------


def test_applications_are_listed_and_totalled_by_status(world, saved):
    other = world.desk.costs.save(filled(world.desk.costs.start(visitor_id="vis-gran"), visit_date=YESTERDAY))
    world.desk.costs.submit(other)
    briefs = world.desk.costs.applications()
    assert {b.id for b in briefs} == {saved, other}
    assert [b.id for b in world.desk.costs.applications("vis-gran")] == [other]
    totals = world.desk.costs.totals(YESTERDAY, TODAY)
    assert totals["draft"] == {"count": 1, "total_pence": 4590}
    assert totals["submitted"] == {"count": 1, "total_pence": 2520 + 300 + 420 + 450}
    assert totals["all"]["count"] == 2 and totals["paid"] == {"count": 0, "total_pence": 0}
    assert world.desk.costs.totals(TODAY, TODAY)["all"]["count"] == 0


def test_the_printed_summary_has_the_answers_amounts_what_to_send_and_a_declaration(world, saved):
    import pypdfium2

    pdf = world.desk.costs.summary_pdf(saved)
    assert pdf.startswith(b"%PDF")
    document = pypdfium2.PdfDocument(pdf)
    try:
        assert len(document) == 1
        page = document[0]
        text = page.get_textpage().get_text_range()
    finally:
        document.close()
    for expected in (
        "You can claim because",
        "John MacDonald",
        "84 miles at 30p",
        "£45.90",
        "bus receipt",
        "Saturday, 19 December 2026",
        "Declaration",
        "Signed",
    ):
        assert expected in text, expected
