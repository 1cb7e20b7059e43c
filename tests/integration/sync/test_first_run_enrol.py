"""Enrolling at first run, and enrolling later a desk set up on its own, against an in-process central server."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.conftest import NOW
from tests.integration.sync_world import make_sync_world
from visitorcentre.core.errors import InvalidInput, NotFound
from visitorcentre.core.staff import Actor
from visitorcentre.desk import first_run, open_desk
from visitorcentre.server import admin
from visitorcentre.sync import connect_later


@pytest.fixture
def server(tmp_path):
    world = make_sync_world(tmp_path / "server")
    yield world
    world.close()


def code_for(server, establishment="BAR") -> str:
    return admin.enrolment_code(server.engine, establishment, datetime.utcnow())[0]


def files_in(folder):
    return sorted(p.name for p in folder.iterdir())


def test_enrol_new_takes_the_establishments_records_with_progress(server, tmp_path):
    path = tmp_path / "desk" / "desk.sqlite3"
    steps = []
    pulled = first_run.enrol_new(
        path, "http://server", code_for(server), server.network, lambda done, total: steps.append((done, total))
    )
    assert pulled.establishment == "BAR" and pulled.pulled > 0 and pulled.problem == ""
    assert steps
    desk = open_desk(path)
    try:
        assert desk.ctx.establishment == "BAR" and "BAR" in dict(desk.settings.establishments())
        assert desk.sync.state().enrolled
    finally:
        desk.close()


@pytest.mark.parametrize(
    "url, field, words",
    [
        ("ftp://server", "url", "not a server address"),
        ("http://server", "code", "Check the code"),
    ],
)
def test_a_refused_enrolment_leaves_no_file(server, tmp_path, url, field, words):
    path = tmp_path / "desk.sqlite3"
    with pytest.raises(InvalidInput) as refused:
        first_run.enrol_new(path, url, "WRONG-CODE", server.network)
    assert refused.value.field == field and words in refused.value.message
    assert files_in(tmp_path) == ["server"]


def test_an_unreachable_server_leaves_no_file(server, tmp_path):
    server.network.down = True
    path = tmp_path / "desk.sqlite3"
    with pytest.raises(InvalidInput) as refused:
        first_run.enrol_new(path, "http://server", code_for(server), server.network)
    assert refused.value.field == "url" and "cannot be reached" in refused.value.message
    assert files_in(tmp_path) == ["server"]


def test_a_used_code_is_refused_the_second_time(server, tmp_path):
    code = code_for(server)
    first_run.enrol_new(tmp_path / "one.sqlite3", "http://server", code, server.network)
    with pytest.raises(InvalidInput) as refused:
        first_run.enrol_new(tmp_path / "two.sqlite3", "http://server", code, server.network)
    assert refused.value.field == "code"
    assert not (tmp_path / "two.sqlite3").exists()


def test_a_desk_set_up_on_its_own_is_enrolled_later_and_keeps_its_work(server, tmp_path):
    path = tmp_path / "desk.sqlite3"
    first_run.set_up_on_its_own(path, "BAR", NOW)
    desk = open_desk(path)
    desk.staff.add_first_admin("Ann Admin", "4321", "4321")
    desk.close()
    assert connect_later.is_on_its_own(path)
    with pytest.raises(InvalidInput) as wrong_place:
        connect_later.enrol_existing(path, "http://server", code_for(server, "GRE"), transport=server.network)
    assert wrong_place.value.field == "code" and "serves BAR" in wrong_place.value.message
    assert connect_later.is_on_its_own(path)
    assert connect_later.enrol_existing(path, "http://server", code_for(server), transport=server.network) == "BAR"
    assert not connect_later.is_on_its_own(path)
    desk = open_desk(path, actor=Actor("Ann Admin", "admin"))
    desk.sync.transport = server.network
    try:
        result = desk.sync.now()
        assert result.pulled > 0 and result.pending == 0
        assert [p.name for p in desk.staff.list_staff()] == ["Ann Admin"]
        assert dict(desk.settings.establishments())["BAR"] == "HMP Barlinnie"  # the central server's row, no clash
        assert desk.sync.issues() == []
    finally:
        desk.close()


def test_enrolling_later_refuses_a_desk_that_is_not_on_its_own(server, tmp_path):
    path = tmp_path / "desk.sqlite3"
    first_run.enrol_new(path, "http://server", code_for(server), server.network)
    with pytest.raises(InvalidInput, match="not a desk set up on its own"):
        connect_later.enrol_existing(path, "http://server", code_for(server), transport=server.network)
    with pytest.raises(NotFound):
        connect_later.enrol_existing(tmp_path / "missing.sqlite3", "http://server", "X", transport=server.network)
    assert not (tmp_path / "missing.sqlite3").exists()
