"""Every file the desk writes is private: after a realistic session, the data folder holds only 0600 files
in 0700 folders (the database and its journal, the log and its rotated copies, backups, receipts and
their thumbnails, passes, leaflets, reports, exports)."""

from __future__ import annotations

import io
import logging
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from tests.integration.servers import cli
from visitorcentre.config import logs, paths
from visitorcentre.files import receipts as receipt_files

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def modes(folder: Path) -> tuple[list[str], list[str]]:
    """(folders not 0700, files not 0600) under ``folder``, itself included."""
    loose_folders, loose_files = [], []
    for root, _folders, files in os.walk(folder):
        if stat.S_IMODE(os.stat(root).st_mode) != 0o700:
            loose_folders.append(f"{root} {oct(stat.S_IMODE(os.stat(root).st_mode))}")
        for name in files:
            mode = stat.S_IMODE(os.stat(Path(root) / name).st_mode)
            if mode != 0o600:
                loose_files.append(f"{Path(root) / name} {oct(mode)}")
    return loose_folders, loose_files


def run(*args: str) -> str:
    done = cli(*args, env={"VISITORCENTRE_DATA_DIR": str(paths.data_dir())})
    assert done.returncode == 0, done.stderr
    return done.stdout


def picture() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (400, 300), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def test_a_session_leaves_only_private_files_in_the_data_folder(tmp_path):
    data = paths.data_dir()
    db = data / "desk.sqlite3"
    out = data / "printouts"
    out.mkdir(mode=0o700)
    # days ahead too, so there is a booked visit at any hour of the day
    run("demo", "--db", str(db), "--visitors", "60", "--days", "6", "--activity", "5")
    with sqlite3.connect(db) as connection:
        reference, day = connection.execute(
            "SELECT v.reference, s.date FROM visit v JOIN visit_session s ON s.id = v.session_id "
            "WHERE v.status = 'booked' AND s.kind != 'virtual' ORDER BY s.date LIMIT 1"
        ).fetchone()
        visitor = connection.execute("SELECT id FROM visitor LIMIT 1").fetchone()[0]
    run("pass", "--db", str(db), "--out", str(out / "pass.pdf"), reference)
    run("passes", "--db", str(db), "--date", str(day), "--out", str(out / "passes.pdf"), "--reason", "a new printer")
    run("leaflet", "--db", str(db), "--establishment", "BAR", "--out", str(out / "leaflet.pdf"), "visit-guide")
    run("report", "--db", str(db), "--from", "2020-01-01", "--to", "2030-12-31", "--pdf", str(out / "report.pdf"))
    run("export-visitor", "--db", str(db), "--out", str(out / "export.json"), visitor)
    run("backup", "--db", str(db), "--out", str(paths.backup_dir() / "by-hand.sqlite3"))
    source = tmp_path / "receipt.png"  # outside the data folder: the worker's own file
    source.write_bytes(picture())
    stored = receipt_files.store(receipt_files.check_file(source))
    assert receipt_files.thumbnail_path(stored.name).exists()

    made = {p.relative_to(data).as_posix() for p in data.rglob("*") if p.is_file()}
    assert {
        "desk.sqlite3",
        "printouts/pass.pdf",
        "printouts/passes.pdf",
        "printouts/leaflet.pdf",
        "printouts/report.pdf",
        "printouts/export.json",
        "logs/visitorcentre.log",
    } <= made, made
    assert any(name.endswith(".thumb.png") for name in made)
    assert modes(data) == ([], [])


def test_the_rotating_log_keeps_every_copy_private(tmp_path):
    handler = logs.PrivateRotatingFileHandler(paths.log_dir() / "rotating.log", maxBytes=200, backupCount=3)
    record = logging.LogRecord("t", logging.INFO, __file__, 1, "x" * 120, None, None)
    try:
        for _ in range(10):
            handler.emit(record)
    finally:
        handler.close()
    copies = sorted(p.name for p in paths.log_dir().iterdir())
    assert {"rotating.log", "rotating.log.1", "rotating.log.2"} <= set(copies)
    assert modes(paths.log_dir()) == ([], [])
