"""The typeface's subsets, widths and character maps are made once and kept: the PDFs must not change for it.

A pass PDF is the same bytes (apart from its creation dates and ID) however many passes with
other letters were printed before it; and what the kept pieces hold is what reportlab makes
from a freshly loaded font for the same characters.
"""

from __future__ import annotations

import re
import types
from datetime import date, datetime, time

import pypdfium2
import pytest
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfmetrics, ttfonts

from visitorcentre.config import paths
from visitorcentre.core.views import PassSheet
from visitorcentre.printing import fonts
from visitorcentre.printing.passes import pass_pdf


def sheet(reference: str, adults: tuple[str, ...], children=(), language="en") -> PassSheet:
    return PassSheet(
        establishment="BAR",
        establishment_name="HMP Barlinnie",
        reference=reference,
        session_start=datetime(2026, 12, 3, 14, 0),
        session_end=time(16, 0),
        room="Main Hall",
        kind="standard",
        cut_off=datetime(2026, 12, 3, 13, 45),
        prisoner_name="Łukasz Wójcik",
        prisoner_number="S1000001",
        adults=adults,
        children=children,
        token=f"VC1.{reference}.not-a-real-signature",
        serial=7,
        printed_at=datetime(2026, 12, 1, 9, 30),
        language=language,
    )


def steady(pdf: bytes) -> bytes:
    """The PDF without what changes from one making to the next (its dates and document ID)."""
    pdf = re.sub(rb"D:\d{14}\+00'00'", b"", pdf)
    return re.sub(rb"/ID\s*\[[^\]]*\]", b"", pdf)


def text_of(pdf: bytes) -> str:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


PASSES = [
    sheet("AB12CD", ("Anna Smith",)),
    sheet("EF34GH", ("Zofia Wiśniewska", "Paweł Żółć"), (("Jędrzej Wiśniewski", date(2019, 5, 1)),), "pl"),
    sheet("JK56LM", ("Seònaid NicAoidh",), (("Ùisdean MacAoidh", date(2020, 2, 2)),), "gd"),
    sheet("NP78QR", ("Siobhán O'Neill", "Zoë Brontë")),
]


def test_a_pass_is_the_same_pdf_whatever_was_printed_before():
    first = [steady(pass_pdf([s])) for s in PASSES]
    again = [steady(pass_pdf([s])) for s in reversed(PASSES)][::-1]
    assert first == again
    assert len(set(first)) == len(PASSES)


@pytest.mark.parametrize("index", range(len(PASSES)))
def test_every_name_reads_back_from_the_pdf(index):
    for other in PASSES:  # other letters first, so the kept pieces are in play
        pass_pdf([other])
    text = text_of(pass_pdf([PASSES[index]]))
    for name in PASSES[index].adults + tuple(name for name, _ in PASSES[index].children):
        assert name in text
    assert "Łukasz Wójcik (S1000001)" in text


def test_the_kept_pieces_are_what_a_fresh_font_makes():
    for each in PASSES:
        pass_pdf([each])
    regular, bold = fonts.faces()
    folder = paths.resources_dir() / "fonts"
    for name, file in ((regular, "DejaVuSans.ttf"), (bold, "DejaVuSans-Bold.ttf")):
        kept = pdfmetrics.getFont(name).face
        fresh = ttfonts.TTFont(f"fresh-{name}", str(folder / file)).face
        for chars in ([0, *range(1, 5), *range(32, 128)], [0, 0x142, 0x15A, 0x17C, *range(32, 128)], [0, 32, 65]):
            assert kept.makeSubset(list(chars)) == fresh.makeSubset(list(chars))
            for code in chars:
                assert kept.getCharWidth(code).format(None) == fp_str(fresh.getCharWidth(code)).encode()
    subset = [0, 0x142, *range(32, 128)]
    assert ttfonts.makeToUnicodeCMap("AAAAAA+DejaVuSans", subset) == ttfonts.makeToUnicodeCMap(
        "AAAAAA+DejaVuSans", list(subset)
    )
    assert "<01> <0142>" in ttfonts.makeToUnicodeCMap("AAAAAA+DejaVuSans", subset)


def test_the_kept_font_objects_are_what_reportlab_writes_itself(monkeypatch):
    for each in PASSES:  # every subset's objects made and kept
        pass_pdf([each])
    kept = [steady(pass_pdf([s])) for s in PASSES] + [steady(pass_pdf(PASSES, "receipt"))]
    for name in fonts.faces():
        font = pdfmetrics.getFont(name)
        monkeypatch.setattr(font, "addObjects", types.MethodType(ttfonts.TTFont.addObjects, font))
    unkept = [steady(pass_pdf([s])) for s in PASSES] + [steady(pass_pdf(PASSES, "receipt"))]
    assert kept == unkept
