"""Backups and the data-protection verbs on real files: copies that verify, private modes, restore, purge and erase."""

from __future__ import annotations

import json
import sqlite3
import stat
from datetime import datetime, timedelta

import pytest

from visitorcentre import cli
from visitorcentre.db import backups, engine
from visitorcentre.desk import open_desk


def run(capsys, *argv):
    status = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    path = tmp_path_factory.mktemp("backups") / "desk.sqlite3"
    assert cli.main(["demo", "--db", str(path), "--visitors", "80", "--days", "4", "--activity", "10"]) == 0
    return path


@pytest.fixture
def demo(seeded, tmp_path):
    path = tmp_path / "desk.sqlite3"
    backups.copy_database(seeded, path)
    return path


def test_a_new_database_is_private_to_the_desks_account(tmp_path, seeded):
    assert mode(seeded) == 0o600
    fresh = tmp_path / "fresh" / "desk.sqlite3"
    open_desk(fresh).close()
    assert mode(fresh) == 0o600
    assert all(mode(p) == 0o600 for p in fresh.parent.glob("desk.sqlite3*"))


def test_the_backup_verb_makes_a_checked_private_copy_with_everything(demo, tmp_path, capsys):
    out = tmp_path / "copies" / "desk-copy.sqlite3"
    out.parent.mkdir()
    status, said, err = run(capsys, "backup", "--db", demo, "--out", out)
    assert status == 0 and "integrity_check ok" in said and err == ""
    assert mode(out) == 0o600
    assert sorted(p.name for p in out.parent.iterdir()) == ["desk-copy.sqlite3"]  # no WAL or part file beside it
    with sqlite3.connect(out) as copy, sqlite3.connect(demo) as original:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        for table in ("visitor", "visit", "visit_person", "audit_event", "outbox_op"):
            query = f"SELECT count(*) FROM {table}"
            assert copy.execute(query).fetchone() == original.execute(query).fetchone()


def test_a_backup_while_the_desk_is_writing_is_consistent(demo, tmp_path):
    desk = open_desk(demo)
    try:
        with desk.ctx.write_sessions() as session:  # an open write transaction on another connection
            session.execute(__import__("sqlalchemy").text("UPDATE visitor SET notes = 'mid-write'"))
            made = backups.copy_database(demo, tmp_path / "during.sqlite3")
            session.commit()
    finally:
        desk.close()
    with sqlite3.connect(made) as copy:
        assert copy.execute("SELECT count(*) FROM visitor WHERE notes = 'mid-write'").fetchone()[0] == 0


def test_daily_backups_keep_the_last_n_and_skip_a_day_already_done(demo, tmp_path):
    folder = tmp_path / "backups"
    start = datetime(2026, 11, 1, 9)
    for day in range(5):
        assert backups.daily_backup(demo, folder, 3, start + timedelta(days=day)) is not None
    assert backups.daily_backup(demo, folder, 3, start + timedelta(days=4, hours=5)) is None
    kept = sorted(p.name for p in folder.iterdir())
    assert kept == [f"desk-daily-2026110{d}-090000.sqlite3" for d in (3, 4, 5)]
    assert [b.taken.day for b in backups.backups_of(demo, folder)] == [5, 4, 3]


def test_the_latest_good_backup_skips_a_damaged_one_and_restore_keeps_the_damaged_file(demo, tmp_path):
    folder = tmp_path / "backups"
    older = backups.daily_backup(demo, folder, 7, datetime(2026, 11, 20, 9))
    newer = backups.daily_backup(demo, folder, 7, datetime(2026, 11, 21, 9))
    with open(newer, "r+b") as handle:
        handle.seek(4096)
        handle.write(b"\x00" * 8192)
    assert backups.latest_good_backup(demo, folder).path == older
    original = demo.read_bytes()[:100]
    aside = backups.restore_and_migrate(demo, older, datetime(2026, 11, 22, 10))
    assert aside.name == "desk-damaged-20261122-100000.sqlite3" and aside.read_bytes()[:100] == original
    assert backups.check(demo, thorough=True).ok and mode(demo) == 0o600
    assert engine.is_up_to_date(demo)


def test_a_damaged_backup_is_not_restored(demo, tmp_path):
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(demo.read_bytes()[: demo.stat().st_size // 2])
    before = demo.read_bytes()
    with pytest.raises(backups.BackupFailed, match="damaged too"):
        backups.restore(demo, broken, datetime(2026, 11, 22, 10))
    assert demo.read_bytes() == before and not list(tmp_path.glob("desk-damaged-*"))


def test_purge_verb_dry_run_and_json(demo, capsys):
    status, out, _ = run(capsys, "purge", "--db", demo, "--dry-run", "--json")
    dry = json.loads(out)
    assert (
        status == 0
        and dry["dry_run"] is True
        and set(dry["cut_offs"]) == {"visitor", "photo_id", "application", "feedback"}
    )
    status, out, _ = run(capsys, "purge", "--db", demo, "--json")
    real = json.loads(out)
    assert status == 0 and {k: v for k, v in real.items() if k != "dry_run"} == {
        k: v for k, v in dry.items() if k != "dry_run"
    }
    status, out, _ = run(capsys, "purge", "--db", demo)
    assert status == 0 and out.startswith("Anonymised: 0 visitors")


def test_export_and_erase_verbs_record_who_did_it(demo, tmp_path, capsys):
    with sqlite3.connect(demo) as c:
        visitor = c.execute(
            "SELECT v.id FROM visitor v WHERE NOT EXISTS (SELECT 1 FROM visit_person p JOIN visit "
            "vi ON vi.id = p.visit_id WHERE p.visitor_id = v.id AND vi.status IN ('booked', "
            "'arrived', 'checked_in', 'in_hall')) AND NOT EXISTS (SELECT 1 FROM ban b WHERE "
            "b.visitor_id = v.id) LIMIT 1"
        ).fetchone()[0]
    out = tmp_path / "person.json"
    status, said, _ = run(capsys, "export-visitor", visitor, "--db", demo, "--out", out)
    assert status == 0 and mode(out) == 0o600 and json.loads(out.read_text())["visitor"]["id"] == visitor
    status, said, err = run(capsys, "erase-visitor", visitor, "--db", demo, "--reason", "asked in writing")
    assert status == 0, err
    status, _out, err = run(capsys, "erase-visitor", visitor, "--db", demo, "--reason", "again")
    assert status == 2 and "already been erased" in err
    with sqlite3.connect(demo) as c:
        rows = c.execute(
            "SELECT action, actor FROM audit_event WHERE entity_id = ? AND action IN "
            "('export_visitor', 'erase_visitor')",
            (visitor,),
        ).fetchall()
    assert sorted(rows) == [("erase_visitor", "Command line"), ("export_visitor", "Command line")]


def test_the_new_verbs_have_help(capsys):
    for verb in ("purge", "export-visitor", "erase-visitor", "backup"):
        with pytest.raises(SystemExit) as exit_:
            cli.main([verb, "--help"])
        assert exit_.value.code == 0 and "usage: visitorcentre" in capsys.readouterr().out
