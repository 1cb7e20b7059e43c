"""The pass verbs of the command line, and the mistakes people make with them."""

from __future__ import annotations

import json

import pypdfium2
import pytest
import zxingcpp

from visitorcentre import cli


def run(capsys, *argv):
    status = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def booked(world):
    reference = world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum, world.child])
    world.desk.close()  # the command line opens its own
    return reference


def check_in_at_noon(db_path, reference: str) -> None:
    from tests.conftest import NOW
    from visitorcentre.core.clock import FixedClock
    from visitorcentre.core.staff import Actor
    from visitorcentre.desk import open_desk

    desk = open_desk(db_path, actor=Actor("Test Worker", "desk"), clock=FixedClock(NOW))
    try:
        desk.visits.check_in(desk.visits.visit_for_scan(reference))
    finally:
        desk.close()


def token_in(pdf_path, page=0) -> str:
    document = pypdfium2.PdfDocument(pdf_path.read_bytes())
    try:
        image = document[page].render(scale=300 / 72).to_pil()
    finally:
        document.close()
    return zxingcpp.read_barcodes(image)[0].text


def test_pass_then_verify(world, booked, tmp_path, capsys, monkeypatch):
    out = tmp_path / "pass.pdf"
    status, said, err = run(capsys, "pass", booked, "--db", world.desk.ctx.db_path, "--out", out, "--layout", "receipt")
    assert status == 0 and err == "" and out.read_bytes().startswith(b"%PDF")
    token = token_in(out)
    # The pass is for today; the command line reads the real clock, so check as of the pass's own day.
    import visitorcentre.core.clock as clock
    from tests.conftest import NOW

    monkeypatch.setattr(clock.Clock, "now", lambda self: NOW)
    status, said, err = run(capsys, "verify", token, "--db", world.desk.ctx.db_path, "--json")
    # Printed ahead, but the family is not checked in yet: the door's answer, so the command line's too.
    assert status == 1 and json.loads(said)["reason"] == "not_checked_in", said
    check_in_at_noon(world.desk.ctx.db_path, booked)
    status, said, err = run(capsys, "verify", token, "--db", world.desk.ctx.db_path, "--json")
    assert status == 0, err
    assert json.loads(said) == {
        "valid": True,
        "reason": "ok",
        "reference": booked,
        "party_size": 2,
        "session": "2026-11-22T14:00:00",
        "message": "Valid pass: 2 people may go in.",
    }
    status, said, _ = run(capsys, "verify", token[:-5], "--db", world.desk.ctx.db_path, "--json")
    assert status == 1 and json.loads(said)["reason"] == "altered" and json.loads(said)["valid"] is False
    status, said, _ = run(capsys, "verify", token, "--db", world.desk.ctx.db_path, "--establishment", "GRE")
    assert status == 1 and "NOT VALID" in said


def test_reprint_from_the_command_line_needs_a_reason(world, booked, tmp_path, capsys):
    out = tmp_path / "pass.pdf"
    assert run(capsys, "pass", booked, "--db", world.desk.ctx.db_path, "--out", out)[0] == 0
    status, said, err = run(capsys, "pass", booked, "--db", world.desk.ctx.db_path, "--out", out)
    assert status == 2 and said == "" and err.count("\n") == 1 and "--reason" in err
    assert run(capsys, "pass", booked, "--db", world.desk.ctx.db_path, "--out", out, "--reason", "torn")[0] == 0


def test_passes_for_a_day_one_page_each(world, booked, tmp_path, capsys):
    out = tmp_path / "day.pdf"
    status, said, err = run(
        capsys, "passes", "--db", world.desk.ctx.db_path, "--date", "2026-11-22", "--establishment", "bar", "--out", out
    )
    assert status == 0, err
    assert len(pypdfium2.PdfDocument(out.read_bytes())) == 1
    status, _, err = run(capsys, "passes", "--db", world.desk.ctx.db_path, "--date", "2026-11-25", "--out", out)
    assert status == 2 and "No booked or checked-in visits" in err


def test_day_list(world, booked, tmp_path, capsys):
    out = tmp_path / "list.pdf"
    status, said, err = run(capsys, "day-list", "--db", world.desk.ctx.db_path, "--date", "2026-11-22", "--out", out)
    assert status == 0 and err == ""
    document = pypdfium2.PdfDocument(out.read_bytes())
    assert booked in document[0].get_textpage().get_text_range()
    document.close()


@pytest.mark.parametrize(
    "argv, words",
    [
        (["pass", "ZZZZZZ", "--out", "{tmp}/x.pdf"], "no visit with the reference"),
        (["pass", "{ref}", "--out", "{tmp}/x.pdf", "--layout", "a3"], "invalid choice"),
        (["pass", "{ref}", "--out", "{tmp}/no/such/folder/x.pdf"], "no folder"),
        (["passes", "--date", "22/11/2026", "--out", "{tmp}/x.pdf"], "not a date"),
        (["passes", "--date", "2026-11-22", "--establishment", "XYZ", "--out", "{tmp}/x.pdf"], "no establishment"),
        (["day-list", "--date", "2026-02-30", "--out", "{tmp}/x.pdf"], "not a date"),
        (["day-list", "--date", "2026-11-22", "--out", "{tmp}/x.pdf", "--establishment", "NOPE"], "no establishment"),
        (["verify", "VC1AAAA", "--establishment", "NOPE"], "no establishment"),
        (["pass", "{ref}"], "required"),
    ],
)
def test_mistakes_are_one_line_and_exit_2(world, booked, tmp_path, capsys, argv, words):
    argv = [a.format(tmp=tmp_path, ref=booked) for a in argv] + ["--db", str(world.desk.ctx.db_path)]
    status, said, err = run(capsys, *argv)
    assert status == 2 and said == ""
    assert err.count("\n") == 1 and words in err and "Traceback" not in err


@pytest.mark.parametrize(
    "verb",
    [
        ["pass", "ABCDEF", "--out", "x.pdf"],
        ["passes", "--date", "2026-11-22", "--out", "x.pdf"],
        ["verify", "VC1AAAA"],
        ["day-list", "--date", "2026-11-22", "--out", "x.pdf"],
    ],
)
def test_missing_database(tmp_path, capsys, verb):
    status, said, err = run(capsys, *verb, "--db", tmp_path / "missing.sqlite3")
    assert status == 2 and "There is no database" in err and not (tmp_path / "missing.sqlite3").exists()


def test_a_days_passes_leave_out_virtual_visits_and_say_how_many(world, tmp_path, capsys):
    from tests.unit.passes.test_day_passes import virtual_session

    world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum, world.child])
    world.desk.visits.book_visit(virtual_session(world), world.prisoner, [world.gran])
    world.desk.close()
    out = tmp_path / "day.pdf"
    status, said, err = run(capsys, "passes", "--db", world.desk.ctx.db_path, "--date", "2026-11-22", "--out", out)
    assert status == 0 and err == ""
    assert "1 pass for Sunday 22 November 2026" in said
    assert "1 virtual visit is left out: they join by video, with no pass." in said
    assert len(pypdfium2.PdfDocument(out.read_bytes())) == 1
