"""Opening a desk database that is already up to date stays cheap, and agrees with Alembic."""

from __future__ import annotations

import subprocess
import sys

from visitorcentre.db import engine


def test_the_cheap_head_is_alembics_head():
    assert engine.newest_revision_file() == engine.head_revision()


def test_up_to_date_only_after_migrating(tmp_path):
    path = tmp_path / "desk.sqlite3"
    assert not engine.is_up_to_date(path)
    engine.migrate(path)
    assert engine.is_up_to_date(path)
    assert engine.migrate(path) is None


def test_an_empty_file_is_not_up_to_date(tmp_path):
    path = tmp_path / "empty.sqlite3"
    path.touch()
    assert not engine.is_up_to_date(path)


def test_opening_an_up_to_date_desk_does_not_load_alembic(tmp_path):
    path = tmp_path / "desk.sqlite3"
    engine.migrate(path)
    probe = (
        "import sys; from visitorcentre.desk import open_desk; open_desk(sys.argv[1]).close(); "
        "print('alembic' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
