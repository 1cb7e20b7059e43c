"""The desk's areas: each action is its service's, documented once (on the service), on the shared context."""

from __future__ import annotations

import inspect

from visitorcentre.desk.area import action, query
from visitorcentre.desk.composition import AREAS
from visitorcentre.services.passes import visit_passes


def test_every_area_action_is_documented_and_the_facade_adds_no_docstring_of_its_own(world):
    undocumented = []
    for name in AREAS:
        area = getattr(world.desk, name)
        assert area.ctx is world.desk.ctx  # one context, shared by every area
        for attr in dir(type(area)):
            found = getattr(area, attr)
            if attr.startswith("_") or not callable(found):
                continue
            if not inspect.getdoc(found):
                undocumented.append(f"desk.{name}.{attr}")
            held = type(area).__dict__.get(attr)
            if isinstance(held, (action, query)):
                service = held.service if isinstance(held, action) else held.read
                assert found.__doc__ == service.__doc__ and found.__wrapped__ is service
    assert not undocumented, f"actions with no docstring on their service: {undocumented}"


def test_an_action_opens_a_unit_of_work_for_the_signed_in_staff_member(world, monkeypatch):
    from visitorcentre.core.staff import Actor
    from visitorcentre.desk import visits

    seen = []

    def check_out(uow, visit_id):
        seen.append((uow.actor.name, uow.establishment, visit_id))

    monkeypatch.setattr(visits.Visits, "check_out", action(check_out))
    world.desk.ctx.actor = Actor("Jo Bloggs", "manager")
    world.desk.visits.check_out("v-1")
    assert seen == [("Jo Bloggs", "BAR", "v-1")]


def test_the_area_modules_load_only_when_first_used(world):
    fresh = type(world.desk)(world.desk.ctx)
    assert "passes" not in vars(fresh)
    assert fresh.passes.pass_status.__doc__ == visit_passes.pass_status.__doc__
    assert "passes" in vars(fresh)
