"""The bundle's desk-app smoke test (`visitorcentre --db DEMO --smoke-test FOLDER`), run here from the source."""

from __future__ import annotations

from datetime import datetime

import pytest

from visitorcentre import cli
from visitorcentre.db.engine import migrate
from visitorcentre.demo import generate
from visitorcentre.ui.shared import printouts, reason_dialog


@pytest.fixture
def demo(tmp_path):
    path = tmp_path / "demo.sqlite3"
    migrate(path)
    generate.build(path, 50, 3, seed=1, now=datetime.now())
    return path


def test_opens_the_desk_checks_a_family_in_and_prints_their_pass_through_qt(qtbot, demo, tmp_path, capsys):
    seams = (reason_dialog.ask_reason, printouts.ask_how_to_print, printouts.open_printer)
    out = tmp_path / "out"
    out.mkdir()
    assert cli.main(["--db", str(demo), "--smoke-test", str(out)]) == 0
    said = capsys.readouterr().out
    assert "checking the family in" in said and "pass printed through Qt" in said
    assert (out / "pass.pdf").read_bytes().startswith(b"%PDF")
    assert (out / "desk.png").read_bytes().startswith(b"\x89PNG")
    # Printed for real: the visit is checked in and its pass recorded, in the database.
    visit = said.split("visit ", 1)[1].split()[0]
    assert cli.main(["visit", visit, "--db", str(demo), "--json"]) == 0
    assert '"status": "checked_in"' in capsys.readouterr().out
    assert (reason_dialog.ask_reason, printouts.ask_how_to_print, printouts.open_printer) == seams  # put back


def test_without_a_database_or_a_folder_it_says_so_in_one_line(tmp_path, demo, capsys):
    assert cli.main(["--db", str(tmp_path / "none.sqlite3"), "--smoke-test", str(tmp_path)]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    assert cli.main(["--db", str(demo), "--smoke-test", str(tmp_path / "no-such-folder")]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "no-such-folder" in error


def test_a_database_with_nothing_to_check_in_is_a_clear_message(tmp_path, capsys):
    empty = tmp_path / "empty.sqlite3"
    migrate(empty)
    assert cli.main(["--db", str(empty), "--smoke-test", str(tmp_path)]) == 2
    assert "no booked visit" in capsys.readouterr().err
