"""The printed pass read back as a scanner would: PDF -> 300 dpi image (pypdfium2) -> QR (zxing-cpp) -> verify."""

from __future__ import annotations

import pypdfium2
import pytest
import zxingcpp

from visitorcentre.printing import passes as printing

PRINT_DPI = 300


def page_images(pdf: bytes, dpi: int = PRINT_DPI):
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [page.render(scale=dpi / 72).to_pil() for page in document]
    finally:
        document.close()


def read_codes(image) -> list[str]:
    return [code.text for code in zxingcpp.read_barcodes(image) if code.format == zxingcpp.BarcodeFormat.QRCode]


@pytest.fixture
def checked_in(world):
    reference = world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum, world.child, world.gran])
    vid = world.desk.visits.visit_for_scan(reference)
    world.desk.visits.check_in(vid)
    return vid


@pytest.mark.parametrize("layout", printing.LAYOUTS)
def test_printed_pass_scans_and_verifies(world, checked_in, layout):
    pdf = world.desk.passes.issue_pass(checked_in, layout)
    [image] = page_images(pdf)
    [token] = read_codes(image)
    verdict = world.desk.passes.verify_token(token)
    assert verdict.valid, verdict
    detail = world.desk.visits.visit(checked_in)
    assert verdict.reference == detail.reference and verdict.party_size == 3
    assert verdict.session == "2026-11-22T14:00:00"
    door = world.desk.passes.door_scan(token)
    assert door.valid and door.reason == "ok"


@pytest.mark.parametrize("layout", printing.LAYOUTS)
def test_code_is_at_least_25_mm_across(world, checked_in, layout):
    [image] = page_images(world.desk.passes.issue_pass(checked_in, layout))
    [code] = zxingcpp.read_barcodes(image)
    xs = [getattr(code.position, corner).x for corner in ("top_left", "top_right", "bottom_left", "bottom_right")]
    side_mm = (max(xs) - min(xs)) / PRINT_DPI * 25.4
    assert side_mm >= 25


def test_the_page_carries_what_the_door_and_family_need(world, checked_in):
    pdf = world.desk.passes.issue_pass(checked_in)
    document = pypdfium2.PdfDocument(pdf)
    text = document[0].get_textpage().get_text_range()
    document.close()
    detail = world.desk.visits.visit(checked_in)
    for expected in (
        "HMP Barlinnie",
        detail.reference,
        "Sunday",
        "22 November 2026",
        "14:00",
        "Visit Hall",
        "Arrive by 13:45",
        "John MacDonald",
        "S100001",
        "Siobhán MacDonald",
        "Margaret McDonald",
        "Zoë MacDonald (child, born 1 May 2017)",
    ):
        assert expected in text, expected
    width, height = (round(v / 72 * 25.4) for v in document_size(pdf))
    assert (width, height) == (105, 148)


def document_size(pdf: bytes) -> tuple[float, float]:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return document[0].get_size()
    finally:
        document.close()


def test_receipt_is_80_mm_wide(world, checked_in):
    assert round(document_size(world.desk.passes.issue_pass(checked_in, "receipt"))[0] / 72 * 25.4) == 80


def test_preview_code_is_not_a_pass(world, checked_in):
    [image] = page_images(world.desk.passes.preview_pass(checked_in))
    [text] = read_codes(image)
    verdict = world.desk.passes.verify_token(text)
    assert not verdict.valid and verdict.reason == "not_ours"


def test_day_list_names_everyone(world, checked_in):
    world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.gran, world.teen])
    pdf = world.desk.passes.day_list_pdf(world.clock.today())
    document = pypdfium2.PdfDocument(pdf)
    text = "".join(page.get_textpage().get_text_range() for page in document)
    document.close()
    assert "Day list" in text and "HMP Barlinnie" in text and "Zoë MacDonald (child, born 1 May 2017)" in text
    assert "Kyle" not in text  # tomorrow's visit is on tomorrow's list
