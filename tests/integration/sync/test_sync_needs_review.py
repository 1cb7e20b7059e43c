"""Needs review across desks: a ban entered at the centre flags a booked visit on every enrolled
desk of the establishment after one sync; settling the flag at one desk settles it at the other.
A real server on loopback (SQLite), the centre writing through the console's write path."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.integration.sync.test_sync_centre_data import ban, desks, server, visit_of  # noqa: F401 (fixtures)
from visitorcentre.server.models import Document


def _flags(desk) -> list:
    return desk.visits.needing_review()


def test_a_ban_at_the_centre_flags_the_visit_and_settling_it_at_one_desk_settles_it_at_the_other(server, desks):
    first, second = desks("bar-1"), desks("bar-2")
    booked = visit_of(first, first.visits.book_visit("ses-tomorrow", "pr-1", ["vis-mum", "vis-gran"]))
    alone = visit_of(first, first.visits.book_visit("ses-today", "pr-1", ["vis-mum"]))
    first.sync.now()
    second.sync.now()
    assert _flags(first) == _flags(second) == []

    ban(server, "vis-gran")
    first.sync.now()
    second.sync.now()
    (flag,) = _flags(first)
    (same,) = _flags(second)
    assert flag.id == same.id and flag.visit_id == booked and alone != booked
    assert flag.words.startswith("Margaret McDonald was banned on")

    first.visits.resolve_review(flag.id, "goes_ahead", family_told="phoned", note="Gran will stay at home")
    first.sync.now()
    second.sync.now()
    assert _flags(second) == []
    (settled,) = second.visits.reviews_of_visit(booked)
    assert (settled.resolution, settled.resolved_by, settled.family_told) == ("goes_ahead", "Worker bar-1", "phoned")
    first.sync.now()
    assert first.sync.issues() == [] and second.sync.issues() == []
    with Session(server.engine) as session:
        stored = session.scalar(select(Document).where(Document.entity == "visit_review", Document.row_id == flag.id))
    assert stored is not None and stored.payload["resolution"] == "goes_ahead"
