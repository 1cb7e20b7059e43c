"""The verbs that touch one record (search, visit, verify) read the database straight through sqlite3.

What they answer must be what the desk answers: every visit of a demo database (with centre
restrictions, a blocked session and today's arrivals added) is read both ways at several
moments of the day and compared whole; searches likewise. ``tests/integration/passes/
test_one_verdict.py`` compares ``verify`` with the hall door for every kind of pass. And they
must really leave SQLAlchemy unloaded, yet still upgrade (with a backup) a database an older
release left behind.
"""

from __future__ import annotations

import gzip
import sqlite3
import subprocess
import sys
import uuid
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from visitorcentre import cli
from visitorcentre.config import settings
from visitorcentre.core.clock import FixedClock
from visitorcentre.db import direct
from visitorcentre.db import engine as db_engine
from visitorcentre.desk import open_desk

RELEASE_DB = Path(__file__).resolve().parents[1] / "data" / "desk-0.1.0-rev0005.sqlite3.gz"
TODAY = date.today()


def _add_what_the_demo_lacks(path: Path) -> None:
    """Centre restrictions (in force, lifted, ended, to come) on some prisoners, and a blocked session.

    Written straight into the test database: the demo has none, and the comparison needs every branch.
    """
    db = sqlite3.connect(path)
    stamp = datetime(2026, 1, 1).isoformat(" ")
    prisoners = [row[0] for row in db.execute("SELECT id FROM prisoner ORDER BY id LIMIT 40")]
    spans = [
        ("no_child_contact", -30, None, None),
        ("closed_visits", -10, 20, None),
        ("other", -60, -5, None),
        ("no_child_contact", -90, None, -1),
        ("closed_visits", 3, 40, None),
    ]
    for index, prisoner_id in enumerate(prisoners):
        kind, start, end, lifted = spans[index % len(spans)]
        db.execute(
            "INSERT INTO restriction (prisoner_id, kind, detail, reason, starts_on, ends_on, lifted_on, lifted_reason,"
            " id, establishment, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'BAR', ?, ?, 1)",
            (
                prisoner_id,
                kind,
                "In the family room only" if kind == "other" else "",
                f"Reason {index}",
                (TODAY + timedelta(days=start)).isoformat(),
                None if end is None else (TODAY + timedelta(days=end)).isoformat(),
                None if lifted is None else (TODAY + timedelta(days=lifted)).isoformat(),
                "Lifted on review" if lifted is not None else "",
                str(uuid.uuid4()),
                stamp,
                stamp,
            ),
        )
    db.execute(
        "UPDATE visit_session SET blocked_reason = 'Staff shortage' WHERE id ="
        " (SELECT session_id FROM visit v JOIN visit_session s ON s.id = v.session_id WHERE s.date = ? LIMIT 1)",
        (TODAY.isoformat(),),
    )
    db.commit()
    db.close()


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("direct") / "demo.sqlite3"
    assert cli.main(["demo", "--db", str(path), "--visitors", "400", "--days", "7", "--seed", "11"]) == 0
    _add_what_the_demo_lacks(path)
    return path


@pytest.mark.parametrize("hour", [time(7, 0), time(13, 55), time(20, 0)])
def test_every_visit_reads_the_same_as_the_desk_panel(demo, hour):
    clock = FixedClock(datetime.combine(TODAY, hour))
    desk = open_desk(demo, clock=clock)
    reading = direct.open_reading(demo, clock)
    assert reading is not None
    try:
        with desk.ctx.reading() as session:
            ids = [row[0] for row in session.connection().exec_driver_sql("SELECT id FROM visit").all()]
        assert len(ids) > 1000
        differ = [vid for vid in ids if reading.visit(vid) != desk.visits.visit(vid)]
        assert differ == []
        assert reading.visit("no-such-visit") is None
    finally:
        reading.close()
        desk.close()


def test_the_comparison_sees_checks_restrictions_and_a_blocked_session(demo):
    """Not a comparison of empty panels: the demo gives the checks something to say."""
    reading = direct.open_reading(demo, FixedClock(datetime.combine(TODAY, time(13, 55))))
    assert reading is not None
    try:
        details = [reading.visit(vid) for (vid,) in reading.db.execute("SELECT id FROM visit")]
    finally:
        reading.close()
    assert any(d and d.restrictions for d in details)
    assert any(d and d.session.blocked for d in details)
    assert any(d and any(p.results for p in d.party) for d in details)
    assert any(d and d.party_results for d in details)
    assert any(d and d.first_visit for d in details)


@pytest.mark.parametrize(
    "text", ["mac", "anna mac", "MACDONALD ANNA", "zz", "  ", "S1000001", "s100", "o'", "ł", "x" * 60]
)
def test_search_answers_as_the_desk_does(demo, text):
    clock = FixedClock(datetime.combine(TODAY, time(10, 0)))
    desk = open_desk(demo, clock=clock)
    reading = direct.open_reading(demo, clock)
    assert reading is not None
    try:
        assert reading.search(text, limit=15) == desk.visits.search(text, limit=15)
        reference = reading.db.execute("SELECT reference FROM visit LIMIT 1").fetchone()[0]
        assert reading.search(reference.lower()) == desk.visits.search(reference.lower())
        assert reading.establishment == desk.ctx.establishment
    finally:
        reading.close()
        desk.close()


def test_the_desk_establishment_setting_is_the_one_read():
    assert direct.DESK_ESTABLISHMENT_KEY == settings.DESK_ESTABLISHMENT.key


@pytest.mark.parametrize("verb", [["search", "mac"], ["visit", "{reference}"], ["verify", "not-a-pass"]])
def test_the_verbs_load_no_sqlalchemy(demo, verb):
    reference = sqlite3.connect(demo).execute("SELECT reference FROM visit LIMIT 1").fetchone()[0]
    argv = [v.format(reference=reference) for v in verb] + ["--db", str(demo)]
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from visitorcentre.cli import main; status = main(sys.argv[1:]);"
            " print('LOADED' if [m for m in sys.modules if m.startswith('sqlalchemy')] else 'NOT LOADED', status)",
            *argv,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.stdout.strip().splitlines()[-1] in ("NOT LOADED 0", "NOT LOADED 1"), out.stderr


def test_a_database_from_an_older_release_is_upgraded_first(tmp_path, capsys):
    old = tmp_path / "desk.sqlite3"
    old.write_bytes(gzip.decompress(RELEASE_DB.read_bytes()))
    assert not db_engine.is_up_to_date(old)
    assert direct.open_reading(old) is None
    reference = sqlite3.connect(old).execute("SELECT reference FROM visit LIMIT 1").fetchone()[0]
    assert cli.main(["visit", reference, "--db", str(old)]) == 0
    assert f"Visit {reference}" in capsys.readouterr().out
    assert db_engine.is_up_to_date(old)
    assert cli.main(["search", "a", "--db", str(old)]) == 0
