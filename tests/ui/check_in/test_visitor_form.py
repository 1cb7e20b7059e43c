"""The visitor form: register or correct a visitor, with each problem shown next to its field."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from visitorcentre.ui.check_in.visitor_form import DateNotUnderstood, VisitorForm, parse_date
from visitorcentre.ui.runtime.tasks import DeskTasks


@pytest.fixture
def tasks(qtbot):
    helper = DeskTasks()
    yield helper
    helper.shutdown()


def new_form(qtbot, world, tasks, **kwargs) -> VisitorForm:
    form = VisitorForm(world.desk, tasks, **kwargs)
    qtbot.addWidget(form)
    form.show()
    return form


def fill(qtbot, form: VisitorForm, **values: str) -> None:
    for name, text in values.items():
        form.inputs[name].clear()
        qtbot.keyClicks(form.inputs[name], text)


def shown_messages(form: VisitorForm) -> dict[str, str]:
    return {name: message.text() for name, message in form.messages.items() if message.text()}


def test_a_bad_postcode_is_explained_next_to_the_postcode(qtbot, world, tasks):
    form = new_form(qtbot, world, tasks)
    fill(qtbot, form, first_name="Rhona", last_name="Baird", date_of_birth="03/02/1988", postcode="G33 4R")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(form.messages["postcode"].text()))
    assert list(shown_messages(form)) == ["postcode"]
    assert "is not a UK postcode" in form.messages["postcode"].text()
    assert form.messages["postcode"].text().startswith("Warning:")  # a word, not only a colour
    assert form.focusWidget() is form.postcode
    assert form.result() != QDialog.DialogCode.Accepted


def test_a_date_of_birth_in_the_future_is_explained_next_to_the_date(qtbot, world, tasks):
    form = new_form(qtbot, world, tasks)
    fill(qtbot, form, first_name="Rhona", last_name="Baird", date_of_birth="01/12/2026")  # after 22 Nov 2026
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(form.messages["date_of_birth"].text()))
    assert list(shown_messages(form)) == ["date_of_birth"]
    assert "cannot be in the future" in form.messages["date_of_birth"].text()


def test_a_date_that_is_not_a_date_is_explained_before_saving(qtbot, world, tasks):
    form = new_form(qtbot, world, tasks)
    fill(qtbot, form, first_name="Rhona", last_name="Baird", date_of_birth="31/02/1988")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert "no such date" in form.messages["date_of_birth"].text()


def test_fixing_the_problem_clears_the_message_and_registers(qtbot, world, tasks):
    form = new_form(qtbot, world, tasks, prisoner_id=world.prisoner)
    fill(qtbot, form, first_name="Rhona", last_name="Baird", date_of_birth="3/2/1988", postcode="g334r")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(form.messages["postcode"].text()))
    fill(qtbot, form, postcode="g33 4rt", phone="0141 555 0101")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.result() == QDialog.DialogCode.Accepted)
    assert not shown_messages(form)
    record = world.desk.visits.visitor_record(form.visitor_id)
    assert (record.details.first_name, record.details.date_of_birth, record.details.postcode) == (
        "Rhona",
        date(1988, 2, 3),
        "G33 4RT",
    )
    assert [p.id for p in record.prisoners] == [world.prisoner]


def test_editing_loads_the_details_and_saves_a_change(qtbot, world, tasks):
    form = new_form(qtbot, world, tasks, visitor_id=world.mum)
    qtbot.waitUntil(lambda: form.first_name.text() == "Siobhán")
    assert form.date_of_birth.text() == "12/04/1990"
    fill(qtbot, form, email="not an email")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(form.messages["email"].text()))
    fill(qtbot, form, email="siobhan@example.org")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.result() == QDialog.DialogCode.Accepted)
    assert world.desk.visits.visitor_record(world.mum).details.email == "siobhan@example.org"


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("12/04/1990", date(1990, 4, 12)),
        ("1.2.2003", date(2003, 2, 1)),
        ("2003-02-01", date(2003, 2, 1)),
        (" 5 6 1977 ", date(1977, 6, 5)),
    ],
)
def test_dates_are_read_as_day_month_year(typed, expected):
    assert parse_date(typed) == expected


@pytest.mark.parametrize("typed", ["", "12/04/90", "tomorrow", "32/01/2000"])
def test_dates_that_cannot_be_read_say_how_to_type_them(typed):
    with pytest.raises(DateNotUnderstood) as caught:
        parse_date(typed)
    assert caught.value.field == "date_of_birth"
    assert "12/04/1990" in caught.value.message
