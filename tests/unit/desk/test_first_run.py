"""Setting up a new desk on its own: the establishments file, the new database, the mistakes."""

from __future__ import annotations

import pytest

from tests.conftest import NOW
from visitorcentre.core.errors import InvalidInput
from visitorcentre.desk import first_run, open_desk


def test_the_file_lists_scotlands_establishments_with_their_rules():
    found = {e.code: e for e in first_run.establishment_list()}
    assert {"BAR", "GRE", "KIL", "ADD", "EDI", "LOW", "POL", "STI"} <= set(found)
    assert all(e.nation == "scotland" and e.name.startswith("HMP") for e in found.values())
    assert (found["GRE"].cutoff_minutes, found["GRE"].max_total) == (30, 5)  # Greenock asks for 30 minutes early
    assert found["ADD"].adult_age == 17
    names = [e.name for e in first_run.establishment_list()]
    assert names == sorted(names)


def test_needs_setting_up_is_only_a_missing_file(tmp_path):
    path = tmp_path / "desk.sqlite3"
    assert first_run.needs_setting_up(path)
    path.write_bytes(b"")
    assert not first_run.needs_setting_up(path)
    assert not first_run.needs_setting_up(None)


def test_a_desk_set_up_on_its_own_serves_the_chosen_establishment(tmp_path):
    path = tmp_path / "folder" / "desk.sqlite3"
    assert first_run.set_up_on_its_own(path, "gre", NOW) == "HMP Greenock"
    desk = open_desk(path)
    try:
        assert desk.ctx.establishment == "GRE"
        assert desk.settings.establishments() == [("GRE", "HMP Greenock")]
        assert not desk.staff.has_staff()
        assert desk.sync.state().enrolled is False
    finally:
        desk.close()


@pytest.mark.parametrize("code", ["", "  ", "XYZ"])
def test_no_establishment_chosen_leaves_no_file(tmp_path, code):
    path = tmp_path / "desk.sqlite3"
    with pytest.raises(InvalidInput) as refused:
        first_run.set_up_on_its_own(path, code, NOW)
    assert refused.value.field == "establishment"
    assert not path.exists()


def test_an_existing_database_is_never_set_up_again(tmp_path):
    path = tmp_path / "desk.sqlite3"
    first_run.set_up_on_its_own(path, "BAR", NOW)
    before = path.read_bytes()
    with pytest.raises(InvalidInput, match="already"):
        first_run.set_up_on_its_own(path, "GRE", NOW)
    assert path.read_bytes() == before


def test_empty_address_or_code_is_refused_before_anything_is_made(tmp_path):
    path = tmp_path / "desk.sqlite3"
    with pytest.raises(InvalidInput) as no_url:
        first_run.enrol_new(path, " ", "ABCD")
    with pytest.raises(InvalidInput) as no_code:
        first_run.enrol_new(path, "https://central.example.scot", "")
    assert (no_url.value.field, no_code.value.field) == ("url", "code")
    assert list(tmp_path.iterdir()) == []
