"""The central team's decisions at the desk: the history in plain words, the requests waiting for families,
sending an application back, and the family's letter (and summary) in English, Polish and Gaelic.

Decisions arrive as a sync delivers them (tests.cost_decisions). The letter's words are read back
from the PDF itself.
"""

from __future__ import annotations

from datetime import timedelta

import pypdfium2
import pytest

from tests.conftest import NOW, TODAY
from tests.cost_decisions import centre_decides
from tests.unit.cost_of_visits.test_services_cost_applications import filled, past_visit, png_file
from visitorcentre.core.cost_of_visits.history import history_lines
from visitorcentre.core.errors import NotAllowed
from visitorcentre.db import models as m


def text_of(pdf: bytes) -> str:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return " ".join(" ".join(page.get_textpage().get_text_range().split()) for page in document)
    finally:
        document.close()


def speaks(world, language: str) -> None:
    with world.desk.ctx.write_sessions() as session:
        session.get_one(m.Visitor, "vis-mum").language = language
        session.commit()


@pytest.fixture
def submitted(world):
    """Siobhán's claim for yesterday's visit (car, parking with its receipt, a bus), sent to the central team."""
    desk = world.desk
    application = desk.costs.save(filled(desk.costs.start(visit_id=past_visit(world))))
    desk.costs.submit(application)
    return application


def later(world, hours: float) -> None:
    world.desk.ctx.clock.moment = NOW + timedelta(hours=hours)


def all_lines(world, application: str) -> list[dict]:
    view = world.desk.costs.application(application)
    lines = [
        {"index": i, "decision": "approved", "amount_pence": item.amount_pence, "reason": ""}
        for i, item in enumerate(view.quote.items)
    ]
    if view.quote.refreshments_pence:
        lines.append(
            {"index": len(lines), "decision": "approved", "amount_pence": view.quote.refreshments_pence, "reason": ""}
        )
    return lines


def test_a_request_for_information_waits_on_the_desk_until_the_application_is_sent_back(world, submitted, tmp_path):
    desk = world.desk
    assert desk.costs.information_request_count() == 0
    centre_decides(desk, submitted, "needs_information", at=NOW + timedelta(hours=1), note="a readable bus ticket")
    (request,) = desk.costs.information_requests()
    assert (request.reference, request.asked_for, request.claimant_name) == (
        desk.costs.application(submitted).reference,
        "a readable bus ticket",
        "Siobhán MacDonald",
    )
    assert request.due == TODAY + timedelta(days=28)
    assert desk.costs.information_requests(["vis-gran"]) == [] and desk.costs.information_request_count() == 1
    later(world, 2)
    desk.costs.attach(submitted, png_file(tmp_path, "bus.png"), "receipt", 2)
    desk.costs.submit(submitted)  # needs information -> submitted, a new version built on the centre's
    view = desk.costs.application(submitted)
    assert view.status == "submitted" and desk.costs.information_requests() == []
    assert [e.status for e in view.history] == ["draft", "submitted", "needs_information", "submitted"]
    with pytest.raises(NotAllowed):  # once sent, not twice
        desk.costs.submit(submitted)


def test_the_history_says_each_step_in_plain_words(world, submitted):
    desk = world.desk
    centre_decides(desk, submitted, "needs_information", at=NOW + timedelta(hours=1), note="a readable bus ticket")
    later(world, 2)
    desk.costs.submit(submitted)
    lines = all_lines(world, submitted)
    lines[2] = {"index": 2, "decision": "rejected", "amount_pence": 0, "reason": "The ticket is for another day"}
    lines[1] = {"index": 1, "decision": "changed", "amount_pence": 200, "reason": "Two hours of parking"}
    approved = sum(line["amount_pence"] for line in lines)
    centre_decides(
        desk, submitted, "approved", at=NOW + timedelta(hours=3), expenses=tuple(lines), approved_pence=approved
    )
    centre_decides(
        desk,
        submitted,
        "paid",
        at=NOW + timedelta(hours=4),
        approved_pence=approved,
        payment_method="bank_transfer",
        payment_reference="BACS-0042",
    )
    view = desk.costs.application(submitted)
    history = history_lines(view)
    assert [line.split("  ·  ", 1)[1].split("\n")[0] for line in history] == [
        "Started at the desk by Test Worker",
        "Sent to the central team by Test Worker",
        "The central team asked for: a readable bus ticket",
        "Sent again to the central team, with what they asked for, by Test Worker",
        f"Approved £{approved / 100:.2f} of £{view.quote.total_pence / 100:.2f} by Casey Worker",
        f"Paid £{approved / 100:.2f} by bank transfer, reference BACS-0042",
    ]
    approval = history[4]
    assert "Parking: approved at £2.00 instead of £3.00 (Two hours of parking)" in approval
    assert "Bus: not approved (The ticket is for another day)" in approval
    assert "Refreshments: approved, £" in approval


def test_a_refusal_says_why_and_how_to_ask_again_in_the_familys_language(world, submitted):
    desk = world.desk
    centre_decides(
        desk,
        submitted,
        "rejected",
        at=NOW + timedelta(hours=1),
        reason="visit_not_confirmed",
        note="The prison has no record of the visit.",
    )
    view = desk.costs.application(submitted)
    assert history_lines(view)[-1].endswith(
        "Refused by Casey Worker: We could not confirm that the visit took place.\n"
        "      The prison has no record of the visit."
    )
    letter = text_of(desk.costs.letter_pdf(submitted))
    assert "Your claim has not been approved" in letter
    assert "We could not confirm that the visit took place." in letter
    assert "The prison has no record of the visit." in letter
    assert "If you think this decision is wrong" in letter and view.reference in letter
    assert "20 December 2026 (28 days from this letter)" in letter
    assert "Assisted Prison Visits Scheme" in letter  # a Scottish prison's scheme
    speaks(world, "pl")
    letter = text_of(desk.costs.letter_pdf(submitted))
    assert "Twój wniosek nie został zatwierdzony" in letter
    assert "Nie mogliśmy potwierdzić, że wizyta się odbyła." in letter
    assert "Jeśli uważasz, że ta decyzja jest błędna" in letter and "20 grudnia 2026" in letter
    assert "„Pomoc w kosztach wizyt w więzieniu (Assisted Prison Visits Scheme)”" in letter
    assert "The prison has no record of the visit." in letter  # the caseworker's own words, as written
    speaks(world, "gd")
    letter = text_of(desk.costs.letter_pdf(submitted))
    assert "Cha deach an tagradh agad aontachadh" in letter
    assert "Cha b' urrainn dhuinn dearbhadh gun do thachair an tadhal." in letter
    assert "(Assisted Prison Visits Scheme)" in letter and "Dùbhlachd 2026" in letter


def test_a_request_letter_says_exactly_what_and_by_when(world, submitted):
    centre_decides(
        world.desk, submitted, "needs_information", at=NOW + timedelta(hours=1), note="the stamped visit confirmation"
    )
    letter = text_of(world.desk.costs.letter_pdf(submitted))
    assert "We need more information to decide your claim" in letter
    assert "the stamped visit confirmation" in letter and "by 20 December 2026" in letter
    assert "If you think this decision is wrong" not in letter  # nothing refused yet
    speaks(world, "gd")
    letter = text_of(world.desk.costs.letter_pdf(submitted))
    assert "Feumaidh sinn barrachd fiosrachaidh" in letter and "Dùbhlachd 2026" in letter


def test_a_paid_letter_gives_the_amount_per_expense_and_how_it_was_paid_in_polish_money(world, submitted):
    desk = world.desk
    lines = all_lines(world, submitted)
    approved = sum(line["amount_pence"] for line in lines)
    at = NOW + timedelta(hours=1)
    centre_decides(desk, submitted, "approved", at=at, expenses=tuple(lines), approved_pence=approved)
    centre_decides(
        desk,
        submitted,
        "paid",
        at=NOW + timedelta(days=3),
        approved_pence=approved,
        payment_method="payout",
        payment_reference="PO-778",
    )
    letter = text_of(desk.costs.letter_pdf(submitted))
    assert "Your claim has been approved and paid" in letter
    assert f"We paid £{approved / 100:.2f} on 25 November 2026 by cash at a Post Office (payout), reference PO-778" in (
        letter
    )
    assert "If you think this decision is wrong" not in letter  # paid in full
    speaks(world, "pl")
    letter = text_of(desk.costs.letter_pdf(submitted))
    polish = f"{approved // 100},{approved % 100:02d}"
    assert "Twój wniosek został zatwierdzony i wypłacony" in letter and polish in letter and "GBP" in letter
    assert "25 listopada 2026" in letter and "PO-778" in letter


@pytest.mark.parametrize(
    "language, words, english",
    [
        ("pl", ["Wniosek ", "wydrukowano", "pomagał(a): Test Worker", "wiek w dniu wizyty", "miesięcznie"], ["age"]),
        ("gd", ["Tagradh ", "air a chlò-bhualadh", "le cuideachadh bho", "air latha an tadhail"], ["printed", "age"]),
    ],
)
def test_the_printed_summary_is_in_the_familys_language(world, submitted, language, words, english):
    speaks(world, language)
    summary = text_of(world.desk.costs.summary_pdf(submitted))
    for word in words:
        assert word in summary
    for word in english:
        assert word not in summary
