"""A manager exports a person's data or erases it on request from the visitor form; a desk worker sees neither."""

from __future__ import annotations

import json
import stat

import pytest

from visitorcentre.core.staff import Actor
from visitorcentre.desk import open_desk
from visitorcentre.ui.check_in.visitor_form import VisitorForm
from visitorcentre.ui.records import personal_data
from visitorcentre.ui.runtime.tasks import DeskTasks


@pytest.fixture
def tasks(qtbot):
    helper = DeskTasks()
    yield helper
    helper.shutdown()


def open_form(qtbot, desk, tasks, visitor_id) -> VisitorForm:
    form = VisitorForm(desk, tasks, visitor_id=visitor_id)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitUntil(lambda: form.first_name.text() != "" and not tasks.busy)
    return form


def test_a_manager_exports_a_persons_data_to_a_private_file(qtbot, world, tasks, tmp_path, monkeypatch):
    target = tmp_path / "export.json"
    monkeypatch.setattr(personal_data, "choose_export_file", lambda parent, suggested: target)
    form = open_form(qtbot, world.desk, tasks, world.mum)
    assert form.personal_data.export_button.isVisible()
    form.personal_data.export_button.click()
    qtbot.waitUntil(lambda: "is saved as" in form.personal_data.text() and not tasks.busy)
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["visitor"]["first_name"] == "Siobhán"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    form.grab().save(str(tmp_path / "form.png"))


def test_a_manager_erases_on_request_after_a_reason_and_a_confirmation(qtbot, world, tasks, answers):
    answers.reason = "Asked in writing on 20 November"
    form = open_form(qtbot, world.desk, tasks, world.gran)
    form.personal_data.erase_button.click()
    qtbot.waitUntil(lambda: "erased" in form.personal_data.text() and not tasks.busy)
    assert [a["title"] for a in answers.asked] == ["Erase on request", "Erase Margaret's details?"]
    qtbot.waitUntil(lambda: form.first_name.text() == "Name")
    assert form.last_name.text() == "removed" and form.postcode.text() == ""
    assert world.desk.visits.search("Margaret") == []


def test_going_back_erases_nothing(qtbot, world, tasks, answers):
    answers.confirm = False
    form = open_form(qtbot, world.desk, tasks, world.gran)
    form.personal_data.erase_button.click()
    assert world.desk.visits.visitor_record(world.gran).details.first_name == "Margaret"


def test_a_refusal_is_explained_on_the_form(qtbot, world, tasks, answers):
    form = open_form(qtbot, world.desk, tasks, world.banned)
    form.personal_data.erase_button.click()
    qtbot.waitUntil(lambda: "ban in force" in form.form_message.text() and not tasks.busy)
    assert form.personal_data.erase_button.isEnabled()


def test_a_desk_worker_has_no_such_buttons(qtbot, world, tasks):
    desk = open_desk(world.desk.ctx.db_path, actor=Actor("Desk Worker", "desk"), clock=world.clock, establishment="BAR")
    try:
        form = open_form(qtbot, desk, tasks, world.gran)
        assert form.personal_data is None
        assert form.findChild(type(form.save_button), "erasePersonalData") is None
    finally:
        desk.close()
