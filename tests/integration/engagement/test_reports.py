"""Reports on a seeded demo equal direct SQL counts; the report, poster and directory verbs; mistakes;
migration 0005."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from datetime import date, timedelta

import pypdfium2 as pdfium
import pytest

from visitorcentre import cli
from visitorcentre.core.staff import Actor
from visitorcentre.desk import open_desk

ADMITTED = "('checked_in', 'in_hall', 'completed')"


def run(capsys, *argv):
    status = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def pdf_text(pdf: bytes) -> str:
    document = pdfium.PdfDocument(io.BytesIO(pdf))
    return "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("reports") / "demo.sqlite3"
    assert (
        cli.main(["demo", "--db", str(path), "--visitors", "1200", "--days", "14", "--seed", "11", "--activity", "60"])
        == 0
    )
    return path


@pytest.fixture(scope="module")
def span(demo):
    with sqlite3.connect(demo) as c:
        first, last = c.execute("SELECT min(date), max(date) FROM visit_session").fetchone()
    # A range cutting through the history: some weeks of the past and the days ahead.
    end = date.fromisoformat(last)
    return end - timedelta(days=45), end


def one(connection, sql, *params):
    return connection.execute(sql, params).fetchone()[0]


@pytest.mark.parametrize("establishment", [None, "BAR"])
def test_report_figures_equal_direct_counts(demo, span, establishment):
    start, end = span
    desk = open_desk(demo, actor=Actor("Reader", "desk"))
    try:
        report = desk.engagement.report(start, end, establishment)
    finally:
        desk.close()
    est = "AND s.establishment = ?" if establishment else ""
    extra = (establishment,) if establishment else ()
    rng = (start.isoformat(), end.isoformat(), *extra)
    visits = f"FROM visit v JOIN visit_session s ON s.id = v.session_id WHERE s.date BETWEEN ? AND ? {est}"
    people = (
        f"FROM visit_person p JOIN visit v ON v.id = p.visit_id JOIN visit_session s ON s.id = v.session_id "
        f"WHERE s.date BETWEEN ? AND ? {est}"
    )
    with sqlite3.connect(demo) as c:
        assert report.total_visits == one(c, f"SELECT count(*) {visits}", *rng) > 0
        assert report.by_kind == dict(c.execute(f"SELECT s.kind, count(*) {visits} GROUP BY s.kind", rng).fetchall())
        assert report.virtual == one(c, f"SELECT count(*) {visits} AND s.kind = 'virtual'", *rng) > 0
        assert report.physical == report.total_visits - report.virtual
        assert report.no_shows == one(c, f"SELECT count(*) {visits} AND v.status = 'no_show'", *rng)
        assert report.support_needs == one(c, f"SELECT count(*) {visits} AND v.support_needs != '[]'", *rng) > 0
        refusals = dict(
            c.execute(f"SELECT p.reason, count(*) {people} AND p.outcome = 'refused' GROUP BY p.reason", rng).fetchall()
        )
        assert report.refusals == refusals and sum(refusals.values()) > 0
        # children: people let in who were under their establishment's adult age on the day (counted in Python)
        children = admitted = 0
        ages = dict(c.execute("SELECT code, adult_age FROM establishment").fetchall())
        for day, born, code in c.execute(
            f"SELECT s.date, vi.date_of_birth, s.establishment "
            f"{people.replace('WHERE', 'JOIN visitor vi ON vi.id = p.visitor_id WHERE')} "
            f"AND p.outcome = 'checked_in' AND v.status IN {ADMITTED}",
            rng,
        ):
            day, born = date.fromisoformat(day), date.fromisoformat(born)
            age = day.year - born.year - ((day.month, day.day) < (born.month, born.day))
            admitted += 1
            children += age < ages[code]
        assert (report.children, report.visitors_admitted) == (children, admitted)
        assert children > 0
        # first-time: visitors whose earliest visit that went ahead (anywhere) is in the range, at this establishment
        firsts = c.execute(
            f"SELECT p.visitor_id, min(s.date) FROM visit_person p JOIN visit v ON v.id = p.visit_id "
            f"JOIN visit_session s ON s.id = v.session_id WHERE p.outcome = 'checked_in' "
            f"AND v.status IN {ADMITTED} GROUP BY p.visitor_id"
        ).fetchall()
        first_days = {vid: day for vid, day in firsts if start.isoformat() <= day <= end.isoformat()}
        if establishment:
            here = {
                vid
                for (vid,) in c.execute(
                    f"SELECT DISTINCT p.visitor_id {people} AND p.outcome = 'checked_in' AND v.status IN {ADMITTED}",
                    rng,
                )
            }
            first_days = {vid: day for vid, day in first_days.items() if vid in here}
        assert report.first_time_visitors == len(first_days)
        assert report.advice_given == one(
            c,
            f"SELECT count(*) FROM advice_given a JOIN visit v ON v.id = a.visit_id "
            f"JOIN visit_session s ON s.id = v.session_id "
            f"WHERE s.date BETWEEN ? AND ? {est}",
            *rng,
        )
        apps = "FROM cost_application WHERE visit_date BETWEEN ? AND ?" + (
            " AND establishment = ?" if establishment else ""
        )
        assert report.cost_applications.count == one(c, f"SELECT count(*) {apps}", *rng)
        assert report.cost_applications.total_pence == one(c, f"SELECT coalesce(sum(total_pence), 0) {apps}", *rng)
        fb = "FROM feedback WHERE given_on BETWEEN ? AND ?" + (" AND establishment = ?" if establishment else "")
        assert report.feedback.count == one(c, f"SELECT count(*) {fb}", *rng) > 0
        assert report.feedback.average == round(one(c, f"SELECT avg(rating) {fb}", *rng), 2)
        assert report.feedback.by_rating == {
            r: one(c, f"SELECT count(*) {fb} AND rating = ?", *rng, r) for r in range(1, 6)
        }
    # the weekly series add up to the totals
    assert sum(report.physical_weekly) + sum(report.virtual_weekly) == report.total_visits
    assert sum(sum(v) for v in report.visits_by_kind_weekly.values()) == report.total_visits
    assert sum(report.first_time_weekly) == report.first_time_visitors
    assert sum(report.refusals_weekly) == report.refused
    assert sum(report.feedback_count_weekly) == report.feedback.count
    assert len(report.weeks) == len(report.no_shows_weekly) == len(report.feedback_average_weekly)
    assert report.weeks[0] <= start < report.weeks[0] + timedelta(days=7) and report.weeks[0].weekday() == 0


def test_total_visits_match_the_day_lists(demo, span):
    start, end = span
    desk = open_desk(demo, actor=Actor("Reader", "desk"))
    try:
        report = desk.engagement.report(start, start + timedelta(days=6))
        listed = sum(len(_day_list(desk, start + timedelta(days=i))) for i in range(7))
    finally:
        desk.close()
    assert report.total_visits == listed


def _day_list(desk, day):
    from visitorcentre.db import queries

    with desk.ctx.reading() as session:
        return queries.day_list(session, day)


def test_report_json_csv_and_pdf_from_the_command_line(demo, span, capsys, tmp_path):
    start, end = span
    status, out, err = run(
        capsys,
        "report",
        "--db",
        demo,
        "--from",
        start,
        "--to",
        end,
        "--format",
        "json",
        "--pdf",
        tmp_path / "report.pdf",
    )
    assert status == 0, err
    data = json.loads(out)
    for key in (
        "total_visits",
        "by_kind",
        "virtual",
        "first_time_visitors",
        "children",
        "refusals",
        "cost_applications",
        "feedback",
    ):
        assert key in data
    assert data["total_visits"] == sum(data["by_kind"].values()) > 0
    assert set(data["cost_applications"]) >= {"count", "total_pence", "by_status"}
    assert set(data["feedback"]) >= {"count", "average", "by_rating", "over_time"}
    text = pdf_text((tmp_path / "report.pdf").read_bytes())
    assert "Family contact report" in text and f"{data['total_visits']:,}" in text
    assert "Visits per week, by kind of visit" in text and "Feedback: average rating" in text

    status, out, _ = run(capsys, "report", "--db", demo, "--from", start, "--to", end, "--format", "csv")
    assert status == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert ["visits", "total_visits", str(data["total_visits"])] in rows
    assert any(row and row[0] == "week" for row in rows)

    status, out, _ = run(capsys, "report", "--db", demo, "--from", start, "--to", end, "--establishment", "bar")
    assert status == 0 and "Visits:" in out and "(BAR)" in out


@pytest.mark.parametrize(
    "argv, words",
    [
        (["--from", "2026-11-30", "--to", "2026-11-01"], "before"),
        (["--from", "30/11/2026", "--to", "2026-12-01"], "not a date"),
        (["--from", "2026-11-01", "--to", "2026-11-30", "--format", "xml"], "invalid choice"),
        (["--from", "2026-11-01", "--to", "2026-11-30", "--establishment", "XXX"], "no establishment"),
        (["--to", "2026-11-30"], "required"),
    ],
)
def test_report_mistakes_are_one_line_and_exit_2(demo, capsys, argv, words):
    status, out, err = run(capsys, "report", "--db", demo, *argv)
    assert status == 2 and out == ""
    assert words in err and len(err.strip().splitlines()) == 1


def test_a_missing_database_is_a_mistake(tmp_path, capsys):
    status, _, err = run(
        capsys, "report", "--db", tmp_path / "none.sqlite3", "--from", "2026-01-01", "--to", "2026-01-31"
    )
    assert status == 2 and "no database" in err
    assert not (tmp_path / "none.sqlite3").exists()


def test_poster_and_directory_verbs(demo, capsys, tmp_path):
    status, _, err = run(capsys, "poster", "--db", demo, "--establishment", "GRE", "--out", tmp_path / "p.pdf")
    assert status == 0, err
    text = pdf_text((tmp_path / "p.pdf").read_bytes())
    assert "You said, we did" in text and "HMP Greenock" in text and "We did" in text
    status, _, err = run(capsys, "support-directory", "--db", demo, "--out", tmp_path / "d.pdf")
    assert status == 0, err
    text = pdf_text((tmp_path / "d.pdf").read_bytes())
    assert "0800 254 0088" in text and "Visitor Centre" in text
    status, _, err = run(capsys, "poster", "--db", demo, "--out", tmp_path / "no" / "p.pdf")
    assert status == 2 and "no folder" in err


def test_demo_engagement_data(demo):
    with sqlite3.connect(demo) as c:
        assert one(c, "SELECT count(DISTINCT establishment) FROM feedback") == 5
        assert one(c, "SELECT count(*) FROM feedback WHERE by_child") > 0
        assert one(c, "SELECT count(*) FROM feedback WHERE NOT anonymous AND name != ''") > 0
        assert one(c, "SELECT count(*) FROM feedback WHERE anonymous AND name != ''") == 0
        assert one(c, "SELECT count(DISTINCT establishment) FROM feedback_response") == 5
        assert one(c, "SELECT count(*) FROM support_service WHERE national AND name LIKE 'Families Outside%'") == 1
        assert one(c, "SELECT count(DISTINCT establishment) FROM support_service WHERE NOT national") == 5
        assert (
            one(
                c,
                "SELECT count(*) FROM visit v JOIN visit_session s ON s.id = v.session_id "
                "WHERE s.kind = 'virtual' AND v.support_needs != '[]'",
            )
            == 0
        )
    desk = open_desk(demo, actor=Actor("Reader", "desk"))
    try:
        names = [s.name for s in desk.engagement.support_services("EDI")]
        assert names.count("Families Outside helpline") == 1 and "Edinburgh Visitor Centre" in names
        assert "Barlinnie Visitor Centre" not in names
    finally:
        desk.close()


def test_migration_0005_goes_down_and_up(tmp_path):
    from alembic import command

    from visitorcentre.db import engine as db_engine

    db = tmp_path / "m.sqlite3"
    db.touch()
    config = db_engine.alembic_config(db_engine.sqlite_url(db))
    command.upgrade(config, "head")
    command.downgrade(config, "0004")
    with sqlite3.connect(db) as c:
        tables = {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert not {"feedback", "feedback_response", "support_service"} & tables
        assert "support_needs" not in {r[1] for r in c.execute("PRAGMA table_info(visit)")}
    command.upgrade(config, "head")
    with sqlite3.connect(db) as c:
        assert "support_needs" in {r[1] for r in c.execute("PRAGMA table_info(visit)")}
