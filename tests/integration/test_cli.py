"""The command line as an admin or a script uses it, including the mistakes people make."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date

import pytest

from visitorcentre import cli


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    assert cli.main(["demo", "--db", str(path), "--visitors", "300", "--days", "7", "--seed", "5"]) == 0
    return path


def run(capsys, *argv):
    status = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_demo_json_summary_counts_what_is_there(tmp_path, capsys):
    status, out, err = run(capsys, "demo", "--db", tmp_path / "d.sqlite3", "--visitors", "200", "--days", "7", "--json")
    summary = json.loads(out)
    assert status == 0 and err == ""
    assert set(summary) == {"establishments", "visitors", "visits", "sessions", "actions"}
    assert len(summary["establishments"]) >= 3
    assert summary["visitors"] >= 200 and summary["visits"] > 0 and summary["sessions"] > 0
    assert summary["actions"] == 0


def test_demo_is_the_same_for_the_same_seed(tmp_path, capsys):
    outputs = []
    for name in ("a", "b"):
        db = tmp_path / f"{name}.sqlite3"
        run(capsys, "demo", "--db", db, "--visitors", "150", "--days", "5", "--seed", "9")
        _, out, _ = run(capsys, "search", "a", "--db", db, "--limit", "50", "--json")
        outputs.append(out)
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0])


def test_demo_activity_acts_through_the_services(demo_db, capsys):
    status, out, _ = run(capsys, "demo", "--db", demo_db, "--activity", "25", "--seed", "3", "--json")
    summary = json.loads(out)
    assert status == 0
    assert summary["actions"] > 0
    import sqlite3

    with sqlite3.connect(demo_db) as connection:
        audited = connection.execute("SELECT count(*) FROM audit_event").fetchone()[0]
        queued = connection.execute("SELECT count(*) FROM outbox_op").fetchone()[0]
    assert audited >= summary["actions"] and queued >= summary["actions"]


def test_demo_refuses_a_database_with_real_records(world, capsys):
    status, out, err = run(capsys, "demo", "--db", world.desk.ctx.db_path, "--visitors", "100")
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and "not demo data" in err


def test_search_json_shape(demo_db, capsys):
    status, out, _ = run(capsys, "search", "mac", "--db", demo_db, "--limit", "5", "--json")
    hits = json.loads(out)
    assert status == 0 and 0 < len(hits) <= 5
    for hit in hits:
        assert set(hit) == {"visitor_id", "name", "date_of_birth", "visits"}
        for visit in hit["visits"]:
            assert set(visit) == {"reference", "date", "establishment", "status"}


def test_search_by_reference_finds_the_party(demo_db, capsys):
    _, out, _ = run(capsys, "visits", "--db", demo_db, "--date", date.today().isoformat(), "--json")
    visit = json.loads(out)[0]
    _, out, _ = run(capsys, "search", visit["reference"].lower(), "--db", demo_db, "--json")
    assert [h["visitor_id"] for h in json.loads(out)] == [p["visitor_id"] for p in visit["party"]]


def test_visits_day_list_json_shape_and_lead_first(world, capsys):
    desk = world.desk
    reference = desk.visits.book_visit(world.session_today, world.prisoner, [world.mum, world.child])
    status, out, _ = run(
        capsys, "visits", "--db", desk.ctx.db_path, "--date", "2026-11-22", "--establishment", "BAR", "--json"
    )
    visits = json.loads(out)
    assert status == 0 and len(visits) == 1
    visit = visits[0]
    assert set(visit) == {"reference", "establishment", "session_start", "kind", "prisoner", "party", "status"}
    assert visit["reference"] == reference and visit["session_start"] == "2026-11-22T14:00:00"
    assert visit["prisoner"] == {"number": "S100001", "name": "John MacDonald"}
    assert [p["visitor_id"] for p in visit["party"]] == [world.mum, world.child]
    assert visit["party"][0] == {
        "visitor_id": world.mum,
        "name": "Siobhán MacDonald",
        "date_of_birth": "1990-04-12",
        "outcome": "expected",
    }


def test_visit_shows_checks(world, capsys):
    desk = world.desk
    reference = desk.visits.book_visit(world.session_today, world.prisoner, [world.mum])
    status, out, _ = run(capsys, "visit", reference, "--db", desk.ctx.db_path)
    assert status == 0 and reference in out and "Siobhán MacDonald" in out


@pytest.mark.parametrize(
    "argv, says",
    [
        (["visits", "--db", "{db}", "--date", "2026-02-30"], "is not a date"),
        (["visits", "--db", "{db}", "--date", "tomorrow"], "is not a date"),
        (["visits", "--db", "{missing}", "--date", "2026-11-22"], "There is no database at"),
        (["search", "smith", "--db", "{missing}"], "There is no database at"),
        (["visit", "ZZZZZZ", "--db", "{db}"], "no visit with the reference"),
        (
            ["visits", "--db", "{db}", "--date", "2026-11-22", "--establishment", "XYZ"],
            "no establishment with the code",
        ),
        (["demo", "--db", "{db}", "--visitors", "-5"], "cannot be negative"),
        (["search", "--db", "{db}"], "the following arguments are required: query"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_mistakes_are_one_line_on_stderr(world, tmp_path, capsys, argv, says):
    argv = [a.format(db=world.desk.ctx.db_path, missing=tmp_path / "nowhere.sqlite3") for a in argv]
    status, out, err = run(capsys, *argv)
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and says in err
    assert not (tmp_path / "nowhere.sqlite3").exists()  # a mistake never creates a database


def test_a_real_process_gives_no_traceback(tmp_path):
    env = dict(os.environ, VISITORCENTRE_DATA_DIR=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-m", "visitorcentre", "visits", "--db", str(tmp_path / "x.sqlite3"), "--date", "2026-11-22"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and done.stderr.strip().startswith("visitorcentre:")


def test_every_verb_has_help(capsys):
    for verb in ("demo", "search", "visits", "visit"):
        with pytest.raises(SystemExit) as exit_:
            cli.main([verb, "--help"])
        assert exit_.value.code == 0
        assert "usage: visitorcentre" in capsys.readouterr().out
