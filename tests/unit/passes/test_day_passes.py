"""A day's passes at once (the command line's morning run, the desk's "passes for a day"): virtual visits left out."""

from __future__ import annotations

from datetime import time

import pypdfium2
import pytest

from tests.conftest import NOW, TODAY
from visitorcentre.core.errors import NotFound
from visitorcentre.db import models as m


def virtual_session(world) -> str:
    """A virtual (video) session today, 15:00."""
    with world.desk.ctx.write_sessions() as s:
        row = m.VisitSession(
            id="ses-video",
            date=TODAY,
            starts_at=time(15),
            ends_at=time(16),
            room="Video booth",
            kind="virtual",
            capacity=4,
            details="Join at https://video.example/visits",
        )
        row.establishment, row.created_at, row.updated_at, row.version = "BAR", NOW, NOW, 1
        s.add(row)
        s.commit()
    return "ses-video"


def pages(pdf: bytes) -> int:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


def test_a_day_with_a_virtual_visit_prints_the_others_and_says_how_many_were_left_out(world, ledger):
    video = virtual_session(world)
    world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum, world.child])
    world.desk.visits.book_visit(video, world.prisoner, [world.gran])
    preview = world.desk.passes.preview_day_passes(TODAY)
    assert (preview.printed, preview.virtual_left_out, pages(preview.pdf)) == (1, 1, 1)
    ledger.mark()
    day = world.desk.passes.issue_day_passes(TODAY)
    assert (day.printed, day.virtual_left_out, pages(day.pdf)) == (1, 1, 1)
    assert [a.action for a in ledger.audit()][-1:] == ["issue_pass"]  # after the first key is made


def test_a_day_with_only_virtual_visits_says_so(world, ledger):
    video = virtual_session(world)
    world.desk.visits.book_visit(video, world.prisoner, [world.gran])
    ledger.mark()
    with ledger.nothing_written(), pytest.raises(NotFound) as refused:
        world.desk.passes.issue_day_passes(TODAY)
    assert refused.value.field == "date"
    assert "1 virtual visit: they join by video, with no pass" in refused.value.message
