"""The purge: what is past retention is anonymised, the report figures stay exactly the same."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import date, datetime, timedelta

import pytest

from tests.unit.cost_of_visits.test_services_cost_applications import filled, png_file
from visitorcentre import cli
from visitorcentre.core.clock import Clock, FixedClock
from visitorcentre.core.errors import NotAllowed
from visitorcentre.core.staff import Actor
from visitorcentre.desk import Desk, open_desk
from visitorcentre.files import receipts as receipt_files

MANAGER = Actor("Morag Duncan", "manager")


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    path = tmp_path_factory.mktemp("purge") / "demo.sqlite3"
    assert (
        cli.main(["demo", "--db", str(path), "--visitors", "400", "--days", "14", "--seed", "7", "--activity", "40"])
        == 0
    )
    return path


@pytest.fixture
def demo(seeded, tmp_path):
    path = tmp_path / "demo.sqlite3"
    shutil.copy(seeded, path)
    return path


def _span(path) -> tuple[date, date]:
    with sqlite3.connect(path) as c:
        first, last = c.execute("SELECT min(date), max(date) FROM visit_session").fetchone()
        first_feedback = c.execute("SELECT min(given_on) FROM feedback").fetchone()[0]
    return min(date.fromisoformat(first), date.fromisoformat(first_feedback)), date.fromisoformat(last)


def report_json(desk: Desk, path) -> str:
    start, end = _span(path)
    return json.dumps(desk.engagement.report(start, end).as_json(), sort_keys=True, default=str)


def _applications_with_receipts(path, tmp_path) -> list[str]:
    """Two travel-cost applications from recent demo visits, each with a receipt file."""
    desk = open_desk(path, actor=MANAGER, clock=Clock())
    try:
        with sqlite3.connect(path) as c:
            visits = [
                r[0]
                for r in c.execute(
                    "SELECT v.id FROM visit v JOIN visit_session s ON s.id = v.session_id JOIN visit_person p "
                    "ON p.visit_id = v.id AND p.position = 0 JOIN relationship r ON r.visitor_id = p.visitor_id "
                    "AND r.prisoner_id = v.prisoner_id AND r.kind = 'partner' WHERE v.status = 'completed' "
                    "AND s.date < date('now') ORDER BY s.date DESC LIMIT 2"
                )
            ]
        ids = []
        for number, visit_id in enumerate(visits):
            form = filled(desk.costs.start(visit_id=visit_id))
            application_id = desk.costs.save(form)
            desk.costs.attach(
                application_id,
                png_file(tmp_path, f"r{number}.png", colour=("red", "blue")[number]),
                "receipt",
                expense_index=1,
            )
            ids.append(application_id)
        return ids
    finally:
        desk.close()


def later_desk(path, years: int = 3) -> Desk:
    return open_desk(
        path, actor=MANAGER, clock=FixedClock(datetime.now().replace(microsecond=0) + timedelta(days=365 * years))
    )


def test_purging_everything_keeps_every_report_figure_and_removes_who_they_were(demo, tmp_path):
    applications = _applications_with_receipts(demo, tmp_path)
    with sqlite3.connect(demo) as c:
        names = c.execute(
            "SELECT first_name, last_name, phone, postcode FROM visitor WHERE phone != '' LIMIT 50"
        ).fetchall()
        files = [r[0] for r in c.execute("SELECT sha256 FROM cost_attachment")]
    assert len(applications) == 2 and all(receipt_files.blob_path(sha).exists() for sha in files)
    desk = later_desk(demo)
    try:
        before = report_json(desk, demo)
        dry = desk.records.purge(dry_run=True)
        result = desk.records.purge()
        after = report_json(desk, demo)
        assert after == before
        assert json.loads(after)["children"] > 0 and json.loads(after)["first_time_visitors"] > 0
        assert (dry.visitors, dry.applications, dry.feedback, dry.visits, dry.receipt_files) == (
            result.visitors,
            result.applications,
            result.feedback,
            result.visits,
            result.receipt_files,
        )
        assert result.applications == 2 and result.receipt_files == 2 and result.visitors > 300
        assert desk.visits.search(names[0][1]) == []
        again = desk.records.purge()
        assert (again.visitors, again.applications, again.feedback, again.visits) == (0, 0, 0, 0)
    finally:
        desk.close()
    with sqlite3.connect(demo) as c:
        left = c.execute(
            "SELECT first_name || ' ' || last_name || phone || email || address || postcode || notes "
            "|| id_checked || support_needs FROM visitor WHERE id NOT IN "
            "(SELECT visitor_id FROM ban WHERE ends_on IS NULL OR ends_on >= date('now', '+3 years'))"
        ).fetchall()
        assert {row[0] for row in left} == {"Name removed"}
        everything = "\n".join(
            str(r)
            for table in ("visitor", "cost_application", "cost_attachment", "feedback")
            for r in c.execute(f"SELECT * FROM {table}")
        )
        banned = {r[0] for r in c.execute("SELECT v.phone FROM visitor v JOIN ban b ON b.visitor_id = v.id")}
        for _first, _last, phone, postcode in names:
            if phone not in banned:
                assert phone not in everything and postcode not in everything
        assert c.execute("SELECT count(*) FROM feedback WHERE comment != '' OR name != ''").fetchone()[0] == 0
        assert (
            c.execute(
                "SELECT count(*) FROM cost_application WHERE expenses != '[]' OR children != '[]' OR benefit != 'none'"
            ).fetchone()[0]
            == 0
        )
        assert (
            c.execute("SELECT count(*) FROM visitor_search WHERE terms != ''").fetchone()[0]
            == c.execute("SELECT count(*) FROM visitor WHERE search_terms != ''").fetchone()[0]
        )
        # every anonymised visitor's change has its audit event and its outbox op
        audited = c.execute("SELECT count(*) FROM audit_event WHERE action = 'anonymise_visitor'").fetchone()[0]
        sent = c.execute(
            "SELECT count(*) FROM outbox_op o JOIN audit_event a ON a.entity_id = o.row_id "
            "AND a.action = 'anonymise_visitor' WHERE o.payload LIKE '%\"first_name\": \"Name\"%'"
        ).fetchone()[0]
        assert audited == result.visitors and sent == audited
        summaries = " ".join(r[0] for r in c.execute("SELECT summary FROM audit_event WHERE action LIKE 'anonymise%'"))
    assert not any(name in summaries.split() for _first, name, _p, _c in names)
    assert not any(receipt_files.blob_path(sha).exists() or receipt_files.thumbnail_path(sha).exists() for sha in files)


def test_a_dry_run_writes_nothing(demo):
    desk = later_desk(demo)
    try:
        with sqlite3.connect(demo) as c:
            before = [c.execute(f"SELECT count(*), total_changes() FROM {t}").fetchone() for t in ("audit_event",)]
            visitors_before = c.execute("SELECT * FROM visitor ORDER BY id").fetchall()
            ops_before = c.execute("SELECT count(*) FROM outbox_op").fetchone()[0]
        result = desk.records.purge(dry_run=True)
        assert result.dry_run and result.visitors > 0
        with sqlite3.connect(demo) as c:
            assert [c.execute("SELECT count(*), total_changes() FROM audit_event").fetchone()] == before
            assert c.execute("SELECT * FROM visitor ORDER BY id").fetchall() == visitors_before
            assert c.execute("SELECT count(*) FROM outbox_op").fetchone()[0] == ops_before
    finally:
        desk.close()


def test_nothing_recent_is_purged_and_photo_details_go_after_six_months(demo):
    desk = open_desk(demo, actor=MANAGER, clock=FixedClock(datetime.now().replace(microsecond=0) + timedelta(days=250)))
    try:
        before = report_json(desk, demo)
        with sqlite3.connect(demo) as c:
            recent = c.execute(
                "SELECT count(DISTINCT visitor_id) FROM visit_person WHERE session_date >= date('now', '-400 days')"
            ).fetchone()[0]
        result = desk.records.purge()
        assert report_json(desk, demo) == before
        assert result.photo_id > 0
        with sqlite3.connect(demo) as c:
            kept = c.execute("SELECT count(*) FROM visitor WHERE first_name != 'Name'").fetchone()[0]
            assert kept >= recent
            # nobody whose last visit was within six months (of the later day) lost their ID details
            stale = c.execute(
                "SELECT count(*) FROM visitor v WHERE id_checked != '' AND (SELECT max(session_date) "
                "FROM visit_person p WHERE p.visitor_id = v.id) < date('now', '+250 days', '-6 months')"
            ).fetchone()[0]
            assert stale == 0
    finally:
        desk.close()


def test_a_visitor_with_a_ban_in_force_is_kept(world):
    desk = open_desk(
        world.desk.ctx.db_path, actor=MANAGER, clock=FixedClock(datetime(2028, 12, 1, 9)), establishment="BAR"
    )
    try:
        with desk.ctx.write_sessions() as s:
            s.execute(__import__("sqlalchemy").text("UPDATE ban SET ends_on = NULL"))
            s.commit()
        result = desk.records.purge()
        assert result.kept_for_bans == 1
        assert desk.visits.visitor_record(world.banned).details.first_name == "Craig"
        assert desk.visits.visitor_record(world.mum).details.first_name == "Name"
    finally:
        desk.close()


def test_a_desk_worker_cannot_purge(desk_worker):
    with pytest.raises(NotAllowed, match="Only a manager"):
        desk_worker.records.purge()


def test_a_wrong_retention_setting_is_one_plain_message(world):
    from visitorcentre.config import settings
    from visitorcentre.core.errors import InvalidInput

    with world.desk.ctx.write_sessions() as session:
        settings.put(session, settings.RETENTION_VISITOR_MONTHS, 0)
        session.commit()
    with pytest.raises(InvalidInput, match="retention setting is wrong"):
        world.desk.records.purge(dry_run=True)
